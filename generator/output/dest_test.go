package output

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// publish writes files to dest in one transaction.
func publish(t *testing.T, dest string, files map[string]string) error {
	t.Helper()
	tx, err := Begin(dest, Guard{})
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := tx.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return tx.Commit()
}

// listing lists the files under dir, slash paths with their contents.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out = append(out, rel+" -> "+target)
		case d.IsDir():
			out = append(out, rel+"/")
		default:
			data, _ := os.ReadFile(p)
			if d.Name() == Marker {
				data = []byte("marker")
			}
			out = append(out, rel+": "+string(data))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestSymlinkDestination: a destination that is a link to a folder keeps
// the link; the folder it leads to gets the new output; nothing beside
// that folder is touched.
func TestSymlinkDestination(t *testing.T) {
	root := t.TempDir()
	www := filepath.Join(root, "www")
	mustMkdir(t, filepath.Join(www, "site"))
	writeTestFile(t, filepath.Join(www, "other.txt"), "not ours")
	site := filepath.Join(root, "site")
	mustMkdir(t, site)
	if err := os.Symlink(filepath.Join(www, "site"), filepath.Join(site, "public")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(site, "public")
	for _, files := range []map[string]string{
		{"index.html": "one", "old/index.html": "gone next time"},
		{"index.html": "two", "new/index.html": "new"},
	} {
		if err := publish(t, dest, files); err != nil {
			t.Fatal(err)
		}
	}
	// A folder reached through a link is written inside: its lost+found
	// (a volume's root) stays.
	mustMkdir(t, filepath.Join(www, "site", "lost+found"))
	if err := publish(t, dest, map[string]string{"index.html": "two", "new/index.html": "new"}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"site/",
		"site/public -> " + filepath.Join(www, "site"),
		"www/",
		"www/other.txt: not ours",
		"www/site/",
		"www/site/.handbook-output: marker",
		"www/site/index.html: two",
		"www/site/lost+found/",
		"www/site/new/",
		"www/site/new/index.html: new",
	}
	if diff := cmp.Diff(want, listing(t, root)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestMountPoint: renaming a mount point fails with EBUSY. The build then
// writes inside it; when it cannot, the previous output stays and the
// error says why. The rename is simulated, so the test runs anywhere.
func TestMountPoint(t *testing.T) {
	for _, tc := range []struct {
		name string
		// fail says which rename fails, and how; nil: it works.
		fail func(from, to string) error
		want string // the error; "" for none
	}{
		{
			name: "rename of the destination busy: write inside it",
			fail: func(from, to string) error {
				if filepath.Base(from) == "public" {
					return syscall.EBUSY
				}
				return nil
			},
		},
		{
			name: "and the new files on another file system",
			fail: func(from, to string) error {
				if filepath.Base(from) == "public" {
					return syscall.EBUSY
				}
				if strings.Contains(from, ".public.tmp-") && filepath.Base(filepath.Dir(to)) == "public" {
					return syscall.EXDEV
				}
				return nil
			},
			want: "public: cannot replace the destination: it is a mount point, and the new output was built on another file system",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if err := publish(t, dest, map[string]string{"index.html": "one", "a/index.html": "a"}); err != nil {
				t.Fatal(err)
			}
			before, err := os.Stat(dest)
			if err != nil {
				t.Fatal(err)
			}
			tx, err := Begin(dest, Guard{})
			if err != nil {
				t.Fatal(err)
			}
			tx.rename = func(from, to string) error {
				if err := tc.fail(from, to); err != nil {
					return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
				}
				return os.Rename(from, to)
			}
			for name, data := range map[string]string{"index.html": "two", "b/index.html": "b"} {
				if err := tx.WriteFile(name, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			err = tx.Commit()
			want := []string{".handbook-output: marker", "b/", "b/index.html: b", "index.html: two"}
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("Commit = %v, want %q", err, tc.want)
				}
				want = []string{".handbook-output: marker", "a/", "a/index.html: a", "index.html: one"}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, listing(t, dest)); diff != "" {
				t.Errorf("destination (-want +got):\n%s", diff)
			}
			after, err := os.Stat(dest)
			if err != nil || !os.SameFile(before, after) {
				t.Error("the destination folder was replaced, not written inside")
			}
			if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
				t.Errorf("leftovers beside the destination: %v", entries)
			}
		})
	}
}

// TestStaleTemps: a build removes the temporary folders of builds that
// were killed, and nothing else.
func TestStaleTemps(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	held, unlock, err := makeTemp(dir, ".public")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	temps := []struct {
		name  string
		files []string // inside it
		file  bool     // it is a file, not a folder
		kept  bool
	}{
		{name: ".public.tmp-2849102", files: []string{Marker, "index.html"}},
		{name: ".public.tmp-0123456789abcdef", files: []string{Marker, "a/index.html"}},
		{name: ".public.tmp-0123456789abcdef.old", files: []string{Marker}},
		{name: ".public.tmp-77"}, // killed before it wrote the marker
		{name: ".public.tmp-78", files: []string{"notes.txt"}, kept: true},
		{name: ".public.tmp-79", file: true, kept: true},
		{name: ".public.tmp-zz", files: []string{Marker}, kept: true},
		{name: ".public.tmp-1.bak", files: []string{Marker}, kept: true},
		{name: ".site.tmp-1", files: []string{Marker}, kept: true},
		{name: "public.tmp-1", files: []string{Marker}, kept: true},
	}
	for _, tc := range temps {
		p := filepath.Join(dir, tc.name)
		if tc.file {
			writeTestFile(t, p, "x")
			continue
		}
		mustMkdir(t, p)
		for _, f := range tc.files {
			writeTestFile(t, filepath.Join(p, f), "x")
		}
	}
	if err := publish(t, dest, map[string]string{"index.html": "new"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{filepath.Base(held), "public"} // a running build's, and the output
	for _, tc := range temps {
		if tc.kept {
			want = append(want, tc.name)
		}
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("left beside the destination (-want +got):\n%s", diff)
	}
}

func writeTestFile(t *testing.T, p, data string) {
	t.Helper()
	mustMkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
