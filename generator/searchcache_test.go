package generator

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/history/gittest"
	"github.com/handbook-dev/handbook/generator/search"
)

// TestSearchCacheSum changes one input of a build at a time: each change
// a build reads gives another sum, and each it ignores keeps the sum, so
// that a cached index is opened exactly when a build would make it again.
func TestSearchCacheSum(t *testing.T) {
	ctx := context.Background()
	a, err := txtar.ParseFile("testdata/sites/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range a.Files {
		files[f.Name] = string(f.Data)
	}
	repo := gittest.New(t)
	repo.Commit(gittest.Day("2026-01-05", 9), "First", files)
	sum := func(opts Options) string {
		t.Helper()
		s, _, err := Open(ctx, repo.Dir, opts).inputsSum(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(repo.Dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		change  func()
		opts    Options
		changes bool
	}{
		{"nothing", func() {}, Options{}, false},
		{"a page's time only", func() {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(repo.Dir, "content/roles/senior.md"), later, later); err != nil {
				t.Fatal(err)
			}
		}, Options{}, false},
		{"an editor's swap file", func() { write("content/roles/.senior.md.swp", "x") }, Options{}, false},
		{"the output folder", func() { write("public/index.html", "x") }, Options{}, false},
		{"a page's text", func() { write("content/guides/on-call.md", files["content/guides/on-call.md"]+"\nMore.\n") }, Options{}, true},
		{"a new page", func() { write("content/guides/new.md", "# New\n") }, Options{}, true},
		{"a page removed", func() { os.Remove(filepath.Join(repo.Dir, "content/guides/new.md")) }, Options{}, true},
		{"an image", func() { write("content/guides/a.png", "png") }, Options{}, true},
		{"handbook.yaml", func() { write("handbook.yaml", files["handbook.yaml"]+"language: en\n") }, Options{}, true},
		{"a theme's layout", func() { write("themes/default/layouts/page.html", "{{.Content}}") }, Options{}, true},
		{"drafts", func() {}, Options{Drafts: true}, true},
		{"the base URL", func() {}, Options{BaseURL: "https://x.example/"}, true},
		{"strict", func() {}, Options{Strict: true}, true},
		{"a commit", func() { repo.Commit(gittest.Day("2026-02-01", 9), "Second", map[string]string{"README": "x"}) }, Options{}, true},
	}
	prev := sum(Options{})
	for _, tt := range tests {
		tt.change()
		got := sum(tt.opts)
		if (got != prev) != tt.changes {
			t.Errorf("%s: sum changed = %v, want %v", tt.name, got != prev, tt.changes)
		}
		prev = sum(Options{})
	}
}

// TestSearchCache searches twice with a cache folder: the second search
// opens the cached index (shown by planting another site's index under
// the sum), a changed page is found after its change, and a cache that
// cannot be written costs nothing but the build.
func TestSearchCache(t *testing.T) {
	ctx := context.Background()
	dir := writeSite(t, "testdata/sites/basic.txtar")
	cacheDir := filepath.Join(t.TempDir(), "cache")
	find := func(opts Options, query string) []search.Result {
		t.Helper()
		return findIn(t, dir, opts, query)
	}
	opts := Options{SearchCache: cacheDir}
	if res := find(opts, "decision rights"); len(res) == 0 {
		t.Fatal("no results for decision rights")
	}
	sum, _, err := Open(ctx, dir, opts).inputsSum(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, sum, "manifest.json")); err != nil {
		t.Fatalf("no cached index after a search: %v", err)
	}

	// Plant the index of another site under this sum: a search of
	// unchanged sources answers from it.
	other := writeSite(t, "testdata/sites/basic.txtar")
	if err := os.WriteFile(filepath.Join(other, "content/guides/zeppelin.md"), []byte("# Zeppelins\n\nAirships.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	otherCache := filepath.Join(t.TempDir(), "other")
	if res := findIn(t, other, Options{SearchCache: otherCache}, "zeppelin"); len(res) == 0 {
		t.Fatal("the other site finds no zeppelin")
	}
	otherSum, _, err := Open(ctx, other, Options{SearchCache: otherCache}).inputsSum(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(cacheDir, sum)); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(otherCache, otherSum), filepath.Join(cacheDir, sum)); err != nil {
		t.Fatal(err)
	}
	if res := find(opts, "zeppelin"); len(res) == 0 {
		t.Error("a search of unchanged sources built the index instead of opening the cached one")
	}

	// A change: the index is built again, finds the new text, and
	// replaces the old one in the cache.
	if err := os.WriteFile(filepath.Join(dir, "content/guides/kites.md"), []byte("# Kites\n\nA kite flies.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := find(opts, "kite"); len(res) == 0 || res[0].Page != "Kites" {
		t.Errorf("after a change, kite finds %v", res)
	}
	if res := find(opts, "zeppelin"); len(res) != 0 {
		t.Errorf("after a change, the old cached index still answers: %v", res)
	}
	entries, err := os.ReadDir(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("the cache holds %d entries, want the one current index", len(entries))
	}

	// A cache folder that is a file: searches still work.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if res := find(Options{SearchCache: blocked}, "kite"); len(res) == 0 {
			t.Error("with an unusable cache folder, kite finds nothing")
		}
	}
}

// findIn searches the handbook in dir.
func findIn(t *testing.T, dir string, opts Options, query string) []search.Result {
	t.Helper()
	ctx := context.Background()
	s, _, err := Open(ctx, dir, opts).Search(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(query, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
