// Package career is the typed domain model of the handbook: roles on a ladder
// of tracks and levels, the skills and behaviours each role is expected to
// show, the career graph between roles, and comparisons of neighbouring
// roles. Load reads it from the front matter of content/roles/*.md,
// content/skills/*.md and content/behaviours/*.md, reports every problem at
// once, and Export writes it as handbook.json.
//
// # Role files
//
// A file whose path starts with "roles/" is a role, except section pages
// (_index.md, index.md, README.md). Its front matter holds these keys and no others:
//
//	id                kebab-case, equal to the file name without .md   required
//	title                                                               required
//	description       one sentence                                      required
//	track             individual-contributor | management | adjacent    required
//	level             1 (entry) to 6                                    required
//	level_name        short label used on the ladder
//	weight, draft, aliases, anchor_aliases, changes, glossary   as on every page
//	relations         feeds_from, leads_to, adjacent: lists of role ids;
//	                  a feeds_from or leads_to entry may be {id, note}
//	compare_with      role ids to compare with, besides the adjacent levels
//	scope             one line of scope, autonomy and reach
//	behaviours        map of axis id to {text, example}: what the role shows
//	                  on each behaviour axis; text is required
//	held_at           role ids whose levels this role is taken on at
//	responsibilities  groups strategic, operational, technical,
//	                  cross-functional, governance, leadership: item lists
//	decision_rights   tiers alone, review, approval: item lists
//	authority         budget, architecture, vendor, delivery, hiring,
//	                  compliance: one sentence each
//	kpis              list of {id, metric, measures, why, target, frequency}
//	ai_impact         automated, human_critical, outlook, new_expectations:
//	                  item lists
//
// An item is {id, text}; a responsibility item may also have meets and
// not_yet, one short example each of meeting it and of not meeting it yet.
// Its id is the anchor of deep links, so it is
// kebab-case and unique within its section: all groups of responsibilities,
// all tiers of decision rights, all lists of ai_impact, and the kpis. A role
// must have a description.
//
// # The six parts of a role page
//
// A role page has six parts, each written in one place:
//
//	summary            a "## Role summary" heading in the body
//	responsibilities   at least one item under responsibilities
//	skills             at least one skill expectation: the role's id under
//	                   levels of a skill file (content/skills/)
//	decision rights    at least one item under decision_rights
//	career paths       a leads_to, feeds_from or adjacent edge, written in
//	                   this role's relations or in another role's, or held_at
//	AI impact          at least one item under ai_impact
//
// By default (Options.MissingParts MissingError) a role that lacks the
// summary, responsibilities, decision rights or AI impact is an error, and
// so is one without skills unless it is a draft (`handbook new role`
// writes a draft that no skill lists yet); career paths are optional. With
// MissingWarn (handbook.yaml `career: {missing_parts: warn}`), for a
// ladder adopted one part at a time, each missing part of the six is a
// warning in Model.Warnings instead, at the place to add it (career paths
// only when the ladder has more than one role), and the role loads.
//
// A role with held_at is not a level of its own but one taken on at other
// levels of its own track: Tech Lead is held at Senior or Staff. Its level
// must be the lowest level it is held at (written, not derived, so the
// file reads the same as every other role), it does not take that level
// from the role there, and it is not a step of the neighbouring-level
// comparisons. A held_at role must exist, be on the role's own track and
// not itself have held_at.
//
// A note on a leads_to or feeds_from entry explains an unusual move or a
// skipped level. It belongs to the edge, so both roles show it; the same
// edge written in both files may not carry two different notes.
//
// # Skill files
//
// A file whose path starts with "skills/" (section pages aside) is a skill:
//
//	id            kebab-case, equal to the file name without .md   required
//	title                                                           required
//	category      must-have | good-to-have | advanced | emerging    required
//	description   what the skill is
//	usage         how the skill is used in the work
//	weight, draft, aliases, anchor_aliases, changes, glossary   as on every page
//	levels        map of role id to {importance, expectation, note};
//	              importance is Critical, Important or Optional, the
//	              expectation text is required, and the optional note
//	              says why the importance drops from the level below
//	              (the ladder lint asks for one on must-have skills)
//
// # Behaviour files
//
// A file whose path starts with "behaviours/" (section pages aside) is an
// axis of the behaviours model, so each organisation picks its own axes:
//
//	id            kebab-case, equal to the file name without .md   required
//	title                                                           required
//	description   one sentence on what the axis covers
//	weight, draft, aliases, anchor_aliases, changes, glossary   as on every page
//
// Axes are ordered by weight. A role's behaviours name axes by id (an
// unknown id is an error, with the nearest id as a hint) and are kept in
// axis order. A role may leave an axis out: the model allows it, and
// `handbook check` warns about it.
//
// # Validation
//
// Load checks everything and returns all problems as one diag.List, each
// "file:line:col: message (hint)": unknown or repeated keys, values of the
// wrong type, the rules above, duplicate role or skill ids, two roles of
// one title on one level of a track, duplicate axis ids, behaviours on
// axes that do not exist, and references to roles that do not exist (with
// the nearest id as a hint). Load models exactly the files it is given:
// the caller leaves out drafts when they are not published, so a
// published role that links to a draft is an error.
//
// Several roles may share a level of a track: specialisations such as
// Senior Software Engineer and Senior Platform Engineer. Each is a step of
// the track (Track.Levels), the level below may lead to either, and both
// are drawn, listed and compared. A conflict between two files is
// reported at the file that introduces it, at its own line and column: a
// draft rather than a published file, otherwise the later path.
//
// # The career graph
//
// Relations are written once. "A leads_to B" and "B feeds_from A" are the
// same edge, so after Load A.LeadsTo holds B and B.FeedsFrom holds A
// whichever file wrote it; adjacency is symmetric. A role cannot relate to
// itself, and an edge may not lead down to a lower level of the same track.
// Every list of roles is sorted by track (individual contributor,
// management, adjacent), then level, then title.
//
// Levels are one scale across tracks: the same number is the same level,
// so SameLevel lists, for a role, the individual-contributor and
// management roles at its level: the other track's, and the other
// specialisations of its own.
//
// # Comparisons
//
// Model.Comparisons, the curated comparisons, compares every two
// neighbouring levels of the individual-contributor and management tracks
// (roles with held_at are not steps; a level with several roles compares
// each with every role of the level below, and with each other), and every
// compare_with pair, always
// from the lower level to the higher (in the order written when the
// levels are equal). Each pair appears once. They are the ones listed in
// navigation, on role pages, in search and in the export.
//
// Model.Pairs goes further: one comparison for every two roles, so a
// reader can compare any pair. A pair with a curated comparison gets that
// one (same URL); any other goes from the lower level to the higher, in
// model order when the levels are equal. n roles give n(n-1)/2 pairs, each
// built in time linear in the two roles' items and the skills, when asked.
//
// # Export
//
// Export writes the model as deterministic JSON with "schema_version": 1;
// docs/export-schema.md documents it and docs/handbook.schema.json is its
// JSON Schema.
package career

