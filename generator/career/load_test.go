package career

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
)

// TestSectionPagesAreNoRoles loads folders whose page is a README.md or
// an index.md, as GitHub and Hugo write them: they are section pages, not
// roles, skills or axes missing their keys.
func TestSectionPagesAreNoRoles(t *testing.T) {
	m := mustLoad(t,
		edit{path: "roles/_index.md"},
		edit{path: "roles/README.md", new: "# Roles\n\nEvery role.\n"},
		edit{path: "skills/_index.md"},
		edit{path: "skills/index.md", new: "# Skills\n"},
		edit{path: "behaviours/Readme.md", new: "Behaviours.\n"},
	)
	if len(m.Roles) != 5 || len(m.Skills) != 2 || len(m.Axes) != 2 {
		t.Errorf("%d roles, %d skills, %d axes; want 5, 2 and 2", len(m.Roles), len(m.Skills), len(m.Axes))
	}
}

func TestLoadFixture(t *testing.T) {
	m := mustLoad(t)
	var roles, skills []string
	for _, r := range m.Roles {
		roles = append(roles, r.ID)
	}
	for _, s := range m.Skills {
		skills = append(skills, s.ID)
	}
	if diff := cmp.Diff([]string{"engineer", "senior", "lead", "manager", "ops"}, roles); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"coding", "design"}, skills); diff != "" {
		t.Errorf("skills (-want +got):\n%s", diff)
	}
	var axes []string
	for _, a := range m.Axes {
		axes = append(axes, a.ID+": "+a.Title)
	}
	if diff := cmp.Diff([]string{"impact: Impact and scope", "influence: Communication and influence"}, axes); diff != "" {
		t.Errorf("axes (-want +got):\n%s", diff)
	}
	if m.Axis("impact") == nil || m.Axis("leadership") != nil {
		t.Error("Axis lookups are wrong")
	}

	senior := m.Role("senior")
	if senior == nil || m.Role("nobody") != nil || m.Skill("coding") == nil || m.Skill("nothing") != nil {
		t.Fatal("Role and Skill lookups are wrong")
	}
	want := &Role{
		ID: "senior", Title: "Senior Engineer", Description: "Owns services end to end.",
		Track: "individual-contributor", TrackTitle: "Individual contributor",
		LevelName: "Senior", Level: 2, Weight: 20, File: "content/roles/senior.md",
		Responsibilities: []Group{
			{Key: "technical", Title: "Technical", Items: []Item{
				{ID: "build", Text: "Build services with tests.", Meets: "Every change ships with tests.",
					NotYet: "Tests are added after review asks.", Line: 15, Col: 7},
				{ID: "review", Text: "Review code.", Line: 19, Col: 7},
			}},
			{Key: "leadership", Title: "Leadership", Items: []Item{{ID: "mentor", Text: "Mentor engineers.", Line: 22, Col: 7}}},
		},
		DecisionRights: []Tier{
			{Key: "alone", Title: "Decides alone", Items: []Item{
				{ID: "code", Text: "How to write the code.", Line: 26, Col: 7},
				{ID: "design", Text: "The design of a feature.", Line: 28, Col: 7},
			}},
			{Key: "approval", Title: "Needs manager or executive approval", Items: []Item{{ID: "spend", Text: "Cloud spend.", Line: 31, Col: 7}}},
		},
		Authority: []Authority{
			{Area: "budget", Title: "Budget", Text: "Proposes spend."},
			{Area: "hiring", Title: "Hiring", Text: "Interviews candidates."},
		},
		KPIs:  []KPI{{ID: "lead-time", Metric: "Lead time", Measures: "Commit to production.", Why: "Flow.", Target: "under a day", Frequency: "Weekly"}},
		AI:    AIImpact{HumanCritical: []Item{{ID: "judgment", Text: "Judging trade-offs.", Line: 45, Col: 7}}},
		Scope: "One service end to end, without day-to-day guidance.",
		// In axis order (impact weighs 10, influence 30), not file order.
		Behaviours: []Behaviour{
			{Axis: m.Axis("impact"), Text: "Finishes the tasks given.", Line: 52, Col: 3},
			{Axis: m.Axis("influence"), Text: "Explains a design so others can review it.",
				Example: "Writes the design note the team reviews.", Line: 49, Col: 3},
		},
	}
	// The graph and the skills are checked by their own tests.
	got := *senior
	got.LeadsTo, got.FeedsFrom, got.Adjacent, got.Skills = nil, nil, nil, nil
	want.CompareWith = []string{"lead"}
	if diff := cmp.Diff(want, &got, cmpopts.IgnoreUnexported(Role{})); diff != "" {
		t.Errorf("senior (-want +got):\n%s", diff)
	}

	var tracks []string
	for _, tr := range m.Tracks {
		tracks = append(tracks, tr.Title+": "+strings.Join(ids(tr.Roles), " "))
	}
	wantTracks := []string{"Individual contributor: engineer senior", "Management: lead manager", "Adjacent paths: ops"}
	if diff := cmp.Diff(wantTracks, tracks); diff != "" {
		t.Errorf("tracks (-want +got):\n%s", diff)
	}
}

