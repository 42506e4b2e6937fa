package links

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkHeavy is a page of n paragraphs, each with links of every form the
// rewriter resolves.
func linkHeavy(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "## Part %d\n\nSee [[senior#decision-rights]], [[staff|the Staff page]], "+
			"[the jump](jump.md#why), [Staff](../roles/staff.md), [home](/) and [top](#part-%d).\n\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkResolve parses a page of 300 links and resolves each against
// the site (no rendering): the cross-link work of converting a page.
func BenchmarkResolve(b *testing.B) {
	src := linkHeavy(50)
	md := goldmark.New(goldmark.WithExtensions(Extension{Pages: fakePages{}}), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d := &Doc{File: "content/guides/jump.md", Path: "guides/jump.md", URL: "/guides/jump/", BasePath: "/", Src: src}
		md.Parser().Parse(text.NewReader(src), parser.WithContext(NewContext(d)))
		if len(d.Errors) > 0 || len(d.Links) != 300 {
			b.Fatalf("%d links, errors %v", len(d.Links), d.Errors)
		}
	}
}

// BenchmarkCheck checks the anchors of 10,000 links to 500 pages.
func BenchmarkCheck(b *testing.B) {
	anchors := map[string]Anchors{}
	var ls []Link
	for i := range 10000 {
		u := fmt.Sprintf("/guides/p%d/", i%500)
		if anchors[u] == nil {
			anchors[u] = Anchors{"why": true, "how": true, "decision-rights": true}
		}
		ls = append(ls, Link{File: "content/x.md", URL: u, Anchor: "how", From: "/x/"})
	}
	b.ReportAllocs()
	for b.Loop() {
		if errs := Check(ls, func(u string) Anchors { return anchors[u] }); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkRelative makes the relative links of a deep page.
func BenchmarkRelative(b *testing.B) {
	for b.Loop() {
		_ = Relative("/guides/delivery/basics/running-calm-reviews-1a/", "/roles/senior-software-engineer/")
		_ = Relative("/guides/delivery/basics/running-calm-reviews-1a/", "/guides/delivery/basics/other-page-2b/")
	}
}
