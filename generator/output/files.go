package output

import (
	"maps"
	"sync"
)

// Files collects a build's output files in memory, or streams each to a
// writer (a Tx's WriteFile) as soon as it is made, keeping only its name.
// It is safe for concurrent use.
type Files struct {
	mu    sync.Mutex
	m     map[string][]byte
	write func(string, []byte) error
	names map[string]bool // files written, when streaming
	err   error           // the first error of write
}

// NewFiles returns an empty set of files that streams to write, or keeps
// the files in memory when write is nil.
func NewFiles(write func(name string, data []byte) error) *Files {
	return &Files{m: map[string][]byte{}, write: write, names: map[string]bool{}}
}

// Clone returns a set holding f's files in memory, for a build that
// changes a few of them.
func (f *Files) Clone() *Files {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := NewFiles(nil)
	c.m = maps.Clone(f.m)
	return c
}

// Put adds the file name, replacing one of that name.
func (f *Files) Put(name string, data []byte) {
	if f.write == nil {
		f.mu.Lock()
		f.m[name] = data
		f.mu.Unlock()
		return
	}
	err := f.write(name, data)
	f.mu.Lock()
	f.names[name] = true
	if f.err == nil {
		f.err = err
	}
	f.mu.Unlock()
}

// Has reports whether the file name was made.
func (f *Files) Has(name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.m[name]
	return ok || f.names[name]
}

// Count is the number of distinct files made.
func (f *Files) Count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.m) + len(f.names)
}

// Map returns the files held in memory (none when streaming).
func (f *Files) Map() map[string][]byte { return f.m }

// Err is the first error of streaming a file.
func (f *Files) Err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}
