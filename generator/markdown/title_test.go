package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/parser"
)

func TestLeadingTitle(t *testing.T) {
	tests := []struct {
		name, body string
		want       string
		ok         bool
	}{
		{"atx", "# Onboarding\n\nText.", "Onboarding", true},
		{"after blank lines", "\n  \n# Onboarding\n", "Onboarding", true},
		{"indented three spaces", "   # Onboarding", "Onboarding", true},
		{"closing hashes", "# Onboarding #\n", "Onboarding", true},
		{"markup stripped", "# The *new* [team](x.md) `guide`\n", "The new team guide", true},
		{"entities once", "# We won't &amp; can't\n", "We won’t & can’t", true},
		{"explicit id", "# Onboarding {#start}\n", "Onboarding", true},
		{"setext", "Onboarding\n==========\n\nText.", "Onboarding", true},
		{"setext of two lines", "Cloud\nonboarding\n===\n", "Cloud onboarding", true},
		{"level two", "## Onboarding\n", "", false},
		{"setext level two", "Onboarding\n---\n", "", false},
		{"not first", "Intro.\n\n# Onboarding\n", "", false},
		{"paragraph with a hash", "#hashtag is no heading\n", "", false},
		{"empty heading", "#\n\nText.", "", false},
		{"code block", "    # not a heading\n", "", false},
		{"html first", "<!-- note -->\n# Onboarding\n", "", false},
		{"empty body", "", "", false},
		{"blank body", "\n\n  \n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LeadingTitle([]byte(tt.body))
			if got != tt.want || ok != tt.ok {
				t.Errorf("LeadingTitle(%q) = %q, %v, want %q, %v", tt.body, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestLeadingHeading converts pages that start with a level-1 heading: it
// is dropped when it is the title (none given, or the same), demoted when
// the title says something else, and kept when the conversion knows no
// title; a dropped heading leaves its id and stays in Headings.
func TestLeadingHeading(t *testing.T) {
	noTitle := "\x00none" // SetPageTitle not called
	tests := []struct {
		name, title, src string
		html             string
		headings         []Heading
	}{
		{
			name: "no title: the heading is the title", title: "", src: "# Cloud onboarding\n\nText.\n",
			html:     `<span id="cloud-onboarding"></span>` + "\n<p>Text.</p>\n",
			headings: []Heading{{Level: 1, ID: "cloud-onboarding", Text: "Cloud onboarding"}},
		},
		{
			name: "the same title", title: "Cloud  Onboarding", src: "# Cloud onboarding {#top}\n\n## Next\n",
			html:     `<span id="top"></span>` + "\n" + `<h2 id="next">Next <a class="permalink" href="#next" aria-label="Permalink to Next">#</a></h2>` + "\n",
			headings: []Heading{{Level: 1, ID: "top", Text: "Cloud onboarding"}, {Level: 2, ID: "next", Text: "Next"}},
		},
		{
			name: "another title: demoted", title: "Onboarding", src: "# Your first week\n\nText.\n",
			html:     `<h2 id="your-first-week">Your first week <a class="permalink" href="#your-first-week" aria-label="Permalink to Your first week">#</a></h2>` + "\n<p>Text.</p>\n",
			headings: []Heading{{Level: 2, ID: "your-first-week", Text: "Your first week"}},
		},
		{
			name: "a later h1 is kept", title: "", src: "Text.\n\n# Later\n",
			html:     "<p>Text.</p>\n" + `<h1 id="later">Later <a class="permalink" href="#later" aria-label="Permalink to Later">#</a></h1>` + "\n",
			headings: []Heading{{Level: 1, ID: "later", Text: "Later"}},
		},
		{
			name: "no title known: kept", title: noTitle, src: "# Kept\n",
			html:     `<h1 id="kept">Kept <a class="permalink" href="#kept" aria-label="Permalink to Kept">#</a></h1>` + "\n",
			headings: []Heading{{Level: 1, ID: "kept", Text: "Kept"}},
		},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pc := parser.NewContext()
			if tt.title != noTitle {
				SetPageTitle(pc, tt.title)
			}
			doc, err := c.Parse([]byte(tt.src), pc)
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.Render([]byte(tt.src), doc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.html, string(out)); diff != "" {
				t.Errorf("HTML (-want +got):\n%s", diff)
			}
			if n := strings.Count(string(out), "<h1"); tt.title != noTitle && n > 0 && !strings.HasPrefix(tt.src, "Text") {
				t.Errorf("%d h1 in the body of a page whose layout shows the title", n)
			}
			if diff := cmp.Diff(tt.headings, Headings(doc, []byte(tt.src))); diff != "" {
				t.Errorf("Headings (-want +got):\n%s", diff)
			}
		})
	}
}