import (
	"slices"
	"sort"

	"github.com/handbook-dev/handbook/generator/diag"
)

// Item is one entry of a list that managers may cite: a responsibility, a
// decision right or an AI impact. ID is its anchor; Line and Col locate it
// in the source file.
type Item struct {
	ID, Text string
	// Meets and NotYet are short examples of meeting the item and of not
	// meeting it yet; either may be empty.
	Meets, NotYet string
	Line, Col     int
}

// Group is one group of a role's responsibilities.
type Group struct {
	Key, Title string
	Items      []Item
}

// KPI is a metric that shows whether a role is done well.
type KPI struct {
	ID, Metric, Measures, Why, Target, Frequency string
}

// Tier is one tier of a role's decision rights: what it decides alone,
// with review, or with approval.
type Tier struct {
	Key, Title string
	Items      []Item
}

// Authority is what a role may do in one area (budget, architecture, ...).
type Authority struct {
	Area, Title, Text string
}

// AIImpact is how AI changes a role.
type AIImpact struct {
	Automated, HumanCritical, Outlook, NewExpectations []Item
}

// Role is one role of the ladder.
type Role struct {
	ID, Title, Description string
	Track, TrackTitle      string
	LevelName              string
	Level, Weight          int
	// File is the source as reported in errors: "content/roles/x.md".
	File string

	// Responsibilities and DecisionRights hold only the non-empty groups
	// and tiers, in their fixed order.
	Responsibilities []Group
	DecisionRights   []Tier
	Authority        []Authority
	KPIs             []KPI
	AI               AIImpact

	// The career graph, symmetric and sorted (see the package doc).
	LeadsTo, FeedsFrom, Adjacent []*Role
	// NotesTo holds the notes written on the career-path edges that lead
	// from this role, keyed by the id of the role they lead to; NotesFrom
	// those of the edges that lead here, keyed by the role they come from.
	// A move and its way back (Staff to Engineering Manager and back) are
	// two edges with notes of their own.
	NotesTo, NotesFrom map[string]string
	// HeldAt lists the roles whose levels this role is taken on at (Tech
	// Lead at Senior or Staff); empty for a level of its own.
	HeldAt []*Role
	// Scope is one line of scope, autonomy and reach.
	Scope string
	// Behaviours holds one expectation per behaviour axis, in axis order.
	Behaviours []Behaviour
	// CompareWith lists the ids written under compare_with.
	CompareWith []string
	// Skills is this role's column of the matrix, sorted by category then
	// skill weight.
	Skills []RoleSkill

	// Where the front matter says what, for diagnostics about the whole
	// role (see Pos and PathPos).
	top   Position
	keys  map[string]Position
	paths map[string]Position
}

