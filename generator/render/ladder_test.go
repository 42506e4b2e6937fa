package render

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
)

func noRel(u string) string { return u }

// A label breaks into as few lines as fit its box, as evenly as it can; a
// word longer than a line keeps a line of its own.
func TestWrapLabel(t *testing.T) {
	tests := []struct {
		in   string
		fit  int
		want []string
	}{
		{"Principal", 13, []string{"Principal"}},
		{"Engineer II", 13, []string{"Engineer II"}},
		{"Solutions Architect", 13, []string{"Solutions", "Architect"}},
		{"Engineering Manager", 13, []string{"Engineering", "Manager"}},
		{"Senior Engineering Manager", 13, []string{"Senior", "Engineering", "Manager"}},
		{"Senior Engineering Manager", 18, []string{"Senior Engineering", "Manager"}},
		{"Head of Platform Engineering", 17, []string{"Head of Platform", "Engineering"}},
		{"a b c d", 3, []string{"a b", "c d"}},
		{"Supercalifragilisticexpialidocious", 13, []string{"Supercalifragilisticexpialidocious"}},
	}
	for _, tt := range tests {
		if got := wrapLabel(tt.in, tt.fit); !slices.Equal(got, tt.want) {
			t.Errorf("wrapLabel(%q, %d) = %q, want %q", tt.in, tt.fit, got, tt.want)
		}
	}
}

