package history_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/history/gittest"
)

// fixture is a repository whose handbook lives in the site/ folder, with
// three commits and a tag on the second.
func fixture(t *testing.T) (*gittest.Repo, string) {
	t.Helper()
	r := gittest.New(t)
	r.Commit(gittest.Day("2026-01-05", 9), "Add roles", map[string]string{
		"site/handbook.yaml":           "title: T\n",
		"site/content/roles/a.md":      "a1",
		"site/content/roles/b c.md":    "b1",
		"site/content/guides/ü.md":     "u1",
		"README.md":                    "outside the site",
		"site/themes/default/x.html":   "x",
		"site/content/roles/.hidden":   "h",
		"site/content/roles/_draft.md": "d",
	})
	r.Commit(gittest.Day("2026-02-10", 9), "Reword a", map[string]string{"site/content/roles/a.md": "a2"})
	r.Tag(gittest.Day("2026-02-10", 10), "edition/2026-h1")
	r.Commit(gittest.Day("2026-03-15", 9), "Touch only the README", map[string]string{"README.md": "changed"})
	r.Commit(gittest.Day("2026-04-01", 9), "Reword a again; drop b", map[string]string{"site/content/roles/a.md": "a3", "site/content/roles/b c.md": ""})
	return r, filepath.Join(r.Dir, "site")
}

func TestLog(t *testing.T) {
	ctx := context.Background()
	_, site := fixture(t)
	repo, err := history.Open(ctx, site)
	if err != nil {
		t.Fatal(err)
	}
	l, err := repo.Log(ctx, "HEAD", "content")
	if err != nil {
		t.Fatal(err)
	}
	type commit struct {
		Date, Subject string
		Files         []string
	}
	var got []commit
	for _, c := range l.Commits {
		got = append(got, commit{c.Date.Format("2006-01-02"), c.Subject, c.Files})
		if len(c.Hash) != 40 || c.Author != "Ada Author" {
			t.Errorf("commit %+v", c)
		}
	}
	want := []commit{
		{"2026-04-01", "Reword a again; drop b", []string{"content/roles/a.md", "content/roles/b c.md"}},
		{"2026-02-10", "Reword a", []string{"content/roles/a.md"}},
		{"2026-01-05", "Add roles", []string{"content/guides/ü.md", "content/roles/.hidden", "content/roles/_draft.md", "content/roles/a.md", "content/roles/b c.md"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("commits (-want +got):\n%s", diff)
	}
	if a := l.File("content/roles/a.md"); len(a) != 3 || a[0].Subject != "Reword a again; drop b" || a[2].Subject != "Add roles" {
		t.Errorf("history of a.md = %v", a)
	}
	if u := l.File("content/guides/ü.md"); len(u) != 1 {
		t.Errorf("history of a non-ASCII path = %v", u)
	}
	if l.File("content/none.md") != nil || (*history.Log)(nil).File("x") != nil {
		t.Error("history of a missing file")
	}

	// At the tag, the later commits do not exist yet.
	hash, err := repo.Resolve(ctx, "edition/2026-h1")
	if err != nil {
		t.Fatal(err)
	}
	l, err = repo.Log(ctx, hash, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Commits) != 2 || l.Commits[0].Subject != "Reword a" {
		t.Errorf("log at the tag = %v", l.Commits)
	}
	if d, err := repo.Date(ctx, hash); err != nil || d.Format("2006-01-02") != "2026-02-10" {
		t.Errorf("date of the tag = %v, %v", d, err)
	}
	if _, err := repo.Resolve(ctx, "edition/nope"); err == nil {
		t.Error("a missing tag resolved")
	}
}

func TestTree(t *testing.T) {
	ctx := context.Background()
	_, site := fixture(t)
	repo, err := history.Open(ctx, site)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := repo.Resolve(ctx, "edition/2026-h1")
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := repo.Tree(ctx, hash, "handbook.yaml", "anchors.lock", "content", "themes")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	want := []string{"content/guides/ü.md", "content/roles/.hidden", "content/roles/_draft.md", "content/roles/a.md", "content/roles/b c.md", "handbook.yaml", "themes/default/x.html"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if b, _ := fs.ReadFile(fsys, "content/roles/a.md"); string(b) != "a2" {
		t.Errorf("a.md at the tag = %q", b)
	}
}

func TestUnavailable(t *testing.T) {
	ctx := context.Background()
	r, site := fixture(t)
	tests := []struct {
		name, dir, path, want string
	}{
		{"outside any repository", t.TempDir(), "", "not a git repository"},
		{"shallow clone", r.ShallowClone(), "", "shallow clone"},
		{"no git binary", site, t.TempDir(), "git is not installed"},
		{"no commits yet", gittest.New(t).Dir, "", "the repository has no commits yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path != "" {
				t.Setenv("PATH", tt.path)
			}
			_, err := history.Open(ctx, tt.dir)
			var u *history.Unavailable
			if !errors.As(err, &u) {
				t.Fatalf("Open = %v, want *Unavailable", err)
			}
			if u.Reason != tt.want && !startsWith(u.Reason, tt.want) {
				t.Errorf("reason = %q, want %q", u.Reason, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(site, "handbook.yaml")); err != nil {
		t.Fatal(err)
	}
}

func startsWith(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }
