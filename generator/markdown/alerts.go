package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Alert is a GitHub alert: a block quote whose first line is a marker
// alone ("> [!NOTE]", [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION],
// in any letter case). It renders as a callout, not as a quote:
//
//	<div class="callout callout-note" role="note" aria-label="Note">
//	<p class="callout-title">Note</p>
//	…the quote's content…
//	</div>
//
// The theme styles it and draws its icon in CSS.
type Alert struct {
	ast.BaseBlock
	// AlertType is the marker in lower case: "note", "tip",
	// "important", "warning" or "caution".
	AlertType string
}

// KindAlert is the node kind of Alert.
var KindAlert = ast.NewNodeKind("Alert")

// Kind implements ast.Node.
func (*Alert) Kind() ast.NodeKind { return KindAlert }

// Dump implements ast.Node.
func (a *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"AlertType": a.AlertType}, nil)
}

// alertTitles are the markers GitHub knows and the title each shows.
var alertTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// alerts is the extension: alertMarkers finds the markers while the
// blocks are parsed (a paragraph transformer, before the inline content is
// parsed: the marker must not be read as a link), and alertBlocks turns
// the quotes into Alerts once the document is parsed and renders them.
type alerts struct{}

type (
	alertMarkers struct{}
	alertBlocks  struct{}
)

var alertsKey = parser.NewContextKey()

func (alerts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Before tables (200) and link reference definitions (100).
		parser.WithParagraphTransformers(util.Prioritized(alertMarkers{}, 300)),
		// Before permalinks (900): nothing else looks at quotes.
		parser.WithASTTransformers(util.Prioritized(alertBlocks{}, 950)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(alertBlocks{}, 500)))
}

// Transform implements parser.ParagraphTransformer: the first paragraph
// of a quote that starts with a marker line loses that line, and the
// quote is remembered with its type.
func (alertMarkers) Transform(n *ast.Paragraph, r text.Reader, pc parser.Context) {
	q, ok := n.Parent().(*ast.Blockquote)
	if !ok || q.FirstChild() != n || n.Lines().Len() == 0 {
		return
	}
	first := n.Lines().At(0)
	typ := alertMarker(first.Value(r.Source()))
	if typ == "" {
		return
	}
	found, _ := pc.Get(alertsKey).(map[*ast.Blockquote]string)
	if found == nil {
		found = map[*ast.Blockquote]string{}
		pc.Set(alertsKey, found)
	}
	found[q] = typ
	n.Lines().SetSliced(1, n.Lines().Len())
}

// alertMarker returns the type of the marker line ("[!NOTE]\n"), or "".
func alertMarker(line []byte) string {
	line = bytes.TrimSpace(line)
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return ""
	}
	typ := string(bytes.ToLower(line[2 : len(line)-1]))
	if _, ok := alertTitles[typ]; !ok {
		return ""
	}
	return typ
}

// Transform implements parser.ASTTransformer: the quotes alertMarkers
// found become Alerts.
func (alertBlocks) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	found, _ := pc.Get(alertsKey).(map[*ast.Blockquote]string)
	if found == nil {
		return
	}
	pc.Set(alertsKey, nil)
	for q, typ := range found {
		parent := q.Parent()
		if parent == nil {
			continue
		}
		a := &Alert{AlertType: typ}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			if p, ok := c.(*ast.Paragraph); !ok || p.Lines().Len() > 0 {
				a.AppendChild(a, c) // moves c
			} else {
				q.RemoveChild(q, c) // the marker's paragraph, now empty
			}
			c = next
		}
		a.SetBlankPreviousLines(q.HasBlankPreviousLines())
		parent.ReplaceChild(parent, q, a)
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (alertBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		a := n.(*Alert)
		title := alertTitles[a.AlertType]
		_, _ = w.WriteString(`<div class="callout callout-` + a.AlertType + `" role="note" aria-label="` + title + `">` + "\n" +
			`<p class="callout-title">` + title + "</p>\n")
		return ast.WalkContinue, nil
	})
}
