//go:build unix

package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestModes: output folders are 0755 and files 0644, less the umask, so
// a web server running as another user can read them.
func TestModes(t *testing.T) {
	for _, tc := range []struct {
		umask          int
		dirMode, files fs.FileMode
	}{
		{0o022, 0o755, 0o644},
		{0o027, 0o750, 0o640},
		{0o077, 0o700, 0o600},
	} {
		old := syscall.Umask(tc.umask)
		dest := filepath.Join(t.TempDir(), "public")
		err := publish(t, dest, map[string]string{"index.html": "x", "a/b/index.html": "y"})
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			want := tc.files
			if d.IsDir() {
				want = tc.dirMode
			}
			if got := info.Mode().Perm(); got != want {
				t.Errorf("umask %03o: %s is %03o, want %03o", tc.umask, p, got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestRealMountPoint mounts a tmpfs as the destination, where the system
// lets the test (root, with CAP_SYS_ADMIN): TestMountPoint simulates it
// everywhere else.
func TestRealMountPoint(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a file system needs root; TestMountPoint simulates it")
	}
	dest := filepath.Join(t.TempDir(), "public")
	mustMkdir(t, dest)
	if err := syscall.Mount("tmpfs", dest, "tmpfs", 0, "size=4m"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); TestMountPoint simulates it", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dest, 0) })
	if !isMountPoint(dest) {
		t.Fatal("isMountPoint does not see the tmpfs")
	}
	for _, data := range []string{"one", "two"} {
		if err := publish(t, dest, map[string]string{"index.html": data}); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(b) != "two" {
		t.Errorf("index.html = %q, %v", b, err)
	}
	entries, _ := os.ReadDir(dest)
	if len(entries) != 2 { // the marker and index.html
		t.Errorf("left in the mount point: %v", entries)
	}
}
