package render

import (
	"encoding/json"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/themes"
)

// navSite is a tree five levels deep: a/b/c/d/leaf.md, with a section
// beside the path at each level and a second top-level section.
func navSite(t *testing.T) *site.Site {
	t.Helper()
	var files []*content.File
	for _, path := range []string{
		"_index.md", "top.md",
		"a/_index.md", "a/a1.md", "a/side/s.md",
		"a/b/b1.md", "a/b/side/s.md",
		"a/b/c/c1.md", "a/b/c/side/s.md",
		"a/b/c/d/leaf.md", "a/b/c/d/other.md",
		"z/z1.md", "z/deep/x.md",
	} {
		f, err := content.Parse(site.ContentDir+"/"+path, []byte("Text.\n"))
		if err != nil {
			t.Fatal(err)
		}
		f.Path = path
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	s, err := site.New(files, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// flatNav writes a sidebar as one line per entry: its depth in dots, its
// URL, and what it is: "current", "open", "lazy".
func flatNav(items []NavItem, depth int, out *[]string) {
	for _, n := range items {
		line := strings.Repeat(".", depth) + n.Page.URL
		if n.Current {
			line += " current"
		}
		if n.Open {
			line += " open"
		}
		if n.Lazy {
			line += " lazy"
		}
		*out = append(*out, line)
		flatNav(n.Items(), depth+1, out)
	}
}

// The sidebar lists the top two levels everywhere, and unfolds the path
// to the page at any depth; sections beside the path are lazy.
func TestNav(t *testing.T) {
	s := navSite(t)
	tests := []struct {
		page string
		want []string
	}{
		{"/", []string{
			"/a/", "./a/a1/", "./a/b/ lazy", "./a/side/ lazy",
			"/top/",
			"/z/", "./z/z1/", "./z/deep/ lazy",
		}},
		{"/a/b/c/d/leaf/", []string{
			"/a/ open", "./a/a1/", "./a/b/ open",
			"../a/b/b1/", "../a/b/c/ open",
			".../a/b/c/c1/", ".../a/b/c/d/ open", "..../a/b/c/d/leaf/ current", "..../a/b/c/d/other/", ".../a/b/c/side/ lazy",
			"../a/b/side/ lazy",
			"./a/side/ lazy",
			"/top/",
			"/z/", "./z/z1/", "./z/deep/ lazy",
		}},
		{"/a/b/", []string{
			"/a/ open", "./a/a1/", "./a/b/ current open",
			"../a/b/b1/", "../a/b/c/ lazy", "../a/b/side/ lazy",
			"./a/side/ lazy",
			"/top/",
			"/z/", "./z/z1/", "./z/deep/ lazy",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			p := s.Lookup(tt.page)
			if p == nil {
				t.Fatalf("no page %s", tt.page)
			}
			d := &Data{Site: &SiteData{Home: s.Home}, Page: p}
			var got []string
			flatNav(d.Nav(), 0, &got)
			// Pages sort by title: make the order of the fixture's
			// titles irrelevant.
			if diff := cmp.Diff(sortedLines(tt.want), sortedLines(got)); diff != "" {
				t.Errorf("sidebar of %s (-want +got):\n%s", tt.page, diff)
			}
		})
	}
}

func sortedLines(ls []string) []string {
	out := append([]string(nil), ls...)
	sort.Strings(out)
	return out
}

// NavTree holds every section's entries, sections with their counts.
func TestNavTree(t *testing.T) {
	s := navSite(t)
	js := string(NavTree(s))
	body, ok := strings.CutPrefix(js, "window.handbookNav=")
	if !ok || !strings.HasSuffix(body, ";\n") {
		t.Fatalf("NavTree = %.80q…, want window.handbookNav=…;", js)
	}
	var tree map[string][][3]any
	if err := json.Unmarshal([]byte(strings.TrimSuffix(body, ";\n")), &tree); err != nil {
		t.Fatal(err)
	}
	var sections []string
	for u := range tree {
		sections = append(sections, u)
	}
	sort.Strings(sections)
	want := []string{"/", "/a/", "/a/b/", "/a/b/c/", "/a/b/c/d/", "/a/b/c/side/", "/a/b/side/", "/a/side/", "/z/", "/z/deep/"}
	if diff := cmp.Diff(want, sections); diff != "" {
		t.Errorf("sections in the tree (-want +got):\n%s", diff)
	}
	got := map[string]float64{}
	for _, e := range tree["/a/b/c/"] {
		got[e[1].(string)] = e[2].(float64)
	}
	if diff := cmp.Diff(map[string]float64{"/a/b/c/c1/": 0, "/a/b/c/d/": 2, "/a/b/c/side/": 1}, got); diff != "" {
		t.Errorf("entries of /a/b/c/ by URL with their counts (-want +got):\n%s", diff)
	}
}

// navPath gives every page the sidebar that the plain template call gives:
// the default theme with navPath and with {{template "nav-top" .}}, on a
// deep tree with an unlisted page, for every page, concurrently.
func TestNavPath(t *testing.T) {
	s := navSite(t)
	unlisted := &site.Page{Kind: site.KindPage, URL: "/a/b/c/hidden/", Title: "Hidden", Unlisted: true}
	if !s.Add(unlisted, s.Lookup("/a/b/c/")) {
		t.Fatal("cannot add the unlisted page")
	}
	s.Sort()
	chrome, err := fs.ReadFile(themes.Default(), "layouts/partials/chrome.html")
	if err != nil {
		t.Fatal(err)
	}
	const call = `{{navPath "nav-top" "nav-items" .}}`
	if !strings.Contains(string(chrome), call) {
		t.Fatalf("the default theme does not call %s", call)
	}
	plainTheme := Overlay{Upper: fstest.MapFS{"layouts/partials/chrome.html": {
		Data: []byte(strings.Replace(string(chrome), call, `{{template "nav-top" .}}`, 1))}}, Lower: themes.Default()}
	plain, err := LoadTemplates(plainTheme, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	shared, err := LoadTemplates(themes.Default(), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	sd := &SiteData{Title: "T", Home: s.Home}
	var wg sync.WaitGroup
	for range 2 {
		for _, p := range s.Pages {
			wg.Add(1)
			go func() {
				defer wg.Done()
				want, err := plain.Page(sd, p, Input{})
				if err != nil {
					t.Error(err)
					return
				}
				got, err := shared.Page(sd, p, Input{})
				if err != nil {
					t.Errorf("%s: %v", p.URL, err)
					return
				}
				if string(got) != string(want) {
					t.Errorf("%s: the sidebar differs from the template call's:\n got %s\nwant %s", p.URL, sidebarOf(got), sidebarOf(want))
				}
				if !p.Unlisted && p.Kind != site.KindHome && strings.Count(sidebarOf(got), `aria-current="page"`) != 1 {
					t.Errorf("%s: %d entries marked current", p.URL, strings.Count(sidebarOf(got), `aria-current="page"`))
				}
			}()
		}
	}
	wg.Wait()
}

func sidebarOf(html []byte) string {
	s := string(html)
	i, j := strings.Index(s, `<nav id="sidebar"`), strings.Index(s, "</nav>")
	if i < 0 || j < i {
		return s
	}
	return s[i:j]
}
