// Package offheap keeps bulk bytes outside the Go heap, for data whose
// end of life the caller knows: a streamed build's Markdown, alive until
// its page is converted, and converted HTML, alive until its page is
// rendered.
//
// The garbage collector lets the heap grow to about twice what it found
// alive (GOGC=100) before it collects again, so every megabyte kept on the
// heap costs about two of resident memory. Bytes in a Store cost one: the
// collector neither scans them nor counts them. The price is that the
// caller says when they are no longer used (Release, Free), and must not
// read them afterwards: a read after the memory went back to the system
// crashes the program, or reads other bytes if the system has mapped new
// memory at the same address since.
//
// A Store carves its copies from memory maps (chunks, Store.ChunkSize)
// and gives a chunk back to the system once every copy in it is released
// and no more copies go into it, so the memory shrinks as the caller
// releases what it has used, in about the order it copied it.
//
// On systems without anonymous memory maps (mmap_other.go) a Store holds
// its bytes on the heap; releasing them drops them for the collector.
package offheap

import (
	"slices"
	"sync"
	"unsafe"
)

// DefaultChunkSize is the size of a Store's memory maps when its
// ChunkSize is not set.
const DefaultChunkSize = 4 << 20

// Store copies byte slices into memory outside the Go heap. It is safe
// for concurrent use. The zero Store is ready to use.
type Store struct {
	// ChunkSize is the size of the memory maps the store carves its copies
	// from (DefaultChunkSize when 0): a chunk goes back to the system when
	// all its copies are released, so smaller chunks give memory back
	// sooner. A copy larger than a quarter of it gets a map of its own,
	// so that less than a quarter of a chunk is left unused at its end.
	// Set it before the first Copy.
	ChunkSize int

	mu     sync.Mutex
	chunks []*chunk // by address
	cur    *chunk   // the chunk copies go into; nil before the first
	freed  bool
}

// A chunk is one memory map.
type chunk struct {
	mem  []byte
	used int  // bytes given out
	live int  // copies not released
	full bool // no more copies go into it
}

func (c *chunk) base() uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(c.mem))) }

// Copy returns a copy of b held by the store, valid until it is released
// or the store freed. An empty b gives nil.
func (s *Store) Copy(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	dst := s.alloc(len(b))
	copy(dst, b) // outside the lock: the space is reserved
	return dst
}

// alloc reserves n bytes.
func (s *Store) alloc(n int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.freed {
		panic("offheap: Copy after Free")
	}
	size := s.ChunkSize
	if size <= 0 {
		size = DefaultChunkSize
	}
	c := s.cur
	if n > size/4 {
		c = s.add(n)
		c.full = true
	} else if c == nil || len(c.mem)-c.used < n {
		if c != nil {
			c.full = true
			s.unmapIfDone(c)
		}
		c = s.add(size)
		s.cur = c
	}
	dst := c.mem[c.used : c.used+n : c.used+n]
	c.used += n
	c.live++
	return dst
}

// add maps a chunk of n bytes.
func (s *Store) add(n int) *chunk {
	c := &chunk{mem: mapBytes(n)}
	i, _ := slices.BinarySearchFunc(s.chunks, c.base(), func(c *chunk, base uintptr) int { return cmpAddr(c.base(), base) })
	s.chunks = slices.Insert(s.chunks, i, c)
	return c
}

// Release says that b, a slice Copy returned (or a part of one), is no
// longer used. The chunk holding it goes back to the system once all its
// copies are released. Releasing a slice the store does not hold (nil
// included) does nothing; releasing a copy twice is a mistake this does
// not detect. Release on a nil Store does nothing.
func (s *Store) Release(b []byte) {
	if s == nil || cap(b) == 0 {
		return
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	s.mu.Lock()
	defer s.mu.Unlock()
	// The last chunk starting at or before p.
	i, found := slices.BinarySearchFunc(s.chunks, p, func(c *chunk, p uintptr) int { return cmpAddr(c.base(), p) })
	if !found {
		i--
	}
	if i < 0 {
		return
	}
	c := s.chunks[i]
	if p >= c.base()+uintptr(len(c.mem)) {
		return
	}
	c.live--
	s.unmapIfDone(c)
}

// unmapIfDone gives c back when nothing more goes into it or lives in it.
func (s *Store) unmapIfDone(c *chunk) {
	if !c.full || c.live > 0 {
		return
	}
	if i := slices.Index(s.chunks, c); i >= 0 {
		s.chunks = slices.Delete(s.chunks, i, i+1)
	}
	unmapBytes(c.mem)
	c.mem = nil
}

// Size is the number of bytes the store holds mapped.
func (s *Store) Size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.chunks {
		n += len(c.mem)
	}
	return n
}

// Free gives all of the store's memory back to the system. Every slice
// Copy returned is invalid afterwards: reading one may crash the program.
// Free may be called more than once; Copy must not be called after it.
func (s *Store) Free() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.chunks {
		unmapBytes(c.mem)
	}
	s.chunks, s.cur, s.freed = nil, nil, true
}

func cmpAddr(a, b uintptr) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
