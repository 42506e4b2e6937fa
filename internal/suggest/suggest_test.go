package suggest

import "testing"

func TestNearest(t *testing.T) {
	ids := []string{"lead", "manager", "ops", "senior", "staff"}
	paths := []string{"/", "/guides/jump/", "/img/ladder.png", "/roles/", "/roles/senior/", "/roles/staff/"}
	tests := []struct {
		bad   string
		cands []string
		want  string
	}{
		// By distance: 1 + n/3 edits, n the longer length.
		{"senoir", ids, "senior"},       // 2 of 3
		{"leed", ids, "lead"},           // 1 of 2
		{"opps", ids, "ops"},            // 1 of 2
		{"managr", ids, "manager"},      // 1 of 3
		{"teh", []string{"the"}, "the"}, // 2 of 2
		{"xyz", ids, ""},                // 3 from "ops", 2 allowed
		{"zzzzzzzzzzzz", []string{"decision-rights", "responsibilities", "skills"}, ""},
		{"decison-rights", []string{"decision-rights", "responsibilities", "skills"}, "decision-rights"},
		{"adjacnet", []string{"adjacent", "ic", "manager"}, "adjacent"},
		{"x", []string{"ab"}, ""},                      // 2 edits, 1 allowed
		{"x", []string{"y"}, "y"},                      // 1 edit, 1 allowed
		{"ab", []string{"cd"}, ""},                     // 2 edits, 1 allowed
		{"abcdef", []string{"uvwdef"}, "uvwdef"},       // 3 of 3
		{"abcdef", []string{"uvwxef"}, ""},             // 4 of 3
		{"abcdefgh", []string{"abcdexyz"}, "abcdexyz"}, // 3 of 3
		{"abcdefgh", []string{"abcdwxyz"}, ""},         // 4 of 3
		// Letter case is ignored, and nearest of all.
		{"important", []string{"Critical", "Important", "Optional"}, "Important"},
		{"IMPORTANT", []string{"Critical", "Important", "Optional"}, "Important"},
		{"ID", []string{"id", "kind"}, "id"},
		{"Roles/Senoir.md", []string{"roles/senior.md", "roles/staff.md"}, "roles/senior.md"},
		// Whole words left out.
		{"staff-engineer", []string{"staff-software-engineer", "tech-lead"}, "staff-software-engineer"},
		{"software-engineer", []string{"senior-software-engineer-ii"}, "senior-software-engineer-ii"},
		{"engineer-staff", []string{"staff-software-engineer"}, ""}, // not in that order
		{"a.b.c.d", []string{"a-b-c-d-e-f-g-h-i-j-k"}, "a-b-c-d-e-f-g-h-i-j-k"},
		{"tech-lead", ids, "lead"},
		{"/handbook/roles/", paths, "/roles/"},
		{"lead", []string{"tech-lead"}, "tech-lead"},
		{"senior_engineer", []string{"senior", "staff"}, "senior"},
		{"roles/senior", []string{"roles/senior/x.md"}, ""}, // a page inside is not the name
		{"misleading", ids, ""},                             // "lead" is no whole word of it
		{"xyz-qa", []string{"qa"}, ""},                      // fewer than three letters
		{"/handbook/x/", []string{"/"}, ""},                 // "/" has no letters
		// Paths: the rule applies where they differ.
		{"/a/b/", []string{"/a/"}, ""},                  // the folder around it
		{"/handbook/team/", []string{"/handbook/"}, ""}, // 5 edits of 15, but the name left out
		{"/departments/cloud/teams/", []string{"/departments/cloud/"}, ""},
		{"/a/b/", []string{"/a/", "/b/"}, "/b/"}, // the name kept, a folder left out
		{"handbook/nope.md", []string{"handbook/my page.md", "handbook/process.md"}, ""},
		{"/img/ladder.pgn", []string{"/img/", "/img/ladder.png"}, "/img/ladder.png"},
		{"/roles/staff-engineer/", []string{"/roles/", "/roles/staff-software-engineer/"}, "/roles/staff-software-engineer/"},
		{"departments/cloud/onbaording", []string{"departments/cloud", "departments/cloud/onboarding"}, "departments/cloud/onboarding"},
		{"/guides/jump/x/", []string{"/guides/jump/"}, ""},
		{"/Roles/", []string{"/roles/"}, "/roles/"}, // case only
		{"/team", []string{"/team/"}, "/team/"},     // the trailing "/" only
		{"/", []string{"/a/"}, ""},
		// The nearest wins; a tie goes to the first in byte order.
		{"staf", []string{"stiff", "staff", "stuff"}, "staff"},
		{"bat", []string{"cat", "bad", "hat"}, "bad"},
		{"anything", nil, ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.bad, tt.cands); got != tt.want {
			t.Errorf("Nearest(%q, %q) = %q, want %q", tt.bad, tt.cands, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"senior", "senoir", 2},
		{"darft", "draft", 2},
		{"café", "cafe", 1}, // runes, not bytes
		{"日本語", "日本", 1},
		{"same", "same", 0},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}
