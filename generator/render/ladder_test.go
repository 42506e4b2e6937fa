package render

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
)

// A box label longer than a line breaks at its middle space into two
// lines; a short one, or one without a space, stays on one line.
func TestLadderLabels(t *testing.T) {
	em := &career.Role{ID: "em", Title: "Engineering Manager", Track: "mgmt", LevelName: "Engineering Manager", Level: 2}
	junior := &career.Role{ID: "junior", Title: "Junior Engineer", Track: "ic", Level: 1}
	long := &career.Role{ID: "long", Title: "Supercalifragilisticexpialidocious", Track: "ic", Level: 2}
	m := &career.Model{
		Roles: []*career.Role{junior, long, em},
		Tracks: []career.Track{
			{Key: "ic", Title: "Individual contributor", Roles: []*career.Role{junior, long}},
			{Key: "mgmt", Title: "Management", Roles: []*career.Role{em}},
		},
	}
	svg := string(Ladder(m, func(u string) string { return u }))
	for _, want := range []string{
		`<tspan x="`, `">Engineering</tspan><tspan x="`, `" dy="16">Manager</tspan></text>`,
		`text-anchor="middle">Junior Engineer</text>`,
		`text-anchor="middle" font-size="9.0">Supercalifragilisticexpialidocious</text>`, // no space to break at: smaller type
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the ladder lacks %q:\n%s", want, svg)
		}
	}
	if n := strings.Count(svg, "<tspan"); n != 2 {
		t.Errorf("%d tspans, want 2 (one label on two lines):\n%s", n, svg)
	}
}

func TestBoxLabelSplit(t *testing.T) {
	tests := []struct{ in, first, second string }{
		{"Solutions Architect", "Solutions", "Architect"},
		{"Head of Platform Engineering", "Head of Platform", "Engineering"},
		{"Principal", "Principal", ""},
		{"Senior Engineering Manager", "Senior Engineering", "Manager"},
	}
	for _, tt := range tests {
		got := boxLabel(tt.in, 0, 0)
		// A line longer than a box holds is set smaller; one that fits is not.
		longest := max(len(tt.first), len(tt.second))
		if small := strings.Contains(got, "font-size"); small != (longest > labelFits) {
			t.Errorf("boxLabel(%q) = %s: smaller type %v, want %v", tt.in, got, small, longest > labelFits)
		}
		if tt.second == "" {
			if strings.Contains(got, "tspan") || !strings.Contains(got, ">"+tt.first+"</text>") {
				t.Errorf("boxLabel(%q) = %s, want one line", tt.in, got)
			}
			continue
		}
		if !strings.Contains(got, ">"+tt.first+"</tspan>") || !strings.Contains(got, ">"+tt.second+"</tspan>") {
			t.Errorf("boxLabel(%q) = %s, want lines %q and %q", tt.in, got, tt.first, tt.second)
		}
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

var (
	rectRE = regexp.MustCompile(`<a href="/roles/([a-z0-9-]+)/"[^>]*><title>[^<]*</title><rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"`)
	lineRE = regexp.MustCompile(`<line class="[^"]*" x1="(\d+)" y1="(\d+)" x2="(\d+)" y2="(\d+)"`)
	polyRE = regexp.MustCompile(`<polyline class="[^"]*" points="([0-9, ]+)"`)
)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// ladderGeometry reads the boxes and edge paths back from a ladder SVG.
func ladderGeometry(t *testing.T, svg string) (map[string]rect, [][]point) {
	t.Helper()
	boxes := map[string]rect{}
	for _, m := range rectRE.FindAllStringSubmatch(svg, -1) {
		boxes[m[1]] = rect{atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5])}
	}
	var paths [][]point
	for _, m := range lineRE.FindAllStringSubmatch(svg, -1) {
		paths = append(paths, []point{{atoi(m[1]), atoi(m[2])}, {atoi(m[3]), atoi(m[4])}})
	}
	for _, m := range polyRE.FindAllStringSubmatch(svg, -1) {
		var ps []point
		for _, xy := range strings.Fields(m[1]) {
			x, y, _ := strings.Cut(xy, ",")
			ps = append(ps, point{atoi(x), atoi(y)})
		}
		paths = append(paths, ps)
	}
	return boxes, paths
}

// checkNoCrossing fails when an edge runs through the inside of a box:
// every edge starts and ends on a box's border, so none may enter one.
func checkNoCrossing(t *testing.T, svg string) {
	t.Helper()
	boxes, paths := ladderGeometry(t, svg)
	for _, ps := range paths {
		for i := 1; i < len(ps); i++ {
			for id, r := range boxes {
				if crosses(ps[i-1], ps[i], r) {
					t.Errorf("edge %v crosses the box of %s %v", ps, id, r)
				}
			}
		}
	}
}

// A role held at two levels is drawn beside them, as tall as both, in a
// lane of its own, and no edge crosses a box.
func TestLadderHeldAt(t *testing.T) {
	svg := string(Ladder(futureLadder(), func(u string) string { return u }))
	boxes, paths := ladderGeometry(t, svg)
	lead, senior, staff := boxes["lead"], boxes["senior"], boxes["staff"]
	if lead.y != staff.y || lead.bottom() != senior.bottom() {
		t.Errorf("lead spans y %d..%d, want staff's top %d to senior's bottom %d", lead.y, lead.bottom(), staff.y, senior.bottom())
	}
	if lead.x < senior.x+senior.w || lead.x < staff.x+staff.w {
		t.Errorf("lead at x %d overlaps the column of senior (%d) and staff (%d)", lead.x, senior.x, staff.x)
	}
	if boxes["e1"].x != senior.x || boxes["e2"].x != senior.x {
		t.Errorf("the steps of the column are not aligned: e1 %d, e2 %d, senior %d", boxes["e1"].x, boxes["e2"].x, senior.x)
	}
	if !strings.Contains(svg, `ladder-held"><title>lead (held at levels 3 to 4)</title>`) {
		t.Errorf("the held role's box does not say the levels it spans:\n%s", svg)
	}
	if len(paths) != 15 {
		t.Errorf("%d edges, want 15", len(paths))
	}
	checkNoCrossing(t, svg)
	// senior - sre would cross lead in a straight line: it goes round.
	if !strings.Contains(svg, "<polyline") {
		t.Errorf("no edge goes round a box:\n%s", svg)
	}
}

// The handbook's own ladder draws no edge through a box.
func TestLadderRealContent(t *testing.T) {
	tree, err := content.Load(os.DirFS("../.."), "content")
	if err != nil {
		t.Fatal(err)
	}
	m, err := career.Load(tree.Files)
	if err != nil {
		t.Fatal(err)
	}
	checkNoCrossing(t, string(Ladder(m, func(u string) string { return u })))
}

func TestCrosses(t *testing.T) {
	r := rect{10, 10, 20, 20}
	tests := []struct {
		p, q point
		want bool
	}{
		{point{0, 20}, point{40, 20}, true},  // through
		{point{0, 10}, point{40, 10}, false}, // along the top border
		{point{20, 0}, point{20, 10}, false}, // ends on the border
		{point{0, 0}, point{40, 0}, false},   // above
		{point{15, 15}, point{16, 16}, true}, // inside
		{point{0, 0}, point{10, 10}, false},  // touches a corner
	}
	for _, tt := range tests {
		if got := crosses(tt.p, tt.q, r); got != tt.want {
			t.Errorf("crosses(%v, %v) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
	}
}
