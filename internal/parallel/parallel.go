// Package parallel runs a function over many items on all CPUs: the one
// worker pool of the build (reading content, indexing for search, removing
// old output, writing a synthetic corpus).
//
// Each and For start GOMAXPROCS workers (fewer when there are fewer items;
// none, running in the caller, when one is enough). Every item is handed to
// one worker once, in order. The first error a call of fn returns wins: it
// cancels the context passed to the calls still running, no item is started
// after it, and it is what Each returns once those calls have returned. The
// caller's context is honoured the same way: once it is done no item is
// started, and its error is returned when no call of fn failed. Progress
// counts the items of a stage as they are done, for a progress display.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn once for each of items, on all CPUs, and returns the first
// error (see the package documentation).
func Each[T any](ctx context.Context, items []T, fn func(context.Context, T) error) error {
	return For(ctx, len(items), func(ctx context.Context, i int) error { return fn(ctx, items[i]) })
}

// For calls fn for i from 0 to n-1, on all CPUs, and returns the first
// error (see the package documentation).
func For(ctx context.Context, n int, fn func(ctx context.Context, i int) error) error {
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next  atomic.Int64
		once  sync.Once
		first error
	)
	work := func() {
		for run.Err() == nil {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			if err := fn(run, i); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}
	}
	if workers := min(runtime.GOMAXPROCS(0), n); workers <= 1 {
		work()
	} else {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(work)
		}
		wg.Wait()
	}
	if first != nil {
		return first
	}
	return ctx.Err()
}
