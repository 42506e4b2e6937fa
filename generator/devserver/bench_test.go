package devserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// BenchmarkSaveToReload measures, for one save of a page, the time from
// the file write to the reload message reaching a browser's event stream
// (over loopback: the moment it leaves the server), through the watcher,
// the batching, the incremental rebuild and the hub. It reports the
// median and the 95th percentile; there is no assertion on them. Between
// two saves it waits for the search index, which is made in the
// background after the reload, as an author's saves are seconds apart.
//
//	go test -run '^$' -bench SaveToReload -benchtime 20x ./generator/devserver/
func BenchmarkSaveToReload(b *testing.B) {
	b.Run("handbook", func(b *testing.B) {
		dir := b.TempDir()
		if err := corpus.CopySource(filepath.Join("..", ".."), dir); err != nil {
			b.Fatal(err)
		}
		benchSaves(b, dir, "content/guides/jump-to-senior.md")
	})
	b.Run("corpus-10000", func(b *testing.B) {
		dir, page := corpus10k(b)
		benchSaves(b, dir, page)
	})
}

// corpus10k writes the synthetic handbook of 10,000 pages in the
// temporary folder, where it is kept from run to run, and returns its
// folder and the page the benchmarks save, restored when b ends.
func corpus10k(b *testing.B) (dir, page string) {
	dir = filepath.Join(os.TempDir(), "handbook-bench-corpus-10000")
	c := corpus.New(corpus.Options{Pages: 10000})
	if err := c.Keep(context.Background(), dir); err != nil {
		b.Fatal(err)
	}
	page = c.Path(c.Leaf())
	orig, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(filepath.Join(dir, page), orig, 0o644) })
	return dir, page
}

// BenchmarkSaveToSearch measures, for one save of a page that adds a word
// found nowhere else, the time from the file write to a query of the
// served index finding it: the query reads the index over HTTP, as
// search.js does, after each index serve publishes (Session.Searched),
// until one has the word. That is the incremental rebuild, the search
// index brought up to it (the page indexed again, the index files made
// again) and its publication. It reports the median and the 95th
// percentile, with no assertion on them, and waits for the index between
// two saves.
//
//	go test -run '^$' -bench SaveToSearch -benchtime 20x ./generator/devserver/
func BenchmarkSaveToSearch(b *testing.B) {
	b.Run("corpus-10000", func(b *testing.B) {
		dir, page := corpus10k(b)
		s, stop := benchSession(b, dir)
		defer stop()
		waitSearch(b, s, 5*time.Minute)

		orig, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			b.Fatal(err)
		}
		var lat []time.Duration
		b.ResetTimer()
		for i := range b.N {
			word := "quokka" + letters(i+1) + "zq" // no ending a stem drops
			data := append(slices.Clone(orig), fmt.Sprintf("\nSaved with the word %s.\n", word)...)
			start := time.Now()
			if err := os.WriteFile(filepath.Join(dir, page), data, 0o644); err != nil {
				b.Fatal(err)
			}
			timeout := time.After(time.Minute)
			for found := false; !found; {
				select {
				case <-s.Searched():
				case <-timeout:
					b.Fatalf("save %d: no index finds %q within a minute", i+1, word)
				}
				found = servedSearch(b, s.URL(), word)
			}
			lat = append(lat, time.Since(start))
		}
		b.StopTimer()
		reportLatency(b, lat)
	})
}

// servedSearch reports whether a query of the index served at base finds
// word.
func servedSearch(b *testing.B, base, word string) bool {
	sr, err := search.Open(func(name string) ([]byte, error) {
		res, err := http.Get(base + generator.SearchDir + "/" + name)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: status %d", name, res.StatusCode)
		}
		return io.ReadAll(res.Body)
	})
	if err != nil {
		b.Fatal(err)
	}
	rs, err := sr.Search(word, search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return len(rs) > 0
}

// letters writes n in letters, a word the search index keeps whole.
func letters(n int) string {
	var out []byte
	for ; n > 0; n /= 26 {
		out = append(out, byte('a'+n%26))
	}
	return string(out)
}

// reportLatency reports the median and the 95th percentile of lat.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(0, "ns/op") // the waits between saves are not the measure
}

func benchSaves(b *testing.B, dir, page string) {
	s, stop := benchSession(b, dir)
	defer stop()
	waitSearch(b, s, 5*time.Minute)

	es := openStream(b, s.URL())
	out := strings.TrimSuffix(strings.TrimPrefix(page, "content/"), ".md") + "/index.html"
	orig, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		data := append(slices.Clone(orig), fmt.Sprintf("\nSaved %d times.\n", i+1)...)
		start := time.Now()
		if err := os.WriteFile(filepath.Join(dir, page), data, 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			ev := es.next(b)
			if ev.Name == "reload" && slices.Contains(strs(ev.Data["changed"]), out) {
				break
			}
		}
		lat = append(lat, time.Since(start))
		b.StopTimer()
		waitSearch(b, s, time.Minute)
		b.StartTimer()
	}
	b.StopTimer()
	reportLatency(b, lat)
}

// waitSearch waits until the search index of the build served is made, so
// that the next save does not share the CPU with it.
func waitSearch(b *testing.B, s *Session, within time.Duration) {
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

// benchSession serves dir as `handbook serve --watch` does; stop ends it.
func benchSession(b *testing.B, dir string) (s *Session, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Options{Source: dir, Bind: "127.0.0.1", Log: benchLog()})
	if err != nil {
		cancel()
		b.Fatal(err)
	}
	done := make(chan struct{})
	go func() { s.Wait(ctx); close(done) }()
	return s, func() { cancel(); <-done }
}

// benchLog is where the benchmark's server writes its lines: set
// HANDBOOK_BENCH_LOG=1 to see each rebuild's own time beside the latency.
func benchLog() io.Writer {
	if os.Getenv("HANDBOOK_BENCH_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}
