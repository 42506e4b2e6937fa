package corpus_test

import (
	"bytes"
	"context"
	"path"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// TestCheck builds small corpora in memory: they must pass every check of
// `handbook check` (content model, links, anchors, the anchors manifest).
func TestCheck(t *testing.T) {
	for _, n := range []int{corpus.MinPages, 50, 200} {
		c := corpus.New(corpus.Options{Pages: n, Seed: 1})
		if c.Pages() != n {
			t.Errorf("New(%d) planned %d pages", n, c.Pages())
		}
		res, err := generator.OpenFS(c.FS(), nil, generator.Options{}).Generate(context.Background())
		if err != nil {
			t.Fatalf("%d pages: %v", n, err)
		}
		if len(res.Warnings) > 0 {
			t.Errorf("%d pages: warnings:\n%s", n, strings.Join(res.Warnings, "\n"))
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := corpus.New(corpus.Options{Pages: 60, Seed: 7}).FS()
	b := corpus.New(corpus.Options{Pages: 60, Seed: 7}).FS()
	other := corpus.New(corpus.Options{Pages: 60, Seed: 8}).FS()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	differs := false
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if o := other[name]; o == nil || !bytes.Equal(f.Data, o.Data) {
			differs = true
		}
	}
	if !differs {
		t.Error("seeds 7 and 8 gave the same corpus")
	}
}

// TestForeignCheck builds a 1,000-page handbook written for GitHub: README.md
// and index.md sections, titles from first headings, and the same file
// names in every team's folder, linked relatively and by short reference.
// It must pass every check of `handbook check`, with no warning.
func TestForeignCheck(t *testing.T) {
	c := corpus.NewForeign(corpus.Options{Pages: 1000, Seed: 1})
	if c.Pages() != 1000 {
		t.Errorf("NewForeign(1000) planned %d pages", c.Pages())
	}
	fsys := c.FS()
	names := map[string]int{}
	for name := range fsys {
		names[path.Base(name)]++
	}
	for _, n := range []string{"onboarding.md", "faq.md", "processes.md", "README.md", "index.md", "Readme.md", "_index.md"} {
		if names[n] < 20 {
			t.Errorf("%d files named %s, want many", names[n], n)
		}
	}
	res, err := generator.OpenFS(fsys, nil, generator.Options{}).Generate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings:\n%s", strings.Join(res.Warnings, "\n"))
	}
	if res.Pages < 1000 {
		t.Errorf("%d pages built, want 1,000 and more", res.Pages)
	}
}
