package generator

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"weak"
)

// TestRebuildKeepsNoPreviousBuild: once a Builder built again, and its
// caller dropped the previous Rebuild, nothing keeps the previous build
// (its state, its result, the output of the page that changed) from the
// garbage collector. `handbook serve --watch` builds after every save; a
// build kept by the next one would hold every page of it
// (docs/performance.md).
func TestRebuildKeepsNoPreviousBuild(t *testing.T) {
	const page = "content/guides/start.md"
	const out = "guides/start/index.html"
	dir := t.TempDir()
	for name, data := range map[string]string{
		"handbook.yaml":            "title: Kept Handbook\n",
		"content/_index.md":        "---\ntitle: Home\n---\n\nWelcome. See [start](guides/start.md).\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
		page:                       "---\ntitle: Getting started\n---\n\n## First steps\n\nHello.\n",
		"content/guides/other.md":  "---\ntitle: Other\n---\n\nBack to [start](start.md#first-steps).\n",
	} {
		writeFile(t, dir, name, data)
	}
	steps := []struct {
		name string
		do   func(t *testing.T, dir string) []string
		fast bool // the rebuild must take the fast path
		fail bool // the rebuild must fail
	}{
		{name: "body edit", do: replace(page, "Hello.", "Hello, edited."), fast: true},
		{name: "another body edit", do: replace(page, "edited.", "edited twice."), fast: true},
		{name: "front matter edit", do: replace(page, "title: Getting started", "title: Starting")},
		{name: "new page", do: create("content/guides/new.md", "---\ntitle: New\n---\n\nNew.\n")},
		{name: "theme", do: create("themes/default/layouts/page.html", `{{define "main"}}<div class="mine">{{.Content}}</div>{{end}}`)},
		{name: "broken link", do: replace(page, "edited twice.", "[gone](gone.md)"), fail: true},
		{name: "fixed", do: replace(page, "[gone](gone.md)", "Fixed.")},
		{name: "configuration", do: create("handbook.yaml", "title: Kept Again\n")},
	}
	ctx := context.Background()
	b := Open(ctx, dir, Options{}).Builder()
	prev, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range steps {
		// Weak pointers do not keep what they point to. After a failed
		// build there is no previous result to watch.
		var build weak.Pointer[build]
		var result weak.Pointer[Result]
		var output weak.Pointer[byte]
		if prev.Result != nil {
			build, result = weak.Make(prev.b), weak.Make(prev.Result)
			output = weak.Make(&prev.Files[out][0])
		}
		prev = nil

		r, err := b.Build(ctx, st.do(t, dir))
		if st.fail != (err != nil) {
			t.Fatalf("%s: rebuild error %v, want failure %v", st.name, err, st.fail)
		}
		if st.fast && !r.Fast {
			t.Errorf("%s: not on the fast path", st.name)
		}
		runtime.GC()
		runtime.GC()
		var kept []string
		if build.Value() != nil {
			kept = append(kept, "the build")
		}
		if result.Value() != nil {
			kept = append(kept, "its result")
		}
		// A failed build leaves the outputs of the last good one for the
		// next to reuse: only a good one drops the page's old output.
		if output.Value() != nil && !st.fail {
			kept = append(kept, "the previous output of "+out)
		}
		if len(kept) > 0 {
			t.Errorf("%s: the rebuild keeps the previous build: %s", st.name, strings.Join(kept, ", "))
		}
		prev = r
	}
}
