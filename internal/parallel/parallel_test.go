package parallel_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/handbook-dev/handbook/internal/parallel"
)

var errBad = errors.New("bad item")

// TestFor runs n items on 1 and on 4 workers. The item at trigger fails
// (fail) or cancels the caller's context (cancel); the items after it wait
// for the context fn gets to be done, so a pool that did not cancel it
// would hang, and the number of items run is exact: every item up to the
// trigger, and at most one more per other worker (those it had already
// handed out).
func TestFor(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context // nil for a fresh one
		n       int
		trigger int // -1 for none
		cancel  bool
		want    error
	}{
		{name: "no items", n: 0, trigger: -1},
		{name: "one item", n: 1, trigger: -1},
		{name: "many items", n: 10_000, trigger: -1},
		{name: "first fails", n: 10_000, trigger: 0, want: errBad},
		{name: "middle fails", n: 10_000, trigger: 5_000, want: errBad},
		{name: "last fails", n: 10_000, trigger: 9_999, want: errBad},
		{name: "only item fails", n: 1, trigger: 0, want: errBad},
		{name: "done before", ctx: done, n: 100, trigger: -1, want: context.Canceled},
		{name: "done before, no items", ctx: done, n: 0, trigger: -1, want: context.Canceled},
		{name: "cancelled while running", n: 10_000, trigger: 10, cancel: true, want: context.Canceled},
	}
	for _, procs := range []int{1, 4} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/procs=%d", tt.name, procs), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if tt.ctx != nil {
					ctx = tt.ctx
				}
				runs := make([]atomic.Int32, tt.n)
				err := parallel.For(ctx, tt.n, func(ctx context.Context, i int) error {
					runs[i].Add(1)
					switch {
					case tt.trigger < 0 || i < tt.trigger:
						return nil
					case i > tt.trigger:
						<-ctx.Done()
						return nil
					case tt.cancel:
						cancel()
						return nil
					default:
						return errBad
					}
				})
				if err != tt.want {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
				ran := 0
				for i := range runs {
					switch c := runs[i].Load(); {
					case c > 1:
						t.Fatalf("item %d ran %d times", i, c)
					case c == 0 && (tt.trigger < 0 || i <= tt.trigger) && tt.ctx == nil:
						t.Fatalf("item %d did not run", i)
					}
					ran += int(runs[i].Load())
				}
				switch {
				case tt.ctx != nil && ran != 0:
					t.Errorf("%d items ran under a context done before", ran)
				case tt.trigger >= 0 && ran > tt.trigger+procs:
					t.Errorf("%d items ran, want at most %d: items started after item %d", ran, tt.trigger+procs, tt.trigger)
				}
			})
		}
	}
}

// TestFirstErrorWins: when every item fails, the error returned is one of
// theirs, the value itself.
func TestFirstErrorWins(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	errs := []error{errors.New("a"), errors.New("b"), errors.New("c"), errors.New("d"), errors.New("e")}
	err := parallel.Each(context.Background(), errs, func(_ context.Context, e error) error { return e })
	found := false
	for _, e := range errs {
		found = found || err == e
	}
	if !found {
		t.Fatalf("err = %v, want one of %v", err, errs)
	}
}

// TestEachPassesItems: Each hands fn the items themselves, each once.
func TestEachPassesItems(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	items := []string{"a", "b", "c", "d", "e", "f", "g"}
	seen := make(map[string]*atomic.Int32, len(items))
	for _, it := range items {
		seen[it] = new(atomic.Int32)
	}
	if err := parallel.Each(context.Background(), items, func(_ context.Context, s string) error {
		seen[s].Add(1)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if n := seen[it].Load(); n != 1 {
			t.Errorf("item %q passed %d times, want 1", it, n)
		}
	}
}
