package offheap

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

func TestCopy(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int
		size  int // bytes mapped once every copy is made
	}{
		{"none", nil, 0},
		{"empty", []int{0, 0}, 0},
		{"one chunk", []int{1, 100, 1 << 10, DefaultChunkSize / 4}, DefaultChunkSize},
		{"two chunks", []int{DefaultChunkSize / 4, DefaultChunkSize / 4, DefaultChunkSize / 4, DefaultChunkSize / 4, 1}, 2 * DefaultChunkSize},
		{"a map of its own", []int{DefaultChunkSize/4 + 1, 10}, DefaultChunkSize/4 + 1 + DefaultChunkSize},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Store
			defer s.Free()
			var want, got [][]byte
			for i, n := range tc.sizes {
				b := bytes.Repeat([]byte{byte('a' + i)}, n)
				want = append(want, b)
				got = append(got, s.Copy(b))
				if n > 0 {
					b[0] = '!' // the copy must not share b's memory
				}
			}
			for i := range want {
				w := bytes.Repeat([]byte{byte('a' + i)}, tc.sizes[i])
				if !bytes.Equal(got[i], w) {
					t.Errorf("copy %d: %d bytes, not what was copied", i, len(got[i]))
				}
				if cap(got[i]) != len(got[i]) {
					t.Errorf("copy %d: cap %d, want %d (an append must not write into the next copy)", i, cap(got[i]), len(got[i]))
				}
			}
			if n := s.Size(); n != tc.size {
				t.Errorf("Size = %d, want %d", n, tc.size)
			}
		})
	}
}

// TestRelease checks that a chunk goes back once every copy in it is
// released and no more copies go into it, and not before.
func TestRelease(t *testing.T) {
	var s Store
	defer s.Free()
	quarter := bytes.Repeat([]byte("x"), DefaultChunkSize/4)
	var first [][]byte
	for range 4 {
		first = append(first, s.Copy(quarter)) // fills the first chunk
	}
	second := s.Copy([]byte("y")) // starts the second
	big := s.Copy(make([]byte, DefaultChunkSize/4+1))
	if got, want := s.Size(), 2*DefaultChunkSize+DefaultChunkSize/4+1; got != want {
		t.Fatalf("Size = %d, want %d", got, want)
	}
	s.Release(nil)
	(*Store)(nil).Release(first[0])
	s.Release([]byte("not in the store"))
	for _, b := range first[:3] {
		s.Release(b)
	}
	if got, want := s.Size(), 2*DefaultChunkSize+DefaultChunkSize/4+1; got != want {
		t.Fatalf("with a copy left in the first chunk: Size = %d, want %d", got, want)
	}
	s.Release(first[3][10:20]) // a part of a copy stands for it
	if got, want := s.Size(), DefaultChunkSize+DefaultChunkSize/4+1; got != want {
		t.Fatalf("with the first chunk released: Size = %d, want %d", got, want)
	}
	s.Release(big)
	if got, want := s.Size(), DefaultChunkSize; got != want {
		t.Fatalf("with the large copy released: Size = %d, want %d", got, want)
	}
	s.Release(second) // the chunk copies still go into stays
	if got, want := s.Size(), DefaultChunkSize; got != want {
		t.Fatalf("with the current chunk's copies released: Size = %d, want %d", got, want)
	}
	if got := string(s.Copy([]byte("z"))); got != "z" {
		t.Fatalf("copy after releases: %q", got)
	}
	s.Free()
	s.Free()
	if n := s.Size(); n != 0 {
		t.Fatalf("after Free: Size = %d", n)
	}
}

func TestConcurrent(t *testing.T) {
	var s Store
	defer s.Free()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 2000 {
				want := fmt.Appendf(nil, "worker %d copy %d %s", w, i, bytes.Repeat([]byte("."), i%3000))
				got := s.Copy(want)
				if !bytes.Equal(got, want) {
					t.Errorf("worker %d copy %d differs", w, i)
					return
				}
				s.Release(got)
			}
		})
	}
	wg.Wait()
	if n := s.Size(); n > DefaultChunkSize {
		t.Errorf("every copy released: Size = %d, want at most the current chunk", n)
	}
}

func TestCopyAfterFree(t *testing.T) {
	var s Store
	s.Free()
	defer func() {
		if recover() == nil {
			t.Error("Copy after Free did not panic")
		}
	}()
	s.Copy([]byte("x"))
}
