package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The sidebar of a page five levels deep: its path unfolded (a <details
// open> per section), the page marked aria-current, the branches beside
// the path links with their counts, and nothing of what those hold; the
// whole tree is in assets/nav-tree.js instead.
func TestDeepNav(t *testing.T) {
	dir := writeSite(t, "testdata/sites/deepnav.txtar")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, dir, Options{Destination: dest}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	html := read("handbook/teams/platform/runbooks/rotate-keys/index.html")
	i, j := strings.Index(html, `<nav id="sidebar"`), strings.Index(html, "</nav>")
	if i < 0 || j < i {
		t.Fatal("no sidebar")
	}
	nav := html[i:j]
	find := func(re string) []string {
		var out []string
		for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(nav, -1) {
			out = append(out, m[1])
		}
		return out
	}
	// The top-level section holds few entries: always unfolded, no
	// <details>.
	if !strings.Contains(nav, `<a class="nav-heading" href="../../../../../handbook/">Handbook</a>`) {
		t.Error("the top-level section is not a heading")
	}
	if diff := cmp.Diff([]string{"Teams", "Platform", "Runbooks"},
		find(`<details open><summary class="nav-heading">([^<]+?) <span`)); diff != "" {
		t.Errorf("unfolded sections (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Rotate keys"}, find(`aria-current="page">([^<]+)<`)); diff != "" {
		t.Errorf("current (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"People", "Data", "Oncall", "Archive"},
		find(`<li class="nav-lazy"><a href="[^"]+" data-section="[^"]+">([^<]+)</a>`)); diff != "" {
		t.Errorf("folded branches beside the path (-want +got):\n%s", diff)
	}
	for _, hidden := range []string{"Old restore", "Rota", "Warehouse", "Hiring"} {
		if strings.Contains(nav, ">"+hidden+"<") {
			t.Errorf("the sidebar lists %q, inside a branch beside the path", hidden)
		}
	}
	if !strings.Contains(nav, `data-tree="../../../../../assets/nav-tree.js"`) {
		t.Errorf("the sidebar does not name the tree relative to the page: %.200s", nav)
	}
	tree := read("assets/nav-tree.js")
	for _, want := range []string{`"/handbook/teams/platform/runbooks/archive/":[["Old restore","/handbook/teams/platform/runbooks/archive/old-restore/",0]]`,
		`["Oncall","/handbook/teams/platform/oncall/",1]`, `["Hiring","/handbook/people/hiring/",0]`} {
		if !strings.Contains(tree, want) {
			t.Errorf("nav-tree.js lacks %s", want)
		}
	}
}
