package render

import (
	"hash/maphash"
	"maps"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
)

// keyModel is what the render keys of a small handbook are computed from:
// its content files, and what the stages before rendering made of them.
type keyModel struct {
	title string            // the handbook's title
	files map[string]string // content path → file text
	// bodies are the sums of the converted bodies, by page URL; a page
	// without one has the sum of its file's body.
	bodies map[string]uint64
	// backlinks are the backlinks of each page: the URL linking to it
	// and the section the link sits under.
	backlinks map[string][][2]string
	// edit changes the site model once built (anchors, layouts).
	edit func(s *site.Site)
}

// keyBase is a handbook with a top-level section, a section inside it
// holding three pages and a section of its own, and a second top-level
// section; each page of guides/deep links to the next.
func keyBase() *keyModel {
	return &keyModel{
		title: "Handbook",
		files: map[string]string{
			"_index.md":                  "---\ntitle: Home\n---\nWelcome.\n",
			"guides/_index.md":           "---\ntitle: Guides\n---\n",
			"guides/start.md":            "---\ntitle: Start\nweight: 1\n---\nStart here.\n",
			"guides/deep/_index.md":      "---\ntitle: Deep\ndescription: Deeper guides.\n---\n",
			"guides/deep/d1.md":          "---\ntitle: One\nweight: 1\ndescription: First.\n---\nOne.\n",
			"guides/deep/d2.md":          "---\ntitle: Two\nweight: 2\ndescription: Second.\n---\nTwo.\n",
			"guides/deep/d3.md":          "---\ntitle: Three\nweight: 3\ndescription: Third.\n---\nThree.\n",
			"guides/deep/more/_index.md": "---\ntitle: More\n---\n",
			"guides/deep/more/m.md":      "---\ntitle: M\n---\nM.\n",
			"notes/n.md":                 "---\ntitle: N\n---\nN.\n",
		},
		bodies: map[string]uint64{},
		backlinks: map[string][][2]string{
			"/guides/deep/d2/": {{"/guides/deep/d1/", "Next"}},
			"/guides/deep/d3/": {{"/guides/deep/d2/", ""}},
		},
	}
}

