// Command corpus writes a synthetic handbook of N pages, for benchmarks and
// scale tests:
//
//	go run ./internal/corpus/cmd/corpus -n 10000 -o /tmp/handbook-10k
//	handbook build --source /tmp/handbook-10k
//
// With -foreign it writes a handbook as teams write one for GitHub instead
// (corpus.NewForeign): README.md sections, titles in first headings, the
// same file names in every folder.
//
// The same -n and -seed always give the same files (see package corpus).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/handbook-dev/handbook/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of Markdown pages")
	seed := flag.Uint64("seed", 1, "seed: another seed gives another corpus of the same size")
	out := flag.String("o", "", "folder to write the site into (must be empty or missing)")
	foreign := flag.Bool("foreign", false, "write a GitHub-style handbook (README.md sections, shared file names)")
	flag.Parse()
	if err := run(*n, *seed, *out, *foreign); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, out string, foreign bool) error {
	if out == "" {
		return fmt.Errorf("-o is required: the folder to write the site into")
	}
	if n < corpus.MinPages {
		return fmt.Errorf("-n %d: a corpus has at least %d pages", n, corpus.MinPages)
	}
	if es, err := os.ReadDir(out); err == nil && len(es) > 0 {
		return fmt.Errorf("%s is not empty", out)
	}
	opts := corpus.Options{Pages: n, Seed: seed}
	if foreign {
		c := corpus.NewForeign(opts)
		if err := c.Write(context.Background(), out); err != nil {
			return err
		}
		fmt.Printf("wrote %d pages to %s\n", c.Pages(), out)
		return nil
	}
	c := corpus.New(opts)
	if err := c.Write(context.Background(), out); err != nil {
		return err
	}
	fmt.Printf("wrote %d pages to %s\n", c.Pages(), out)
	return nil
}
