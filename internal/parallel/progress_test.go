package parallel

import (
	"context"
	"sync"
	"testing"
)

// TestProgress counts items done on all CPUs: every count from 1 to the
// total is reported once, with the stage and the total.
func TestProgress(t *testing.T) {
	for _, total := range []int{0, 1, 7, 500} {
		var mu sync.Mutex
		seen := map[int]bool{}
		p := NewProgress(func(stage string, done, n int) {
			mu.Lock()
			defer mu.Unlock()
			if stage != "rendering" || n != total || seen[done] {
				t.Errorf("report(%q, %d, %d): want stage rendering, total %d, each count once", stage, done, n, total)
			}
			seen[done] = true
		}, "rendering", total)
		if err := For(context.Background(), total, func(context.Context, int) error { p.Done(); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= total; i++ {
			if !seen[i] {
				t.Errorf("total %d: count %d never reported", total, i)
			}
		}
	}
	NewProgress(nil, "quiet", 3).Done() // no report: nothing to call
}
