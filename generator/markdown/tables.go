package markdown

import (
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// scrollTables wraps every table in a box that scrolls sideways on its own,
// so a wide table never makes the page scroll on a phone. The box is a
// focusable, labelled region: keyboard users can scroll it, and screen
// readers announce which table it holds (named after the heading above it).
type scrollTables struct{}

func (scrollTables) Extend(m goldmark.Markdown) {
	// Above the GFM table renderer (500), which keeps the rows and cells.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(scrollTables{}, 400)))
}

func (scrollTables) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</table>\n</div>\n")
			return ast.WalkContinue, nil
		}
		label := "Table"
		if h := headingBefore(n); h != nil {
			label = "Table: " + PlainText(h, src)
		}
		_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="` + html.EscapeString(label) + `">` + "\n<table")
		if n.Attributes() != nil {
			ghtml.RenderAttributes(w, n, extension.TableAttributeFilter)
		}
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
}

// headingBefore returns the nearest heading above n at the same level of
// the document, or nil.
func headingBefore(n ast.Node) *ast.Heading {
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if h, ok := p.(*ast.Heading); ok {
			return h
		}
	}
	return nil
}
