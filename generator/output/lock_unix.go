//go:build unix

package output

import (
	"os"
	"syscall"
)

// lock holds the temporary folder p for this build: removeStale leaves a
// held folder alone, so two builds to the same destination at once do not
// remove each other's work. The lock goes with the process, also when it
// is killed.
func lock(p string) func() {
	f, err := os.Open(p)
	if err != nil {
		return func() {}
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return func() {}
	}
	return func() { f.Close() }
}

// held reports whether a running build holds the folder p.
func held(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return true
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
