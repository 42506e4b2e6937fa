package render

import (
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/career"
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
		`text-anchor="middle">Supercalifragilisticexpialidocious</text>`,
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
	}
	for _, tt := range tests {
		got := boxLabel(tt.in, 0, 0)
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
