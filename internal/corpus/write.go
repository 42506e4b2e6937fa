package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"testing/fstest"

	"github.com/handbook-dev/handbook/internal/parallel"
)

// Files yields every file of the site, slash paths relative to the site
// root: handbook.yaml, anchors.lock and content/**.md.
func (c *Corpus) Files() iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		if !yield("handbook.yaml", []byte(Config)) || !yield("anchors.lock", c.lock()) {
			return
		}
		for _, p := range c.pages {
			if !yield("content/"+p.path, c.text(p)) {
				return
			}
		}
	}
}

// FS returns the whole site in memory, for tests with small corpora.
func (c *Corpus) FS() fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range c.Files() {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// Path returns the content file of the i-th page (relative to the site
// root), for benchmarks that edit one page.
func (c *Corpus) Path(i int) string { return "content/" + c.pages[i].path }

// Leaf returns the index of an ordinary page near the middle of the corpus
// (or of any page when there is none): the page an incremental benchmark
// edits.
func (c *Corpus) Leaf() int {
	for i := len(c.pages) / 2; i < len(c.pages); i++ {
		if c.pages[i].kind == kindLeaf {
			return i
		}
	}
	return len(c.pages) - 1
}

// Write writes the site into dir, which should be empty or missing, on all
// CPUs.
func (c *Corpus) Write(ctx context.Context, dir string) error {
	if err := writeFile(dir, "handbook.yaml", []byte(Config)); err != nil {
		return err
	}
	if err := writeFile(dir, "anchors.lock", c.lock()); err != nil {
		return err
	}
	return parallel.Each(ctx, c.pages, func(_ context.Context, p *page) error {
		return writeFile(dir, "content/"+p.path, c.text(p))
	})
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// stampFile, written last by Keep, names the corpus a folder holds.
const stampFile = ".corpus"

// Keep writes the site into dir for benchmarks that keep a large corpus
// between runs, in a folder of their own: it does nothing when dir holds
// this corpus written whole (a stamp written last names its size and
// seed), and writes it afresh otherwise.
func (c *Corpus) Keep(ctx context.Context, dir string) error {
	stamp := []byte(fmt.Sprintf("pages %d seed %d\n", c.opts.Pages, c.opts.Seed))
	if got, err := os.ReadFile(filepath.Join(dir, stampFile)); err == nil && bytes.Equal(got, stamp) {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := c.Write(ctx, dir); err != nil {
		return err
	}
	return writeFile(dir, stampFile, stamp)
}

// CopySource copies what a build of the handbook at root reads
// (handbook.yaml, anchors.lock, content/) into dir, for benchmarks that
// edit a real handbook's pages.
func CopySource(root, dir string) error {
	for _, name := range []string{"handbook.yaml", "anchors.lock", "content"} {
		from := filepath.Join(root, name)
		err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return writeFile(dir, filepath.ToSlash(rel), data)
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
