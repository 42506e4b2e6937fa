package generator

import (
	"context"
	"testing"
)

// TestBuilderFirstBuildWithChanges: the first Build builds everything,
// whatever it is told changed. A theme path among the changes once
// cleared a page cache the Builder did not have yet (a nil
// render.PageCache), and panicked.
func TestBuilderFirstBuildWithChanges(t *testing.T) {
	ctx := context.Background()
	for _, changed := range [][]string{
		{"themes/default/static/handbook.css"},
		{"content/guides/code.md", "anchors.lock", "themes"},
		{},
	} {
		dir := writeSite(t, "testdata/sites/basic.txtar")
		r, err := Open(ctx, dir, Options{}).Builder().Build(ctx, changed)
		if err != nil {
			t.Fatalf("first Build told %q changed: %v", changed, err)
		}
		if !r.Full || len(r.Rendered) == 0 {
			t.Errorf("first Build told %q changed: full %v, %d pages rendered; want everything", changed, r.Full, len(r.Rendered))
		}
	}
}
