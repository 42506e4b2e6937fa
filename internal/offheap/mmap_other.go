//go:build !unix

package offheap

func mapBytes(n int) []byte { return make([]byte, n) }

func unmapBytes([]byte) {}
