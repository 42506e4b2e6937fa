package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/devserver"
	"github.com/handbook-dev/handbook/internal/browser"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// BenchmarkSaveToScreen measures what an author feels in `handbook serve
// --watch`: the time from a save to the new text painted in Chromium, with
// the page open and scrolled half-way. Saves alternate between writing in
// place (os.WriteFile) and renaming a temporary file over the page, as
// editors do; each appends a new sentence to the page's Markdown. It
// reports the median and the 95th percentile; there is no assertion on
// them. Between two saves it waits for the search index of the last one,
// which serve makes in the background, as an author's saves are seconds
// apart.
//
// Both ends are read on the page's clock, which outlives a reload:
// performance.timeOrigin + performance.now(). The start is taken by a call
// into the page that returns just before the Go side writes the file (so
// the figure includes one DevTools round trip, well under a millisecond).
// The end is taken by a script the browser runs in every document it
// opens (Page.addScriptToEvaluateOnNewDocument), so it sees the new text
// whether the page was patched in place or reloaded: it polls on every
// animation frame until the text is in the DOM, then posts a message from
// that frame's callback, which runs once the frame is painted, and reads
// the clock there.
//
//	go test -run '^$' -bench SaveToScreen -benchtime 20x -timeout 30m ./internal/browser/
func BenchmarkSaveToScreen(b *testing.B) {
	b.Run("handbook", func(b *testing.B) {
		dir := b.TempDir()
		if err := corpus.CopySource(filepath.Join("..", ".."), dir); err != nil {
			b.Fatal(err)
		}
		benchScreen(b, dir, "content/roles/senior-software-engineer.md")
	})
	b.Run("corpus-10000", func(b *testing.B) {
		// A folder of its own: the devserver benchmark edits pages of
		// its cached corpus, and two servers must not watch one folder.
		dir := filepath.Join(os.TempDir(), "handbook-bench-screen-corpus-10000")
		c := corpus.New(corpus.Options{Pages: 10000})
		if err := c.Keep(context.Background(), dir); err != nil {
			b.Fatal(err)
		}
		benchScreen(b, dir, c.Path(c.Leaf()))
	})
}

// screenJS runs in every document the benchmark's tab opens: see
// BenchmarkSaveToScreen. handbookBenchArm(text) starts watching for text
// and returns the time; the time it was painted lands in sessionStorage,
// so that it survives a reload.
const screenJS = `(() => {
	const key = "handbook-bench:want", done = "handbook-bench:painted";
	const now = () => performance.timeOrigin + performance.now();
	function watch(want) {
		const tick = () => {
			if (document.body && document.body.textContent.includes(want)) {
				const ch = new MessageChannel();
				ch.port1.onmessage = () => {
					const painted = now();
					// The request for the new page: the morph's fetch, or
					// the navigation of a reload.
					const r = performance.getEntriesByType("resource").filter((e) => e.initiatorType === "fetch" && e.name === location.href).pop() ||
						performance.getEntriesByType("navigation")[0];
					const took = (name) => (performance.getEntriesByName("handbook-serve:" + name).pop() || {duration: -1}).duration;
					sessionStorage.setItem(done, JSON.stringify({Asked: performance.timeOrigin + r.startTime, Got: performance.timeOrigin + r.responseEnd, Painted: painted,
						Parse: took("parse"), Patch: took("patch")}));
					sessionStorage.removeItem(key);
				};
				ch.port2.postMessage(0);
				return;
			}
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	}
	window.handbookBenchArm = (want) => {
		sessionStorage.removeItem(done);
		performance.clearResourceTimings();
		performance.clearMeasures();
		sessionStorage.setItem(key, want);
		watch(want);
		return now();
	};
	const pending = sessionStorage.getItem(key);
	if (pending) watch(pending);
})()`

