package career

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDiff compares the fixture with a later version in which Senior
// changes in every way a role can, a Staff role is added and the other
// roles stay as they were.
func TestDiff(t *testing.T) {
	older := mustLoad(t)
	newer := mustLoad(t,
		edit{"roles/senior.md", "    - id: review\n      text: Review code.\n", "    - id: operate\n      text: Run what they build.\n"},
		edit{"roles/senior.md", "Build services with tests.", "Build and test services."},
		edit{"roles/senior.md", "  approval:\n    - id: spend\n      text: Cloud spend.\n", ""},
		edit{"roles/senior.md", "    - id: design\n      text: The design of a feature.\n", "    - id: design\n      text: The design of a feature.\n    - id: spend\n      text: Cloud spend.\n  review:\n    - id: vendor\n      text: Vendor evaluation.\n"},
		edit{"skills/coding.md", "    importance: Critical\n    expectation: Writes services.", "    importance: Important\n    expectation: Writes services.\n  staff:\n    importance: Critical\n    expectation: Writes the platform."},
		edit{"skills/design.md", "  senior:\n    importance: Important\n    expectation: Designs a service.\n", ""},
		edit{"roles/senior.md", "    text: Explains a design so others can review it.", "    text: Explains a design so the team can decide on it."},
		edit{"roles/senior.md", "  impact:\n    text: Finishes the tasks given.\n", ""},
		edit{"roles/staff.md", "", "---\nid: staff\ntitle: Staff Engineer\ndescription: Sets technical direction.\ntrack: individual-contributor\nlevel: 3\nresponsibilities:\n  strategic:\n    - id: direction\n      text: Set direction.\ndecision_rights:\n  alone:\n    - id: architecture\n      text: Architecture.\nai_impact:\n  outlook:\n    - id: leverage\n      text: More leverage.\n---\n\n## Role summary\n\nSets direction.\n"},
	)
	d := Diff(older, newer)

	status := map[string]string{}
	for _, r := range d.Roles {
		status[r.ID] = r.Status()
	}
	if diff := cmp.Diff(map[string]string{
		"engineer": StatusUnchanged, "senior": StatusChanged, "staff": StatusAdded,
		"lead": StatusUnchanged, "manager": StatusUnchanged, "ops": StatusUnchanged,
	}, status); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if got := len(d.Unchanged()); got != 4 {
		t.Errorf("%d unchanged roles, want 4", got)
	}

	var s *RoleDiff
	for _, r := range d.Changed() {
		if r.ID == "senior" {
			s = r
		}
	}
	ids := func(cs []ItemChange) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Key+"/"+c.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{"technical/operate"}, ids(s.Added)); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"technical/review"}, ids(s.Removed)); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	if len(s.Reworded) != 1 || s.Reworded[0].ID != "build" || s.Reworded[0].Old.Text != "Build services with tests." || s.Reworded[0].Text != "Build and test services." {
		t.Errorf("reworded = %+v", s.Reworded)
	}
	if len(s.RightsMoved) != 1 || s.RightsMoved[0].ID != "spend" || s.RightsMoved[0].FromKey != "approval" || s.RightsMoved[0].Key != "alone" {
		t.Errorf("rights moved = %+v", s.RightsMoved)
	}
	if diff := cmp.Diff([]string{"review/vendor"}, ids(s.RightsAdded)); diff != "" {
		t.Errorf("rights added (-want +got):\n%s", diff)
	}
	if len(s.RightsRemoved) != 0 {
		t.Errorf("rights removed = %+v", s.RightsRemoved)
	}
	type skill struct {
		ID, From, To string
		Up, Down     bool
	}
	var skills []skill
	for _, c := range s.Skills {
		sk := skill{ID: c.Skill.ID, Up: c.ImportanceUp, Down: c.ImportanceDown}
		if c.From != nil {
			sk.From = c.From.Importance
		}
		if c.To != nil {
			sk.To = c.To.Importance
		}
		skills = append(skills, sk)
	}
	if diff := cmp.Diff([]skill{
		{ID: "coding", From: "Critical", To: "Important", Down: true},
		{ID: "design", From: "Important", Down: true},
	}, skills); diff != "" {
		t.Errorf("skills (-want +got):\n%s", diff)
	}

	var behaviours []string
	for _, c := range s.Behaviours {
		from, to := "none", "none"
		if c.From != nil {
			from = c.From.Text
		}
		if c.To != nil {
			to = c.To.Text
		}
		behaviours = append(behaviours, c.Axis.ID+": "+from+" -> "+to)
	}
	if diff := cmp.Diff([]string{
		"influence: Explains a design so others can review it. -> Explains a design so the team can decide on it.",
		"impact: Finishes the tasks given. -> none",
	}, behaviours); diff != "" {
		t.Errorf("behaviours (-want +got):\n%s", diff)
	}

	// The other way round, Staff is removed and the moves are reversed.
	back := Diff(newer, older)
	for _, r := range back.Roles {
		switch r.ID {
		case "staff":
			if r.Status() != StatusRemoved || r.Title() != "Staff Engineer" {
				t.Errorf("staff in the reverse diff: %s", r.Status())
			}
		case "senior":
			if len(r.RightsMoved) != 1 || r.RightsMoved[0].Key != "approval" || len(r.RightsRemoved) != 1 {
				t.Errorf("senior in the reverse diff: moved %+v, removed %+v", r.RightsMoved, r.RightsRemoved)
			}
		}
	}
	if len(Diff(older, older).Changed()) != 0 {
		t.Error("a model differs from itself")
	}
}
