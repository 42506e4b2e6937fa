package generator

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// BenchmarkGenerate builds a 300-page synthetic handbook in memory: the
// whole pipeline, cross-links, glossary, search index and templates
// included. `make bench` measures the same on 1,000 and 10,000 pages,
// against goldmark alone and hugo.
func BenchmarkGenerate(b *testing.B) {
	benchGenerate(b, corpus.New(corpus.Options{Pages: 300, Seed: 1}).FS())
}

// BenchmarkSearchCached is `handbook search` on a 1,000-page handbook on
// disk whose index is in the cache: the sum of the sources, opening the
// cached index and one query.
func BenchmarkSearchCached(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if err := corpus.New(corpus.Options{Pages: 1000, Seed: 1}).Write(ctx, dir); err != nil {
		b.Fatal(err)
	}
	opts := Options{SearchCache: filepath.Join(b.TempDir(), "cache")}
	if _, _, err := Open(ctx, dir, opts).Search(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, _, err := Open(ctx, dir, opts).Search(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if res, err := s.Search("error budget runbook", search.Options{}); err != nil || len(res) == 0 {
			b.Fatalf("results %v, error %v", res, err)
		}
	}
}

// BenchmarkGenerateForeign builds a 1,000-page handbook written for
// GitHub (corpus.NewForeign): README.md and index.md sections, titles from
// first headings, the same file names in every folder and short references
// among them. Compare its pages/s with BenchmarkGenerate1000, the usual
// corpus of the same size (docs/performance.md).
func BenchmarkGenerateForeign(b *testing.B) {
	benchGenerate(b, corpus.NewForeign(corpus.Options{Pages: 1000, Seed: 1}).FS())
}

// BenchmarkGenerate1000 is BenchmarkGenerate on 1,000 pages, the size of
// BenchmarkGenerateForeign.
func BenchmarkGenerate1000(b *testing.B) {
	benchGenerate(b, corpus.New(corpus.Options{Pages: 1000, Seed: 1}).FS())
}

func benchGenerate(b *testing.B, fsys fs.FS) {
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
