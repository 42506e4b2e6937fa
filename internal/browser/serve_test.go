package browser_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/devserver"
	"github.com/handbook-dev/handbook/internal/browser"
	"github.com/handbook-dev/handbook/themes"
)

// serveWatch runs `handbook serve --watch` on a copy of testdata/site.txtar
// and returns the source folder and the site's URL.
func serveWatch(t *testing.T) (dir, url string) {
	t.Helper()
	return serveWatchEdited(t, nil)
}

// serveWatchEdited is serveWatch after edit has changed the fixture's
// files, as in buildSiteEdited.
func serveWatchEdited(t *testing.T, edit map[string]func(old string) string) (dir, url string) {
	t.Helper()
	a, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	files := map[string]string{}
	for _, f := range a.Files {
		files[f.Name] = string(f.Data)
	}
	for name, fn := range edit {
		files[name] = fn(files[name])
	}
	for name, data := range files {
		write(t, dir, name, data)
	}
	ctx, cancel := context.WithCancel(context.Background())
	log := &strings.Builder{}
	var mu sync.Mutex
	s, err := devserver.Start(ctx, devserver.Options{Source: dir, Bind: "127.0.0.1", Settle: 20 * time.Millisecond,
		Log: writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return log.Write(p) })})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { s.Wait(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		if t.Failed() {
			mu.Lock()
			t.Logf("handbook serve --watch said:\n%s", log)
			mu.Unlock()
		}
	})
	return dir, s.URL()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const serveStateJS = `() => ({
	scrollY: scrollY, height: document.documentElement.scrollHeight,
	marker: window.handbookTestMarker || null,
	overlay: (document.getElementById("handbook-serve-overlay") || {}).textContent || null,
	outline: getComputedStyle(document.body).outlineColor,
})`

type serveState struct {
	ScrollY float64 `json:"scrollY"`
	Height  float64 `json:"height"`
	Marker  any     `json:"marker"`
	Overlay *string `json:"overlay"`
	Outline string  `json:"outline"`
}

// waitReload polls the condition like waitFor, through the reloads and
// navigations that the live-reload script makes (a poll inside the page
// ends with the page).
func waitReload(ctx context.Context, t *testing.T, what, cond, state string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](state))
	if err != nil {
		got = []byte(err.Error())
	}
	t.Fatalf("waiting for %s: not true after %v\npage state: %s", what, waitTimeout, got)
}

func state(ctx context.Context, t *testing.T) serveState {
	t.Helper()
	return browser.Run(ctx, t, chromedp.Evaluate[serveState]("("+serveStateJS+")()"))
}

// openHalfway opens the served page at url, waits for its live-reload
// script and scrolls it half-way down, where an author reads; it returns
// the page's state then.
func openHalfway(ctx context.Context, t *testing.T, url string) serveState {
	t.Helper()
	open(ctx, t, desktopW, desktopH, url)
	waitFor(ctx, t, "the live-reload script", `!!document.querySelector('script[data-build]')`, "("+serveStateJS+")()")
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)`))
	st := state(ctx, t)
	if st.ScrollY < 200 {
		t.Fatalf("the page did not scroll half-way (scrollY %.0f of %.0f): the fixture must be long", st.ScrollY, st.Height)
	}
	return st
}

// An author saves the open page (in place, then as editors do, by renaming
// a temporary file over it), breaks its front matter and fixes it, and
// changes only the stylesheet: the page follows every step by itself,
// keeping its scroll position, and never reloads (a save of the body is
// patched in: TestServeWatchMorph checks what that keeps).
func TestServeWatch(t *testing.T) {
	dir, url := serveWatch(t)
	ctx := browser.Start(t)
	before := openHalfway(ctx, t, url+"roles/senior/")
	const page = "content/roles/senior.md"
	orig := read(t, dir, page)

	checkReloaded := func(what, text string) {
		t.Helper()
		browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "set"`))
		waitReload(ctx, t, what, js(`(text) => document.body.textContent.includes(text)`, text), "("+serveStateJS+")()")
		if s := state(ctx, t); s.Marker != "set" || s.ScrollY < before.ScrollY-40 || s.ScrollY > before.ScrollY+40 {
			t.Errorf("%s: the page reloaded or scrolled: %+v, scrollY was %.0f", what, s, before.ScrollY)
		}
	}

	// Saved in place.
	v1 := strings.Replace(orig, "None of these is a promotion away from engineering.", "None of these is a step away from engineering, saved in place.", 1)
	write(t, dir, page, v1)
	checkReloaded("the page saved in place", "saved in place")

	// Saved as editors do: a temporary file renamed over the page.
	v2 := strings.Replace(v1, "saved in place", "saved by rename", 1)
	write(t, dir, page+".tmp", v2)
	if err := os.Rename(filepath.Join(dir, page+".tmp"), filepath.Join(dir, page)); err != nil {
		t.Fatal(err)
	}
	checkReloaded("the page renamed over", "saved by rename")

	// Broken front matter: the overlay names the file and line, the page
	// stays as it was.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "kept"`))
	write(t, dir, page, strings.Replace(v2, "title: ", "title: [", 1))
	waitReload(ctx, t, "the error overlay", `(() => {
		const o = document.getElementById("handbook-serve-overlay");
		return !!o && o.getAttribute("data-kind") === "error" && /content\/roles\/senior\.md:\d+/.test(o.textContent);
	})()`, "("+serveStateJS+")()")
	if s := state(ctx, t); s.Marker != "kept" || !strings.Contains(*s.Overlay, "senior.md") {
		t.Errorf("while the build is broken: %+v", s)
	}
	// Fixed: the overlay goes away.
	write(t, dir, page, v2)
	waitReload(ctx, t, "the overlay cleared", `!document.getElementById("handbook-serve-overlay")`, "("+serveStateJS+")()")

	// Only the stylesheet changed: swapped in place, no reload.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "css"`))
	css, err := fs.ReadFile(themes.Default(), "static/handbook.css")
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "themes/default/static/handbook.css", string(css)+"\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
	waitFor(ctx, t, "the new stylesheet applied", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`, "("+serveStateJS+")()")
	if s := state(ctx, t); s.Marker != "css" {
		t.Errorf("the page reloaded for a stylesheet change: %+v", s)
	}
}

// The open page renamed without an alias: the reader is told; with an
// alias, the old address leads to the new page.
func TestServeWatchPageGone(t *testing.T) {
	dir, url := serveWatch(t)
	ctx := browser.Start(t)
	open(ctx, t, desktopW, desktopH, url+"guides/jump-to-senior/")
	waitFor(ctx, t, "the live-reload script", `!!document.querySelector('script[data-build]')`, "("+serveStateJS+")()")

	const page = "content/guides/jump-to-senior.md"
	src := read(t, dir, page)
	write(t, dir, "content/guides/to-senior.md", strings.Replace(src, "title: Jump to senior", "title: Jump to senior\naliases: [/guides/jump-to-senior/]", 1))
	if err := os.Remove(filepath.Join(dir, page)); err != nil {
		t.Fatal(err)
	}
	waitReload(ctx, t, "the alias followed", `location.pathname === "/guides/to-senior/"`, `location.href`)

	if err := os.Remove(filepath.Join(dir, "content/guides/to-senior.md")); err != nil {
		t.Fatal(err)
	}
	waitReload(ctx, t, "the notice", `(() => {
		const o = document.getElementById("handbook-serve-overlay");
		return !!o && o.getAttribute("data-kind") === "gone";
	})()`, `[location.href, document.documentElement.outerHTML.slice(-1500)]`)
}
