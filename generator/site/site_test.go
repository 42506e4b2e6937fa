package site

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/content"
)

func files(paths ...string) []*content.File {
	var fs []*content.File
	for _, p := range paths {
		fs = append(fs, &content.File{Path: p, Front: content.Front{Title: strings.TrimSuffix(p, ".md")}})
	}
	return fs
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"senior-software-engineer": "senior-software-engineer",
		"My Page":                  "my-page",
		"  Spaces  and CAPS ":      "spaces-and-caps",
		"a_b.c":                    "a-b-c",
		"Éclair":                   "éclair",
		"!!!":                      "-",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewURLs(t *testing.T) {
	s, err := New(files("_index.md", "roles/_index.md", "roles/senior-software-engineer.md", "My Page.md", "guides/deep/x.md"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Pages {
		got = append(got, string(p.Kind)+" "+p.URL)
	}
	want := []string{
		"home /", "section /guides/", "section /guides/deep/", "page /guides/deep/x/",
		"page /my-page/", "section /roles/", "page /roles/senior-software-engineer/",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	x := s.Lookup("/guides/deep/x/")
	if x.OutPath() != "guides/deep/x/index.html" {
		t.Errorf("OutPath = %q", x.OutPath())
	}
	var anc []string
	for _, a := range x.Ancestors() {
		anc = append(anc, a.URL)
	}
	if diff := cmp.Diff([]string{"/", "/guides/", "/guides/deep/"}, anc); diff != "" {
		t.Errorf("ancestors (-want +got):\n%s", diff)
	}
}

func TestNewCollision(t *testing.T) {
	_, err := New(files("roles/My Page.md", "roles/my-page.md"), Options{ContentDir: "content"})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, w := range []string{"content/roles/my-page.md:1:1", "content/roles/My Page.md", "/roles/my-page/"} {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q lacks %q", msg, w)
		}
	}
}

func TestOrderAndNeighbours(t *testing.T) {
	fs := files("roles/c.md", "roles/a.md", "roles/b.md")
	fs[0].Front.Weight = 1 // c first
	s, err := New(fs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sec := s.Lookup("/roles/")
	var order []string
	for _, c := range sec.Children {
		order = append(order, c.URL)
	}
	if diff := cmp.Diff([]string{"/roles/c/", "/roles/a/", "/roles/b/"}, order); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	a := s.Lookup("/roles/a/")
	if a.Prev.URL != "/roles/c/" || a.Next.URL != "/roles/b/" {
		t.Errorf("neighbours of a: %v %v", a.Prev.URL, a.Next.URL)
	}
}

func TestDrafts(t *testing.T) {
	fs := files("a.md", "b.md")
	fs[1].Front.Draft = true
	for _, drafts := range []bool{false, true} {
		s, err := New(fs, Options{Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Lookup("/b/") != nil; got != drafts {
			t.Errorf("drafts=%v: draft page present = %v", drafts, got)
		}
	}
}

func TestAliases(t *testing.T) {
	withAliases := func(paths map[string][]string) []*content.File {
		var fs []*content.File
		for _, p := range []string{"roles/senior.md", "roles/staff.md"} {
			fs = append(fs, &content.File{Path: p, MetaLine: 2, Front: content.Front{Title: p, Aliases: paths[p]}})
		}
		return fs
	}
	tests := []struct {
		name    string
		aliases map[string][]string
		want    string
	}{
		{"ok", map[string][]string{"roles/senior.md": {"/roles/senior-engineer/", "old/senior"}}, ""},
		{"collides with page", map[string][]string{"roles/senior.md": {"/roles/staff/"}}, "content/roles/senior.md:2:1: alias /roles/staff/ is the URL of content/roles/staff.md"},
		{"own URL", map[string][]string{"roles/senior.md": {"/roles/senior"}}, "alias /roles/senior/ is the page's own URL"},
		{"two pages", map[string][]string{"roles/senior.md": {"/old/"}, "roles/staff.md": {"/old/"}}, "alias /old/ is also an alias of content/roles/senior.md"},
		{"cycle", map[string][]string{"roles/senior.md": {"/roles/staff/"}, "roles/staff.md": {"/roles/senior/"}}, "alias /roles/senior/ is the URL of content/roles/senior.md"},
		{"escape", map[string][]string{"roles/senior.md": {"../../etc"}}, `alias "../../etc" is not a site path`},
		{"scheme", map[string][]string{"roles/senior.md": {"https://x.com/a/"}}, "is not a site path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(withAliases(tt.aliases), Options{ContentDir: "content"})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if s.Aliases["/roles/senior-engineer/"] == nil || s.Aliases["/old/senior/"] == nil {
					t.Errorf("aliases = %v", s.Aliases)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestTitlesAndSectionFiles checks which file is a folder's page and where
// each page's title comes from: title:, else the body's leading level-1
// heading, else the file's or folder's name.
func TestTitlesAndSectionFiles(t *testing.T) {
	fs := []*content.File{
		{Path: "README.md", Body: []byte("# Acme *handbook*\n\nHi.\n")},
		{Path: "a/index.md", Body: []byte("No heading.\n")},
		{Path: "a/on-call_rota.md", Body: []byte("## Not level one\n")},
		{Path: "a/b/Readme.md", Body: []byte("\nTeam B\n======\n")},
		{Path: "a/b/faq.md", Front: content.Front{Title: "Questions"}, Body: []byte("# FAQ\n")},
		{Path: "a/b/later.md", Body: []byte("Text.\n\n# Later\n")},
		{Path: "c/_index.md", Body: []byte("# C's page\n")},
		{Path: "d/README.MD", Front: content.Front{Title: "D"}},
	}
	s, err := New(fs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Pages {
		got = append(got, string(p.Kind)+" "+p.URL+" "+p.Title+" ["+FullID(p)+"|"+PageID(p)+"]")
	}
	want := []string{
		"home / Acme handbook [|]",
		"section /a/ A [a|]",
		"section /a/b/ Team B [a/b|]",
		"page /a/b/faq/ Questions [a/b/faq|faq]",
		"page /a/b/later/ Later [a/b/later|later]",
		"page /a/on-call-rota/ On call rota [a/on-call-rota|on-call-rota]",
		"section /c/ C’s page [c|]",
		"section /d/ D [d|]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
}

// TestSectionFileClash checks that two pages of one folder are an error
// at the one that loses, naming the one that wins, whatever their order.
func TestSectionFileClash(t *testing.T) {
	tests := []struct {
		files []string
		want  string
	}{
		{[]string{"x/README.md", "x/_index.md"}, "content/x/README.md:1:1: README.md is also the page of folder x/, as content/x/_index.md is"},
		{[]string{"x/_index.md", "x/index.md"}, "content/x/index.md:1:1: index.md is also the page of folder x/, as content/x/_index.md is"},
		{[]string{"x/index.md", "x/readme.md"}, "content/x/readme.md:1:1: readme.md is also the page of folder x/, as content/x/index.md is"},
		{[]string{"README.md", "_index.md"}, "content/README.md:1:1: README.md is also the page of folder content/, as content/_index.md is"},
	}
	for _, tt := range tests {
		_, err := New(files(tt.files...), Options{ContentDir: "content"})
		if err == nil {
			t.Errorf("%v: no error", tt.files)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, tt.want+" (keep one: _index.md wins over index.md") {
			t.Errorf("%v: error %q, want %q and a hint", tt.files, msg, tt.want)
		}
	}
}
