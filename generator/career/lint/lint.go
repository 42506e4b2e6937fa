// Package lint checks that a career ladder is coherent: that each level
// says something the level below does not, that the decision rights a
// promotion gains are real, and that what looks like a mistake (a
// must-have skill that matters less higher up, a career path that skips a
// level, a role without a behaviour for an axis) is explained. It is the
// ladder lint behind `handbook check`; docs/lint.md documents each rule.
//
// Check takes a loaded *career.Model and returns findings; it reads no
// files. A finding is a diag.Error at the place to fix, with a hint. The
// caller decides whether findings are warnings (the default) or fail the
// build (--strict).
//
// The rules:
//
//   - near-repeat: a responsibility (same group) or decision right (same
//     tier) whose text nearly repeats an item of the level below on the same
//     track, or of a level a held role is held at;
//   - repeated gain: a decision right a comparison lists as gained whose
//     text nearly repeats a right the lower role already holds in the same
//     or a freer tier;
//   - no gain: a comparison up the ladder with no decision right gained;
//   - skill drop: a must-have skill whose importance drops going up a track
//     without a note on the higher level's entry;
//   - skipped level: a leads_to path that skips a level of its track
//     without a note;
//   - missing behaviour: a role of the individual-contributor or management
//     track without a behaviour for an axis of the model.
//
// A level may hold several roles (specialisations): each is compared with
// every role of the level below and of the level above, never with the
// roles beside it, which are lateral moves.
//
// Roles held at other levels (career.Role.HeldAt, Tech Lead) are not steps
// of a track: they have no neighbours, so the near-repeat rule compares
// them with the levels they are held at instead, and the no-gain,
// skill-drop and skipped-level rules leave them out.
//
// "Nearly repeats" is a similarity of normalised word sets (similar.go) at
// or above Threshold.
package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/diag"
)

// Check returns every finding of the ladder lint on m, sorted by file and
// position. An item gets at most one finding.
func Check(m *career.Model) diag.List {
	c := &checker{m: m, flagged: map[career.Position]bool{}}
	c.nearRepeats()
	c.repeatedGains()
	c.noGains()
	c.skillDrops()
	c.skippedLevels()
	c.missingBehaviours()
	c.out.Sort()
	return c.out
}

// checker holds one run of the rules.
type checker struct {
	m       *career.Model
	out     diag.List
	flagged map[career.Position]bool // places that already have a finding
	// repeats counts, per comparison, its gained rights that nearly repeat
	// a right the lower role holds.
	repeats map[*career.Comparison]int
}

// report adds a finding at p, unless p already has one.
func (c *checker) report(p career.Position, hint, format string, args ...any) {
	if c.flagged[p] {
		return
	}
	c.flagged[p] = true
	c.out.Add(diag.Errorf(p.File, p.Line, p.Col, format, args...).WithHint("%s", hint))
}

func itemPos(r *career.Role, it career.Item) career.Position {
	return career.Position{File: r.File, Line: it.Line, Col: it.Col}
}

// ladderTrack reports whether track has levels people are promoted along.
func ladderTrack(track string) bool {
	return track == "individual-contributor" || track == "management"
}

// steps returns the levels of each ladder track in level order, each
// with its roles (several when the track has specialisations there),
// leaving out the roles held at other levels.
func (c *checker) steps() [][][]*career.Role {
	var out [][][]*career.Role
	for _, t := range c.m.Tracks {
		if ladderTrack(t.Key) {
			out = append(out, t.Levels())
		}
	}
	return out
}

// match is the item of a role most similar to some text.
type match struct {
	role  *career.Role
	list  string // group or tier key, the first part of the anchor
	item  career.Item
	score float64
}

func (m match) anchor() string { return m.role.ID + "#" + career.ItemAnchor(m.list, m.item.ID) }

// best returns the item of items most similar to ws.
func best(r *career.Role, list string, items []career.Item, ws words) (match, bool) {
	var b match
	for _, it := range items {
		if s := similarity(ws, wordsOf(it.Text)); s > b.score {
			b = match{role: r, list: list, item: it, score: s}
		}
	}
	return b, b.score > 0
}

// nearRepeats reports the items of each level that nearly repeat an item
// of the same group or tier one level below, and the items of a held role
// that nearly repeat those of a level it is held at.
func (c *checker) nearRepeats() {
	for _, levels := range c.steps() {
		for i := 1; i < len(levels); i++ {
			for _, r := range levels[i] {
				for _, lower := range levels[i-1] {
					c.repeatsOf(lower, r, "the level below")
				}
			}
		}
	}
	for _, r := range c.m.Roles {
		for _, at := range r.HeldAt {
			c.repeatsOf(at, r, at.ID+", a level it is held at")
		}
	}
}