func benchScreen(b *testing.B, dir, md string) {
	src := filepath.Join(dir, filepath.FromSlash(md))
	orig, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(src, orig, 0o644) })

	ctx, cancel := context.WithCancel(context.Background())
	s, err := devserver.Start(ctx, devserver.Options{Source: dir, Bind: "127.0.0.1", Log: screenBenchLog()})
	if err != nil {
		cancel()
		b.Fatal(err)
	}
	done := make(chan struct{})
	go func() { s.Wait(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	waitScreenIndex(b, s, 5*time.Minute)

	tab := browser.StartFor(b, 20*time.Minute)
	if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: screenJS}); err != nil {
		b.Fatal(err)
	}
	url := s.URL() + strings.TrimSuffix(strings.TrimPrefix(md, "content/"), ".md") + "/"
	browser.Do(tab, b, chromedp.EmulateViewport(desktopW, desktopH), chromedp.Navigate(url))
	browser.Run(tab, b, chromedp.Poll[chromedp.Void](`!!document.querySelector("script[data-build]") && document.readyState === "complete"`,
		chromedp.WithPollingTimeout(waitTimeout)))
	browser.Run(tab, b, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)`))
	time.Sleep(200 * time.Millisecond) // the page settles: the client's own first requests

	var lat, server, fetch, apply, parse, patch []float64
	b.ResetTimer()
	for i := range b.N {
		want := fmt.Sprintf("Saved %d times on screen.", i+1)
		data := append(slices.Clone(orig), "\n"+want+"\n"...)
		start := browser.Run(tab, b, chromedp.Evaluate[float64](js(`(w) => window.handbookBenchArm(w)`, want)))
		if i%2 == 0 {
			if err := os.WriteFile(src, data, 0o644); err != nil {
				b.Fatal(err)
			}
		} else {
			if err := os.WriteFile(src+".tmp", data, 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Rename(src+".tmp", src); err != nil {
				b.Fatal(err)
			}
		}
		at := waitPainted(b, tab, want)
		lat = append(lat, at.Painted-start)
		server = append(server, at.Asked-start)
		fetch = append(fetch, at.Got-at.Asked)
		apply = append(apply, at.Painted-at.Got)
		parse = append(parse, at.Parse)
		patch = append(patch, at.Patch)
		b.StopTimer()
		waitScreenIndex(b, s, 2*time.Minute)
		b.StartTimer()
	}
	b.StopTimer()
	pct := func(xs []float64, p float64) float64 {
		slices.Sort(xs)
		return xs[min(len(xs)-1, int(p*float64(len(xs))))]
	}
	b.ReportMetric(pct(lat, 0.50), "p50-ms")
	b.ReportMetric(pct(lat, 0.95), "p95-ms")
	// Where the median goes: from the write to the browser asking for
	// the new page (watcher, rebuild, event), the answer, and from the
	// answer to the paint (the patch, or the reload's parse, scripts
	// and layout).
	b.ReportMetric(pct(server, 0.50), "ask-p50-ms")
	b.ReportMetric(pct(fetch, 0.50), "fetch-p50-ms")
	b.ReportMetric(pct(apply, 0.50), "apply-p50-ms")
	b.ReportMetric(pct(parse, 0.50), "parse-p50-ms")
	b.ReportMetric(pct(patch, 0.50), "patch-p50-ms")
	b.ReportMetric(0, "ns/op") // the wait for the search index is not the measure
}

// screenTimes is what screenJS records for a save, on the page's clock:
// when the browser asked for the new page, when it had it, and when the
// new text was painted.
// Parse and Patch are the client's own measures of its steps (-1 when it
// reloaded).
type screenTimes struct{ Asked, Got, Painted, Parse, Patch float64 }

// waitPainted polls, from the Go side, for the times screenJS recorded; a
// reload in between makes some polls fail, which is expected.
func waitPainted(b *testing.B, tab context.Context, want string) screenTimes {
	deadline := time.Now().Add(waitTimeout)
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](`sessionStorage.getItem("handbook-bench:painted") || ""`))
		if err == nil && v != "" {
			var at screenTimes
			if err := json.Unmarshal([]byte(v), &at); err != nil {
				b.Fatal(err)
			}
			return at
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.Fatalf("%q not on screen within %v of the save", want, waitTimeout)
	return screenTimes{}
}

// waitScreenIndex waits until the search index of the build served is made, so
// that the next save does not share the CPU with it.
func waitScreenIndex(b *testing.B, s *devserver.Session, within time.Duration) {
	timeout := time.After(within)
	for {
		select {
		case build := <-s.Searched():
			if build == s.Server().BuildID() {
				return
			}
		case <-timeout:
			b.Fatalf("no search index within %v", within)
		}
	}
}

// screenBenchLog is where the benchmark's server writes its lines: set
// HANDBOOK_BENCH_LOG=1 to see each rebuild's own time.
func screenBenchLog() io.Writer {
	if os.Getenv("HANDBOOK_BENCH_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}
