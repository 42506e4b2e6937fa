package markdown

import (
	"testing"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// corpusBodies returns the Markdown bodies of a small synthetic handbook.
func corpusBodies(tb testing.TB) [][]byte {
	tb.Helper()
	var bodies [][]byte
	for name, data := range corpus.New(corpus.Options{Pages: 200, Seed: 1}).Files() {
		f, err := content.Parse(name, data)
		if err != nil {
			tb.Fatal(err)
		}
		if len(f.Body) > 0 {
			bodies = append(bodies, f.Body)
		}
	}
	return bodies
}

// BenchmarkConvert converts the pages of a synthetic handbook, one page
// per iteration: the Markdown half of a build (the cross-link and glossary
// extensions aside, see generator's BenchmarkGenerate).
func BenchmarkConvert(b *testing.B) {
	bodies := corpusBodies(b)
	c := New(Options{})
	total := 0
	for _, body := range bodies {
		total += len(body)
	}
	b.SetBytes(int64(total / len(bodies)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.Convert(bodies[i%len(bodies)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
