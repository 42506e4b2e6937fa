// Package output writes a built site to disk as one transaction.
//
// A build writes into a temporary folder and swaps it in only when every
// file is written, so a failed build leaves the previous output exactly as
// it was and files of deleted pages never survive a rebuild.
//
// The temporary folder is made beside the destination, and the swap is two
// renames of whole folders. Where the destination folder itself cannot be
// replaced, the temporary folder is made inside it and the swap moves its
// entries instead: when the destination is a symbolic link to a folder (the
// link stays, the folder it leads to gets the new output, nothing beside
// that folder is touched) and when it is a mount point (renaming a mount
// point fails with "device or resource busy"). That swap is a few renames
// per top-level entry, undone if one fails.
//
// The destination carries an ownership marker; the writer refuses a
// destination it did not create (one holding other files), the source
// folder, a folder inside the content or themes folder (every build would
// read its own output), a repository root, or any folder that contains the
// source: it never deletes a user's files. Folders are made 0755 and files
// 0644, less the umask. Temporary folders left by a build that was killed
// are removed by the next build: only folders named as this package names
// them that hold its marker (or nothing) and that no running build holds.
package output

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"

	"github.com/handbook-dev/handbook/internal/parallel"
)

// Marker is the file that marks a folder as written by handbook.
const Marker = ".handbook-output"

// inPlaceTemp names the temporary folder made inside the destination.
const inPlaceTemp = ".handbook"

// lostFound is the folder fsck keeps at the root of a file system: a
// mount point destination keeps it.
const lostFound = "lost+found"

// Guard lists folders the destination must not be, or be inside of.
type Guard struct {
	Source  string // the site root
	Content string // the content folder
	Themes  string // the themes folder
}

// Tx is an output transaction. WriteFile is safe for concurrent use.
type Tx struct {
	dest    string // the destination folder, links resolved
	tmp     string
	inPlace bool // tmp is inside dest; Commit swaps its entries
	done    bool
	unlock  func()
	dirs    sync.Map // folders known to exist, so each is made once
	// rename is os.Rename; tests make it fail as a mount point does.
	rename func(oldpath, newpath string) error
}

// Begin validates dest, removes the temporary folders of earlier builds
// that were killed, and creates the temporary folder.
func Begin(dest string, g Guard) (*Tx, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	shown := dest // as the user wrote it, in errors
	real, inPlace, err := resolve(abs, shown)
	if err != nil {
		return nil, err
	}
	if !inPlace && isMountPoint(real) {
		inPlace = true
	}
	if err := check(real, shown, g, inPlace); err != nil {
		return nil, err
	}
	tx := &Tx{dest: real, inPlace: inPlace, rename: os.Rename}
	dir, prefix := filepath.Dir(real), "."+filepath.Base(real)
	if inPlace {
		dir, prefix = real, inPlaceTemp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	removeStale(dir, prefix)
	if tx.tmp, tx.unlock, err = makeTemp(dir, prefix); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tx.tmp, Marker), []byte("written by handbook; this folder is replaced on every build\n"), 0o644); err != nil {
		tx.Abort()
		return nil, err
	}
	return tx, nil
}

// resolve returns the folder that abs names, its links resolved, and
// whether abs is a link to a folder (then the output goes into the folder
// it leads to, and the link stays).
func resolve(abs, shown string) (string, bool, error) {
	info, err := os.Lstat(abs)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return "", false, fmt.Errorf("%s: the destination is a symlink to a folder that does not exist (create the folder it leads to, or remove the link)", shown)
		}
		if info, err := os.Stat(real); err != nil || !info.IsDir() {
			return "", false, fmt.Errorf("%s: the destination is a symlink to %s, which is not a folder (point it at a folder, or remove the link)", shown, real)
		}
		return real, true, nil
	}
	return realPath(abs), false, nil
}

