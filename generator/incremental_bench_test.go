package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/internal/corpus"
)

// BenchmarkRebuild measures the incremental builder of `handbook serve`
// after one page's body is edited: the time from the write of the file to
// the rebuilt site, without the search index (serve makes it after the
// reload). The corpus has HANDBOOK_BENCH_PAGES pages (1,000 unless set);
// a corpus of 10,000 pages or more is kept in the temporary folder between
// runs. HANDBOOK_BENCH_CPUPROFILE names a file for a CPU profile of the
// rebuilds alone, without the first full build.
//
//	HANDBOOK_BENCH_PAGES=10000 go test -run '^$' -bench Rebuild -benchtime 20x ./generator/
func BenchmarkRebuild(b *testing.B) {
	bl, page, file, orig := benchBuilder(b)
	ctx := context.Background()
	stop := benchProfile(b)
	defer stop()
	b.ResetTimer()
	for i := range b.N {
		edited := append(slices.Clip(orig), fmt.Sprintf("\nEdit %d: the team revisits the runbook after every incident.\n", i)...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		r, err := bl.Build(ctx, []string{page})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Rendered) == 0 {
			b.Fatal("the edit re-rendered nothing")
		}
	}
}

// BenchmarkRebuildSearch measures the search index serve makes after one
// page's body is edited (Rebuild.Search), on the corpus of
// BenchmarkRebuild; the rebuild itself is not timed. It reports the CPU
// time of each index (cpu-ms/op), which the load of the machine does not
// distort as much as the wall time, how many of the index files an edit
// changes (changed-files/op, of files), and the heap the Builder keeps
// for the index between builds (kept-MB: records and dictionary).
//
//	HANDBOOK_BENCH_PAGES=10000 go test -run '^$' -bench RebuildSearch -benchtime 20x ./generator/
func BenchmarkRebuildSearch(b *testing.B) {
	bl, page, file, orig := benchBuilder(b)
	ctx := context.Background()
	r, err := bl.Build(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	base := liveHeap()
	prev, err := r.Search(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// What the Builder keeps of the index: the pages' records and the
	// dictionary, not the files.
	kept := int64(liveHeap()) - int64(base)
	for _, data := range prev {
		kept -= int64(len(data))
	}
	stop := benchProfile(b)
	defer stop()
	var cpu time.Duration
	changed := 0
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		edited := append(slices.Clip(orig), fmt.Sprintf("\nEdit %d: the team revisits the runbook after every incident.\n", i)...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		r, err := bl.Build(ctx, []string{page})
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		b.StartTimer()
		files, err := r.Search(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		for name, data := range files {
			if !bytes.Equal(prev[name], data) {
				changed++
			}
		}
		prev = files
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(changed)/float64(b.N), "changed-files/op")
	b.ReportMetric(float64(len(prev)), "files")
	b.ReportMetric(float64(kept)/(1<<20), "kept-MB")
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// benchBuilder writes the corpus of HANDBOOK_BENCH_PAGES pages (1,000
// unless set; one of 10,000 pages or more is kept in the temporary folder
// between runs), builds it with a Builder, and returns the Builder, the
// page the benchmarks edit (slash path, file and contents).
func benchBuilder(b *testing.B) (bl *Builder, page, file string, orig []byte) {
	n := 1000
	if s := os.Getenv("HANDBOOK_BENCH_PAGES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < corpus.MinPages {
			b.Fatalf("HANDBOOK_BENCH_PAGES=%q: want a number of pages of at least %d", s, corpus.MinPages)
		}
		n = v
	}
	c := corpus.New(corpus.Options{Pages: n})
	dir := b.TempDir()
	if n >= 10000 {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("handbook-bench-corpus-%d", n))
	}
	if err := c.Keep(context.Background(), dir); err != nil {
		b.Fatal(err)
	}
	page = c.Path(c.Leaf())
	file = filepath.Join(dir, filepath.FromSlash(page))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })

	ctx := context.Background()
	bl = Open(ctx, dir, Options{}).Builder()
	if _, err := bl.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	return bl, page, file, orig
}

// benchProfile starts a CPU profile into the file HANDBOOK_BENCH_CPUPROFILE
// names, if set, and returns what stops it: a profile of what the
// benchmark times, without the first full build.
func benchProfile(b *testing.B) (stop func()) {
	p := os.Getenv("HANDBOOK_BENCH_CPUPROFILE")
	if p == "" {
		return func() {}
	}
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
