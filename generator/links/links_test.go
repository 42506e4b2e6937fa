package links

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/handbook-dev/handbook/internal/suggest"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fakePages is a tiny site: two roles, a guide and an image.
type fakePages struct{}

var (
	files = map[string]string{"roles/senior.md": "/roles/senior/", "roles/staff.md": "/roles/staff/", "guides/jump.md": "/guides/jump/", "_index.md": "/"}
	ids   = map[string][2]string{"senior": {"/roles/senior/", "Senior Engineer"}, "staff": {"/roles/staff/", "Staff Engineer"}}
	paths = map[string]bool{"/": true, "/roles/": true, "/roles/senior/": true, "/roles/staff/": true, "/guides/jump/": true, "/img/ladder.png": true}
)

func (fakePages) FileURL(f string) (string, bool) { u, ok := files[f]; return u, ok }
func (fakePages) IDURL(id string) (string, string, bool) {
	v, ok := ids[id]
	return v[0], v[1], ok
}
func (fakePages) Exists(p string) bool { return paths[p] }
func (fakePages) Ambiguous(id string) []string {
	if id == "faq" { // guides/faq.md and roles/faq.md, were they pages
		return []string{"guides/faq", "roles/faq"}
	}
	return nil
}
func (fakePages) Suggest(k Kind, bad string) string {
	var cands []string
	switch k {
	case KindFile:
		for f := range files {
			cands = append(cands, f)
		}
	case KindID:
		for id := range ids {
			cands = append(cands, id)
		}
	default:
		for p := range paths {
			cands = append(cands, p)
		}
	}
	sort.Strings(cands)
	return suggest.Nearest(bad, cands)
}

