package content

import (
	"hash/maphash"
	"io/fs"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Reader reads a content folder again and again, for `handbook serve
// --watch`: after the first read it reads only what it is told changed,
// with Walk's rules for which files count and Parse's for reading them,
// so that its Tree is the one Load would return. A file saved unchanged
// keeps its *File. It is not safe for concurrent use.
type Reader struct {
	fsys   fs.FS
	dir    string
	seed   maphash.Seed
	ignore *Ignore

	loaded  bool
	changed []string // paths to read again, relative to dir ("" for all)
	files   map[string]*File
	assets  map[string][]byte // nil data: not read yet
	bad     map[string]diag.List
	sums    map[*File]Sum
	old     map[string]*File // files dropped until read again
	// links says the folder was read through symbolic links, or holds
	// one not followed: then a change anywhere reads all of it again, as
	// the file a link leads to may be anywhere (or appear).
	links bool
}

// Sum hashes the bytes of a content file (All), and the part of them
// before its body (Front): the front matter byte for byte.
type Sum struct{ All, Front uint64 }

// NewReader returns a Reader of the folder dir of fsys. Nothing is read
// until Load.
func NewReader(fsys fs.FS, dir string, seed maphash.Seed) *Reader {
	r := &Reader{fsys: fsys, dir: dir, seed: seed}
	r.Reset()
	return r
}

// SetIgnore sets the ignore list Walk reads with (nil: DefaultIgnore);
// another one than before forgets everything read.
func (r *Reader) SetIgnore(ig *Ignore) {
	if !r.ignore.Equal(ig) {
		r.Reset()
	}
	r.ignore = ig
}

// Reset forgets everything read: the next Load reads the whole folder.
func (r *Reader) Reset() {
	r.loaded, r.changed, r.links = false, nil, false
	r.files, r.assets, r.bad = map[string]*File{}, map[string][]byte{}, map[string]diag.List{}
	r.sums, r.old = map[*File]Sum{}, map[string]*File{}
}

// Changed notes that the file or folder rel (relative to the content
// folder, "" for all of it) changed: the next Load reads it again. Notes
// wait for a Load, even across failed ones.
func (r *Reader) Changed(rel string) { r.changed = append(r.changed, rel) }

// Pending reports whether a change waits for the next Load, or whether
// any change would read the whole folder again.
func (r *Reader) Pending() bool { return len(r.changed) > 0 || r.links || !r.loaded }

// Load returns the content folder as it is now; on problems, as Load
// (the function) does, the Tree of what it could read with them.
func (r *Reader) Load() (*Tree, error) {
	if !r.loaded {
		r.readTree("")
		r.loaded = true
	} else {
		if r.links && len(r.changed) > 0 {
			r.changed = append(r.changed[:0], "")
		}
		for _, rel := range r.changed {
			r.forget(rel)
		}
		for _, rel := range r.changed {
			r.readTree(rel)
		}
		clear(r.old)
	}
	r.changed = r.changed[:0]
	var errs diag.List
	for _, l := range r.bad {
		errs = append(errs, l...)
	}
	t := &Tree{}
	for _, f := range r.files {
		t.Files = append(t.Files, f)
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	for p := range r.assets {
		t.Assets = append(t.Assets, Asset{Path: p})
	}
	sort.Slice(t.Assets, func(i, j int) bool { return t.Assets[i].Path < t.Assets[j].Path })
	for f := range r.sums {
		if r.files[f.Path] != f {
			delete(r.sums, f)
		}
	}
	return t, errs.Err()
}

// Asset returns the bytes of the asset rel, read once.
func (r *Reader) Asset(rel string) ([]byte, error) {
	if data := r.assets[rel]; data != nil {
		return data, nil
	}
	data, err := fs.ReadFile(r.fsys, r.dir+"/"+rel)
	if err == nil {
		r.assets[rel] = data
	}
	return data, err
}

// Sum returns the hashes of the bytes f was parsed from.
func (r *Reader) Sum(f *File) Sum { return r.sums[f] }

// Edit reads the Markdown file rel again after an author saved it, for
// the fast path of a rebuild, without changing what Load returns until
// Keep. It returns the new version and the current one; f is nil when the
// file was saved unchanged. ok is false unless rel is a known Markdown
// file that still reads and parses, with its front matter unchanged byte
// for byte: anything else needs Load.
func (r *Reader) Edit(rel string) (f, old *File, ok bool) {
	if IgnoredPath(rel) || r.ignore.MatchPath(rel) || !strings.HasSuffix(strings.ToLower(rel), ".md") || r.links || !r.loaded {
		return nil, nil, false
	}
	old = r.files[rel]
	if old == nil || old.Incomplete {
		return nil, nil, false
	}
	name := r.dir + "/" + rel
	info, err := fs.Lstat(r.fsys, name)
	if err != nil || !info.Mode().IsRegular() {
		return nil, nil, false
	}
	data, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		return nil, nil, false
	}
	if r.sums[old].All == maphash.Bytes(r.seed, data) {
		return nil, old, true // saved unchanged
	}
	f, err = r.parse(rel, data)
	if err != nil || r.sums[f].Front != r.sums[old].Front {
		return nil, nil, false
	}
	return f, old, true
}

// Keep makes f, returned by Edit, the current version of its file.
func (r *Reader) Keep(f *File) {
	if old := r.files[f.Path]; old != nil && old != f {
		delete(r.sums, old)
	}
	r.files[f.Path] = f
}

// forget drops rel ("" for everything) and what is under it.
func (r *Reader) forget(rel string) {
	drop := func(p string) bool { return rel == "" || p == rel || strings.HasPrefix(p, rel+"/") }
	for p, f := range r.files {
		if drop(p) {
			r.old[p] = f
			delete(r.files, p)
		}
	}
	for p := range r.assets {
		if drop(p) {
			delete(r.assets, p)
		}
	}
	for p := range r.bad {
		if drop(p) {
			delete(r.bad, p)
		}
	}
}

// readTree reads the file or folder rel ("" for all): the files Walk
// lists, as Load reads them.
func (r *Reader) readTree(rel string) {
	Walk(r.fsys, r.dir, rel, r.ignore, func(e Entry) {
		r.links = r.links || e.Link
		switch {
		case e.Err != nil:
			r.bad[e.Path] = diag.List{e.Err}
			if e.Markdown {
				r.files[e.Path] = unreadable(e)
			}
		case !e.Markdown:
			r.assets[e.Path] = nil
		default:
			r.readFile(e)
		}
	})
}

func (r *Reader) readFile(e Entry) {
	data, err := fs.ReadFile(r.fsys, e.Name)
	if err != nil {
		r.bad[e.Path] = diag.List{diag.Errorf(e.Name, 0, 0, "cannot read: %v", unwrapPathError(err))}
		r.files[e.Path] = unreadable(e)
		return
	}
	if f := r.old[e.Path]; f != nil && !f.Incomplete && r.sums[f].All == maphash.Bytes(r.seed, data) {
		r.files[e.Path] = f // saved unchanged
		return
	}
	f, errs := parse(r.dir+"/"+e.Path, data)
	f.Path = e.Path
	r.sums[f] = r.sum(data, f)
	if len(errs) > 0 {
		r.bad[e.Path] = errs
	}
	r.files[e.Path] = f
}

// parse parses data, the bytes of the file rel, and records their sums.
func (r *Reader) parse(rel string, data []byte) (*File, error) {
	f, err := Parse(r.dir+"/"+rel, data)
	if err != nil {
		return nil, err
	}
	f.Path = rel
	r.sums[f] = r.sum(data, f)
	return f, nil
}

// sum hashes data, the bytes f was parsed from.
func (r *Reader) sum(data []byte, f *File) Sum {
	front := max(len(data)-len(f.Body), 0) // f.Body may be valid UTF-8 made of data
	return Sum{All: maphash.Bytes(r.seed, data), Front: maphash.Bytes(r.seed, data[:front])}
}
