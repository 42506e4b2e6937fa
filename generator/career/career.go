// Package career is the typed domain model of the handbook: roles on a ladder
// of tracks and levels, the skills each role is expected to show, the career
// graph between roles, and comparisons of neighbouring roles. Load reads it
// from the front matter of content/roles/*.md and content/skills/*.md,
// reports every problem at once, and Export writes it as handbook.json.
//
// # Role files
//
// A file whose path starts with "roles/" is a role, except section pages
// (_index.md, index.md). Its front matter holds these keys and no others:
//
//	id                kebab-case, equal to the file name without .md   required
//	title                                                               required
//	description       one sentence                                      required
//	track             individual-contributor | management | adjacent    required
//	level             1 (entry) to 6                                    required
//	level_name        short label used on the ladder
//	weight, draft, aliases, anchor_aliases, changes, glossary   as on every page
//	relations         feeds_from, leads_to, adjacent: lists of role ids
//	compare_with      role ids to compare with, besides the adjacent levels
//	responsibilities  groups strategic, operational, technical,
//	                  cross-functional, governance, leadership: item lists
//	decision_rights   tiers alone, review, approval: item lists
//	authority         budget, architecture, vendor, delivery, hiring,
//	                  compliance: one sentence each
//	kpis              list of {id, metric, measures, why, target, frequency}
//	ai_impact         automated, human_critical, outlook, new_expectations:
//	                  item lists
//
// An item is {id, text}. Its id is the anchor of deep links, so it is
// kebab-case and unique within its section: all groups of responsibilities,
// all tiers of decision rights, all lists of ai_impact, and the kpis. A role
// must have a description, at least one responsibility, at least one
// decision right, at least one AI impact item, a "## Role summary" heading
// in its body, and at least one skill expectation (from the skill files)
// unless it is a draft: `handbook new role` writes a draft that no skill
// lists yet.
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
// # Validation
//
// Load checks everything and returns all problems as one diag.List, each
// "file:line:col: message (hint)": unknown or repeated keys, values of the
// wrong type, the rules above, duplicate role or skill ids, two roles on the
// same level of the individual-contributor or management track, and
// references to roles that do not exist (with the nearest id as a hint).
// Load models exactly the files it is given: the caller leaves out drafts
// when they are not published, so a published role that links to a draft
// is an error.
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
// # Comparisons
//
// The model compares every two neighbouring levels of the
// individual-contributor and management tracks, and every compare_with
// pair, always from the lower level to the higher (in the order written
// when the levels are equal). Each pair appears once.
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
)

// Item is one entry of a list that managers may cite: a responsibility, a
// decision right or an AI impact. ID is its anchor; Line and Col locate it
// in the source file.
type Item struct {
	ID, Text  string
	Line, Col int
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
	// PathNotes holds the note written on a leads_to or feeds_from edge,
	// keyed by the id of the role at the other end.
	PathNotes map[string]string
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

// Track is one track of the ladder with its roles in level order.
type Track struct {
	Key, Title string
	Roles      []*Role
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

	roles  map[string]*Role
	skills map[string]*Skill
}

// Role returns the role with id, or nil.
func (m *Model) Role(id string) *Role { return m.roles[id] }

// Skill returns the skill with id, or nil.
func (m *Model) Skill(id string) *Skill { return m.skills[id] }

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

// Comparison returns the comparison from role from to role to, or nil.
func (m *Model) Comparison(from, to string) *Comparison {
	for _, c := range m.Comparisons {
		if c.From.ID == from && c.To.ID == to {
			return c
		}
	}
	return nil
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
