package markdown

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// refCells is GFM's table paragraph transformer, with body rows that hold
// a short reference with a label ([[id|label]], package links) split
// again so that its "|" stays inside the cell: GFM would end the cell
// there, and the row would lose its last cell.
type refCells struct {
	parser.ParagraphTransformer
}

func (t refCells) Transform(n *ast.Paragraph, r text.Reader, pc parser.Context) {
	parent, next := n.Parent(), n.NextSibling()
	var rows map[int]text.Segment // start → line, of the lines to split again
	src := r.Source()
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		if l := lines.At(i); refPipe(l.Value(src)) {
			if rows == nil {
				rows = map[int]text.Segment{}
			}
			rows[l.Start] = l
		}
	}
	t.ParagraphTransformer.Transform(n, r, pc)
	if rows == nil || parent == nil {
		return
	}
	// The table goes in right after the paragraph.
	var table *east.Table
	if next != nil {
		table, _ = next.PreviousSibling().(*east.Table)
	} else {
		table, _ = parent.LastChild().(*east.Table)
	}
	if table == nil {
		return
	}
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		if tr, ok := row.(*east.TableRow); ok {
			if l, ok := rows[tr.Pos()]; ok {
				splitRow(tr, l, table.Alignments, src)
				resplit, _ := pc.Get(resplitKey).([]*east.TableRow)
				pc.Set(resplitKey, append(resplit, tr))
			}
		}
	}
}

var resplitKey = parser.NewContextKey()

// refCode removes the "\" of "\|" in the code spans of the rows refCells
// split again, as GFM's table transformer does in the rows it split: the
// pipe is escaped for the table, not for the code.
type refCode struct{}

func (refCode) Transform(doc *ast.Document, r text.Reader, pc parser.Context) {
	rows, _ := pc.Get(resplitKey).([]*east.TableRow)
	if rows == nil {
		return
	}
	pc.Set(resplitKey, nil)
	src := r.Source()
	for _, row := range rows {
		_ = ast.Walk(row, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || n.Kind() != ast.KindCodeSpan {
				return ast.WalkContinue, nil
			}
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				if t, ok := c.(*ast.Text); ok {
					seg := t.Segment
					for {
						i := bytes.Index(seg.Value(src), []byte("\\|"))
						if i < 0 {
							break
						}
						before := ast.NewRawTextSegment(seg.WithStop(seg.Start + i))
						n.InsertBefore(n, c, before)
						seg = seg.WithStart(seg.Start + i + 1)
					}
					if seg != t.Segment {
						n.ReplaceChild(n, c, ast.NewRawTextSegment(seg))
					}
				}
				c = next
			}
			return ast.WalkContinue, nil
		})
	}
}

// refPipe reports whether line has a "|" inside a short reference.
func refPipe(line []byte) bool {
	if bytes.IndexByte(line, '|') < 0 {
		return false
	}
	var c closer
	for i := 0; i+1 < len(line); i++ {
		if line[i] == '[' && line[i+1] == '[' {
			end := c.refEnd(line, i)
			if end > 0 && bytes.IndexByte(line[i:end], '|') >= 0 {
				return true
			}
			if c.at < 0 {
				return false // no "]" left: no short reference either
			}
		}
	}
	return false
}

// closer finds the "]" after a "[[" of a line; the "]" found answers for
// every "[[" before it, so a line of many "[[" is searched once.
type closer struct {
	at   int // where the last search found "]", or -1
	done bool
}

// refEnd returns the index just past the "]]" that closes the short
// reference starting at line[i:] ("[["), or -1: as package links reads
// them, the first "]" after "[[" must be the start of "]]".
func (c *closer) refEnd(line []byte, i int) int {
	if !c.done || c.at >= 0 && c.at < i+2 {
		c.done, c.at = true, bytes.IndexByte(line[i+2:], ']')
		if c.at >= 0 {
			c.at += i + 2
		}
	}
	j := c.at
	if j < 0 || j+1 == len(line) || line[j+1] != ']' {
		return -1
	}
	return j + 2
}

// splitRow replaces the cells of row with those of line split at the "|"
// that are neither escaped nor inside a short reference, as GFM's own
// splitting does otherwise.
func splitRow(row *east.TableRow, line text.Segment, aligns []east.Alignment, src []byte) {
	seg := line.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	l := seg.Value(src)
	pos, limit := 0, len(l)
	if limit > 0 && l[0] == '|' {
		pos++
	}
	if limit > 0 && l[limit-1] == '|' {
		limit--
	}
	row.RemoveChildren(row)
	var c closer
	for i := 0; i < len(aligns); i++ {
		cell := east.NewTableCell()
		cell.Alignment = aligns[i]
		if pos < limit {
			end := pos
			for end < limit && l[end] != '|' {
				switch {
				case l[end] == '\\':
					end++
				case l[end] == '[' && end+1 < limit && l[end+1] == '[':
					if e := c.refEnd(l[:limit], end); e > 0 {
						end = e - 1
					}
				}
				end++
			}
			end = min(end, limit)
			cell.SetPos(seg.Start + pos)
			s := text.NewSegment(seg.Start+pos, seg.Start+end)
			s = s.TrimLeftSpace(src)
			cell.Lines().Append(s.TrimRightSpace(src))
			pos = end + 1
		}
		row.AppendChild(row, cell)
	}
}

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
