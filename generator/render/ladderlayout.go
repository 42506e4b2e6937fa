package render

import (
	"cmp"
	"container/heap"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/career"
)

// The ladder's layout is computed from the model alone, for any handbook:
//
//  1. Slots. Each track gets as many columns ("slots") as it has roles at
//     its busiest level, plus slots on its right for the roles held at
//     other roles' levels (two held roles share a slot when their spans
//     of levels do not meet). Each level is a row, the highest on top.
//  2. A coarse grid. Between and around the slots run vertical channels,
//     between and around the rows horizontal ones. The grid's cells are
//     the channels, the slots' cells and their crossings; a cell holding
//     a box (or a held box's span across a channel) is blocked.
//  3. Routing. Every connection is a net: a step up a track, a move (to
//     another track, or into or out of a held role; two moves between the
//     same roles in both directions are one net with an arrow at each
//     end), or the adjacent roles of one role, grouped into one dashed
//     connector. Nets are routed one by one through free cells, cheapest
//     first (length, bends, and cells other nets already use), so an edge
//     never enters a box.
//  4. Lanes. Each net's path is cut into straight runs. Runs of different
//     nets on the same row or column of cells whose cells overlap get
//     lanes of their own, and each channel is made as wide as its lanes
//     need: no two nets share a line, whatever their kinds.
//  5. Geometry. The channels' and slots' sizes give every box, lane and
//     corner its coordinates.

// Ladder geometry, in SVG user units.
const (
	ladderFont  = 14  // every text of the diagram, in px
	ladderMinPx = 11  // the smallest size text may be shown at: the SVG's min-width
	boxW        = 128 // a slot's width, unless a label's longest word needs more
	boxPadX     = 8   // room beside a label's longest line
	boxPadY     = 10  // room above and below a label
	minBoxH     = 46
	charW       = 9  // a generous width of one bold 14 px character
	labelLineH  = 17 // between the baselines of a label's lines
	pitch       = 8  // between two parallel lines in a channel
	lanePad     = 12 // from a channel's side to its first line, room for an arrowhead
	minGapX     = 16 // the narrowest channel between two slots of a track
	trackGapX   = 28 // the narrowest channel between two tracks
	minGapY     = 28 // the lowest channel between two rows
	marginX     = 8
	levelLabelW = 36
	headLineH   = 18
	headPad     = 8
)

// rect is a box in the ladder.
type rect struct{ x, y, w, h int }

func (r rect) cx() int     { return r.x + r.w/2 }
func (r rect) bottom() int { return r.y + r.h }
func (r rect) right() int  { return r.x + r.w }

// point is a corner of an edge's path.
type point struct{ x, y int }

// edgeKind tells the kinds of connection apart; each is drawn its own way.
type edgeKind int

const (
	kindStep     edgeKind = iota // up its own track: the usual next level
	kindMove                     // to another track, or into or out of a held role
	kindAdjacent                 // adjacent roles, without direction
)

// name names the kind in the SVG's classes and ids.
func (k edgeKind) name() string {
	return [...]string{"step", "move", "adjacent"}[k]
}

// lbox is a role's box.
type lbox struct {
	role       *career.Role
	slot       int // column of slots, left to right
	row0, row1 int // its top and bottom rows (row 0 is the highest level)
	label      string
	lines      []string
	r          rect
}

// cell is a cell of the coarse grid: x even is a vertical channel (x/2
// counts them from the left), x odd the slot x/2; y even a horizontal
// channel, y odd the row y/2.
type cell struct{ x, y int }

// dir is a direction on the grid.
type dir int

const (
	north dir = iota
	east
	south
	west
)

var steps = [4]cell{{0, -1}, {1, 0}, {0, 1}, {-1, 0}}

func (c cell) step(d dir) cell { return cell{c.x + steps[d].x, c.y + steps[d].y} }
func (d dir) vertical() bool   { return d == north || d == south }
func (d dir) back() dir        { return (d + 2) % 4 }

