package career

import (
	"bytes"
	"encoding/json"
)

// SchemaVersion is the version of the handbook.json format that Export
// writes. It changes only when a field is removed or changes meaning;
// new fields keep the version.
const SchemaVersion = 1

// Export returns the model as handbook.json: indented, with keys and lists
// in a fixed order, so the same content always gives the same bytes.
// docs/export-schema.md documents every field.
func (m *Model) Export() ([]byte, error) {
	doc := exportDoc{SchemaVersion: SchemaVersion, Tracks: []exportTrack{}, Categories: []exportCategory{},
		Roles: []exportRole{}, Skills: []exportSkill{}, Axes: []exportAxis{}, Comparisons: []exportComparison{}}
	for _, t := range m.Tracks {
		doc.Tracks = append(doc.Tracks, exportTrack{Key: t.Key, Title: t.Title, Roles: roleIDs(t.Roles)})
	}
	for _, k := range categoryKeys {
		c := exportCategory{Key: k.key, Title: k.title, Skills: []string{}}
		for _, s := range m.Skills {
			if s.Category == k.key {
				c.Skills = append(c.Skills, s.ID)
			}
		}
		doc.Categories = append(doc.Categories, c)
	}
	for _, r := range m.Roles {
		doc.Roles = append(doc.Roles, exportRoleOf(m, r))
	}
	for _, s := range m.Skills {
		es := exportSkill{ID: s.ID, Title: s.Title, Category: s.Category, Description: s.Description,
			Usage: s.Usage, Weight: s.Weight, Levels: []exportLevel{}}
		for _, sr := range s.Roles {
			es.Levels = append(es.Levels, exportLevel{Role: sr.Role.ID, Importance: sr.Importance, Expectation: sr.Text, Note: sr.Note})
		}
		doc.Skills = append(doc.Skills, es)
	}
	for _, a := range m.Axes {
		doc.Axes = append(doc.Axes, exportAxis{ID: a.ID, Title: a.Title, Description: a.Description, Weight: a.Weight})
	}
	for _, c := range m.Comparisons {
		doc.Comparisons = append(doc.Comparisons, exportComparisonOf(c))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type exportDoc struct {
	SchemaVersion int                `json:"schema_version"`
	Tracks        []exportTrack      `json:"tracks"`
	Categories    []exportCategory   `json:"categories"`
	Roles         []exportRole       `json:"roles"`
	Skills        []exportSkill      `json:"skills"`
	Axes          []exportAxis       `json:"axes"`
	Comparisons   []exportComparison `json:"comparisons"`
}

type exportAxis struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Weight      int    `json:"weight"`
}

type exportBehaviour struct {
	Axis    string `json:"axis"`
	Text    string `json:"text"`
	Example string `json:"example"`
}

type exportBehaviourChange struct {
	Axis    string           `json:"axis"`
	From    *exportBehaviour `json:"from"`
	To      *exportBehaviour `json:"to"`
	Changed bool             `json:"changed"`
}

type exportTrack struct {
	Key   string   `json:"key"`
	Title string   `json:"title"`
	Roles []string `json:"roles"`
}

type exportCategory struct {
	Key    string   `json:"key"`
	Title  string   `json:"title"`
	Skills []string `json:"skills"`
}

type exportItem struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// Meets and NotYet are written only for the responsibilities that
	// have them.
	Meets  string `json:"meets,omitempty"`
	NotYet string `json:"not_yet,omitempty"`
}

type exportList struct {
	Key   string       `json:"key"`
	Title string       `json:"title"`
	Items []exportItem `json:"items"`
}