func convert(t *testing.T, src, pagePath, pageURL, base string) (string, *Doc) {
	t.Helper()
	md := goldmark.New(goldmark.WithExtensions(Extension{Pages: fakePages{}, RawHTML: true}), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	d := &Doc{File: "content/" + pagePath, Path: pagePath, URL: pageURL, BasePath: base, Src: []byte(src), LineOffset: 3}
	doc := md.Parser().Parse(text.NewReader(d.Src), parserOpt(d))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, d.Src, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String(), d
}

func TestRewriteGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/links.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"/", "/handbook/"} {
		name := "root"
		if base != "/" {
			name = "subpath"
		}
		t.Run(name, func(t *testing.T) {
			out, d := convert(t, string(src), "guides/jump.md", "/guides/jump/", base)
			if len(d.Errors) > 0 {
				t.Fatalf("errors: %v", d.Errors)
			}
			golden := filepath.Join("testdata", "links-"+name+".html")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), out); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBadLinks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"missing file", "See [x](../roles/senoir.md).", `content/guides/jump.md:4:5: link to missing page "../roles/senoir.md" (did you mean roles/senior.md?)`},
		{"missing id", "See [[senoir]].", `content/guides/jump.md:4:5: short reference to unknown page id "senoir" (did you mean senior?)`},
		{"ambiguous id", "See [[faq#top|the FAQ]].", `content/guides/jump.md:4:5: short reference [[faq#top]] is ambiguous: 2 pages are named "faq" (guides/faq, roles/faq) (write the full id of the page you mean, as in [[guides/faq]])`},
		{"unclosed", "text [[senior\n", `content/guides/jump.md:4:6: unclosed short reference`},
		{"unclosed before a link", "[[senior and [x](https://x)", `content/guides/jump.md:4:1: unclosed short reference`},
		{"missing id with an escaped pipe", "[[senoir\\|the page]]", `short reference to unknown page id "senoir"`},
		{"empty", "a [[ ]] b", `content/guides/jump.md:4:3: malformed short reference "[[ ]]"`},
		{"empty anchor", "[[a#]]", `content/guides/jump.md:4:1: malformed short reference "[[a#]]"`},
		{"escape", "[p](../../../etc/passwd.md)", `link "../../../etc/passwd.md" leaves the content folder`},
		{"escape url", "[p](../../../../etc/passwd)", `leaves the site`},
		{"raw html link", "text <a href=\"/roles/principal/\">p</a>", `content/guides/jump.md:4:15: link to missing page "/roles/principal/"`},
		{"raw html block link", "<div>\n<a class='x' href='../roles/nope.md#a'>p</a>\n</div>", `content/guides/jump.md:5:20: link to missing page "../roles/nope.md#a"`},
		{"missing image", "![x](/img/nope.png)", `image "/img/nope.png" not found`},
		{"base path link at root", "[r](/handbook/roles/)", `link to missing page "/handbook/roles/" (did you mean /roles/?)`},
		{"missing root path", "\n\n[p](/roles/principal/)", `content/guides/jump.md:6:1: link to missing page "/roles/principal/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := convert(t, tt.src, "guides/jump.md", "/guides/jump/", "/")
			if len(d.Errors) != 1 || !strings.Contains(d.Errors[0].Error(), tt.want) {
				t.Errorf("errors = %v, want one containing %q", d.Errors, tt.want)
			}
		})
	}
}

func TestBasePathLink(t *testing.T) {
	out, d := convert(t, "[r](/handbook/roles/) ![i](/handbook/img/ladder.png)", "guides/jump.md", "/guides/jump/", "/handbook/")
	if len(d.Errors) > 0 {
		t.Fatal(d.Errors)
	}
	if !strings.Contains(out, `href="../../roles/"`) || !strings.Contains(out, `src="../../img/ladder.png"`) {
		t.Errorf("base-path links not rewritten: %s", out)
	}
}

func TestRawHTMLAnchorsChecked(t *testing.T) {
	_, d := convert(t, `<a href="../../roles/senior/#nope">x</a>`, "guides/jump.md", "/guides/jump/", "/")
	if len(d.Errors) != 0 || len(d.Links) != 1 || d.Links[0].URL != "/roles/senior/" || d.Links[0].Anchor != "nope" {
		t.Fatalf("errors %v, links %+v", d.Errors, d.Links)
	}
}

func TestCheckAnchors(t *testing.T) {
	_, d := convert(t, "[a](../roles/senior.md#decision-rigths) [b](#top) [[staff#goals]]", "guides/jump.md", "/guides/jump/", "/")
	anchors := map[string]Anchors{
		"/roles/senior/": {"decision-rights": true, "summary": true},
		"/guides/jump/":  {"top": true},
		"/roles/staff/":  {},
	}
	errs := Check(d.Links, func(u string) Anchors { return anchors[u] })
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`content/guides/jump.md:4:1: link "../roles/senior.md#decision-rigths": page /roles/senior/ has no anchor #decision-rigths (did you mean #decision-rights?)`,
		`content/guides/jump.md:4:51: link "[[staff#goals]]": page /roles/staff/ has no anchor #goals`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRoot(t *testing.T) {
	tests := []struct{ from, want string }{
		{"/", ""},
		{"/404.html", ""},
		{"/roles/", "../"},
		{"/roles/x.html", "../"},
		{"/roles/senior/", "../../"},
		{"/a/b/c/d/", "../../../../"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Root(tt.from); got != tt.want {
			t.Errorf("Root(%q) = %q, want %q", tt.from, got, tt.want)
		}
	}
}

func TestRelative(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"/guides/jump/", "/roles/senior/", "../../roles/senior/"},
		{"/roles/senior/", "/roles/staff/", "../staff/"},
		{"/", "/roles/senior/", "roles/senior/"},
		{"/roles/senior/", "/", "../../"},
		{"/roles/", "/roles/senior/", "senior/"},
		{"/roles/senior/", "/roles/senior/", "./"},
		{"/404.html", "/roles/x/", "roles/x/"},
		{"/guides/jump/", "/img/ladder.png", "../../img/ladder.png"},
		{"/roles/senior/", "/roles/senior/x.png", "x.png"},
		{"/roles/x.html", "/roles/", "./"},
		{"/roles/senior/", "/roles/seniority/", "../seniority/"},
		{"/a/b/c/", "/a/d/", "../../d/"},
	}
	for _, tt := range tests {
		if got := Relative(tt.from, tt.to); got != tt.want {
			t.Errorf("Relative(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func FuzzShortRefs(f *testing.F) {
	for _, s := range []string{"[[a]]", "[[", "[[ ]]", "[[a#]]", "[[a#b|c]]", "[x](y.md)", "[[senior#x]] [y](/roles/)", "[[[[a]]]]",
		"[[1](https://x)]", "[[a [b] c", "[[a\\|b]]", "|a|b|\n|-|-|\n|[[senior|x]]|y|\n", "[[x][r]]\n\n[r]: /roles/\n",
		// The pathological inputs of docs/limits.md, smaller.
		strings.Repeat("[", 2000), strings.Repeat("[[", 1000), strings.Repeat("[[x\n", 1100), strings.Repeat("[[a]] [[", 300),
		strings.Repeat("[a](", 600), strings.Repeat("[x](nowhere.md)\n", 1100),
		// Raw HTML, whose links are rewritten.
		"<div>\n<a href=\"../roles/senior.md\">s</a>\n</div>", "a <a href='nope.md'>x</a> <img src=../img/ladder.png>",
		"> <p id=x>\n> <a\n> href=\"../roles/\">r</a>", strings.Repeat("<a href=x.md>", 500),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, d := convert(t, src, "guides/jump.md", "/guides/jump/", "/")
		if len(d.Errors) > maxErrors+1 {
			t.Fatalf("%d errors kept, want at most %d and a summary", len(d.Errors), maxErrors)
		}
		for _, e := range d.Errors {
			if e.More > 0 {
				continue
			}
			if e.Line < 4 || e.Col < 1 {
				t.Fatalf("error without a position: %v", e)
			}
		}
	})
}

func TestBacklinks(t *testing.T) {
	src := "Intro [[senior]].\n\n## Next step\n\nSee [[staff]] and [[senior]] and [again](../roles/staff.md).\n\n## Self\n\n[me](#self)\n"
	_, d := convert(t, src, "guides/jump.md", "/guides/jump/", "/")
	got := Backlinks(d.Links)
	want := map[string][]Backlink{
		"/roles/senior/": {{From: "/guides/jump/"}, {From: "/guides/jump/", Section: "Next step", SectionID: "next-step"}},
		"/roles/staff/":  {{From: "/guides/jump/", Section: "Next step", SectionID: "next-step"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestBoundedShortRefs checks the inputs that flooded the terminal or took
// quadratic time: each "[[" used to search the rest of its line for "]]"
// and count the lines above it, and to report its own error. Bounded work
// shows in the counts: one error per line, at most maxErrors kept per page
// and the rest counted in one summary.
// TestNotShortRefs: brackets around a link or text are not short
// references: no error, and the link inside is a link.
func TestNotShortRefs(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"footnote-style link", "Cited twice [[1](https://example.com/a)], [[2](https://example.com/b)].",
			`<p>Cited twice [<a href="https://example.com/a" rel="noopener">1</a>], [<a href="https://example.com/b" rel="noopener">2</a>].</p>`},
		{"bracketed page link", "See [[the Staff page](../roles/staff.md)] first.", `<p>See [<a href="../../roles/staff/">the Staff page</a>] first.</p>`},
		{"bracketed reference link", "[[x][r]]\n\n[r]: https://example.com/r\n", `<p>[<a href="https://example.com/r" rel="noopener">x</a>]</p>`},
		{"bracketed text", "An array a[[i] + 1] here.", `<p>An array a[[i] + 1] here.</p>`},
		{"short reference after one", "[[1](https://x.org)] and [[senior]]",
			`<p>[<a href="https://x.org" rel="noopener">1</a>] and <a href="../../roles/senior/">Senior Engineer</a></p>`},
		{"escaped pipe", "[[senior\\|the Senior page]]", `<p><a href="../../roles/senior/">the Senior page</a></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, d := convert(t, tt.src, "guides/jump.md", "/guides/jump/", "/")
			if len(d.Errors) > 0 {
				t.Errorf("errors: %v", d.Errors)
			}
			if got := strings.TrimSpace(out); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestBacklinkSectionText: a backlink names its section as the reader sees
// the heading, entities and escapes resolved (the layout escapes it once).
func TestBacklinkSectionText(t *testing.T) {
	_, d := convert(t, "## AT&amp;T \\*now\\* `a&amp;b`\n\n[[senior]]\n", "guides/jump.md", "/guides/jump/", "/")
	got := Backlinks(d.Links)["/roles/senior/"]
	if len(got) != 1 || got[0].Section != "AT&T *now* a&amp;b" {
		t.Errorf("backlinks = %+v, want the section AT&T *now* a&amp;b", got)
	}
}

func TestBoundedShortRefs(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		errors    int // errors kept, summary included
		more      int // in the summary
		firstLine int
		firstCol  int
	}{
		{name: "100,000 [", src: strings.Repeat("[", 100000) + "\n", errors: 1, firstLine: 4, firstCol: 1},
		{name: "100,000 [[", src: "x " + strings.Repeat("[[", 100000) + "\n", errors: 1, firstLine: 4, firstCol: 3},
		{name: "[[ on each line", src: strings.Repeat("[[x\n\n", 1500), errors: maxErrors + 1, more: 500, firstLine: 4, firstCol: 1},
		{name: "30,000 unknown ids", src: "\n" + strings.Repeat("[[nope]]", 30000), errors: maxErrors + 1, more: 29000, firstLine: 5, firstCol: 1},
		{name: "closed after many", src: strings.Repeat("[[", 1000) + "a]]\n", errors: 1, firstLine: 4, firstCol: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := convert(t, tt.src, "guides/jump.md", "/guides/jump/", "/")
			if len(d.Errors) != tt.errors {
				t.Fatalf("%d errors, want %d; first: %v", len(d.Errors), tt.errors, d.Errors[:min(3, len(d.Errors))])
			}
			if got := d.Errors[len(d.Errors)-1].More; got != tt.more {
				t.Errorf("summary counts %d more, want %d", got, tt.more)
			}
			if e := d.Errors[0]; e.Line != tt.firstLine || e.Col != tt.firstCol {
				t.Errorf("first error at %d:%d, want %d:%d: %v", e.Line, e.Col, tt.firstLine, tt.firstCol, e)
			}
		})
	}
}

func TestCandidates(t *testing.T) {
	tests := []struct {
		full []string
		want string
	}{
		{[]string{"a/faq", "b/faq"}, "a/faq, b/faq"},
		{[]string{"a", "b", "c", "d", "e"}, "a, b, c, d, e"},
		{[]string{"a", "b", "c", "d", "e", "f", "g"}, "a, b, c, d, e and 2 more"},
	}
	for _, tt := range tests {
		if got := candidates(tt.full); got != tt.want {
			t.Errorf("candidates(%q) = %q, want %q", tt.full, got, tt.want)
		}
	}
}
