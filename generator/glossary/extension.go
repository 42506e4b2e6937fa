package glossary

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-dev/handbook/generator/links"
)

// Class is the class attribute of a glossary link.
const Class = "glossary-term"

// Doc is the per-page state of one conversion.
type Doc struct {
	// URL is the page's URL ("/roles/x/"); links are relative to it. Pages
	// with no URL, and the glossary page itself, get no links.
	URL string
	// OptOut is set when the page's front matter says "glossary: false"
	// (see Enabled).
	OptOut bool

	// Linked lists the ids of the terms linked on the page, in order.
	Linked []string
}

var docKey = parser.NewContextKey()

// NewContext stores d in pc and returns pc; a nil pc gets a new context.
// Pass the result to the parser with parser.WithContext.
func NewContext(pc parser.Context, d *Doc) parser.Context {
	if pc == nil {
		pc = parser.NewContext()
	}
	pc.Set(docKey, d)
	return pc
}

func docOf(pc parser.Context) *Doc {
	d, _ := pc.Get(docKey).(*Doc)
	return d
}

// Extension links the first mention of each term on a page to its
// definition. It runs as an AST transformer after the cross-link rewriter
// of package links, and does nothing for a document parsed without a Doc
// in its context.
type Extension struct {
	G *Glossary
}

// Extend implements goldmark.Extender.
func (e Extension) Extend(m goldmark.Markdown) {
	if e.G == nil || len(e.G.Terms) == 0 {
		return
	}
	tr := &linker{url: e.G.URL, m: newMatcher(e.G.Terms)}
	for _, t := range e.G.Terms {
		tr.terms = append(tr.terms, linkTerm{id: t.ID, anchor: "#" + Anchor(t.ID), title: []byte(t.Definition)})
	}
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tr, 150)))
}

// linker is the AST transformer; it is shared by concurrent conversions
// and never changed after Extend.
type linker struct {
	url   string
	m     *matcher
	terms []linkTerm
}

type linkTerm struct {
	id, anchor string
	title      []byte // read-only: shared by every link to the term
}

// skipped are the nodes whose text is never linked.
var skipped = map[ast.NodeKind]bool{
	ast.KindHeading:         true,
	ast.KindLink:            true,
	ast.KindAutoLink:        true,
	ast.KindImage:           true,
	ast.KindCodeSpan:        true,
	ast.KindCodeBlock:       true,
	ast.KindFencedCodeBlock: true,
	ast.KindHTMLBlock:       true,
	ast.KindRawHTML:         true,
}

// Transform implements parser.ASTTransformer.
func (l *linker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc)
	if d == nil || d.OptOut || d.URL == "" || d.URL == l.url {
		return
	}
	src := reader.Source()
	texts, runs := candidates(doc, src)
	if len(texts) == 0 {
		return
	}
	page := links.Relative(d.URL, l.url)
	linked := make([]bool, len(l.terms))
	var found []span
	for i, start := range runs {
		end := len(texts)
		if i+1 < len(runs) {
			end = runs[i+1]
		}
		r := texts[start:end]
		first := r[0].Segment.Start
		found = l.m.scan(src[first:r[len(r)-1].Segment.Stop], before(r[0], src), after(r[len(r)-1], src), found[:0])
		n := 0
		for _, s := range found {
			if !linked[s.term] {
				linked[s.term] = true
				d.Linked = append(d.Linked, l.terms[s.term].id)
				found[n] = span{first + s.start, first + s.end, s.term}
				n++
			}
		}
		l.split(r, found[:n], page)
	}
}

// span is a match: source offsets and the term's index.
type span struct{ start, end, term int }

// candidates returns the texts that may be linked, in reading order, and
// the index in texts where each run starts. A run is adjacent texts on one
// line whose segments touch in the source: inline parsers (GFM's
// autolinker among them) split a line's text at spaces and punctuation,
// and a run is matched as one, so a name may span the split.
//
// Footnotes come last, in their numbered order, as they are rendered at
// the end of the page; footnotes never referenced are dropped by goldmark
// and so are skipped.
func candidates(doc ast.Node, src []byte) (texts []*ast.Text, runs []int) {
	var notes []*east.Footnote
	open := 0 // elements opened by inline raw HTML in the current block
	visit := func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			open = 0
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			open = max(0, open+rawDepth(n, src))
		case *east.FootnoteList:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if fn, ok := c.(*east.Footnote); ok && fn.Index >= 0 {
					notes = append(notes, fn)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		if skipped[n.Kind()] {
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok || open > 0 || t.IsRaw() || t.Segment.ForceNewline || t.Segment.Start >= t.Segment.Stop {
			return ast.WalkContinue, nil
		}
		if len(texts) > 0 {
			last := texts[len(texts)-1]
			if t.PreviousSibling() == last && !last.SoftLineBreak() && !last.HardLineBreak() &&
				last.Segment.Stop == t.Segment.Start && t.Segment.Padding == 0 {
				texts = append(texts, t)
				return ast.WalkContinue, nil
			}
		}
		runs = append(runs, len(texts))
		texts = append(texts, t)
		return ast.WalkContinue, nil
	}
	_ = ast.Walk(doc, visit)
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].Index < notes[j].Index })
	for _, fn := range notes {
		_ = ast.Walk(fn, visit)
	}
	return texts, runs
}

