package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

// writeSite extracts a txtar archive into a new folder and returns it.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	return writeFiles(t, a.Files)
}

func writeFiles(t *testing.T, files []txtar.File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildSite(t *testing.T, dir string, opts Options) (Stats, error) {
	t.Helper()
	return Open(context.Background(), dir, opts).Build(context.Background())
}

// tree returns a digest of every file under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		m[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:8])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestGoldenPages(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"index.html", "roles/index.html", "roles/senior/index.html", "guides/code/index.html", "404.html", "sitemap.xml", "robots.txt",
		"behaviours/index.html", "behaviours/influence/index.html", "compare/junior-vs-senior/index.html"} {
		got, err := os.ReadFile(filepath.Join(dir, "public", page))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata/golden/basic", strings.ReplaceAll(page, "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", page, diff)
		}
	}
}

func TestOutputLayout(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	stats, err := buildSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, filepath.Join(dir, "public"))
	for _, want := range []string{
		"index.html", "404.html", "sitemap.xml", "robots.txt", ".handbook-output",
		"roles/index.html", "roles/senior/index.html", "roles/junior/index.html",
		"guides/index.html", "guides/code/index.html",
		"assets/handbook.css", "assets/handbook.js", "assets/chroma-light.css", "assets/chroma-dark.css",
		"assets/theme.js", "print/individual-contributor/index.html",
		"behaviours/index.html", "behaviours/impact/index.html", "behaviours/influence/index.html",
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	if stats.Pages != 16 || stats.Files != len(got) {
		t.Errorf("stats = %+v, tree has %d files", stats, len(got))
	}
	if s := stats.String(); !strings.HasPrefix(s, "built 16 pages, ") {
		t.Errorf("summary = %q", s)
	}
}

