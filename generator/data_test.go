package generator

import (
	"context"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/search"
)

// TestFrameworkData builds a framework that keeps its levels and criteria
// in front matter (testdata/sites/framework.txtar): the data layout shows
// every criterion of every page, with anchors a guide links to; search
// finds a criterion's words, on data pages and, through their Params, on
// pages of other layouts; the two pages that would be published empty
// are warned about; and the pages are as their golden files say.
func TestFrameworkData(t *testing.T) {
	archive, err := txtar.ParseFile("testdata/sites/framework.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, archive.Files)
	ctx := context.Background()
	p := OpenFS(os.DirFS(dir), nil, Options{})
	res, err := p.Generate(ctx)
	if err != nil {
		t.Fatal(err)
	}

	wantWarnings := []string{
		"content/framework/principal-engineer.md:1:1: warning: the page has no text, and no front-matter data for its data layout to show (write its text, or add the data)",
		"content/framework/product-designer.md:1:1: warning: the page has no text: its front-matter data is not shown (add `layout: data` to show the data, or write its text)",
	}
	if diff := cmp.Diff(wantWarnings, res.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}

	// Every string of every data page's front matter is on its page.
	shown := 0
	for _, f := range archive.Files {
		if !strings.HasPrefix(f.Name, "content/") || !strings.HasSuffix(f.Name, ".md") {
			continue
		}
		file, err := content.Parse(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if file.Front.Layout != render.DataLayout {
			continue
		}
		out := strings.TrimSuffix(strings.TrimPrefix(f.Name, "content/"), ".md") + "/index.html"
		page := string(res.Files[out])
		if page == "" {
			t.Fatalf("%s not built", out)
		}
		for _, s := range strings.Split(render.ParamsText(file.Params, 1<<20), "\n") {
			if s != "" && !strings.Contains(page, template.HTMLEscapeString(s)) {
				t.Errorf("%s does not show %q", out, s)
			}
			shown++
		}
	}
	if shown < 20 {
		t.Errorf("only %d criteria checked: is the fixture read?", shown)
	}

	// Search finds a criterion, at the heading of its level; and the data
	// of a page whose layout does not show it.
	s, _, err := p.Search(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"one-on-ones":      "/framework/engineering-manager/#levels-em1",
		"yearly plan":      "/framework/engineering-manager/#levels-em2",
		"walkthrough":      "/framework/software-engineer/#competencies-technical-skills",
		"usability tests":  "/framework/product-designer/",
		"migrations":       "/framework/staff-engineer/#criteria",
		"production model": "/framework/data-scientist/#levels",
	} {
		rs, err := s.Search(q, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.URL)
		}
		if len(got) == 0 || got[0] != want {
			t.Errorf("search %q: got %q, want %s first", q, got, want)
		}
	}

	for _, page := range []string{"framework/engineering-manager/index.html", "framework/staff-engineer/index.html", "framework/data-scientist/index.html"} {
		got := string(res.Files[page])
		main := got[strings.Index(got, "<main"):strings.Index(got, "</main>")]
		goldenFile(t, filepath.Join("testdata/golden/framework", strings.ReplaceAll(page, "/", "_")), main)
	}
}

// TestDataLayoutProblems: a layout the theme lacks for pages is a warning
// at the key, and the page keeps its kind's layout (other generators'
// handbooks name theirs); a layout on a page whose layout a model chose is
// an error; links to a criterion that is not there are checked like any
// anchor.
func TestDataLayoutProblems(t *testing.T) {
	tests := []struct {
		name, file, data string
		warning, err     string
	}{
		{name: "no such layout", file: "content/guides/x.md", data: "---\ntitle: X\nlayout: fancy\n---\nText.\n",
			warning: `content/guides/x.md:3:9: warning: layout: the theme has no layout "fancy" for pages, so the page has the page layout (use one of data, page, section, or add themes/default/layouts/fancy.html)`},
		{name: "a model's layout", file: "content/guides/x.md", data: "---\ntitle: X\nlayout: role\n---\nText.\n",
			warning: `content/guides/x.md:3:9: warning: layout: the theme has no layout "role" for pages, so the page has the page layout (use one of data, page, section, or add themes/default/layouts/role.html)`},
		{name: "the glossary", file: "content/glossary.md", data: "---\ntitle: Glossary\nlayout: data\nterms:\n  - id: level\n    term: Level\n    definition: A step.\n---\n",
			err: "content/glossary.md:3:9: layout: the page has the glossary layout (remove the key)"},
		{name: "a missing criterion", file: "content/guides/x.md", data: "See [it](../framework/engineering-manager.md#levels-em1-criteria-people-3).\n",
			err: `content/guides/x.md:1:5: link "../framework/engineering-manager.md#levels-em1-criteria-people-3": page /framework/engineering-manager/ has no anchor #levels-em1-criteria-people-3 (did you mean #levels-em1-criteria-people-1?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, "testdata/sites/framework.txtar")
			writeFile(t, dir, tt.file, tt.data)
			ctx := context.Background()
			warnings, _, err := Open(ctx, dir, Options{}).Check(ctx)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("err = %v\nwant %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(warnings, tt.warning) {
				t.Errorf("warnings = %q\nwant %s among them", warnings, tt.warning)
			}
		})
	}
}

// goldenFile compares got with the file name, which -update writes.
func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}
