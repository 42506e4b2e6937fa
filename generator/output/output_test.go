package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommitReplacesOutput(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	for i, files := range [][]string{{"a/index.html", "old.html"}, {"a/index.html"}} {
		tx, err := Begin(dest, Guard{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := tx.WriteFile(f, []byte("v"+string(rune('0'+i)))); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "old.html")); !os.IsNotExist(err) {
		t.Error("file of a deleted page survived the rebuild")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a/index.html")); string(b) != "v1" {
		t.Errorf("content = %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the destination: %v", entries)
	}
}

func TestAbortKeepsPrevious(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	tx, _ := Begin(dest, Guard{})
	_ = tx.WriteFile("index.html", []byte("good"))
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(dest, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	_ = tx.WriteFile("index.html", []byte("half"))
	tx.Abort()
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "good" {
		t.Errorf("previous output changed: %q", b)
	}
}

func TestRefusals(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	mustMkdir(t, filepath.Join(src, "content"))
	foreign := filepath.Join(root, "docs")
	mustMkdir(t, foreign)
	os.WriteFile(filepath.Join(foreign, "mine.txt"), []byte("x"), 0o644)
	repo := filepath.Join(root, "repo")
	mustMkdir(t, filepath.Join(repo, ".git"))
	mustMkdir(t, filepath.Join(src, "themes/default"))
	g := Guard{Source: src, Content: filepath.Join(src, "content"), Themes: filepath.Join(src, "themes")}
	linkToContent := filepath.Join(root, "to-content")
	if err := os.Symlink(filepath.Join(src, "content"), linkToContent); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(root, "dangling")
	if err := os.Symlink(filepath.Join(root, "nothing"), dangling); err != nil {
		t.Fatal(err)
	}
	lost := filepath.Join(root, "lost")
	mustMkdir(t, filepath.Join(lost, "lost+found"))
	tests := map[string]string{
		lost:                                   "did not write", // replacing it would remove lost+found
		src:                                    "source folder",
		filepath.Join(src, "content"):          "content folder",
		filepath.Join(src, "content/public"):   "it is inside the content folder, so every build would read its own output",
		filepath.Join(src, "themes"):           "it is the themes folder",
		filepath.Join(src, "themes/default/x"): "it is inside the themes folder",
		linkToContent:                          "it is the content folder",
		dangling:                               "the destination is a symlink to a folder that does not exist",
		root:                                   "contains the source",
		foreign:                                "did not write",
		repo:                                   "repository root",
	}
	for dest, want := range tests {
		_, err := Begin(dest, g)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Begin(%s) = %v, want %q", dest, err, want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "mine.txt")); err != nil || string(b) != "x" {
		t.Error("user file touched")
	}
	// An empty existing folder is fine.
	empty := filepath.Join(root, "empty")
	mustMkdir(t, empty)
	tx, err := Begin(empty, g)
	if err != nil {
		t.Fatal(err)
	}
	tx.Abort()
}

func TestWriteFileEscape(t *testing.T) {
	tx, err := Begin(filepath.Join(t.TempDir(), "public"), Guard{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if err := tx.WriteFile("../x", nil); err == nil {
		t.Error("escape allowed")
	}
}

func mustMkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}
