package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-dev/handbook/internal/plaintext"
)

// A page written for GitHub names itself in a level-1 heading at the top
// of its body ("# Onboarding") rather than in a title: key. The page's
// title is shown by the layout as the page's own h1, so that heading must
// not be rendered a second time:
//
//   - a page without a title takes the heading's text as its title
//     (LeadingTitle, read by package site) and the heading is dropped;
//   - a page with a title drops the heading when it says the same (letter
//     case and spacing aside) and demotes it to a level-2 heading when it
//     says something else, which the reader would otherwise lose.
//
// A dropped heading leaves its id on the page, on an empty element, so
// that links to it still land at the top of the page, and it stays in
// Doc.Headings (level 1, which no table of contents shows) for the link
// checks and the anchors manifest.

// titleParser parses the first block of a page for LeadingTitle, with the
// inline syntax the page converter gives a heading: typographic
// punctuation, and {#id} attributes that are not text.
var titleParser = goldmark.New(
	goldmark.WithExtensions(extension.Typographer),
	goldmark.WithParserOptions(parser.WithAttribute()),
).Parser()

// LeadingTitle returns the text of a level-1 heading at the start of a
// Markdown body (blank lines aside), as a reader sees it: markup dropped,
// entities and typographic punctuation resolved once. ok is false when
// the body does not start with one, or its text is empty.
func LeadingTitle(body []byte) (title string, ok bool) {
	start := 0
	for start < len(body) {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body) - start
		}
		if len(bytes.TrimSpace(body[start:start+end])) > 0 {
			break
		}
		start += end + 1
	}
	if start >= len(body) {
		return "", false
	}
	block := body[start:]
	if i := blankLine(block); i >= 0 {
		block = block[:i]
	}
	first := bytes.TrimLeft(block, " ")
	if !bytes.HasPrefix(first, []byte("#")) && !bytes.Contains(block, []byte("\n=")) && !bytes.Contains(block, []byte("\n =")) {
		return "", false // neither an ATX nor a setext heading
	}
	doc := titleParser.Parse(text.NewReader(block))
	h, isHeading := doc.FirstChild().(*ast.Heading)
	if !isHeading || h.Level != 1 {
		return "", false
	}
	t := plaintext.Of(h, block)
	return t, t != ""
}

// blankLine returns the offset of the first blank line of b, or -1.
func blankLine(b []byte) int {
	for i := 0; i < len(b); {
		end := bytes.IndexByte(b[i:], '\n')
		if end < 0 {
			return -1
		}
		next := i + end + 1
		j := next
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
			j++
		}
		if j == len(b) || b[j] == '\n' {
			return next
		}
		i = next
	}
	return -1
}

var titleKey = parser.NewContextKey()

// SetPageTitle tells the conversion in pc the title of the page it
// converts, from front matter: "" when the page has none, and its leading
// level-1 heading (if any) is its title. Without it a conversion keeps a
// leading heading as it is.
func SetPageTitle(pc parser.Context, title string) {
	pc.Set(titleKey, &title)
}

// TitleAnchor stands where a dropped leading heading was: an empty element
// holding its id.
type TitleAnchor struct {
	ast.BaseBlock
	ID    string
	Title string // the heading's plain text
}

// KindTitleAnchor is the node kind of TitleAnchor.
var KindTitleAnchor = ast.NewNodeKind("TitleAnchor")

// Kind implements ast.Node.
func (*TitleAnchor) Kind() ast.NodeKind { return KindTitleAnchor }

// Dump implements ast.Node.
func (a *TitleAnchor) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"ID": a.ID}, nil)
}

type leadingHeading struct{}

func (leadingHeading) Extend(m goldmark.Markdown) {
	// After the permalinks (900), so that a demoted heading keeps its own.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(leadingHeading{}, 950)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(leadingHeading{}, 500)))
}

// Transform drops or demotes a level-1 heading at the start of the
// document, as the page's title says.
func (leadingHeading) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	title, _ := pc.Get(titleKey).(*string)
	if title == nil {
		return
	}
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return
	}
	src := reader.Source()
	txt := PlainText(h, src)
	if *title != "" && !sameTitle(*title, txt) {
		h.Level = 2
		return
	}
	a := &TitleAnchor{Title: txt}
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			a.ID = noNUL(string(b))
		}
	}
	doc.ReplaceChild(doc, h, a)
}

// sameTitle compares two titles as a reader would: letter case and runs of
// spaces aside.
func sameTitle(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (leadingHeading) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTitleAnchor, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a := n.(*TitleAnchor); entering && a.ID != "" {
			_, _ = w.WriteString(`<span id="` + html.EscapeString(a.ID) + `"></span>` + "\n")
		}
		return ast.WalkSkipChildren, nil
	})
}
