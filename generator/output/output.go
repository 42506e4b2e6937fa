// Package output writes a built site to disk as one transaction.
//
// A build writes into a temporary folder beside the destination and swaps it
// in only when every file is written, so a failed build leaves the previous
// output exactly as it was and files of deleted pages never survive a
// rebuild. The destination carries an ownership marker; the writer refuses a
// destination it did not create (one holding other files), the source
// folder, the content folder, a repository root, or any folder that contains
// the source: it never deletes a user's files.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Marker is the file that marks a folder as written by handbook.
const Marker = ".handbook-output"

// Guard lists folders the destination must not be, or contain.
type Guard struct {
	Source  string // the site root
	Content string // the content folder
}

// Tx is an output transaction. WriteFile is safe for concurrent use.
type Tx struct {
	dest string
	tmp  string
	done bool
	dirs sync.Map // folders known to exist, so each is made once
}

// Begin validates dest and creates the temporary folder.
func Begin(dest string, g Guard) (*Tx, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := check(abs, g); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte("written by handbook; this folder is replaced on every build\n"), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Tx{dest: abs, tmp: tmp}, nil
}

func check(dest string, g Guard) error {
	refuse := func(why string) error {
		return fmt.Errorf("%s: refusing to use as destination: %s (choose an output folder such as public/)", dest, why)
	}
	for _, p := range []struct{ path, what string }{{g.Source, "source folder"}, {g.Content, "content folder"}} {
		if p.path == "" {
			continue
		}
		abs, err := filepath.Abs(p.path)
		if err != nil {
			return err
		}
		if abs == dest {
			return refuse("it is the " + p.what)
		}
		if within(abs, dest) {
			return refuse("it contains the " + p.what)
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
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return refuse("it holds files handbook did not write (no " + Marker + " marker)")
	}
	return nil
}

// within reports whether path is inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
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
	old := ""
	if _, err := os.Stat(tx.dest); err == nil {
		old = tx.tmp + ".old"
		if err := os.Rename(tx.dest, old); err != nil {
			os.RemoveAll(tx.tmp)
			return err
		}
	}
	if err := os.Rename(tx.tmp, tx.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, tx.dest)
		}
		os.RemoveAll(tx.tmp)
		return err
	}
	if old != "" {
		return removeAll(old)
	}
	return nil
}

// removeAll is os.RemoveAll with the entries of dir removed on all CPUs:
// the previous output of a large handbook is tens of thousands of files.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		work = make(chan string)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if err := os.RemoveAll(p); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, e := range entries {
		work <- filepath.Join(dir, e.Name())
	}
	close(work)
	wg.Wait()
	return errors.Join(append(errs, os.RemoveAll(dir))...)
}

// Abort discards everything written; the previous output stays.
func (tx *Tx) Abort() {
	if !tx.done {
		tx.done = true
		os.RemoveAll(tx.tmp)
	}
}
