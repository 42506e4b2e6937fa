package career

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// techLeadMD is a role held at the engineer and senior levels of the
// individual-contributor track, as Tech Lead is held at Senior or Staff.
const techLeadMD = `---
id: techlead
title: Squad Lead
description: Leads a squad's technical work while staying an engineer.
track: individual-contributor
level: 1
held_at: [senior, engineer]
relations:
  leads_to:
    - id: manager
      note: Leading people is a new job, not a promotion.
responsibilities:
  technical:
    - id: direction
      text: Set the squad's technical direction.
decision_rights:
  alone:
    - id: order
      text: The order of technical work.
ai_impact:
  outlook:
    - id: fewer-handoffs
      text: Fewer handoffs.
---

## Role summary

Leads a squad.
`

// withTechLead adds techlead to the fixture with a skill expectation.
func withTechLead(edits ...edit) []edit {
	return append([]edit{
		{"roles/techlead.md", "", techLeadMD},
		{"skills/coding.md", "  ops:\n", "  techlead:\n    importance: Critical\n    expectation: Writes the hard parts.\n  ops:\n"},
	}, edits...)
}

func TestHeldAt(t *testing.T) {
	m := mustLoad(t, withTechLead()...)
	tl := m.Role("techlead")
	if diff := cmp.Diff([]string{"engineer", "senior"}, ids(tl.HeldAt)); diff != "" {
		t.Errorf("HeldAt (-want +got):\n%s", diff)
	}
	if got := ids(m.Role("engineer").HeldAt); len(got) != 0 {
		t.Errorf("engineer.HeldAt = %v, want none", got)
	}
	for id, want := range map[string][]string{"engineer": {"techlead"}, "senior": {"techlead"}, "techlead": {}, "lead": {}} {
		if diff := cmp.Diff(want, ids(m.HeldHere(m.Role(id)))); diff != "" {
			t.Errorf("HeldHere(%s) (-want +got):\n%s", id, diff)
		}
	}
	// Held at the engineer level, yet no clash with engineer, and no step
	// of the track: the neighbouring-level comparisons are as before.
	var curated []string
	for _, c := range m.Comparisons {
		curated = append(curated, c.From.ID+"-vs-"+c.To.ID)
	}
	if diff := cmp.Diff([]string{"engineer-vs-senior", "lead-vs-manager", "senior-vs-lead"}, curated); diff != "" {
		t.Errorf("comparisons (-want +got):\n%s", diff)
	}
	// Senior (level 2) may lead to a role held at its own level.
	m = mustLoad(t, withTechLead(edit{"roles/senior.md", "leads_to: [lead]", "leads_to: [lead, techlead]"})...)
	if diff := cmp.Diff([]string{"techlead", "lead"}, ids(m.Role("senior").LeadsTo)); diff != "" {
		t.Errorf("senior.LeadsTo (-want +got):\n%s", diff)
	}
}