// Position locates something written in a source file, for diagnostics.
type Position struct {
	File      string // "content/roles/x.md"
	Line, Col int
}

// Pos returns where key of the role's front matter ("decision_rights",
// "behaviours", "level", ...) is written, or where the front matter
// starts when the key is absent.
func (r *Role) Pos(key string) Position {
	if p, ok := r.keys[key]; ok {
		return p
	}
	if r.top.File == "" {
		return Position{File: r.File, Line: 1, Col: 1}
	}
	return r.top
}

// PathPos returns where the career path from r to the role with id to is
// written: the leads_to entry in r's file or the feeds_from entry in the
// other's. ok is false when there is no such path.
func (r *Role) PathPos(to string) (p Position, ok bool) {
	p, ok = r.paths[to]
	return p, ok
}

// LevelRange returns the levels a role covers: its own level, or the
// lowest and highest level of the roles it is held at.
func (r *Role) LevelRange() (lo, hi int) {
	lo, hi = r.Level, r.Level
	for _, h := range r.HeldAt {
		lo, hi = min(lo, h.Level), max(hi, h.Level)
	}
	return lo, hi
}

// Importance values of an expectation, from lowest to highest.
const (
	Optional  = "Optional"
	Important = "Important"
	Critical  = "Critical"
)

// Expectation is what one role is expected to show of one skill.
type Expectation struct {
	Importance string // Critical, Important or Optional
	Text       string
	// Note says why the importance differs from what the level below
	// suggests, such as a must-have skill that matters less higher up.
	Note string
}

// RoleSkill is a skill as one role is expected to show it.
type RoleSkill struct {
	Skill *Skill
	Expectation
}

// SkillRole is one role's expectation of a skill, seen from the skill.
type SkillRole struct {
	Role *Role
	Expectation
}

// Skill is one skill of the matrix.
type Skill struct {
	ID, Title               string
	Category, CategoryTitle string
	Description, Usage      string
	Weight                  int
	File                    string // "content/skills/x.md"
	// Levels maps role ids to expectations.
	Levels map[string]Expectation
	// Roles holds the same expectations in role order.
	Roles []SkillRole

	levelPos map[string]Position // by role id, see LevelPos
}

// LevelPos returns where the expectation of the role with id roleID is
// written under levels, or the skill's id when it has none.
func (s *Skill) LevelPos(roleID string) Position {
	if p, ok := s.levelPos[roleID]; ok {
		return p
	}
	return Position{File: s.File, Line: 1, Col: 1}
}

// Axis is one axis of the behaviours model (impact, execution, ...).
type Axis struct {
	ID, Title, Description string
	Weight                 int
	File                   string // "content/behaviours/x.md"
}

// Behaviour is what one role is expected to show on one axis.
type Behaviour struct {
	Axis          *Axis
	Text, Example string
	Line, Col     int
}

// AxisRole is one role's expectation on an axis, seen from the axis.
type AxisRole struct {
	Role *Role
	Behaviour
}

// Track is one track of the ladder with its roles in level order.
type Track struct {
	Key, Title string
	Roles      []*Role
}

