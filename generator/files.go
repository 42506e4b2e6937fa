package generator

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

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
