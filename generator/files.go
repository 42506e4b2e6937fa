package generator

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// fileSet collects the output files in memory, or streams them to write
// when it is set, keeping only their names.
type fileSet struct {
	mu    sync.Mutex
	m     map[string][]byte
	write func(string, []byte) error
	names map[string]bool // files written, when streaming
	err   error           // the first error of write
}

func newFileSet(write func(string, []byte) error) *fileSet {
	return &fileSet{m: map[string][]byte{}, write: write, names: map[string]bool{}}
}

func (f *fileSet) put(name string, data []byte) {
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

// has reports whether the file name was made.
func (f *fileSet) has(name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.m[name]
	return ok || f.names[name]
}

// count is the number of distinct files made.
func (f *fileSet) count() int { return len(f.m) + len(f.names) }

// parallel runs fn over items on all CPUs and returns the first error.
func parallel[T any](ctx context.Context, items []T, fn func(T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan T)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				if err := fn(it); err != nil {
					once.Do(func() { firstErr = err; cancel() })
				}
			}
		}()
	}
feed:
	for _, it := range items {
		select {
		case work <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return firstErr
}

// stageCount counts the pages through one stage of a build for
// Options.Progress; it is safe for concurrent use.
type stageCount struct {
	report func(stage string, done, total int)
	stage  string
	total  int
	done   atomic.Int64
}

func newStageCount(report func(string, int, int), stage string, total int) *stageCount {
	return &stageCount{report: report, stage: stage, total: total}
}

// tick reports one more page done.
func (c *stageCount) tick() {
	if c.report != nil {
		c.report(c.stage, int(c.done.Add(1)), c.total)
	}
}
