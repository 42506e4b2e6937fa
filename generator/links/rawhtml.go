package links

import (
	"html"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Raw HTML (kept when the site allows it, Extension.RawHTML) links like
// Markdown: an href is a link and a src an image or file, each resolved,
// checked and rewritten to the target's URL relative to the page, as the
// same destination written in Markdown would be; external URLs are left as
// they are. The ids of its elements (id, and name on <a>) are anchors of
// the page (Doc.IDs).

// rawHTMLText is the text of a raw HTML node and where each of its bytes is
// in the source: goldmark keeps a block's lines apart (a block quote's
// "> " is not part of them).
type rawHTMLText struct {
	b      []byte
	starts []int // index in b where each segment begins
	segs   []text.Segment
}

func newRawHTMLText(segs []text.Segment, src []byte) *rawHTMLText {
	t := &rawHTMLText{segs: segs}
	for _, s := range segs {
		t.starts = append(t.starts, len(t.b))
		t.b = append(t.b, s.Value(src)...)
	}
	return t
}

// offset is the source offset of t.b[i]: a binary search, so that a
// block of many lines with many attributes costs no more than its size.
func (t *rawHTMLText) offset(i int) int {
	k := sort.SearchInts(t.starts, i+1) - 1 // the last segment starting at or before i
	if k < 0 {
		return 0
	}
	return t.segs[k].Start + i - t.starts[k]
}

// rewriteRawHTML checks the links, images and ids of one raw HTML node's text and
// returns it with its links rewritten, or nil when nothing changed.
func (r rewriter) rewriteRawHTML(d *Doc, segs []text.Segment, src []byte) []byte {
	t := newRawHTMLText(segs, src)
	type edit struct {
		start, end int
		quote      byte
		value      string
	}
	var edits []edit
	scanAttrs(t.b, func(a htmlAttr) {
		if a.Start < 0 {
			return
		}
		if a.Name == "href" || a.Name == "src" {
			a.Value = strings.TrimSpace(a.Value) // as a browser reads a URL
		}
		switch {
		case a.Name == "id" || a.Name == "name" && a.Tag == "a":
			if a.Value != "" {
				d.IDs = append(d.IDs, a.Value)
			}
		case a.Name == "href":
			if a.Value == "#" {
				return // a script's handle, not a link
			}
			out, external, ok := r.linkDest(d, a.Value, t.offset(a.Start))
			if external || out == a.Value || strings.HasPrefix(a.Value, "#") {
				return // an anchor of the page is checked, and kept as written
			}
			if !ok {
				if !isMarkdownDest(a.Value) {
					return // kept as written, as in Markdown
				}
				out = "#"
			}
			edits = append(edits, edit{a.Start, a.End, a.Quote, out})
		case a.Name == "src":
			what := "file"
			if a.Tag == "img" || a.Tag == "source" || a.Tag == "picture" {
				what = "image"
			}
			if out, ok := r.assetDest(d, a.Value, t.offset(a.Start), what); ok && out != a.Value {
				edits = append(edits, edit{a.Start, a.End, a.Quote, out})
			}
		}
	})
	if len(edits) == 0 {
		return nil
	}
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.Write(t.b[last:e.start])
		v := html.EscapeString(e.value)
		if e.quote == 0 {
			v = `"` + v + `"`
		}
		b.WriteString(v)
		last = e.end
	}
	b.Write(t.b[last:])
	return []byte(b.String())
}

func isMarkdownDest(dest string) bool {
	p, _, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	return strings.HasSuffix(strings.ToLower(p), ".md")
}

// segmentsOf lists a raw HTML node's source segments: an inline tag's, or
// a block's lines and its closing line.
func segmentsOf(n ast.Node) []text.Segment {
	var out []text.Segment
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			out = append(out, n.Segments.At(i))
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			out = append(out, n.Lines().At(i))
		}
		if n.HasClosure() {
			out = append(out, n.ClosureLine)
		}
	}
	return out
}

// RewrittenHTML is inline raw HTML (an ast.RawHTML) whose links were
// rewritten; it replaces the node it was made from and is written as it
// is.
type RewrittenHTML struct {
	ast.BaseInline
	HTML []byte
}

// RewrittenHTMLBlock is an ast.HTMLBlock whose links were rewritten.
type RewrittenHTMLBlock struct {
	ast.BaseBlock
	HTML []byte
}

// Node kinds of RewrittenHTML and RewrittenHTMLBlock.
var (
	KindRewrittenHTML      = ast.NewNodeKind("RewrittenHTML")
	KindRewrittenHTMLBlock = ast.NewNodeKind("RewrittenHTMLBlock")
)

// Kind implements ast.Node.
func (*RewrittenHTML) Kind() ast.NodeKind { return KindRewrittenHTML }

// Kind implements ast.Node.
func (*RewrittenHTMLBlock) Kind() ast.NodeKind { return KindRewrittenHTMLBlock }

// Dump implements ast.Node.
func (n *RewrittenHTML) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.HTML)}, nil)
}

// Dump implements ast.Node.
func (n *RewrittenHTMLBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"HTML": string(n.HTML)}, nil)
}

// rewritten returns the node to put in place of the raw HTML node n, whose
// text is now b.
func rewritten(n ast.Node, b []byte) ast.Node {
	if n.Type() == ast.TypeBlock {
		return &RewrittenHTMLBlock{HTML: b}
	}
	return &RewrittenHTML{HTML: b}
}

// rawHTMLEdit is a raw HTML node and the node to put in its place.
type rawHTMLEdit struct{ old, new ast.Node }

var rawHTMLKey = parser.NewContextKey()

// rawHTMLReplacer puts the raw HTML whose links were rewritten in place,
// once every other transformer has seen the raw HTML as it was written.
type rawHTMLReplacer struct{}

func (rawHTMLReplacer) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	edits, _ := pc.Get(rawHTMLKey).([]rawHTMLEdit)
	for _, e := range edits {
		if p := e.old.Parent(); p != nil {
			p.ReplaceChild(p, e.old, e.new)
		}
	}
	pc.Set(rawHTMLKey, nil)
}

type rewrittenHTMLRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (rewrittenHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	write := func(w util.BufWriter, b []byte) {
		// As goldmark writes raw HTML: NUL is U+FFFD.
		_, _ = w.WriteString(strings.ReplaceAll(string(b), "\x00", "\uFFFD"))
	}
	reg.Register(KindRewrittenHTML, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			write(w, n.(*RewrittenHTML).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindRewrittenHTMLBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			write(w, n.(*RewrittenHTMLBlock).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
}