// voidElements never have a closing tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// rawDepth is +1 for an inline opening tag, -1 for a closing tag and 0 for
// anything else (void or self-closing tags, comments), so text between
// <a href=...> and </a> written as raw HTML is left alone.
func rawDepth(r *ast.RawHTML, src []byte) int {
	if r.Segments.Len() == 0 {
		return 0
	}
	fs, ls := r.Segments.At(0), r.Segments.At(r.Segments.Len()-1)
	first, last := fs.Value(src), ls.Value(src)
	switch {
	case bytes.HasPrefix(first, []byte("</")):
		return -1
	case len(first) < 2 || !isASCIILetter(first[1]):
		return 0 // comment, declaration, processing instruction
	case bytes.HasSuffix(bytes.TrimRight(last, " \t\r\n"), []byte("/>")):
		return 0
	}
	end := 1
	for end < len(first) && (isASCIILetter(first[end]) || first[end] >= '0' && first[end] <= '9' || first[end] == '-') {
		end++
	}
	if voidElements[string(bytes.ToLower(first[1:end]))] {
		return 0
	}
	return 1
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// before returns the rune just before t on its line, from the previous
// text (0 at an element edge or a line break), so a word split across
// texts is still one word.
func before(t *ast.Text, src []byte) rune {
	p, ok := t.PreviousSibling().(*ast.Text)
	if !ok || p.SoftLineBreak() || p.HardLineBreak() || p.Segment.Start >= p.Segment.Stop {
		return 0
	}
	r, _ := utf8.DecodeLastRune(src[p.Segment.Start:p.Segment.Stop])
	return r
}

// after returns the rune just after t on its line, like before.
func after(t *ast.Text, src []byte) rune {
	n, ok := t.NextSibling().(*ast.Text)
	if !ok || t.SoftLineBreak() || t.HardLineBreak() || n.Segment.Start >= n.Segment.Stop {
		return 0
	}
	r, _ := utf8.DecodeRune(src[n.Segment.Start:n.Segment.Stop])
	return r
}

// split replaces the matched spans of a run by links. Every text is cut
// only at the ends of matches, and the pieces keep their source segments,
// so the run renders byte for byte as before around the new tags. The
// run's last text becomes its last piece, keeping the line-break flags.
func (l *linker) split(run []*ast.Text, found []span, page string) {
	if len(found) == 0 {
		return
	}
	last := run[len(run)-1]
	parent := last.Parent()
	var link *ast.Link // the link being filled, if any
	m := 0             // the next or current match
	emit := func(seg text.Segment) {
		piece := ast.NewTextSegment(seg)
		if link != nil {
			link.AppendChild(link, piece)
		} else {
			parent.InsertBefore(parent, last, piece)
		}
	}
	rest := last.Segment.Stop // where the unlinked rest of last starts
	for _, t := range run {
		seg := t.Segment
		if seg.Padding > 0 { // leading white space, kept outside any link
			emit(text.NewSegmentPadding(seg.Start, seg.Start, seg.Padding))
		}
		for a := seg.Start; a < seg.Stop; {
			if link == nil && m < len(found) && found[m].start < seg.Stop {
				if found[m].start > a {
					emit(text.NewSegment(a, found[m].start))
					a = found[m].start
				}
				term := l.terms[found[m].term]
				link = ast.NewLink()
				link.Destination = []byte(page + term.anchor)
				link.SetAttributeString("class", []byte(Class))
				link.SetAttributeString("title", term.title)
				parent.InsertBefore(parent, last, link)
			}
			if link == nil {
				if t == last {
					rest = a
					break
				}
				emit(text.NewSegment(a, seg.Stop))
				a = seg.Stop
				continue
			}
			b := min(found[m].end, seg.Stop)
			emit(text.NewSegment(a, b))
			a = b
			if b == found[m].end {
				link, m = nil, m+1
			}
		}
		if t != last {
			parent.RemoveChild(parent, t)
		}
	}
	last.Segment = text.NewSegment(rest, last.Segment.Stop)
	if rest == last.Segment.Stop && !last.SoftLineBreak() && !last.HardLineBreak() {
		parent.RemoveChild(parent, last)
	}
}