// realPath resolves the links of the longest part of p that exists.
func realPath(p string) string {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		return real
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(realPath(parent), filepath.Base(p))
}

func check(dest, shown string, g Guard, inPlace bool) error {
	refuse := func(why string) error {
		return fmt.Errorf("%s: refusing to use as destination: %s (choose an output folder such as public/)", shown, why)
	}
	for _, p := range []struct {
		path, what string
		inside     bool // refuse a destination inside it, too
	}{
		{g.Source, "source folder", false},
		{g.Content, "content folder", true},
		{g.Themes, "themes folder", true},
	} {
		if p.path == "" {
			continue
		}
		abs, err := filepath.Abs(p.path)
		if err != nil {
			return err
		}
		abs = realPath(abs)
		switch {
		case abs == dest:
			return refuse("it is the " + p.what)
		case within(abs, dest):
			return refuse("it contains the " + p.what)
		case p.inside && within(dest, abs):
			return refuse("it is inside the " + p.what + ", so every build would read its own output")
		}
	}
	if _, err := os.Stat(filepath.Join(dest, ".git")); err == nil {
		return refuse("it is a repository root")
	}
	if _, err := os.Stat(filepath.Join(dest, "go.mod")); err == nil {
		return refuse("it holds a go.mod")
	}
	entries, err := os.ReadDir(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == Marker {
			return nil
		}
	}
	for _, e := range entries {
		// Written inside, a folder keeps lost+found; replaced, it would not.
		if !isTemp(e.Name(), inPlaceTemp) && !(inPlace && e.Name() == lostFound) {
			return refuse("it holds files handbook did not write (no " + Marker + " marker)")
		}
	}
	return nil
}

// within reports whether path is inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// makeTemp makes a new temporary folder in dir, named prefix.tmp-<hex>,
// 0755 less the umask, and holds it (see lock) until unlock.
func makeTemp(dir, prefix string) (string, func(), error) {
	for range 100 {
		p := filepath.Join(dir, prefix+".tmp-"+randomHex())
		err := os.Mkdir(p, 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", nil, err
		}
		return p, lock(p), nil
	}
	return "", nil, fmt.Errorf("%s: cannot make a temporary folder", dir)
}

func randomHex() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// isTemp reports whether name is a temporary folder of a build of the
// destination whose temporary folders are named prefix: prefix.tmp-<digits
// or hex> (os.MkdirTemp's names, of earlier versions, included), or the
// same with .old, the previous output being removed.
func isTemp(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix+".tmp-")
	return ok && tempSuffix.MatchString(rest)
}

var tempSuffix = regexp.MustCompile(`^[0-9a-f]+(\.old)?$`)

// removeStale removes the temporary folders that builds killed before
// they finished left in dir: folders (not links) named as isTemp says,
// holding the marker or nothing, that no running build holds.
func removeStale(dir, prefix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !isTemp(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if !ours(p) || held(p) {
			continue
		}
		_ = removeAll(p)
	}
}

