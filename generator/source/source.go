// Package source opens a site's source folder (handbook.yaml, content/,
// themes/, anchors.lock) as an fs.FS that never reads outside it.
//
// The FS resolves symbolic links itself, so that the stages reading it never
// see one:
//
//   - a link to a file or a folder inside the source folder reads as its
//     target (a linked folder is walked like a real one);
//   - a link whose target resolves outside the source folder, a link that
//     points to nothing, and a folder link that leads back to a folder
//     holding it (a loop) are not followed. ReadDir still lists them, with
//     the type fs.ModeSymlink, and opening or stating them returns a
//     *LinkError: one line that names the link and says how to fix it.
//
// A content author can commit a link such as content/pw.md → /etc/passwd;
// the person running the build decides what is published, and only the
// source folder is (docs/security.md). There is deliberately no option to
// follow links out of it: copy the file in instead.
//
// Links are checked when a path is opened, not held open (no openat): the
// FS defends against links in the content, not against another process
// swapping folders during a build.
package source

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
)

// FS is a source folder. It implements fs.ReadDirFS, fs.ReadFileFS and
// fs.StatFS; its methods are safe for concurrent use.
type FS struct {
	root string // the folder with its own links resolved
}

// New returns the source folder at root. A root that is itself a link is
// fine: the folder it leads to is the source folder.
func New(root string) *FS {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return &FS{root: abs}
}

// Why a link is not followed.
const (
	Outside  = "outside"  // its target resolves outside the source folder
	Dangling = "dangling" // its target does not exist
	Loop     = "loop"     // it leads to a folder that holds it
)

// LinkError is a symbolic link the FS does not follow.
type LinkError struct {
	Name   string // the link, a slash path relative to the source folder
	Target string // where it leads: the resolved path for Outside
	Reason string // Outside, Dangling or Loop
	Dir    bool   // the target is a folder
}

// Diag returns the error as a diagnostic of the link's file.
func (e *LinkError) Diag() *diag.Error {
	switch e.Reason {
	case Outside:
		what := "file"
		if e.Dir {
			what = "folder"
		}
		return diag.Errorf(e.Name, 0, 0, "symlink to %s leaves the source folder", e.Target).
			WithHint("remove it, or copy the %s into the source folder", what)
	case Loop:
		return diag.Errorf(e.Name, 0, 0, "symlink to %s loops back to a folder that holds it", e.Target).
			WithHint("remove it")
	default:
		return diag.Errorf(e.Name, 0, 0, "symlink to %s points to nothing", e.Target).
			WithHint("remove it, or restore its target")
	}
}

func (e *LinkError) Error() string { return e.Diag().Error() }

// AsLinkError returns the *LinkError in err's chain, if any.
func AsLinkError(err error) (*LinkError, bool) {
	var le *LinkError
	ok := errors.As(err, &le)
	return le, ok
}

// resolve returns the real path of name and the real folders on the way to
// it, root first (name itself included when it is a folder).
func (f *FS) resolve(op, name string) (string, []string, error) {
	if !fs.ValidPath(name) {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	cur, chain := f.root, []string{f.root}
	if name == "." {
		return cur, chain, nil
	}
	parts := strings.Split(name, "/")
	for i, part := range parts {
		next := filepath.Join(cur, part)
		info, err := os.Lstat(next)
		if err != nil {
			return "", nil, &fs.PathError{Op: op, Path: name, Err: underlying(err)}
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			if next, err = f.follow(strings.Join(parts[:i+1], "/"), next, chain); err != nil {
				return "", nil, err
			}
		}
		cur = next
		chain = append(chain, cur)
	}
	return cur, chain, nil
}

// follow resolves the link at the real path p, named rel, inside the real
// folders chain.
func (f *FS) follow(rel, p string, chain []string) (string, error) {
	raw, err := os.Readlink(p)
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: rel, Err: underlying(err)}
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		// Nothing there (or a loop of links): judge where it says it leads.
		lex := raw
		if !filepath.IsAbs(lex) {
			lex = filepath.Join(filepath.Dir(p), lex)
		}
		if !inside(f.root, filepath.Clean(lex)) {
			return "", &LinkError{Name: rel, Target: filepath.Clean(lex), Reason: Outside}
		}
		return "", &LinkError{Name: rel, Target: raw, Reason: Dangling}
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", &LinkError{Name: rel, Target: raw, Reason: Dangling}
	}
	if !inside(f.root, target) {
		return "", &LinkError{Name: rel, Target: target, Reason: Outside, Dir: info.IsDir()}
	}
	if info.IsDir() {
		for _, c := range chain {
			if inside(target, c) {
				return "", &LinkError{Name: rel, Target: f.rel(target), Reason: Loop, Dir: true}
			}
		}
	}
	return target, nil
}

