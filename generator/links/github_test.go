package links

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/handbook-dev/handbook/internal/suggest"
)

// folderPages is a site whose folders are sections, as package site makes
// them: team/ has an index file, handbook/ and team/people/ have generated
// section pages, "Big Folder/" is slugged.
type folderPages struct{}

var (
	folderFiles = map[string]string{
		"_index.md": "/", "team/_index.md": "/team/", "team/onboarding.md": "/team/onboarding/",
		"team/people/alice.md": "/team/people/alice/", "handbook/process.md": "/handbook/process/",
		"handbook/My Page.md": "/handbook/my-page/", "Big Folder/x.md": "/big-folder/x/",
	}
	folderPaths = map[string]bool{
		"/": true, "/team/": true, "/team/onboarding/": true, "/team/people/": true, "/team/people/alice/": true,
		"/handbook/": true, "/handbook/process/": true, "/handbook/my-page/": true, "/big-folder/": true, "/big-folder/x/": true,
		"/team/chart.pdf": true, "/img/a.png": true,
	}
)

func (folderPages) FileURL(f string) (string, bool)        { u, ok := folderFiles[f]; return u, ok }
func (folderPages) IDURL(id string) (string, string, bool) { return "", "", false }
func (folderPages) Exists(p string) bool                   { return folderPaths[p] }
func (folderPages) Ambiguous(string) []string              { return nil }
func (folderPages) Suggest(k Kind, bad string) string {
	var cands []string
	if k == KindFile {
		for f := range folderFiles {
			cands = append(cands, f)
		}
	} else {
		for p := range folderPaths {
			cands = append(cands, p)
		}
	}
	sort.Strings(cands)
	return suggest.Nearest(bad, cands)
}

// convertWith converts src as the file pagePath published at pageURL, with
// raw HTML let through when unsafe.
func convertWith(t *testing.T, pages Pages, src, pagePath, pageURL string, unsafe bool) (string, *Doc) {
	t.Helper()
	opts := []goldmark.Option{goldmark.WithExtensions(Extension{Pages: pages, RawHTML: unsafe}), goldmark.WithParserOptions(parser.WithAutoHeadingID())}
	if unsafe {
		opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(opts...)
	d := &Doc{File: "content/" + pagePath, Path: pagePath, URL: pageURL, BasePath: "/", Src: []byte(src), LineOffset: 3}
	doc := md.Parser().Parse(text.NewReader(d.Src), parserOpt(d))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, d.Src, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String(), d
}

// TestFolderLinks: relative links resolve against the linking file, as on
// GitHub; a folder is its section page.
func TestFolderLinks(t *testing.T) {
	tests := []struct {
		name, file, url, dest string
		want, anchor          string // the published href, the anchor recorded
	}{
		{"sibling folder", "handbook/process.md", "/handbook/process/", "../team/", "../../team/", ""},
		{"folder without slash", "handbook/process.md", "/handbook/process/", "../team", "../../team/", ""},
		{"own folder", "handbook/process.md", "/handbook/process/", "./", "../", ""},
		{"own folder, dot", "handbook/process.md", "/handbook/process/", ".", "../", ""},
		{"root", "handbook/process.md", "/handbook/process/", "../", "../../", ""},
		{"generated section", "handbook/process.md", "/handbook/process/", "../team/people/", "../../team/people/", ""},
		{"folder with anchor", "handbook/process.md", "/handbook/process/", "../team/#intro", "../../team/#intro", "intro"},
		{"slugged folder", "handbook/process.md", "/handbook/process/", "../Big%20Folder/", "../../big-folder/", ""},
		{"file in a folder", "handbook/process.md", "/handbook/process/", "../team/chart.pdf", "../../team/chart.pdf", ""},
		{"from a section page", "team/_index.md", "/team/", "people/", "people/", ""},
		{"from a section page, up", "team/_index.md", "/team/", "../handbook/", "../handbook/", ""},
		{"from a deep page", "team/people/alice.md", "/team/people/alice/", "../", "../../", ""},
		{"encoded space", "handbook/process.md", "/handbook/process/", "My%20Page.md", "../my-page/", ""},
		{"encoded space, anchor", "handbook/process.md", "/handbook/process/", "My%20Page.md#x", "../my-page/#x", "x"},
		{"angle brackets", "handbook/process.md", "/handbook/process/", "<My Page.md>", "../my-page/", ""},
		// Written against the page's URL, as before: still resolves.
		{"relative URL", "handbook/process.md", "/handbook/process/", "../../team/", "../../team/", ""},
		{"relative URL to a page", "team/onboarding.md", "/team/onboarding/", "../people/alice/", "../people/alice/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, d := convertWith(t, folderPages{}, "[x]("+tt.dest+")", tt.file, tt.url, false)
			if len(d.Errors) > 0 {
				t.Fatalf("errors: %v", d.Errors)
			}
			if want := `href="` + tt.want + `"`; !strings.Contains(out, want) {
				t.Errorf("got %s, want %s", strings.TrimSpace(out), want)
			}
			if len(d.Links) != 1 || d.Links[0].Anchor != tt.anchor {
				t.Errorf("links %+v, want one with anchor %q", d.Links, tt.anchor)
			}
		})
	}
}

