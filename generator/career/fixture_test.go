package career

import (
	"sort"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/content"
)

// The fixture is a small ladder: engineer (IC 1) and senior (IC 2) on the
// individual-contributor track, lead (3) and manager (4) on the management
// track, ops on the adjacent track, two skills and two behaviour axes
// (engineer and senior have behaviours; senior's build item has meets and
// not-yet examples). Relations are written
// on one side only, so the graph tests see Load fill in the other side.
const engineerMD = `---
id: engineer
title: Engineer
description: Builds well-scoped features.
track: individual-contributor
level: 1
level_name: Engineer
weight: 10
relations:
  leads_to: [senior]
responsibilities:
  technical:
    - id: build
      text: Build features with tests.
  operational:
    - id: on-call
      text: Join the on-call rota.
decision_rights:
  alone:
    - id: code
      text: How to write the code.
  review:
    - id: design
      text: The design of a feature.
ai_impact:
  automated:
    - id: boilerplate
      text: Writing boilerplate.
scope: Well-scoped tasks within one team, with guidance.
behaviours:
  impact:
    text: Finishes the tasks given.
    example: Ships a small fix in a week.
  influence:
    text: Asks for help early.
---

## Role summary

Builds things.
`

const seniorMD = `---
id: senior
title: Senior Engineer
description: Owns services end to end.
track: individual-contributor
level: 2
level_name: Senior
weight: 20
relations:
  leads_to: [lead]
  adjacent: [ops]
compare_with: [lead]
responsibilities:
  technical:
    - id: build
      text: Build services with tests.
      meets: Every change ships with tests.
      not_yet: Tests are added after review asks.
    - id: review
      text: Review code.
  leadership:
    - id: mentor
      text: Mentor engineers.
decision_rights:
  alone:
    - id: code
      text: How to write the code.
    - id: design
      text: The design of a feature.
  approval:
    - id: spend
      text: Cloud spend.
authority:
  budget: Proposes spend.
  hiring: Interviews candidates.
kpis:
  - id: lead-time
    metric: Lead time
    measures: Commit to production.
    why: Flow.
    target: "under a day"
    frequency: Weekly
ai_impact:
  human_critical:
    - id: judgment
      text: Judging trade-offs.
scope: One service end to end, without day-to-day guidance.
behaviours:
  influence:
    text: Explains a design so others can review it.
    example: Writes the design note the team reviews.
  impact:
    text: Finishes the tasks given.
---

## Role summary

Owns services.
`

const leadMD = `---
id: lead
title: Tech Lead
description: Leads a squad's technical delivery.
track: management
level: 3
weight: 30
responsibilities:
  technical:
    - id: review
      text: Review designs.
  strategic:
    - id: plan
      text: Plan the work.
decision_rights:
  alone:
    - id: design
      text: The design of a feature.
    - id: order
      text: The order of work.
  review:
    - id: code
      text: How to write the code.
ai_impact:
  outlook:
    - id: smaller-teams
      text: Smaller squads.
---

## Role summary

Leads.
`

const managerMD = `---
id: manager
title: Engineering Manager
description: Leads a team of engineers.
track: management
level: 4
weight: 40
relations:
  feeds_from: [lead]
responsibilities:
  leadership:
    - id: hiring
      text: Hire engineers.
decision_rights:
  alone:
    - id: hire
      text: Hiring decisions.
ai_impact:
  new_expectations:
    - id: ai-policy
      text: Set AI rules.
---

## Role summary

Manages.
`

const opsMD = `---
id: ops
title: Site Reliability Engineer
description: Keeps production reliable.
track: adjacent
level: 2
weight: 80
responsibilities:
  operational:
    - id: slos
      text: Run SLOs.
decision_rights:
  alone:
    - id: alerts
      text: Alert thresholds.
ai_impact:
  automated:
    - id: triage
      text: Incident triage.
---

## Role summary

Keeps things up.
`

const codingMD = `---
id: coding
title: Coding
category: must-have
weight: 10
description: Writing code.
usage: Every day.
levels:
  engineer:
    importance: Important
    expectation: Writes small features.
  senior:
    importance: Critical
    expectation: Writes services.
  lead:
    importance: Critical
    expectation: Writes the hard parts.
  manager:
    importance: Optional
    expectation: Reads code.
  ops:
    importance: Important
    expectation: Writes automation.
---
Grow it by writing code.
`

const designMD = `---
id: design
title: System design
category: advanced
weight: 5
levels:
  senior:
    importance: Important
    expectation: Designs a service.
  lead:
    importance: Critical
    expectation: Designs the squad's systems.
---
`

const impactMD = `---
id: impact
title: Impact and scope
description: How far the work reaches.
weight: 10
---
Read it across levels.
`

const influenceMD = `---
id: influence
title: Communication and influence
description: How people are brought along.
weight: 30
---
`

// fixture maps paths under content/ to file sources.
type fixture map[string]string

func baseFixture() fixture {
	return fixture{
		"roles/_index.md":         "---\ntitle: Roles\n---\n",
		"roles/engineer.md":       engineerMD,
		"roles/senior.md":         seniorMD,
		"roles/lead.md":           leadMD,
		"roles/manager.md":        managerMD,
		"roles/ops.md":            opsMD,
		"skills/_index.md":        "---\ntitle: Skills\n---\n",
		"skills/coding.md":        codingMD,
		"skills/design.md":        designMD,
		"behaviours/_index.md":    "---\ntitle: Behaviours\n---\n",
		"behaviours/impact.md":    impactMD,
		"behaviours/influence.md": influenceMD,
		"guides/welcome.md":       "---\ntitle: Welcome\n---\nHi.\n",
	}
}

// edit changes one fixture file: old is replaced by new once; an empty old
// sets the whole file to new, and an empty old and new removes the file.
type edit struct{ path, old, new string }

func (fx fixture) apply(t testing.TB, edits ...edit) fixture {
	t.Helper()
	out := fixture{}
	for p, s := range fx {
		out[p] = s
	}
	for _, e := range edits {
		switch {
		case e.old == "" && e.new == "":
			delete(out, e.path)
		case e.old == "":
			out[e.path] = e.new
		default:
			if !strings.Contains(out[e.path], e.old) {
				t.Fatalf("edit: %s does not contain %q", e.path, e.old)
			}
			out[e.path] = strings.Replace(out[e.path], e.old, e.new, 1)
		}
	}
	return out
}

// files parses the fixture as content.Load would: Name is the path as
// reported in errors, Path is relative to the content folder.
func (fx fixture) files(t testing.TB) []*content.File {
	t.Helper()
	paths := make([]string, 0, len(fx))
	for p := range fx {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var files []*content.File
	for _, p := range paths {
		f, err := content.Parse("content/"+p, []byte(fx[p]))
		if err != nil {
			t.Fatalf("fixture %s: %v", p, err)
		}
		f.Path = p
		files = append(files, f)
	}
	return files
}

func loadFixture(t testing.TB, edits ...edit) (*Model, error) {
	t.Helper()
	return Load(baseFixture().apply(t, edits...).files(t))
}

func mustLoad(t testing.TB, edits ...edit) *Model {
	t.Helper()
	m, err := loadFixture(t, edits...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return m
}