// A long label takes more lines, and its row grows to hold them; a word
// longer than a box widens the box's slot rather than shrink the type.
func TestLadderLabels(t *testing.T) {
	em := &career.Role{ID: "em", Title: "Engineering Manager", Track: "mgmt", LevelName: "Senior Engineering Manager", Level: 2}
	junior := &career.Role{ID: "junior", Title: "Junior Engineer", Track: "ic", Level: 1}
	long := &career.Role{ID: "long", Title: "Supercalifragilisticexpialidocious", Track: "ic", Level: 2}
	m := &career.Model{
		Roles: []*career.Role{junior, long, em},
		Tracks: []career.Track{
			{Key: "ic", Title: "Individual contributor", Roles: []*career.Role{junior, long}},
			{Key: "mgmt", Title: "Management", Roles: []*career.Role{em}},
		},
	}
	svg := string(Ladder(m, noRel))
	for _, want := range []string{
		`">Senior</tspan><tspan x="`, `" dy="17">Engineering</tspan><tspan x="`, `" dy="17">Manager</tspan></text>`,
		`text-anchor="middle">Junior Engineer</text>`,
		`text-anchor="middle">Supercalifragilisticexpialidocious</text>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the ladder lacks %q:\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "font-size") {
		t.Errorf("a label is set in smaller type:\n%s", svg)
	}
	l := layoutLadder(m)
	checkLayout(t, "labels", l)
	if w := l.byID["long"].r.w; w < len("Supercalifragilisticexpialidocious")*charW {
		t.Errorf("the box of a 34-letter word is %d wide", w)
	}
	if h := l.byID["em"].r.h; h < 3*labelLineH {
		t.Errorf("the box of a three-line label is %d high", h)
	}
}

// futureLadder is the shape of the handbook's ladder with Tech Lead held
// at Senior or Staff and a two-level management track beside it.
func futureLadder() *career.Model {
	role := func(id, track string, level int) *career.Role {
		return &career.Role{ID: id, Title: id, Track: track, Level: level}
	}
	e1, e2, senior := role("e1", "ic", 1), role("e2", "ic", 2), role("senior", "ic", 3)
	staff, principal, lead := role("staff", "ic", 4), role("principal", "ic", 5), role("lead", "ic", 3)
	em, sem := role("em", "mgmt", 4), role("sem", "mgmt", 5)
	sre, sa := role("sre", "adj", 3), role("sa", "adj", 3)
	lead.HeldAt = []*career.Role{senior, staff}
	e1.LeadsTo = []*career.Role{e2}
	e2.LeadsTo = []*career.Role{senior}
	senior.LeadsTo = []*career.Role{lead, staff, em}
	staff.LeadsTo = []*career.Role{principal}
	lead.LeadsTo = []*career.Role{em}
	em.LeadsTo = []*career.Role{sem}
	senior.Adjacent = []*career.Role{sre, sa}
	staff.Adjacent = []*career.Role{lead, sa}
	principal.Adjacent = []*career.Role{sem}
	// Adjacency is symmetric.
	sre.Adjacent = []*career.Role{senior}
	sa.Adjacent = []*career.Role{senior, staff}
	lead.Adjacent = []*career.Role{staff}
	sem.Adjacent = []*career.Role{principal}
	// Senior may skip a level, and Staff may step sideways to lead.
	senior.LeadsTo = append(senior.LeadsTo, principal)
	staff.LeadsTo = append(staff.LeadsTo, lead)
	ic := []*career.Role{e1, e2, senior, lead, staff, principal}
	return &career.Model{
		Roles: append(append(ic, em, sem), sre, sa),
		Tracks: []career.Track{
			{Key: "ic", Title: "Individual contributor", Roles: ic},
			{Key: "mgmt", Title: "Management", Roles: []*career.Role{em, sem}},
			{Key: "adj", Title: "Adjacent", Roles: []*career.Role{sre, sa}},
		},
	}
}

// A role held at two levels is drawn beside them, as tall as both, in a
// lane of its own; steps go straight up their column; moves into the
// same role share one arrowhead; adjacent roles share one connector.
func TestLadderHeldAt(t *testing.T) {
	l := layoutLadder(futureLadder())
	checkLayout(t, "futureLadder", l)
	lead, senior, staff := l.byID["lead"].r, l.byID["senior"].r, l.byID["staff"].r
	if lead.y != staff.y || lead.bottom() != senior.bottom() {
		t.Errorf("lead spans y %d..%d, want staff's top %d to senior's bottom %d", lead.y, lead.bottom(), staff.y, senior.bottom())
	}
	if lead.x < senior.right() || lead.x < staff.right() {
		t.Errorf("lead at x %d overlaps the column of senior (%d) and staff (%d)", lead.x, senior.x, staff.x)
	}
	if e1, e2 := l.byID["e1"].r, l.byID["e2"].r; e1.x != senior.x || e2.x != senior.x {
		t.Errorf("the steps of the column are not aligned: e1 %d, e2 %d, senior %d", e1.x, e2.x, senior.x)
	}
	got, straight := map[string]string{}, 0
	for _, n := range l.nets {
		got[netEnds(n)] = n.kind.name()
		// A step to the next level up the same column is one straight line.
		if a, b := n.ends[0], n.ends[len(n.ends)-1]; n.kind == kindStep && len(n.ends) == 2 && a.slot == b.slot && a.row0 == b.row1+1 {
			if len(n.paths) != 1 || len(n.paths[0].pts) != 2 {
				t.Errorf("the step %s is drawn %v, want one straight line", netEnds(n), n.paths)
			}
			straight++
		}
	}
	want := map[string]string{
		"e1 e2": "step", "e2 senior": "step", "senior staff": "step", "principal senior staff": "step",
		"em sem": "step",
		// senior → lead and staff → lead share the arrow into lead.
		"lead senior staff": "move", "em senior lead": "move",
		"senior sre sa": "adjacent", "staff lead sa": "adjacent", "principal sem": "adjacent",
	}
	for ends, class := range want {
		if got[ends] != class {
			t.Errorf("connector %q is %q, want %q (all: %v)", ends, got[ends], class, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d connectors %v, want %d", len(got), got, len(want))
	}
	if straight != 4 {
		t.Errorf("%d steps to the next level up a column, want 4", straight)
	}
	svg := string(Ladder(futureLadder(), noRel))
	if !strings.Contains(svg, `ladder-held"><title>lead (, held at levels 3 to 4)</title>`) {
		t.Errorf("the held role's box does not say the levels it spans:\n%s", svg)
	}
	checkSVG(t, svg, l)
}

// A move and its way back are one line with an arrowhead at each end.
func TestLadderTwoWay(t *testing.T) {
	m := futureLadder()
	staff, em := m.Roles[4], m.Roles[6]
	staff.LeadsTo = append(staff.LeadsTo, em)
	em.LeadsTo = append(em.LeadsTo, staff)
	l := layoutLadder(m)
	checkLayout(t, "two-way", l)
	for _, n := range l.nets {
		if netEnds(n) == "staff em" || netEnds(n) == "em staff" {
			if n.kind != kindMove || !n.arrow[n.ends[0]] || !n.arrow[n.ends[1]] {
				t.Errorf("staff ⇄ em: kind %v, arrows %v", n.kind, n.arrow)
			}
			return
		}
	}
	t.Error("no connector between staff and em")
}