// TestFolderLinkErrors: a folder that does not exist, or a path above the
// site, is an error at the link.
func TestFolderLinkErrors(t *testing.T) {
	tests := []struct{ name, dest, want string }{
		{"missing folder", "../teams/", `content/handbook/process.md:4:1: link to missing page "../teams/" (did you mean /team/?)`},
		// On GitHub team/ here is handbook/team/: not the section /team/.
		{"folder of the page's URL", "team/", `content/handbook/process.md:4:1: link to missing page "team/" (did you mean /team/?)`},
		{"above the site", "../../../x/", `content/handbook/process.md:4:1: link "../../../x/" leaves the site`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := convertWith(t, folderPages{}, "[x]("+tt.dest+")", "handbook/process.md", "/handbook/process/", false)
			if len(d.Errors) != 1 || d.Errors[0].Error() != tt.want {
				t.Errorf("errors = %v, want %s", d.Errors, tt.want)
			}
		})
	}
}

// TestRawHTMLLinks: links in raw HTML are resolved, checked and rewritten
// as in Markdown; external ones, and markup in comments and scripts, are
// left as written.
func TestRawHTMLLinks(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"inline a", `See <a href="My%20Page.md">it</a>.`, `<p>See <a href="../my-page/">it</a>.</p>`},
		{"block", "<div>\n<a href=\"../team/\">T</a> <img alt=\"a\" src=\"../img/a.png\">\n</div>",
			"<div>\n<a href=\"../../team/\">T</a> <img alt=\"a\" src=\"../../img/a.png\">\n</div>"},
		{"anchor", `<a href="process.md#step-2">s</a>`, `<p><a href="#step-2">s</a></p>`},
		{"unquoted, upper case", `<A class=x HREF=../team>t</A>`, `<p><A class=x HREF="../../team/">t</A></p>`},
		{"single quotes", `<a href='../team/'>t</a>`, `<p><a href='../../team/'>t</a></p>`},
		{"entity in the value", `<a href="My Page.md#a&amp;b">x</a>`, `<p><a href="../my-page/#a&amp;b">x</a></p>`},
		{"external", `<a href="https://example.com/x.md">x</a>`, `<p><a href="https://example.com/x.md">x</a></p>`},
		{"same page", `<a href="#top">x</a>`, `<p><a href="#top">x</a></p>`},
		{"spaces around", `<a href=" ../team/ ">t</a>`, `<p><a href="../../team/">t</a></p>`},
		{"script handle", `<a href="#" onclick="f()">x</a>`, `<p><a href="#" onclick="f()">x</a></p>`},
		{"comment", "<!-- <a href=\"nope.md\"> -->", "<!-- <a href=\"nope.md\"> -->"},
		{"script", "<script>\nvar a = '<a href=\"nope.md\">';\n</script>", "<script>\nvar a = '<a href=\"nope.md\">';\n</script>"},
		{"in a block quote", "> <p>\n> <a href=\"../team/\">t</a>\n> </p>\n", "<blockquote>\n<p>\n<a href=\"../../team/\">t</a>\n</p>\n</blockquote>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, d := convertWith(t, folderPages{}, tt.src, "handbook/process.md", "/handbook/process/", true)
			if len(d.Errors) > 0 {
				t.Errorf("errors: %v", d.Errors)
			}
			if got := strings.TrimSpace(out); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestRawHTMLLinkErrors: a broken link in raw HTML is an error at its
// value, and a Markdown file's is not published.
func TestRawHTMLLinkErrors(t *testing.T) {
	src := "Text\n\n<table><tr>\n  <td><a href=\"nope.md\">x</a></td><td><img src=\"img/none.png\"></td>\n</tr></table>\n\nand <a href='../teams/'>y</a>\n"
	out, d := convertWith(t, folderPages{}, src, "handbook/process.md", "/handbook/process/", true)
	var got []string
	for _, e := range d.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		`content/handbook/process.md:7:16: link to missing page "nope.md"`,
		`content/handbook/process.md:7:49: image "img/none.png" not found`,
		`content/handbook/process.md:10:14: link to missing page "../teams/" (did you mean /team/?)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !strings.Contains(out, `<a href="#">x</a>`) || !strings.Contains(out, `<a href='../teams/'>y</a>`) {
		t.Errorf("a broken .md link is published, or another rewritten:\n%s", out)
	}
}

// TestRawHTMLIDs: the ids of raw HTML elements, and the names of <a>, are
// anchors of the page; only when raw HTML is let through.
func TestRawHTMLIDs(t *testing.T) {
	src := "<table><tr><th id=\"q1\">Q1</th></tr></table>\n\nA <span id='later'>span</span> and <a name=old></a>, <div name=\"no\"></div>\n"
	_, d := convertWith(t, folderPages{}, src, "handbook/process.md", "/handbook/process/", true)
	if diff := cmp.Diff([]string{"q1", "later", "old"}, d.IDs); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	out, d := convertWith(t, folderPages{}, src+"\n<a href=\"nope.md\">x</a>\n", "handbook/process.md", "/handbook/process/", false)
	if len(d.IDs) != 0 || len(d.Errors) != 0 || strings.Contains(out, "<span") {
		t.Errorf("escaped raw HTML gave ids %q, errors %v:\n%s", d.IDs, d.Errors, out)
	}
}

// TestHints: the "did you mean" of a broken link follows the one rule of
// package suggest, applied where the paths differ: never the folder around
// a missing page.
func TestHints(t *testing.T) {
	tests := []struct{ name, file, src, hint string }{
		{"misspelt folder", "handbook/process.md", "[x](../teams/)", "/team/"},
		{"folder beside the page", "handbook/process.md", "[x](team/)", "/team/"},
		{"missing page in a folder", "team/onboarding.md", "[x](people/bob/)", ""},
		{"missing folder under the page's", "handbook/process.md", "[x](./guides/)", ""},
		{"misspelt file", "team/onboarding.md", "[x](../handbook/proces.md)", "handbook/process.md"},
		{"other file in the folder", "team/onboarding.md", "[x](../handbook/nope.md)", ""},
		{"misspelt page folder", "team/_index.md", "[x](./onboardng/)", "/team/onboarding/"},
		{"letter case", "team/_index.md", "[x](/Team/)", "/team/"},
		{"raw HTML", "team/_index.md", `<a href="people/bob/">b</a>`, ""},
		{"raw HTML, misspelt", "team/_index.md", `<a href="peple/">b</a>`, "/team/people/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := convertWith(t, folderPages{}, tt.src, tt.file, "/unused/", true)
			if len(d.Errors) != 1 {
				t.Fatalf("errors = %v, want one", d.Errors)
			}
			want := ""
			if tt.hint != "" {
				want = "did you mean " + tt.hint + "?"
			}
			if got := d.Errors[0].Hint; got != want {
				t.Errorf("hint %q, want %q (%v)", got, want, d.Errors[0])
			}
		})
	}
}
