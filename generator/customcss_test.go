package generator

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// stylesheets lists the stylesheets a page links, in order.
var stylesheetRe = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)">`)

func stylesheets(html []byte) []string {
	var out []string
	for _, m := range stylesheetRe.FindAllSubmatch(html, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// assets/custom.css beside handbook.yaml is published and linked after
// the theme's stylesheets on every page; without it nothing is linked. In
// serve --watch an edit of it renders no page again, and its creation and
// removal render every page (which link it or stop linking it).
func TestCustomCSS(t *testing.T) {
	ctx := context.Background()
	dir := writeSite(t, "testdata/sites/basic.txtar")
	css := filepath.Join(dir, filepath.FromSlash(CustomCSS))
	write := func(text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(css, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bl := Open(ctx, dir, Options{}).Builder()
	r, err := bl.Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Files[CustomCSS]; ok {
		t.Errorf("%s published without the file", CustomCSS)
	}
	for _, s := range stylesheets(r.Files["guides/code/index.html"]) {
		if s == "../../assets/custom.css" {
			t.Errorf("a page links %s without the file", s)
		}
	}

	write("h1 { color: rebeccapurple; }\n")
	if r, err = bl.Build(ctx, []string{AssetsDir}); err != nil {
		t.Fatal(err)
	}
	if got := string(r.Files[CustomCSS]); got != "h1 { color: rebeccapurple; }\n" {
		t.Errorf("published %s = %q", CustomCSS, got)
	}
	for _, page := range []string{"index.html", "guides/code/index.html", "roles/senior/index.html", "404.html"} {
		ss := stylesheets(r.Files[page])
		if len(ss) < 2 || filepath.Base(ss[len(ss)-1]) != "custom.css" || filepath.Base(ss[0]) != "handbook.css" {
			t.Errorf("%s links %q: want custom.css last, after the theme's", page, ss)
		}
	}
	if len(r.Rendered) < 5 {
		t.Errorf("a new %s rendered %d pages again, want all of them", CustomCSS, len(r.Rendered))
	}

	write("h1 { color: teal; }\n")
	if r, err = bl.Build(ctx, []string{CustomCSS}); err != nil {
		t.Fatal(err)
	}
	if got := string(r.Files[CustomCSS]); got != "h1 { color: teal; }\n" || len(r.Rendered) != 0 {
		t.Errorf("after an edit: %s = %q, %d pages rendered again (%q); want the new rules and no page", CustomCSS, got, len(r.Rendered), r.Rendered)
	}
	if fresh, err := Open(ctx, dir, Options{}).Builder().Build(ctx, nil); err != nil {
		t.Fatal(err)
	} else if string(fresh.Files["guides/code/index.html"]) != string(r.Files["guides/code/index.html"]) {
		t.Error("the rebuilt page differs from a fresh build's")
	}

	if err := os.Remove(css); err != nil {
		t.Fatal(err)
	}
	if r, err = bl.Build(ctx, []string{CustomCSS}); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Files[CustomCSS]; ok || len(stylesheets(r.Files["index.html"])) != 3 {
		t.Errorf("after its removal: published %v, home links %q", ok, stylesheets(r.Files["index.html"]))
	}
	for p, want := range map[string]bool{CustomCSS: false, AssetsDir + "/logo.png": true, AssetsDir: false} {
		if got := bl.Ignored(p); got != want {
			t.Errorf("Builder.Ignored(%q) = %v, want %v", p, got, want)
		}
	}
}