func TestSubPathLinks(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page := read(t, dir, "public/roles/senior/index.html")
	for _, want := range []string{
		`<link rel="canonical" href="https://example.com/handbook/roles/senior/">`,
		`href="../../assets/handbook.css"`,
		`href="../../roles/junior/"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, `href="/`) || strings.Contains(page, `src="/`) {
		t.Error("page has a root-relative link, which breaks under a sub-path")
	}
	// 404.html is served at any depth: its links carry the base path.
	notFound := read(t, dir, "public/404.html")
	if !strings.Contains(notFound, `href="/handbook/assets/handbook.css"`) {
		t.Errorf("404 links do not use the base path:\n%s", notFound)
	}
	if !strings.Contains(read(t, dir, "public/sitemap.xml"), "<loc>https://example.com/handbook/roles/senior/</loc>") {
		t.Error("sitemap lacks absolute URL")
	}
	// --base-url overrides the config.
	if _, err := buildSite(t, dir, Options{BaseURL: "https://docs.example.org/"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, dir, "public/roles/senior/index.html"), `href="https://docs.example.org/roles/senior/"`) {
		t.Error("--base-url not applied")
	}
}

func TestRawHTMLEscaped(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page := read(t, dir, "public/guides/code/index.html")
	if !strings.Contains(page, "&lt;b&gt;raw&lt;/b&gt;") || strings.Contains(page, "<b>raw</b>") {
		t.Error("raw HTML not escaped")
	}
	if !strings.Contains(page, `class="chroma"`) || strings.Contains(page, `<span style=`) {
		t.Error("code not highlighted with classes")
	}
}

func TestDeterministic(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	if _, err := buildSite(t, dir, Options{Destination: "one"}); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{Destination: "two"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tree(t, filepath.Join(dir, "one")), tree(t, filepath.Join(dir, "two"))); diff != "" {
		t.Errorf("two builds differ (-one +two):\n%s", diff)
	}
}

func TestDeletedPageRemoved(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content/guides/code.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/guides/code")); !os.IsNotExist(err) {
		t.Error("output of a deleted page survived")
	}
}

// TestBadInput builds a good site, breaks it in one way, and checks the
// error is one clear positioned line and the previous output is untouched.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"invalid front matter", map[string]string{"content/roles/senior.md": "---\ntitle: [oops\n---\n"}, "content/roles/senior.md:"},
		{"unclosed front matter", map[string]string{"content/roles/senior.md": "---\ntitle: x\n"}, "content/roles/senior.md:1:1: front matter is not closed"},
		{"unknown config key", map[string]string{"handbook.yaml": "title: T\nbaseurl: /x/\n"}, `handbook.yaml:2:1: unknown key "baseurl"`},
		{"same URL twice", map[string]string{"content/roles/Senior.md": "# dup"}, "content/roles/senior.md:1:1: maps to URL /roles/senior/, as content/roles/Senior.md does"},
		{"not UTF-8", map[string]string{"content/roles/senior.md": "caf\xe9\n"}, "content/roles/senior.md:1:4: file is not valid UTF-8"},
		{"template error", map[string]string{"themes/default/layouts/page.html": "{{define \"main\"}}\n{{.Nope}\n{{end}}"}, "themes/default/layouts/page.html:2:"},
		{"template exec error", map[string]string{"themes/default/layouts/page.html": "{{define \"main\"}}\n{{.Page.Nope}}\n{{end}}"}, "themes/default/layouts/page.html:2:"},
		{"unknown theme", map[string]string{"handbook.yaml": "theme: fancy\n"}, `theme "fancy" not found`},
		{"link to missing page", map[string]string{"content/guides/more.md": "# More\n\nSee [x](../roles/senoir.md)."}, `content/guides/more.md:3:5: link to missing page "../roles/senoir.md" (did you mean roles/senior.md?)`},
		{"link to missing anchor", map[string]string{"content/guides/more.md": "See [[senior#carer-path]]."}, `content/guides/more.md:1:5: link "[[senior#carer-path]]": page /roles/senior/ has no anchor #carer-path (did you mean #career-path?)`},
		{"link out of content", map[string]string{"content/guides/more.md": "[p](../../../etc/passwd.md)"}, `leaves the content folder`},
		{"malformed short reference", map[string]string{"content/guides/more.md": "a [[ ]] b"}, `content/guides/more.md:1:3: malformed short reference "[[ ]]"`},
		{"duplicate page id", map[string]string{"content/guides/other.md": "---\nid: senior\n---\n"}, `content/guides/other.md:2:5: page id "senior" is also the id of content/roles/senior.md`},
		{"ambiguous short reference", map[string]string{"content/a/faq.md": "# A", "content/b/faq.md": "# B", "content/guides/more.md": "Read\nthe [[faq]]."},
			`content/guides/more.md:2:5: short reference [[faq]] is ambiguous: 2 pages are named "faq" (a/faq, b/faq) (write the full id of the page you mean, as in [[a/faq]])`},
		{"two pages of one folder", map[string]string{"content/guides/README.md": "# Guides", "content/guides/index.md": "# Also guides"},
			`content/guides/README.md:1:1: README.md is also the page of folder guides/, as content/guides/index.md is (keep one: _index.md wins over index.md, and index.md over README.md; merge the two files)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, "testdata/sites/basic.txtar")
			if _, err := buildSite(t, dir, Options{}); err != nil {
				t.Fatal(err)
			}
			before := tree(t, filepath.Join(dir, "public"))
			for name, data := range tt.files {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := buildSite(t, dir, Options{})
			if err == nil {
				t.Fatal("build succeeded")
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error = %q, want one line containing %q", msg, tt.want)
			}
			if diff := cmp.Diff(before, tree(t, filepath.Join(dir, "public"))); diff != "" {
				t.Errorf("previous output changed (-before +after):\n%s", diff)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary folder left behind: %s", e.Name())
				}
			}
		})
	}
}

func TestLinkPolicyWarn(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	files := map[string]string{
		"handbook.yaml":          "title: T\nlinks:\n  on_broken: warn\n",
		"content/guides/more.md": "[gone](gone.md) and [[senior#nope]] and [ok](../roles/junior.md)",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stats, err := buildSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stats.Warnings) != 2 || !strings.HasPrefix(stats.Warnings[0], "content/guides/more.md:1:1: warning: link to missing page") {
		t.Errorf("warnings = %q", stats.Warnings)
	}
	if !strings.Contains(read(t, dir, "public/guides/more/index.html"), `href="../../roles/junior/"`) {
		t.Error("good link not rewritten under warn policy")
	}
}

// TestLadderLint sees the ladder lint's findings printed as warnings by a
// build, and failing it with Strict.
func TestLadderLint(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	p := filepath.Join(dir, "content/roles/senior.md")
	b, _ := os.ReadFile(p)
	b = bytes.Replace(b, []byte("How to implement agreed designs."), []byte("How to write the code inside a task."), 1)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	stats, err := buildSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/roles/senior.md:24:1: warning: every decision right senior gains over junior nearly repeats one junior already holds",
		`content/roles/senior.md:26:7: warning: decision right "implementation" nearly repeats the level below`,
	}
	if len(stats.Warnings) != len(want) {
		t.Fatalf("warnings = %q, want %d", stats.Warnings, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(stats.Warnings[i], w) {
			t.Errorf("warning %d = %q, want it to start with %q", i, stats.Warnings[i], w)
		}
	}

	_, err = buildSite(t, dir, Options{Strict: true})
	if err == nil || !strings.HasPrefix(err.Error(), "content/roles/senior.md:24:1: every decision right") {
		t.Errorf("strict build: error = %v, want the findings as errors", err)
	}
}

// TestSkillNote: a skill level's note shows on the skill page, the role's
// skill matrix and in the export.
func TestSkillNote(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	p := filepath.Join(dir, "content/skills/testing.md")
	b, _ := os.ReadFile(p)
	b = bytes.Replace(b, []byte("expectation: Sets the test strategy for the service.}"),
		[]byte("expectation: Sets the test strategy for the service., note: Seniors & leads set it once per service.}"), 1)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	want := `<span class="skill-note">Seniors &amp; leads set it once per service.</span>`
	for _, page := range []string{"public/skills/testing/index.html", "public/roles/senior/index.html"} {
		if !strings.Contains(read(t, dir, page), want) {
			t.Errorf("%s does not show the note %s", page, want)
		}
	}
	if !strings.Contains(read(t, dir, "public/handbook.json"), `"note": "Seniors & leads set it once per service."`) {
		t.Error("handbook.json does not export the note")
	}
}

func TestAliasRedirect(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	p := filepath.Join(dir, "content/roles/senior.md")
	b, _ := os.ReadFile(p)
	b = bytes.Replace(b, []byte("weight: 2\n"), []byte("weight: 2\naliases: [/roles/senior-engineer/, /people/seniors/]\n"), 1)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for file, rel := range map[string]string{
		"public/roles/senior-engineer/index.html": "../../roles/senior/",
		"public/people/seniors/index.html":        "../../roles/senior/",
	} {
		page := read(t, dir, file)
		for _, want := range []string{
			`<meta http-equiv="refresh" content="0; url=` + rel + `">`,
			`location.replace("` + rel + `" + location.hash)`,
			`<link rel="canonical" href="https://example.com/handbook/roles/senior/">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s:\n%s", file, want, page)
			}
		}
	}
}

