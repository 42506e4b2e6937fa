//go:build unix

package output

import (
	"os"
	"path/filepath"
	"syscall"
)

// devDiffers reports whether the folder p is on another device than its
// parent: a mount point (bind mounts of the same file system aside).
func devDiffers(p string) bool {
	a, err1 := os.Stat(p)
	b, err2 := os.Stat(filepath.Dir(p))
	if err1 != nil || err2 != nil || !a.IsDir() {
		return false
	}
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && sa.Dev != sb.Dev
}