// The handbook's own ladder: no line enters a box, no two connectors
// share a line, every box is a focusable link with a title, and the text
// is never shown smaller than 11 px.
func TestLadderRealContent(t *testing.T) {
	tree, err := content.Load(os.DirFS("../.."), "content")
	if err != nil {
		t.Fatal(err)
	}
	m, err := career.Load(tree.Files)
	if err != nil {
		t.Fatal(err)
	}
	l := layoutLadder(m)
	checkLayout(t, "the handbook", l)
	svg := string(Ladder(m, noRel))
	checkSVG(t, svg, l)
	if n := strings.Count(svg, `<a href="/roles/`); n != len(m.Roles) {
		t.Errorf("%d links, want one per role (%d)", n, len(m.Roles))
	}
	if n := strings.Count(svg, `<title`); n != len(m.Roles)+1 {
		t.Errorf("%d titles, want the diagram's and one per role (%d)", n, len(m.Roles)+1)
	}
	minW := atoi(regexp.MustCompile(`min-width: (\d+)px`).FindStringSubmatch(svg)[1])
	if float64(minW)/float64(l.width)*ladderFont < ladderMinPx {
		t.Errorf("min-width %d px of a %d wide diagram shows %d px text at %.1f px", minW, l.width, ladderFont, float64(minW)/float64(l.width)*ladderFont)
	}
	t.Logf("the handbook's ladder: %d × %d, %d connectors, shown at least %d px wide", l.width, l.height, len(l.nets), minW)
}

// Ladders of every shape: random tracks, levels, held roles and paths.
// The layout is the same algorithm whatever the handbook: none of them may
// draw a line through a box or two connectors on one line.
func TestLadderRandom(t *testing.T) {
	var roles, nets, held, merged, twoWay int
	for seed := range uint64(300) {
		m := randomLadder(rand.New(rand.NewPCG(seed, 18)))
		l := layoutLadder(m)
		checkLayout(t, fmt.Sprintf("seed %d", seed), l)
		if t.Failed() {
			t.Fatalf("seed %d: %s", seed, describe(m))
		}
		roles += len(m.Roles)
		nets += len(l.nets)
		for _, r := range m.Roles {
			held += min(1, len(r.HeldAt))
		}
		for _, n := range l.nets {
			if len(n.ends) > 2 {
				merged++
			}
			if len(n.arrow) == 2 {
				twoWay++
			}
		}
	}
	// The ladders are varied enough to test something.
	t.Logf("300 ladders: %d roles (%d held), %d connectors (%d joining three roles or more, %d two-way)", roles, held, nets, merged, twoWay)
	if held == 0 || merged == 0 || twoWay == 0 || nets < 3000 {
		t.Errorf("the random ladders lack variety: %d held roles, %d connectors, %d joining three roles or more, %d two-way", held, nets, merged, twoWay)
	}
}

// randomLadder makes a model of one to four tracks over up to six
// levels, with several roles at a level, roles held at others' levels,
// steps, moves, two-way moves and adjacent roles.
func randomLadder(r *rand.Rand) *career.Model {
	m := &career.Model{}
	levels := 1 + r.IntN(6)
	for t := range 1 + r.IntN(4) {
		tr := career.Track{Key: fmt.Sprintf("t%d", t), Title: fmt.Sprintf("Track %d of the handbook", t)}
		var plain []*career.Role
		for lvl := 1; lvl <= levels; lvl++ {
			for i := range r.IntN(4) {
				id := fmt.Sprintf("r%d-%d-%d", t, lvl, i)
				plain = append(plain, &career.Role{ID: id, Title: "Role " + id, Track: tr.Key, TrackTitle: tr.Title, Level: lvl})
			}
		}
		tr.Roles = plain
		for i := range r.IntN(3) {
			if len(plain) < 2 {
				break
			}
			a, b := plain[r.IntN(len(plain))], plain[r.IntN(len(plain))]
			h := &career.Role{ID: fmt.Sprintf("h%d-%d", t, i), Title: "Held role", Track: tr.Key, TrackTitle: tr.Title, Level: a.Level, HeldAt: []*career.Role{a, b}}
			tr.Roles = append(tr.Roles, h)
		}
		m.Tracks = append(m.Tracks, tr)
		m.Roles = append(m.Roles, tr.Roles...)
	}
	if len(m.Roles) < 3 {
		return randomLadder(r)
	}
	pick := func() *career.Role { return m.Roles[r.IntN(len(m.Roles))] }
	for _, a := range m.Roles {
		for _, b := range m.Roles {
			if a.Track == b.Track && b.Level == a.Level+1 && r.IntN(3) > 0 {
				a.LeadsTo = append(a.LeadsTo, b)
			}
		}
	}
	for range r.IntN(2 * len(m.Roles)) {
		a, b := pick(), pick()
		if a == b {
			continue
		}
		a.LeadsTo = append(a.LeadsTo, b)
		if r.IntN(4) == 0 {
			b.LeadsTo = append(b.LeadsTo, a)
		}
	}
	for range r.IntN(len(m.Roles)) {
		a, b := pick(), pick()
		if a != b {
			a.Adjacent = append(a.Adjacent, b)
			b.Adjacent = append(b.Adjacent, a)
		}
	}
	return m
}

