package search_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io/fs"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/search/searchtest"
	"github.com/handbook-dev/handbook/themes"
)

// Budgets of issue 5, in gzipped bytes.
const (
	firstQueryBudget = 150 << 10 // first query on a 10,000-page corpus, search.js included
	realIndexBudget  = 150 << 10 // the whole index of the real handbook
)

var real struct {
	once  sync.Once
	files search.Files
	texts []string // the text of every section, for the synthetic corpus
	err   error
}

// realHandbook builds the handbook of this repository in memory and
// returns its search index.
func realHandbook(tb testing.TB) (search.Files, []string) {
	tb.Helper()
	real.once.Do(func() {
		res, err := generator.Open(context.Background(), "../..", generator.Options{}).Generate(context.Background())
		if err != nil {
			real.err = err
			return
		}
		real.files = search.Files{}
		for name, data := range res.Files {
			if rest, ok := strings.CutPrefix(name, generator.SearchDir+"/"); ok {
				real.files[rest] = data
			} else if strings.HasSuffix(name, "index.html") {
				for _, s := range search.ExtractSections(data) {
					real.texts = append(real.texts, s.Text)
				}
			}
		}
		slices.Sort(real.texts) // not in the random order of the map: the same corpus every run
	})
	if real.err != nil {
		tb.Fatal(real.err)
	}
	return real.files, real.texts
}

var big struct {
	once  sync.Once
	pages []search.Page
	files search.Files
	err   error
}

// corpus10k is the synthetic 10,000-page handbook and its index.
func corpus10k(tb testing.TB) ([]search.Page, search.Files) {
	tb.Helper()
	_, texts := realHandbook(tb)
	big.once.Do(func() {
		big.pages = searchtest.Corpus(texts, 10_000, 1)
		big.files, big.err = search.Index(big.pages)
	})
	if big.err != nil {
		tb.Fatal(big.err)
	}
	return big.pages, big.files
}

func gzipSize(tb testing.TB, data []byte) int {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Len()
}

func searchJS(tb testing.TB) []byte {
	tb.Helper()
	js, err := fs.ReadFile(themes.Default(), "static/search.js")
	if err != nil {
		tb.Fatal(err)
	}
	return js
}

// benchQueries are what readers type: one word, several, a typo, a
// prefix being typed, a hyphenated word; then questions and a typo in the
// first letters, which read the topics and the stems by their ends.
var benchQueries = []string{"on-call", "decision rights staff", "mentoring", "incident review", "mentorign",
	"architecture decis", "error budget", "observability skills",
	"who approves architecture changes", "how do I become a tech lead", "mnetoring"}

// firstQueryBytes is what a reader's browser downloads for the first query
// typed on a page: search.js, the manifest, and the shards and result
// files the query reads, each gzipped. With typed, every keystroke of the
// query runs a search too, as the box does.
func firstQueryBytes(tb testing.TB, files search.Files, q string, typed bool) int {
	s, err := search.OpenFiles(files)
	if err != nil {
		tb.Fatal(err)
	}
	queries := []string{q}
	if typed {
		queries = nil
		for i := 1; i <= len(q); i++ {
			queries = append(queries, q[:i])
		}
	}
	for _, q := range queries {
		if _, err := s.Search(q, search.Options{}); err != nil {
			tb.Fatal(err)
		}
	}
	total := gzipSize(tb, searchJS(tb))
	for _, name := range s.Fetched() {
		total += gzipSize(tb, files[name])
	}
	return total
}

// TestRealIndexSize keeps the real handbook's whole index within budget.
func TestRealIndexSize(t *testing.T) {
	files, _ := realHandbook(t)
	total := 0
	for _, data := range files {
		total += gzipSize(t, data)
	}
	t.Logf("whole index: %d files, %d bytes gzipped", len(files), total)
	if total > realIndexBudget {
		t.Errorf("the handbook's index is %d bytes gzipped, over the budget of %d", total, realIndexBudget)
	}
}

// BenchmarkRealIndex reports the real handbook's index: its build time
// and its whole size, gzipped file by file as a static host serves it.
func BenchmarkRealIndex(b *testing.B) {
	files, _ := realHandbook(b)
	total, raw := 0, 0
	for _, data := range files {
		total += gzipSize(b, data)
		raw += len(data)
	}
	first := 0
	for _, q := range benchQueries {
		first = max(first, firstQueryBytes(b, files, q, false))
	}
	for b.Loop() {
		_ = gzipSize(b, files["manifest.json"])
	}
	b.ReportMetric(float64(total)/1024, "index-gz-KB")
	b.ReportMetric(float64(raw)/1024, "index-raw-KB")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(first)/1024, "first-query-gz-KB")
}

// BenchmarkBuild10k builds the index of the synthetic 10,000-page
// handbook, adding pages on all CPUs as a build does. Besides time and
// allocations it reports memory: kept-MB is the live heap the Indexer
// holds once all pages are added (after a collection), and peak-heap-MB
// the most heap (live or garbage not yet collected, sampled every
// millisecond) the build took above what was in use before it.
func BenchmarkBuild10k(b *testing.B) {
	pages, files := corpus10k(b)
	sections := 0
	for _, p := range pages {
		sections += len(search.ExtractSections(p.HTML))
	}
	total := 0
	for _, data := range files {
		total += len(data)
	}
	var kept, peak uint64
	for b.Loop() {
		b.StopTimer()
		base := liveHeap()
		stop := sampleHeap(&peak)
		b.StartTimer()
		var bl search.Indexer
		bl.AddAll(pages)
		b.StopTimer()
		kept = max(kept, liveHeap()-base)
		b.StartTimer()
		if _, err := bl.Files(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		stop()
		peak -= min(peak, base)
		b.StartTimer()
	}
	b.ReportMetric(float64(sections), "sections")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(total)/(1<<20), "index-raw-MB")
	b.ReportMetric(float64(kept)/(1<<20), "kept-MB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// sampleHeap records in peak the largest heap (objects, live or not)
// seen every millisecond until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(s)
		*peak = max(*peak, s[0].Value.Uint64())
	}
	*peak = 0
	done, finished := make(chan bool), make(chan bool)
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		read()
	}
}

// BenchmarkFirstQuery10k reports the most any of benchQueries downloads as
// a first query on the 10,000-page corpus, gzipped and search.js included
// (the budget is 150 KB), and the same when each keystroke searches.
func BenchmarkFirstQuery10k(b *testing.B) {
	_, files := corpus10k(b)
	worst, worstTyped := 0, 0
	for _, q := range benchQueries {
		n := firstQueryBytes(b, files, q, false)
		b.Logf("%-24q first query %6.1f KB gzipped", q, float64(n)/1024)
		worst = max(worst, n)
		worstTyped = max(worstTyped, firstQueryBytes(b, files, q, true))
	}
	for b.Loop() {
		firstQueryBytes(b, files, benchQueries[0], false)
	}
	b.ReportMetric(float64(worst)/1024, "first-query-gz-KB")
	b.ReportMetric(float64(worstTyped)/1024, "typed-query-gz-KB")
	b.ReportMetric(float64(gzipSize(b, searchJS(b)))/1024, "search.js-gz-KB")
}

// BenchmarkQuery10k times a query once its files are loaded, the work
// between a keystroke and its results, on the 10,000-page corpus.
func BenchmarkQuery10k(b *testing.B) {
	_, files := corpus10k(b)
	s, err := search.OpenFiles(files)
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range benchQueries {
		if _, err := s.Search(q, search.Options{}); err != nil { // load its files
			b.Fatal(err)
		}
	}
	for _, q := range benchQueries {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(q, search.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
