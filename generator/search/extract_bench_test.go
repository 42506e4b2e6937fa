//go:build unix

package search_test

import (
	"context"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/search"
)

// BenchmarkExtractSections splits every page of this repository's
// handbook into sections, one page per iteration. It reports the CPU time
// of the process per page too (cpu-ns/op), which does not grow with the
// machine's load as wall time does.
func BenchmarkExtractSections(b *testing.B) {
	res, err := generator.Open(context.Background(), "../..", generator.Options{}).Generate(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	for name, data := range res.Files {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, data)
		}
	}
	slices.SortFunc(pages, func(a, b []byte) int { return strings.Compare(string(a), string(b)) })
	b.ReportAllocs()
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		search.ExtractSections(pages[i%len(pages)])
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time this process used so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
