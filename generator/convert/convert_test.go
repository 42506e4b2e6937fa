package convert

import (
	"hash/maphash"
	"maps"
	"sort"
	"strconv"
	"strings"

	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
)

// parse parses the content files of a test site (path relative to
// content/ → file text), as content.Load would.
func parse(t testing.TB, files map[string]string) map[string]*content.File {
	t.Helper()
	out := map[string]*content.File{}
	for path, text := range files {
		f, err := content.Parse(site.ContentDir+"/"+path, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		f.Path = path
		out[path] = f
	}
	return out
}

// model builds the site model of files.
func model(t testing.TB, files map[string]*content.File) *site.Site {
	t.Helper()
	var fs []*content.File
	for _, f := range files {
		fs = append(fs, f)
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	s, err := site.New(fs, site.Options{ContentDir: site.ContentDir})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// converter returns the Converter of s, whose links resolve through an
// index of s and extra.
func converter(t testing.TB, cfg *config.Config, s *site.Site, extra []string, seed maphash.Seed) *Converter {
	t.Helper()
	idx, err := NewIndex(s, extra)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(cfg, s, idx, &seed)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pageOf returns the page made from the content file path.
func pageOf(t testing.TB, s *site.Site, path string) *site.Page {
	t.Helper()
	for _, p := range s.Pages {
		if p.Source != nil && p.Source.Path == path {
			return p
		}
	}
	t.Fatalf("no page made from %s", path)
	return nil
}

const glossaryPage = `---
title: Glossary
terms:
  - id: slo
    term: SLO
    definition: A target for a service level.
---
The words we use.
`

// smallSite is a handbook with links of every kind, a glossary and a page
// that turns glossary links off.
var smallSite = map[string]string{
	"_index.md":        "---\ntitle: Home\n---\nWelcome.\n",
	"guides/_index.md": "---\ntitle: Guides\n---\n",
	"guides/a.md": "---\ntitle: Alpha\n---\n" +
		"An SLO matters, and so does the next SLO.\n\n" +
		"## Setup steps\n\n" +
		"See [b](b.md#usage), [[beta]], [[beta|the beta page]], [quiet](quiet.md) and [the feed](/feed.xml).\n\n" +
		"### Broken\n\n" +
		"[gone](missing.md) and [[nobody]] and [root](/guides/nope/).\n",
	"guides/b.md":     "---\nid: beta\ntitle: Beta\n---\n## Usage\n\nBack to [alpha](a.md).\n",
	"guides/quiet.md": "---\ntitle: Quiet\nglossary: false\n---\nNo SLO link here.\n",
	"glossary.md":     glossaryPage,
	"notes/later.md":  "---\ntitle: Later\n---\nNothing links here.\n",
}

func TestIndex(t *testing.T) {
	s := model(t, parse(t, smallSite))
	idx, err := NewIndex(s, []string{"/feed.xml", "/img/logo.png"})
	if err != nil {
		t.Fatal(err)
	}
	type fileAnswer struct {
		URL string
		OK  bool
	}
	for _, tt := range []struct {
		file string
		want fileAnswer
	}{
		{"guides/a.md", fileAnswer{"/guides/a/", true}},
		{"guides/_index.md", fileAnswer{"/guides/", true}},
		{"_index.md", fileAnswer{"/", true}},
		{"guides/missing.md", fileAnswer{}},
		{"guides/a", fileAnswer{}},
	} {
		u, ok := idx.FileURL(tt.file)
		if diff := cmp.Diff(tt.want, fileAnswer{u, ok}); diff != "" {
			t.Errorf("FileURL(%q) (-want +got):\n%s", tt.file, diff)
		}
	}
	type idAnswer struct {
		URL, Title string
		OK         bool
	}
	for _, tt := range []struct {
		id   string
		want idAnswer
	}{
		{"beta", idAnswer{"/guides/b/", "Beta", true}},         // front-matter id
		{"a", idAnswer{"/guides/a/", "Alpha", true}},           // file name
		{"quiet", idAnswer{"/guides/quiet/", "Quiet", true}},   // opted out of the glossary, still indexed
		{"glossary", idAnswer{"/glossary/", "Glossary", true}}, // top level
		{"b", idAnswer{}}, // a page with an id is not known by its file name
		{"guides", idAnswer{"/guides/", "Guides", true}},   // a section's full id: its folder
		{"guides/b", idAnswer{"/guides/b/", "Beta", true}}, // full ids, with an id too
		{"_index", idAnswer{}},                             // nor does their file
		{"", idAnswer{}},
		{"Beta", idAnswer{}},                                // ids are compared as written
		{"alpha", idAnswer{}},                               // titles are no ids
		{"guides/a", idAnswer{"/guides/a/", "Alpha", true}}, // full ids
		{"guides/a.md", idAnswer{}},                         // not file paths
		{"/guides/a/", idAnswer{}},                          // nor URLs
		{"nobody", idAnswer{}},
	} {
		u, title, ok := idx.IDURL(tt.id)
		if diff := cmp.Diff(tt.want, idAnswer{u, title, ok}); diff != "" {
			t.Errorf("IDURL(%q) (-want +got):\n%s", tt.id, diff)
		}
	}
}

func TestIndexExists(t *testing.T) {
	s := model(t, parse(t, smallSite))
	idx, err := NewIndex(s, []string{"/feed.xml", "/img/logo.png"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"/", true},
		{"/guides/", true},
		{"/guides/a/", true},
		{"/glossary/", true},
		{"/feed.xml", true},     // extra paths
		{"/img/logo.png", true}, // assets among them
		{"/guides/a", false},    // the caller adds the slash (links.sitePath)
		{"/img/", false},        // an asset's folder is no page
		{"/guides/missing/", false},
		{"/feed.xml/", false},
	} {
		if got := idx.Exists(tt.path); got != tt.want {
			t.Errorf("Exists(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestIndexIDs checks how pages are named: by full id always, by
// explicit id, and by file name while it names one page; ambiguous file
// names are an error only where used (Ambiguous), and two explicit ids, or
// an explicit id that is another page's full id, are an error at the
// second file's id, naming the first.
func TestIndexIDs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		// ids maps an id to the file it names ("" for none, "?" for
		// ambiguous); ambiguous lists the candidates of "?" ids.
		ids       map[string]string
		ambiguous map[string][]string
		errs      []string
	}{
		{
			name: "two front-matter ids",
			files: map[string]string{
				"guides/a.md": "---\nid: same\n---\n",
				"guides/b.md": "---\ntitle: B\nid: same\n---\n",
				"guides/c.md": "C.\n",
			},
			ids: map[string]string{"same": "guides/a.md", "c": "guides/c.md", "guides/b": "guides/b.md", "b": ""},
			errs: []string{`content/guides/b.md:3:5: page id "same" is also the id of content/guides/a.md ` +
				`(ids must be unique: change one, or remove it and link to the page by its full id, [[guides/b]])`},
		},
		{
			name: "an explicit id wins over another page's file name",
			files: map[string]string{
				"guides/setup.md":  "---\nid: install\n---\n",
				"tools/install.md": "Install.\n",
			},
			ids: map[string]string{"install": "guides/setup.md", "tools/install": "tools/install.md", "setup": "", "guides/setup": "guides/setup.md"},
		},
		{
			name: "an explicit id that is another page's full id",
			files: map[string]string{
				"guides/setup.md": "---\nid: install\n---\n",
				"install.md":      "Install.\n",
			},
			ids: map[string]string{"install": "install.md"},
			errs: []string{`content/guides/setup.md:2:5: page id "install" is the full id of content/install.md ` +
				`(change the id, or remove it and link to the page by its full id, [[guides/setup]])`},
		},
		{
			name: "one file name in two folders",
			files: map[string]string{
				"guides/intro.md": "A.\n",
				"roles/intro.md":  "B.\n",
				"roles/other.md":  "C.\n",
			},
			ids:       map[string]string{"intro": "?", "guides/intro": "guides/intro.md", "roles/intro": "roles/intro.md", "other": "roles/other.md"},
			ambiguous: map[string][]string{"intro": {"guides/intro", "roles/intro"}},
		},
		{
			name: "a full id wins over the file names of pages further down",
			files: map[string]string{
				"faq.md":   "A.\n",
				"a/faq.md": "B.\n",
				"b/faq.md": "C.\n",
			},
			ids: map[string]string{"faq": "faq.md", "a/faq": "a/faq.md", "b/faq": "b/faq.md"},
		},
		{
			name: "three pages, one ambiguous name, no error",
			files: map[string]string{
				"a/x.md":     "A.\n",
				"b/x.md":     "B.\n",
				"c/d/X Y.md": "C.\n",
				"c/e/x-y.md": "D.\n",
			},
			ids:       map[string]string{"x": "?", "x-y": "?", "c/d/x-y": "c/d/X Y.md", "a/x": "a/x.md"},
			ambiguous: map[string][]string{"x": {"a/x", "b/x"}, "x-y": {"c/d/x-y", "c/e/x-y"}},
		},
		{
			name: "section pages have their folder's path, and no short id",
			files: map[string]string{
				"a/_index.md":        "A.\n",
				"b/index.md":         "B.\n",
				"c/d/README.md":      "C.\n",
				"_index.md":          "Home.\n",
				"c/Team Notes/x.md":  "X.\n",
				"c/d/readme-more.md": "More.\n",
			},
			ids: map[string]string{"a": "a/_index.md", "b": "b/index.md", "c/d": "c/d/README.md", "d": "", "readme": "", "index": "", "_index": "",
				"c/team-notes/x": "c/Team Notes/x.md", "readme-more": "c/d/readme-more.md"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := parse(t, tt.files)
			s := model(t, files)
			idx, err := NewIndex(s, nil)
			var got []string
			for _, e := range diag.Flatten(err) {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.errs, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			for id, file := range tt.ids {
				u, _, ok := idx.IDURL(id)
				switch file {
				case "", "?":
					if ok {
						t.Errorf("IDURL(%q) = %s, want none", id, u)
					}
				default:
					if want := s.Lookup(u); !ok || want == nil || want.Source != files[file] {
						t.Errorf("IDURL(%q) = %q, %v, want the page of %s", id, u, ok, file)
					}
				}
				if diff := cmp.Diff(tt.ambiguous[id], idx.Ambiguous(id)); diff != "" {
					t.Errorf("Ambiguous(%q) (-want +got):\n%s", id, diff)
				}
			}
		})
	}
}

func TestIndexSuggest(t *testing.T) {
	s := model(t, parse(t, smallSite))
	idx, err := NewIndex(s, []string{"/feed.xml"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind links.Kind
		bad  string
		want string
	}{
		{links.KindFile, "guides/aa.md", "guides/a.md"},
		{links.KindFile, "guides/quite.md", "guides/quiet.md"},
		{links.KindFile, "glosary.md", "glossary.md"},
		{links.KindFile, "beta", ""}, // files are suggested by path, not id
		{links.KindFile, "roles/senior-software-engineer.md", ""},
		{links.KindID, "bet", "beta"},
		{links.KindID, "qiuet", "quiet"},
		{links.KindID, "guides/b.md", "guides/b"}, // ids by id, full ids among them
		{links.KindID, "senior-software-engineer", ""},
		{links.KindURL, "/guides/quit/", "/guides/quiet/"},
		{links.KindURL, "/glosary/", "/glossary/"},
		{links.KindURL, "/guide/", "/guides/"},
		{links.KindURL, "/roles/senior-software-engineer/", ""},
	}
	for _, tt := range tests {
		if got := idx.Suggest(tt.kind, tt.bad); got != tt.want {
			t.Errorf("Suggest(%v, %q) = %q, want %q", tt.kind, tt.bad, got, tt.want)
		}
	}
}

// converted is what a test compares of a conversion.
type converted struct {
	HTML     string
	Headings []markdown.Heading
	Links    []links.Link
	Errors   []string
}

func TestConvert(t *testing.T) {
	link := func(line, col int, dest, url, anchor, section, sectionID string) links.Link {
		return links.Link{File: "content/guides/a.md", Line: line, Col: col, Dest: dest, URL: url, Anchor: anchor,
			From: "/guides/a/", Section: section, SectionID: sectionID}
	}
	tests := []struct {
		name  string
		cfg   func(*config.Config)
		extra map[string]string // files besides smallSite's
		file  string
		want  converted
	}{
		{
			name: "links of every kind, and the first mention of a term",
			file: "guides/a.md",
			want: converted{
				HTML: `<p>An <a href="../../glossary/#term-slo" class="glossary-term" title="A target for a service level.">SLO</a> matters, and so does the next SLO.</p>
<h2 id="setup-steps">Setup steps <a class="permalink" href="#setup-steps" aria-label="Permalink to Setup steps">#</a></h2>
<p>See <a href="../b/#usage">b</a>, <a href="../b/">Beta</a>, <a href="../b/">the beta page</a>, <a href="../quiet/">quiet</a> and <a href="../../feed.xml">the feed</a>.</p>
<h3 id="broken">Broken <a class="permalink" href="#broken" aria-label="Permalink to Broken">#</a></h3>
<p><a href="#">gone</a> and <a href="#">nobody</a> and <a href="/guides/nope/">root</a>.</p>
`,
				Headings: []markdown.Heading{{Level: 2, ID: "setup-steps", Text: "Setup steps"}, {Level: 3, ID: "broken", Text: "Broken"}},
				Links: []links.Link{
					link(8, 5, "b.md#usage", "/guides/b/", "usage", "Setup steps", "setup-steps"),
					link(8, 22, "[[beta]]", "/guides/b/", "", "Setup steps", "setup-steps"),
					link(8, 32, "[[beta]]", "/guides/b/", "", "Setup steps", "setup-steps"),
					link(8, 56, "quiet.md", "/guides/quiet/", "", "Setup steps", "setup-steps"),
					link(8, 78, "/feed.xml", "/feed.xml", "", "Setup steps", "setup-steps"),
				},
				Errors: []string{
					`content/guides/a.md:12:1: link to missing page "missing.md"`,
					`content/guides/a.md:12:24: short reference to unknown page id "nobody"`,
					`content/guides/a.md:12:39: link to missing page "/guides/nope/"`,
				},
			},
		},
		{
			name:  "under a base path",
			cfg:   func(c *config.Config) { c.BaseURL = "https://example.com/handbook/" },
			extra: map[string]string{"guides/root.md": "[a](/handbook/guides/a/) [gone](/handbook/guides/zz/)\n"},
			file:  "guides/root.md",
			want: converted{
				HTML: `<p><a href="../a/">a</a> <a href="/handbook/guides/zz/">gone</a></p>
`,
				Links: []links.Link{{File: "content/guides/root.md", Line: 1, Col: 1, Dest: "/handbook/guides/a/", URL: "/guides/a/",
					From: "/guides/root/"}},
				Errors: []string{`content/guides/root.md:1:26: link to missing page "/handbook/guides/zz/"`},
			},
		},
		{
			// The glossary links no term inside a raw <a> whose href was
			// rewritten: it still sees the raw HTML as written.
			name:  "raw HTML links and the glossary",
			cfg:   func(c *config.Config) { c.Markdown.UnsafeHTML = true },
			extra: map[string]string{"guides/raw.md": "See <a href=\"a.md\">the SLO page</a>, then SLO.\n"},
			file:  "guides/raw.md",
			want: converted{
				HTML: `<p>See <a href="../a/">the SLO page</a>, then <a href="../../glossary/#term-slo" class="glossary-term" title="A target for a service level.">SLO</a>.</p>
`,
				Links: []links.Link{{File: "content/guides/raw.md", Line: 1, Col: 14, Dest: "a.md", URL: "/guides/a/", From: "/guides/raw/"}},
			},
		},
		{
			name: "a page that opts out of glossary links",
			file: "guides/quiet.md",
			want: converted{HTML: "<p>No SLO link here.</p>\n"},
		},
		{
			name: "the glossary page links no term to itself",
			file: "glossary.md",
			want: converted{HTML: "<p>The words we use.</p>\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Default()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			files := map[string]string{}
			maps.Copy(files, smallSite)
			maps.Copy(files, tt.extra)
			s := model(t, parse(t, files))
			seed := maphash.MakeSeed()
			c := converter(t, cfg, s, []string{"/feed.xml"}, seed)
			p := pageOf(t, s, tt.file)
			cp, err := c.Convert(p, p.Source)
			if err != nil {
				t.Fatal(err)
			}
			got := converted{HTML: string(cp.HTML), Headings: cp.Headings, Links: cp.Links}
			for _, e := range cp.Errors {
				got.Errors = append(got.Errors, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if cp.Sum != maphash.Bytes(seed, cp.HTML) {
				t.Error("Sum is not the hash of HTML")
			}
			if cp.Source() != p.Source {
				t.Error("Source is not the file converted")
			}
		})
	}
}

// TestConvertGlossaryPage checks that New gives the glossary page its
// layout and an anchor per term, and leaves other pages alone.
func TestConvertGlossaryPage(t *testing.T) {
	s := model(t, parse(t, smallSite))
	c := converter(t, config.Default(), s, nil, maphash.MakeSeed())
	if c.Glossary == nil || len(c.Glossary.Terms) != 1 || c.Glossary.URL != GlossaryURL {
		t.Fatalf("Glossary = %+v", c.Glossary)
	}
	type page struct {
		Layout  string
		Anchors []string
	}
	got := map[string]page{}
	for _, p := range s.Pages {
		got[p.URL] = page{p.Layout, p.Anchors}
	}
	want := map[string]page{
		"/": {}, "/guides/": {}, "/guides/a/": {}, "/guides/b/": {}, "/guides/quiet/": {}, "/notes/": {}, "/notes/later/": {},
		"/glossary/": {Layout: "glossary", Anchors: []string{"term-slo"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}

	// Without a glossary page, nothing is linked and no page changes.
	files := parse(t, smallSite)
	delete(files, "glossary.md")
	s = model(t, files)
	c = converter(t, config.Default(), s, nil, maphash.MakeSeed())
	if c.Glossary != nil {
		t.Errorf("Glossary = %+v without a glossary page", c.Glossary)
	}
	p := pageOf(t, s, "guides/a.md")
	cp, err := c.Convert(p, p.Source)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(cp.HTML), "glossary-term") {
		t.Errorf("a glossary link without a glossary:\n%s", cp.HTML)
	}
}

// TestNewErrors checks that the glossary's problems fail New with their
// positions.
func TestNewErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "glossary opt-out not a boolean",
			files: map[string]string{"guides/a.md": "---\ntitle: A\nglossary: sometimes\n---\n", "guides/b.md": "---\nglossary: [no]\n---\n"},
			want: []string{
				`content/guides/a.md:3:11: glossary must be true or false (write "glossary: false" to turn glossary links off on this page)`,
				`content/guides/b.md:2:11: glossary must be true or false (write "glossary: false" to turn glossary links off on this page)`,
			},
		},
		{
			name:  "glossary page without terms",
			files: map[string]string{"glossary.md": "Words.\n"},
			want:  []string{`content/glossary.md:1: the glossary page has no front matter (list the terms under "terms:")`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := model(t, parse(t, tt.files))
			idx, err := NewIndex(s, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = New(config.Default(), s, idx, nil)
			var got []string
			for _, e := range diag.Flatten(err) {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// nestedList is a list nested n levels deep, one level per line.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

// TestConvertLimits checks that a page passing a Markdown limit fails the
// conversion with the position in its file, front matter counted.
func TestConvertLimits(t *testing.T) {
	tests := []struct {
		name string
		cfg  func(*config.Config)
		text string
		want string
	}{
		{
			name: "nesting, no front matter",
			text: nestedList(101),
			want: "content/guides/deep.md:101:201: lists nested deeper than 100 levels (flatten the list)",
		},
		{
			name: "nesting, after front matter",
			text: "---\ntitle: Deep\n---\n" + nestedList(101),
			want: "content/guides/deep.md:104:201: lists nested deeper than 100 levels (flatten the list)",
		},
		{
			name: "size from handbook.yaml",
			cfg:  func(c *config.Config) { c.Markdown.MaxSizeMB = 1 },
			text: "---\ntitle: Big\n---\n" + strings.Repeat("a\n", 1<<20),
			want: "content/guides/deep.md:4:1: the page is 2 MiB of Markdown, more than the limit of 1 MiB (split it into several pages, or raise markdown.max_size_mb in handbook.yaml)",
		},
		{
			name: "within the limits",
			text: "---\ntitle: Deep\n---\n" + nestedList(100),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Default()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			s := model(t, parse(t, map[string]string{"guides/deep.md": tt.text}))
			c := converter(t, cfg, s, nil, maphash.MakeSeed())
			p := pageOf(t, s, "guides/deep.md")
			cp, err := c.Convert(p, p.Source)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("error = %q\n want %q", got, tt.want)
			}
			if (cp == nil) != (err != nil) {
				t.Errorf("Convert returned page %v with error %v", cp != nil, err)
			}
		})
	}
}

// BenchmarkIndexSharedNames indexes n pages of which every folder holds an
// onboarding.md and a faq.md, and resolves full ids, a unique file name
// and an ambiguous one: the cost per lookup must not grow with n.
func BenchmarkIndexSharedNames(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		files := map[string]string{}
		for i := range n / 3 {
			d := "team-" + strconv.Itoa(i)
			files[d+"/onboarding.md"] = "On.\n"
			files[d+"/faq.md"] = "Q.\n"
			files[d+"/notes-"+strconv.Itoa(i)+".md"] = "N.\n"
		}
		s := model(b, parse(b, files))
		b.Run(strconv.Itoa(n)+"/index", func(b *testing.B) {
			for b.Loop() {
				if _, err := NewIndex(s, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		idx, err := NewIndex(s, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strconv.Itoa(n)+"/lookup", func(b *testing.B) {
			for b.Loop() {
				_, _, ok1 := idx.IDURL("team-7/onboarding")
				_, _, ok2 := idx.IDURL("notes-7")
				_, _, ok3 := idx.IDURL("onboarding")
				if !ok1 || !ok2 || ok3 || len(idx.Ambiguous("onboarding")) != n/3 {
					b.Fatal("wrong answers")
				}
			}
		})
	}
}
