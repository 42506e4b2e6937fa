// Package markdown converts Markdown to HTML with goldmark: GitHub Flavored
// Markdown (tables, task lists, strikethrough, autolinks), footnotes,
// definition lists, typographic punctuation, unique heading ids with explicit
// {#id} attributes honoured (in the handbook's form or GitHub's, with the
// other as an alias: HeadingIDs), and fenced code highlighted by chroma with CSS
// classes (never inline styles). In a table row, a "|" inside "[[...]]"
// does not end the cell, so that short references with a label (package
// links) work in tables. GitHub's alerts ("> [!NOTE]") are callouts
// (Alert). A level-1 heading at the start of a page is its title, not
// rendered twice (SetPageTitle, LeadingTitle).
//
// Raw HTML in Markdown is escaped and shown as text unless the converter is
// built with Options.UnsafeHTML.
//
// The work of one conversion is bounded (Limits, docs/limits.md): lists and
// block quotes nest at most 100 levels, a page is at most 4 MiB and its
// parse at most 10 s; past a limit Parse returns a *LimitError with the
// offset where it was passed.
//
// One Converter is built per site build and shared by all render workers;
// Convert is safe for concurrent use.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-dev/handbook/internal/plaintext"
)

// Options configures a Converter.
type Options struct {
	// UnsafeHTML lets raw HTML in Markdown through unescaped.
	UnsafeHTML bool
	// Extensions are added after the built-in ones (cross-links, anchors).
	Extensions []goldmark.Extender
	// Limits bound the work of one conversion; zero fields are defaults.
	Limits Limits
	// HeadingIDs is how headings get their ids; "" is HandbookIDs.
	HeadingIDs HeadingIDs
}

// Converter turns Markdown into HTML.
type Converter struct {
	md     goldmark.Markdown
	limits Limits
}

// Heading is one heading of a converted document, for tables of contents
// and search.
type Heading struct {
	Level int
	ID    string
	Text  string
	// Aliases are the heading's other ids (its id in the other
	// HeadingIDs form), anchors that land on it too.
	Aliases []string
}

// Doc is a converted document.
type Doc struct {
	HTML     []byte
	Headings []Heading
}

// New builds a Converter.
func New(opts Options) *Converter {
	rendererOpts := []renderer.Option{}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, ghtml.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapeHTML{}, 100)))
	}
	exts := []goldmark.Extender{
		// extension.GFM, with tables bounded (limits.go)
		extension.Linkify, boundedTables{}, extension.Strikethrough, extension.TaskList,
		extension.Footnote,
		extension.DefinitionList,
		extension.Typographer,
		alerts{},
		headingIDs{form: opts.HeadingIDs},
		permalinks{},
		leadingHeading{},
		scrollTables{},
		highlighting.NewHighlighting(
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			highlighting.WithGuessLanguage(false),
		),
	}
	exts = append(exts, opts.Extensions...)
	blocks, inlines := boundedParsers()
	md := goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(inlines...),
			parser.WithParagraphTransformers(boundedParagraphs()...),
		)),
		goldmark.WithExtensions(exts...),
		// Heading ids are given by headingIDs, not by the parser.
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Converter{md: md, limits: opts.Limits.withDefaults()}
}

// Parse parses src into an AST using a fresh parser context (heading ids are
// unique within one document). A document past the converter's Limits is
// a *LimitError.
func (c *Converter) Parse(src []byte, ctx parser.Context) (doc ast.Node, err error) {
	if len(src) > c.limits.MaxBytes {
		return nil, &LimitError{
			Msg:  fmt.Sprintf("the page is %s of Markdown, more than the limit of %s", size(len(src)), size(c.limits.MaxBytes)),
			Hint: "split it into several pages, or raise markdown.max_size_mb in handbook.yaml",
		}
	}
	ctx.Set(budgetKey, &budget{limits: c.limits, deadline: time.Now().Add(c.limits.Timeout)})
	defer func() {
		if r := recover(); r != nil {
			le, ok := r.(*LimitError)
			if !ok {
				panic(r)
			}
			doc, err = nil, le
		}
	}()
	return c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx)), nil
}

// size formats a byte count for a limit message: "900 bytes", "4 MiB",
// "12.3 MiB".
func size(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<10)), ".0") + " KiB"
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
}

// Render renders a parsed document.
func (c *Converter) Render(src []byte, doc ast.Node) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/2) // HTML is a little longer than its Markdown
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if cap(out)-len(out) > len(out)/4 {
		// A build keeps every page's HTML until the end: not the slack of
		// a buffer that grew.
		out = bytes.Clone(out)
	}
	return out, nil
}

// Convert parses and renders src.
func (c *Converter) Convert(src []byte) (Doc, error) {
	doc, err := c.Parse(src, parser.NewContext())
	if err != nil {
		return Doc{}, err
	}
	out, err := c.Render(src, doc)
	if err != nil {
		return Doc{}, err
	}
	return Doc{HTML: out, Headings: Headings(doc, src)}, nil
}

// Headings lists the headings of a parsed document with their ids.
func Headings(doc ast.Node, src []byte) []Heading {
	var hs []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if a, ok := n.(*TitleAnchor); ok {
			hs = append(hs, Heading{Level: 1, ID: a.ID, Text: a.Title})
			return ast.WalkSkipChildren, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return ast.WalkContinue, nil
		}
		id := ""
		if v, ok := h.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = noNUL(string(b))
			}
		}
		var aliases []string
		for c := h.FirstChild(); c != nil; c = c.NextSibling() {
			if a, ok := c.(*HeadingAlias); ok {
				aliases = append(aliases, a.ID)
			}
		}
		hs = append(hs, Heading{Level: h.Level, ID: id, Text: PlainText(h, src), Aliases: aliases})
		return ast.WalkSkipChildren, nil
	})
	return hs
}

// PlainText returns the text content of n without markup: the text a
// reader sees, with entities, typographic punctuation and backslash escapes
// resolved, so that html/template or html.EscapeString escapes it exactly
// once (a heading "won't" is "won’t" here, never "won&rsquo;t"). It is
// plaintext.Of, which package links shares.
func PlainText(n ast.Node, src []byte) string { return plaintext.Of(n, src) }

// noNUL replaces U+0000 with U+FFFD, as HTML parsers do and as goldmark
// does in text: a NUL byte in a heading must not reach an attribute
// (aria-label, id) or the search index raw.
func noNUL(s string) string {
	if !strings.Contains(s, "\x00") {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// escapeHTML renders raw HTML (inline and blocks) as visible, escaped text.
type escapeHTML struct{}

func (escapeHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(s.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		_, _ = w.WriteString("<p>")
		lines := b.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			_, _ = w.WriteString(html.EscapeString(string(s.Value(src))))
		}
		if b.HasClosure() {
			_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

// StyleCSS returns chroma's stylesheet for a named style, scoped to prefix
// (e.g. "" or "[data-theme=dark] ").
func StyleCSS(style, prefix string) ([]byte, error) {
	s := styles.Get(style)
	if s == nil || (s == styles.Fallback && style != s.Name) {
		return nil, fmt.Errorf("unknown chroma style %q", style)
	}
	var buf bytes.Buffer
	if err := chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&buf, s); err != nil {
		return nil, err
	}
	if prefix == "" {
		return buf.Bytes(), nil
	}
	var out bytes.Buffer
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if i := strings.Index(line, "*/ "); i >= 0 && strings.HasPrefix(line, "/*") {
			line = line[:i+3] + prefix + line[i+3:]
		}
		out.WriteString(line)
	}
	return out.Bytes(), nil
}