func (c *checker) repeatsOf(lower, r *career.Role, what string) {
	c.repeatsIn(lower, r, lower.Responsibilities, r.Responsibilities, what,
		"responsibility %q nearly repeats %s: same group, near-identical text: %.2f similar to %s",
		"say what changes at this level, or drop the item: expectations are cumulative")
	c.repeatsIn(lower, r, tiersAsGroups(lower.DecisionRights), tiersAsGroups(r.DecisionRights), what,
		"decision right %q nearly repeats %s: same decision tier, near-identical text: %.2f similar to %s",
		"write what this level decides that the level below does not, or drop the right")
}

// repeatsIn reports each item of r's lists that nearly repeats an item of
// the same list (group or tier) of lower. message takes the item id, what,
// the score and the anchor of the item repeated.
func (c *checker) repeatsIn(lower, r *career.Role, lowerLists, lists []career.Group, what, message, hint string) {
	byKey := map[string][]career.Item{}
	for _, g := range lowerLists {
		byKey[g.Key] = g.Items
	}
	for _, g := range lists {
		for _, it := range g.Items {
			if b, ok := best(lower, g.Key, byKey[g.Key], wordsOf(it.Text)); ok && b.score >= Threshold {
				c.report(itemPos(r, it), hint, message, it.ID, what, b.score, b.anchor())
			}
		}
	}
}

// tiersAsGroups views decision-right tiers as groups: the same shape.
func tiersAsGroups(ts []career.Tier) []career.Group {
	gs := make([]career.Group, len(ts))
	for i, t := range ts {
		gs[i] = career.Group(t)
	}
	return gs
}

// tierRank orders tiers from the freest (alone) to the most constrained.
func tierRank(key string) int {
	switch key {
	case "alone":
		return 0
	case "review":
		return 1
	case "approval":
		return 2
	}
	return 3
}

// curated returns the comparisons of the model that the handbook chose:
// neighbouring steps of a track and compare_with pairs. Pairs the model
// may compare for a reader's choice are no claim about the ladder.
func (c *checker) curated() []*career.Comparison {
	next := map[[2]*career.Role]bool{} // a role and one of the level above
	for _, levels := range c.steps() {
		for i := 1; i < len(levels); i++ {
			for _, lower := range levels[i-1] {
				for _, r := range levels[i] {
					next[[2]*career.Role{lower, r}] = true
				}
			}
		}
	}
	var out []*career.Comparison
	for _, cmp := range c.m.Comparisons {
		if next[[2]*career.Role{cmp.From, cmp.To}] || slices.Contains(cmp.From.CompareWith, cmp.To.ID) || slices.Contains(cmp.To.CompareWith, cmp.From.ID) {
			out = append(out, cmp)
		}
	}
	return out
}

// repeatedGains reports the decision rights a comparison lists as gained
// that nearly repeat a right the lower role already holds in the same or a
// freer tier.
func (c *checker) repeatedGains() {
	c.repeats = map[*career.Comparison]int{}
	for _, cmp := range c.curated() {
		for _, g := range cmp.RightsGained {
			ws := wordsOf(g.Text)
			var (
				b     match
				title string // of b's tier
			)
			for _, t := range cmp.From.DecisionRights {
				if tierRank(t.Key) > tierRank(g.Key) {
					continue
				}
				if m, ok := best(cmp.From, t.Key, t.Items, ws); ok && m.score > b.score {
					b, title = m, t.Title
				}
			}
			if b.score < Threshold {
				continue
			}
			c.repeats[cmp]++
			tier := "same decision tier"
			if b.list != g.Key {
				tier = fmt.Sprintf("freer tier %q", title)
			}
			c.report(itemPos(cmp.To, g.Item),
				"reword it to say what is new at this level, or drop it",
				"decision right %q is listed as gained over %s, which already holds it: %s, near-identical text: %.2f similar to %s",
				g.ID, cmp.From.ID, tier, b.score, b.anchor())
		}
	}
}

