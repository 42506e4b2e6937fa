package devserver

import (
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"
)

// TestSessionKeepsNoOldBuild: once a save is served, with its search
// index, nothing of the session (server, hub, rebuild loop, search, the
// Builder) keeps the build served before it: its snapshot, the old bytes
// of the page saved, its search index. Memory after many saves then stays
// what it was after the first build (docs/performance.md).
func TestSessionKeepsNoOldBuild(t *testing.T) {
	s := startSession(t, smallSite, false)
	es := openStream(t, s.URL())
	es.until(t, "hello")
	waitIndex(t, s.Session, 20*time.Second)
	const page, out = "content/guides/start.md", "guides/start/index.html"
	for i, body := range []string{"Hello, once.", "Hello, twice.", "Hello, thrice."} {
		// Weak pointers do not keep what they point to.
		snap := s.srv.site.Load()
		old, search := weak.Make(snap), weak.Make(snap.search)
		html := weak.Make(&snap.site[out][0])
		if snap.search == nil {
			t.Fatalf("save %d: no search index served", i)
		}
		snap = nil

		front := "---\ntitle: Getting started\n---\n\n"
		if i == 2 {
			front = "---\ntitle: Getting started again\n---\n\n" // the full path
		}
		writeFiles(t, s.dir, map[string]string{page: front + body + "\n"})
		for {
			if ev := es.until(t, "reload"); strings.Contains(strings.Join(strs(ev.Data["changed"]), " "), out) {
				break
			}
		}
		waitIndex(t, s.Session, 20*time.Second)
		runtime.GC()
		runtime.GC()
		var kept []string
		if old.Value() != nil {
			kept = append(kept, "its snapshot")
		}
		if html.Value() != nil {
			kept = append(kept, "the old "+out)
		}
		if search.Value() != nil {
			kept = append(kept, "its search index")
		}
		if len(kept) > 0 {
			t.Errorf("save %d: the session keeps the build served before: %s", i+1, strings.Join(kept, ", "))
		}
		if _, got := s.get(t, "guides/start/"); !strings.Contains(got, body) {
			t.Fatalf("save %d: the page does not show %q", i+1, body)
		}
	}
}

// waitIndex waits until s serves the search index of the build it
// serves. (Session.Searched may miss one when nobody listened to it for a
// while.)
func waitIndex(t testing.TB, s *Session, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		if snap := s.srv.site.Load(); snap != nil && snap.search != nil && snap.search.build == snap.build {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no search index within %v", within)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