func ids(rs []*Role) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func TestValidation(t *testing.T) {
	const eng, sen, lead, coding = "roles/engineer.md", "roles/senior.md", "roles/lead.md", "skills/coding.md"
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{
			name:  "id missing",
			edits: []edit{{eng, "id: engineer\n", ""}},
			want:  []string{"content/roles/engineer.md:2:1: role has no id (add `id: engineer`, the file name without .md)"},
		},
		{
			name:  "id not the file name",
			edits: []edit{{eng, "id: engineer", "id: engineer-one"}, {coding, "  engineer:", "  engineer-one:"}},
			want: []string{
				`content/roles/engineer.md:2:5: role id "engineer-one" does not match the file name "engineer.md" (set ` + "`id: engineer`" + `, or rename the file to engineer-one.md)`,
			},
		},
		{
			name:  "id not kebab-case",
			edits: []edit{{"skills/Design Skill.md", "", strings.Replace(designMD, "id: design", "id: Design Skill", 1)}},
			want: []string{
				`content/skills/Design Skill.md:2:5: skill id "Design Skill" is not kebab-case (use lower-case words joined by "-", and name the file after the id)`,
			},
		},
		{
			name:  "duplicate role id",
			edits: []edit{{"roles/old/engineer.md", "", strings.Replace(engineerMD, "level: 1", "level: 5", 1)}},
			want: []string{
				`content/roles/old/engineer.md:2:5: duplicate role id "engineer" (content/roles/engineer.md already uses it; every role needs its own id)`,
			},
		},
		{
			name:  "duplicate skill id",
			edits: []edit{{"skills/more/coding.md", "", codingMD}},
			want: []string{
				`content/skills/more/coding.md:2:5: duplicate skill id "coding" (content/skills/coding.md already uses it; every skill needs its own id)`,
			},
		},
		{
			name:  "unknown track",
			edits: []edit{{"roles/ops.md", "track: adjacent", "track: adjacnet"}},
			want:  []string{`content/roles/ops.md:5:8: unknown track "adjacnet" (did you mean "adjacent"?)`},
		},
		{
			name:  "unknown track far from any",
			edits: []edit{{"roles/ops.md", "track: adjacent", "track: specialist"}},
			want:  []string{`content/roles/ops.md:5:8: unknown track "specialist" (use one of individual-contributor, management, adjacent)`},
		},
		{
			name:  "track missing",
			edits: []edit{{"roles/ops.md", "track: adjacent\n", ""}},
			want:  []string{"content/roles/ops.md:2:1: role has no track (add `track:` with one of individual-contributor, management, adjacent)"},
		},
		{
			name:  "level above 6",
			edits: []edit{{"roles/manager.md", "level: 4", "level: 7"}},
			want:  []string{`content/roles/manager.md:6:8: level 7 is outside 1..6 (levels run from 1 (entry) to 6)`},
		},
		{
			name:  "level 0",
			edits: []edit{{"roles/ops.md", "level: 2", "level: 0"}},
			want:  []string{`content/roles/ops.md:6:8: level 0 is outside 1..6 (levels run from 1 (entry) to 6)`},
		},
		{
			name:  "level missing",
			edits: []edit{{"roles/ops.md", "level: 2\n", ""}},
			want:  []string{"content/roles/ops.md:2:1: role has no level (add `level:` from 1 (entry) to 6)"},
		},
		{
			name:  "level empty",
			edits: []edit{{"roles/ops.md", "level: 2", "level:"}},
			want:  []string{"content/roles/ops.md:6:7: role has no level (add `level:` from 1 (entry) to 6)"},
		},
		{
			name:  "level not a number",
			edits: []edit{{"roles/ops.md", "level: 2", "level: senior"}},
			want:  []string{`content/roles/ops.md:6:8: level must be a whole number, not "senior"`},
		},
		{
			name:  "two roles on one level of a track are specialisations",
			edits: []edit{{lead, "track: management\nlevel: 3", "track: individual-contributor\nlevel: 2"}},
		},
		{
			// roles/a-senior.md sorts before roles/senior.md, but it is the
			// draft: the new file gets the error, at its own title.
			name: "two roles of one title on one level: the draft introduces the conflict",
			edits: []edit{{"roles/a-senior.md", "", strings.NewReplacer("id: senior", "id: a-senior", "weight: 20", "weight: 20\ndraft: true").Replace(seniorMD)},
				{"roles/engineer.md", "leads_to: [senior]", "leads_to: [senior, a-senior]"}},
			want: []string{
				`content/roles/a-senior.md:3:1: level 2 of the individual-contributor track already has a role titled "Senior Engineer": senior (roles may share a level, but each needs a title of its own, such as "Senior Platform Engineer" beside "Senior Software Engineer" (see content/roles/senior.md))`,
			},
		},
		{
			name: "two roles of one title on one level: the later file introduces the conflict",
			edits: []edit{{"roles/senior2.md", "", strings.NewReplacer("id: senior", "id: senior2", "title: Senior Engineer", "title: senior engineer").Replace(seniorMD)},
				{coding, "  ops:", "  senior2:\n    importance: Optional\n    expectation: Reads code.\n  ops:"}},
			want: []string{
				`content/roles/senior2.md:3:1: level 2 of the individual-contributor track already has a role titled "senior engineer": senior (roles may share a level, but each needs a title of its own, such as "Senior Platform Engineer" beside "Senior Software Engineer" (see content/roles/senior.md))`,
			},
		},
		{
			name: "one title on two levels is fine",
			edits: []edit{{"roles/senior2.md", "", strings.NewReplacer("id: senior", "id: senior2", "level: 2", "level: 3").Replace(seniorMD)},
				{coding, "  ops:", "  senior2:\n    importance: Optional\n    expectation: Reads code.\n  ops:"}},
		},
		{
			name:  "a draft with a published role's id is the duplicate",
			edits: []edit{{"roles/a/senior.md", "", strings.Replace(seniorMD, "weight: 20", "weight: 20\ndraft: true", 1)}},
			want: []string{
				`content/roles/a/senior.md:2:5: duplicate role id "senior" (content/roles/senior.md already uses it; every role needs its own id)`,
			},
		},
		{
			name:  "same level on the adjacent track is fine",
			edits: []edit{{"roles/sre.md", "", strings.NewReplacer("id: ops", "id: sre", "title: Site Reliability Engineer", "title: Platform Engineer", "weight: 80", "weight: 81").Replace(opsMD)}, {coding, "  ops:", "  sre:\n    importance: Optional\n    expectation: Reads code.\n  ops:"}},
		},
		{
			name:  "unknown role in leads_to",
			edits: []edit{{eng, "leads_to: [senior]", "leads_to: [senoir, staff-architect]"}},
			want: []string{
				`content/roles/engineer.md:10:14: leads_to: no role has id "senoir" (did you mean "senior"?)`,
				`content/roles/engineer.md:10:22: leads_to: no role has id "staff-architect" (role ids are the file names under content/roles/)`,
			},
		},
		{
			name:  "unknown role in feeds_from and adjacent",
			edits: []edit{{"roles/manager.md", "feeds_from: [lead]", "feeds_from: [leed]\n  adjacent: [opps]"}},
			want: []string{
				`content/roles/manager.md:9:16: feeds_from: no role has id "leed" (did you mean "lead"?)`,
				`content/roles/manager.md:10:14: adjacent: no role has id "opps" (did you mean "ops"?)`,
			},
		},
		{
			name:  "unknown role in compare_with",
			edits: []edit{{sen, "compare_with: [lead]", "compare_with: [managr]"}},
			want:  []string{`content/roles/senior.md:12:16: compare_with: no role has id "managr" (did you mean "manager"?)`},
		},
		{
			name:  "unknown role in skill levels",
			edits: []edit{{coding, "  lead:", "  tech-lead:"}},
			want:  []string{`content/skills/coding.md:15:3: levels: no role has id "tech-lead" (did you mean "lead"?)`},
		},
		{
			name:  "leads_to a lower level on the same track",
			edits: []edit{{sen, "leads_to: [lead]", "leads_to: [lead, engineer]"}},
			want: []string{
				`content/roles/senior.md:10:20: leads_to: engineer is level 1, below this role's level 2 on the same track (a role leads to the same or a higher level; list it under feeds_from instead)`,
			},
		},
		{
			name:  "leads_to a lower level on another track is fine",
			edits: []edit{{"roles/manager.md", "feeds_from: [lead]", "leads_to: [senior]"}},
		},
		{
			name:  "feeds_from a higher level on the same track",
			edits: []edit{{lead, "level: 3\n", "level: 3\nrelations:\n  feeds_from: [manager]\n"}},
			want: []string{
				`content/roles/lead.md:8:16: feeds_from: manager is level 4, above this role's level 3 on the same track (a role is fed from the same or a lower level; list it under leads_to instead)`,
			},
		},
		{
			name:  "relation to itself",
			edits: []edit{{sen, "adjacent: [ops]", "adjacent: [ops, senior]"}},
			want:  []string{`content/roles/senior.md:11:19: adjacent: a role cannot refer to itself (remove "senior" from the list)`},
		},
		{
			name:  "title and description missing",
			edits: []edit{{"roles/ops.md", "title: Site Reliability Engineer\ndescription: Keeps production reliable.\n", "description: \"\"\n"}},
			want: []string{
				"content/roles/ops.md:2:1: role has no title (add `title: Role Name`)",
				"content/roles/ops.md:3:1: role has no description (add `description:` with one sentence on what the role is for)",
			},
		},
		{
			name:  "no responsibilities",
			edits: []edit{{"roles/ops.md", "  operational:\n    - id: slos\n      text: Run SLOs.\n", "  operational: []\n"}},
			want:  []string{"content/roles/ops.md:8:1: role has no responsibilities (add at least one {id, text} item under a group such as technical)"},
		},
		{
			name:  "no decision rights",
			edits: []edit{{"roles/ops.md", "decision_rights:\n  alone:\n    - id: alerts\n      text: Alert thresholds.\n", ""}},
			want:  []string{"content/roles/ops.md:2:1: role has no decision rights (add at least one {id, text} item under alone, review or approval)"},
		},
		{
			name:  "no ai impact",
			edits: []edit{{"roles/ops.md", "  automated:\n    - id: triage\n      text: Incident triage.\n", "  automated:\n  outlook: []\n"}},
			want:  []string{"content/roles/ops.md:16:1: role has no AI impact (add at least one {id, text} item under automated, human_critical, outlook or new_expectations)"},
		},
		{
			name:  "no role summary",
			edits: []edit{{"roles/ops.md", "## Role summary", "## Summary\n\n```\n## Role summary\n```"}},
			want:  []string{`content/roles/ops.md:21:1: role has no "## Role summary" heading (every role page opens its body with a short Role summary section)`},
		},
		{
			name: "item ids",
			edits: []edit{{sen, "    - id: review\n", "    - id: Review\n"}, {sen, "    - id: mentor\n", "    - id: build\n"},
				{sen, "    - id: spend\n", "    - name: spend\n"}, {sen, "    - id: design\n      text: The design of a feature.\n", "    - id: design\n"}},
			want: []string{
				`content/roles/senior.md:19:11: responsibilities item id "Review" is not kebab-case (use lower-case words joined by "-")`,
				`content/roles/senior.md:22:11: responsibilities item id "build" is used twice (ids are unique within responsibilities; the first is at line 15)`,
				`content/roles/senior.md:28:7: decision_rights.alone item "design" has no text`,
				`content/roles/senior.md:30:7: unknown key "name" in decision_rights.approval item (known keys: id, text)`,
				`content/roles/senior.md:30:7: decision_rights item has no id (add ` + "`id: short-kebab-name`" + `; it is the item's anchor)`,
			},
		},
		{
			name:  "kpi without id and metric",
			edits: []edit{{sen, "  - id: lead-time\n    metric: Lead time\n    measures: Commit to production.\n", "  - measures: Commit to production.\n"}},
			want: []string{
				"content/roles/senior.md:37:5: kpis item has no id (add `id: short-kebab-name`; it is the item's anchor)",
				`content/roles/senior.md:37:5: kpi "" has no metric (add ` + "`metric:`" + ` with the name of what is measured)`,
			},
		},
		{
			name:  "skill category",
			edits: []edit{{coding, "category: must-have", "category: must have"}, {"skills/design.md", "category: advanced\n", ""}},
			want: []string{
				`content/skills/coding.md:4:11: unknown skill category "must have" (did you mean "must-have"?)`,
				"content/skills/design.md:2:1: skill has no category (add `category:` with one of must-have, good-to-have, advanced, emerging)",
			},
		},
		{
			name: "importance and expectation",
			edits: []edit{{coding, "importance: Important", "importance: important"}, {coding, "importance: Critical", "importance: Essential"},
				{coding, "importance: Optional\n", ""}, {coding, "expectation: Writes automation.", "expectation:"}},
			want: []string{
				`content/skills/coding.md:10:17: importance "important" is not Critical, Important or Optional (did you mean "Important"?)`,
				`content/skills/coding.md:13:17: importance "Essential" is not Critical, Important or Optional`,
				"content/skills/coding.md:18:3: levels.manager has no importance (add `importance:` with Critical, Important or Optional)",
				"content/skills/coding.md:22:5: levels.ops has no expectation (add `expectation:` with what this role shows of the skill)",
			},
		},
		{
			name:  "role with no skills",
			edits: []edit{{coding, "  ops:\n    importance: Important\n    expectation: Writes automation.\n", ""}},
			want:  []string{`content/roles/ops.md:2:5: role ops has no skills in the matrix (add it under ` + "`levels:`" + ` of the skills it needs in content/skills/)`},
		},
		{
			name: "a draft role may have no skills yet",
			edits: []edit{{coding, "  ops:\n    importance: Important\n    expectation: Writes automation.\n", ""},
				{"roles/ops.md", "weight: 80\n", "weight: 80\ndraft: true\n"}},
		},
		{
			name:  "unknown keys",
			edits: []edit{{sen, "  leads_to:", "  leadsto:"}, {sen, "kpis:", "salary: 10\nkpis:"}, {"roles/ops.md", "  automated:", "  automatic:"}},
			want: []string{
				"content/roles/ops.md:16:1: role has no AI impact (add at least one {id, text} item under automated, human_critical, outlook or new_expectations)",
				`content/roles/ops.md:17:3: unknown key "automatic" in ai_impact (did you mean "automated"?)`,
				`content/roles/senior.md:10:3: unknown key "leadsto" in relations (did you mean "leads_to"?)`,
				`content/roles/senior.md:36:1: unknown key "salary" in role front matter (known keys: id, title, description, weight, draft, aliases, anchor_aliases, changes, glossary, track, level, level_name, relations, compare_with, scope, behaviours, held_at, responsibilities, decision_rights, authority, kpis, ai_impact)`,
			},
		},
		{
			name:  "repeated key",
			edits: []edit{{eng, "  leads_to: [senior]\n", "  leads_to: [senior]\n  leads_to: [lead]\n"}},
			want:  []string{`content/roles/engineer.md:11:3: relations: key "leads_to" is repeated (it is already set at line 10)`},
		},
		{
			name: "wrong shapes",
			edits: []edit{
				{"roles/ops.md", "responsibilities:\n  operational:\n    - id: slos\n      text: Run SLOs.\n",
					"relations: [senior]\nresponsibilities:\n  operational: slos\n  technical: {id: x, text: y}\n  strategic:\n    - [a]\n"},
				{"roles/ops.md", "  automated:\n", "  automated:\n    - triage\n"},
			},
			want: []string{
				`content/roles/ops.md:8:12: relations must be a mapping of keys to values, not a list`,
				"content/roles/ops.md:9:1: role has no responsibilities (add at least one {id, text} item under a group such as technical)",
				`content/roles/ops.md:10:16: responsibilities.operational must be a list, not "slos"`,
				`content/roles/ops.md:11:14: responsibilities.technical must be a list, not a mapping`,
				`content/roles/ops.md:13:7: responsibilities.strategic items must be mappings with id and text, not a list`,
				`content/roles/ops.md:20:7: ai_impact.automated items must be mappings with id and text, not "triage"`,
			},
		},
		{
			name:  "id empty",
			edits: []edit{{"skills/design.md", "id: design", "id:"}},
			want:  []string{"content/skills/design.md:2:4: skill has no id (add `id: design`, the file name without .md)"},
		},
		{
			name:  "merge keys",
			edits: []edit{{eng, "  leads_to: [senior]", "  <<: {leads_to: [senior]}"}},
			want:  []string{"content/roles/engineer.md:10:3: relations: merge keys (<<) are not supported (write the keys out)"},
		},
		{
			name:  "unknown axis",
			edits: []edit{{eng, "  influence:\n    text: Asks", "  influense:\n    text: Asks"}, {eng, "  impact:\n", "  leadership:\n"}},
			want: []string{
				`content/roles/engineer.md:31:3: behaviours: no behaviour axis has id "leadership" (axis ids are the file names under content/behaviours/: impact, influence)`,
				`content/roles/engineer.md:34:3: behaviours: no behaviour axis has id "influense" (did you mean "influence"?)`,
			},
		},
		{
			name: "behaviour shapes",
			edits: []edit{
				{eng, "    example: Ships a small fix in a week.\n", "    exmaple: Ships a small fix in a week.\n"},
				{eng, "    text: Asks for help early.\n", "    example: Asks for help early.\n  impact: {text: again}\n"},
				{sen, "scope: One service end to end, without day-to-day guidance.", "scope: [one, two]"},
				{"roles/ops.md", "responsibilities:\n", "behaviours: [impact]\nresponsibilities:\n"},
			},
			want: []string{
				`content/roles/engineer.md:33:5: unknown key "exmaple" in behaviours.impact (did you mean "example"?)`,
				"content/roles/engineer.md:34:3: behaviours.influence has no text (add `text:` with one observable expectation for this axis at this level)",
				`content/roles/engineer.md:36:3: behaviours: axis "impact" is repeated (it is already set at line 31)`,
				"content/roles/ops.md:8:13: behaviours must be a mapping of axis ids to {text, example}, not a list",
				"content/roles/senior.md:47:8: scope must be text, not a list",
			},
		},
		{
			name: "meets and not_yet",
			edits: []edit{
				{sen, "      meets: Every change ships with tests.\n", "      meets: [tests]\n"},
				{sen, "      text: How to write the code.\n", "      text: How to write the code.\n      not_yet: Asks first.\n"},
				{"roles/ops.md", "      text: Incident triage.\n", "      text: Incident triage.\n      meets: Triage is automated.\n"},
			},
			want: []string{
				`content/roles/ops.md:20:7: unknown key "meets" in ai_impact.automated item (known keys: id, text)`,
				"content/roles/senior.md:17:14: meets must be text, not a list",
				`content/roles/senior.md:28:7: unknown key "not_yet" in decision_rights.alone item (known keys: id, text)`,
			},
		},
		{
			name: "axis files",
			edits: []edit{
				{"behaviours/impact.md", "title: Impact and scope\n", "levels: {}\n"},
				{"behaviours/Influence.md", "", influenceMD},
				{"behaviours/reach.md", "", "Just prose.\n"},
			},
			want: []string{
				"content/behaviours/Influence.md:2:5: behaviour axis id \"influence\" does not match the file name \"Influence.md\" (set `id: Influence`, or rename the file to influence.md)",
				"content/behaviours/impact.md:2:1: behaviour axis has no title (add `title: Axis name`)",
				`content/behaviours/impact.md:3:1: unknown key "levels" in behaviour axis front matter (known keys: id, title, description, weight, draft, aliases, anchor_aliases, changes, glossary)`,
				`content/behaviours/influence.md:2:5: duplicate behaviour axis id "influence" (content/behaviours/Influence.md already uses it; every axis needs its own id)`,
				`content/behaviours/reach.md:1:1: behaviour axis has no front matter (start the file with the axis's keys (id, title, description) between two "---" lines)`,
			},
		},
		{
			name:  "no front matter",
			edits: []edit{{"roles/ops.md", "", "## Role summary\n"}},
			want: []string{
				"content/roles/ops.md:1:1: role has no front matter (start the file with the role's keys between two \"---\" lines; `handbook new role <id>` writes a template)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := loadFixture(t, tt.edits...)
			got := errorLines(err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if (err == nil) != (m != nil) {
				t.Errorf("Load returned model %v with error %v; want exactly one", m != nil, err)
			}
		})
	}
}

