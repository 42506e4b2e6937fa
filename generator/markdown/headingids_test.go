package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHeadingIDForms: the two forms of heading ids on tricky headings. The
// github column is what GitHub gives the heading in a README.
func TestHeadingIDForms(t *testing.T) {
	tests := []struct{ heading, handbook, github string }{
		{"Hello, World!", "hello-world", "hello-world"},
		{"What's new?", "whats-new", "whats-new"},
		{"Foo & Bar", "foo--bar", "foo--bar"},
		{"C++ & C#", "c--c", "c--c"},
		{"Step 1: Install", "step-1-install", "step-1-install"},
		{"1.2.3 Release", "123-release", "123-release"},
		{"100% sure", "100-sure", "100-sure"},
		{"Q&A", "qa", "qa"},
		{"A -- B", "a----b", "a----b"},                 // the typographer's dash is "--" again
		{"Don’t panic", "dont-panic", "dont-panic"},    // a curly apostrophe as written
		{"🎉 Party time", "-party-time", "-party-time"}, // emoji dropped, its space kept
		{"[Links](https://example.com) in headings", "linkshttpsexamplecom-in-headings", "links-in-headings"},
		{"`code` and *emphasis*", "code-and-emphasis", "code-and-emphasis"},
		{"The `go test` command", "the-go-test-command", "the-go-test-command"},
		{"snake_case_name", "snake-case-name", "snake_case_name"},
		{"__init__ files", "--init---files", "init-files"}, // "__" is emphasis
		{"Émigré café", "migr-caf", "émigré-café"},
		{"Über uns", "ber-uns", "über-uns"},
		{"日本語の見出し", "heading", "日本語の見出し"},
		{"AT&amp;T \\*now\\*", "atampt-now", "att-now"},
		{"Use <kbd>Ctrl</kbd>", "use-kbdctrlkbd", "use-ctrl"},
		{"Custom {#my-id}", "my-id", "my-id"},
	}
	for _, tt := range tests {
		for _, form := range []HeadingIDs{HandbookIDs, GitHubIDs} {
			doc, err := New(Options{HeadingIDs: form, UnsafeHTML: true}).Convert([]byte("## " + tt.heading + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			id, alias := tt.handbook, tt.github
			if form == GitHubIDs {
				id, alias = alias, id
			}
			want := Heading{Level: 2, ID: id}
			if alias != id {
				want.Aliases = []string{alias}
			}
			got := doc.Headings[0]
			got.Text = ""
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s ids of %q (-want +got):\n%s", form, tt.heading, diff)
			}
			if alias != id && !strings.Contains(string(doc.HTML), `<h2 id="`+id+`"><span id="`+alias+`"></span>`) {
				t.Errorf("%s: %q: no alias element in %s", form, tt.heading, doc.HTML)
			}
		}
	}
}

// TestHeadingIDsUnique: a second heading with the same id gets "-1", then
// "-2", skipping ids taken by explicit {#id}s and earlier headings, in
// each form; an alias is never another heading's id.
func TestHeadingIDsUnique(t *testing.T) {
	src := "## Intro\n\n## Intro\n\n## Intro {#intro-2}\n\n## Intro\n\n## Foo_bar\n\n## Foo-bar\n\n## foo_bar\n"
	tests := []struct {
		form HeadingIDs
		want []Heading
	}{
		{HandbookIDs, []Heading{
			{Level: 2, ID: "intro"}, {Level: 2, ID: "intro-1"}, {Level: 2, ID: "intro-2"}, {Level: 2, ID: "intro-3"},
			{Level: 2, ID: "foo-bar", Aliases: []string{"foo_bar"}}, {Level: 2, ID: "foo-bar-1"},
			{Level: 2, ID: "foo-bar-2", Aliases: []string{"foo_bar-1"}},
		}},
		{GitHubIDs, []Heading{
			{Level: 2, ID: "intro"}, {Level: 2, ID: "intro-1"}, {Level: 2, ID: "intro-2"}, {Level: 2, ID: "intro-3"},
			{Level: 2, ID: "foo_bar"}, // its handbook id, foo-bar, is the next heading's
			{Level: 2, ID: "foo-bar", Aliases: []string{"foo-bar-1"}},
			{Level: 2, ID: "foo_bar-1", Aliases: []string{"foo-bar-2"}},
		}},
	}
	for _, tt := range tests {
		doc, err := New(Options{HeadingIDs: tt.form}).Convert([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for i := range doc.Headings {
			doc.Headings[i].Text = ""
		}
		if diff := cmp.Diff(tt.want, doc.Headings); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.form, diff)
		}
	}
}
