package generator

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Files the ignore list matches are neither pages nor published; the
// rest is, and serve --watch builds again for the rest only.
func TestIgnoreList(t *testing.T) {
	dir := writeSite(t, "testdata/sites/ignore.txtar")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, dir, Options{Destination: dest}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for p := range tree(t, dest) {
		if !strings.HasPrefix(p, "assets/") && !strings.HasPrefix(p, "search/") && p != ".handbook-output" {
			got = append(got, p)
		}
	}
	slices.Sort(got)
	want := []string{
		"404.html", "guides/flow.excalidraw.svg", "guides/guide/index.html", "guides/index.html",
		"guides/public.txt", "guides/theme.less", "index.html", "robots.txt", "sitemap.xml",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("published (-want +got):\n%s", diff)
	}

	bl := Open(context.Background(), dir, Options{}).Builder()
	if _, err := bl.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{
		"content/CODEOWNERS":             true,
		"content/guides/theme.scss":      true,
		"content/guides/notes.txt":       true,
		"content/drafts/idea.md":         true,
		"content/drafts/deep":            true,
		"content/drafts":                 false, // the folder itself is not ignored: drafts/** is what it holds
		"content/guides/guide.md":        false,
		"content/guides/public.txt":      false,
		"content/guides/theme.less":      false,
		"handbook.yaml":                  false,
		"themes/default/static/x.scss":   false, // not content
		"content/guides/flow.excalidraw": true,
	} {
		if got := bl.Ignored(p); got != want {
			t.Errorf("Builder.Ignored(%q) = %v, want %v", p, got, want)
		}
	}
}

// A bad pattern is an error at its line and column in handbook.yaml.
func TestIgnoreListError(t *testing.T) {
	dir := writeSite(t, "testdata/sites/ignore.txtar")
	yaml := filepath.Join(dir, "handbook.yaml")
	data, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, []byte(strings.Replace(string(data), `"!public.txt"`, `"notes/[a-"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = Open(context.Background(), dir, Options{}).Check(context.Background())
	if err == nil || !strings.Contains(err.Error(), "handbook.yaml:5:5: ignore: \"notes/[a-\"") || !strings.Contains(err.Error(), "drafts/**") {
		t.Errorf("check with a bad pattern: %v, want handbook.yaml:5:5 naming it, with a hint", err)
	}
}
