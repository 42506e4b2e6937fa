package generator

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

// TestPackPages: a Builder that packs its pages returns them compressed,
// and once unpacked they are byte for byte those of a fresh build, after
// the first build and after rebuilds on the fast and the full path.
func TestPackPages(t *testing.T) {
	const page = "content/guides/start.md"
	dir := t.TempDir()
	for name, data := range map[string]string{
		"handbook.yaml":            "title: Packed Handbook\n",
		"content/_index.md":        "---\ntitle: Home\naliases: [/old-home/]\n---\n\nWelcome. See [start](guides/start.md).\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\n",
		page:                       "---\ntitle: Getting started\n---\n\n## First steps\n\nHello.\n",
		"content/guides/raw.html":  "<p>a page of the author's own, copied as it is</p>\n",
	} {
		writeFile(t, dir, name, data)
	}
	ctx := context.Background()
	b := Open(ctx, dir, Options{}).Builder()
	b.PackPages()
	steps := []struct {
		name string
		do   func(t *testing.T, dir string) []string
		fast bool
	}{
		{name: "first build"},
		{name: "body edit", do: replace(page, "Hello.", "Hello, edited."), fast: true},
		{name: "front matter edit", do: replace(page, "title: Getting started", "title: Starting")},
		{name: "theme", do: create("themes/default/layouts/page.html", `{{define "main"}}<div class="mine">{{.Content}}</div>{{end}}`)},
	}
	for _, st := range steps {
		var changed []string
		if st.do != nil {
			changed = st.do(t, dir)
		}
		got, err := b.Build(ctx, changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.fast && !got.Fast {
			t.Errorf("%s: not on the fast path", st.name)
		}
		want, err := b.p.with(os.DirFS(dir)).Generate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		files := withSearch(t, ctx, st.name, got)
		packed := 0
		for name, data := range files {
			if Packed(name, data) {
				packed++
				if size := PackedSize(name, data); size != len(want.Files[name]) {
					t.Errorf("%s: %s: PackedSize %d, want %d", st.name, name, size, len(want.Files[name]))
				}
			}
			if files[name], err = Unpack(name, data); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		// Every page rendered: home, section, page, 404; not the alias
		// redirect, nor the author's own HTML.
		if packed != 4 {
			t.Errorf("%s: %d files packed, want the 4 pages", st.name, packed)
		}
		if !bytes.Equal(files["guides/raw.html"], want.Files["guides/raw.html"]) || !strings.Contains(string(files["guides/start/index.html"]), "<h2") {
			t.Errorf("%s: unpacked files are not the site's", st.name)
		}
		sameFiles(t, st.name, want.Files, files)
	}
}
