package convert

import (
	"fmt"
	"hash/maphash"
	"maps"
	"sync"
	"testing"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/site"
)

// TestReusable converts guides/a.md of smallSite, then asks a later
// build's Converter whether that conversion still holds after a change.
// The page's links ask the index every kind of question: a file, an id
// (with and without a label), an extra path, and missing ones of each
// kind with their suggestions.
func TestReusable(t *testing.T) {
	const page = "guides/a.md"
	tests := []struct {
		name string
		// edit changes the content files of the later build; changed
		// files are parsed again (a new *content.File).
		edit  func(t *testing.T, files map[string]*content.File)
		cfg   func(*config.Config)
		extra []string // nil: the first build's
		// url, when set, is the page's URL in the later build.
		url  string
		want bool
	}{
		{name: "nothing changed", want: true},
		{
			name: "an unrelated page added",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["notes/zebra-crossing.md"] = file(t, "notes/zebra-crossing.md", "Stripes.\n")
			},
			want: true,
		},
		{
			name: "an unrelated page removed",
			edit: func(t *testing.T, files map[string]*content.File) { delete(files, "notes/later.md") },
			want: true,
		},
		{
			name: "an unrelated page edited",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["notes/later.md"] = file(t, "notes/later.md", "---\ntitle: Much later\n---\nStill nothing.\n")
			},
			want: true,
		},
		{
			name: "a page linked by file only retitled",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["guides/quiet.md"] = file(t, "guides/quiet.md", "---\ntitle: Silent\nglossary: false\n---\n")
			},
			want: true,
		},
		{
			name:  "an extra path nobody links added",
			extra: []string{"/feed.xml", "/img/new.png"},
			want:  true,
		},
		{
			name: "the page saved unchanged: another *content.File",
			edit: func(t *testing.T, files map[string]*content.File) { files[page] = file(t, page, smallSite[page]) },
		},
		{
			name: "another URL",
			url:  "/guides/alpha/",
		},
		{
			name: "another base path",
			cfg:  func(c *config.Config) { c.BaseURL = "https://example.com/handbook/" },
		},
		{
			name: "raw HTML allowed",
			cfg:  func(c *config.Config) { c.Markdown.UnsafeHTML = true },
		},
		{
			name: "the glossary edited",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["glossary.md"] = file(t, "glossary.md", glossaryPage+"More words.\n")
			},
		},
		{
			name: "the glossary removed",
			edit: func(t *testing.T, files map[string]*content.File) { delete(files, "glossary.md") },
		},
		{
			name: "a page linked by short reference retitled",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["guides/b.md"] = file(t, "guides/b.md", "---\nid: beta\ntitle: Beta two\n---\n## Usage\n")
			},
		},
		{
			name: "a linked page renamed, its id kept",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["guides/b2.md"] = file(t, "guides/b2.md", smallSite["guides/b.md"])
				delete(files, "guides/b.md")
			},
		},
		{
			name: "a linked page's id given to another page",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["guides/b.md"] = file(t, "guides/b.md", "---\nid: bravo\ntitle: Beta\n---\n## Usage\n")
				files["notes/later.md"] = file(t, "notes/later.md", "---\nid: beta\ntitle: Beta\n---\n")
			},
		},
		{
			name: "a linked page removed",
			edit: func(t *testing.T, files map[string]*content.File) { delete(files, "guides/quiet.md") },
		},
		{
			name: "a missing page appears",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["guides/missing.md"] = file(t, "guides/missing.md", "Here now.\n")
			},
		},
		{
			name: "a missing id appears",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["notes/later.md"] = file(t, "notes/later.md", "---\nid: nobody\n---\n")
			},
		},
		{
			name: "a missing URL appears",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["guides/nope.md"] = file(t, "guides/nope.md", "Nope.\n")
			},
		},
		{
			name:  "a linked extra path gone",
			extra: []string{},
		},
		{
			name: "a closer suggestion for a broken link",
			edit: func(t *testing.T, files map[string]*content.File) {
				files["guides/missin.md"] = file(t, "guides/missin.md", "Close.\n")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := parse(t, smallSite)
			seed := maphash.MakeSeed()
			s := model(t, files)
			first := converter(t, config.Default(), s, []string{"/feed.xml"}, seed)
			p := pageOf(t, s, page)
			prev, err := first.Convert(p, p.Source)
			if err != nil {
				t.Fatal(err)
			}
			if !first.Reusable(prev, p, p.Source) {
				t.Fatal("a conversion is not reusable by the build that made it")
			}

			later := maps.Clone(files)
			if tt.edit != nil {
				tt.edit(t, later)
			}
			cfg := config.Default()
			if tt.cfg != nil {
				tt.cfg(cfg)
			}
			extra := tt.extra
			if extra == nil {
				extra = []string{"/feed.xml"}
			}
			s2 := model(t, later)
			next := converter(t, cfg, s2, extra, seed)
			p2 := pageOf(t, s2, page)
			if tt.url != "" {
				moved := *p2
				moved.URL = tt.url
				p2 = &moved
			}
			if got := next.Reusable(prev, p2, p2.Source); got != tt.want {
				t.Errorf("Reusable = %v, want %v", got, tt.want)
			}
			// Whatever the answer, a conversion made by the later build
			// is reusable by it.
			now, err := next.Convert(p2, p2.Source)
			if err != nil {
				t.Fatal(err)
			}
			if !next.Reusable(now, p2, p2.Source) {
				t.Error("the later build's own conversion is not reusable")
			}
		})
	}
}