// net is one connector: its terminals and the cells it runs through.
type net struct {
	kind  edgeKind
	ends  []*lbox        // ends[0] is the source, or the role whose adjacent roles it joins
	arrow map[*lbox]bool // the ends drawn with an arrowhead
	// links holds, for each cell the net runs through, the directions it
	// leaves the cell in: to another of its cells or into one of its ends.
	links map[cell]uint8
	// vx and hy are the x of the vertical run and the y of the horizontal
	// run through each cell, once the lanes are set.
	vx, hy map[cell]int
	paths  []ladderPath // the net drawn: polylines from ends[0]
	joints []point      // where a branch leaves, drawn as a dot
}

// ladderPath is one polyline of a net.
type ladderPath struct {
	pts               []point
	arrowStart, arrow bool
}

func (n *net) has(c cell, d dir) bool { return n.links[c]&(1<<d) != 0 }

func (n *net) link(a cell, d dir) {
	n.links[a] |= 1 << d
}

// ladderLayout is the computed diagram.
type ladderLayout struct {
	boxes      []*lbox // in the model's role order
	byID       map[string]*lbox
	nets       []*net
	tracks     []trackHead
	levels     []levelLabel
	width      int
	height     int
	nx, ny     int
	blocked    map[cell]*lbox
	colX, colW []int // x and width of each column of cells
	rowY, rowH []int // y and height of each row of cells
	runList    []*run
}

type trackHead struct {
	lines []string
	x     int // centre
	y     int // first baseline
}

type levelLabel struct {
	level, y int
}

// span is the first and last slot of a track.
type span struct{ first, last int }

// layoutLadder computes the diagram of m, one stage after another.
func layoutLadder(m *career.Model) *ladderLayout {
	l := &ladderLayout{byID: map[string]*lbox{}, blocked: map[cell]*lbox{}}
	spans, levels := l.placeBoxes(m)
	l.sizeForLabels(spans)
	l.nets = ladderNets(m, l.byID)
	use := map[cell][2]int{} // runs through a cell: [horizontal, vertical]
	for _, n := range l.nets {
		l.route(n, use)
	}
	lanesX, lanesY := l.assignLanes()
	for x := range l.colW {
		l.colW[x] = max(l.colW[x], laneRoom(x%2 == 1, lanesX[x]))
	}
	for y := range l.rowH {
		l.rowH[y] = max(l.rowH[y], laneRoom(y%2 == 1, lanesY[y]))
	}
	l.place(m, spans, levels)
	l.placeLanes(lanesX, lanesY)
	for _, n := range l.nets {
		l.draw(n)
	}
	return l
}

// placeBoxes gives every role its slot and rows (stage 1) and sets up the
// grid (stage 2). It returns the slots of each track and the levels drawn,
// highest first.
func (l *ladderLayout) placeBoxes(m *career.Model) ([]span, []int) {
	minL, maxL := 0, 0
	for i, r := range m.Roles {
		lo, hi := r.LevelRange()
		if i == 0 {
			minL, maxL = lo, hi
		}
		minL, maxL = min(minL, lo), max(maxL, hi)
	}
	row := func(level int) int { return maxL - level }
	var spans []span
	slot := 0
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
		for lvl, rs := range byLevel {
			start := slot + (width-len(rs))/2
			for i, r := range rs {
				l.add(r, start+i, row(lvl), row(lvl))
				// Specialisations that share a level name ("Senior")
				// are told apart by their titles.
				if slices.ContainsFunc(rs, func(o *career.Role) bool { return o != r && boxText(o) == boxText(r) }) {
					l.byID[r.ID].label = r.Title
				}
			}
		}
		// Held roles: each in the first held slot its span fits in.
		var lanes [][]*career.Role
		for _, r := range held {
			lo, hi := r.LevelRange()
			k := slices.IndexFunc(lanes, func(rs []*career.Role) bool {
				return !slices.ContainsFunc(rs, func(o *career.Role) bool {
					olo, ohi := o.LevelRange()
					return olo <= hi && lo <= ohi
				})
			})
			if k < 0 {
				k = len(lanes)
				lanes = append(lanes, nil)
			}
			lanes[k] = append(lanes[k], r)
			l.add(r, slot+width+k, row(hi), row(lo))
		}
		spans = append(spans, span{slot, slot + width + len(lanes) - 1})
		slot += width + len(lanes)
	}
	for _, r := range m.Roles {
		if b := l.byID[r.ID]; b != nil {
			l.boxes = append(l.boxes, b)
		}
	}
	l.nx, l.ny = 2*slot+1, 2*(maxL-minL+1)+1
	for _, b := range l.boxes {
		for y := 2*b.row0 + 1; y <= 2*b.row1+1; y++ {
			l.blocked[cell{2*b.slot + 1, y}] = b
		}
	}
	var levels []int
	for lvl := maxL; lvl >= minL; lvl-- {
		levels = append(levels, lvl)
	}
	return spans, levels
}