func TestHeldAtErrors(t *testing.T) {
	const tl = "roles/techlead.md"
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{
			name:  "unknown role",
			edits: []edit{{tl, "held_at: [senior, engineer]", "held_at: [senoir, engineer]"}},
			want: []string{
				`content/roles/techlead.md:6:3: level 1 differs from the lowest level this role is held at: 1 (engineer)`,
			}[:0],
		},
		{
			name:  "another track",
			edits: []edit{{tl, "held_at: [senior, engineer]", "held_at: [senior, lead]"}, {tl, "level: 1", "level: 2"}},
			want: []string{
				`content/roles/techlead.md:7:19: held_at: lead is on the management track, not on this role's individual-contributor track (a role is held at levels of its own track; change the track or list roles of the individual-contributor track)`,
			},
		},
		{
			name:  "level above the lowest held-at level",
			edits: []edit{{tl, "level: 1", "level: 2"}},
			want: []string{
				"content/roles/techlead.md:6:8: level 2 differs from the lowest level this role is held at: 1 (engineer) (set `level: 1`; a role held at several levels sits at the lowest of them)",
			},
		},
		{
			name:  "itself",
			edits: []edit{{tl, "held_at: [senior, engineer]", "held_at: [senior, engineer, techlead]"}},
			want: []string{
				`content/roles/techlead.md:7:29: held_at: a role cannot refer to itself (remove "techlead" from the list)`,
			},
		},
		{
			name:  "listed twice",
			edits: []edit{{tl, "held_at: [senior, engineer]", "held_at: [senior, engineer, senior]"}},
			want:  []string{`content/roles/techlead.md:7:29: held_at: senior is listed twice (remove the repeat)`},
		},
		{
			name: "held at a held role",
			edits: []edit{
				{"roles/senior.md", "level: 2\n", "level: 2\nheld_at: [engineer]\n"},
				{"roles/senior.md", "level: 2", "level: 1"},
			},
			want: []string{
				`content/roles/techlead.md:7:11: held_at: senior is itself held at other levels (list the roles that are levels of their own (see content/roles/senior.md))`,
			},
		},
		{
			name:  "not a list",
			edits: []edit{{tl, "held_at: [senior, engineer]", "held_at: senior"}},
			want:  []string{`content/roles/techlead.md:7:10: held_at must be a list, not "senior"`},
		},
	}
	tests[0].want = []string{`content/roles/techlead.md:7:11: held_at: no role has id "senoir" (did you mean "senior"?)`}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFixture(t, withTechLead(tt.edits...)...)
			if diff := cmp.Diff(tt.want, errorLines(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPathNotes(t *testing.T) {
	m := mustLoad(t, withTechLead(
		edit{"roles/manager.md", "  feeds_from: [lead]", "  feeds_from:\n    - id: lead\n      note: After a year of leading a squad."},
	)...)
	// The edge from lead to manager is written in manager's file, as
	// feeds_from: its note still belongs to the move from lead to manager.
	want := map[string][2]map[string]string{
		"techlead": {{"manager": "Leading people is a new job, not a promotion."}, nil},
		"lead":     {{"manager": "After a year of leading a squad."}, nil},
		"manager": {nil, {
			"techlead": "Leading people is a new job, not a promotion.",
			"lead":     "After a year of leading a squad.",
		}},
	}
	got := map[string][2]map[string]string{}
	for _, r := range m.Roles {
		if len(r.NotesTo)+len(r.NotesFrom) > 0 {
			got[r.ID] = [2]map[string]string{r.NotesTo, r.NotesFrom}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NotesTo, NotesFrom (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"techlead", "lead"}, ids(m.Role("manager").FeedsFrom)); diff != "" {
		t.Errorf("manager.FeedsFrom (-want +got):\n%s", diff)
	}
}

func TestPathNoteErrors(t *testing.T) {
	const mgr = "roles/manager.md"
	tests := []struct {
		name  string
		feed  string // the feeds_from value written in manager.md
		draft bool   // manager.md is a draft
		want  []string
	}{
		{
			name: "two different notes on one edge",
			feed: "\n    - id: techlead\n      note: Another note.",
			want: []string{`content/roles/techlead.md:10:11: the career path from techlead to manager already has a different note (write the note on one end of the edge only)`},
		},
		{
			name: "no id",
			feed: "\n    - note: Why.",
			want: []string{"content/roles/manager.md:10:7: feeds_from entry has no id (write `- id: role-id` with `note:` under it, or the plain role id)"},
		},
		{
			name: "empty note",
			feed: "\n    - id: lead\n      note:",
			want: []string{`content/roles/manager.md:11:7: feeds_from entry "lead" has an empty note (say why the move skips a level or is unusual, or write the plain id)`},
		},
		{
			name: "unknown key",
			feed: "\n    - id: lead\n      notes: Why.",
			want: []string{`content/roles/manager.md:11:7: unknown key "notes" in feeds_from entry (did you mean "note"?)`},
		},
		{
			name: "unknown role",
			feed: "\n    - id: leed\n      note: Why.",
			want: []string{`content/roles/manager.md:10:11: feeds_from: no role has id "leed" (did you mean "lead"?)`},
		},
		{
			// manager.md sorts before techlead.md, but as a draft it is
			// the newer file: the conflict is reported there.
			name:  "two different notes, one of them in a draft",
			feed:  "\n    - id: techlead\n      note: Another note.",
			draft: true,
			want:  []string{`content/roles/manager.md:11:11: the career path from techlead to manager already has a different note (write the note on one end of the edge only)`},
		},
		{
			name: "the same note twice is one note",
			feed: "\n    - id: techlead\n      note: Leading people is a new job, not a promotion.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edits := []edit{{mgr, "  feeds_from: [lead]", "  feeds_from:" + tt.feed}}
			if tt.draft {
				edits = append(edits, edit{mgr, "weight: 40", "weight: 40\ndraft: true"})
			}
			_, err := loadFixture(t, withTechLead(edits...)...)
			if diff := cmp.Diff(tt.want, errorLines(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSameLevel(t *testing.T) {
	m := mustLoad(t, withTechLead(edit{"roles/lead.md", "level: 3", "level: 2"})...)
	for id, want := range map[string][]string{
		"senior":   {"lead"},
		"lead":     {"senior"},
		"ops":      {"senior", "lead"},
		"engineer": {},
		"techlead": {}, // held at levels, not a level of its own
		"manager":  {},
	} {
		if diff := cmp.Diff(want, ids(m.SameLevel(m.Role(id)))); diff != "" {
			t.Errorf("SameLevel(%s) (-want +got):\n%s", id, diff)
		}
	}
}

// Every pair of roles has one comparison: the curated one when there is
// one, otherwise lower level first, model order on equal levels; PairURL
// finds it from either side.
func TestAllPairs(t *testing.T) {
	m := mustLoad(t, withTechLead()...)
	curated := map[*Comparison]bool{}
	for _, c := range m.Comparisons {
		curated[c] = true
	}
	var got []string
	seen := map[string]bool{}
	for c := range m.Pairs {
		got = append(got, strings.TrimSuffix(strings.TrimPrefix(c.URL, "/compare/"), "/"))
		if c.Curated != curated[c] {
			t.Errorf("%s: Curated = %v, want %v", c.URL, c.Curated, curated[c])
		}
		if c.From.Level > c.To.Level {
			t.Errorf("%s goes down a level", c.URL)
		}
		if seen[c.URL] {
			t.Errorf("%s twice", c.URL)
		}
		seen[c.URL] = true
		if a, b := m.PairURL(c.From, c.To), m.PairURL(c.To, c.From); a != c.URL || b != c.URL {
			t.Errorf("PairURL of %s = %s and %s", c.URL, a, b)
		}
	}
	n := len(m.Roles)
	if len(got) != n*(n-1)/2 {
		t.Errorf("%d pairs of %d roles, want %d", len(got), n, n*(n-1)/2)
	}
	for c := range curated {
		if !seen[c.URL] {
			t.Errorf("curated %s missing from Pairs", c.URL)
		}
	}
	// Model order: engineer, techlead, senior, lead, manager, ops.
	want := []string{
		"engineer-vs-techlead", "engineer-vs-senior", "engineer-vs-lead", "engineer-vs-manager", "engineer-vs-ops",
		"techlead-vs-senior", "techlead-vs-lead", "techlead-vs-manager", "techlead-vs-ops",
		"senior-vs-lead", "senior-vs-manager", "senior-vs-ops",
		"lead-vs-manager", "ops-vs-lead",
		"ops-vs-manager",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pairs (-want +got):\n%s", diff)
	}
	if u := m.PairURL(m.Role("senior"), m.Role("senior")); u != "" {
		t.Errorf("PairURL(senior, senior) = %q", u)
	}
}

// The export carries held_at, the notes of both ends of an edge and the
// same-level roles, and still matches the schema.
func TestExportLadder(t *testing.T) {
	m := mustLoad(t, withTechLead(edit{"roles/lead.md", "level: 3", "level: 2"})...)
	data, err := m.Export()
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(compileSchema(t), data); err != nil {
		t.Fatalf("handbook.json does not match %s:\n%v", schemaPath, err)
	}
	var doc struct {
		Roles []struct {
			ID        string            `json:"id"`
			HeldAt    []string          `json:"held_at"`
			PathNotes map[string]string `json:"leads_to_notes"`
			FromNotes map[string]string `json:"feeds_from_notes"`
			SameLevel []string          `json:"same_level"`
		} `json:"roles"`
		Comparisons []struct {
			URL string `json:"url"`
		} `json:"comparisons"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	type got struct {
		HeldAt, SameLevel    []string
		PathNotes, FromNotes map[string]string
	}
	roles := map[string]got{}
	for _, r := range doc.Roles {
		roles[r.ID] = got{r.HeldAt, r.SameLevel, r.PathNotes, r.FromNotes}
	}
	note := "Leading people is a new job, not a promotion."
	want := map[string]got{
		"engineer": {[]string{}, []string{}, map[string]string{}, map[string]string{}},
		"techlead": {[]string{"engineer", "senior"}, []string{}, map[string]string{"manager": note}, map[string]string{}},
		"senior":   {[]string{}, []string{"lead"}, map[string]string{}, map[string]string{}},
		"lead":     {[]string{}, []string{"senior"}, map[string]string{}, map[string]string{}},
		"manager":  {[]string{}, []string{}, map[string]string{}, map[string]string{"techlead": note}},
		"ops":      {[]string{}, []string{"senior", "lead"}, map[string]string{}, map[string]string{}},
	}
	if diff := cmp.Diff(want, roles); diff != "" {
		t.Errorf("exported roles (-want +got):\n%s", diff)
	}
	// Only the curated comparisons are exported, not every pair.
	if len(doc.Comparisons) != len(m.Comparisons) {
		t.Errorf("%d comparisons exported, want the %d curated ones", len(doc.Comparisons), len(m.Comparisons))
	}
}

// platformMD is a second role on the senior level of the fixture's
// individual-contributor track: a specialisation the engineer may be
// promoted to instead of senior.
var platformMD = strings.NewReplacer(
	"id: senior", "id: platform",
	"title: Senior Engineer", "title: Senior Platform Engineer",
	"level_name: Senior", "level_name: Senior",
).Replace(seniorMD)

// Several roles may share a level of a track: both are steps of the
// track, compared with the level below and with each other, listed on
// each other's page, and a promotion from below may lead to either.
func TestSpecialisations(t *testing.T) {
	m := mustLoad(t,
		edit{"roles/platform.md", "", platformMD},
		edit{"roles/engineer.md", "leads_to: [senior]", "leads_to: [senior, platform]"},
		edit{"skills/coding.md", "  ops:", "  platform:\n    importance: Critical\n    expectation: Writes platform code.\n  ops:"},
	)
	var levels []string
	for _, t := range m.Tracks {
		for _, lv := range t.Levels() {
			levels = append(levels, t.Key+": "+strings.Join(ids(lv), " "))
		}
	}
	if diff := cmp.Diff([]string{
		"individual-contributor: engineer", "individual-contributor: senior platform",
		"management: lead", "management: manager", "adjacent: ops",
	}, levels); diff != "" {
		t.Errorf("Levels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"senior", "platform"}, ids(m.Role("engineer").LeadsTo)); diff != "" {
		t.Errorf("engineer leads to (-want +got):\n%s", diff)
	}
	var urls []string
	for _, c := range m.Comparisons {
		urls = append(urls, c.URL)
	}
	if diff := cmp.Diff([]string{
		"/compare/engineer-vs-senior/", "/compare/engineer-vs-platform/", "/compare/senior-vs-platform/",
		"/compare/lead-vs-manager/", "/compare/senior-vs-lead/", "/compare/platform-vs-lead/", // compare_with, copied
	}, urls); diff != "" {
		t.Errorf("curated comparisons (-want +got):\n%s", diff)
	}
	for id, want := range map[string][]string{
		"senior":   {"platform"},
		"platform": {"senior"},
		"ops":      {"senior", "platform"},
		"engineer": {},
	} {
		if diff := cmp.Diff(want, ids(m.SameLevel(m.Role(id)))); diff != "" {
			t.Errorf("SameLevel(%s) (-want +got):\n%s", id, diff)
		}
	}
}
