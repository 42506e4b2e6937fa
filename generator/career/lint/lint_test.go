package lint

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
)

// load reads testdata/ladder.txtar, with the files of the txtar archive
// overrides replacing or adding to its own, and loads the career model.
func load(t *testing.T, overrides string) *career.Model {
	t.Helper()
	base, err := txtar.ParseFile("testdata/ladder.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range append(base.Files, txtar.Parse([]byte(overrides)).Files...) {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	tree, err := content.Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	m, err := career.Load(tree.Files)
	if err != nil {
		t.Fatalf("the fixture does not load:\n%v", err)
	}
	return m
}

// lines runs the lint and returns its findings as printed.
func lines(m *career.Model) []string {
	var out []string
	for _, f := range Check(m) {
		out = append(out, f.Warning())
	}
	return out
}

// lintCase is one fixture of a rule: the files that differ from the base
// ladder, an edit of the loaded model for what the loader does not read
// yet, and the findings.
type lintCase struct {
	name  string
	files string
	edit  func(t *testing.T, m *career.Model)
	want  []string
}

func runCases(t *testing.T, cases []lintCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := load(t, tc.files)
			if tc.edit != nil {
				tc.edit(t, m)
			}
			if diff := cmp.Diff(tc.want, lines(m)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func role(t *testing.T, m *career.Model, id string) *career.Role {
	t.Helper()
	r := m.Role(id)
	if r == nil {
		t.Fatalf("no role %s", id)
	}
	return r
}

func TestBaseLadderIsClean(t *testing.T) {
	if got := lines(load(t, "")); len(got) > 0 {
		t.Errorf("the base ladder has findings:\n%q", got)
	}
}

// techLead is a role held at senior level. The loader does not read
// held_at yet: the tests set HeldAt on the model. It sits on the
// management track so that its level does not clash with senior's.
const techLead = `-- content/roles/tech-lead.md --
---
id: tech-lead
title: Tech Lead
description: Leads a team's technical work.
track: management
level: 2
responsibilities:
  technical:
    - id: services
      text: %s
decision_rights:
  alone:
    - id: squad-order
      text: The order of work within the squad, once priorities are agreed.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
-- content/skills/leading.md --
---
id: leading
title: Leading
category: good-to-have
levels:
  tech-lead:
    importance: Critical
    expectation: Leads the squad's technical work.
---
`

func heldAtSenior(t *testing.T, m *career.Model) {
	role(t, m, "tech-lead").HeldAt = []*career.Role{role(t, m, "senior")}
}

func TestNearRepeat(t *testing.T) {
	runCases(t, []lintCase{{
		name: "responsibility repeats the level below",
		files: `-- content/roles/senior.md --
---
id: senior
title: Senior Engineer
description: Owns a team's services.
track: individual-contributor
level: 2
responsibilities:
  technical:
    - id: build-features
      text: Builds small features with tests, guided by senior engineers.
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  alone:
    - id: approve-designs
      text: Approves designs and contract changes in the services the team owns.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`,
		want: []string{`content/roles/senior.md:9:7: warning: responsibility "build-features" nearly repeats the level below: same group, near-identical text: 1.00 similar to engineer#technical-build (say what changes at this level, or drop the item: expectations are cumulative)`},
	}, {
		name: "decision right repeats the level below in the same tier",
		files: `-- content/roles/senior.md --
---
id: senior
title: Senior Engineer
description: Owns a team's services.
track: individual-contributor
level: 2
responsibilities:
  technical:
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  alone:
    - id: task-code
      text: How to structure the code of an assigned feature.
    - id: approve-designs
      text: Approves designs and contract changes in the services the team owns.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`,
		want: []string{`content/roles/senior.md:13:7: warning: decision right "task-code" nearly repeats the level below: same decision tier, near-identical text: 0.75 similar to engineer#alone-code (write what this level decides that the level below does not, or drop the right)`},
	}, {
		name: "same words in another group is no repeat",
		files: `-- content/roles/senior.md --
---
id: senior
title: Senior Engineer
description: Owns a team's services.
track: individual-contributor
level: 2
responsibilities:
  leadership:
    - id: build-with-juniors
      text: Build small features with tests, guiding a junior engineer.
  technical:
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  alone:
    - id: approve-designs
      text: Approves designs and contract changes in the services the team owns.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`,
	}, {
		name:  "held role repeats the level it is held at",
		files: withText(techLead, "Own the design and operation of the team's services in production."),
		edit:  heldAtSenior,
		want:  []string{`content/roles/tech-lead.md:9:7: warning: responsibility "services" nearly repeats senior, a level it is held at: same group, near-identical text: 1.00 similar to senior#technical-own-services (say what changes at this level, or drop the item: expectations are cumulative)`},
	}, {
		name:  "held role adds to the level it is held at",
		files: withText(techLead, "Run the squad's design reviews and record the decisions they take."),
		edit:  heldAtSenior,
	}})
}

func TestRepeatedGain(t *testing.T) {
	runCases(t, []lintCase{{
		name: "gained right the lower level holds in a freer tier",
		files: `-- content/roles/senior.md --
---
id: senior
title: Senior Engineer
description: Owns a team's services.
track: individual-contributor
level: 2
responsibilities:
  technical:
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  alone:
    - id: approve-designs
      text: Approves designs and contract changes in the services the team owns.
  review:
    - id: task-code
      text: How to structure the code of an assigned task, with a review.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`,
		want: []string{`content/roles/senior.md:16:7: warning: decision right "task-code" is listed as gained over engineer, which already holds it: freer tier "Decides alone", near-identical text: 0.89 similar to engineer#alone-code (reword it to say what is new at this level, or drop it)`},
	}, {
		name: "right moved to a freer tier is a real gain",
		files: `-- content/roles/senior.md --
---
id: senior
title: Senior Engineer
description: Owns a team's services.
track: individual-contributor
level: 2
responsibilities:
  technical:
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  alone:
    - id: shared-design
      text: The design of any change that touches a shared service the team owns.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`,
	}})
}

func TestNoGain(t *testing.T) {
	runCases(t, []lintCase{{
		// Imported under career.missing_parts: warn, a role without
		// decision rights lacks a part of its page: the model says so,
		// the lint does not add a second finding at the same place.
		name: "a role with no decision rights at all",
		edit: func(t *testing.T, m *career.Model) {
			role(t, m, "senior").DecisionRights = nil
			for _, c := range m.Comparisons {
				if c.To.ID == "senior" {
					c.RightsGained = nil
				}
			}
		},
	}, {
		name: "higher level keeps the rights of the lower",
		files: `-- content/roles/senior.md --
---
id: senior
title: Senior Engineer
description: Owns a team's services.
track: individual-contributor
level: 2
responsibilities:
  technical:
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  alone:
    - id: code
      text: How to structure the code of an assigned task or feature.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`,
		want: []string{
			`content/roles/senior.md:11:1: warning: senior gains no decision right over engineer (/compare/engineer-vs-senior/) (add a right senior holds that engineer does not, or move one to a freer tier)`,
			`content/roles/senior.md:13:7: warning: decision right "code" nearly repeats the level below: same decision tier, near-identical text: 0.89 similar to engineer#alone-code (write what this level decides that the level below does not, or drop the right)`,
		},
	}, {
		name: "every gained right nearly repeats one held below",
		files: `-- content/roles/senior.md --
---
id: senior
title: Senior Engineer
description: Owns a team's services.
track: individual-contributor
level: 2
responsibilities:
  technical:
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  review:
    - id: shared-changes
      text: The design of a change that touches any shared service.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`,
		want: []string{
			`content/roles/senior.md:11:1: warning: every decision right senior gains over engineer nearly repeats one engineer already holds (/compare/engineer-vs-senior/) (add a right senior holds that engineer does not, or move one to a freer tier)`,
			`content/roles/senior.md:13:7: warning: decision right "shared-changes" nearly repeats the level below: same decision tier, near-identical text: 1.00 similar to engineer#review-design (write what this level decides that the level below does not, or drop the right)`,
		},
	}, {
		name: "a pair the model compares for a reader is no claim",
		edit: func(t *testing.T, m *career.Model) {
			m.Comparisons = append(m.Comparisons, &career.Comparison{From: role(t, m, "engineer"), To: role(t, m, "staff"), URL: "/compare/engineer-vs-staff/"})
		},
	}, {
		name:  "a held role is no step",
		files: leadAbove,
		edit:  heldAtSenior,
	}, {
		name:  "the same role as a step gains nothing",
		files: leadAbove,
		want:  []string{"content/roles/tech-lead.md:12:1: warning: tech-lead gains no decision right over senior (/compare/senior-vs-tech-lead/) (add a right tech-lead holds that senior does not, or move one to a freer tier)"},
	}})
}

// leadAbove is a tech lead a level above senior, compared with it, that
// keeps senior's one decision right in its own words.
const leadAbove = `-- content/roles/tech-lead.md --
---
id: tech-lead
title: Tech Lead
description: Leads a team's technical work.
track: management
level: 3
compare_with: [senior]
responsibilities:
  technical:
    - id: reviews
      text: Run the squad's design reviews and record the decisions they take.
decision_rights:
  alone:
    - id: approve-designs
      text: Approves the squad's designs once a staff engineer has looked at them.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
-- content/skills/leading.md --
---
id: leading
title: Leading
category: good-to-have
levels:
  tech-lead:
    importance: Critical
    expectation: Leads the squad's technical work.
---
`

// coding returns the coding skill with staff's entry as given.
func coding(staff string) string {
	return `-- content/skills/coding.md --
---
id: coding
title: Coding
category: must-have
levels:
  engineer:
    importance: Important
    expectation: Writes small features.
  senior:
    importance: Critical
    expectation: Writes services.
  staff:
` + staff + `---
`
}

func TestSkillDrop(t *testing.T) {
	runCases(t, []lintCase{{
		name: "must-have skill drops without a note",
		files: coding(`    importance: Optional
    expectation: Reads code in reviews.
`),
		want: []string{"content/skills/coding.md:12:3: warning: must-have skill coding drops from Critical at senior to Optional at staff without a note (add `note:` to this entry saying why the skill matters less at this level, or raise the importance)"},
	}, {
		name: "the drop is explained",
		files: coding(`    importance: Important
    expectation: Writes the hard parts.
    note: Staff engineers spend most of their time on direction; they still code the hard parts.
`),
	}, {
		name: "a skill that is not must-have may drop",
		files: `-- content/skills/coding.md --
---
id: coding
title: Coding
category: good-to-have
levels:
  senior:
    importance: Critical
    expectation: Writes services.
  staff:
    importance: Optional
    expectation: Reads code.
---
`,
	}, {
		name: "a level without the skill is passed over",
		files: `-- content/skills/coding.md --
---
id: coding
title: Coding
category: must-have
levels:
  engineer:
    importance: Critical
    expectation: Writes small features.
  staff:
    importance: Important
    expectation: Writes the hard parts.
---
`,
		want: []string{"content/skills/coding.md:9:3: warning: must-have skill coding drops from Critical at engineer to Important at staff without a note (add `note:` to this entry saying why the skill matters less at this level, or raise the importance)"},
	}})
}

// engineerLeadsTo returns the base engineer with these relations.
func engineerLeadsTo(relations string) string {
	return `-- content/roles/engineer.md --
---
id: engineer
title: Engineer
description: Builds well-scoped features.
track: individual-contributor
level: 1
relations:
` + relations + `
responsibilities:
  technical:
    - id: build
      text: Build small features with tests, guided by a senior engineer.
decision_rights:
  alone:
    - id: code
      text: How to structure the code of an assigned task.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`
}

func TestSkippedLevel(t *testing.T) {
	runCases(t, []lintCase{{
		name:  "path skips a level without a note",
		files: engineerLeadsTo("  leads_to: [senior, staff]"),
		want:  []string{"content/roles/engineer.md:8:22: warning: career path engineer -> staff skips level 2 (senior) without a note (write the entry as {id: staff, note: ...} saying why the move skips it, or lead to the next level)"},
	}, {
		name:  "path written on the higher role",
		files: engineerLeadsTo("  leads_to: [senior]") + "-- content/roles/staff.md --\n" + staffFedFromEngineer,
		want:  []string{"content/roles/staff.md:8:16: warning: career path engineer -> staff skips level 2 (senior) without a note (write the entry as {id: staff, note: ...} saying why the move skips it, or lead to the next level)"},
	}, {
		name:  "the skip is explained",
		files: engineerLeadsTo("  leads_to: [senior, staff]"),
		edit: func(t *testing.T, m *career.Model) {
			role(t, m, "engineer").NotesTo = map[string]string{"staff": "Rare: only for engineers hired in at staff scope."}
		},
	}, {
		name:  "the next level is no skip",
		files: engineerLeadsTo("  leads_to: [senior]"),
	}})
}

const staffFedFromEngineer = `---
id: staff
title: Staff Engineer
description: Sets the direction of a domain.
track: individual-contributor
level: 3
relations:
  feeds_from: [engineer]
responsibilities:
  technical:
    - id: direction
      text: Set the technical direction of a domain that several teams share.
decision_rights:
  alone:
    - id: domain-standards
      text: Which standards the domain's teams adopt, within the organisation's policies.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
`

func TestMissingBehaviour(t *testing.T) {
	impact := &career.Axis{ID: "impact", Title: "Impact and scope"}
	influence := &career.Axis{ID: "influence", Title: "Communication and influence"}
	// behaviours gives every role of the ladder a behaviour on each axis,
	// and senior only the first.
	behaviours := func(axes ...*career.Axis) func(*testing.T, *career.Model) {
		return func(t *testing.T, m *career.Model) {
			m.Axes = axes
			for _, r := range m.Roles {
				for _, a := range axes {
					r.Behaviours = append(r.Behaviours, career.Behaviour{Axis: a, Text: "Something observable."})
				}
			}
			if len(axes) > 0 {
				role(t, m, "senior").Behaviours = role(t, m, "senior").Behaviours[:1]
			}
		}
	}
	runCases(t, []lintCase{{
		name: "role without a behaviour for an axis",
		edit: behaviours(impact, influence),
		want: []string{"content/roles/senior.md:2:1: warning: role senior has no behaviour for axis influence (add `behaviours: {influence: {text: ..., example: ...}}`; the axes are the files of content/behaviours/)"},
	}, {
		name: "every axis has a behaviour",
		edit: behaviours(impact),
	}, {
		name: "a model without axes has nothing to check",
		edit: behaviours(),
	}, {
		name: "adjacent roles need none",
		files: `-- content/roles/ops.md --
---
id: ops
title: Operations Engineer
description: Runs the platform.
track: adjacent
level: 2
responsibilities:
  technical:
    - id: run
      text: Run the platform.
decision_rights:
  alone:
    - id: rota
      text: The on-call rota.
ai_impact:
  automated:
    - id: toil
      text: Routine toil.
---

## Role summary
-- content/skills/ops.md --
---
id: ops
title: Operations
category: good-to-have
levels:
  ops:
    importance: Critical
    expectation: Runs things.
---
`,
		edit: func(t *testing.T, m *career.Model) {
			m.Axes = []*career.Axis{impact}
			for _, r := range m.Roles {
				if r.Track != "adjacent" {
					r.Behaviours = []career.Behaviour{{Axis: impact, Text: "Something observable."}}
				}
			}
		},
	}})
}

// TestCopiedLadder is the acceptance test: a Senior that is a copy
// of the level below, ids and all, is flagged item by item and for gaining
// no decision right.
func TestCopiedLadder(t *testing.T) {
	base, err := txtar.ParseFile("testdata/ladder.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var engineer []byte
	for _, f := range base.Files {
		if f.Name == "content/roles/engineer.md" {
			engineer = f.Data
		}
	}
	senior := replaceAll(string(engineer),
		"id: engineer", "id: senior",
		"title: Engineer", "title: Senior Engineer",
		"level: 1", "level: 2",
		"leads_to: [senior]", "leads_to: [staff]")
	m := load(t, "-- content/roles/senior.md --\n"+senior)
	want := []string{
		`content/roles/senior.md:11:7: warning: responsibility "build" nearly repeats the level below: same group, near-identical text: 1.00 similar to engineer#technical-build (say what changes at this level, or drop the item: expectations are cumulative)`,
		`content/roles/senior.md:13:1: warning: senior gains no decision right over engineer (/compare/engineer-vs-senior/) (add a right senior holds that engineer does not, or move one to a freer tier)`,
		`content/roles/senior.md:15:7: warning: decision right "code" nearly repeats the level below: same decision tier, near-identical text: 1.00 similar to engineer#alone-code (write what this level decides that the level below does not, or drop the right)`,
		`content/roles/senior.md:18:7: warning: decision right "design" nearly repeats the level below: same decision tier, near-identical text: 1.00 similar to engineer#review-design (write what this level decides that the level below does not, or drop the right)`,
	}
	if diff := cmp.Diff(want, lines(m)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestSimilarity(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"Reviews the designs.", "reviewed design", 1},
		{"Any exception to a security or compliance policy.", "Security or compliance policy exceptions.", 1},
		{"Mentor junior engineers.", "Set the direction of a domain.", 0},
		{"", "", 0},
	} {
		if got := similarity(wordsOf(tt.a), wordsOf(tt.b)); got != tt.want {
			t.Errorf("similarity(%q, %q) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func replaceAll(s string, oldNew ...string) string {
	for i := 0; i+1 < len(oldNew); i += 2 {
		s = strings.Replace(s, oldNew[i], oldNew[i+1], 1)
	}
	return s
}

// withText fills in the text of the tech lead's responsibility.
func withText(format, text string) string { return strings.Replace(format, "%s", text, 1) }

// platform is a second role on the senior level, a specialisation: it
// nearly repeats the engineer level below (a finding) and the senior
// role beside it (a lateral role: none).
const platform = `-- content/roles/platform.md --
---
id: platform
title: Senior Platform Engineer
description: Owns the platform a team's services run on.
track: individual-contributor
level: 2
relations:
  feeds_from: [engineer]
  leads_to: [staff]
responsibilities:
  technical:
    - id: build
      text: Build small features with tests, guided by a senior engineer.
    - id: own-services
      text: Own the design and operation of a team's services in production.
decision_rights:
  alone:
    - id: platform-changes
      text: Approves changes to the shared build and deploy platform.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
---

## Role summary
-- content/skills/design.md --
---
id: design
title: Design
category: good-to-have
levels:
  engineer:
    importance: Important
    expectation: Designs a feature.
  senior:
    importance: Important
    expectation: Designs a service.
  platform:
    importance: Important
    expectation: Designs a platform.
  staff:
    importance: Important
    expectation: Designs a domain.
---
`

// Two roles on one level: each is compared with the level below and the
// level above, never with the other as a step.
func TestSpecialisations(t *testing.T) {
	runCases(t, []lintCase{{
		name:  "a specialisation is compared with the level below, not beside it",
		files: platform,
		want:  []string{`content/roles/platform.md:12:7: warning: responsibility "build" nearly repeats the level below: same group, near-identical text: 1.00 similar to engineer#technical-build (say what changes at this level, or drop the item: expectations are cumulative)`},
	}, {
		name:  "a path that skips a level of two roles names both",
		files: platform + engineerLeadsTo("  leads_to: [senior, staff]"),
		want: []string{
			"content/roles/engineer.md:8:22: warning: career path engineer -> staff skips level 2 (senior, platform) without a note (write the entry as {id: staff, note: ...} saying why the move skips it, or lead to the next level)",
			`content/roles/platform.md:12:7: warning: responsibility "build" nearly repeats the level below: same group, near-identical text: 1.00 similar to engineer#technical-build (say what changes at this level, or drop the item: expectations are cumulative)`,
		},
	}})
}