// Levels returns the steps of the track, lowest level first: for each
// level that has roles, its roles in model order. Roles held at other
// roles' levels (Tech Lead) are not steps and are left out. A level holds
// several roles when the track has specialisations there.
func (t Track) Levels() [][]*Role {
	var out [][]*Role
	for _, r := range t.Roles {
		if len(r.HeldAt) > 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1][0].Level == r.Level {
			out[n-1] = append(out[n-1], r)
			continue
		}
		out = append(out, []*Role{r})
	}
	return out
}

// Category is a skill category.
type Category struct {
	Key, Title string
}

// Model is the whole handbook: roles and skills in display order, the
// tracks that hold roles, and the comparisons of neighbouring roles.
type Model struct {
	Roles       []*Role
	Skills      []*Skill
	Axes        []*Axis
	Tracks      []Track
	Comparisons []*Comparison
	// Warnings are the problems that did not fail the load: the parts of
	// role pages that roles lack, under MissingWarn. Sorted.
	Warnings diag.List

	roles  map[string]*Role
	skills map[string]*Skill
	axes   map[string]*Axis
	// byPair indexes Comparisons by their two roles, From first.
	byPair map[[2]*Role]*Comparison
}

// Role returns the role with id, or nil.
func (m *Model) Role(id string) *Role { return m.roles[id] }

// Skill returns the skill with id, or nil.
func (m *Model) Skill(id string) *Skill { return m.skills[id] }

// Axis returns the behaviour axis with id, or nil.
func (m *Model) Axis(id string) *Axis { return m.axes[id] }

// Behaviour returns what role r is expected to show on axis a, and
// whether r has an expectation there.
func (r *Role) Behaviour(axis string) (Behaviour, bool) {
	for _, b := range r.Behaviours {
		if b.Axis.ID == axis {
			return b, true
		}
	}
	return Behaviour{}, false
}

// AxisRoles returns every role's expectation on axis id, in role order;
// roles with none are left out.
func (m *Model) AxisRoles(id string) []AxisRole {
	var out []AxisRole
	for _, r := range m.Roles {
		if b, ok := r.Behaviour(id); ok {
			out = append(out, AxisRole{Role: r, Behaviour: b})
		}
	}
	return out
}

// BehaviourRow is one role across every axis of the behaviours matrix.
// Cells[i] is its expectation on the i-th axis; a zero Behaviour (nil
// Axis) means none is written.
type BehaviourRow struct {
	Role  *Role
	Cells []Behaviour
}

// BehaviourMatrix returns the roles × axes matrix: one row per role that
// has at least one behaviour, in model order, and a cell per axis.
func (m *Model) BehaviourMatrix() []BehaviourRow {
	var rows []BehaviourRow
	for _, r := range m.Roles {
		if len(r.Behaviours) == 0 {
			continue
		}
		cells := make([]Behaviour, len(m.Axes))
		for i, a := range m.Axes {
			cells[i], _ = r.Behaviour(a.ID)
		}
		rows = append(rows, BehaviourRow{Role: r, Cells: cells})
	}
	return rows
}

// ComparisonsOf returns the comparisons that role id takes part in, in
// model order.
func (m *Model) ComparisonsOf(id string) []*Comparison {
	var cs []*Comparison
	for _, c := range m.Comparisons {
		if c.From.ID == id || c.To.ID == id {
			cs = append(cs, c)
		}
	}
	return cs
}

// Comparison returns the curated comparison from role from to role to, or
// nil.
func (m *Model) Comparison(from, to string) *Comparison {
	return m.byPair[[2]*Role{m.roles[from], m.roles[to]}]
}

// SameLevel returns the roles of the ladder tracks (individual
// contributor and management) at r's level, in model order: the other
// specialisations of r's own track at that level and the roles of the
// other track, since levels are one scale across tracks (Engineering Manager at level 4 is
// the same level as Staff). A role held at other roles' levels is neither
// listed nor given any.
func (m *Model) SameLevel(r *Role) []*Role {
	if r == nil || len(r.HeldAt) > 0 {
		return nil
	}
	var rs []*Role
	for _, t := range m.Tracks {
		if t.Key == "adjacent" || t.Key == r.Track && r.Track == "adjacent" {
			continue
		}
		for _, o := range t.Roles {
			if o != r && o.Level == r.Level && len(o.HeldAt) == 0 {
				rs = append(rs, o)
			}
		}
	}
	return rs
}