// sizeForLabels sizes the grid's cells before routing: channels at their
// narrowest, a slot as wide as the longest word of its labels, a row as
// tall as its longest label; and breaks each label into lines.
func (l *ladderLayout) sizeForLabels(spans []span) {
	l.colW, l.rowH = make([]int, l.nx), make([]int, l.ny)
	for x := range l.colW {
		l.colW[x] = minGapX
		if x%2 == 1 {
			l.colW[x] = boxW
		}
	}
	for _, s := range spans[1:] {
		l.colW[2*s.first] = trackGapX
	}
	for y := range l.rowH {
		l.rowH[y] = minGapY
		if y%2 == 1 {
			l.rowH[y] = minBoxH
		}
	}
	for _, b := range l.boxes {
		for _, w := range strings.Fields(b.label) {
			l.colW[2*b.slot+1] = max(l.colW[2*b.slot+1], len([]rune(w))*charW+2*boxPadX)
		}
	}
	for _, b := range l.boxes {
		b.lines = wrapLabel(b.label, (l.colW[2*b.slot+1]-2*boxPadX)/charW)
		if b.row0 == b.row1 {
			y := 2*b.row0 + 1
			l.rowH[y] = max(l.rowH[y], len(b.lines)*labelLineH+2*boxPadY)
		}
	}
}

// place sets the coordinates of the grid, the boxes, the track names (above
// the grid, each wrapped to the width of its track) and the level labels
// (stage 5).
func (l *ladderLayout) place(m *career.Model, spans []span, levels []int) {
	l.colX = make([]int, l.nx)
	x := marginX + levelLabelW
	for i := range l.colX {
		l.colX[i] = x
		x += l.colW[i]
	}
	l.width = x + marginX
	headLines := 1
	heads := make([][]string, len(m.Tracks))
	for i, t := range m.Tracks {
		s := spans[i]
		w := l.colX[2*s.last+1] + l.colW[2*s.last+1] - l.colX[2*s.first+1]
		heads[i] = wrapLabel(t.Title, max(1, w/charW))
		headLines = max(headLines, len(heads[i]))
	}
	l.rowY = make([]int, l.ny)
	y := headPad + headLines*headLineH
	for i := range l.rowY {
		l.rowY[i] = y
		y += l.rowH[i]
	}
	l.height = y + 4
	for i, s := range spans {
		x0, x1 := l.colX[2*s.first+1], l.colX[2*s.last+1]+l.colW[2*s.last+1]
		l.tracks = append(l.tracks, trackHead{lines: heads[i], x: (x0 + x1) / 2, y: headPad + headLineH - 4})
	}
	for i, lvl := range levels {
		y := 2*i + 1
		l.levels = append(l.levels, levelLabel{level: lvl, y: l.rowY[y] + l.rowH[y]/2 + 5})
	}
	for _, b := range l.boxes {
		x := 2*b.slot + 1
		y0, y1 := 2*b.row0+1, 2*b.row1+1
		b.r = rect{l.colX[x], l.rowY[y0], l.colW[x], l.rowY[y1] + l.rowH[y1] - l.rowY[y0]}
	}
}

func (l *ladderLayout) add(r *career.Role, slot, row0, row1 int) {
	l.byID[r.ID] = &lbox{role: r, slot: slot, row0: row0, row1: row1, label: boxText(r)}
}

// boxText is the label of a role's box: its level name, or its title
// (also when another role of its level has the same level name).
func boxText(r *career.Role) string {
	if r.LevelName != "" {
		return r.LevelName
	}
	return r.Title
}