type exportAuthority struct {
	Area  string `json:"area"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

type exportKPI struct {
	ID        string `json:"id"`
	Metric    string `json:"metric"`
	Measures  string `json:"measures"`
	Why       string `json:"why"`
	Target    string `json:"target"`
	Frequency string `json:"frequency"`
}

type exportAI struct {
	Automated       []exportItem `json:"automated"`
	HumanCritical   []exportItem `json:"human_critical"`
	Outlook         []exportItem `json:"outlook"`
	NewExpectations []exportItem `json:"new_expectations"`
}

type exportRoleSkill struct {
	Skill       string `json:"skill"`
	Importance  string `json:"importance"`
	Expectation string `json:"expectation"`
	// Note is omitted when empty, so older exports read the same.
	Note string `json:"note,omitempty"`
}

type exportRole struct {
	ID               string            `json:"id"`
	Title            string            `json:"title"`
	Description      string            `json:"description"`
	Track            string            `json:"track"`
	Level            int               `json:"level"`
	LevelName        string            `json:"level_name"`
	Weight           int               `json:"weight"`
	Scope            string            `json:"scope"`
	Behaviours       []exportBehaviour `json:"behaviours"`
	Responsibilities []exportList      `json:"responsibilities"`
	DecisionRights   []exportList      `json:"decision_rights"`
	Authority        []exportAuthority `json:"authority"`
	KPIs             []exportKPI       `json:"kpis"`
	AIImpact         exportAI          `json:"ai_impact"`
	LeadsTo          []string          `json:"leads_to"`
	FeedsFrom        []string          `json:"feeds_from"`
	Adjacent         []string          `json:"adjacent"`
	CompareWith      []string          `json:"compare_with"`
	Skills           []exportRoleSkill `json:"skills"`
	// LeadsToNotes maps a role id of leads_to to the note on that edge;
	// FeedsFromNotes does the same for feeds_from.
	LeadsToNotes   map[string]string `json:"leads_to_notes"`
	FeedsFromNotes map[string]string `json:"feeds_from_notes"`
	HeldAt         []string          `json:"held_at"`
	SameLevel      []string          `json:"same_level"`
}

type exportLevel struct {
	Role        string `json:"role"`
	Importance  string `json:"importance"`
	Expectation string `json:"expectation"`
	// Note is omitted when empty, so older exports read the same.
	Note string `json:"note,omitempty"`
}

type exportSkill struct {
	ID          string        `json:"id"`
	Title       string        `json:"title"`
	Category    string        `json:"category"`
	Description string        `json:"description"`
	Usage       string        `json:"usage"`
	Weight      int           `json:"weight"`
	Levels      []exportLevel `json:"levels"`
}

type exportGroupPair struct {
	Key   string       `json:"key"`
	Title string       `json:"title"`
	From  []exportItem `json:"from"`
	To    []exportItem `json:"to"`
}

type exportChange struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Group string `json:"group"`
}

type exportRight struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Tier     string `json:"tier"`
	FromTier string `json:"from_tier,omitempty"`
}

type exportExpectation struct {
	Importance  string `json:"importance"`
	Expectation string `json:"expectation"`
	// Note is omitted when empty, so older exports read the same.
	Note string `json:"note,omitempty"`
}

type exportSkillChange struct {
	Skill          string             `json:"skill"`
	From           *exportExpectation `json:"from"`
	To             *exportExpectation `json:"to"`
	Changed        bool               `json:"changed"`
	ImportanceUp   bool               `json:"importance_up"`
	ImportanceDown bool               `json:"importance_down"`
}

type exportComparison struct {
	From             string                  `json:"from"`
	To               string                  `json:"to"`
	URL              string                  `json:"url"`
	Responsibilities []exportGroupPair       `json:"responsibilities"`
	Added            []exportChange          `json:"added"`
	Removed          []exportChange          `json:"removed"`
	SkillChanges     []exportSkillChange     `json:"skill_changes"`
	RightsGained     []exportRight           `json:"rights_gained"`
	BehaviourChanges []exportBehaviourChange `json:"behaviour_changes"`
}

func roleIDs(rs []*Role) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

func exportItems(items []Item) []exportItem {
	out := make([]exportItem, len(items))
	for i, it := range items {
		out[i] = exportItem{ID: it.ID, Text: it.Text, Meets: it.Meets, NotYet: it.NotYet}
	}
	return out
}

func exportRoleOf(m *Model, r *Role) exportRole {
	e := exportRole{
		ID: r.ID, Title: r.Title, Description: r.Description, Track: r.Track,
		Level: r.Level, LevelName: r.LevelName, Weight: r.Weight, Scope: r.Scope, Behaviours: []exportBehaviour{},
		Responsibilities: []exportList{}, DecisionRights: []exportList{},
		Authority: []exportAuthority{}, KPIs: []exportKPI{},
		AIImpact: exportAI{
			Automated:       exportItems(r.AI.Automated),
			HumanCritical:   exportItems(r.AI.HumanCritical),
			Outlook:         exportItems(r.AI.Outlook),
			NewExpectations: exportItems(r.AI.NewExpectations),
		},
		LeadsTo: roleIDs(r.LeadsTo), FeedsFrom: roleIDs(r.FeedsFrom), Adjacent: roleIDs(r.Adjacent),
		CompareWith:  append([]string{}, r.CompareWith...),
		Skills:       []exportRoleSkill{},
		LeadsToNotes: map[string]string{}, FeedsFromNotes: map[string]string{},
		HeldAt: roleIDs(r.HeldAt), SameLevel: roleIDs(m.SameLevel(r)),
	}
	for id, n := range r.NotesTo {
		e.LeadsToNotes[id] = n
	}
	for id, n := range r.NotesFrom {
		e.FeedsFromNotes[id] = n
	}
	for _, b := range r.Behaviours {
		e.Behaviours = append(e.Behaviours, exportBehaviour{Axis: b.Axis.ID, Text: b.Text, Example: b.Example})
	}
	for _, g := range r.Responsibilities {
		e.Responsibilities = append(e.Responsibilities, exportList{Key: g.Key, Title: g.Title, Items: exportItems(g.Items)})
	}
	for _, t := range r.DecisionRights {
		e.DecisionRights = append(e.DecisionRights, exportList{Key: t.Key, Title: t.Title, Items: exportItems(t.Items)})
	}
	for _, a := range r.Authority {
		e.Authority = append(e.Authority, exportAuthority(a))
	}
	for _, k := range r.KPIs {
		e.KPIs = append(e.KPIs, exportKPI(k))
	}
	for _, rs := range r.Skills {
		e.Skills = append(e.Skills, exportRoleSkill{Skill: rs.Skill.ID, Importance: rs.Importance, Expectation: rs.Text, Note: rs.Note})
	}
	return e
}

func exportComparisonOf(c *Comparison) exportComparison {
	e := exportComparison{From: c.From.ID, To: c.To.ID, URL: c.URL,
		Responsibilities: []exportGroupPair{}, Added: []exportChange{}, Removed: []exportChange{},
		SkillChanges: []exportSkillChange{}, RightsGained: []exportRight{}, BehaviourChanges: []exportBehaviourChange{}}
	for _, g := range c.Groups {
		e.Responsibilities = append(e.Responsibilities, exportGroupPair{Key: g.Key, Title: g.Title,
			From: exportItems(g.From), To: exportItems(g.To)})
	}
	for _, ch := range c.Added {
		e.Added = append(e.Added, exportChange{ID: ch.ID, Text: ch.Text, Group: ch.Key})
	}
	for _, ch := range c.Removed {
		e.Removed = append(e.Removed, exportChange{ID: ch.ID, Text: ch.Text, Group: ch.Key})
	}
	for _, sc := range c.SkillChanges {
		e.SkillChanges = append(e.SkillChanges, exportSkillChange{Skill: sc.Skill.ID,
			From: exportExpectationOf(sc.From), To: exportExpectationOf(sc.To),
			Changed: sc.Changed, ImportanceUp: sc.ImportanceUp, ImportanceDown: sc.ImportanceDown})
	}
	for _, ch := range c.RightsGained {
		e.RightsGained = append(e.RightsGained, exportRight{ID: ch.ID, Text: ch.Text, Tier: ch.Key, FromTier: ch.FromKey})
	}
	for _, bc := range c.BehaviourChanges {
		e.BehaviourChanges = append(e.BehaviourChanges, exportBehaviourChange{Axis: bc.Axis.ID,
			From: exportBehaviourOf(bc.From), To: exportBehaviourOf(bc.To), Changed: bc.Changed})
	}
	return e
}

func exportExpectationOf(e *Expectation) *exportExpectation {
	if e == nil {
		return nil
	}
	return &exportExpectation{Importance: e.Importance, Expectation: e.Text, Note: e.Note}
}

func exportBehaviourOf(b *Behaviour) *exportBehaviour {
	if b == nil {
		return nil
	}
	return &exportBehaviour{Axis: b.Axis.ID, Text: b.Text, Example: b.Example}
}
