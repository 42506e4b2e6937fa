package content

import (
	"errors"
	"hash/maphash"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestIgnoreMatch(t *testing.T) {
	tests := []struct {
		patterns []string
		path     string
		dir      bool
		want     bool
	}{
		// The defaults, at any depth.
		{nil, "CODEOWNERS", false, true},
		{nil, "teams/platform/CODENOTIFY", false, true},
		{nil, "teams/OWNERS", false, true},
		{nil, "styles/site.scss", false, true},
		{nil, "a.sass", false, true},
		{nil, "a.less", false, true},
		{nil, "diagrams/flow.excalidraw", false, true},
		{nil, "diagrams/flow.drawio", false, true},
		{nil, "diagrams/flow.drawio.svg", false, false}, // the exported image
		{nil, "diagrams/flow.excalidraw.png", false, false},
		{nil, "guide.md", false, false},
		{nil, "CODEOWNERS.md", false, false},
		{nil, "codeowners", false, false},
		// Taken back with "!".
		{[]string{"!*.scss"}, "styles/site.scss", false, false},
		{[]string{"!CODEOWNERS"}, "CODEOWNERS", false, false},
		{[]string{"!keep.scss"}, "a/keep.scss", false, false},
		{[]string{"!keep.scss"}, "a/other.scss", false, true},
		// The last match decides.
		{[]string{"*.txt", "!notes.txt", "notes.txt"}, "notes.txt", false, true},
		// Names at any depth, folders too.
		{[]string{"drafts"}, "drafts", true, true},
		{[]string{"drafts"}, "guides/drafts", true, true},
		{[]string{"*.txt"}, "a/b/c.txt", false, true},
		// Anchored with a slash.
		{[]string{"drafts/**"}, "drafts/a.md", false, true},
		{[]string{"drafts/**"}, "drafts/x/a.md", false, true},
		{[]string{"drafts/**"}, "drafts", true, false}, // the folder itself is not
		{[]string{"drafts/**"}, "guides/drafts/a.md", false, false},
		{[]string{"/todo.md"}, "todo.md", false, true},
		{[]string{"/todo.md"}, "guides/todo.md", false, false},
		{[]string{"guides/*.txt"}, "guides/a.txt", false, true},
		{[]string{"guides/*.txt"}, "guides/x/a.txt", false, false},
		{[]string{"**/old/*.md"}, "old/a.md", false, true},
		{[]string{"**/old/*.md"}, "a/b/old/a.md", false, true},
		{[]string{"a/**/z.md"}, "a/z.md", false, true},
		{[]string{"a/**/z.md"}, "a/b/c/z.md", false, true},
		{[]string{"a/**/z.md"}, "b/z.md", false, false},
		// Folders only.
		{[]string{"tmp/"}, "tmp", true, true},
		{[]string{"tmp/"}, "tmp", false, false},
		{[]string{"tmp/"}, "x/tmp", true, true},
		// Character classes and ?.
		{[]string{"draft-?.md"}, "draft-1.md", false, true},
		{[]string{"draft-?.md"}, "draft-12.md", false, false},
		{[]string{"[A-Z]*.txt"}, "README.txt", false, true},
		{[]string{"[A-Z]*.txt"}, "readme.txt", false, false},
	}
	for _, tt := range tests {
		ig, err := NewIgnore(tt.patterns)
		if err != nil {
			t.Fatalf("%q: %v", tt.patterns, err)
		}
		if got := ig.Match(tt.path, tt.dir); got != tt.want {
			t.Errorf("%q matching %q (folder %v) = %v, want %v", tt.patterns, tt.path, tt.dir, got, tt.want)
		}
	}
	var none *Ignore
	if !none.Match("CODEOWNERS", false) || none.Match("a.md", false) {
		t.Error("a nil Ignore is not DefaultIgnore")
	}
}

func TestIgnoreBadPattern(t *testing.T) {
	tests := []struct {
		patterns []string
		index    int
	}{
		{[]string{""}, 0},
		{[]string{"ok", "  "}, 1},
		{[]string{"!"}, 0},
		{[]string{"/"}, 0},
		{[]string{"a/../b"}, 0},
		{[]string{"a//b"}, 0},
		{[]string{`a\b`}, 0},
		{[]string{"*.md", "[a-"}, 1},
	}
	for _, tt := range tests {
		_, err := NewIgnore(tt.patterns)
		var ie *IgnoreError
		if !errors.As(err, &ie) || ie.Index != tt.index || ie.Why == "" {
			t.Errorf("NewIgnore(%q) = %v, want an IgnoreError at %d", tt.patterns, err, tt.index)
		}
	}
}

// Walk leaves out what the list ignores, folders whole, and MatchPath
// agrees for the paths the watcher reports.
func TestWalkIgnore(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":              {Data: []byte("Home.\n")},
		"content/CODEOWNERS":             {Data: []byte("* @team\n")},
		"content/guides/a.md":            {Data: []byte("A.\n")},
		"content/guides/style.scss":      {Data: []byte("a{}\n")},
		"content/guides/keep.scss":       {Data: []byte("a{}\n")},
		"content/guides/flow.drawio":     {Data: []byte("<mxfile/>\n")},
		"content/guides/flow.drawio.svg": {Data: []byte("<svg/>\n")},
		"content/drafts/b.md":            {Data: []byte("B.\n")},
		"content/drafts/deep/c.md":       {Data: []byte("C.\n")},
		"content/notes/tmp/x.md":         {Data: []byte("X.\n")},
		"content/notes/n.md":             {Data: []byte("N.\n")},
	}
	ig, err := NewIgnore([]string{"drafts/", "notes/tmp/**", "!keep.scss"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Walk(fsys, "content", "", ig, func(e Entry) { got = append(got, e.Path) })
	want := []string{"_index.md", "guides/a.md", "guides/flow.drawio.svg", "guides/keep.scss", "notes/n.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
	// Walking one changed path, as serve --watch does.
	for _, rel := range []string{"drafts/b.md", "drafts/deep", "guides/style.scss", "notes/tmp/x.md", "CODEOWNERS"} {
		var seen []string
		Walk(fsys, "content", rel, ig, func(e Entry) { seen = append(seen, e.Path) })
		if len(seen) > 0 {
			t.Errorf("Walk of %s lists %q, want nothing", rel, seen)
		}
		if !ig.MatchPath(rel) {
			t.Errorf("MatchPath(%q) = false, want true", rel)
		}
	}
	if !ig.MatchPath("drafts/deep/c.md") || ig.MatchPath("guides/a.md") || ig.MatchPath("guides/keep.scss") {
		t.Error("MatchPath disagrees with Walk")
	}
	tree, err := LoadIgnoring(fsys, "content", ig)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range tree.Files {
		files = append(files, f.Path)
	}
	if diff := cmp.Diff([]string{"_index.md", "guides/a.md", "notes/n.md"}, files); diff != "" {
		t.Errorf("LoadIgnoring pages (-want +got):\n%s", diff)
	}
}

// A Reader reads with its ignore list, an edit to an ignored file changes
// nothing, and another list reads everything again.
func TestReaderIgnore(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":        {Data: []byte("A.\n")},
		"content/style.scss":  {Data: []byte("a{}\n")},
		"content/drafts/b.md": {Data: []byte("B.\n")},
	}
	paths := func(tr *Tree) []string {
		var ps []string
		for _, f := range tr.Files {
			ps = append(ps, f.Path)
		}
		for _, a := range tr.Assets {
			ps = append(ps, a.Path)
		}
		return ps
	}
	r := NewReader(fsys, "content", maphash.MakeSeed())
	drafts, err := NewIgnore([]string{"drafts/"})
	if err != nil {
		t.Fatal(err)
	}
	r.SetIgnore(drafts)
	tr, err := r.Load()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.md"}, paths(tr)); diff != "" {
		t.Errorf("first Load (-want +got):\n%s", diff)
	}
	fsys["content/drafts/b.md"] = &fstest.MapFile{Data: []byte("B, edited.\n")}
	r.Changed("drafts/b.md")
	if _, _, ok := r.Edit("drafts/b.md"); ok {
		t.Error("Edit of an ignored file: ok, want a full read")
	}
	if tr, err = r.Load(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.md"}, paths(tr)); diff != "" {
		t.Errorf("after an edit to an ignored file (-want +got):\n%s", diff)
	}
	keep, err := NewIgnore([]string{"!*.scss"})
	if err != nil {
		t.Fatal(err)
	}
	r.SetIgnore(keep)
	if tr, err = r.Load(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.md", "drafts/b.md", "style.scss"}, paths(tr)); diff != "" {
		t.Errorf("with another list (-want +got):\n%s", diff)
	}
}
