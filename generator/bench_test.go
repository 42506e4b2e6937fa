package generator

import (
	"context"
	"testing"

	"github.com/handbook-dev/handbook/internal/corpus"
)

// BenchmarkGenerate builds a 300-page synthetic handbook in memory: the
// whole pipeline, cross-links, glossary, search index and templates
// included. `make bench` measures the same on 1,000 and 10,000 pages,
// against goldmark alone and hugo.
func BenchmarkGenerate(b *testing.B) {
	fsys := corpus.New(corpus.Options{Pages: 300, Seed: 1}).FS()
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		res, err := OpenFS(fsys, nil, Options{}).Generate(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