// noGains reports a comparison up the ladder in which the higher role
// gains no decision right, or only ones the lower already holds.
// Comparisons of two roles on the same level are lateral moves, and a role
// held at other levels is no step: both are left out.
func (c *checker) noGains() {
	for _, cmp := range c.curated() {
		// A role with no decision rights at all lacks a part of its page,
		// which the model reports (career.missing_parts).
		if cmp.To.Level <= cmp.From.Level || len(cmp.From.HeldAt)+len(cmp.To.HeldAt) > 0 || len(cmp.To.DecisionRights) == 0 {
			continue
		}
		p := cmp.To.Pos("decision_rights")
		hint := "add a right " + cmp.To.ID + " holds that " + cmp.From.ID + " does not, or move one to a freer tier"
		switch n := len(cmp.RightsGained); {
		case n == 0:
			c.report(p, hint, "%s gains no decision right over %s (%s)", cmp.To.ID, cmp.From.ID, cmp.URL)
		case c.repeats[cmp] == n:
			c.report(p, hint, "every decision right %s gains over %s nearly repeats one %s already holds (%s)",
				cmp.To.ID, cmp.From.ID, cmp.From.ID, cmp.URL)
		}
	}
}

// importanceRank orders importances; no expectation is 0.
func importanceRank(imp string) int {
	switch imp {
	case career.Optional:
		return 1
	case career.Important:
		return 2
	case career.Critical:
		return 3
	}
	return 0
}

// skillDrops reports a must-have skill whose importance is lower at a
// level than at the level below it on the same track (the nearest lower
// level that has the skill), unless the higher level's entry has a note.
func (c *checker) skillDrops() {
	steps := c.steps()
	for _, s := range c.m.Skills {
		if s.Category != "must-have" {
			continue
		}
		for _, levels := range steps {
			// prev is the role of the nearest lower level with the skill
			// that expects the most of it.
			var prev *career.Role
			for _, lv := range levels {
				var top *career.Role
				for _, r := range lv {
					e, ok := s.Levels[r.ID]
					if !ok {
						continue
					}
					if top == nil || importanceRank(e.Importance) > importanceRank(s.Levels[top.ID].Importance) {
						top = r
					}
					if prev == nil {
						continue
					}
					pe := s.Levels[prev.ID]
					if importanceRank(e.Importance) < importanceRank(pe.Importance) && e.Note == "" {
						c.report(s.LevelPos(r.ID),
							"add `note:` to this entry saying why the skill matters less at this level, or raise the importance",
							"must-have skill %s drops from %s at %s to %s at %s without a note",
							s.ID, pe.Importance, prev.ID, e.Importance, r.ID)
					}
				}
				if top != nil {
					prev = top
				}
			}
		}
	}
}

// skippedLevels reports a leads_to path that passes over a level of its
// track without a note on the path.
func (c *checker) skippedLevels() {
	for _, levels := range c.steps() {
		for _, r := range slices.Concat(levels...) {
			for _, to := range r.LeadsTo {
				if to.Track != r.Track || len(to.HeldAt) > 0 || to.Level <= r.Level+1 {
					continue
				}
				var skipped []string
				for _, lv := range levels {
					if mid := lv[0].Level; mid > r.Level && mid < to.Level {
						skipped = append(skipped, fmt.Sprintf("%d (%s)", mid, strings.Join(roleIDs(lv), ", ")))
					}
				}
				if len(skipped) == 0 || r.NotesTo[to.ID] != "" {
					continue
				}
				p, ok := r.PathPos(to.ID)
				if !ok {
					p = r.Pos("relations")
				}
				c.report(p,
					"write the entry as {id: "+to.ID+", note: ...} saying why the move skips it, or lead to the next level",
					"career path %s -> %s skips level %s without a note", r.ID, to.ID, strings.Join(skipped, ", "))
			}
		}
	}
}

// missingBehaviours reports a role of a ladder track without a behaviour
// for some axis. A model without axes has nothing to check.
func (c *checker) missingBehaviours() {
	if len(c.m.Axes) == 0 {
		return
	}
	for _, r := range c.m.Roles {
		if !ladderTrack(r.Track) {
			continue
		}
		var missing []string
		for _, a := range c.m.Axes {
			if !slices.ContainsFunc(r.Behaviours, func(b career.Behaviour) bool { return b.Axis != nil && b.Axis.ID == a.ID }) {
				missing = append(missing, a.ID)
			}
		}
		if len(missing) == 0 {
			continue
		}
		c.report(r.Pos("behaviours"),
			"add `behaviours: {"+missing[0]+": {text: ..., example: ...}}`; the axes are the files of content/behaviours/",
			"role %s has no behaviour for %s %s", r.ID, plural(len(missing), "axis", "axes"), strings.Join(missing, ", "))
	}
}

func roleIDs(rs []*career.Role) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
