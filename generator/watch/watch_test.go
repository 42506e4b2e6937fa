package watch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"content/roles/senior.md", false},
		{"content/_index.md", false},
		{"content/img/diagram.png", false},
		{"themes/default/layouts/page.html", false},
		{"handbook.yaml", false},
		{"anchors.lock", false},
		{"content/notes-4913.md", false},
		{"content/roles/.senior.md.swp", true}, // vim swap (hidden)
		{"content/roles/senior.md.swp", true},
		{"content/roles/senior.md.swo", true},
		{"content/roles/senior.md.swx", true},
		{"content/roles/4913", true}, // vim's write probe
		{"content/roles/senior.md~", true},
		{"content/roles/.#senior.md", true}, // Emacs lock
		{"content/roles/#senior.md#", true}, // Emacs autosave
		{"content/roles/senior.md.bck", true},
		{"content/roles/senior.md.tmp", true},
		{"content/roles/senior.md___jb_tmp___", true}, // JetBrains safe write
		{"content/roles/senior.md___jb_old___", true},
		{"content/roles/jb_senior___", true},
		{"content/.DS_Store", true},
		{"content/.obsidian/workspace.json", true}, // inside a hidden folder
		{".git/HEAD", true},
		{"content/roles/sedAb12Cd", true}, // sed -i
		{"themes/mine/static/sed0Q9zzz", true},
		{"content/roles/senior.md.bak", true}, // sed -i.bak
		{"content/roles/senior.md.crswap", true},
		{"content/roles/sed-guide.md", false},
		{"content/roles/5036", true},
		{"content/roles~/senior.md", true}, // inside a backup folder
	}
	for _, tt := range tests {
		if got := Ignored(tt.path); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// fakeSource is a Source driven by the test.
type fakeSource struct {
	events chan string
	errs   chan error
}

func newFake() *fakeSource { return &fakeSource{events: make(chan string), errs: make(chan error)} }

func (f *fakeSource) Events() <-chan string { return f.events }
func (f *fakeSource) Errors() <-chan error  { return f.errs }
func (f *fakeSource) Close() error          { return nil }

func receive(t *testing.T, b *Batcher, within time.Duration) Batch {
	t.Helper()
	select {
	case batch := <-b.Batches():
		return batch
	case <-time.After(within):
		t.Fatalf("no batch within %v", within)
		return Batch{}
	}
}

func noBatch(t *testing.T, b *Batcher, during time.Duration) {
	t.Helper()
	select {
	case batch := <-b.Batches():
		t.Fatalf("unexpected batch %v", batch)
	case <-time.After(during):
	}
}

// A burst of 500 changes, as a `git checkout` makes, is one batch, with
// each path once and in order.
func TestBatcherBurst(t *testing.T) {
	src := newFake()
	b := NewBatcher(src, 100*time.Millisecond, 10*time.Second)
	defer b.Close()
	var want []string
	for i := range 500 {
		p := fmt.Sprintf("content/guides/page-%03d.md", i)
		src.events <- p
		src.events <- p // written twice: still one path
		want = append(want, p)
	}
	got := receive(t, b, 5*time.Second)
	if diff := cmp.Diff(Batch{Paths: want}, got); diff != "" {
		t.Errorf("batch (-want +got):\n%s", diff)
	}
	noBatch(t, b, 300*time.Millisecond)
}

// Changes apart by more than the quiet time are two batches.
func TestBatcherSeparateBursts(t *testing.T) {
	src := newFake()
	b := NewBatcher(src, 20*time.Millisecond, 10*time.Second)
	defer b.Close()
	src.events <- "content/a.md"
	if got := receive(t, b, 5*time.Second); !slices.Equal(got.Paths, []string{"content/a.md"}) {
		t.Errorf("first batch = %v", got.Paths)
	}
	src.events <- "content/b.md"
	if got := receive(t, b, 5*time.Second); !slices.Equal(got.Paths, []string{"content/b.md"}) {
		t.Errorf("second batch = %v", got.Paths)
	}
}

// A burst that never pauses is still delivered after MaxWait.
func TestBatcherMaxWait(t *testing.T) {
	src := newFake()
	b := NewBatcher(src, time.Second, 50*time.Millisecond)
	defer b.Close()
	stop := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case src.events <- fmt.Sprintf("content/%d.md", i):
				time.Sleep(5 * time.Millisecond)
			}
		}
	}()
	defer close(stop)
	got := receive(t, b, 5*time.Second)
	if len(got.Paths) == 0 {
		t.Errorf("empty batch")
	}
}

