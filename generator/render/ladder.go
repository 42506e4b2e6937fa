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

// Ladder draws the career ladder as an inline SVG: one column per track,
// levels from bottom (entry) to top, a box per role linking to its page,
// solid arrows for leads-to edges and dashed lines for adjacent moves. It
// needs no script and no external service. rel makes links relative to the
// page the SVG is embedded in.
func Ladder(m *career.Model, rel func(string) string) template.HTML {
	if m == nil || len(m.Roles) == 0 {
		return ""
	}
	minL, maxL := maxLevelDraw, 1
	for _, r := range m.Roles {
		minL, maxL = min(minL, r.Level), max(maxL, r.Level)
	}
	type pos struct{ x, y int }
	at := map[string]pos{}
	x := marginX + levelLabelW
	var heads []string
	for _, t := range m.Tracks {
		byLevel := map[int][]*career.Role{}
		width := 1
		for _, r := range t.Roles {
			byLevel[r.Level] = append(byLevel[r.Level], r)
			width = max(width, len(byLevel[r.Level]))
		}
		colW := width*boxW + (width-1)*gapX
		heads = append(heads, fmt.Sprintf(`<text class="ladder-track" x="%d" y="22" text-anchor="middle">%s</text>`, x+colW/2, html.EscapeString(t.Title)))
		for lvl, rs := range byLevel {
			rowW := len(rs)*boxW + (len(rs)-1)*gapX
			for i, r := range rs {
				at[r.ID] = pos{x + (colW-rowW)/2 + i*(boxW+gapX), headH + (maxL-lvl)*(boxH+gapY)}
			}
		}
		x += colW + 2*gapX
	}
	width := x - 2*gapX + marginX
	height := headH + (maxL-minL+1)*(boxH+gapY) - gapY + 8

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="ladder" viewBox="0 0 %d %d" width="%d" height="%d" role="group" aria-labelledby="ladder-title"><title id="ladder-title">Career ladder: roles by track and level; arrows show where each role usually leads</title>`, width, height, width, height)
	b.WriteString(`<defs><marker id="ladder-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="ladder-arrowhead"/></marker></defs>`)
	for l := minL; l <= maxL; l++ {
		y := headH + (maxL-l)*(boxH+gapY) + boxH/2 + 4
		fmt.Fprintf(&b, `<text class="ladder-level" x="%d" y="%d">L%d</text>`, marginX, y, l)
	}
	b.WriteString(strings.Join(heads, ""))
	// Edges first, so boxes draw over them. Sorted for deterministic output.
	var edges []string
	for _, r := range m.Roles {
		from := at[r.ID]
		for _, to := range r.LeadsTo {
			p := at[to.ID]
			x1, y1 := from.x+boxW/2, from.y
			x2, y2 := p.x+boxW/2, p.y+boxH
			if p.y >= from.y { // same level: connect the sides
				y1, y2 = from.y+boxH/2, p.y+boxH/2
				x1, x2 = sideX(from.x, p.x)
			}
			edges = append(edges, fmt.Sprintf(`<line class="ladder-edge" x1="%d" y1="%d" x2="%d" y2="%d" marker-end="url(#ladder-arrow)"/>`, x1, y1, x2, y2))
		}
		for _, a := range r.Adjacent {
			if a.ID < r.ID {
				continue // draw each adjacency once
			}
			p := at[a.ID]
			x1, x2 := sideX(from.x, p.x)
			edges = append(edges, fmt.Sprintf(`<line class="ladder-edge ladder-adjacent" x1="%d" y1="%d" x2="%d" y2="%d"/>`, x1, from.y+boxH/2, x2, p.y+boxH/2))
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
		fmt.Fprintf(&b, `<a href="%s" class="ladder-role ladder-%s"><title>%s (level %d)</title><rect x="%d" y="%d" width="%d" height="%d" rx="8"/>%s</a>`,
			html.EscapeString(rel("/roles/"+r.ID+"/")), html.EscapeString(r.Track), html.EscapeString(r.Title), r.Level,
			p.x, p.y, boxW, boxH, boxLabel(label, p.x+boxW/2, p.y))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
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
// the space nearest its middle into two lines, so no label spills out of
// its box.
func boxLabel(label string, x, y int) string {
	runes := []rune(label)
	split := -1
	if len(runes) > labelFits {
		for i, r := range runes {
			if r == ' ' && (split < 0 || abs(2*i-len(runes)) < abs(2*split-len(runes))) {
				split = i
			}
		}
	}
	if split < 0 {
		return fmt.Sprintf(`<text x="%d" y="%d" text-anchor="middle">%s</text>`, x, y+boxH/2+5, html.EscapeString(label))
	}
	return fmt.Sprintf(`<text x="%d" y="%d" text-anchor="middle"><tspan x="%d">%s</tspan><tspan x="%d" dy="16">%s</tspan></text>`,
		x, y+boxH/2-3, x, html.EscapeString(string(runes[:split])), x, html.EscapeString(string(runes[split+1:])))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