// wrapLabel breaks text into as few lines of at most fit characters as
// its words allow, and among those the most even ones ("Senior
// Engineering Manager" in three lines, not "Senior Engineering" and
// "Manager" when that first line is too long). A word longer than fit
// keeps a line of its own.
func wrapLabel(text string, fit int) []string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{text}
	}
	width := func(ws []string) int { return len([]rune(strings.Join(ws, " "))) }
	// best[i] is the best breaking of words[i:]: fewest lines, then the
	// shortest longest line.
	type breaking struct {
		lines, longest, next int
	}
	best := make([]breaking, len(words)+1)
	for i := len(words) - 1; i >= 0; i-- {
		best[i] = breaking{lines: -1}
		for j := i + 1; j <= len(words); j++ {
			w := width(words[i:j])
			if w > fit && j > i+1 {
				break
			}
			b := breaking{lines: 1 + best[j].lines, longest: max(w, best[j].longest), next: j}
			if j == len(words) {
				b.lines = 1
			}
			if best[i].lines < 0 || b.lines < best[i].lines || b.lines == best[i].lines && b.longest < best[i].longest {
				best[i] = b
			}
		}
	}
	var lines []string
	for i := 0; i < len(words); i = best[i].next {
		lines = append(lines, strings.Join(words[i:best[i].next], " "))
	}
	return lines
}

// ladderNets lists the connections of the ladder, in drawing order:
// steps, moves, then the adjacent roles, one connector per role that has
// adjacent roles not yet joined (the role with most of them first).
func ladderNets(m *career.Model, byID map[string]*lbox) []*net {
	var steps, moves, adj []*net
	pair := map[[2]*lbox]*net{}
	for _, r := range m.Roles {
		a := byID[r.ID]
		for _, to := range r.LeadsTo {
			b := byID[to.ID]
			if a == nil || b == nil || a == b || pair[[2]*lbox{a, b}] != nil {
				continue
			}
			if back := pair[[2]*lbox{b, a}]; back != nil {
				back.kind = kindMove // a step has no way back
				back.arrow[b] = true
				pair[[2]*lbox{a, b}] = back
				continue
			}
			n := &net{kind: kindMove, ends: []*lbox{a, b}, arrow: map[*lbox]bool{b: true}}
			if r.Track == to.Track && len(r.HeldAt) == 0 && len(to.HeldAt) == 0 && to.Level > r.Level {
				n.kind = kindStep
			}
			pair[[2]*lbox{a, b}] = n
			if n.kind == kindStep {
				steps = append(steps, n)
			} else {
				moves = append(moves, n)
			}
		}
	}
	// Two-way moves were steps when first seen only if they went up; keep
	// each list in the model's order.
	steps = slices.DeleteFunc(steps, func(n *net) bool { return n.kind != kindStep })
	for _, n := range pair {
		if n.kind == kindMove && !slices.Contains(moves, n) {
			moves = append(moves, n)
		}
	}
	slices.SortStableFunc(moves, func(a, b *net) int { return cmp.Compare(order(m, a), order(m, b)) })
	steps, moves = merge(steps), merge(moves)

	joined := map[[2]*lbox]bool{}
	todo := func(r *career.Role) []*lbox {
		var out []*lbox
		a := byID[r.ID]
		for _, o := range r.Adjacent {
			b := byID[o.ID]
			if a == nil || b == nil || a == b || joined[[2]*lbox{a, b}] || slices.Contains(out, b) {
				continue
			}
			out = append(out, b)
		}
		return out
	}
	for {
		var best *career.Role
		var bestN int
		for _, r := range m.Roles {
			if n := len(todo(r)); n > bestN {
				best, bestN = r, n
			}
		}
		if best == nil {
			break
		}
		a := byID[best.ID]
		n := &net{kind: kindAdjacent, ends: []*lbox{a}, arrow: map[*lbox]bool{}}
		for _, b := range todo(best) {
			n.ends = append(n.ends, b)
			joined[[2]*lbox{a, b}], joined[[2]*lbox{b, a}] = true, true
		}
		adj = append(adj, n)
	}
	for _, n := range slices.Concat(steps, moves, adj) {
		n.links = map[cell]uint8{}
	}
	return slices.Concat(steps, moves, adj)
}