// Changes made while the receiver is busy join one batch.
func TestBatcherBusyReceiver(t *testing.T) {
	src := newFake()
	b := NewBatcher(src, 10*time.Millisecond, time.Second)
	defer b.Close()
	src.events <- "content/a.md"
	time.Sleep(50 * time.Millisecond) // ready, but nobody receives: a rebuild runs
	src.events <- "content/b.md"
	time.Sleep(50 * time.Millisecond)
	src.events <- "content/c.md"
	got := receive(t, b, 5*time.Second)
	if want := []string{"content/a.md", "content/b.md", "content/c.md"}; !slices.Equal(got.Paths, want) {
		t.Errorf("batch = %v, want %v", got.Paths, want)
	}
}

// Lost events make a batch that says so, and the error is passed on.
func TestBatcherLost(t *testing.T) {
	src := newFake()
	b := NewBatcher(src, 10*time.Millisecond, time.Second, errors.New("early"))
	defer b.Close()
	if err := <-b.Errors(); err.Error() != "early" {
		t.Errorf("first error = %v, want the early one", err)
	}
	src.errs <- ErrLost
	got := receive(t, b, 5*time.Second)
	if !got.Lost {
		t.Errorf("batch after lost events = %+v, want Lost", got)
	}
	if err := <-b.Errors(); !errors.Is(err, ErrLost) {
		t.Errorf("error = %v, want ErrLost", err)
	}
}

func TestBatcherClose(t *testing.T) {
	b := NewBatcher(newFake(), 10*time.Millisecond, time.Second)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-b.Batches(); ok {
		t.Error("Batches not closed by Close")
	}
	_ = b.Close() // twice is fine
}

// site is a temporary site folder the watchers are tested on.
type site struct {
	t    *testing.T
	root string
}

func newSite(t *testing.T) *site {
	s := &site{t: t, root: t.TempDir()}
	s.write("handbook.yaml", "title: T\n")
	s.write("content/_index.md", "home")
	s.write("content/roles/senior.md", "senior")
	s.write("themes/mine/layouts/page.html", "page")
	s.write("public/index.html", "output: not watched")
	return s
}

