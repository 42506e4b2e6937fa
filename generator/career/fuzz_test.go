package career

import (
	"testing"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
)

// FuzzLoad puts arbitrary text in place of one role and one skill of the
// fixture. Invariants: no panic; a failed Load returns only positioned
// errors in a file; a successful one exports.
func FuzzLoad(f *testing.F) {
	for _, role := range []string{engineerMD, seniorMD, leadMD, managerMD, opsMD} {
		f.Add(role, codingMD)
	}
	f.Add(seniorMD, designMD)
	f.Add("---\nid: senior\nlevel: &a 2\nweight: *a\nrelations: {leads_to: [*a]}\n---\n", codingMD)
	f.Add("---\nresponsibilities: {technical: [{id: [x], text: {a: b}}]}\n---\n", "---\nlevels: [1]\n---\n")
	f.Add("---\nscope: {a: b}\nbehaviours: {impact: {text: [x]}, influense: {}, '': 1}\nresponsibilities: {technical: [{id: a, text: b, meets: c, not_yet: [d]}]}\n---\n", codingMD)
	f.Add("no front matter", "---\nlevels: {senior: 3, '': {}}\n---\n")
	f.Fuzz(func(t *testing.T, role, skill string) {
		fx := baseFixture()
		fx["roles/senior.md"] = role
		fx["skills/design.md"] = skill
		var files []*content.File
		for p, src := range fx {
			cf, err := content.Parse("content/"+p, []byte(src))
			if err != nil {
				continue // content reports its own errors
			}
			cf.Path = p
			files = append(files, cf)
		}
		m, err := Load(files)
		if err != nil {
			if m != nil {
				t.Fatal("Load returned a model with an error")
			}
			for _, e := range diag.Flatten(err) {
				if e.File == "" || e.Line < 1 || e.Col < 1 {
					t.Fatalf("error without a position: %q", e.Error())
				}
			}
			return
		}
		if _, err := m.Export(); err != nil {
			t.Fatal(err)
		}
		m.Matrix()
		m.BehaviourMatrix()
	})
}
