package markdown

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden converts testdata/*.md and compares with testdata/*.html.
// Files named unsafe-*.md are converted with UnsafeHTML.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.md")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	safe, unsafe := New(Options{}), New(Options{UnsafeHTML: true})
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			c := safe
			if strings.HasPrefix(filepath.Base(in), "unsafe-") {
				c = unsafe
			}
			doc, err := c.Convert(src)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(in, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, doc.HTML, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(doc.HTML)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func TestFeatures(t *testing.T) {
	c := New(Options{})
	tests := []struct {
		name, in string
		want     []string
		notWant  []string
	}{
		{"table", "|a|b|\n|-|-|\n|1|2|\n", []string{"<table>", "<td>1</td>"}, nil},
		{"task list", "- [x] done\n- [ ] todo\n", []string{`type="checkbox"`, "checked"}, nil},
		{"strikethrough", "~~gone~~", []string{"<del>gone</del>"}, nil},
		{"autolink", "see https://example.com now", []string{`<a href="https://example.com">`}, nil},
		{"footnote", "text[^1]\n\n[^1]: note\n", []string{`class="footnotes"`}, nil},
		{"definition list", "Term\n: Definition\n", []string{"<dl>", "<dt>Term</dt>", "<dd>Definition</dd>"}, nil},
		{"typographer", `"quoted" -- dash...`, []string{"&ldquo;quoted&rdquo;", "&ndash;", "&hellip;"}, nil},
		{"heading ids unique", "# Goals\n## Goals\n", []string{`id="goals"`, `id="goals-1"`}, nil},
		{"explicit id", "## Decision rights {#rights}\n", []string{`id="rights"`}, []string{"{#rights}"}},
		{"raw html escaped", "<script>alert(1)</script>\n\ninline <b>x</b>", []string{"&lt;script&gt;", "&lt;b&gt;"}, []string{"<script>", "<b>"}},
		{"code highlighted with classes", "```go\nfunc main() {}\n```\n", []string{`class="chroma"`, `<span class="kd">func</span>`}, []string{"style="}},
		{"unknown language", "```nosuchlang\nx\n```\n", []string{"<pre"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Convert([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !bytes.Contains(doc.HTML, []byte(w)) {
					t.Errorf("output lacks %q:\n%s", w, doc.HTML)
				}
			}
			for _, w := range tt.notWant {
				if bytes.Contains(doc.HTML, []byte(w)) {
					t.Errorf("output has %q:\n%s", w, doc.HTML)
				}
			}
		})
	}
}

func TestUnsafeHTML(t *testing.T) {
	doc, err := New(Options{UnsafeHTML: true}).Convert([]byte("<div>x</div>\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc.HTML, []byte("<div>x</div>")) {
		t.Errorf("raw HTML not passed: %s", doc.HTML)
	}
}

func TestHeadings(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte("# Role `summary`\n\ntext\n\n## Day to *day* {#daily}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Heading{{Level: 1, ID: "role-summary", Text: "Role summary"}, {Level: 2, ID: "daily", Text: "Day to day"}}
	if diff := cmp.Diff(want, doc.Headings); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestEntitiesEscapedOnce: a heading's text (for "On this page", search
// and print) is plain text, and the permalink and table labels built from
// it are escaped exactly once, whatever entity the typographer, an entity
// reference or a backslash escape put in it.
func TestEntitiesEscapedOnce(t *testing.T) {
	tests := []struct {
		name, in string
		text     string // Heading.Text
		label    string // in the HTML: the permalink's aria-label
	}{
		{"apostrophe", "## We won't", "We won’t", `aria-label="Permalink to We won’t"`},
		{"quotes and dashes", `## "Scope" -- and... more`, "“Scope” – and… more",
			`aria-label="Permalink to “Scope” – and… more"`},
		{"angle quotes", "## <<Why>>", "«Why»", `aria-label="Permalink to «Why»"`},
		{"entity reference", "## AT&amp;T &lt;b&gt; &copy; &#35;", "AT&T <b> © #", `aria-label="Permalink to AT&amp;T &lt;b&gt; © #"`},
		{"backslash escapes", `## a\_b\*c\\d`, `a_b*c\d`, `aria-label="Permalink to a_b*c\d"`},
		{"code span kept as written", "## The `&amp;` in `it's`", "The &amp; in it's", `aria-label="Permalink to The &amp;amp; in it&#39;s"`},
		{"emphasis", "## Don't *stop* \"now\"", "Don’t stop “now”", `aria-label="Permalink to Don’t stop “now”"`},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Convert([]byte(tt.in + "\n\n|a|\n|-|\n|1|\n"))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Headings) != 1 {
				t.Fatalf("headings = %+v", doc.Headings)
			}
			if got := doc.Headings[0].Text; got != tt.text {
				t.Errorf("Text = %q, want %q", got, tt.text)
			}
			if !strings.Contains(string(doc.HTML), tt.label) {
				t.Errorf("HTML lacks %s:\n%s", tt.label, doc.HTML)
			}
			table := strings.Replace(tt.label, "Permalink to ", "Table: ", 1)
			if !strings.Contains(string(doc.HTML), table) {
				t.Errorf("HTML lacks %s:\n%s", table, doc.HTML)
			}
			if strings.Contains(string(doc.HTML), "&amp;rsquo;") || strings.Contains(doc.Headings[0].Text, "&rsquo;") {
				t.Errorf("escaped twice:\n%s", doc.HTML)
			}
		})
	}
}

func TestStyleCSS(t *testing.T) {
	css, err := StyleCSS("github-dark", "[data-theme=dark] ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(css, []byte("[data-theme=dark] .chroma")) {
		t.Errorf("css not scoped:\n%.300s", css)
	}
	if _, err := StyleCSS("no-such-style", ""); err == nil {
		t.Error("unknown style accepted")
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{"# x {#y}", "|a|\n|-|\n", "```go\nx\n```", "<b>", "[^1]\n\n[^1]: x", "a\n: b",
		// The pathological inputs of docs/limits.md, smaller (small
		// seeds keep the fuzzer fast; it grows them).
		nestedList(102), strings.Repeat(">", 102) + " a", strings.Repeat("- > ", 51) + "a",
		strings.Repeat("[a](", 600), strings.Repeat("[a](b (", 300), strings.Repeat("[", 2000), strings.Repeat("[[", 1000),
		"## a\x00b {#c\x00d}", strings.Repeat("[a]: b\n", 500), table(1002),
		"|a|b|\n|-|-|\n|[[x|y]] `\\|` [[z||a\n", "a|b\n-|-\n[[x|y]]|[[1](u)]|[[\n",
		"> [!NOTE]\n> a\n\n> [!tip]\n>\n> > [!WARNING]\n> > b\n", "- > [!CAUTION]\n  > |a|\n  > |-|\n", "> [!NOTE]\n[x]: /y\n",
		strings.Repeat("*a **", 500), strings.Repeat("`", 1000), strings.Repeat("<a ", 500),
	} {
		f.Add([]byte(s))
	}
	f.Add([]byte("## Foo_bar\n\n## Foo-bar\n\n## foo_bar {#foo-bar-1}\n\n## [Café](x) `y`\n"))
	cs := []*Converter{New(Options{}), New(Options{HeadingIDs: GitHubIDs})}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		for _, c := range cs {
			doc, err := c.Convert(src)
			if err != nil {
				// Only a limit stops a conversion, at a place in the source.
				var le *LimitError
				if !errors.As(err, &le) || le.Offset < 0 || le.Offset > len(src) {
					t.Fatal(err)
				}
				continue
			}
			// An alias is never an id of the page, nor another alias.
			ids := map[string]bool{}
			for _, h := range doc.Headings {
				ids[h.ID] = true
			}
			for _, h := range doc.Headings {
				for _, a := range h.Aliases {
					if ids[a] || a == "" {
						t.Fatalf("alias %q of heading %q is taken or empty", a, h.Text)
					}
					ids[a] = true
				}
			}
		}
		if !bytes.Equal(orig, src) {
			t.Fatal("input changed")
		}
	})
}
