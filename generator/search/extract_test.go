package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExtractSections(t *testing.T) {
	page := `<!doctype html><html><head><title>Not content</title><script>var x = "<h2 id=no>";</script></head>
<body><header><a>Site</a><div class="search" hidden><input></div></header>
<nav><h2 id="nav">Navigation</h2></nav>
<main id="main">
<nav class="breadcrumbs"><ol><li>Home</li></ol></nav>
<article><p class="eyebrow">Individual contributor · Level 3 <a class="print-track-link" href="#">Print this track</a></p>
<h1>Senior Engineer</h1>
<p class="lead">Owns services &amp; lifts <em>standards</em>.</p>
<nav class="toc"><h2 class="toc-title">On this page</h2><ul><li>Responsibilities</li></ul></nav>
<section hidden><h2 id="assess_title">Self-assessment</h2><p>Tick boxes</p></section>
<section><h2 id="responsibilities">Responsibilities <a class="permalink" href="#responsibilities" aria-label="Permalink">#</a></h2>
<h3 id="responsibilities-operational">Operational <a class="permalink" href="#x">#</a></h3>
<ol class="items"><li id="operational-on-call" data-item="x">Join on-call.<a class="permalink" href="#y">#</a></li><li id="b">Run incidents.</li></ol>
<h3>Comes from</h3><p>Mid-level</p>
</section>
<h2 id="decision-rights">Decision rights</h2>
<div class="prose"><svg><text>Ladder label</text></svg><p>Decides<br>alone <span class="visually-hidden">(hidden)</span><span aria-hidden="true">★</span></p></div>
<dl class="terms"><div id="term-rfc" data-search-heading="RFC"><dt>RFC <a class="permalink">#</a></dt><dd>A design proposal.</dd></div></dl>
<dl class="examples"><div><dt>Meets looks like</dt><dd>A clear one.</dd></div></dl>
<h4 id="deep">Deep heading</h4><p>stays in the term's section</p>
<section class="backlinks"><h2 id="backlinks">Linked from</h2><ul><li>Other page</li></ul></section>
<nav class="pager"><a>Next</a></nav>
</article>
<!-- <h2 id="comment">x</h2> -->
</main>
<footer>Footer text</footer></body></html>`
	want := []Section{
		{Text: "Individual contributor · Level 3 Owns services & lifts standards."},
		{Anchor: "responsibilities", Heading: "Responsibilities"},
		{Anchor: "responsibilities-operational", Heading: "Operational", Parent: "Responsibilities",
			Text: "Join on-call. Run incidents. Comes from Mid-level"},
		{Anchor: "decision-rights", Heading: "Decision rights", Text: "Decides alone"},
		// A definition list's terms are labels, left out: the glossary's
		// are headings already, the role page's repeat on every item.
		{Anchor: "term-rfc", Heading: "RFC", Text: "A design proposal. A clear one. Deep heading stays in the term's section"},
	}
	if diff := cmp.Diff(want, ExtractSections([]byte(page))); diff != "" {
		t.Errorf("ExtractSections (-want +got):\n%s", diff)
	}
}

// TestExtractBroken: HTML that is cut or malformed still gives sections.
func TestExtractBroken(t *testing.T) {
	for _, page := range []string{"", "<", "<main", "<main><h2 id=a>x", "<h2 id='a' >Unquoted</h3> text</h2>more", "</p></main>",
		"<main><p>a<!-- open comment", "<main><script>never closed", "<main><h2 id=\"a\" title=\"<h2>\">T</h2>"} {
		secs := ExtractSections([]byte(page))
		if len(secs) == 0 {
			t.Errorf("ExtractSections(%q) = no sections, want at least the page top", page)
		}
	}
}

// ExtractSections reads the page without copying it; what it returns must
// not change when the caller reuses the page's bytes (a build renders the
// next page into the same buffer).
func TestExtractSectionsOwnStrings(t *testing.T) {
	for _, page := range []string{
		`<main><h2 id="solo">Word</h2><p>text</p></main>`,
		`<main><div id="term-api" data-search-heading="API"><dd>An interface.</dd></div><h3 id="b">B</h3>x</main>`,
		`<main><p>top</p><h2 id="a&amp;b">A <em>and</em> B</h2>body<script>ignored</SCRIPT>after</main>`,
	} {
		want := ExtractSections([]byte(page))
		buf := []byte(page)
		got := ExtractSections(buf)
		for i := range buf {
			buf[i] = 'x'
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: the sections changed with the page's bytes (-want +got):\n%s", page, diff)
		}
	}
}

func TestIndexEndTag(t *testing.T) {
	for _, tc := range []struct {
		s, name string
		want    int
	}{
		{"x</script>", "script", 1},
		{"x</SCRIPT>", "script", 1},
		{"</scr</Script>", "script", 5},
		{"< /script></scrip", "script", -1},
		{"ä</style>", "style", 2},
		{"", "title", -1},
		{"</", "title", -1},
	} {
		if got := indexEndTag(tc.s, tc.name); got != tc.want {
			t.Errorf("indexEndTag(%q, %q) = %d, want %d", tc.s, tc.name, got, tc.want)
		}
	}
}