// TestReusableRemembers checks that a conversion found reusable against
// one index is still checked against another: the fingerprint it
// remembers does not hide a changed answer, whichever order the indexes
// come in.
func TestReusableRemembers(t *testing.T) {
	files := parse(t, smallSite)
	seed := maphash.MakeSeed()
	convAt := func(files map[string]*content.File) (*Converter, *site.Page) {
		s := model(t, files)
		return converter(t, config.Default(), s, []string{"/feed.xml"}, seed), pageOf(t, s, "guides/a.md")
	}
	first, p := convAt(files)
	prev, err := first.Convert(p, p.Source)
	if err != nil {
		t.Fatal(err)
	}
	same, pSame := convAt(maps.Clone(files))
	gone := maps.Clone(files)
	delete(gone, "guides/b.md")
	changed, pChanged := convAt(gone)
	steps := []struct {
		c    *Converter
		p    *site.Page
		want bool
	}{
		{same, pSame, true}, {changed, pChanged, false}, {same, pSame, true}, {same, pSame, true},
		{changed, pChanged, false}, {first, p, true}, {changed, pChanged, false},
	}
	for i, st := range steps {
		if got := st.c.Reusable(prev, st.p, st.p.Source); got != st.want {
			t.Errorf("step %d: Reusable = %v, want %v", i, got, st.want)
		}
	}
	if first.Reusable(nil, p, p.Source) {
		t.Error("no conversion is reusable")
	}
}

// file parses the text of the content file path.
func file(t testing.TB, path, text string) *content.File {
	t.Helper()
	return parse(t, map[string]string{path: text})[path]
}

func TestCache(t *testing.T) {
	a1, a2, b := file(t, "a.md", "A.\n"), file(t, "a.md", "A.\n"), file(t, "b.md", "B.\n")
	pa1, pa2, pb := &Page{src: a1}, &Page{src: a2}, &Page{src: b}
	c := NewCache()
	if got := c.Get("a.md"); got != nil {
		t.Errorf("Get of an empty cache = %v", got)
	}
	if n := c.Made(); n != 0 {
		t.Errorf("Made of an empty cache = %d", n)
	}
	c.Put(pa1)
	c.Put(pb)
	if c.Get("a.md") != pa1 || c.Get("b.md") != pb {
		t.Error("Get does not return what was Put")
	}
	if n := c.Made(); n != 2 {
		t.Errorf("Made = %d, want 2", n)
	}
	if n := c.Made(); n != 0 {
		t.Errorf("Made again = %d, want 0: it starts counting again", n)
	}
	c.Put(pa2) // a newer version of the file replaces the old
	if c.Get("a.md") != pa2 {
		t.Error("Put did not replace the conversion of a.md")
	}
	if n := c.Made(); n != 1 {
		t.Errorf("Made = %d, want 1", n)
	}

	// Prune keeps the conversions of the files it is given, by *File: a
	// file of the same path read again is another file.
	c.Prune([]*content.File{a1, b})
	if c.Get("a.md") != nil {
		t.Error("Prune kept the conversion of a file it was not given (same path, another *File)")
	}
	if c.Get("b.md") != pb {
		t.Error("Prune dropped the conversion of a file it was given")
	}
	c.Prune(nil)
	if c.Get("b.md") != nil {
		t.Error("Prune(nil) kept a conversion")
	}
	if n := c.Made(); n != 0 {
		t.Errorf("Made after Prune = %d, want 0: Prune converts nothing", n)
	}
}

func TestCacheNil(t *testing.T) {
	var c *Cache
	c.Put(&Page{src: file(t, "a.md", "A.\n")})
	if got := c.Get("a.md"); got != nil {
		t.Errorf("Get of a nil Cache = %v", got)
	}
	if n := c.Made(); n != 0 {
		t.Errorf("Made of a nil Cache = %d", n)
	}
	c.Prune(nil)
}

// TestCacheConcurrent puts and gets from many goroutines, as the
// conversion workers do; run it with -race.
func TestCacheConcurrent(t *testing.T) {
	const workers, each = 8, 50
	c := NewCache()
	pages := make([][]*Page, workers)
	for w := range pages {
		for i := range each {
			pages[w] = append(pages[w], &Page{src: &content.File{Path: fmt.Sprintf("w%d/%d.md", w, i)}})
		}
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i, p := range pages[w] {
				c.Put(p)
				if c.Get(p.src.Path) != p {
					t.Errorf("Get(%s) is not what was just Put", p.src.Path)
				}
				if i%10 == 0 {
					c.Get("w0/0.md")
				}
			}
		})
	}
	wg.Wait()
	if n := c.Made(); n != workers*each {
		t.Errorf("Made = %d, want %d", n, workers*each)
	}
	var all []*content.File
	for w := range pages {
		for _, p := range pages[w] {
			if c.Get(p.src.Path) != p {
				t.Errorf("%s lost", p.src.Path)
			}
			all = append(all, p.src)
		}
	}
	c.Prune(all[:len(all)/2])
	for i, f := range all {
		if kept := c.Get(f.Path) != nil; kept != (i < len(all)/2) {
			t.Errorf("after Prune, %s kept = %v", f.Path, kept)
		}
	}
}
