package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// notifier is the Source of file events: one fsnotify watch on the root
// folder and one on every folder under the watched folders.
type notifier struct {
	root   string
	paths  []string
	fw     *fsnotify.Watcher
	events chan string
	errs   chan error
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
	// limitSaid is set once the watch limit has been reported.
	limitSaid bool
}

// Notify returns a Source of the operating system's file events for paths
// under root. It fails when no event watcher can be had at all (the limit
// of inotify instances is reached).
func Notify(root string, paths []string) (Source, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
			return nil, fmt.Errorf("cannot watch files: the system's limit of inotify instances is reached (fs.inotify.max_user_instances): %v", err)
		}
		return nil, fmt.Errorf("cannot watch files: %v", err)
	}
	n := &notifier{root: root, paths: paths, fw: fw, events: make(chan string), errs: make(chan error, 16), done: make(chan struct{})}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, n.explain(err, root)
	}
	for _, p := range paths {
		if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err == nil && info.IsDir() {
			n.addTree(p, false)
		}
	}
	n.wg.Add(1)
	go n.run()
	return n, nil
}

func (n *notifier) Events() <-chan string { return n.events }
func (n *notifier) Errors() <-chan error  { return n.errs }

func (n *notifier) Close() error {
	var err error
	n.once.Do(func() {
		close(n.done)
		err = n.fw.Close()
		n.wg.Wait()
		close(n.events)
		close(n.errs)
	})
	return err
}

func (n *notifier) run() {
	defer n.wg.Done()
	for {
		select {
		case <-n.done:
			return
		case ev, ok := <-n.fw.Events:
			if !ok {
				return
			}
			n.handle(ev)
		case err, ok := <-n.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				err = ErrLost
			}
			n.report(err)
		}
	}
}

func (n *notifier) handle(ev fsnotify.Event) {
	rel := n.rel(ev.Name)
	if rel == "" || !under(rel, n.paths) || Ignored(rel) || ev.Op == fsnotify.Chmod {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// A folder moved away keeps its inotify watch under the old name;
		// drop it and its subfolders' so that a folder re-created there
		// is watched afresh.
		prefix := ev.Name + string(filepath.Separator)
		for _, w := range n.fw.WatchList() {
			if w == ev.Name || strings.HasPrefix(w, prefix) {
				_ = n.fw.Remove(w)
			}
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// Files may have been created in the folder before its watch
			// was added: name them all.
			n.addTree(rel, true)
		}
	}
	n.send(rel)
}

// addTree watches the folder rel and every folder under it; with emit it
// sends the paths it finds.
func (n *notifier) addTree(rel string, emit bool) {
	top := filepath.Join(n.root, filepath.FromSlash(rel))
	_ = filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile: its removal is an event of its own
		}
		r := n.rel(p)
		if r == "" || Ignored(r) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := n.fw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				n.report(n.explain(err, p))
			}
		}
		if emit && p != top {
			n.send(r)
		}
		return nil
	})
}

// explain turns a watch error into plain words, with what to do about it.
func (n *notifier) explain(err error, p string) error {
	if errors.Is(err, syscall.ENOSPC) {
		if n.limitSaid {
			return nil
		}
		n.limitSaid = true
		return &Hint{
			Err:  fmt.Errorf("cannot watch %s: the system's limit of inotify watches is reached (fs.inotify.max_user_watches)", p),
			Hint: PollHint + ", or raise the limit: sudo sysctl fs.inotify.max_user_watches=524288",
		}
	}
	return &Hint{Err: fmt.Errorf("cannot watch %s: %v", p, err), Hint: PollHint}
}

func (n *notifier) report(err error) {
	if err == nil {
		return
	}
	select {
	case n.errs <- err:
	default: // nobody listens now; the next error will be seen
	}
}

func (n *notifier) send(rel string) {
	select {
	case n.events <- rel:
	case <-n.done:
	}
}

// rel returns the slash path of name relative to the root, or "" for the
// root itself and names outside it.
func (n *notifier) rel(name string) string {
	r, err := filepath.Rel(n.root, name)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(r)
}
