package browser_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/search/searchtest"
	"github.com/handbook-dev/handbook/internal/browser"
)

// keystrokeQueries are typed a letter at a time in the benchmark.
var keystrokeQueries = []string{"on-call", "decision rights staff", "mentorign", "architecture decis", "error budget"}

// BenchmarkSearchKeystroke10k times, in headless Chromium, the work from a
// keystroke to its results on screen (search.js ranking the sections,
// rendering the list and the browser laying it out) once the index files a
// query needs are loaded, on a synthetic 10,000-page handbook
// (generator/search/searchtest). The budget is one animation frame, 16 ms;
// it reports the median, the 95th percentile and the worst keystroke.
func BenchmarkSearchKeystroke10k(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "public")
	if _, err := generator.Open(context.Background(), "../..", generator.Options{Destination: dest}).Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	// The real pages, with the index of the synthetic corpus under them.
	var texts []string
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && !strings.Contains(p, string(filepath.Separator)+"search"+string(filepath.Separator)) {
			if data, err := os.ReadFile(p); err == nil {
				for _, s := range search.ExtractSections(data) {
					texts = append(texts, s.Text)
				}
			}
		}
		return nil
	})
	files, err := search.Index(searchtest.Corpus(texts, 10_000, 1))
	if err != nil {
		b.Fatal(err)
	}
	idx := filepath.Join(dest, generator.SearchDir)
	if err := os.RemoveAll(idx); err != nil {
		b.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(idx, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}

	ctx := browser.Start(b)
	base := browser.Serve(b, dest)
	browser.Do(ctx, b, chromedp.EmulateViewport(desktopW, desktopH), chromedp.Navigate(base+"guides/"))
	var typed []string
	for _, q := range keystrokeQueries {
		for i := 1; i <= len(q); i++ {
			typed = append(typed, q[:i])
		}
	}
	type timing struct {
		P50, P95, Max float64
		N             int
	}
	var got timing
	for b.Loop() {
		got = browser.Run(ctx, b, chromedp.Evaluate[timing](js(`async (qs) => {
			const hs = window.handbookSearch, list = document.getElementById("search-results");
			for (const q of qs) await hs.run(q); // load the files each keystroke needs
			const ms = [];
			for (let r = 0; r < 3; r++) {
				for (const q of qs) {
					const t0 = performance.now();
					await hs.run(q);
					list.getBoundingClientRect(); // the list laid out, as the next frame paints it
					ms.push(performance.now() - t0);
				}
			}
			ms.sort((a, b) => a - b);
			return {P50: ms[ms.length >> 1], P95: ms[Math.floor(ms.length * 0.95)], Max: ms[ms.length - 1], N: ms.length};
		}`, typed), chromedp.EvalAwaitPromise))
	}
	b.ReportMetric(got.P50, "ms/keystroke-p50")
	b.ReportMetric(got.P95, "ms/keystroke-p95")
	b.ReportMetric(got.Max, "ms/keystroke-max")
	b.ReportMetric(float64(got.N), "keystrokes")
}