func TestUnusualButFine(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	for name, data := range map[string]string{
		"content/empty.md":              "",
		"content/guides/My Big Page.md": "# Hello",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Symbolic links, loops included: symlink_test.go and package source.
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"public/empty/index.html", "public/guides/my-big-page/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Error(err)
		}
	}
}

func TestRealHandbook(t *testing.T) {
	res, err := OpenFS(os.DirFS(".."), nil, Options{}).Generate(context.Background())
	if err != nil {
		t.Fatalf("the handbook in content/ does not build:\n%v", err)
	}
	if res.Pages < 40 {
		t.Errorf("only %d pages", res.Pages)
	}
	if _, ok := res.Files["roles/senior-software-engineer/index.html"]; !ok {
		t.Error("no Senior Software Engineer page")
	}
}

func TestThemeOverride(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	p := filepath.Join(dir, "themes/default/layouts/404.html")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`{{define "main"}}<p>Custom not found</p>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, dir, "public/404.html"), "Custom not found") {
		t.Error("theme file on disk did not override the embedded one")
	}
	if !strings.Contains(read(t, dir, "public/roles/senior/index.html"), "Designs, builds") {
		t.Error("other layouts no longer come from the embedded theme")
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSpace(b))
}

func TestAnchorsManifest(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	ctx := context.Background()
	added, err := Open(ctx, dir, Options{}).UpdateAnchors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if added == 0 {
		t.Fatal("no anchors recorded")
	}
	lock := read(t, dir, "anchors.lock")
	if !strings.Contains(lock, "/roles/senior/#career-path\n") {
		t.Fatalf("lock lacks the career-path heading:\n%s", lock)
	}
	// Rename a published heading: the build fails, naming anchor and page.
	senior := filepath.Join(dir, "content/roles/senior.md")
	orig, _ := os.ReadFile(senior)
	renamed := bytes.Replace(orig, []byte("## Scope"), []byte("## What you own"), 1)
	// The guide links to #career-path, which stays.
	if err := os.WriteFile(senior, renamed, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = buildSite(t, dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "published anchor /roles/senior/#scope is gone") ||
		!strings.Contains(err.Error(), "content/roles/senior.md") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Open(ctx, dir, Options{}).UpdateAnchors(ctx); err == nil {
		t.Fatal("--update-anchors accepted a lost anchor")
	}
	// An alias to the new heading makes it pass, and the page tells the
	// browser where the old anchor went.
	aliased := bytes.Replace(renamed, []byte("weight: 2\n"), []byte("weight: 2\nanchor_aliases:\n  scope: what-you-own\n"), 1)
	if err := os.WriteFile(senior, aliased, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page := read(t, dir, "public/roles/senior/index.html")
	if !strings.Contains(page, `<script type="application/json" id="anchor-aliases">{"scope":"what-you-own"}</script>`) {
		t.Errorf("page lacks the anchor alias map")
	}
	// An alias to a missing anchor is an error.
	bad := bytes.Replace(aliased, []byte("scope: what-you-own"), []byte("scope: nowhere"), 1)
	if err := os.WriteFile(senior, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err == nil || !strings.Contains(err.Error(), "content/roles/senior.md:2:1: anchor alias scope → nowhere") {
		t.Errorf("err = %v", err)
	}
	// A moved page keeps its anchors through a page alias.
	if err := os.WriteFile(senior, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	moved := bytes.Replace(orig, []byte("weight: 2\n"), []byte("weight: 2\naliases: [/roles/senior/]\n"), 1)
	moved = bytes.Replace(moved, []byte("id: senior\n"), []byte("id: senior-engineer\n"), 1)
	skill := filepath.Join(dir, "content/skills/testing.md")
	sk, _ := os.ReadFile(skill)
	if err := os.WriteFile(skill, bytes.Replace(bytes.Replace(sk, []byte("  senior:"), []byte("  senior-engineer:"), 1),
		[]byte("category:"), []byte("anchor_aliases: {level-senior: level-senior-engineer}\ncategory:"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	// The behaviour pages list the role by id too.
	for _, f := range []string{"_index.md", "impact.md", "influence.md"} {
		p := filepath.Join(dir, "content/behaviours", f)
		b, _ := os.ReadFile(p)
		if err := os.WriteFile(p, bytes.Replace(b, []byte("title:"), []byte("anchor_aliases: {level-senior: level-senior-engineer}\ntitle:"), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(senior); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/roles/senior-engineer.md"), moved, 0o644); err != nil {
		t.Fatal(err)
	}
	guide := filepath.Join(dir, "content/guides/code.md")
	g, _ := os.ReadFile(guide)
	if err := os.WriteFile(guide, bytes.ReplaceAll(g, []byte("[[senior#"), []byte("[[senior-engineer#")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatalf("moved page with alias: %v", err)
	}
	if !strings.Contains(read(t, dir, "public/roles/senior/index.html"), `url=../../roles/senior-engineer/`) {
		t.Error("old URL does not redirect to the new page")
	}
}

func TestGlossaryLinks(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	files := map[string]string{
		"content/glossary.md":     "---\ntitle: Glossary\nterms:\n  - id: slo\n    term: SLO\n    aliases: [SLOs]\n    definition: A service level objective.\n---\nTerms.\n",
		"content/guides/slo.md":   "# SLOs\n\nSet an SLO. Then another SLO.\n",
		"content/guides/no-gl.md": "---\ntitle: No glossary\nglossary: false\n---\nAn SLO here stays plain.\n",
		"content/guides/badgl.md": "",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page := read(t, dir, "public/guides/slo/index.html")
	if n := strings.Count(page, `class="glossary-term"`); n != 1 {
		t.Errorf("%d glossary links, want exactly one (first mention, not in the heading)", n)
	}
	if !strings.Contains(page, `<a href="../../glossary/#term-slo" class="glossary-term" title="A service level objective.">SLO</a>`) {
		t.Errorf("glossary link missing:\n%s", page)
	}
	if strings.Contains(read(t, dir, "public/guides/no-gl/index.html"), "glossary-term") {
		t.Error("page with glossary: false got glossary links")
	}
	gl := read(t, dir, "public/glossary/index.html")
	if !strings.Contains(gl, `<div id="term-slo"`) || !strings.Contains(gl, `<dt>SLO`) || !strings.Contains(gl, "A service level objective.") {
		t.Errorf("glossary page does not list its terms:\n%s", gl)
	}
	// A link to a term's anchor is checked like any other.
	if err := os.WriteFile(filepath.Join(dir, "content/guides/badgl.md"), []byte("[x](../glossary.md#term-sla)"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err == nil || !strings.Contains(err.Error(), "has no anchor #term-sla (did you mean #term-slo?)") {
		t.Errorf("err = %v", err)
	}
}

// A build streamed to disk lets go of each page's Markdown and HTML as
// soon as it is done with them; what it writes must still be exactly what
// the in-memory pipeline makes. It keeps them in memory maps of a
// sixteenth of the Markdown (internal/offheap), unmapped as it goes: here
// about twenty, so that a page read after its map is gone crashes the
// test.
func TestBuildWritesWhatGenerateMakes(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.New(corpus.Options{Pages: 120, Seed: 3}).Write(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	opts := Options{Destination: filepath.Join(t.TempDir(), "public")}
	if _, err := Open(context.Background(), dir, opts).Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	want, err := (&Project{fsys: os.DirFS(dir), noRepo: "test"}).Generate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	err = filepath.WalkDir(opts.Destination, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(opts.Destination, p)
		got[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got[".handbook-output"]; !ok {
		t.Error("no .handbook-output marker in the output folder")
	}
	delete(got, ".handbook-output") // marks the folder as handbook's to replace
	sameFiles(t, "build", want.Files, got)
}

// with is p reading fsys instead: a fresh build of what a Builder built.
func (p *Project) with(fsys fs.FS) *Project {
	repo, noRepo := p.history(context.Background())
	c := &Project{dir: p.dir, fsys: fsys, opts: p.opts, repo: repo, noRepo: noRepo}
	c.git.Do(func() {})
	return c
}
