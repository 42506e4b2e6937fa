package markdown

import (
	"bytes"
	"fmt"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Limits bound the work of converting one document, so that no input,
// however written, hangs a build or takes the machine's memory
// (docs/limits.md). The zero value of a field means its default.
type Limits struct {
	// MaxNesting is how deep lists and block quotes may nest. goldmark
	// checks every open block on every line, so a list nested 5,000 deep
	// costs minutes; no handbook page needs more than a handful.
	MaxNesting int
	// MaxBytes is the largest Markdown body converted.
	MaxBytes int
	// Timeout is how long the parsing of one document may take.
	Timeout time.Duration
}

// Paragraph bounds: goldmark's reference definitions and tables are
// transformations of one whole paragraph, quadratic in its lines (100,000
// reference definitions in a row: 23 s) or worse than linear in a table's
// columns (500,000 columns: 6 s and 547 MB), and nothing can stop one
// while it runs. No handbook page comes near either.
const (
	maxParagraphLines = 10000
	maxTableColumns   = 1000
)

// The defaults of Limits.
const (
	DefaultMaxNesting = 100
	DefaultMaxBytes   = 4 << 20
	DefaultTimeout    = 10 * time.Second
)

// maxDestination is how much of a line goldmark may read looking for the
// end of a link destination. goldmark reads to the end of the line from
// every "](": 100,000 "[a](" on one line are 2·10^10 bytes read. A URL
// longer than 2,048 bytes (the most a sitemap allows) is no link
// destination: the "[...](...)" stays text.
const maxDestination = 2048

func (l Limits) withDefaults() Limits {
	if l.MaxNesting <= 0 {
		l.MaxNesting = DefaultMaxNesting
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// LimitError is a document that passes one of its Limits. Offset is where
// in the source the limit was passed; Msg and Hint are the two halves of
// "file:line:col: Msg (Hint)".
type LimitError struct {
	Offset    int
	Msg, Hint string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("offset %d: %s (%s)", e.Offset, e.Msg, e.Hint)
}

// budget is one parse's share of the Limits. The parsers below call it;
// passing a limit panics with *LimitError, which Converter.Parse recovers:
// goldmark has no way to stop a parse, and once a document is known to
// fail, every further line parsed is wasted work.
type budget struct {
	limits   Limits
	deadline time.Time
	calls    int
}

var budgetKey = parser.NewContextKey()

func budgetOf(pc parser.Context) *budget {
	b, _ := pc.Get(budgetKey).(*budget)
	return b
}

// tick is called by every wrapped parser; it reads the clock every 256
// calls, which is often enough that a parse stops within milliseconds of
// its deadline (one call reads at most one block).
func (b *budget) tick(r text.Reader) {
	if b == nil {
		return
	}
	b.calls++
	if b.calls%256 == 0 && time.Now().After(b.deadline) {
		_, seg := r.Position()
		panic(&LimitError{
			Offset: seg.Start,
			Msg:    fmt.Sprintf("Markdown took longer than %v to convert and was stopped here", b.limits.Timeout),
			Hint:   "simplify or split the page, or raise markdown.timeout in handbook.yaml",
		})
	}
}

// boundedParsers returns goldmark's default block and inline parsers,
// each wrapped to count against the budget; lists and block quotes also
// check their depth.
func boundedParsers() (blocks, inlines []util.PrioritizedValue) {
	for _, v := range parser.DefaultBlockParsers() {
		bp := v.Value.(parser.BlockParser)
		w := &boundedBlock{BlockParser: bp}
		switch bp {
		case parser.NewListParser():
			w.nests = "lists"
		case parser.NewBlockquoteParser():
			w.nests = "block quotes"
		}
		blocks = append(blocks, util.Prioritized(w, v.Priority))
	}
	for _, v := range parser.DefaultInlineParsers() {
		ip := v.Value.(parser.InlineParser)
		var w parser.InlineParser = &boundedInline{InlineParser: ip, link: ip == parser.NewLinkParser()}
		if cb, ok := ip.(parser.CloseBlocker); ok {
			w = &boundedInlineCloser{w.(*boundedInline), cb}
		}
		inlines = append(inlines, util.Prioritized(w, v.Priority))
	}
	return blocks, inlines
}

// boundedParagraphs returns goldmark's default paragraph transformers
// (reference definitions), wrapped like the parsers.
func boundedParagraphs() []util.PrioritizedValue {
	var out []util.PrioritizedValue
	for _, v := range parser.DefaultParagraphTransformers() {
		out = append(out, util.Prioritized(boundedParagraph{v.Value.(parser.ParagraphTransformer), false}, v.Priority))
	}
	return out
}

// boundedTables is GFM's table extension with its paragraph transformer
// wrapped (extension.Table's Extend, otherwise).
type boundedTables struct{}

func (boundedTables) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(boundedParagraph{refCells{extension.NewTableParagraphTransformer()}, true}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0), util.Prioritized(refCode{}, 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(), 500)))
}

