package content

import (
	"errors"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/source"
)

// folder is a content folder a test changes, on disk or in memory. Paths
// are slash paths relative to the content folder.
type folder interface {
	fsys() fs.FS
	write(t testing.TB, rel, data string)
	// remove removes rel and everything under it.
	remove(t testing.TB, rel string)
}

// mapFolder is a folder held in an fstest.MapFS.
type mapFolder struct{ m fstest.MapFS }

// newMapFolder returns an empty content folder. The folder is listed
// itself, so that it stays when its last file goes, as on disk.
func newMapFolder() *mapFolder {
	return &mapFolder{m: fstest.MapFS{"content": {Mode: fs.ModeDir | 0o755}}}
}

func (f *mapFolder) fsys() fs.FS { return f.m }

func (f *mapFolder) write(_ testing.TB, rel, data string) {
	f.m["content/"+rel] = &fstest.MapFile{Data: []byte(data)}
}

func (f *mapFolder) remove(_ testing.TB, rel string) {
	for p := range f.m {
		if p == "content/"+rel || strings.HasPrefix(p, "content/"+rel+"/") {
			delete(f.m, p)
		}
	}
}

// diskFolder is a source folder on disk, read through source.New (links
// inside it followed) or os.DirFS (no link followed).
type diskFolder struct {
	root  string
	dirFS bool
}

func newDiskFolder(t testing.TB, dirFS bool) *diskFolder {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	return &diskFolder{root: root, dirFS: dirFS}
}

func (f *diskFolder) fsys() fs.FS {
	if f.dirFS {
		return os.DirFS(f.root)
	}
	return source.New(f.root)
}

func (f *diskFolder) path(rel string) string {
	return filepath.Join(f.root, "content", filepath.FromSlash(rel))
}

