//go:build !linux

package output

// isMountPoint reports whether the folder p (links resolved) is where a
// file system is mounted.
func isMountPoint(p string) bool { return devDiffers(p) }
