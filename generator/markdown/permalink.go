package markdown

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Permalink is the permalink control appended to a heading: a link to the
// heading's own anchor, shown on hover and keyboard focus. The theme's
// script turns a click into "copy the absolute URL".
type Permalink struct {
	ast.BaseInline
	ID    string
	Label string
}

// KindPermalink is the node kind of Permalink.
var KindPermalink = ast.NewNodeKind("Permalink")

// Kind implements ast.Node.
func (*Permalink) Kind() ast.NodeKind { return KindPermalink }

// Dump implements ast.Node.
func (p *Permalink) Dump(src []byte, level int) {
	ast.DumpHelper(p, src, level, map[string]string{"ID": p.ID}, nil)
}

type permalinks struct{}

func (permalinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(permalinks{}, 900)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(permalinks{}, 500)))
}

// Transform appends a Permalink to every heading with an id.
func (permalinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	hs := headingsOf(doc)
	for _, h := range hs {
		v, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		id, _ := v.([]byte)
		if bytes.IndexByte(id, 0) >= 0 { // an explicit {#id} with a NUL byte
			id = []byte(noNUL(string(id)))
			h.SetAttributeString("id", id)
		}
		h.AppendChild(h, &Permalink{ID: string(id), Label: PlainText(h, src)})
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (permalinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPermalink, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			p := n.(*Permalink)
			_, _ = w.WriteString(` <a class="permalink" href="#` + html.EscapeString(p.ID) +
				`" aria-label="Permalink to ` + html.EscapeString(p.Label) + `">#</a>`)
		}
		return ast.WalkSkipChildren, nil
	})
}