func describe(m *career.Model) string {
	var b strings.Builder
	for _, r := range m.Roles {
		lo, hi := r.LevelRange()
		fmt.Fprintf(&b, "\n%s (%s %d-%d) → %v ~ %v", r.ID, r.Track, lo, hi, ids(r.LeadsTo), ids(r.Adjacent))
	}
	return b.String()
}

func ids(rs []*career.Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// segment is a straight piece of a connector, for the geometry checks.
type segment struct {
	p, q point
	n    *net
}

func (s segment) String() string {
	return fmt.Sprintf("%s %s (%d,%d)-(%d,%d)", s.n.kind.name(), netEnds(s.n), s.p.x, s.p.y, s.q.x, s.q.y)
}

// checkLayout fails the test with every problem ladderProblems finds.
func checkLayout(t *testing.T, what string, l *ladderLayout) {
	t.Helper()
	for _, p := range ladderProblems(l) {
		t.Errorf("%s: %s", what, p)
	}
}

// ladderProblems checks the geometry of a ladder:
//   - boxes do not overlap, labels fit their boxes, all lies inside the SVG;
//   - every piece of line is horizontal or vertical, and no piece meets a
//     box except where a connector ends on the border of one of its roles;
//   - no two connectors share a stretch of line, cross at a corner or end
//     on each other (so a reader never sees where one becomes another);
//   - every connector reaches each of its roles, and an arrowhead has a
//     last stretch long enough to show it.
func ladderProblems(l *ladderLayout) []string {
	var out []string
	errorf := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for i, a := range l.boxes {
		if a.r.x < 0 || a.r.y < 0 || a.r.right() > l.width || a.r.bottom() > l.height {
			errorf("box %s %v lies outside the %d×%d diagram", a.role.ID, a.r, l.width, l.height)
		}
		if w := longest(a.lines)*charW + 2*boxPadX; w > a.r.w {
			errorf("the label %q of %s needs %d px, the box is %d wide", a.lines, a.role.ID, w, a.r.w)
		}
		if h := len(a.lines)*labelLineH + boxPadY; h > a.r.h {
			errorf("the label %q of %s needs %d px, the box is %d high", a.lines, a.role.ID, h, a.r.h)
		}
		for _, b := range l.boxes[i+1:] {
			if a.r.x < b.r.right() && b.r.x < a.r.right() && a.r.y < b.r.bottom() && b.r.y < a.r.bottom() {
				errorf("the boxes of %s %v and %s %v overlap", a.role.ID, a.r, b.role.ID, b.r)
			}
		}
	}
	var segs []segment
	for _, n := range l.nets {
		reached := map[*lbox]bool{}
		for _, p := range n.paths {
			if len(p.pts) < 2 {
				errorf("%s has a path of %d points", netEnds(n), len(p.pts))
				continue
			}
			first, last := p.pts[0], p.pts[len(p.pts)-1]
			for i := 1; i < len(p.pts); i++ {
				s := segment{p.pts[i-1], p.pts[i], n}
				if s.p.x != s.q.x && s.p.y != s.q.y || s.p == s.q {
					errorf("%v is not a horizontal or vertical stretch", s)
				}
				segs = append(segs, s)
				for _, b := range l.boxes {
					if !segmentMeets(s, b.r) {
						continue
					}
					// Only an end of the polyline may touch a box: on the
					// border of one of the connector's roles, leaving it.
					end := i == 1 && leaves(first, s.q, b.r) || i == len(p.pts)-1 && leaves(last, s.p, b.r)
					if !end || !slices.Contains(n.ends, b) {
						errorf("%v meets the box of %s %v", s, b.role.ID, b.r)
					}
				}
			}
			for _, b := range n.ends {
				if onBorder(first, b.r) || onBorder(last, b.r) {
					reached[b] = true
				}
			}
			if s := (segment{p: p.pts[len(p.pts)-2], q: last}); p.arrow && length(s) < 10 {
				errorf("the arrowhead of %s has a last stretch of %d px", netEnds(n), length(s))
			}
			if s := (segment{p: first, q: p.pts[1]}); p.arrowStart && length(s) < 10 {
				errorf("the arrowhead of %s has a first stretch of %d px", netEnds(n), length(s))
			}
		}
		for _, b := range n.ends {
			if !reached[b] {
				errorf("connector %s does not reach %s", netEnds(n), b.role.ID)
			}
		}
	}
	for i, a := range segs {
		for _, b := range segs[i+1:] {
			if a.n == b.n {
				continue
			}
			switch {
			case overlap(a, b) > 0:
				errorf("%v and %v share a stretch of line", a, b)
			case onSegment(a.p, b) || onSegment(a.q, b) || onSegment(b.p, a) || onSegment(b.q, a):
				errorf("%v and %v meet at an end", a, b)
			}
		}
	}
	return out
}

func onBorder(p point, r rect) bool {
	return (p.x == r.x || p.x == r.right()) && p.y >= r.y && p.y <= r.bottom() ||
		(p.y == r.y || p.y == r.bottom()) && p.x >= r.x && p.x <= r.right()
}

// leaves reports whether a stretch from e towards o starts on r's border
// and leaves r at once: then e is its only point in r.
func leaves(e, o point, r rect) bool {
	next := point{e.x + sign(o.x-e.x), e.y + sign(o.y-e.y)}
	return onBorder(e, r) && !segmentMeets(segment{p: next, q: next}, r)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func longest(lines []string) int {
	n := 0
	for _, s := range lines {
		n = max(n, len([]rune(s)))
	}
	return n
}

func mid(s segment) point { return point{(s.p.x + s.q.x) / 2, (s.p.y + s.q.y) / 2} }

func length(s segment) int { return abs(s.q.x-s.p.x) + abs(s.q.y-s.p.y) }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// segmentMeets reports whether the horizontal or vertical segment s has a
// point in the closed rectangle r.
func segmentMeets(s segment, r rect) bool {
	x0, x1 := min(s.p.x, s.q.x), max(s.p.x, s.q.x)
	y0, y1 := min(s.p.y, s.q.y), max(s.p.y, s.q.y)
	return x0 <= r.right() && x1 >= r.x && y0 <= r.bottom() && y1 >= r.y
}

// overlap is the length two collinear segments share.
func overlap(a, b segment) int {
	switch {
	case a.p.y == a.q.y && b.p.y == b.q.y && a.p.y == b.p.y:
		return min(max(a.p.x, a.q.x), max(b.p.x, b.q.x)) - max(min(a.p.x, a.q.x), min(b.p.x, b.q.x))
	case a.p.x == a.q.x && b.p.x == b.q.x && a.p.x == b.p.x:
		return min(max(a.p.y, a.q.y), max(b.p.y, b.q.y)) - max(min(a.p.y, a.q.y), min(b.p.y, b.q.y))
	}
	return 0
}

func onSegment(p point, s segment) bool {
	return p.x >= min(s.p.x, s.q.x) && p.x <= max(s.p.x, s.q.x) && p.y >= min(s.p.y, s.q.y) && p.y <= max(s.p.y, s.q.y)
}

func TestSegmentChecks(t *testing.T) {
	r := rect{10, 10, 20, 20}
	seg := func(x0, y0, x1, y1 int) segment { return segment{p: point{x0, y0}, q: point{x1, y1}} }
	meets := []struct {
		s    segment
		want bool
	}{
		{seg(0, 20, 40, 20), true},  // through
		{seg(0, 10, 40, 10), true},  // along the top border
		{seg(20, 0, 20, 10), true},  // ends on the border
		{seg(0, 0, 40, 0), false},   // above
		{seg(15, 15, 16, 15), true}, // inside
		{seg(0, 5, 9, 5), false},    // beside
	}
	for _, tt := range meets {
		if got := segmentMeets(tt.s, r); got != tt.want {
			t.Errorf("segmentMeets(%v, %v) = %v, want %v", tt.s, r, got, tt.want)
		}
	}
	overlaps := []struct {
		a, b segment
		want int
	}{
		{seg(0, 0, 10, 0), seg(5, 0, 20, 0), 5},
		{seg(0, 0, 10, 0), seg(10, 0, 20, 0), 0}, // end to end
		{seg(0, 0, 10, 0), seg(0, 1, 10, 1), 0},  // parallel
		{seg(0, 0, 0, 10), seg(0, 20, 0, 2), 8},
		{seg(0, 0, 0, 10), seg(5, 5, -5, 5), 0}, // crossing
	}
	for _, tt := range overlaps {
		if got := max(0, overlap(tt.a, tt.b)); got != tt.want {
			t.Errorf("overlap(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// A broken layout fails checkLayout: the checks can fail.
func TestCheckLayoutFails(t *testing.T) {
	bad := []func(l *ladderLayout){
		func(l *ladderLayout) { // a line through a box
			n := l.nets[0]
			a, b := l.byID["e1"].r, l.byID["principal"].r
			n.paths = append(n.paths, ladderPath{pts: []point{{a.cx(), a.y}, {b.cx(), b.bottom()}}})
		},
		func(l *ladderLayout) { // two connectors on one line
			a, b := l.nets[0], l.nets[len(l.nets)-1]
			b.paths = append(b.paths, a.paths[0])
		},
		func(l *ladderLayout) { // a connector that stops short of a role
			n := l.nets[len(l.nets)-1]
			n.paths = n.paths[:len(n.paths)-1]
		},
	}
	for i, breakIt := range bad {
		l := layoutLadder(futureLadder())
		breakIt(l)
		if len(ladderProblems(l)) == 0 {
			t.Errorf("broken layout %d passes the checks", i)
		}
	}
}

var (
	netRE  = regexp.MustCompile(`<g class="ladder-edge ladder-edge-([a-z]+)" data-ends="([^"]+)">(.*?)</g>`)
	polyRE = regexp.MustCompile(`<polyline points="([0-9, ]+)"`)
	rectRE = regexp.MustCompile(`<a href="/roles/([^/]+)/"[^>]*><title>[^<]*</title>(?:<desc>[^<]*</desc>)?<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"`)
)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// checkSVG checks that the SVG draws the layout: its boxes and every
// connector's polylines.
func checkSVG(t *testing.T, svg string, l *ladderLayout) {
	t.Helper()
	boxes := rectRE.FindAllStringSubmatch(svg, -1)
	if len(boxes) != len(l.boxes) {
		t.Errorf("the SVG has %d boxes, the layout %d", len(boxes), len(l.boxes))
	}
	for _, m := range boxes {
		b := l.byID[m[1]]
		if got := (rect{atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5])}); b == nil || got != b.r {
			t.Errorf("the SVG draws %s at %v, the layout at %v", m[1], got, b)
		}
	}
	nets := netRE.FindAllStringSubmatch(svg, -1)
	if len(nets) != len(l.nets) {
		t.Errorf("the SVG has %d connectors, the layout %d", len(nets), len(l.nets))
	}
	for i, m := range nets {
		if i >= len(l.nets) {
			break
		}
		n := l.nets[i]
		if m[1] != n.kind.name() || m[2] != netEnds(n) {
			t.Errorf("connector %d is %s %q in the SVG, %s %q in the layout", i, m[1], m[2], n.kind.name(), netEnds(n))
		}
		polys := polyRE.FindAllStringSubmatch(m[3], -1)
		if len(polys) != len(n.paths) {
			t.Errorf("connector %q: %d polylines, %d paths", m[2], len(polys), len(n.paths))
			continue
		}
		for j, p := range polys {
			var pts []point
			for _, xy := range strings.Fields(p[1]) {
				x, y, _ := strings.Cut(xy, ",")
				pts = append(pts, point{atoi(x), atoi(y)})
			}
			if !slices.Equal(pts, n.paths[j].pts) {
				t.Errorf("connector %q path %d: the SVG draws %v, the layout %v", m[2], j, pts, n.paths[j].pts)
			}
		}
	}
}