type boundedParagraph struct {
	parser.ParagraphTransformer
	table bool
}

func (b boundedParagraph) Transform(n *ast.Paragraph, r text.Reader, pc parser.Context) {
	bud := budgetOf(pc)
	bud.tick(r)
	if bud != nil && n.Lines().Len() > 0 {
		at := n.Lines().At(0).Start
		if n.Lines().Len() > maxParagraphLines {
			panic(&LimitError{Offset: at, Msg: fmt.Sprintf("a paragraph or table of more than %d lines", maxParagraphLines),
				Hint: "separate it with blank lines, or split the table"})
		}
		if b.table && n.Lines().Len() >= 2 {
			header := n.Lines().At(0)
			if cols := bytes.Count(header.Value(r.Source()), []byte("|")); cols > maxTableColumns+1 {
				panic(&LimitError{Offset: at, Msg: fmt.Sprintf("a table of more than %d columns", maxTableColumns),
					Hint: "split the table"})
			}
		}
	}
	b.ParagraphTransformer.Transform(n, r, pc)
}

type boundedBlock struct {
	parser.BlockParser
	nests string // "lists" or "block quotes" for the parsers that nest
}

func (b *boundedBlock) Open(parent ast.Node, r text.Reader, pc parser.Context) (ast.Node, parser.State) {
	bud := budgetOf(pc)
	bud.tick(r)
	_, at := r.Position() // before Open moves on
	n, state := b.BlockParser.Open(parent, r, pc)
	if n != nil && b.nests != "" && bud != nil && depth(parent) >= bud.limits.MaxNesting {
		panic(&LimitError{
			Offset: at.Start,
			Msg:    fmt.Sprintf("%s nested deeper than %d levels", b.nests, bud.limits.MaxNesting),
			Hint:   map[string]string{"lists": "flatten the list", "block quotes": "flatten the quotes"}[b.nests],
		})
	}
	return n, state
}

func (b *boundedBlock) Continue(n ast.Node, r text.Reader, pc parser.Context) parser.State {
	budgetOf(pc).tick(r)
	return b.BlockParser.Continue(n, r, pc)
}

// SetOption passes options (heading ids, attributes) to the parser wrapped.
func (b *boundedBlock) SetOption(name parser.OptionName, value any) {
	if so, ok := b.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

// depth counts the lists and block quotes n is inside, n included.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindList, ast.KindBlockquote:
			d++
		}
	}
	return d
}

type boundedInline struct {
	parser.InlineParser
	link bool // the link parser: its destination search is bounded
}

func (b *boundedInline) Parse(parent ast.Node, r text.Reader, pc parser.Context) ast.Node {
	budgetOf(pc).tick(r)
	if b.link {
		if line, seg := r.PeekLine(); len(line) > maxDestination && line[0] == ']' {
			r = &window{Reader: r, end: seg.Start + maxDestination}
		}
	}
	return b.InlineParser.Parse(parent, r, pc)
}

// SetOption passes options to the parser wrapped.
func (b *boundedInline) SetOption(name parser.OptionName, value any) {
	if so, ok := b.InlineParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

type boundedInlineCloser struct {
	*boundedInline
	parser.CloseBlocker
}

// Parse resolves the ambiguity between the two embedded types.
func (b *boundedInlineCloser) Parse(parent ast.Node, r text.Reader, pc parser.Context) ast.Node {
	return b.boundedInline.Parse(parent, r, pc)
}

// Trigger resolves the ambiguity between the two embedded types.
func (b *boundedInlineCloser) Trigger() []byte { return b.boundedInline.Trigger() }

// window is a reader that ends, for the link parser, at end: the line it
// peeks stops there and the byte there reads as the end of input, so a
// destination that reaches end is no destination and the "[...]" stays
// text.
type window struct {
	text.Reader
	end int
}

func (w *window) PeekLine() ([]byte, text.Segment) {
	line, seg := w.Reader.PeekLine()
	if start := seg.Start - seg.Padding; start+len(line) > w.end {
		line = line[:max(0, w.end-start)]
	}
	return line, seg
}

func (w *window) Peek() byte {
	if _, seg := w.Reader.Position(); seg.Start >= w.end {
		return text.EOF
	}
	return w.Reader.Peek()
}