// ours reports whether the folder p holds the marker, or nothing (a build
// killed before it wrote the marker).
func ours(p string) bool {
	if _, err := os.Lstat(filepath.Join(p, Marker)); err == nil {
		return true
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	return len(names) == 0
}

// Dir is the temporary folder files are written to.
func (tx *Tx) Dir() string { return tx.tmp }

// WriteFile writes data to rel (slash-separated) inside the transaction.
func (tx *Tx) WriteFile(rel string, data []byte) error {
	p := filepath.Join(tx.tmp, filepath.FromSlash(rel))
	if !within(p, tx.tmp) {
		return fmt.Errorf("output path %q escapes the output folder", rel)
	}
	if err := tx.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// mkdir makes dir and its parents. Most pages have a folder of their own
// whose parent already exists: one mkdir call makes it.
func (tx *Tx) mkdir(dir string) error {
	if _, ok := tx.dirs.Load(dir); ok {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		err = os.MkdirAll(dir, 0o755)
	} else if errors.Is(err, fs.ErrExist) {
		err = nil
	}
	if err == nil {
		tx.dirs.Store(dir, true)
	}
	return err
}

// Commit swaps the new output in place of the old.
func (tx *Tx) Commit() error {
	if tx.done {
		return errors.New("output transaction already finished")
	}
	tx.done = true
	defer tx.unlock()
	if tx.inPlace {
		return tx.swapEntries(tx.tmp + ".old")
	}
	old := ""
	if _, err := os.Stat(tx.dest); err == nil {
		old = tx.tmp + ".old"
		if err := tx.rename(tx.dest, old); err != nil {
			if errors.Is(err, syscall.EBUSY) {
				// A mount point isMountPoint did not see: write inside it.
				return tx.swapEntries(filepath.Join(tx.dest, inPlaceTemp+".tmp-"+randomHex()+".old"))
			}
			os.RemoveAll(tx.tmp)
			return err
		}
	}
	if err := tx.rename(tx.tmp, tx.dest); err != nil {
		if old != "" {
			_ = tx.rename(old, tx.dest)
		}
		os.RemoveAll(tx.tmp)
		return err
	}
	if old != "" {
		return removeAll(old)
	}
	return nil
}

// swapEntries replaces the entries of the destination folder by those of
// the temporary folder, moving the old ones into the folder old (inside the
// destination) first, and removes old. When a rename fails, the entries
// moved so far go back: the previous output stays.
func (tx *Tx) swapEntries(old string) error {
	fail := func(err error) error {
		os.RemoveAll(tx.tmp)
		os.Remove(old)
		if errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EBUSY) {
			return fmt.Errorf("%s: cannot replace the destination: it is a mount point, and the new output was built on another file system (%v); the previous output is unchanged (build into a folder inside the mount point, e.g. --destination %s)",
				tx.dest, err, filepath.Join(tx.dest, "site"))
		}
		return fmt.Errorf("%s: cannot replace the destination's files (%v); the previous output is unchanged", tx.dest, err)
	}
	if err := os.Mkdir(old, 0o700); err != nil {
		return fail(err)
	}
	type move struct{ from, to string }
	var done []move
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			_ = tx.rename(done[i].to, done[i].from)
		}
	}
	mv := func(from, to string) error {
		if err := tx.rename(from, to); err != nil {
			return err
		}
		done = append(done, move{from, to})
		return nil
	}
	entries, err := os.ReadDir(tx.dest)
	if err != nil {
		return fail(err)
	}
	for _, e := range entries {
		p := filepath.Join(tx.dest, e.Name())
		if p == tx.tmp || p == old || e.Name() == lostFound || isTemp(e.Name(), inPlaceTemp) {
			continue
		}
		if err := mv(p, filepath.Join(old, e.Name())); err != nil {
			undo()
			return fail(err)
		}
	}
	entries, err = os.ReadDir(tx.tmp)
	if err != nil {
		undo()
		return fail(err)
	}
	for _, e := range entries {
		if err := mv(filepath.Join(tx.tmp, e.Name()), filepath.Join(tx.dest, e.Name())); err != nil {
			undo()
			return fail(err)
		}
	}
	return errors.Join(os.Remove(tx.tmp), removeAll(old))
}

// removeAll is os.RemoveAll with the entries of dir removed on all CPUs:
// the previous output of a large handbook is tens of thousands of files.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	// Every entry is tried, and every error reported.
	var (
		mu   sync.Mutex
		errs []error
	)
	parallel.Each(context.Background(), entries, func(_ context.Context, e os.DirEntry) error {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
		return nil
	})
	return errors.Join(append(errs, os.RemoveAll(dir))...)
}

// Abort discards everything written; the previous output stays.
func (tx *Tx) Abort() {
	if !tx.done {
		tx.done = true
		os.RemoveAll(tx.tmp)
		tx.unlock()
	}
}