func (f *diskFolder) write(t testing.TB, rel, data string) {
	p := f.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (f *diskFolder) remove(t testing.TB, rel string) {
	if err := os.RemoveAll(f.path(rel)); err != nil {
		t.Fatal(err)
	}
}

// link makes rel a symbolic link to target (as written in the link).
func (f *diskFolder) link(t testing.TB, rel, target string) {
	p := f.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// loaded is what a test compares of a File.
type loaded struct {
	Path, Name         string
	Front              Front
	Body               string
	BodyLine, MetaLine int
	Params             map[string]any
}

// summary is what a test compares of a Load.
type summary struct {
	Files  []loaded
	Assets []Asset
	Err    string
}

func summarize(tree *Tree, err error) summary {
	var s summary
	if err != nil {
		s.Err = err.Error()
		return s
	}
	for _, f := range tree.Files {
		s.Files = append(s.Files, loaded{f.Path, f.Name, f.Front, string(f.Body), f.BodyLine, f.MetaLine, f.Params})
	}
	s.Assets = tree.Assets
	return s
}

// readerCheck loads a Reader after each change to its folder and holds it
// to Load of the same folder, and to its promises: a file whose bytes did
// not change since the last Load keeps its *File, Sum hashes the bytes,
// Asset reads the current bytes.
type readerCheck struct {
	f    folder
	r    *Reader
	seed maphash.Seed
	// last holds the files of the last successful Load whose bytes have
	// not changed since.
	last map[string]lastFile
	// noted says a change was noted since the last Load.
	noted bool
}

type lastFile struct {
	f    *File
	data string
}

func newReaderCheck(f folder) *readerCheck {
	seed := maphash.MakeSeed()
	return &readerCheck{f: f, r: NewReader(f.fsys(), "content", seed), seed: seed, last: map[string]lastFile{}, noted: true}
}

// read returns the bytes of the content file rel, and whether it reads.
func (c *readerCheck) read(rel string) (string, bool) {
	data, err := fs.ReadFile(c.f.fsys(), "content/"+rel)
	return string(data), err == nil
}

// changed tells the Reader what changed, as the watcher would, and
// forgets the files whose bytes changed.
func (c *readerCheck) changed(rel ...string) {
	for _, p := range rel {
		c.r.Changed(p)
		c.noted = true
	}
	for p, l := range c.last {
		if data, ok := c.read(p); !ok || data != l.data {
			delete(c.last, p)
		}
	}
}

// load loads the Reader and compares it with Load; it returns the tree.
func (c *readerCheck) load(t testing.TB, step string) *Tree {
	t.Helper()
	if c.noted && !c.r.Pending() {
		t.Errorf("%s: Pending is false with changes noted", step)
	}
	if !c.noted && !c.r.links && c.r.Pending() {
		t.Errorf("%s: Pending is true with no change noted", step)
	}
	c.noted = false
	got, gotErr := c.r.Load()
	want, wantErr := Load(c.f.fsys(), "content")
	if diff := cmp.Diff(summarize(want, wantErr), summarize(got, gotErr)); diff != "" {
		t.Fatalf("%s: Reader.Load differs from Load (-Load +Reader):\n%s", step, diff)
	}
	if c.r.Pending() != c.r.links {
		t.Errorf("%s: Pending = %v after Load, reading through links %v", step, c.r.Pending(), c.r.links)
	}
	if gotErr != nil {
		return nil
	}
	next := map[string]lastFile{}
	for _, f := range got.Files {
		data, _ := c.read(f.Path)
		if l, ok := c.last[f.Path]; ok && l.f != f {
			t.Errorf("%s: %s has not changed but is another *File", step, f.Path)
		}
		next[f.Path] = lastFile{f, data}
		sum := c.r.Sum(f)
		if sum.All != maphash.Bytes(c.seed, []byte(data)) {
			t.Errorf("%s: Sum(%s).All is not the hash of its bytes", step, f.Path)
		}
		front := data[:len(data)-len(f.Body)]
		if sum.Front != maphash.Bytes(c.seed, []byte(front)) {
			t.Errorf("%s: Sum(%s).Front is not the hash of its front matter", step, f.Path)
		}
	}
	c.last = next
	for _, a := range got.Assets {
		data, err := c.r.Asset(a.Path)
		want, _ := c.read(a.Path)
		if err != nil || string(data) != want {
			t.Errorf("%s: Asset(%s) = %q, %v; want %q", step, a.Path, data, err, want)
		}
	}
	return got
}

// A step changes the folder, tells the Reader what changed, and loads.
type step struct {
	name   string
	write  map[string]string // path → new bytes
	remove []string          // files or folders
	// changed is what the watcher reports; nil: the paths written and
	// removed.
	changed []string
}

func (s step) apply(t testing.TB, c *readerCheck) {
	for _, p := range s.remove {
		c.f.remove(t, p)
	}
	var paths []string
	for p, data := range s.write {
		c.f.write(t, p, data)
		paths = append(paths, p)
	}
	sort.Strings(paths)
	changed := s.changed
	if changed == nil {
		changed = append(append(changed, s.remove...), paths...)
	}
	c.changed(changed...)
}

const (
	pageA    = "---\ntitle: A\n---\nBody of A.\n"
	pageB    = "---\ntitle: B\nweight: 2\nowner: team\n---\n## B\n"
	badFront = "---\ntitle: [unclosed\n---\nBody.\n"
)

// readerScenarios are sequences of changes to a content folder; after
// each, the Reader must read what Load reads.
var readerScenarios = []struct {
	name  string
	start map[string]string
	steps []step
}{
	{
		name:  "files and folders come and go",
		start: map[string]string{"a.md": pageA, "guides/b.md": pageB, "img/logo.png": "png"},
		steps: []step{
			{name: "a page added", write: map[string]string{"guides/c.md": "C.\n"}},
			{name: "a body edited", write: map[string]string{"a.md": pageA + "More.\n"}},
			{name: "front matter edited", write: map[string]string{"guides/b.md": "---\ntitle: Bee\n---\n## B\n"}},
			{name: "saved unchanged", write: map[string]string{"guides/c.md": "C.\n"}},
			{name: "a page removed", remove: []string{"guides/b.md"}},
			{name: "a folder added", write: map[string]string{"roles/x.md": "X.\n", "roles/deep/y.md": "Y.\n", "roles/y.png": "y"},
				changed: []string{"roles"}},
			{name: "a file in it edited", write: map[string]string{"roles/deep/y.md": "Why.\n"}},
			{name: "a folder removed", remove: []string{"roles"}},
			{name: "a page renamed", remove: []string{"a.md"}, write: map[string]string{"z.md": pageA + "More.\n"}},
			{name: "a folder renamed", remove: []string{"guides"}, write: map[string]string{"howto/c.md": "C.\n"},
				changed: []string{"guides", "howto"}},
			{name: "an upper-case extension", write: map[string]string{"README.MD": "Read me.\n"}},
			{name: "a change noted for a path that is gone", changed: []string{"nowhere.md", "gone/folder"}},
			{name: "everything changed", write: map[string]string{"z.md": pageA}, changed: []string{""}},
			{name: "nothing noted", changed: []string{}},
		},
	},
	{
		name:  "ignored names",
		start: map[string]string{"a.md": pageA, "guides/_index.md": "---\ntitle: Guides\n---\n"},
		steps: []step{
			{name: "hidden, underscored and scratch files", write: map[string]string{
				".hidden.md": "x", "_draft.md": "x", "guides/.a.md.swp": "x", "guides/a.md~": "x", "guides/4913": "x",
				"guides/_partial.md": badFront,
			}},
			{name: "an ignored folder", write: map[string]string{"_drafts/x.md": badFront, "_drafts/img.png": "p"}, changed: []string{"_drafts"}},
			{name: "a file in an ignored folder", write: map[string]string{"_drafts/x.md": "fine"}},
			{name: "a folder under an ignored one", write: map[string]string{"_drafts/more/y.md": badFront}, changed: []string{"_drafts/more"}},
			{name: "a hidden folder", write: map[string]string{".git/HEAD": "ref", ".git/x.md": badFront}, changed: []string{".git"}},
			{name: "an index edited", write: map[string]string{"guides/_index.md": "---\ntitle: All guides\n---\n"}},
			{name: "an ignored folder removed", remove: []string{"_drafts"}},
		},
	},
	{
		name:  "assets",
		start: map[string]string{"a.md": pageA, "img/logo.png": "png", "files/doc.pdf": "pdf"},
		steps: []step{
			{name: "an asset changed", write: map[string]string{"img/logo.png": "png2"}},
			{name: "an asset added", write: map[string]string{"img/new.svg": "<svg/>"}},
			{name: "an asset removed", remove: []string{"files/doc.pdf"}},
			{name: "an asset folder removed", remove: []string{"img"}},
			{name: "an asset becomes a folder", write: map[string]string{"files/doc.pdf/inner.md": "In.\n"}, changed: []string{"files"}},
		},
	},
	{
		name:  "bad files, then fixed",
		start: map[string]string{"a.md": pageA, "guides/b.md": pageB, "guides/c.md": "C.\n"},
		steps: []step{
			{name: "bad front matter", write: map[string]string{"a.md": badFront}},
			{name: "another file edited while it is bad", write: map[string]string{"guides/c.md": "See.\n"}},
			{name: "two bad files", write: map[string]string{"guides/b.md": "---\nweight: heavy\n---\n"}},
			{name: "not UTF-8", write: map[string]string{"guides/c.md": "ok\n\xff"}},
			{name: "the first fixed", write: map[string]string{"a.md": pageA}},
			{name: "a bad folder removed", remove: []string{"guides"}},
			{name: "unclosed front matter", write: map[string]string{"a.md": "---\ntitle: A\n"}},
			{name: "fixed as it was", write: map[string]string{"a.md": pageA}},
			{name: "the bad folder back", write: map[string]string{"guides/b.md": badFront}, changed: []string{"guides"}},
			{name: "everything read again", changed: []string{""}},
			{name: "fixed by removing it", remove: []string{"guides/b.md"}},
		},
	},
	{
		name:  "front matter edge cases",
		start: map[string]string{"a.md": pageA},
		steps: []step{
			{name: "a byte order mark", write: map[string]string{"a.md": "\ufeff" + pageA}},
			{name: "CRLF lines", write: map[string]string{"a.md": strings.ReplaceAll(pageA, "\n", "\r\n")}},
			{name: "no front matter", write: map[string]string{"a.md": "Just text.\n"}},
			{name: "empty file", write: map[string]string{"a.md": ""}},
			{name: "front matter only", write: map[string]string{"a.md": "---\ntitle: A\n---"}},
		},
	},
}

// TestReaderMatchesLoad runs each scenario in memory and on disk.
func TestReaderMatchesLoad(t *testing.T) {
	folders := []struct {
		name string
		new  func(t *testing.T) folder
	}{
		{"MapFS", func(*testing.T) folder { return newMapFolder() }},
		{"source", func(t *testing.T) folder { return newDiskFolder(t, false) }},
	}
	for _, sc := range readerScenarios {
		for _, fo := range folders {
			t.Run(sc.name+"/"+fo.name, func(t *testing.T) {
				f := fo.new(t)
				for p, data := range sc.start {
					f.write(t, p, data)
				}
				c := newReaderCheck(f)
				c.load(t, "first load")
				for _, st := range sc.steps {
					st.apply(t, c)
					c.load(t, st.name)
				}
			})
		}
	}
}

// TestReaderLinks reads content with symbolic links: followed inside the
// source folder (a change anywhere then reads everything again, as a link
// may lead to the file that changed), errors outside it or without the
// source folder's rule (os.DirFS).
func TestReaderLinks(t *testing.T) {
	for _, dirFS := range []bool{false, true} {
		name := "source"
		if dirFS {
			name = "DirFS"
		}
		t.Run(name, func(t *testing.T) {
			f := newDiskFolder(t, dirFS)
			f.write(t, "a.md", pageA)
			f.write(t, "guides/b.md", pageB)
			f.link(t, "guides/alias.md", "../a.md")
			f.link(t, "more", "guides")
			outside := filepath.Join(t.TempDir(), "secret.md")
			if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
				t.Fatal(err)
			}
			c := newReaderCheck(f)
			c.load(t, "first load")
			steps := []step{
				// Only a.md is noted; guides/alias.md and more/b.md change
				// with it.
				{name: "a link's target edited", write: map[string]string{"a.md": pageA + "Edited.\n"}},
				{name: "a linked folder's file edited", write: map[string]string{"guides/b.md": pageB + "More.\n"}},
				{name: "an unrelated page added", write: map[string]string{"c.md": "C.\n"}},
				{name: "a link's target removed", remove: []string{"a.md"}},
				{name: "restored", write: map[string]string{"a.md": pageA}},
			}
			for _, st := range steps {
				st.apply(t, c)
				c.load(t, st.name)
			}
			if _, _, ok := c.r.Edit("c.md"); ok {
				t.Error("Edit of a folder read through links is ok; it needs Load, which reads everything")
			}
			if !c.r.Pending() {
				t.Error("Pending is false for a folder read through links")
			}
			f.link(t, "pw.md", outside)
			c.changed("pw.md")
			c.load(t, "a link out of the source folder")
			f.remove(t, "pw.md")
			f.link(t, "dangling.md", "nothing.md")
			c.changed("pw.md", "dangling.md")
			c.load(t, "a dangling link")
			f.remove(t, "dangling.md")
			f.remove(t, "guides/alias.md")
			f.remove(t, "more")
			c.changed("dangling.md", "guides/alias.md", "more")
			c.load(t, "links removed")
		})
	}
}

// TestReaderLinkErrors checks that the links the source folder does not
// follow are errors of Reader.Load, as of Load.
func TestReaderLinkErrors(t *testing.T) {
	f := newDiskFolder(t, false)
	f.write(t, "a.md", pageA)
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.link(t, "pw.md", outside)
	f.link(t, "gone.md", "nothing.md")
	c := newReaderCheck(f)
	_, err := c.r.Load()
	c.noted = false
	if err == nil {
		t.Fatal("links out of the folder and to nothing read without error")
	}
	for _, want := range []string{"content/pw.md: symlink to", "leaves the source folder", "content/gone.md: symlink to", "points to nothing"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	c.load(t, "again")
	// A link not followed changes when its target appears: the watcher
	// reports the target, not the link.
	f.write(t, "nothing.md", "Something.\n")
	c.changed("nothing.md")
	c.load(t, "a dangling link's target appears")
	f.remove(t, "pw.md")
	c.changed("pw.md")
	c.load(t, "the link out removed")
	f.link(t, "guides", "later")
	c.changed("guides")
	c.load(t, "a dangling folder link")
	f.write(t, "later/x.md", "X.\n")
	c.changed("later")
	c.load(t, "its target appears")
	f.remove(t, "nothing.md")
	c.changed("nothing.md")
	c.load(t, "a link's target removed")
}

// TestReaderEdit checks the fast path's reading of one saved page.
func TestReaderEdit(t *testing.T) {
	start := map[string]string{
		"a.md": pageA, "guides/b.md": pageB, "img/x.png": "png", "_drafts/d.md": "D.\n", "README.MD": "Read.\n",
	}
	tests := []struct {
		name  string
		write map[string]string
		rm    string
		rel   string
		want  string // the new body; "" when saved unchanged
		ok    bool
	}{
		{name: "saved unchanged", rel: "a.md", ok: true},
		{name: "body edited", write: map[string]string{"a.md": pageA + "More.\n"}, rel: "a.md", want: "Body of A.\nMore.\n", ok: true},
		{name: "body emptied", write: map[string]string{"a.md": "---\ntitle: A\n---\n"}, rel: "a.md", ok: true, want: "-"},
		{name: "upper-case extension", write: map[string]string{"README.MD": "Read more.\n"}, rel: "README.MD", want: "Read more.\n", ok: true},
		{name: "params unchanged, body edited", write: map[string]string{"guides/b.md": pageB + "x\n"}, rel: "guides/b.md", want: "## B\nx\n", ok: true},
		{name: "front matter edited", write: map[string]string{"a.md": "---\ntitle: Aa\n---\nBody of A.\n"}, rel: "a.md"},
		{name: "front matter edited in spacing only", write: map[string]string{"a.md": "---\ntitle:  A\n---\nBody of A.\n"}, rel: "a.md"},
		{name: "front matter removed", write: map[string]string{"a.md": "Body of A.\n"}, rel: "a.md"},
		{name: "front matter broken", write: map[string]string{"a.md": badFront}, rel: "a.md"},
		{name: "not UTF-8", write: map[string]string{"a.md": pageA + "\xff"}, rel: "a.md"},
		{name: "removed", rm: "a.md", rel: "a.md"},
		{name: "a new page", write: map[string]string{"new.md": "New.\n"}, rel: "new.md"},
		{name: "an asset", write: map[string]string{"img/x.png": "png2"}, rel: "img/x.png"},
		{name: "an ignored page", write: map[string]string{"_drafts/d.md": "Dee.\n"}, rel: "_drafts/d.md"},
		{name: "a page in an ignored folder", write: map[string]string{"_drafts/e.md": "E.\n"}, rel: "_drafts/e.md"},
		{name: "a folder", rel: "guides"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// open loads the start, makes the change, and calls Edit.
			open := func() (fo *mapFolder, r *Reader, before map[string]*File, f, old *File, ok bool) {
				fo = newMapFolder()
				for p, data := range start {
					fo.write(t, p, data)
				}
				r = NewReader(fo.fsys(), "content", maphash.MakeSeed())
				if _, _, ok := r.Edit("a.md"); ok {
					t.Error("Edit before the first Load is ok")
				}
				before = mustLoad(t, r)
				for p, data := range tt.write {
					fo.write(t, p, data)
				}
				if tt.rm != "" {
					fo.remove(t, tt.rm)
				}
				f, old, ok = r.Edit(tt.rel)
				return fo, r, before, f, old, ok
			}
			fo, r, before, f, old, ok := open()
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				if f != nil || old != nil {
					t.Errorf("not ok, but f = %v, old = %v", f, old)
				}
				return
			}
			if old != before[tt.rel] {
				t.Error("old is not the current version of the file")
			}
			if tt.want == "" {
				if f != nil {
					t.Errorf("saved unchanged, but a new file with body %q", f.Body)
				}
				return
			}
			if f == nil || f == old {
				t.Fatal("a body edit returned no new file")
			}
			if want := strings.TrimPrefix(tt.want, "-"); string(f.Body) != want || f.Path != tt.rel || f.Name != "content/"+tt.rel {
				t.Errorf("new file %s (%s) with body %q, want %q", f.Path, f.Name, f.Body, want)
			}
			if diff := cmp.Diff(old.Front, f.Front); diff != "" {
				t.Errorf("front matter of the edit (-old +new):\n%s", diff)
			}
			if !cmp.Equal(old.Params, f.Params) || old.BodyLine != f.BodyLine {
				t.Error("params or body line differ though the front matter is the same")
			}
			if data, _ := fs.ReadFile(fo.fsys(), "content/"+tt.rel); r.Sum(f).All != maphash.Bytes(r.seed, data) {
				t.Error("Sum of the edit is not the hash of the bytes saved")
			}
			// Until Keep, Load returns the old version.
			if got := mustLoad(t, r); got[tt.rel] != old {
				t.Error("Edit changed what Load returns before Keep")
			}

			// Keep, as the fast path does after Edit, makes it current.
			fo, r, before, f, _, _ = open()
			r.Keep(f)
			after := mustLoad(t, r)
			if after[tt.rel] != f {
				t.Error("Keep did not make the edit current")
			}
			for p, g := range after {
				if p != tt.rel && g != before[p] {
					t.Errorf("Keep changed %s", p)
				}
			}
			if g, cur, ok := r.Edit(tt.rel); !ok || g != nil || cur != f {
				t.Errorf("Edit after Keep = %v, %v, %v; want saved unchanged, the kept file", g, cur, ok)
			}
			// A Load that reads the file again keeps the kept version.
			r.Changed(tt.rel)
			if got := mustLoad(t, r); got[tt.rel] != f {
				t.Error("reading the kept file again made another *File")
			}
			want, err := Load(fo.fsys(), "content")
			if diff := cmp.Diff(summarize(want, err), summarize(r.Load())); diff != "" {
				t.Errorf("after Keep, Reader.Load differs from Load (-Load +Reader):\n%s", diff)
			}
		})
	}
}

