package generator

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-dev/handbook/generator/source"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// TestSymlinkBuild: links inside the source folder are published like the
// files they lead to; a link out of it fails the build, check and search
// with one line, and the previous output stays.
func TestSymlinkBuild(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	writeFile(t, dir, "shared/notes.md", "---\ntitle: Shared notes\n---\nShared.\n")
	symlink(t, "code.md", filepath.Join(dir, "content/guides/alias.md"))
	symlink(t, "../../shared", filepath.Join(dir, "content/guides/shared"))
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"guides/alias/index.html", "guides/shared/notes/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", want)); err != nil {
			t.Error(err)
		}
	}
	before := tree(t, filepath.Join(dir, "public"))

	outside := t.TempDir()
	writeFile(t, outside, "passwd", "root:x:0:0:root:/root:/bin/bash\n")
	symlink(t, filepath.Join(outside, "passwd"), filepath.Join(dir, "content/guides/pw.md"))
	want := "content/guides/pw.md: symlink to " + filepath.Join(outside, "passwd") +
		" leaves the source folder (remove it, or copy the file into the source folder)"
	_, err := buildSite(t, dir, Options{})
	if err == nil || err.Error() != want {
		t.Errorf("build: %v\nwant %s", err, want)
	}
	if _, _, err := Open(context.Background(), dir, Options{}).Check(context.Background()); err == nil || err.Error() != want {
		t.Errorf("check: %v\nwant %s", err, want)
	}
	if _, _, err := Open(context.Background(), dir, Options{}).Search(context.Background()); err == nil || err.Error() != want {
		t.Errorf("search: %v\nwant %s", err, want)
	}
	if after := tree(t, filepath.Join(dir, "public")); !maps.Equal(before, after) {
		t.Error("a failed build changed the previous output")
	}
}

// TestSymlinkRebuild: serve --watch reads links as a fresh build does. A
// change to a link's target renders the link's page again, and a link out
// of the source folder fails the rebuild with the build's error.
func TestSymlinkRebuild(t *testing.T) {
	ctx := context.Background()
	dir := writeSite(t, "testdata/sites/basic.txtar")
	writeFile(t, dir, "shared/notes.md", "---\ntitle: Shared notes\n---\nShared.\n")
	// One folder deep: pages deeper meet the stale navigation of issue 14
	// item 3, which is not about links.
	symlink(t, "../shared", filepath.Join(dir, "content/shared"))
	writeFile(t, dir, "content/notes/n.txt", "Notes.\n")
	symlink(t, "../notes", filepath.Join(dir, "content/guides/notes"))
	outside := t.TempDir()
	writeFile(t, outside, "secret.md", "# Secret\n")

	b := Open(ctx, dir, Options{}).Builder()
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, e := range []struct {
		name  string
		do    func() []string
		fails string
	}{
		{"a file inside a folder link", func() []string {
			return replace("shared/notes.md", "Shared.", "Shared, edited.")(t, dir)
		}, ""},
		{"a file in content/ that a folder link inside content/ leads to", func() []string {
			return replace("content/notes/n.txt", "Notes.", "Notes, edited.")(t, dir)
		}, ""},
		{"a file link added", func() []string {
			symlink(t, "code.md", filepath.Join(dir, "content/guides/alias.md"))
			return []string{"content/guides/alias.md"}
		}, ""},
		{"the target of a file link", func() []string {
			return replace("content/guides/code.md", "Where next", "Where now")(t, dir)
		}, ""},
		{"a file added to a linked folder, seen through content/", func() []string {
			writeFile(t, dir, "shared/more.md", "# More\n")
			return []string{"content/shared/more.md"}
		}, ""},
		{"a link out", func() []string {
			symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/guides/pw.md"))
			return []string{"content/guides/pw.md"}
		}, "content/guides/pw.md: symlink to " + filepath.Join(outside, "secret.md") + " leaves the source folder"},
		{"the link out removed", func() []string {
			if err := os.Remove(filepath.Join(dir, "content/guides/pw.md")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/guides/pw.md"}
		}, ""},
		{"a folder link to its parent", func() []string {
			symlink(t, "..", filepath.Join(dir, "content/guides/loop"))
			return []string{"content/guides/loop"}
		}, "content/guides/loop: symlink to content loops back to a folder that holds it (remove it)"},
	} {
		changed := e.do()
		got, err := b.Build(ctx, changed)
		want, werr := b.p.with(source.New(dir)).Generate(ctx)
		if e.fails != "" {
			sameFailure(t, e.name, e.fails, err, werr)
			continue
		}
		if err != nil || werr != nil {
			t.Fatalf("%s: rebuild: %v; fresh build: %v", e.name, err, werr)
		}
		sameFiles(t, e.name, want.Files, withSearch(t, ctx, e.name, got))
	}
}
