package anchors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// page is what a build says of one page: its element ids, its anchor
// aliases and its source file.
type page struct {
	ids     []string
	aliases map[string]string
	file    string
}

// pagesOf returns the Pages of a build with pages (by URL) and moved
// (old URL → new), and counts the calls of its page function by URL.
func pagesOf(pages map[string]page, moved map[string]string) (*Pages, map[string]int) {
	calls := map[string]int{}
	return NewPages(func(url string) ([]string, map[string]string, string, bool) {
		calls[url]++
		p, ok := pages[url]
		return p.ids, p.aliases, p.file, ok
	}, func(url string) (string, bool) {
		to, ok := moved[url]
		return to, ok
	}), calls
}

// TestCheckPages checks a manifest against a build through Pages: anchors
// found on their page, through anchor aliases, on the page a moved page
// went to, or gone with a hint naming the file to fix.
func TestCheckPages(t *testing.T) {
	pages := map[string]page{
		"/roles/senior/": {ids: []string{"goals", "new-item", "final"}, file: "content/roles/senior.md",
			aliases: map[string]string{"old-item": "new-item", "first": "middle", "middle": "final", "broken": "nowhere"}},
		"/roles/staff/": {ids: []string{"rights"}, file: "content/roles/staff.md",
			aliases: map[string]string{"old-rights": "rights"}},
		"/guides/empty/": {file: "content/guides/empty.md"},
		"/generated/":    {ids: []string{"x"}}, // no source file
	}
	moved := map[string]string{"/roles/old-staff/": "/roles/staff/", "/roles/older-staff/": "/roles/old-staff/"}
	gone := func(line int, entry, file string) string {
		_, anchor, _ := strings.Cut(entry, "#")
		return fmt.Sprintf("anchors.lock:%d:1: published anchor %s is gone (add `anchor_aliases: {%s: <new-id>}` to %s so old links land on the right item)",
			line, entry, anchor, file)
	}
	pageGone := func(line int, entry string) string {
		return fmt.Sprintf("anchors.lock:%d:1: published anchor %s is gone (the page is gone: add its old URL to the aliases of the page that replaced it)",
			line, entry)
	}
	tests := []struct {
		name  string
		lines []string // manifest entries
		keep  func(url string) bool
		want  []string
	}{
		{name: "on the page", lines: []string{"/roles/senior/#goals", "/roles/staff/#rights", "/generated/#x"}},
		{name: "through an anchor alias", lines: []string{"/roles/senior/#old-item", "/roles/staff/#old-rights"}},
		{name: "through a chain of anchor aliases", lines: []string{"/roles/senior/#first", "/roles/senior/#middle"}},
		{name: "on a moved page", lines: []string{"/roles/old-staff/#rights", "/roles/old-staff/#old-rights"}},
		{name: "on a page moved twice", lines: []string{"/roles/older-staff/#rights"}},
		{
			name:  "gone from its page",
			lines: []string{"/roles/senior/#goals", "/roles/senior/#gone", "/guides/empty/#intro"},
			want: []string{
				gone(2, "/roles/senior/#gone", "content/roles/senior.md"),
				gone(3, "/guides/empty/#intro", "content/guides/empty.md"),
			},
		},
		{
			name:  "an anchor alias to nothing",
			lines: []string{"/roles/senior/#broken"},
			want:  []string{gone(1, "/roles/senior/#broken", "content/roles/senior.md")},
		},
		{
			name:  "gone from a moved page: the hint names the page it moved to",
			lines: []string{"/roles/old-staff/#duties"},
			want:  []string{gone(1, "/roles/old-staff/#duties", "content/roles/staff.md")},
		},
		{
			name:  "a page gone",
			lines: []string{"/roles/removed/#x", "/roles/senior/#goals"},
			want:  []string{pageGone(1, "/roles/removed/#x")},
		},
		{
			name:  "gone from a page without a source file",
			lines: []string{"/generated/#y"},
			want:  []string{pageGone(1, "/generated/#y")},
		},
		{
			name:  "only the pages kept",
			lines: []string{"/roles/senior/#gone", "/roles/staff/#gone", "/roles/old-staff/#gone", "/roles/removed/#x"},
			keep:  func(url string) bool { return url == "/roles/staff/" || url == "/roles/old-staff/" },
			want: []string{
				gone(2, "/roles/staff/#gone", "content/roles/staff.md"),
				gone(3, "/roles/old-staff/#gone", "content/roles/staff.md"),
			},
		},
		{
			name:  "no page kept",
			lines: []string{"/roles/senior/#gone", "/roles/removed/#x"},
			keep:  func(string) bool { return false },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(strings.Join(tt.lines, "\n")))
			if err != nil {
				t.Fatal(err)
			}
			s, _ := pagesOf(pages, moved)
			var got []string
			for _, e := range m.CheckOnly(s, tt.keep) {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tt.keep == nil {
				var all []string
				for _, e := range m.Check(s) {
					all = append(all, e.Error())
				}
				if diff := cmp.Diff(got, all); diff != "" {
					t.Errorf("Check differs from CheckOnly(nil) (-CheckOnly +Check):\n%s", diff)
				}
			}
		})
	}
}

// TestPagesAnswers checks each answer of Pages, and that a page's set of
// anchors is made once.
func TestPagesAnswers(t *testing.T) {
	s, calls := pagesOf(map[string]page{
		"/a/": {ids: []string{"x", "y"}, aliases: map[string]string{"old": "x"}, file: "content/a.md"},
	}, map[string]string{"/b/": "/a/"})
	for range 3 {
		as, ok := s.Anchors("/a/")
		if diff := cmp.Diff(map[string]bool{"x": true, "y": true}, as); !ok || diff != "" {
			t.Errorf("Anchors(/a/) = %v (-want +got):\n%s", ok, diff)
		}
	}
	if calls["/a/"] != 1 {
		t.Errorf("the page was described %d times for three Anchors; want once", calls["/a/"])
	}
	if as, ok := s.Anchors("/b/"); ok || as != nil {
		t.Errorf("Anchors of a moved page's old URL = %v, %v; want no page", as, ok)
	}
	for _, tt := range []struct {
		url, anchor, want string
		ok                bool
	}{
		{"/a/", "old", "x", true},
		{"/a/", "x", "", false}, // an id is no alias
		{"/a/", "new", "", false},
		{"/b/", "old", "", false}, // aliases are the page's at its URL
		{"/c/", "old", "", false},
	} {
		if to, ok := s.AnchorAlias(tt.url, tt.anchor); to != tt.want || ok != tt.ok {
			t.Errorf("AnchorAlias(%s, %s) = %q, %v; want %q, %v", tt.url, tt.anchor, to, ok, tt.want, tt.ok)
		}
	}
	if to, ok := s.PageAlias("/b/"); to != "/a/" || !ok {
		t.Errorf("PageAlias(/b/) = %q, %v", to, ok)
	}
	if to, ok := s.PageAlias("/a/"); to != "" || ok {
		t.Errorf("PageAlias(/a/) = %q, %v; want no move", to, ok)
	}
	if f := s.SourceOf("/a/"); f != "content/a.md" {
		t.Errorf("SourceOf(/a/) = %q", f)
	}
	if f := s.SourceOf("/c/"); f != "" {
		t.Errorf("SourceOf(/c/) = %q for no page", f)
	}
}
