package career

import (
	"os"
	"testing"

	"github.com/handbook-dev/handbook/generator/content"
)

// loadRealContent loads the handbook's own content/ folder.
func loadRealContent(t *testing.T) *Model {
	t.Helper()
	tree, err := content.Load(os.DirFS("../.."), "content")
	if err != nil {
		t.Fatalf("content.Load:\n%v", err)
	}
	m, err := Load(tree.Files)
	if err != nil {
		t.Fatalf("the handbook's content has problems:\n%v", err)
	}
	return m
}

func TestRealContent(t *testing.T) {
	m := loadRealContent(t)
	if len(m.Roles) == 0 || len(m.Skills) == 0 {
		t.Fatalf("loaded %d roles and %d skills", len(m.Roles), len(m.Skills))
	}
	checkGraph(t, m)
	if m.Tracks[0].Key != "individual-contributor" {
		t.Errorf("first track is %s, want individual-contributor", m.Tracks[0].Key)
	}
	for _, r := range m.Roles {
		if len(r.Skills) == 0 {
			t.Errorf("%s has no skills", r.ID)
		}
		if m.Role(r.ID) != r {
			t.Errorf("Role(%q) does not return the role", r.ID)
		}
	}

	// Every pair of neighbouring levels on the ladder tracks is compared,
	// lower level first, and each page has its own URL.
	urls := map[string]bool{}
	for _, c := range m.Comparisons {
		if urls[c.URL] {
			t.Errorf("two comparisons at %s", c.URL)
		}
		urls[c.URL] = true
		if c.From.Level > c.To.Level {
			t.Errorf("%s compares down from level %d to %d", c.URL, c.From.Level, c.To.Level)
		}
	}
	for _, tr := range m.Tracks {
		if tr.Key == "adjacent" {
			continue
		}
		// A role held at other levels (Tech Lead) is not a step.
		var steps []*Role
		for _, r := range tr.Roles {
			if len(r.HeldAt) == 0 {
				steps = append(steps, r)
			}
		}
		for i := 1; i < len(steps); i++ {
			if m.Comparison(steps[i-1].ID, steps[i].ID) == nil {
				t.Errorf("no comparison of %s and %s", steps[i-1].ID, steps[i].ID)
			}
		}
	}
	for _, r := range m.Roles {
		for _, id := range r.CompareWith {
			if m.Comparison(r.ID, id) == nil && m.Comparison(id, r.ID) == nil {
				t.Errorf("%s asks to compare with %s, but there is no comparison", r.ID, id)
			}
		}
	}
}
