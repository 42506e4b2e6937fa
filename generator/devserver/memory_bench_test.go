package devserver

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/internal/corpus"
)

// BenchmarkServeMemory measures the memory of `handbook serve --watch` on
// a synthetic 10,000-page handbook: resident memory (VmRSS, and its peak
// VmHWM, from /proc) once the first build and its search index are made,
// and again after 200 saves spread over 100 pages, each waited for until
// its reload message; every tenth save waits for the search index too, as
// an author's saves are seconds apart, and the others cancel it, as quick
// saves do. It also reports the live heap after a collection at both
// points, which tells memory kept from memory the runtime has not given
// back, and the CPU time (user and system) of the first build with its
// search index, and of the saves with theirs. There is no assertion on the figures (docs/performance.md has
// them). HANDBOOK_BENCH_HEAP=folder writes heap profiles there
// (first.pprof, saved.pprof) for
//
//	go tool pprof -top -inuse_space -diff_base first.pprof saved.pprof
//
// Run it alone: the figures are the test process's.
//
//	go test -run '^$' -bench ServeMemory -benchtime 1x -timeout 30m ./generator/devserver/
func BenchmarkServeMemory(b *testing.B) {
	if _, err := rss(); err != nil {
		b.Skipf("no resident memory to read: %v", err)
	}
	dir := b.TempDir()
	c := corpus.New(corpus.Options{Pages: 10000})
	if err := c.Write(context.Background(), dir); err != nil {
		b.Fatal(err)
	}
	var pages []string
	for i := range c.Pages() {
		p := c.Path(i)
		if !strings.HasSuffix(p, "/_index.md") && strings.Count(p, "/") >= 3 && !strings.HasPrefix(p, "content/roles/") && !strings.HasPrefix(p, "content/skills/") {
			pages = append(pages, p)
		}
	}
	const saves, spread = 200, 100
	step := len(pages) / spread
	heapDir := os.Getenv("HANDBOOK_BENCH_HEAP")

	for range b.N {
		runtime.GC()
		cpu := cpuTime().Seconds()
		s, stop := benchSession(b, dir)
		waitIndex(b, s, 10*time.Minute)
		first := measure(b, heapDir, "first.pprof")

		es := openStream(b, s.URL())
		for i := range saves {
			page := pages[(i%spread)*step]
			orig, err := os.ReadFile(filepath.Join(dir, page))
			if err != nil {
				b.Fatal(err)
			}
			data := append(orig, fmt.Sprintf("\nSaved %d times.\n", i+1)...)
			// As editors save: whole, by rename, so that no build reads
			// half a file.
			tmp := filepath.Join(dir, ".saving")
			if err := os.WriteFile(tmp, data, 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Rename(tmp, filepath.Join(dir, page)); err != nil {
				b.Fatal(err)
			}
			out := strings.TrimSuffix(strings.TrimPrefix(page, "content/"), ".md") + "/index.html"
			for {
				ev := es.next(b)
				if ev.Name == "failed" {
					b.Fatalf("save %d of %s: the build failed: %v", i+1, page, ev.Data)
				}
				if ev.Name == "reload" && slices.Contains(strs(ev.Data["changed"]), out) {
					break
				}
			}
			if i%10 == 9 || i == saves-1 {
				waitIndex(b, s, 10*time.Minute)
			}
		}
		saved := measure(b, heapDir, "saved.pprof")
		stop()
		b.ReportMetric(first.rss, "first-RSS-MB")
		b.ReportMetric(first.live, "first-live-MB")
		b.ReportMetric(saved.rss, "saved-RSS-MB")
		b.ReportMetric(saved.hwm, "peak-RSS-MB")
		b.ReportMetric(saved.live, "saved-live-MB")
		b.ReportMetric(first.cpu-cpu, "first-CPU-s")
		b.ReportMetric(saved.cpu-first.cpu, "saves-CPU-s")
	}
	b.ReportMetric(0, "ns/op") // the figures are memory, not time
}

// memory is what measure reads: memory in MB, and the CPU time the
// process used so far, in seconds.
type memory struct{ rss, hwm, live, cpu float64 }

// measure reads resident memory as it is, then collects garbage to read
// the live heap, and writes a heap profile into dir when it is set.
func measure(b *testing.B, dir, name string) memory {
	b.Helper()
	m, err := rss()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	m.cpu = cpuTime().Seconds()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	m.live = float64(sample[0].Value.Uint64()) / 1e6
	if dir != "" {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	return m
}

// rss reads this process's resident memory and its peak from /proc.
func rss() (memory, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return memory{}, err
	}
	var m memory
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
		switch {
		case err != nil:
		case key == "VmRSS":
			m.rss = kb * 1024 / 1e6
		case key == "VmHWM":
			m.hwm = kb * 1024 / 1e6
		}
	}
	if m.rss == 0 {
		return m, fmt.Errorf("no VmRSS in /proc/self/status")
	}
	return m, nil
}
