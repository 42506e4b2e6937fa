package render

import (
	"fmt"
	"html"
	"html/template"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/career"
)

// Ladder geometry, in SVG user units.
const (
	boxW, boxH   = 150, 46
	gapX, gapY   = 24, 40
	headH        = 34
	marginX      = 16
	levelLabelW  = 56
	maxLevelDraw = 6
)

// rect is a role's box in the ladder.
type rect struct{ x, y, w, h int }

func (r rect) cx() int     { return r.x + r.w/2 }
func (r rect) bottom() int { return r.y + r.h }

// point is a corner of an edge's path.
type point struct{ x, y int }

// Ladder draws the career ladder as an inline SVG: one column per track,
// levels from bottom (entry) to top, a box per role linking to its page,
// solid arrows for leads-to edges and dashed lines for adjacent moves. A
// role held at other roles' levels (Tech Lead at Senior or Staff) is not a
// step of its column: it gets a lane of its own on the column's right,
// between the column and the next track (Tech Lead between the individual
// contributor and management tracks), in a box as tall as the levels it
// spans. An edge whose straight line would
// cross another box goes round it through the gap above (or below) the
// two boxes. It needs no script and no external service. rel makes links
// relative to the page the SVG is embedded in.
func Ladder(m *career.Model, rel func(string) string) template.HTML {
	if m == nil || len(m.Roles) == 0 {
		return ""
	}
	minL, maxL := maxLevelDraw, 1
	for _, r := range m.Roles {
		lo, hi := r.LevelRange()
		minL, maxL = min(minL, lo), max(maxL, hi)
	}
	rowY := func(level int) int { return headH + (maxL-level)*(boxH+gapY) }
	at := map[string]rect{}
	x := marginX + levelLabelW
	var heads []string
	for _, t := range m.Tracks {
		byLevel := map[int][]*career.Role{}
		var held []*career.Role
		width := 1
		for _, r := range t.Roles {
			if len(r.HeldAt) > 0 {
				held = append(held, r)
				continue
			}
			byLevel[r.Level] = append(byLevel[r.Level], r)
			width = max(width, len(byLevel[r.Level]))
		}
		mainX, mainW := x, width*boxW+(width-1)*gapX
		for i, r := range held {
			lo, hi := r.LevelRange()
			at[r.ID] = rect{mainX + mainW + gapX + i*(boxW+gapX), rowY(hi), boxW, rowY(lo) + boxH - rowY(hi)}
		}
		colW := mainW + len(held)*(boxW+gapX)
		heads = append(heads, fmt.Sprintf(`<text class="ladder-track" x="%d" y="22" text-anchor="middle">%s</text>`, x+colW/2, html.EscapeString(t.Title)))
		for lvl, rs := range byLevel {
			rowW := len(rs)*boxW + (len(rs)-1)*gapX
			for i, r := range rs {
				at[r.ID] = rect{mainX + (mainW-rowW)/2 + i*(boxW+gapX), rowY(lvl), boxW, boxH}
			}
		}
		x += colW + 2*gapX
	}
	width := x - 2*gapX + marginX
	height := headH + (maxL-minL+1)*(boxH+gapY) - gapY + 8
	boxes := make([]rect, 0, len(at))
	for _, r := range m.Roles {
		boxes = append(boxes, at[r.ID])
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="ladder" viewBox="0 0 %d %d" width="%d" height="%d" role="group" aria-labelledby="ladder-title"><title id="ladder-title">Career ladder: roles by track and level; arrows show where each role usually leads</title>`, width, height, width, height)
	b.WriteString(`<defs><marker id="ladder-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="ladder-arrowhead"/></marker></defs>`)
	for l := minL; l <= maxL; l++ {
		fmt.Fprintf(&b, `<text class="ladder-level" x="%d" y="%d">L%d</text>`, marginX, rowY(l)+boxH/2+4, l)
	}
	b.WriteString(strings.Join(heads, ""))
	// Edges first, so boxes draw over them. Sorted for deterministic output.
	var edges []string
	for _, r := range m.Roles {
		from := at[r.ID]
		for _, to := range r.LeadsTo {
			edges = append(edges, edgeSVG("ladder-edge", route(from, at[to.ID], boxes, height), true))
		}
		for _, a := range r.Adjacent {
			if a.ID < r.ID {
				continue // draw each adjacency once
			}
			edges = append(edges, edgeSVG("ladder-edge ladder-adjacent", route(from, at[a.ID], boxes, height), false))
		}
	}
	sort.Strings(edges)
	b.WriteString(strings.Join(edges, ""))
	for _, r := range m.Roles {
		p := at[r.ID]
		label := r.LevelName
		if label == "" {
			label = r.Title
		}
		where := fmt.Sprintf("level %d", r.Level)
		if lo, hi := r.LevelRange(); len(r.HeldAt) > 0 && lo != hi {
			where = fmt.Sprintf("held at levels %d to %d", lo, hi)
		}
		fmt.Fprintf(&b, `<a href="%s" class="ladder-role ladder-%s%s"><title>%s (%s)</title><rect x="%d" y="%d" width="%d" height="%d" rx="8"/>%s</a>`,
			html.EscapeString(rel("/roles/"+r.ID+"/")), html.EscapeString(r.Track), heldClass(r), html.EscapeString(r.Title), where,
			p.x, p.y, p.w, p.h, boxLabel(label, p.cx(), p.y+(p.h-boxH)/2))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func heldClass(r *career.Role) string {
	if len(r.HeldAt) > 0 {
		return " ladder-held"
	}
	return ""
}

// edgeSVG draws a path: a line for two points, a polyline for more.
func edgeSVG(class string, ps []point, arrow bool) string {
	marker := ""
	if arrow {
		marker = ` marker-end="url(#ladder-arrow)"`
	}
	if len(ps) == 2 {
		return fmt.Sprintf(`<line class="%s" x1="%d" y1="%d" x2="%d" y2="%d"%s/>`, class, ps[0].x, ps[0].y, ps[1].x, ps[1].y, marker)
	}
	coords := make([]string, len(ps))
	for i, p := range ps {
		coords[i] = fmt.Sprintf("%d,%d", p.x, p.y)
	}
	return fmt.Sprintf(`<polyline class="%s" points="%s" fill="none"%s/>`, class, strings.Join(coords, " "), marker)
}

// route returns the path of an edge from box a to box b: a straight line
// when it crosses no other box, otherwise the first clear detour: through
// the gap above both boxes, below them, or up the gap on a's right or
// left and into b through the gap at its near end; otherwise the straight
// line.
func route(a, b rect, boxes []rect, height int) []point {
	straight := straightEdge(a, b)
	if clear(straight, a, b, boxes) {
		return straight
	}
	var detours [][]point
	if top := min(a.y, b.y); top > headH { // the gap above the top row holds the track names
		y := top - gapY/2
		detours = append(detours, []point{{a.cx(), a.y}, {a.cx(), y}, {b.cx(), y}, {b.cx(), b.y}})
	}
	if y := max(a.bottom(), b.bottom()) + gapY/2; y < height {
		detours = append(detours, []point{{a.cx(), a.bottom()}, {a.cx(), y}, {b.cx(), y}, {b.cx(), b.bottom()}})
	}
	// Along the gap beside a, then through the gap next to b's end.
	approach, end := b.y-gapY/2, b.y
	if b.bottom() <= a.y {
		approach, end = b.bottom()+gapY/2, b.bottom()
	}
	mid := a.y + a.h/2
	for _, side := range [][2]int{{a.x + a.w, a.x + a.w + gapX/2}, {a.x, a.x - gapX/2}} {
		detours = append(detours, []point{{side[0], mid}, {side[1], mid}, {side[1], approach}, {b.cx(), approach}, {b.cx(), end}})
	}
	for _, d := range detours {
		if clear(d, a, b, boxes) {
			return d
		}
	}
	return straight
}

// straightEdge joins box a to box b: their facing sides when they share
// a band of height (the same level), a's top to b's bottom when b is
// higher, and the sides' middles when b is lower.
func straightEdge(a, b rect) []point {
	switch top, bot := max(a.y, b.y), min(a.bottom(), b.bottom()); {
	case top < bot:
		y := (top + bot) / 2
		x1, x2 := sideX(a.x, b.x)
		return []point{{x1, y}, {x2, y}}
	case b.bottom() <= a.y:
		return []point{{a.cx(), a.y}, {b.cx(), b.bottom()}}
	default:
		x1, x2 := sideX(a.x, b.x)
		return []point{{x1, a.y + a.h/2}, {x2, b.y + b.h/2}}
	}
}

// clear reports whether the path ps crosses no box other than its ends.
func clear(ps []point, a, b rect, boxes []rect) bool {
	for _, r := range boxes {
		if r == a || r == b {
			continue
		}
		for i := 1; i < len(ps); i++ {
			if crosses(ps[i-1], ps[i], r) {
				return false
			}
		}
	}
	return true
}

// crosses reports whether the segment from p to q passes through the
// inside of r (touching its border does not count). It clips the segment
// to r (Liang–Barsky).
func crosses(p, q point, r rect) bool {
	x0, y0 := float64(p.x), float64(p.y)
	dx, dy := float64(q.x-p.x), float64(q.y-p.y)
	t0, t1 := 0.0, 1.0
	for _, c := range [4][2]float64{
		{-dx, x0 - float64(r.x)}, {dx, float64(r.x+r.w) - x0},
		{-dy, y0 - float64(r.y)}, {dy, float64(r.y+r.h) - y0},
	} {
		pp, qq := c[0], c[1]
		if pp == 0 {
			if qq <= 0 {
				return false
			}
			continue
		}
		t := qq / pp
		if pp < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
	}
	return t1-t0 > 1e-9
}

// sideX returns the x of the facing sides of two boxes at x1 and x2.
func sideX(x1, x2 int) (int, int) {
	if x2 > x1 {
		return x1 + boxW, x2
	}
	return x1, x2 + boxW
}

// labelFits is how many characters of the ladder's bold 14px label fit on
// one line of a box, with some room to spare on either side.
const labelFits = 15

// boxLabel returns the text of a role's box centred at x in the box whose
// top is y. A label too long for one line ("Engineering Manager") breaks at
// the space that keeps its longer line shortest, into two lines; a line
// still too long for the box ("Senior Engineering Manager") sets the label
// in a smaller type, so no label spills out of its box.
func boxLabel(label string, x, y int) string {
	runes := []rune(label)
	split, longest := -1, len(runes)
	if len(runes) > labelFits {
		for i, r := range runes {
			if r == ' ' && max(i, len(runes)-i-1) < longest {
				split, longest = i, max(i, len(runes)-i-1)
			}
		}
	}
	size := ""
	if longest > labelFits {
		size = fmt.Sprintf(` font-size="%.1f"`, max(9, 14*float64(labelFits)/float64(longest)))
	}
	if split < 0 {
		return fmt.Sprintf(`<text x="%d" y="%d" text-anchor="middle"%s>%s</text>`, x, y+boxH/2+5, size, html.EscapeString(label))
	}
	return fmt.Sprintf(`<text x="%d" y="%d" text-anchor="middle"%s><tspan x="%d">%s</tspan><tspan x="%d" dy="16">%s</tspan></text>`,
		x, y+boxH/2-3, size, x, html.EscapeString(string(runes[:split])), x, html.EscapeString(string(runes[split+1:])))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
