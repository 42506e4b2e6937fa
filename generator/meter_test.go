package generator

import (
	"context"
	"sync"
	"testing"

	"github.com/handbook-dev/handbook/internal/corpus"
)

// TestProgress checks that Options.Progress hears of every page in both
// stages, ending at done == total.
func TestProgress(t *testing.T) {
	c := corpus.New(corpus.Options{Pages: 40, Seed: 3})
	var (
		mu   sync.Mutex
		last = map[string][2]int{}
	)
	opts := Options{Progress: func(stage string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done > last[stage][0] {
			last[stage] = [2]int{done, total}
		}
	}}
	res, err := OpenFS(c.FS(), nil, opts).Generate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"converting", "rendering"} {
		if got := last[stage]; got[0] != res.Pages || got[1] != res.Pages {
			t.Errorf("%s: last report %d/%d, want %d/%d", stage, got[0], got[1], res.Pages, res.Pages)
		}
	}
}