// HeldHere returns the roles held at r's level (those listing r under
// held_at), in model order: Tech Lead on the Senior and Staff pages.
func (m *Model) HeldHere(r *Role) []*Role {
	var rs []*Role
	for _, o := range m.Roles {
		if slices.Contains(o.HeldAt, r) {
			rs = append(rs, o)
		}
	}
	return rs
}

// MatrixRow is one skill across every role of the matrix. Cells[i] is the
// expectation of the i-th role; its zero value means the skill does not
// apply to that role.
type MatrixRow struct {
	Skill *Skill
	Cells []Expectation
}

// Matrix returns the ladder-wide skill matrix: every role in model order
// (individual contributors first) and one row per skill in model order.
func (m *Model) Matrix() (roles []*Role, rows []MatrixRow) {
	roles = slices.Clone(m.Roles)
	rows = make([]MatrixRow, len(m.Skills))
	for i, s := range m.Skills {
		cells := make([]Expectation, len(roles))
		for j, r := range roles {
			cells[j] = s.Levels[r.ID]
		}
		rows[i] = MatrixRow{Skill: s, Cells: cells}
	}
	return roles, rows
}

// key is one fixed key with its display title.
type key struct{ key, title string }

var (
	trackKeys = []key{
		{"individual-contributor", "Individual contributor"},
		{"management", "Management"},
		{"adjacent", "Adjacent paths"},
	}
	groupKeys = []key{
		{"strategic", "Strategic"},
		{"operational", "Operational"},
		{"technical", "Technical"},
		{"cross-functional", "Cross-functional"},
		{"governance", "Governance and quality"},
		{"leadership", "Leadership"},
	}
	tierKeys = []key{
		{"alone", "Decides alone"},
		{"review", "Needs team or design review"},
		{"approval", "Needs manager or executive approval"},
	}
	authorityKeys = []key{
		{"budget", "Budget"},
		{"architecture", "Architecture"},
		{"vendor", "Vendors and tools"},
		{"delivery", "Delivery"},
		{"hiring", "Hiring"},
		{"compliance", "Compliance"},
	}
	categoryKeys = []key{
		{"must-have", "Must-have"},
		{"good-to-have", "Good to have"},
		{"advanced", "Advanced"},
		{"emerging", "Emerging"},
	}
	importances = []string{Optional, Important, Critical}
)

// The levels of the ladder: one scale across tracks, from entry to the
// highest.
const (
	LowestLevel  = 1
	HighestLevel = 6
)

// TrackKeys lists the keys a role's track may have, in display order.
func TrackKeys() []string { return names(trackKeys) }

// Categories lists the skill categories in display order.
func Categories() []Category {
	cs := make([]Category, len(categoryKeys))
	for i, k := range categoryKeys {
		cs[i] = Category{Key: k.key, Title: k.title}
	}
	return cs
}

// rank returns the position of k in keys, or len(keys) when absent.
func rank(keys []key, k string) int {
	for i, kk := range keys {
		if kk.key == k {
			return i
		}
	}
	return len(keys)
}

func title(keys []key, k string) string {
	if i := rank(keys, k); i < len(keys) {
		return keys[i].title
	}
	return ""
}

func names(keys []key) []string {
	ns := make([]string, len(keys))
	for i, k := range keys {
		ns[i] = k.key
	}
	return ns
}

// importanceRank orders importances: 0 for none, then Optional, Important,
// Critical.
func importanceRank(imp string) int {
	for i, s := range importances {
		if s == imp {
			return i + 1
		}
	}
	return 0
}

// roleLess orders roles by track, level, title and id.
func roleLess(a, b *Role) bool {
	if ta, tb := rank(trackKeys, a.Track), rank(trackKeys, b.Track); ta != tb {
		return ta < tb
	}
	if a.Level != b.Level {
		return a.Level < b.Level
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.ID < b.ID
}

func sortRoles(rs []*Role) {
	sort.SliceStable(rs, func(i, j int) bool { return roleLess(rs[i], rs[j]) })
}

// axisLess orders axes by weight, title and id.
func axisLess(a, b *Axis) bool {
	if a.Weight != b.Weight {
		return a.Weight < b.Weight
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.ID < b.ID
}

// skillLess orders skills by category, weight, title and id.
func skillLess(a, b *Skill) bool {
	if ca, cb := rank(categoryKeys, a.Category), rank(categoryKeys, b.Category); ca != cb {
		return ca < cb
	}
	if a.Weight != b.Weight {
		return a.Weight < b.Weight
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.ID < b.ID
}
