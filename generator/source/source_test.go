package source_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/source"
)

// tree makes a source folder "site" and a folder "outside" beside it in
// t.TempDir(). files maps slash paths (relative to the temp dir) to their
// contents; links maps link paths to their targets, written as given.
func tree(t *testing.T, files, links map[string]string) (dir string) {
	t.Helper()
	dir = t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		target = strings.ReplaceAll(target, "$TMP", dir)
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	return dir
}

var base = map[string]string{
	"site/handbook.yaml":          "title: T\n",
	"site/content/_index.md":      "# Home\n",
	"site/content/guides/a.md":    "# A\n",
	"site/shared/s.md":            "# Shared\n",
	"site/shared/deeper/d.md":     "# Deeper\n",
	"outside/secret.md":           "secret\n",
	"outside/folder/also.md":      "also secret\n",
	"site/themes/t/static/x.css":  "x{}\n",
	"site/themes/t/layouts/a.txt": "",
}

// TestLinks walks content/ through the FS, as every command does, with
// one link each: what is read, and the one error line of a link that is
// not followed.
func TestLinks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		links  map[string]string
		files  []string // content paths read besides _index.md and guides/a.md
		errors []string
	}{
		{
			name:  "file inside",
			links: map[string]string{"site/content/guides/b.md": "a.md"},
			files: []string{"guides/b.md"},
		},
		{
			name:  "file inside, absolute target",
			links: map[string]string{"site/content/guides/s.md": "$TMP/site/shared/s.md"},
			files: []string{"guides/s.md"},
		},
		{
			name:  "folder inside",
			links: map[string]string{"site/content/guides/shared": "../../shared"},
			files: []string{"guides/shared/deeper/d.md", "guides/shared/s.md"},
		},
		{
			name:   "file outside",
			links:  map[string]string{"site/content/guides/pw.md": "$TMP/outside/secret.md"},
			errors: []string{"content/guides/pw.md: symlink to $TMP/outside/secret.md leaves the source folder (remove it, or copy the file into the source folder)"},
		},
		{
			name:   "file outside, relative target",
			links:  map[string]string{"site/content/pw.md": "../../outside/secret.md"},
			errors: []string{"content/pw.md: symlink to $TMP/outside/secret.md leaves the source folder (remove it, or copy the file into the source folder)"},
		},
		{
			name:   "folder outside",
			links:  map[string]string{"site/content/out": "$TMP/outside/folder"},
			errors: []string{"content/out: symlink to $TMP/outside/folder leaves the source folder (remove it, or copy the folder into the source folder)"},
		},
		{
			name:   "outside through a link inside",
			links:  map[string]string{"site/content/hop.md": "../hop.md", "site/hop.md": "../outside/secret.md"},
			errors: []string{"content/hop.md: symlink to $TMP/outside/secret.md leaves the source folder (remove it, or copy the file into the source folder)"},
		},
		{
			name:   "cycle: a folder link to its parent",
			links:  map[string]string{"site/content/guides/loop": ".."},
			errors: []string{"content/guides/loop: symlink to content loops back to a folder that holds it (remove it)"},
		},
		{
			name: "cycle through two folders",
			links: map[string]string{
				"site/content/guides/to-shared": "../../shared",
				"site/shared/to-guides":         "../content/guides",
			},
			files:  []string{"guides/to-shared/deeper/d.md", "guides/to-shared/s.md"},
			errors: []string{"content/guides/to-shared/to-guides: symlink to content/guides loops back to a folder that holds it (remove it)"},
		},
		{
			name:   "cycle: a link to itself",
			links:  map[string]string{"site/content/self.md": "self.md"},
			errors: []string{"content/self.md: symlink to self.md points to nothing (remove it, or restore its target)"},
		},
		{
			name:   "dangling",
			links:  map[string]string{"site/content/gone.md": "missing.md"},
			errors: []string{"content/gone.md: symlink to missing.md points to nothing (remove it, or restore its target)"},
		},
		{
			name:   "dangling outside",
			links:  map[string]string{"site/content/gone.md": "/nonexistent/missing.md"},
			errors: []string{"content/gone.md: symlink to /nonexistent/missing.md leaves the source folder (remove it, or copy the file into the source folder)"},
		},
		{
			name:  "ignored name: not even looked at",
			links: map[string]string{"site/content/.#a.md": "/nonexistent"},
		},
		{
			name:   "folder outside, whole temp dir",
			links:  map[string]string{"site/content/guides/x": "$TMP/outside"},
			errors: []string{"content/guides/x: symlink to $TMP/outside leaves the source folder (remove it, or copy the folder into the source folder)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, base, tc.links)
			fsys := source.New(filepath.Join(dir, "site"))
			got := []string{}
			var errs []string
			content.Walk(fsys, "content", "", nil, func(e content.Entry) {
				if e.Err != nil {
					errs = append(errs, strings.ReplaceAll(e.Err.Error(), dir, "$TMP"))
					return
				}
				if _, err := fs.ReadFile(fsys, e.Name); err != nil {
					t.Errorf("%s listed but not read: %v", e.Name, err)
				}
				got = append(got, e.Path)
			})
			want := append([]string{"_index.md", "guides/a.md"}, tc.files...)
			sort.Strings(want)
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("files read (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.errors, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			// Every way in gives the same answer.
			for _, e := range errs {
				name, _, _ := strings.Cut(e, ": ")
				for op, fn := range map[string]func() error{
					"Open":     func() error { _, err := fsys.Open(name); return err },
					"ReadFile": func() error { _, err := fsys.ReadFile(name); return err },
					"Stat":     func() error { _, err := fsys.Stat(name); return err },
					"ReadDir":  func() error { _, err := fsys.ReadDir(name); return err },
				} {
					err := fn()
					if _, ok := source.AsLinkError(err); !ok {
						t.Errorf("%s(%s) = %v, want a *LinkError", op, name, err)
					}
				}
			}
		})
	}
}

