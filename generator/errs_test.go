package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheckReportsEveryProblem: one check of a handbook with a problem in
// each stage reports all of them, sorted, each once; a build fails with
// the same lines and writes nothing (TestBadInput: the previous output
// is left alone).
func TestCheckReportsEveryProblem(t *testing.T) {
	want := []string{
		// anchors: an entry of anchors.lock
		"anchors.lock:2:1: published anchor /guides/rules/#gone is gone (add `anchor_aliases: {gone: <new-id>}` to content/guides/rules.md so old links land on the right item)",
		// front matter: YAML, and a misspelt key
		`content/guides/broken.md:2:8: title: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`,
		`content/guides/misspelt.md:3:1: unknown key "darft" (did you mean "draft"?)`,
		// the site model
		"content/guides/moved.md:2:1: alias /guides/rules/ is the URL of content/guides/rules.md (remove the alias or move the page)",
		// links and anchors
		`content/guides/rules.md:7:39: link to missing page "nowhere.md"`,
		`content/guides/rules.md:8:1: link "#linkng": page /guides/rules/ has no anchor #linkng (did you mean #linking?)`,
		// the career model
		`content/skills/review.md:7:3: levels: no role has id "principal" (role ids are the file names under content/roles/)`,
		// a layout failing on every section page, said once
		`themes/default/layouts/section.html:2:7: template error: executing "main" at <.Page.Nope>: can't evaluate field Nope in type *site.Page`,
	}
	dir := writeSite(t, "testdata/sites/problems.txtar")
	ctx := context.Background()
	_, _, err := Open(ctx, dir, Options{}).Check(ctx)
	if err == nil {
		t.Fatal("check found no problem")
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("check (-want +got):\n%s", diff)
	}

	_, err = buildSite(t, dir, Options{})
	if err == nil {
		t.Fatal("build succeeded")
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("build (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote its output: %v", err)
	}
}

// TestNoPhantomProblems: a page whose file has a problem is still a page
// to the rest of the check: links to it, by path, id or anchor, are not
// reported, nor are the career model's complaints when it is a role;
// the problem is reported once, where it is. A problem that stops the
// build at the site model (two files with one URL) is reported with those
// found before it.
func TestNoPhantomProblems(t *testing.T) {
	linking := "## Linking\n\nSee [t](target.md), [its steps](target.md#steps), [[target]] and [[target#steps]], " +
		"[the senior role](../roles/senior.md#role-summary) and [[senior#scope]].\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"front matter YAML", map[string]string{"content/guides/target.md": "---\ntitle: [x\n---\n## Steps\n"},
			[]string{`content/guides/target.md:2:8: title: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`}},
		{"front matter YAML, an id kept", map[string]string{
			"content/guides/target.md": "## Steps\n",
			"content/guides/other.md":  "---\nid: other-id\ntitle: [x\n---\nText.\n",
			"content/guides/more.md":   "See [[other-id]].\n"},
			[]string{`content/guides/other.md:3:8: title: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`}},
		{"front matter not closed", map[string]string{"content/guides/target.md": "---\ntitle: x\n## Steps\n"},
			[]string{`content/guides/target.md:1:1: front matter is not closed (end it with a line holding only "---")`}},
		{"front matter not a mapping", map[string]string{"content/guides/target.md": "---\n- a\n---\n## Steps\n"},
			[]string{"content/guides/target.md:2:1: front matter must be a mapping of keys to values (write it as `key: value` lines)"}},
		{"a key's value", map[string]string{"content/guides/target.md": "---\nweight: heavy\n---\n## Elsewhere\n"},
			[]string{`content/guides/target.md:2:9: weight: cannot use "heavy" here, want a whole number (lower weights come first, e.g. ` + "`weight: 10`)"}},
		{"not UTF-8", map[string]string{"content/guides/target.md": "## Steps\n\ncaf\xe9\n"},
			[]string{"content/guides/target.md:3:4: file is not valid UTF-8 (save it with UTF-8 encoding)"}},
		{"a role's front matter", map[string]string{
			"content/guides/target.md": "## Steps\n",
			"content/roles/senior.md":  "---\nid: senior\ntitle: [Senior\n---\n## Role summary\n"},
			[]string{`content/roles/senior.md:3:8: title: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`}},
		{"layouts that do not parse", map[string]string{
			"content/guides/target.md":         "---\ntitle: Target\nlayout: data\nitems: [one]\n---\n## Steps\n",
			"content/guides/more.md":           "See [[target#items-1]].\n",
			"themes/default/layouts/page.html": "{{define \"main\"}}\n{{.Nope}\n{{end}}\n"},
			[]string{`themes/default/layouts/page.html:2: template error: bad character U+007D '}'`}},
		{"two files with one URL", map[string]string{
			"content/guides/target.md":  "---\ntitle: [x\n---\n## Steps\n",
			"content/guides/Linking.md": "# Same URL\n"},
			[]string{
				`content/guides/linking.md:1:1: maps to URL /guides/linking/, as content/guides/Linking.md does (rename or move one of the two files)`,
				`content/guides/target.md:2:8: title: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, "testdata/sites/basic.txtar")
			writeFile(t, dir, "content/guides/linking.md", linking)
			for name, data := range tt.files {
				writeFile(t, dir, name, data)
			}
			ctx := context.Background()
			_, _, err := Open(ctx, dir, Options{}).Check(ctx)
			if err == nil {
				t.Fatal("check found no problem")
			}
			if diff := cmp.Diff(tt.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("check (-want +got):\n%s", diff)
			}
		})
	}
}

// TestProblemsFixed: once the problems are fixed, the checks they held
// back run again: a link into a page that had a problem is checked for its
// anchor.
func TestProblemsFixed(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	writeFile(t, dir, "content/guides/linking.md", "See [[target#stepz]].\n")
	writeFile(t, dir, "content/guides/target.md", "---\ntitle: [x\n---\n## Steps\n")
	ctx := context.Background()
	_, _, err := Open(ctx, dir, Options{}).Check(ctx)
	if err == nil || strings.Contains(err.Error(), "stepz") {
		t.Fatalf("err = %v, want the front matter's problem alone", err)
	}
	writeFile(t, dir, "content/guides/target.md", "---\ntitle: Target\n---\n## Steps\n")
	_, _, err = Open(ctx, dir, Options{}).Check(ctx)
	want := `content/guides/linking.md:1:5: link "[[target#stepz]]": page /guides/target/ has no anchor #stepz (did you mean #steps?)`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}
