// Package plaintext gives the text a reader sees in a goldmark node, for
// tables of contents, labels, backlinks and search: entities, typographic
// punctuation and backslash escapes resolved, markup dropped, so that
// html/template escapes it exactly once. Package markdown (PlainText) and
// package links (the section a link is in) share it; links cannot import
// markdown, whose tests build corpora that link.
package plaintext

import (
	"bufio"
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

// Of returns the text content of n without markup: "won&rsquo;t" from the
// typographer is "won’t", "AT&amp;T" is "AT&T", "a\\_b" is "a_b"; code spans
// keep their text as written. U+0000 becomes U+FFFD, as in HTML.
func Of(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			if t.IsRaw() {
				b.Write(t.Segment.Value(src))
			} else {
				writeText(&b, t.Segment.Value(src))
			}
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			switch {
			case t.IsCode():
				// HTML as it is output: typographer entities (&rsquo;).
				b.WriteString(html.UnescapeString(string(t.Value)))
			case t.IsRaw():
				b.Write(t.Value)
			default:
				writeText(&b, t.Value)
			}
		case *ast.CodeSpan:
			for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if tx, ok := ch.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.ReplaceAll(strings.TrimSpace(b.String()), "\x00", "\uFFFD")
}

// Text returns Markdown text as a reader sees it: backslash escapes and
// entity references resolved ("a\\_b" is "a_b", "AT&amp;T" is "AT&T").
func Text(v []byte) string {
	var b strings.Builder
	writeText(&b, v)
	return b.String()
}

// writeText writes Markdown text as goldmark renders it (backslash escapes
// and entity references resolved), unescaped back to plain text.
func writeText(b *strings.Builder, v []byte) {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		b.Write(v)
		return
	}
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	ghtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	b.WriteString(html.UnescapeString(out.String()))
}
