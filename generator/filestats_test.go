package generator

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestFileStats sums a handbook's inputs with stats kept between runs:
// every sum equals the one made by reading every file, a file whose
// status did not change is not read again (shown by a planted sum), and
// a change of the same size is still seen.
func TestFileStats(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stats are kept on Linux only; elsewhere every file is read (statKey)")
	}
	ctx := context.Background()
	dir := writeSite(t, "testdata/sites/basic.txtar")
	cache := t.TempDir()
	page := filepath.Join(dir, "content/guides/code.md")
	fresh := func() string {
		t.Helper()
		s, _, err := Open(ctx, dir, Options{}).inputsSum(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	kept := func(racy time.Duration) (string, *fileStats) {
		t.Helper()
		stats := loadStats(cache)
		stats.racy = racy
		s, _, err := Open(ctx, dir, Options{}).inputsSum(ctx, stats)
		if err != nil {
			t.Fatal(err)
		}
		if err := stats.save(cache); err != nil {
			t.Fatal(err)
		}
		return s, stats
	}
	trust := -time.Hour // trust what this test just wrote

	// Files changed just now are not remembered: their times may not
	// change with their next change.
	if got, stats := kept(racyWindow); got != fresh() || len(stats.m) != 0 {
		t.Fatalf("racy files: sum %s (want %s), %d remembered, want 0", got, fresh(), len(stats.m))
	}
	got, stats := kept(trust)
	if got != fresh() {
		t.Fatalf("first sum with stats %s, want %s", got, fresh())
	}
	if len(stats.m) < 5 {
		t.Fatalf("%d files remembered", len(stats.m))
	}

	// Plant another sum for the page: it is used, so the page was not read.
	e := stats.m["content/guides/code.md"]
	e.sum[0] ^= 0xff
	stats.m["content/guides/code.md"] = e
	stats.changed = true
	if err := stats.save(cache); err != nil {
		t.Fatal(err)
	}
	if got, _ := kept(trust); got == fresh() {
		t.Fatal("the planted sum was not used: the page was read again")
	}

	tests := []struct {
		name   string
		change func()
	}{
		{"same size, new bytes", func() {
			data, _ := os.ReadFile(page)
			data[len(data)-2] ^= 1
			if err := os.WriteFile(page, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"times put back", func() {
			fi, _ := os.Stat(page)
			data, _ := os.ReadFile(page)
			data[len(data)-2] ^= 1
			if err := os.WriteFile(page, data, 0o644); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(page, fi.ModTime(), fi.ModTime()) // ctime still moves
		}},
		{"replaced by rename", func() {
			data, _ := os.ReadFile(page)
			tmp := page + ".tmp"
			if err := os.WriteFile(tmp, append(data, "\nMore.\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, page); err != nil {
				t.Fatal(err)
			}
		}},
		{"removed", func() { os.Remove(filepath.Join(dir, "content/skills/testing.md")) }},
		{"damaged stats", func() { os.WriteFile(filepath.Join(cache, statsFile), []byte("not stats\n"), 0o644) }},
	}
	for _, tt := range tests {
		tt.change()
		if got, _ := kept(trust); got != fresh() {
			t.Errorf("%s: sum with stats %s, want %s", tt.name, got, fresh())
		}
	}
}