// files maps the files of tree by path.
func files(tree *Tree) map[string]*File {
	m := map[string]*File{}
	for _, f := range tree.Files {
		m[f.Path] = f
	}
	return m
}

func mustTree(t testing.TB, r *Reader) *Tree {
	t.Helper()
	tree, err := r.Load()
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func mustLoad(t testing.TB, r *Reader) map[string]*File { t.Helper(); return files(mustTree(t, r)) }

// TestReaderReset checks that Reset reads everything again, and that a
// file read again after it is a new *File (nothing is kept).
func TestReaderReset(t *testing.T) {
	fo := newMapFolder()
	fo.write(t, "a.md", pageA)
	r := NewReader(fo.fsys(), "content", maphash.MakeSeed())
	first := mustLoad(t, r)
	fo.write(t, "b.md", "B.\n") // not noted: the Reader does not see it
	if got := mustLoad(t, r); len(got) != 1 {
		t.Errorf("a change not noted was read: %v", got)
	}
	r.Reset()
	if !r.Pending() {
		t.Error("Pending is false after Reset")
	}
	got := mustLoad(t, r)
	if len(got) != 2 || got["a.md"] == first["a.md"] {
		t.Errorf("after Reset: %v; want a.md read again and b.md", got)
	}
	if _, err := r.Asset("missing.png"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Asset of a missing file: %v", err)
	}
}

// The paths and contents FuzzReader changes a content folder with. No
// file path is a folder path.
var (
	fuzzFiles   = []string{"a.md", "b.md", "g/c.md", "g/d.png", "g/h/e.md", "g/h/i.txt", "_x/f.md", "g/.s.md", "A.MD", "g/_j.md"}
	fuzzFolders = []string{"g", "g/h", "_x", ""}
	fuzzTexts   = []string{pageA, pageB, badFront, "x", "ok\n\xff", "---\ntitle: A\n---\nOther body.\n", "", "---\ntitle: A\n"}
)

// FuzzReader reads a content folder with a Reader after random sequences
// of changes, each noted as a watcher would (the path, its folder or
// everything), mixed with the fast path's Edit and Keep, and holds every
// Load to Load of the same folder (see readerCheck).
//
// Each pair of bytes is one operation: the first picks what to do, the
// second what to do it to.
func FuzzReader(f *testing.F) {
	f.Add([]byte{0, 0, 2, 0})
	f.Add([]byte{0, 2, 0, 22, 2, 0, 1, 10, 2, 0})
	f.Add([]byte{0, 0, 2, 0, 4, 0, 0, 50, 4, 0, 2, 0, 0, 20, 2, 0, 0, 0, 2, 0})
	f.Add([]byte{0, 4, 8, 4, 2, 0, 1, 11, 2, 0, 0, 14, 2, 0, 6, 3, 2, 0})
	f.Add([]byte{3, 0, 0, 1, 0, 3, 0, 5, 2, 0, 4, 1, 0, 21, 4, 1, 2, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 200 {
			ops = ops[:200]
		}
		fo := newMapFolder()
		fo.write(t, "a.md", pageA)
		c := newReaderCheck(fo)
		c.load(t, "first load")
		for i := 0; i+1 < len(ops); i += 2 {
			op, arg := ops[i], int(ops[i+1])
			var rel string
			switch op % 5 {
			case 0: // write a file
				rel = fuzzFiles[arg%len(fuzzFiles)]
				fo.write(t, rel, fuzzTexts[arg/len(fuzzFiles)%len(fuzzTexts)])
			case 1: // remove a file or a folder
				all := append(append([]string{}, fuzzFiles...), fuzzFolders[:3]...)
				rel = all[arg%len(all)]
				fo.remove(t, rel)
			case 2:
				c.load(t, "load")
				continue
			case 3: // save a file unchanged
				rel = fuzzFiles[arg%len(fuzzFiles)]
				if data, ok := c.read(rel); ok {
					fo.write(t, rel, data)
				}
			case 4: // the fast path: Edit, and Keep what it returns
				rel = fuzzFiles[arg%len(fuzzFiles)]
				if g, _, ok := c.r.Edit(rel); ok && g != nil {
					c.r.Keep(g)
				}
			}
			// What the watcher reports: the path, a folder above it, or
			// everything.
			switch (op / 5) % 4 {
			case 1:
				rel = path.Dir(rel)
				if rel == "." {
					rel = ""
				}
			case 2:
				rel = ""
			}
			c.changed(rel)
		}
		c.load(t, "last load")
	})
}