// TestRootLinks: the whole content folder or theme behind a link.
func TestRootLinks(t *testing.T) {
	for _, tc := range []struct {
		name, link, target, open, want string
	}{
		{"content folder outside", "site/content2", "$TMP/outside", "content2/secret.md",
			"content2: symlink to $TMP/outside leaves the source folder (remove it, or copy the folder into the source folder)"},
		{"theme folder outside", "site/themes/evil", "$TMP/outside", "themes/evil/secret.md",
			"themes/evil: symlink to $TMP/outside leaves the source folder (remove it, or copy the folder into the source folder)"},
		{"theme static file outside", "site/themes/t/static/y.css", "$TMP/outside/secret.md", "themes/t/static/y.css",
			"themes/t/static/y.css: symlink to $TMP/outside/secret.md leaves the source folder (remove it, or copy the file into the source folder)"},
		{"theme folder inside", "site/themes/u", "t", "themes/u/static/x.css", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, base, map[string]string{tc.link: tc.target})
			fsys := source.New(filepath.Join(dir, "site"))
			_, err := fs.ReadFile(fsys, tc.open)
			got := ""
			if err != nil {
				got = strings.ReplaceAll(err.Error(), dir, "$TMP")
			}
			if got != tc.want {
				t.Errorf("ReadFile(%s) = %q, want %q", tc.open, got, tc.want)
			}
		})
	}
}

// TestRootIsALink: a source folder reached through a link is fine, and
// links inside it are judged against the folder it leads to.
func TestRootIsALink(t *testing.T) {
	dir := tree(t, base, map[string]string{"via": "site", "site/content/b.md": "guides/a.md"})
	fsys := source.New(filepath.Join(dir, "via"))
	data, err := fs.ReadFile(fsys, "content/b.md")
	if err != nil || string(data) != "# A\n" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
}

// TestFS runs the standard file system checks over a folder with links
// inside it.
func TestFS(t *testing.T) {
	dir := tree(t, base, map[string]string{"site/content/guides/shared": "../../shared", "site/content/b.md": "guides/a.md"})
	fsys := source.New(filepath.Join(dir, "site"))
	if err := fstest.TestFS(fsys, "content/guides/shared/s.md", "content/b.md", "handbook.yaml"); err != nil {
		t.Fatal(err)
	}
	if _, err := fsys.Open("../outside/secret.md"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Open(../outside/secret.md) = %v, want fs.ErrInvalid", err)
	}
}