// merge joins one-way connectors that lead to the same role into one
// whose only arrowhead is at that role (Data, Security and SRE lead to
// Staff): its first end is the target, unless it has only one source.
func merge(ns []*net) []*net {
	var out []*net
	into := map[*lbox]*net{}
	for _, n := range ns {
		src, dst := n.ends[0], n.ends[1]
		if n.arrow[src] {
			out = append(out, n) // two ways: a connector of its own
			continue
		}
		if m := into[dst]; m != nil {
			m.ends = append(m.ends, src)
			continue
		}
		m := &net{kind: n.kind, ends: []*lbox{dst, src}, arrow: map[*lbox]bool{dst: true}}
		into[dst] = m
		out = append(out, m)
	}
	for _, m := range out {
		if len(m.ends) == 2 && m.arrow[m.ends[0]] && !m.arrow[m.ends[1]] {
			m.ends[0], m.ends[1] = m.ends[1], m.ends[0] // one source: drawn from it
		}
	}
	return out
}

// order is the position of a net's source among the model's roles, then
// of its target: the model's order, for a deterministic layout.
func order(m *career.Model, n *net) int {
	i := slices.Index(m.Roles, n.ends[0].role)
	j := slices.Index(m.Roles, n.ends[1].role)
	return i*len(m.Roles) + j
}

// Routing costs: lengths are the cells' sizes before lanes widen them.
const (
	bendCost  = 60
	crowdCost = 30 // for each run of another net already in the cell, the same way
)

// route finds n's cells: from its first end to its second, then from each
// further end to the cells found so far. It records the runs in use.
func (l *ladderLayout) route(n *net, use map[cell][2]int) {
	for i, b := range n.ends[1:] {
		var goal func(c cell) bool
		target := n.ends[0]
		if i > 0 {
			goal = func(c cell) bool { return n.links[c] != 0 }
		}
		path, first, last, intoBox := l.search(b, target, goal, use)
		// path runs from b's side to the target, or to a cell of n:
		// record it as links of n, both ways.
		n.link(path[0], first.back())
		for k := 1; k < len(path); k++ {
			d := dirTo(path[k-1], path[k])
			n.link(path[k-1], d)
			n.link(path[k], d.back())
		}
		if intoBox {
			n.link(path[len(path)-1], last)
		}
	}
	for c, ds := range n.links {
		u := use[c]
		if ds&(1<<east|1<<west) != 0 {
			u[0]++
		}
		if ds&(1<<north|1<<south) != 0 {
			u[1]++
		}
		use[c] = u
	}
}

func dirTo(a, b cell) dir {
	switch {
	case b.y < a.y:
		return north
	case b.x > a.x:
		return east
	case b.y > a.y:
		return south
	}
	return west
}

type searchState struct {
	c cell
	d dir
}

type searchItem struct {
	s    searchState
	cost int
	seq  int
}

type searchQueue []searchItem

