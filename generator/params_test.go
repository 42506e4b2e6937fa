package generator

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestRebuildParams: a page's Params (front-matter keys the model does
// not read) are part of its render key and of the cards listing it, so
// serve --watch never shows a stale value; a misspelt key fails the
// rebuild as it fails a fresh build.
func TestRebuildParams(t *testing.T) {
	guideAndCards := []string{"guides/code/index.html", "guides/index.html", "index.html"}
	t.Run("default theme", func(t *testing.T) {
		dir := writeSite(t, "testdata/sites/basic.txtar")
		runEdits(t, dir, Options{}, []edit{
			{name: "a param added", do: replace("content/guides/code.md", "title: Code Guide", "title: Code Guide\nowner: Platform"),
				rendered: guideAndCards, slow: true},
			{name: "a param changed", do: replace("content/guides/code.md", "owner: Platform", "owner: Payments"),
				rendered: guideAndCards, slow: true},
			{name: "a misspelt key", do: replace("content/guides/code.md", "owner: Payments", "owner: Payments\ndarft: true"),
				fails: `content/guides/code.md:4:1: unknown key "darft" (did you mean "draft"?)`},
			{name: "the key fixed", do: replace("content/guides/code.md", "darft: true", "draft: false"), slow: true},
		})
	})
	t.Run("data layout", func(t *testing.T) {
		// The data layout shows the front matter; every rebuild equals a
		// fresh build (runEdits), and the warning of an empty page comes
		// and goes with its text, also on the fast path's body edits.
		dir := writeSite(t, "testdata/sites/framework.txtar")
		staff, designer := "content/framework/staff-engineer.md", "content/framework/product-designer.md"
		runEdits(t, dir, Options{}, []edit{
			{name: "a criterion changed", do: replace("content/framework/engineering-manager.md", "every report.", "every report, weekly."),
				rendered: []string{"framework/engineering-manager/index.html", "framework/index.html", "index.html"}, slow: true},
			{name: "a criterion added", do: replace(staff, "  - text: Owns", "  - text: Mentors senior engineers.\n  - text: Owns"), slow: true},
			{name: "a layout added", do: replace(designer, "title: Product Designer\n", "title: Product Designer\nlayout: data\n"), slow: true},
			{name: "the layout removed", do: replace(designer, "layout: data\n", ""), slow: true},
			{name: "a link to a criterion gone", do: replace(staff, "layout: data\n", ""), fails: "page /framework/staff-engineer/ has no anchor #criteria-direction"},
			{name: "the layout back", do: replace(staff, "title: Staff Engineer\n", "title: Staff Engineer\nlayout: data\n"), slow: true},
			{name: "the body emptied", do: replace(staff, "Staff engineers work across teams: the criteria below come from the\nframework's source files.\n", ""), slow: true},
			{name: "a text on the empty page", do: replace("content/framework/principal-engineer.md", "layout: data\n---\n", "layout: data\n---\nCriteria to come.\n"), slow: true},
		})
	})
	t.Run("theme showing params", func(t *testing.T) {
		dir := writeSite(t, "testdata/sites/basic.txtar")
		writeFile(t, dir, "themes/default/layouts/page.html",
			`{{define "main"}}<h1>{{.Page.Title}}</h1><p class="owner">{{.Params.owner}}</p>{{.Content}}{{end}}`)
		writeFile(t, dir, "themes/default/layouts/section.html",
			`{{define "main"}}{{range .Page.Children}}<p class="card">{{.Title}}: {{.Params.owner}}</p>{{end}}{{end}}`)
		runEdits(t, dir, Options{}, []edit{
			{name: "a param added", do: replace("content/guides/code.md", "title: Code Guide", "title: Code Guide\nowner: Platform")},
			{name: "a param changed", do: replace("content/guides/code.md", "owner: Platform", "owner: Payments")},
			{name: "a param removed", do: replace("content/guides/code.md", "owner: Payments\n", "")},
			{name: "the param back", do: replace("content/guides/code.md", "title: Code Guide", "title: Code Guide\nowner: <b>Search</b>")},
		})
		res, err := OpenFS(os.DirFS(dir), nil, Options{}).Generate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if page := string(res.Files["guides/code/index.html"]); !strings.Contains(page, `<p class="owner">&lt;b&gt;Search&lt;/b&gt;</p>`) {
			t.Errorf("guide page does not show its param, escaped:\n%s", page)
		}
		if section := string(res.Files["guides/index.html"]); !strings.Contains(section, `<p class="card">Code Guide: &lt;b&gt;Search&lt;/b&gt;</p>`) {
			t.Errorf("section page does not show its child's param:\n%s", section)
		}
	})
}