// errorLines returns the lines of a diag.List, or nil for no error.
func errorLines(err error) []string {
	if err == nil {
		return nil
	}
	var lines []string
	for _, e := range diag.Flatten(err) {
		lines = append(lines, e.Error())
	}
	return lines
}

// TestAllErrorsAtOnce checks that problems in several files come back in
// one sorted list of positioned diag.Errors.
func TestAllErrorsAtOnce(t *testing.T) {
	_, err := loadFixture(t,
		edit{"roles/ops.md", "level: 2", "level: 9"},
		edit{"roles/engineer.md", "leads_to: [senior]", "leads_to: [senor]"},
		edit{"skills/coding.md", "importance: Critical", "importance: High"},
	)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a diag.List", err)
	}
	want := []string{
		`content/roles/engineer.md:10:14: leads_to: no role has id "senor" (did you mean "senior"?)`,
		`content/roles/ops.md:6:8: level 9 is outside 1..6 (levels run from 1 (entry) to 6)`,
		`content/skills/coding.md:13:17: importance "High" is not Critical, Important or Optional`,
	}
	if diff := cmp.Diff(want, errorLines(err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// TestPositions checks the line arithmetic against the file itself: a front
// matter node at YAML line n is on file line MetaLine-1+n, so every item's
// line holds "id: <its id>" at its column.
func TestPositions(t *testing.T) {
	tree, err := content.Load(os.DirFS("../.."), "content")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Load(tree.Files)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range m.Roles {
		src, err := os.ReadFile("../../" + r.File)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		var items []Item
		for _, g := range r.Responsibilities {
			items = append(items, g.Items...)
		}
		for _, tr := range r.DecisionRights {
			items = append(items, tr.Items...)
		}
		items = append(items, r.AI.Automated...)
		items = append(items, r.AI.HumanCritical...)
		items = append(items, r.AI.Outlook...)
		items = append(items, r.AI.NewExpectations...)
		for _, it := range items {
			if it.Line < 1 || it.Line > len(lines) || it.Col < 1 || it.Col > len(lines[it.Line-1]) {
				t.Errorf("%s: item %s at %d:%d is outside the file", r.File, it.ID, it.Line, it.Col)
				continue
			}
			if got := lines[it.Line-1][it.Col-1:]; !strings.HasPrefix(got, "id: "+it.ID) {
				t.Errorf("%s:%d:%d: item %s: the line there reads %q", r.File, it.Line, it.Col, it.ID, got)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("checked %d items, want the whole handbook", checked)
	}
}

// Each of the six parts of a role page, missing: an error by default
// (career paths aside, which are optional), a warning at the same place
// under MissingWarn, and the role loads.
func TestMissingParts(t *testing.T) {
	const ops = "roles/ops.md"
	tests := []struct {
		name  string
		edits []edit
		want  string // the problem, without "warning: "
		error bool   // it is an error by default
	}{
		{"summary", []edit{{ops, "## Role summary\n", "## Summary\n"}},
			`content/roles/ops.md:21:1: role has no "## Role summary" heading (every role page opens its body with a short Role summary section)`, true},
		{"responsibilities", []edit{{ops, "responsibilities:\n  operational:\n    - id: slos\n      text: Run SLOs.\n", ""}},
			"content/roles/ops.md:2:1: role has no responsibilities (add at least one {id, text} item under a group such as technical)", true},
		{"skills", []edit{{"skills/coding.md", "  ops:\n    importance: Important\n    expectation: Writes automation.\n", ""}},
			"content/roles/ops.md:2:5: role ops has no skills in the matrix (add it under `levels:` of the skills it needs in content/skills/)", true},
		{"decision rights", []edit{{ops, "decision_rights:\n  alone:\n    - id: alerts\n      text: Alert thresholds.\n", ""}},
			"content/roles/ops.md:2:1: role has no decision rights (add at least one {id, text} item under alone, review or approval)", true},
		{"career paths", []edit{{"roles/senior.md", "  adjacent: [ops]\n", ""}},
			"content/roles/ops.md:2:1: role ops has no career paths (add `relations:` with leads_to, feeds_from or adjacent role ids, here or in the roles it connects to)", false},
		{"AI impact", []edit{{ops, "ai_impact:\n  automated:\n    - id: triage\n      text: Incident triage.\n", ""}},
			"content/roles/ops.md:2:1: role has no AI impact (add at least one {id, text} item under automated, human_critical, outlook or new_expectations)", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := baseFixture().apply(t, tc.edits...).files(t)
			_, err := Load(files)
			switch {
			case tc.error && (err == nil || err.Error() != tc.want):
				t.Errorf("by default: %v\nwant %s", err, tc.want)
			case !tc.error && err != nil:
				t.Errorf("by default: %v, want no error", err)
			}
			m, err := LoadWith(files, Options{MissingParts: MissingWarn})
			if err != nil {
				t.Fatalf("warn: %v", err)
			}
			var got []string
			for _, w := range m.Warnings {
				got = append(got, w.Error())
			}
			if diff := cmp.Diff([]string{tc.want}, got); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			if m.Role("ops") == nil {
				t.Error("the role did not load")
			}
		})
	}
	// A complete ladder has nothing to warn about; a draft may have no
	// skills yet, as by default.
	for _, edits := range [][]edit{nil, {{"roles/ops.md", "weight: 80\n", "weight: 80\ndraft: true\n"}, {"skills/coding.md", "  ops:\n    importance: Important\n    expectation: Writes automation.\n", ""}}} {
		m, err := LoadWith(baseFixture().apply(t, edits...).files(t), Options{MissingParts: MissingWarn})
		if err != nil || len(m.Warnings) > 0 {
			t.Errorf("warnings %v, error %v; want none", m.Warnings, err)
		}
	}
}