// rel names the real path p inside the source folder as a slash path.
func (f *FS) rel(p string) string {
	r, err := filepath.Rel(f.root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// inside reports whether p is dir or inside it.
func inside(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Open opens name, following the links inside the source folder.
func (f *FS) Open(name string) (fs.File, error) {
	real, _, err := f.resolve("open", name)
	if err != nil {
		return nil, err
	}
	file, err := os.Open(real)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	return &openFile{File: file, fsys: f, name: name}, nil
}

// ReadFile reads the file name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	real, _, err := f.resolve("open", name)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: underlying(err)}
	}
	return data, nil
}

// Stat describes name, or the target of a link it is.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	real, _, err := f.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: underlying(err)}
	}
	return named{info, path.Base(name)}, nil
}

// ReadDir lists the folder name. A link that is followed is listed as its
// target (a file or a folder); one that is not keeps the type
// fs.ModeSymlink.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	real, chain, err := f.resolve("readdir", name)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: underlying(err)}
	}
	for i, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		rel := path.Join(name, e.Name())
		target, err := f.follow(rel, filepath.Join(real, e.Name()), chain)
		if err != nil {
			continue // listed as a link; opening it says why
		}
		if info, err := os.Stat(target); err == nil {
			entries[i] = linkEntry{named{info, e.Name()}}
		}
	}
	return entries, nil
}

// IsLink reports whether d, listed by an FS's ReadDir, is a link the FS
// followed. A change to its target is a change to it.
func IsLink(d fs.DirEntry) bool {
	_, ok := d.(linkEntry)
	return ok
}

// named is a FileInfo under another name: a link's, not its target's.
type named struct {
	fs.FileInfo
	name string
}

func (n named) Name() string { return n.name }

// linkEntry is a followed link as its target.
type linkEntry struct{ info named }

func (e linkEntry) Name() string               { return e.info.name }
func (e linkEntry) IsDir() bool                { return e.info.IsDir() }
func (e linkEntry) Type() fs.FileMode          { return e.info.Mode().Type() }
func (e linkEntry) Info() (fs.FileInfo, error) { return e.info, nil }
func (e linkEntry) String() string             { return fs.FormatDirEntry(e) }

// openFile is an open file or folder of an FS; a folder lists its entries
// as FS.ReadDir does.
type openFile struct {
	*os.File
	fsys    *FS
	name    string
	entries []fs.DirEntry
	read    bool
}

func (o *openFile) Stat() (fs.FileInfo, error) {
	info, err := o.File.Stat()
	if err != nil {
		return nil, err
	}
	return named{info, path.Base(o.name)}, nil
}

func (o *openFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if !o.read {
		es, err := o.fsys.ReadDir(o.name)
		if err != nil {
			return nil, err
		}
		o.entries, o.read = es, true
	}
	if n <= 0 {
		es := o.entries
		o.entries = nil
		return es, nil
	}
	if len(o.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(o.entries))
	es := o.entries[:n]
	o.entries = o.entries[n:]
	return es, nil
}
