package glossary

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/markdown"
)

// fixture is a small glossary page; its terms exercise acronyms, aliases,
// a name that is a prefix of another, hyphens and non-ASCII letters.
const fixture = `---
title: Glossary
terms:
  - id: slo
    term: SLO
    aliases: [SLOs, service level objective]
    definition: 'A service level objective: an internal "target" <for> an SLI.'
  - id: error
    term: Error
    definition: Something that went wrong.
  - id: error-budget
    term: Error budget
    aliases: [error budgets]
    definition: The unreliability an SLO allows.
  - id: rfc
    term: RFC
    aliases: [RFCs, request for comments]
    definition: A written proposal.
  - id: on-call
    term: On-call
    aliases: [on call]
    definition: Taking turns to answer alerts.
  - id: cafe
    term: Café
    definition: Where coffee happens.
---
Body.
`

func loadFixture(t testing.TB) *Glossary {
	t.Helper()
	f, err := content.Parse("content/glossary.md", []byte(fixture))
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(f, f.Name, "/glossary/")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// render converts src with goldmark (GFM, raw HTML shown so the tests can
// see it is left alone), with the glossary extension when g is set.
func render(t testing.TB, g *Glossary, d *Doc, src string) string {
	t.Helper()
	exts := []goldmark.Extender{extension.GFM}
	if g != nil {
		exts = append(exts, Extension{G: g})
	}
	md := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithRendererOptions(ghtml.WithUnsafe()))
	pc := parser.NewContext()
	if d != nil {
		pc = NewContext(pc, d)
	}
	doc := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// attrEscaper escapes an attribute value the way goldmark does.
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// link is the HTML of a glossary link from a page two folders deep.
func link(g *Glossary, id, text string) string {
	for _, t := range g.Terms {
		if t.ID == id {
			return fmt.Sprintf(`<a href="../../glossary/#term-%s" class="glossary-term" title="%s">%s</a>`, id, attrEscaper.Replace(t.Definition), text)
		}
	}
	panic("no term " + id)
}

func TestLink(t *testing.T) {
	g := loadFixture(t)
	l := func(id, text string) string { return link(g, id, text) }
	tests := []struct {
		name   string
		src    string
		url    string // default "/roles/x/"
		optOut bool
		want   string // default: no links, as rendered without the extension
		linked []string
	}{
		{name: "first mention only", src: "SLO and SLO, then SLOs.",
			want: "<p>" + l("slo", "SLO") + " and SLO, then SLOs.</p>\n", linked: []string{"slo"}},
		{name: "first mention per term", src: "SLO, RFC and error; SLO, RFC and error.",
			want:   "<p>" + l("slo", "SLO") + ", " + l("rfc", "RFC") + " and " + l("error", "error") + "; SLO, RFC and error.</p>\n",
			linked: []string{"slo", "rfc", "error"}},
		{name: "acronyms match case-sensitively", src: "slo is slow, Slo too; rfc and RFCs.",
			want: "<p>slo is slow, Slo too; rfc and " + l("rfc", "RFCs") + ".</p>\n", linked: []string{"rfc"}},
		{name: "other names ignore case", src: "ERROR BUDGET and on Call",
			want: "<p>" + l("error-budget", "ERROR BUDGET") + " and " + l("on-call", "on Call") + "</p>\n", linked: []string{"error-budget", "on-call"}},
		{name: "non-ASCII letters fold", src: "Un CAFÉ.",
			want: "<p>Un " + l("cafe", "CAFÉ") + ".</p>\n", linked: []string{"cafe"}},
		{name: "alias", src: "A Service Level Objective is a target.",
			want: "<p>A " + l("slo", "Service Level Objective") + " is a target.</p>\n", linked: []string{"slo"}},
		{name: "longest match first", src: "An error budget, an error.",
			want:   "<p>An " + l("error-budget", "error budget") + ", an " + l("error", "error") + ".</p>\n",
			linked: []string{"error-budget", "error"}},
		{name: "longer alias wins", src: "Two error budgets.",
			want: "<p>Two " + l("error-budget", "error budgets") + ".</p>\n", linked: []string{"error-budget"}},
		{name: "a linked longer name hides the shorter one", src: "error budget, error budget, error",
			want:   "<p>" + l("error-budget", "error budget") + ", error budget, " + l("error", "error") + "</p>\n",
			linked: []string{"error-budget", "error"}},
		{name: "spaces in text", src: "the error \t budget",
			want: "<p>the " + l("error-budget", "error \t budget") + "</p>\n", linked: []string{"error-budget"}},
		{name: "whole words only", src: "SLOx xSLO SLO2 2SLO caféSLO SLOé errors"},
		{name: "punctuation is a boundary", src: "(SLO)",
			want: "<p>(" + l("slo", "SLO") + ")</p>\n", linked: []string{"slo"}},
		{name: "hyphenated name", src: "Being on-call.",
			want: "<p>Being " + l("on-call", "on-call") + ".</p>\n", linked: []string{"on-call"}},
		{name: "inside emphasis", src: "**SLO** matters",
			want: "<p><strong>" + l("slo", "SLO") + "</strong> matters</p>\n", linked: []string{"slo"}},
		{name: "word split across texts", src: "SLO\\_x and x\\_SLO",
			want: "<p>" + l("slo", "SLO") + "_x and x_SLO</p>\n", linked: []string{"slo"}},

		{name: "not in headings", src: "# SLO\n\nthe SLO",
			want: "<h1>SLO</h1>\n<p>the " + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in links", src: "[the SLO](x) then SLO",
			want: `<p><a href="x">the SLO</a> then ` + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in autolinks", src: "<https://x.org/SLO> then SLO",
			want: `<p><a href="https://x.org/SLO">https://x.org/SLO</a> then ` + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in image alt text", src: "![SLO](i.png) then SLO",
			want: `<p><img src="i.png" alt="SLO"> then ` + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in inline code", src: "`SLO` then SLO",
			want: "<p><code>SLO</code> then " + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in fenced code", src: "```\nSLO\n```\n\nthen SLO",
			want: "<pre><code>SLO\n</code></pre>\n<p>then " + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in indented code", src: "    SLO\n\nthen SLO",
			want: "<pre><code>SLO\n</code></pre>\n<p>then " + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in inline raw HTML", src: `<a href="x">SLO</a> <abbr title="SLO">SLO</abbr> then SLO`,
			want: `<p><a href="x">SLO</a> <abbr title="SLO">SLO</abbr> then ` + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "after a void raw tag", src: `a<br>SLO`,
			want: "<p>a<br>" + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "not in HTML blocks", src: "<div>\nSLO\n</div>\n\nthen SLO",
			want: "<div>\nSLO\n</div>\n<p>then " + l("slo", "SLO") + "</p>\n", linked: []string{"slo"}},
		{name: "in tables and lists", src: "- an SLO\n\n| RFC |\n| --- |\n| x |\n",
			want:   "<ul>\n<li>an " + l("slo", "SLO") + "</li>\n</ul>\n<table>\n<thead>\n<tr>\n<th>" + l("rfc", "RFC") + "</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n",
			linked: []string{"slo", "rfc"}},

		{name: "soft line break stays after the link", src: "the SLO\nnext",
			want: "<p>the " + l("slo", "SLO") + "\nnext</p>\n", linked: []string{"slo"}},
		{name: "hard line break stays after the link", src: "the SLO  \nnext",
			want: "<p>the " + l("slo", "SLO") + "<br>\nnext</p>\n", linked: []string{"slo"}},
		{name: "escapes and entities around the link", src: `a \*b\* SLO &amp; c&#33; RFC\*`,
			want: "<p>a *b* " + l("slo", "SLO") + " &amp; c! " + l("rfc", "RFC") + "*</p>\n", linked: []string{"slo", "rfc"}},
		{name: "entity names are not words", src: "&Error; &#Error; Error",
			want: "<p>&amp;Error; &amp;#Error; " + l("error", "Error") + "</p>\n", linked: []string{"error"}},

		{name: "opt-out", src: "the SLO", optOut: true},
		{name: "glossary page itself", src: "the SLO", url: "/glossary/"},
		{name: "page without a URL", src: "the SLO", url: "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{URL: "/roles/x/", OptOut: tt.optOut}
			switch tt.url {
			case "":
			case "-":
				d.URL = ""
			default:
				d.URL = tt.url
			}
			got := render(t, g, d, tt.src)
			plain := render(t, nil, nil, tt.src)
			want := tt.want
			if want == "" {
				want = plain
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("html (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.linked, d.Linked); diff != "" {
				t.Errorf("linked (-want +got):\n%s", diff)
			}
			// Without the links, the page is byte for byte what it was.
			if diff := cmp.Diff(plain, stripLinks(got)); diff != "" {
				t.Errorf("stripped (-plain +got):\n%s", diff)
			}
		})
	}
}

func TestRelativeLink(t *testing.T) {
	g := loadFixture(t)
	tests := []struct {
		page, glossary, want string
	}{
		{"/", "/glossary/", "glossary/#term-slo"},
		{"/roles/x/", "/glossary/", "../../glossary/#term-slo"},
		{"/roles/eng/staff/", "/glossary/", "../../../glossary/#term-slo"},
		{"/404.html", "/glossary/", "glossary/#term-slo"},
		{"/ref/x/", "/ref/glossary/", "../glossary/#term-slo"},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			gg := *g
			gg.URL = tt.glossary
			got := render(t, &gg, &Doc{URL: tt.page}, "SLO")
			m := regexp.MustCompile(`href="([^"]*)"`).FindStringSubmatch(got)
			if m == nil {
				t.Fatalf("no link in %q", got)
			}
			if diff := cmp.Diff(tt.want, m[1]); diff != "" {
				t.Errorf("href (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNoDoc(t *testing.T) {
	g := loadFixture(t)
	if diff := cmp.Diff(render(t, nil, nil, "the SLO"), render(t, g, nil, "the SLO")); diff != "" {
		t.Errorf("a document without a Doc is linked (-want +got):\n%s", diff)
	}
}

func TestEmptyGlossary(t *testing.T) {
	got := render(t, &Glossary{URL: "/glossary/"}, &Doc{URL: "/x/"}, "the SLO")
	if diff := cmp.Diff("<p>the SLO</p>\n", got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPipeline runs the extension inside the site's Markdown converter:
// typographer, heading permalinks, escaped raw HTML.
func TestPipeline(t *testing.T) {
	g := loadFixture(t)
	conv := markdown.New(markdown.Options{Extensions: []goldmark.Extender{Extension{G: g}}})
	src := []byte("## Our SLO\n\nThe SLO's \"error budget\" -- see <b>SLO</b>.\n")
	d := &Doc{URL: "/roles/x/"}
	out, err := conv.Render(src, mustParse(t, conv, src, NewContext(nil, d)))
	if err != nil {
		t.Fatal(err)
	}
	want := `<h2 id="our-slo">Our SLO <a class="permalink" href="#our-slo" aria-label="Permalink to Our SLO">#</a></h2>` + "\n" +
		"<p>The " + link(g, "slo", "SLO") + "&rsquo;s &ldquo;" + link(g, "error-budget", "error budget") +
		"&rdquo; &ndash; see &lt;b&gt;SLO&lt;/b&gt;.</p>\n"
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// glossaryOpen is the opening tag of a glossary link.
var glossaryOpen = regexp.MustCompile(`<a href="[^"]*" class="glossary-term" title="[^"]*">`)

// stripLinks removes glossary links, keeping their text. A glossary link
// holds only text, so the first "</a>" after its opening tag closes it.
func stripLinks(s string) string {
	for {
		loc := glossaryOpen.FindStringIndex(s)
		if loc == nil {
			return s
		}
		end := strings.Index(s[loc[1]:], "</a>")
		if end < 0 {
			return s // unclosed: the caller's comparison fails
		}
		end += loc[1]
		s = s[:loc[0]] + s[loc[1]:end] + s[end+len("</a>"):]
	}
}

func BenchmarkTransform(b *testing.B) {
	data, err := os.ReadFile("../../content/glossary.md")
	if err != nil {
		b.Fatal(err)
	}
	f, err := content.Parse("content/glossary.md", data)
	if err != nil {
		b.Fatal(err)
	}
	g, err := Load(f, f.Name, "/glossary/")
	if err != nil {
		b.Fatal(err)
	}
	pages, err := filepath.Glob("../../content/roles/*.md")
	if err != nil || len(pages) == 0 {
		b.Fatal("no role pages", err)
	}
	var src []byte
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		src = append(src, data...)
		src = append(src, '\n')
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, Extension{G: g}))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d := &Doc{URL: "/roles/x/"}
		md.Parser().Parse(text.NewReader(src), parser.WithContext(NewContext(nil, d)))
	}
}

// TestFootnotes checks that footnotes count in reading order: after the
// body, where they are rendered, and only when referenced.
func TestFootnotes(t *testing.T) {
	g := loadFixture(t)
	conv := markdown.New(markdown.Options{Extensions: []goldmark.Extender{Extension{G: g}}})
	src := []byte("A note[^1].\n\n[^1]: An SLO and an RFC.\n\n[^2]: Never cited: error.\n\nThe SLO.\n")
	d := &Doc{URL: "/roles/x/"}
	out, err := conv.Render(src, mustParse(t, conv, src, NewContext(nil, d)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"slo", "rfc"}, d.Linked); diff != "" {
		t.Errorf("linked (-want +got):\n%s", diff)
	}
	body, notes, ok := strings.Cut(string(out), `<div class="footnotes"`)
	if !ok {
		t.Fatalf("no footnotes in %s", out)
	}
	if want := "<p>The " + link(g, "slo", "SLO") + ".</p>"; !strings.Contains(body, want) {
		t.Errorf("body %q lacks %q", body, want)
	}
	if want := "An SLO and an " + link(g, "rfc", "RFC"); !strings.Contains(notes, want) {
		t.Errorf("footnotes %q lack %q", notes, want)
	}
}

// mustParse parses src, failing the test on a document past the limits.
func mustParse(t *testing.T, conv *markdown.Converter, src []byte, pc parser.Context) ast.Node {
	t.Helper()
	doc, err := conv.Parse(src, pc)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