func (q searchQueue) Len() int { return len(q) }
func (q searchQueue) Less(i, j int) bool {
	return q[i].cost < q[j].cost || q[i].cost == q[j].cost && q[i].seq < q[j].seq
}
func (q searchQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *searchQueue) Push(x any)   { *q = append(*q, x.(searchItem)) }
func (q *searchQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// search is Dijkstra's shortest path from box a to box b (or, when goal
// is set, to the first cell goal accepts, or to b), through free cells.
// It returns the cells, the direction the path leaves a in, the direction
// it enters b in and whether it ends at b.
func (l *ladderLayout) search(a, b *lbox, goal func(cell) bool, use map[cell][2]int) ([]cell, dir, dir, bool) {
	dist := map[searchState]int{}
	from := map[searchState]searchState{}
	var q searchQueue
	seq := 0
	push := func(s searchState, cost int, prev *searchState) {
		if old, ok := dist[s]; ok && old <= cost {
			return
		}
		dist[s] = cost
		if prev != nil {
			from[s] = *prev
		} else {
			delete(from, s)
		}
		seq++
		heap.Push(&q, searchItem{s, cost, seq})
	}
	enter := func(c cell, d dir) int {
		u := use[c]
		if d.vertical() {
			return l.rowH[c.y] + crowdCost*u[1]
		}
		return l.colW[c.x] + crowdCost*u[0]
	}
	for y := 2*a.row0 + 1; y <= 2*a.row1+1; y++ {
		c := cell{2*a.slot + 1, y}
		for d := north; d <= west; d++ {
			if n := c.step(d); l.free(n) {
				push(searchState{n, d}, enter(n, d), nil)
			}
		}
	}
	best, bestCost, endDir, intoBox := searchState{}, -1, dir(0), false
	for q.Len() > 0 {
		it := heap.Pop(&q).(searchItem)
		s := it.s
		if it.cost != dist[s] {
			continue
		}
		if bestCost >= 0 && it.cost >= bestCost {
			break
		}
		if goal != nil && goal(s.c) {
			best, bestCost, intoBox = s, it.cost, false
			break
		}
		for d := north; d <= west; d++ {
			if d == s.d.back() {
				continue
			}
			cost := it.cost
			if d != s.d {
				cost += bendCost
			}
			n := s.c.step(d)
			if l.blocked[n] == b {
				if bestCost < 0 || cost < bestCost {
					best, bestCost, endDir, intoBox = s, cost, d, true
				}
				continue
			}
			if !l.free(n) {
				continue
			}
			cur := s
			push(searchState{n, d}, cost+enter(n, d), &cur)
		}
	}
	var path []cell
	s := best
	for {
		path = append(path, s.c)
		p, ok := from[s]
		if !ok {
			break
		}
		s = p
	}
	slices.Reverse(path)
	return path, s.d, endDir, intoBox
}

func (l *ladderLayout) free(c cell) bool {
	return c.x >= 0 && c.y >= 0 && c.x < l.nx && c.y < l.ny && l.blocked[c] == nil
}

// run is a straight piece of a net: cells from lo to hi along a line of
// the grid (the column x for a vertical run, the row y for a horizontal).
type run struct {
	n        *net
	vertical bool
	line     int
	lo, hi   int // cell indices along the line
	lane     int
}

// runs cuts each net into straight runs.
func (l *ladderLayout) runs() []*run {
	var out []*run
	for _, n := range l.nets {
		cells := make([]cell, 0, len(n.links))
		for c := range n.links {
			cells = append(cells, c)
		}
		slices.SortFunc(cells, func(a, b cell) int { return cmp.Or(cmp.Compare(a.y, b.y), cmp.Compare(a.x, b.x)) })
		for _, c := range cells {
			// A horizontal run starts at a cell with no link west to
			// another of its cells.
			if n.links[c]&(1<<east|1<<west) != 0 && !(n.has(c, west) && l.free(c.step(west))) {
				r := &run{n: n, line: c.y, lo: c.x, hi: c.x}
				for n.has(cell{r.hi, c.y}, east) && l.free(cell{r.hi + 1, c.y}) {
					r.hi++
				}
				out = append(out, r)
			}
			if n.links[c]&(1<<north|1<<south) != 0 && !(n.has(c, north) && l.free(c.step(north))) {
				r := &run{n: n, vertical: true, line: c.x, lo: c.y, hi: c.y}
				for n.has(cell{c.x, r.hi}, south) && l.free(cell{c.x, r.hi + 1}) {
					r.hi++
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// assignLanes gives every run a lane on its line: runs of different nets
// whose cells overlap get different lanes. It returns the number of lanes
// of each column and row of cells.
func (l *ladderLayout) assignLanes() (lanesX, lanesY []int) {
	lanesX, lanesY = make([]int, l.nx), make([]int, l.ny)
	type lineKey struct {
		vertical bool
		line     int
	}
	lines := map[lineKey][]*run{}
	for _, r := range l.runs() {
		k := lineKey{r.vertical, r.line}
		lines[k] = append(lines[k], r)
	}
	l.runList = nil
	keys := make([]lineKey, 0, len(lines))
	for k := range lines {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b lineKey) int {
		if a.vertical != b.vertical {
			if a.vertical {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.line, b.line)
	})
	for _, k := range keys {
		rs := lines[k]
		slices.SortStableFunc(rs, func(a, b *run) int { return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.hi, b.hi)) })
		var ends []int // the last cell taken on each lane
		for _, r := range rs {
			lane := slices.IndexFunc(ends, func(e int) bool { return e < r.lo })
			if lane < 0 {
				lane = len(ends)
				ends = append(ends, 0)
			}
			ends[lane] = r.hi
			r.lane = lane
		}
		if k.vertical {
			lanesX[k.line] = len(ends)
		} else {
			lanesY[k.line] = len(ends)
		}
		l.runList = append(l.runList, rs...)
	}
	return lanesX, lanesY
}

// laneRoom is the size a channel (or a slot, or a row) needs for n lanes.
func laneRoom(inBox bool, n int) int {
	if n == 0 {
		return 0
	}
	if inBox {
		return (n + 1) * pitch
	}
	return 2*lanePad + (n-1)*pitch
}

// lanePos is the coordinate of lane k of n in a column or row of cells at
// start with size size: spread over a slot or a row, centred in a channel.
func lanePos(inBox bool, start, size, k, n int) int {
	if inBox {
		return start + size*(k+1)/(n+1)
	}
	return start + (size-(n-1)*pitch)/2 + k*pitch
}

// placeLanes sets the coordinates of every run's lane in each cell it
// runs through.
func (l *ladderLayout) placeLanes(lanesX, lanesY []int) {
	for _, n := range l.nets {
		n.vx, n.hy = map[cell]int{}, map[cell]int{}
	}
	for _, r := range l.runList {
		for i := r.lo; i <= r.hi; i++ {
			if r.vertical {
				x := lanePos(r.line%2 == 1, l.colX[r.line], l.colW[r.line], r.lane, lanesX[r.line])
				r.n.vx[cell{r.line, i}] = x
			} else {
				y := lanePos(r.line%2 == 1, l.rowY[r.line], l.rowH[r.line], r.lane, lanesY[r.line])
				r.n.hy[cell{i, r.line}] = y
			}
		}
	}
}

// draw turns a net's cells into polylines from its first end: one to each
// other end, each piece drawn once (a branch starts where it leaves).
func (l *ladderLayout) draw(n *net) {
	src := n.ends[0]
	// Each cell next to src that n leaves src through starts a walk.
	var starts []searchState
	for y := 2*src.row0 + 1; y <= 2*src.row1+1; y++ {
		c := cell{2*src.slot + 1, y}
		for d := north; d <= west; d++ {
			if nc := c.step(d); l.free(nc) && n.has(nc, d.back()) {
				starts = append(starts, searchState{nc, d})
			}
		}
	}
	seen := map[cell]bool{}
	var walk func(c cell, d dir, pts []point, arrowStart bool)
	walk = func(c cell, d dir, pts []point, arrowStart bool) {
		seen[c] = true
		here := point{n.vx[c], n.hy[c]}
		var outs []dir
		for o := north; o <= west; o++ {
			if o != d.back() && n.has(c, o) {
				outs = append(outs, o)
			}
		}
		// Continue straight on first, then turn.
		slices.SortStableFunc(outs, func(a, b dir) int { return cmp.Compare(boolInt(a != d), boolInt(b != d)) })
		for i, o := range outs {
			p := pts
			if i > 0 {
				p = []point{here} // a branch
				if !slices.Contains(n.joints, here) {
					n.joints = append(n.joints, here)
				}
			}
			if o != d || i > 0 {
				p = appendPoint(p, here)
			}
			next := c.step(o)
			if b := l.blocked[next]; b != nil {
				end := l.edgePoint(n, c, o, b)
				n.paths = append(n.paths, ladderPath{pts: appendPoint(p, end), arrowStart: arrowStart && i == 0, arrow: n.arrow[b]})
				continue
			}
			if seen[next] {
				continue
			}
			walk(next, o, p, arrowStart && i == 0)
		}
	}
	for _, s := range starts {
		walk(s.c, s.d, []point{l.edgePoint(n, s.c, s.d.back(), src)}, n.arrow[src])
	}
}

// edgePoint is where the run of n through c, heading d, meets box b.
func (l *ladderLayout) edgePoint(n *net, c cell, d dir, b *lbox) point {
	switch d {
	case north:
		return point{n.vx[c], b.r.bottom()}
	case south:
		return point{n.vx[c], b.r.y}
	case east:
		return point{b.r.x, n.hy[c]}
	}
	return point{b.r.right(), n.hy[c]}
}

// appendPoint adds p to a polyline, dropping a repeated point.
func appendPoint(ps []point, p point) []point {
	if len(ps) > 0 && ps[len(ps)-1] == p {
		return ps
	}
	return append(slices.Clip(ps), p)
}

// boolInt is 1 for true, 0 for false: false sorts first.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
