package render

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/handbook-dev/handbook/generator/career"
)

// Ladder draws the career ladder as an inline SVG: one column per track,
// levels from bottom (entry) to top, a box per role linking to its page.
// A role held at other roles' levels (Tech Lead at Senior or Staff) is not
// a step of its column: it gets a lane of its own on the column's right,
// in a box as tall as the levels it spans.
//
// Three kinds of line join the boxes, each drawn its own way: steps up a
// track (grey arrows), moves to another track or into or out of a held
// role (blue arrows; a move possible both ways is one line with two
// arrowheads; moves into one role share its arrowhead), and adjacent
// roles (dashed, one connector joining a role to all its adjacent roles).
// A dot marks where a connector branches, so that a branch is not taken
// for two lines crossing. The layout (ladderlayout.go) routes every
// line around the boxes and gives lines that run side by side lanes of
// their own, so no line crosses a box and no two connectors share a
// stretch of line.
//
// The SVG is drawn at its natural size and shrinks to fit its container,
// but never below the size at which its text reads at 11 px (its
// min-width): on a narrower screen it scrolls inside its container. Each
// box is a link, focusable with the keyboard, named by its title and
// described by where it leads. It needs no script and no external
// service. rel makes links relative to the page the SVG is embedded in.
func Ladder(m *career.Model, rel func(string) string) template.HTML {
	if m == nil || len(m.Roles) == 0 {
		return ""
	}
	l := layoutLadder(m)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="ladder" viewBox="0 0 %d %d" width="%d" height="%d" style="min-width: %dpx" role="group" aria-labelledby="ladder-title">`,
		l.width, l.height, l.width, l.height, l.width*ladderMinPx/ladderFont+1)
	b.WriteString(`<title id="ladder-title">Career ladder: roles by track and level; arrows show where each role usually leads</title>`)
	b.WriteString(`<defs>`)
	for _, k := range []edgeKind{kindStep, kindMove} {
		fmt.Fprintf(&b, `<marker id="ladder-arrow-%s" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="ladder-arrowhead-%[1]s"/></marker>`, k.name())
	}
	b.WriteString(`</defs><g aria-hidden="true">`)
	for _, lv := range l.levels {
		fmt.Fprintf(&b, `<text class="ladder-level" x="%d" y="%d">L%d</text>`, marginX, lv.y, lv.level)
	}
	for _, t := range l.tracks {
		fmt.Fprintf(&b, `<text class="ladder-track" x="%d" y="%d" text-anchor="middle">%s</text>`, t.x, t.y, tspans(t.lines, t.x, headLineH))
	}
	// Lines first, so boxes draw over their ends.
	for _, n := range l.nets {
		fmt.Fprintf(&b, `<g class="ladder-edge ladder-edge-%s" data-ends="%s">`, n.kind.name(), netEnds(n))
		for _, p := range n.paths {
			b.WriteString(polyline(n.kind, p))
		}
		for _, j := range n.joints {
			fmt.Fprintf(&b, `<circle class="ladder-joint" cx="%d" cy="%d" r="3"/>`, j.x, j.y)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</g>`)
	for _, x := range l.boxes {
		r := x.role
		where := fmt.Sprintf("%s, level %d", r.TrackTitle, r.Level)
		if lo, hi := r.LevelRange(); len(r.HeldAt) > 0 && lo != hi {
			where = fmt.Sprintf("%s, held at levels %d to %d", r.TrackTitle, lo, hi)
		}
		class := "ladder-role ladder-track-" + r.Track
		if len(r.HeldAt) > 0 {
			class += " ladder-held"
		}
		fmt.Fprintf(&b, `<a href="%s" class="%s"><title>%s (%s)</title>`,
			html.EscapeString(rel("/roles/"+r.ID+"/")), html.EscapeString(class), html.EscapeString(r.Title), html.EscapeString(where))
		if d := roleMoves(r); d != "" {
			fmt.Fprintf(&b, `<desc>%s</desc>`, html.EscapeString(d))
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="8"/>`, x.r.x, x.r.y, x.r.w, x.r.h)
		cx, cy := x.r.cx(), x.r.y+x.r.h/2
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text></a>`, cx, cy-(len(x.lines)-1)*labelLineH/2+5, tspans(x.lines, cx, labelLineH))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// tspans sets lines of text one under the other, centred at x.
func tspans(lines []string, x, lineH int) string {
	if len(lines) == 1 {
		return html.EscapeString(lines[0])
	}
	var b strings.Builder
	for i, s := range lines {
		dy := ""
		if i > 0 {
			dy = fmt.Sprintf(` dy="%d"`, lineH)
		}
		fmt.Fprintf(&b, `<tspan x="%d"%s>%s</tspan>`, x, dy, html.EscapeString(s))
	}
	return b.String()
}

// polyline draws one path of a connector.
func polyline(k edgeKind, p ladderPath) string {
	coords := make([]string, len(p.pts))
	for i, q := range p.pts {
		coords[i] = fmt.Sprintf("%d,%d", q.x, q.y)
	}
	marker, name := "", k.name()
	if p.arrowStart {
		marker += fmt.Sprintf(` marker-start="url(#ladder-arrow-%s)"`, name)
	}
	if p.arrow {
		marker += fmt.Sprintf(` marker-end="url(#ladder-arrow-%s)"`, name)
	}
	return fmt.Sprintf(`<polyline points="%s"%s/>`, strings.Join(coords, " "), marker)
}

// netEnds names a connector's roles, its first end first.
func netEnds(n *net) string {
	ids := make([]string, len(n.ends))
	for i, b := range n.ends {
		ids[i] = b.role.ID
	}
	return html.EscapeString(strings.Join(ids, " "))
}

// roleMoves describes in words the lines that leave a role's box, for
// readers who do not see them.
func roleMoves(r *career.Role) string {
	var parts []string
	if len(r.LeadsTo) > 0 {
		parts = append(parts, "Leads to "+titles(r.LeadsTo))
	}
	if len(r.Adjacent) > 0 {
		parts = append(parts, "adjacent to "+titles(r.Adjacent))
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, "; ") + "."
	return strings.ToUpper(s[:1]) + s[1:]
}

// titles joins role titles as "a, b and c".
func titles(rs []*career.Role) string {
	ts := make([]string, len(rs))
	for i, r := range rs {
		ts[i] = r.Title
	}
	if len(ts) == 1 {
		return ts[0]
	}
	return strings.Join(ts[:len(ts)-1], ", ") + " and " + ts[len(ts)-1]
}
