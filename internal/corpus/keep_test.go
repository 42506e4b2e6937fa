package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestKeep: a kept corpus is written once, written again when another
// corpus or an interrupted write is in the folder, and left alone
// otherwise (shown by a file planted between two calls).
func TestKeep(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "kept")
	planted := filepath.Join(dir, "planted")
	steps := []struct {
		name    string
		corpus  Options
		before  func()
		rewrite bool
	}{
		{"first", Options{Pages: MinPages, Seed: 1}, func() {}, true},
		{"same corpus", Options{Pages: MinPages, Seed: 1}, func() {}, false},
		{"another seed", Options{Pages: MinPages, Seed: 2}, func() {}, true},
		{"another size", Options{Pages: MinPages + 5, Seed: 2}, func() {}, true},
		{"interrupted", Options{Pages: MinPages + 5, Seed: 2}, func() { os.Remove(filepath.Join(dir, stampFile)) }, true},
	}
	for _, st := range steps {
		st.before()
		if _, err := os.Stat(dir); err == nil {
			if err := os.WriteFile(planted, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		c := New(st.corpus)
		if err := c.Keep(ctx, dir); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		_, err := os.Stat(planted)
		if rewritten := err != nil; rewritten != st.rewrite {
			t.Errorf("%s: written again %v, want %v", st.name, rewritten, st.rewrite)
		}
		for name, want := range c.Files() {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil || string(got) != string(want) {
				t.Fatalf("%s: %s is not the corpus's (%v)", st.name, name, err)
			}
		}
	}
}

// TestCopySource copies what a build reads and nothing else.
func TestCopySource(t *testing.T) {
	root, dir := t.TempDir(), t.TempDir()
	files := map[string]bool{ // copied?
		"handbook.yaml":          true,
		"content/_index.md":      true,
		"content/guides/a.md":    true,
		"content/guides/img.png": true,
		"public/index.html":      false,
		"README.md":              false,
	}
	for name := range files {
		if err := writeFile(root, name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := CopySource(root, dir); err != nil { // anchors.lock missing: fine
		t.Fatal(err)
	}
	for name, copied := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if copied && (err != nil || string(got) != name) {
			t.Errorf("%s: not copied (%v)", name, err)
		}
		if !copied && err == nil {
			t.Errorf("%s copied", name)
		}
	}
}