func (s *site) abs(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s *site) write(rel, data string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.abs(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.abs(rel), []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// watchers runs f with a file-event watcher and a polling one.
func watchers(t *testing.T, f func(t *testing.T, s *site, w *Watcher)) {
	for _, poll := range []bool{false, true} {
		name := "events"
		if poll {
			name = "poll"
		}
		t.Run(name, func(t *testing.T) {
			s := newSite(t)
			w, err := New(Options{Root: s.root, Paths: []string{"content", "themes", "handbook.yaml", "anchors.lock"},
				Poll: poll, PollInterval: 20 * time.Millisecond, Quiet: 60 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { w.Close() })
			if poll != (w.Mode == "polling") {
				t.Fatalf("Mode = %q with Poll %v", w.Mode, poll)
			}
			f(t, s, w)
		})
	}
}

// changed waits for batches until every path of want was named, and fails
// when a batch names a path outside want and also.
func changed(t *testing.T, w *Watcher, want []string, also ...string) {
	t.Helper()
	seen := map[string]bool{}
	deadline := time.After(10 * time.Second)
	for {
		done := true
		for _, p := range want {
			done = done && seen[p]
		}
		if done {
			return
		}
		select {
		case b := <-w.Batches():
			for _, p := range b.Paths {
				if !slices.Contains(want, p) && !slices.Contains(also, p) {
					t.Errorf("unexpected change of %s (batch %v)", p, b.Paths)
				}
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("waiting for %v: saw only %v", want, seen)
		}
	}
}

func quiet(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Errorf("unexpected batch %v", b.Paths)
	case <-time.After(200 * time.Millisecond):
	}
}

// pause lets a poller see one state before the next change (its
// resolution is the modification time and size).
func pause() { time.Sleep(40 * time.Millisecond) }

func TestWatchEditorSaves(t *testing.T) {
	watchers(t, func(t *testing.T, s *site, w *Watcher) {
		// Written in place.
		s.write("content/roles/senior.md", "senior, edited in place")
		changed(t, w, []string{"content/roles/senior.md"})
		pause()

		// vim: probe file, backup, write, remove backup.
		s.write("content/roles/4913", "")
		os.Remove(s.abs("content/roles/4913"))
		os.Rename(s.abs("content/roles/senior.md"), s.abs("content/roles/senior.md~"))
		s.write("content/roles/senior.md", "senior, saved by vim")
		os.Remove(s.abs("content/roles/senior.md~"))
		s.write("content/roles/.senior.md.swp", "swap")
		changed(t, w, []string{"content/roles/senior.md"})
		pause()

		// VS Code, JetBrains, Emacs: a temporary file renamed over the page.
		s.write("content/roles/senior.md___jb_tmp___", "senior, saved by JetBrains")
		if err := os.Rename(s.abs("content/roles/senior.md___jb_tmp___"), s.abs("content/roles/senior.md")); err != nil {
			t.Fatal(err)
		}
		changed(t, w, []string{"content/roles/senior.md"})
		pause()

		// Delete, then create.
		os.Remove(s.abs("content/roles/senior.md"))
		s.write("content/roles/senior.md", "senior, re-created")
		changed(t, w, []string{"content/roles/senior.md"})
		pause()

		// Ignored files and files outside the watched paths.
		s.write("content/roles/#senior.md#", "autosave")
		s.write("content/.DS_Store", "finder")
		s.write("public/index.html", "output changed")
		s.write("README.md", "not watched")
		quiet(t, w)

		// Single files at the root, one created after the start.
		s.write("handbook.yaml", "title: Changed\n")
		s.write("anchors.lock", "new\n")
		changed(t, w, []string{"handbook.yaml", "anchors.lock"})
	})
}

// `sed -i` writes "sedXXXXXX" beside the file and renames it over: one
// change of the file, none of the temporary one.
func TestWatchSedInPlace(t *testing.T) {
	watchers(t, func(t *testing.T, s *site, w *Watcher) {
		s.write("content/roles/sedAb12Cd", "senior, by sed")
		if err := os.Rename(s.abs("content/roles/sedAb12Cd"), s.abs("content/roles/senior.md")); err != nil {
			t.Fatal(err)
		}
		changed(t, w, []string{"content/roles/senior.md"})
		pause()
		sed, err := exec.LookPath("sed")
		if err != nil {
			return
		}
		for _, file := range []string{"content/roles/senior.md", "themes/mine/layouts/page.html"} {
			if out, err := exec.Command(sed, "-i", "s/e/E/", s.abs(file)).CombinedOutput(); err != nil {
				t.Skipf("sed -i: %v %s", err, out)
			}
			changed(t, w, []string{file})
			pause()
		}
	})
}

func TestWatchNewFolders(t *testing.T) {
	watchers(t, func(t *testing.T, s *site, w *Watcher) {
		// A folder created after the start, with a file written at once,
		// and a change inside it later.
		s.write("content/new/deep/page.md", "one")
		changed(t, w, []string{"content/new/deep/page.md"}, "content/new", "content/new/deep")
		pause()
		s.write("content/new/deep/page.md", "two, edited")
		changed(t, w, []string{"content/new/deep/page.md"})
		pause()

		// The themes folder did not watch "themes/other" before.
		s.write("themes/other/static/x.css", "body{}")
		changed(t, w, []string{"themes/other/static/x.css"}, "themes/other", "themes/other/static")
	})
}

// The content folder deleted and restored is watched again.
func TestWatchFolderDeletedAndRestored(t *testing.T) {
	watchers(t, func(t *testing.T, s *site, w *Watcher) {
		if err := os.RemoveAll(s.abs("content")); err != nil {
			t.Fatal(err)
		}
		changed(t, w, []string{"content"}, "content/_index.md", "content/roles", "content/roles/senior.md")
		pause()
		s.write("content/roles/senior.md", "restored")
		changed(t, w, []string{"content/roles/senior.md"}, "content", "content/roles")
		pause()
		s.write("content/roles/senior.md", "edited after the restore")
		changed(t, w, []string{"content/roles/senior.md"})
		pause()

		// A folder renamed away and back.
		if err := os.Rename(s.abs("content/roles"), s.abs("content/roles-old")); err != nil {
			t.Fatal(err)
		}
		changed(t, w, []string{"content/roles", "content/roles-old"}, "content/roles/senior.md", "content/roles-old/senior.md")
		pause()
		if err := os.Rename(s.abs("content/roles-old"), s.abs("content/roles")); err != nil {
			t.Fatal(err)
		}
		changed(t, w, []string{"content/roles", "content/roles-old"}, "content/roles/senior.md", "content/roles-old/senior.md")
		pause()
		s.write("content/roles/senior.md", "edited after the move back")
		changed(t, w, []string{"content/roles/senior.md"})
	})
}

func TestHintText(t *testing.T) {
	err := error(&Hint{Err: errors.New("cannot watch x"), Hint: PollHint})
	if !strings.Contains(err.Error(), "--poll") {
		t.Errorf("hint %q does not say --poll", err)
	}
}

// The watch limit is explained once, in plain words, with what to do.
func TestExplainWatchLimit(t *testing.T) {
	n := &notifier{}
	err := n.explain(fmt.Errorf("add: %w", syscall.ENOSPC), "/site/content/roles")
	for _, want := range []string{"limit of inotify watches", "max_user_watches", "--poll", "/site/content/roles"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("explain(ENOSPC) = %v, want it to say %q", err, want)
		}
	}
	if again := n.explain(syscall.ENOSPC, "/site/content/skills"); again != nil {
		t.Errorf("the limit explained twice: %v", again)
	}
	if other := n.explain(syscall.EACCES, "/site/content/x"); other == nil || !strings.Contains(other.Error(), "--poll") {
		t.Errorf("explain(EACCES) = %v", other)
	}
}