// keys computes the render key of every page of m, by URL.
func (m *keyModel) keys(t *testing.T, seed maphash.Seed) map[string]uint64 {
	t.Helper()
	var files []*content.File
	raw := map[*content.File]string{}
	for path, text := range m.files {
		f, err := content.Parse(site.ContentDir+"/"+path, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		f.Path = path
		files = append(files, f)
		raw[f] = text
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	s, err := site.New(files, site.Options{ContentDir: site.ContentDir})
	if err != nil {
		t.Fatal(err)
	}
	if m.edit != nil {
		m.edit(s)
	}
	sd := &SiteData{Title: m.title, Home: s.Home}
	for _, c := range s.Home.Children {
		if c.Kind == site.KindSection {
			sd.Sections = append(sd.Sections, c)
		}
	}
	k := NewKeys(seed, sd, s, s.Pages, nil, KeyInputs{
		Input: func(p *site.Page) Input {
			var in Input
			if p.Source != nil {
				in.Body = &markdown.Doc{HTML: p.Source.Body}
			}
			for _, b := range m.backlinks[p.URL] {
				in.Backlinks = append(in.Backlinks, site.Backlink{Page: s.Lookup(b[0]), Section: b[1]})
			}
			return in
		},
		BodySum: func(p *site.Page) uint64 {
			if sum, ok := m.bodies[p.URL]; ok {
				return sum
			}
			if p.Source == nil {
				return 0
			}
			return maphash.Bytes(seed, p.Source.Body)
		},
		FileSum: func(p *site.Page) uint64 { return maphash.String(seed, raw[p.Source]) },
		Meta:    map[*content.File]uint64{},
	})
	out := map[string]uint64{}
	for _, p := range s.Pages {
		out[p.URL] = k.Page(p)
		if again := k.Page(p); again != out[p.URL] {
			t.Errorf("%s: two keys of one page, %x and %x", p.URL, out[p.URL], again)
		}
	}
	return out
}

// TestKeysChange changes one thing in a small handbook and checks which
// pages' render keys change: exactly the pages that show it.
func TestKeysChange(t *testing.T) {
	const all = "*" // every page
	retitle := func(path, from, to string) func(m *keyModel) {
		return func(m *keyModel) { m.files[path] = replaceOnce(t, m.files[path], from, to) }
	}
	tests := []struct {
		name   string
		change func(m *keyModel)
		want   []string // URLs of the pages whose keys change, sorted
	}{
		{name: "nothing", change: func(*keyModel) {}},
		{name: "the body of a page", change: func(m *keyModel) { m.bodies["/guides/deep/d2/"] = 42 },
			want: []string{"/guides/deep/d2/"}},
		{name: "the file of a page, nothing shown changed", change: retitle("guides/deep/d2.md", "Two.\n", "Two.\n\n"),
			want: []string{"/guides/deep/d2/"}},
		{name: "a page's title", change: retitle("guides/deep/d2.md", "title: Two", "title: Deux"),
			// its neighbours (previous, next), its section (children), the
			// page it links to (backlinks), and every page below its
			// section, whose sidebar lists the section's entries
			want: []string{"/guides/deep/", "/guides/deep/d1/", "/guides/deep/d2/", "/guides/deep/d3/", "/guides/deep/more/", "/guides/deep/more/m/"}},
		{name: "the title of a page without a neighbour before it", change: retitle("guides/deep/d1.md", "title: One", "title: Un"),
			want: []string{"/guides/deep/", "/guides/deep/d1/", "/guides/deep/d2/", "/guides/deep/d3/", "/guides/deep/more/", "/guides/deep/more/m/"}},
		{name: "a page's description", change: retitle("guides/deep/d2.md", "Second.", "The second."),
			// its card, in its section's list of children
			want: []string{"/guides/deep/", "/guides/deep/d2/"}},
		{name: "a page's params", change: retitle("guides/deep/d2.md", "weight: 2\n", "weight: 2\nowner: ops\n"),
			want: []string{"/guides/deep/", "/guides/deep/d2/"}},
		{name: "a page's weight, same order", change: retitle("guides/deep/d3.md", "weight: 3", "weight: 4"),
			want: []string{"/guides/deep/d3/"}},
		{name: "a page's weight, new order", change: retitle("guides/deep/d3.md", "weight: 3", "weight: -1"),
			want: []string{"/guides/deep/", "/guides/deep/d1/", "/guides/deep/d2/", "/guides/deep/d3/", "/guides/deep/more/", "/guides/deep/more/m/"}},
		{name: "a backlink added", change: func(m *keyModel) {
			m.backlinks["/guides/deep/d1/"] = [][2]string{{"/notes/n/", ""}}
		}, want: []string{"/guides/deep/d1/"}},
		{name: "a backlink's section", change: func(m *keyModel) {
			m.backlinks["/guides/deep/d2/"] = [][2]string{{"/guides/deep/d1/", "Then"}}
		}, want: []string{"/guides/deep/d2/"}},
		{name: "a backlink removed", change: func(m *keyModel) { delete(m.backlinks, "/guides/deep/d3/") },
			want: []string{"/guides/deep/d3/"}},
		{name: "the title of a page with a child section", change: retitle("guides/deep/more/_index.md", "title: More", "title: Plus"),
			// its child (breadcrumbs), its section (children), the pages
			// whose sidebar lists its section's entries
			want: []string{"/guides/deep/", "/guides/deep/d1/", "/guides/deep/d2/", "/guides/deep/d3/", "/guides/deep/more/", "/guides/deep/more/m/"}},
		{name: "the description of a section in the navigation", change: retitle("guides/deep/_index.md", "Deeper guides.", "Deep ones."),
			// its card on its section's page, and on the home page, which
			// lists every section's pages
			want: []string{"/", "/guides/", "/guides/deep/"}},
		{name: "the anchors of a page", change: func(m *keyModel) {
			m.edit = func(s *site.Site) { s.Lookup("/guides/deep/d3/").Anchors = []string{"item"} }
		}, want: []string{"/guides/deep/d3/"}},
		{name: "the layout of a page", change: func(m *keyModel) {
			m.edit = func(s *site.Site) { s.Lookup("/notes/n/").Layout = "special" }
		}, want: []string{"/notes/n/"}},
		// The navigation is on every page.
		{name: "the handbook's title", change: func(m *keyModel) { m.title = "Our handbook" }, want: []string{all}},
		{name: "the title of a page in the navigation", change: retitle("guides/start.md", "title: Start", "title: Begin"),
			want: []string{all}},
		{name: "a section's title", change: retitle("guides/deep/_index.md", "title: Deep", "title: Deeper"),
			want: []string{all}},
		{name: "a page added to the navigation", change: func(m *keyModel) { m.files["notes/o.md"] = "O.\n" },
			want: []string{all}},
		// The sidebar of a page below guides/deep shows how many entries
		// more holds; pages beside that path show none of it.
		{name: "a page added below it", change: func(m *keyModel) { m.files["guides/deep/more/m2.md"] = "M2.\n" },
			want: []string{"/guides/deep/", "/guides/deep/d1/", "/guides/deep/d2/", "/guides/deep/d3/", "/guides/deep/more/", "/guides/deep/more/m/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seed := maphash.MakeSeed()
			before := keyBase().keys(t, seed)
			m := keyBase()
			tt.change(m)
			after := m.keys(t, seed)
			var got []string
			for url, k := range before {
				if a, ok := after[url]; ok && a != k {
					got = append(got, url)
				}
			}
			sort.Strings(got)
			want := tt.want
			if slices.Equal(want, []string{all}) {
				want = slices.Sorted(maps.Keys(before))
				want = slices.DeleteFunc(want, func(u string) bool { _, ok := after[u]; return !ok })
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pages whose keys changed (-want +got):\n%s", diff)
			}
		})
	}
}

// TestKeysCareer checks that the career key hashes the front matter of
// the career model's files, and nothing else.
func TestKeysCareer(t *testing.T) {
	career := func(m *keyModel, seed maphash.Seed) uint64 {
		var files []*content.File
		for path, text := range m.files {
			f, err := content.Parse(site.ContentDir+"/"+path, []byte(text))
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
		return NewKeys(seed, &SiteData{Home: s.Home}, s, s.Pages, nil, KeyInputs{}).Career()
	}
	base := func() *keyModel {
		m := keyBase()
		m.files["roles/engineer.md"] = "---\ntitle: Engineer\nlevel: 1\n---\nBuilds.\n"
		m.files["skills/testing.md"] = "---\ntitle: Testing\n---\nTests.\n"
		return m
	}
	tests := []struct {
		name    string
		change  func(m *keyModel)
		changed bool
	}{
		{"nothing", func(*keyModel) {}, false},
		{"a role's body", func(m *keyModel) { m.files["roles/engineer.md"] += "More.\n" }, false},
		{"a guide's front matter", func(m *keyModel) { m.files["notes/n.md"] = "---\ntitle: Nn\n---\n" }, false},
		{"a role's front matter", func(m *keyModel) {
			m.files["roles/engineer.md"] = replaceOnce(t, m.files["roles/engineer.md"], "level: 1", "level: 2")
		}, true},
		{"a skill's front matter", func(m *keyModel) { m.files["skills/testing.md"] = "---\ntitle: Tests\n---\nTests.\n" }, true},
		{"a skill added", func(m *keyModel) { m.files["skills/review.md"] = "---\ntitle: Review\n---\n" }, true},
		{"a role removed", func(m *keyModel) { delete(m.files, "roles/engineer.md") }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seed := maphash.MakeSeed()
			m := base()
			tt.change(m)
			if changed := career(base(), seed) != career(m, seed); changed != tt.changed {
				t.Errorf("career key changed = %v, want %v", changed, tt.changed)
			}
		})
	}
}

// replaceOnce replaces the one from in s with to.
func replaceOnce(t *testing.T, s, from, to string) string {
	t.Helper()
	i := -1
	for j := 0; j+len(from) <= len(s); j++ {
		if s[j:j+len(from)] == from {
			if i >= 0 {
				t.Fatalf("%q is more than once in %q", from, s)
			}
			i = j
		}
	}
	if i < 0 {
		t.Fatalf("no %q in %q", from, s)
	}
	return s[:i] + to + s[i+len(from):]
}
