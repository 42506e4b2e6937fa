//go:build unix

package offheap

import "syscall"

// mapBytes maps n bytes of zeroed anonymous memory; it falls back to the
// heap when the system refuses the map.
func mapBytes(n int) []byte {
	m, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n)
	}
	return m
}

// unmapBytes unmaps what mapBytes mapped. A heap fallback fails to unmap
// (EINVAL): the collector frees it.
func unmapBytes(m []byte) {
	_ = syscall.Munmap(m)
}
