package changes

import (
	"fmt"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/render"
)

// TestChangelogLimit checks that a changelog lists the newest
// render.ChangelogEntries entries and counts the others.
func TestChangelogLimit(t *testing.T) {
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, n := range []int{0, 1, render.ChangelogEntries, render.ChangelogEntries + 10} {
		var entries []*render.Entry
		for i := range n {
			entries = append(entries, &render.Entry{ID: fmt.Sprint(i), Date: day.Add(-time.Duration(i) * 24 * time.Hour)})
		}
		c := changelog("", "", nil, entries)
		listed := 0
		for _, m := range c.Months {
			listed += len(m.Entries)
		}
		if want := min(n, render.ChangelogEntries); listed != want || c.Older != n-want || c.Empty != (n == 0) {
			t.Errorf("%d entries: lists %d and counts %d older (empty %v); want %d and %d", n, listed, c.Older, c.Empty, want, n-want)
		}
	}
}
