// Package watch reports changes to a handbook's source files while its
// author edits them.
//
// A Watcher follows a few paths under a root folder: folders (content/,
// themes/) recursively, including folders created, deleted or re-created
// after it started, and single files (handbook.yaml, anchors.lock) through
// their parent folder, so that an editor replacing a file by renaming a
// temporary file over it is still seen. Changes come from a Source: Notify
// uses the operating system's file events (fsnotify), Poll compares the
// files' size and modification time on a timer, for file systems whose
// events are unreliable or exhausted (network mounts, some containers, the
// inotify watch limit).
//
// Editors' temporary, swap and backup files, and hidden files, are ignored
// (see Ignored). A Batcher collects the changes of a burst, such as a
// `git checkout` touching hundreds of files, into one Batch: one rebuild.
package watch

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/scratch"
)

// Options configures a Watcher.
type Options struct {
	// Root is the folder the paths are relative to (the site root).
	Root string
	// Paths are names directly inside Root: folders are watched
	// recursively, files individually. Missing paths are watched for: a
	// folder created later is watched from then on.
	Paths []string
	// Poll compares files on a timer instead of using file events.
	Poll bool
	// PollInterval is the time between two comparisons; 300 ms by default.
	PollInterval time.Duration
	// Quiet is how long no change must arrive for a burst to be over; 10 ms
	// by default. MaxWait bounds how long a batch is held back by a burst
	// that goes on; 1 s by default.
	Quiet, MaxWait time.Duration
}

// Default batching and polling times.
const (
	DefaultQuiet        = 10 * time.Millisecond
	DefaultMaxWait      = time.Second
	DefaultPollInterval = 300 * time.Millisecond
)

// Batch is the changes of one burst.
type Batch struct {
	// Paths are the changed files and folders: slash paths relative to
	// the root, sorted, each once. A created or removed folder is named,
	// and its files may be named too.
	Paths []string
	// Lost says that changes were lost (the event queue overflowed): the
	// receiver should treat every file as changed.
	Lost bool
}

// ErrLost is sent by a Source whose events were lost.
var ErrLost = errors.New("file events were lost: the system's event queue overflowed")

// Hint is an error that tells the author what to do about it.
type Hint struct {
	Err  error
	Hint string
}

func (h *Hint) Error() string { return h.Err.Error() + ": " + h.Hint }
func (h *Hint) Unwrap() error { return h.Err }

// PollHint is the advice given wherever file events cannot be trusted.
const PollHint = "changes may be missed; restart with --poll to compare files on a timer instead"

// Source delivers changed paths: slash paths relative to the root, already
// filtered by Ignored. Events and Errors are closed by Close.
type Source interface {
	Events() <-chan string
	Errors() <-chan error
	Close() error
}

// Watcher batches the changes of a Source.
type Watcher struct {
	*Batcher
	// Mode says how changes are found: "file events" or "polling".
	Mode string
}

// New starts watching. Where file events cannot be used at all (no inotify
// instance left), it falls back to polling and reports why on Errors.
// Where they may be unreliable (a network file system) or incomplete (the
// watch limit is reached) it watches anyway and reports a Hint on Errors.
func New(opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	var (
		src   Source
		early []error
		mode  = "file events"
	)
	if !opts.Poll {
		n, err := Notify(opts.Root, opts.Paths)
		switch {
		case err == nil:
			src = n
			if fs := networkFS(opts.Root); fs != "" {
				early = append(early, &Hint{Err: fmt.Errorf("the source folder is on a network file system (%s), where file events may not arrive", fs), Hint: PollHint})
			}
		default:
			early = append(early, fmt.Errorf("%v; watching by polling instead", err))
		}
	}
	if src == nil {
		p, err := Poll(opts.Root, opts.Paths, opts.PollInterval)
		if err != nil {
			return nil, err
		}
		src, mode = p, "polling"
	}
	b := NewBatcher(src, opts.Quiet, opts.MaxWait, early...)
	return &Watcher{Batcher: b, Mode: mode}, nil
}

// Ignored reports whether a change to the slash path rel is ignored: one
// of its elements is a scratch file or folder (package scratch: hidden
// names such as ".git" and ".DS_Store", editors' temporary, swap, lock
// and backup files, `sed -i`'s "sedXXXXXX"). The content loader skips the
// same files, so ignoring them never hides a change to the site.
func Ignored(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if scratch.Is(el) {
			return true
		}
	}
	return false
}

// under reports whether rel is one of paths or inside one of them.
func under(rel string, paths []string) bool {
	for _, p := range paths {
		if rel == p || strings.HasPrefix(rel, p+"/") {
			return true
		}
	}
	return false
}
