package glossary

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"

	"github.com/handbook-dev/handbook/generator/markdown"
)

// fuzzGlossary is built by hand, past Load's checks, with names that sit
// next to Markdown's escapes and entities.
var fuzzGlossary = &Glossary{URL: "/glossary/", Terms: []Term{
	{ID: "slo", Term: "SLO", Aliases: []string{"SLOs", "service level objective"}, Definition: `A "target" <b>&amp;</b>.`},
	{ID: "error", Term: "Error", Definition: "e"},
	{ID: "error-budget", Term: "Error budget", Aliases: []string{"error budgets"}, Definition: "eb"},
	{ID: "copy", Term: "copy", Aliases: []string{"amp", "x2F", "33"}, Definition: "entity names"},
	{ID: "cpp", Term: "C++", Aliases: []string{`C\`, "R&D", "M&"}, Definition: "punctuation"},
	{ID: "on-call", Term: "On-call", Aliases: []string{"on call", "a b c"}, Definition: "oc"},
	{ID: "cafe", Term: "Café", Definition: "c"},
}}

var fuzzSeeds = []string{
	"SLO and SLO, then SLOs.",
	"An error budget, an error. error \t budget",
	"# SLO\n\n[SLO](x) `SLO` ![SLO](i.png) <https://x.org/SLO>\n\n```\nSLO\n```\n\nthen SLO",
	"<a href=\"x\">SLO</a> <abbr>SLO</abbr> a<br>SLO",
	"the SLO  \nnext SLO\nerror",
	`a \*b\* SLO &amp; c&#33; &copy; &#x2F; &#33; RFC\* C\* C++ R&D M&amp; R&amp;D`,
	"SLO\\_x x\\_SLO caféSLO Café (on call) a  b c",
	"- an SLO\n\n| Error budget |\n| --- |\n| x |\n\n> on-call\n> error\n",
	"Term[^1].\n\n[^1]: An SLO.\n",
	"\tSLO\n-\tSLO\n  *\terror budget\n",
	"www.example.com/SLO error www budget",
}

func FuzzLink(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	if pages, _ := filepath.Glob("../../content/roles/*.md"); len(pages) > 0 {
		for _, p := range pages[:min(3, len(pages))] {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(string(data))
			}
		}
	}
	ext := []goldmark.Extender{Extension{G: fuzzGlossary}}
	convs := []struct {
		name        string
		plain, with *markdown.Converter
	}{
		{"safe", markdown.New(markdown.Options{}), markdown.New(markdown.Options{Extensions: ext})},
		{"unsafe", markdown.New(markdown.Options{UnsafeHTML: true}), markdown.New(markdown.Options{UnsafeHTML: true, Extensions: ext})},
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		for _, c := range convs {
			d := &Doc{URL: "/roles/x/"}
			out, err := c.with.Render(src, mustParse(t, c.with, src, NewContext(nil, d)))
			if err != nil {
				t.Fatal(err)
			}
			plain, err := c.plain.Render(src, mustParse(t, c.plain, src, NewContext(nil, &Doc{URL: "/roles/x/"})))
			if err != nil {
				t.Fatal(err)
			}
			if string(src) != s {
				t.Fatalf("%s: input changed", c.name)
			}
			// The links wrap text and change nothing else.
			if diff := cmp.Diff(string(plain), stripLinks(string(out))); diff != "" {
				t.Fatalf("%s: stripped output differs (-plain +got):\n%s", c.name, diff)
			}
			// Each term is linked at most once.
			seen := map[string]bool{}
			for _, id := range d.Linked {
				if seen[id] {
					t.Fatalf("%s: %q linked twice", c.name, id)
				}
				seen[id] = true
			}
			if n := strings.Count(string(out), `class="glossary-term"`); n != len(d.Linked) {
				t.Fatalf("%s: %d glossary links, Linked has %d", c.name, n, len(d.Linked))
			}
			if c.name == "safe" {
				checkAnchors(t, string(out))
			}
		}
	})
}

// checkAnchors fails when an <a is left open or opened inside another.
// Only for safe output: raw HTML in the input could hold any tags.
func checkAnchors(t *testing.T, out string) {
	t.Helper()
	depth := 0
	for rest := out; ; {
		open, close := strings.Index(rest, "<a "), strings.Index(rest, "</a>")
		switch {
		case open >= 0 && (close < 0 || open < close):
			if depth++; depth > 1 {
				t.Fatalf("nested <a> in %q", out)
			}
			rest = rest[open+len("<a "):]
		case close >= 0:
			if depth--; depth < 0 {
				t.Fatalf("</a> without <a> in %q", out)
			}
			rest = rest[close+len("</a>"):]
		default:
			if depth != 0 {
				t.Fatalf("unclosed <a> in %q", out)
			}
			return
		}
	}
}
