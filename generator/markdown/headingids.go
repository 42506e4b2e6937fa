package markdown

import (
	"fmt"
	"html"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-dev/handbook/internal/plaintext"
)

// HeadingIDs names how a heading without an explicit {#id} gets its id.
type HeadingIDs string

// The heading id forms (markdown.heading_ids in handbook.yaml).
const (
	// HandbookIDs, the default, are goldmark's ids, the handbook's since
	// its first version: the heading line as written, lower-cased, ASCII
	// letters and digits kept, spaces, "-" and "_" as "-", anything else
	// (punctuation, Markdown syntax, a link's URL, non-ASCII letters)
	// dropped; "heading" when nothing is left.
	HandbookIDs HeadingIDs = "handbook"
	// GitHubIDs are GitHub's: the heading's text as a reader sees it
	// (a link is its text, emphasis and code their content, an image
	// nothing), lower-cased, letters (any script), marks, digits, "_" and
	// "-" kept, each space a "-", anything else (punctuation, symbols,
	// emoji) dropped.
	GitHubIDs HeadingIDs = "github"
)

// Both forms make a second heading with the same id unique with "-1",
// "-2"…, skipping ids already taken, explicit ones included.
//
// During a migration both forms are anchors: a heading whose id in the
// other form differs (and is no other heading's id) carries that id too,
// on an empty element at its start (HeadingAlias), so a link written
// against GitHub lands on a page built with the handbook's ids, and the
// other way round. Heading.Aliases lists them for the link check.

// HeadingAlias is an empty element at the start of a heading carrying its
// id in the other form.
type HeadingAlias struct {
	ast.BaseInline
	ID string
}

// KindHeadingAlias is the node kind of HeadingAlias.
var KindHeadingAlias = ast.NewNodeKind("HeadingAlias")

// Kind implements ast.Node.
func (*HeadingAlias) Kind() ast.NodeKind { return KindHeadingAlias }

// Dump implements ast.Node.
func (a *HeadingAlias) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"ID": a.ID}, nil)
}

type headingIDs struct{ form HeadingIDs }

func (h headingIDs) Extend(m goldmark.Markdown) {
	// Before the links (100), which name the heading a link is under.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(h, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 500)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (headingIDs) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHeadingAlias, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span id="` + html.EscapeString(n.(*HeadingAlias).ID) + `"></span>`)
		}
		return ast.WalkSkipChildren, nil
	})
}

// Transform gives every heading without an explicit id its id in the
// configured form, and its alias in the other, in document order, as
// goldmark's parser does.
func (h headingIDs) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	hs := headingsOf(doc)
	hb, gh := newIDSet(), newIDSet()
	alt := make([]string, len(hs))
	taken := map[string]bool{}
	for i, hd := range hs {
		if v, ok := hd.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok {
				hb.put(string(id))
				gh.put(string(id))
				taken[string(id)] = true
			}
			continue
		}
		var line []byte
		if l := hd.Lines().Len(); l > 0 {
			last := hd.Lines().At(l - 1)
			line = last.Value(src)
		}
		a, b := hb.unique(HandbookID(line)), gh.unique(GitHubID(hd, src))
		if h.form == GitHubIDs {
			a, b = b, a
		}
		hd.SetAttributeString("id", []byte(a))
		taken[a] = true
		alt[i] = b
	}
	for i, hd := range hs {
		if a := alt[i]; a != "" && !taken[a] {
			taken[a] = true
			hd.InsertBefore(hd, hd.FirstChild(), &HeadingAlias{ID: a})
		}
	}
}

// idSet makes ids unique within a document, as goldmark does.
type idSet struct {
	values map[string]bool
	n      map[string]int // the last suffix used for each id
}

func newIDSet() *idSet { return &idSet{values: map[string]bool{}, n: map[string]int{}} }

func (s *idSet) put(id string) { s.values[id] = true }

// unique returns id, or id-1, id-2… when it is taken, and takes it.
func (s *idSet) unique(id string) string {
	if !s.values[id] {
		s.values[id] = true
		return id
	}
	for i := s.n[id] + 1; ; i++ {
		c := fmt.Sprintf("%s-%d", id, i)
		if !s.values[c] {
			s.values[c] = true
			s.n[id] = i
			return c
		}
	}
}

// HandbookID is the handbook form of the id of a heading whose (last)
// line is line, before it is made unique: goldmark's.
func HandbookID(line []byte) string {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	var b []byte
	for i := 0; i < len(line); {
		c := line[i]
		l := util.UTF8Len(c)
		i += int(l)
		if l != 1 {
			continue
		}
		switch {
		case util.IsAlphaNumeric(c):
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		case util.IsSpace(c) || c == '-' || c == '_':
			b = append(b, '-')
		}
	}
	if len(b) == 0 {
		return "heading"
	}
	return string(b)
}

// GitHubID is the GitHub form of the id of the heading h, before it is
// made unique.
func GitHubID(h *ast.Heading, src []byte) string {
	var b strings.Builder
	for _, r := range strings.ToLower(githubText(h, src)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.IsLetter(r) || unicode.Is(unicode.M, r) || unicode.Is(unicode.Nd, r) ||
			unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

// githubText is a heading's text as GitHub reads it for its id: as the
// reader sees it, but without the typographer (GitHub keeps "--" as
// written), nor an image's alternative text, and with a soft line break as
// a newline.
func githubText(h *ast.Heading, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, ok := c.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			v := t.Segment.Value(src)
			if t.IsRaw() {
				b.Write(v)
			} else {
				b.WriteString(plaintext.Text(v))
			}
			if t.SoftLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			switch s := string(t.Value); {
			case t.IsCode() && s == "&ndash;":
				b.WriteString("--")
			case t.IsCode() && s == "&mdash;":
				b.WriteString("---")
			case t.IsCode():
				b.WriteString(html.UnescapeString(s))
			default:
				b.WriteString(plaintext.Text(t.Value))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// headingsOf lists the headings of doc in document order.
func headingsOf(doc *ast.Document) []*ast.Heading {
	var hs []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			hs = append(hs, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return hs
}
