package search

import "testing"

// TestValidate: an option no search can satisfy is an error that lists the
// valid values; valid ones, and the zero Options, are not.
func TestValidate(t *testing.T) {
	s := fixture(t,
		page("/roles/senior/", "Senior", "## Rights", role("Individual contributor", "3")),
		page("/roles/manager/", "Manager", "## Rights", role("Management", "4")),
		page("/roles/staff/", "Staff", "## Rights", role("Individual contributor", "10")),
		page("/guides/a/", "A guide", "## Text"),
	)
	tests := []struct {
		name string
		opt  Options
		want string // "" for valid
	}{
		{"zero", Options{}, ""},
		{"every kind", Options{Kind: KindComparison}, ""},
		{"all filters", Options{Kind: KindRole, Track: "Management", Level: "4", Limit: 100}, ""},
		{"limit 1", Options{Limit: 1}, ""},
		{"bogus kind", Options{Kind: "bogus"}, `kind "bogus": is not a kind of page (want one of role, skill, guide, glossary, comparison, page)`},
		{"kind in capitals", Options{Kind: "Role"}, `kind "Role": is not a kind of page (want one of role, skill, guide, glossary, comparison, page)`},
		{"negative limit", Options{Limit: -1}, "limit -1: is out of range (want 1 to 100, or 0 for the default of 10)"},
		{"limit too large", Options{Limit: 101}, "limit 101: is out of range (want 1 to 100, or 0 for the default of 10)"},
		{"level not a number", Options{Level: "abc"}, `level "abc": is not a level (want one of 3, 4, 10)`},
		{"level no role has", Options{Level: "7"}, `level "7": is a level no role has (want one of 3, 4, 10)`},
		{"unknown track", Options{Track: "nope"}, `track "nope": is not a track (want one of "Individual contributor", "Management")`},
		{"track key", Options{Track: "individual-contributor"}, `track "individual-contributor": is not a track (want its title, "Individual contributor")`},
		{"track in lower case", Options{Track: "management"}, `track "management": is not a track (want its title, "Management")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := s.Validate(tt.opt); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate(%+v):\n got %s\nwant %s", tt.opt, got, tt.want)
			}
		})
	}
	empty := fixture(t, page("/a/", "A", "## Text"))
	if err := empty.Validate(Options{Level: "3"}); err == nil || err.Error() != `level "3": is a level no role has (want none: the handbook has no roles)` {
		t.Errorf("no roles: %v", err)
	}
}
