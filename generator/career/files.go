package career

import (
	"bytes"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// roleSource is a decoded role with what the checks across files need.
type roleSource struct {
	*Role
	top, id, level pos // level is top when the role has none
	hasLevel       bool
	bare           bool // no front matter: only the missing front matter is reported
	draft          bool // a draft may have no skills yet
	leadsTo        []ref
	feedsFrom      []ref
	adjacent       []ref
	compareWith    []ref
	behaviours     []behaviourRef
	heldAt         []ref
	held           bool // held_at is written, even if wrongly
}

// behaviourRef is one entry of a role's behaviours: an axis id written in
// the file, with the expectation; the axis is resolved across files.
type behaviourRef struct {
	ref
	text, example string
}

// axisSource is a decoded behaviour axis with where its id is written.
type axisSource struct {
	*Axis
	id pos
}

// skillSource is a decoded skill with what the checks across files need.
type skillSource struct {
	*Skill
	id     pos
	levels []levelRef
}

// levelRef is one entry of a skill's levels.
type levelRef struct {
	ref
	Expectation
}

// fileID is the id a file must have: its name without the extension.
func fileID(p string) string {
	base := path.Base(p)
	return strings.TrimSuffix(base, path.Ext(base))
}

// sectionPage reports whether p is a section's own page rather than a role
// or skill.
func sectionPage(p string) bool {
	base := path.Base(p)
	return base == "_index.md" || base == "index.md" || strings.EqualFold(base, "readme.md")
}

// page returns the fields of the keys every page may have, decoding title,
// description, weight and draft into the pointers.
func (d *decoder) page(title, description *string, weight *int, draft *bool) []field {
	return []field{
		{"title", func(v *yaml.Node) { *title = d.str(v, "title") }},
		{"description", func(v *yaml.Node) { *description = d.str(v, "description") }},
		{"weight", func(v *yaml.Node) { *weight, _ = d.int(v, "weight") }},
		{"draft", func(v *yaml.Node) { *draft = d.bool(v, "draft") }},
		{"aliases", func(v *yaml.Node) { d.list(v, "aliases", func(e *yaml.Node) { d.str(e, "aliases entries") }) }},
		// anchor_aliases, changes and glossary are read by the page stages.
		{"anchor_aliases", func(*yaml.Node) {}},
		{"changes", func(*yaml.Node) {}},
		{"glossary", func(*yaml.Node) {}},
	}
}

// checkID reports a missing id, an id that is not kebab-case, or one that
// differs from the file name; at is where the id is, or should be, written.
// It returns the id to index the file by.
func (d *decoder) checkID(kind, id string, at pos, p string) string {
	want := fileID(p)
	switch {
	case id == "":
		d.errorAt(at, "%s has no id", kind).WithHint("add `id: %s`, the file name without .md", want)
		return want
	case !kebab(id):
		d.errorAt(at, "%s id %q is not kebab-case", kind, id).
			WithHint("use lower-case words joined by \"-\", and name the file after the id")
	case id != want:
		d.errorAt(at, "%s id %q does not match the file name %q", kind, id, path.Base(p)).
			WithHint("set `id: %s`, or rename the file to %s.md", want, id)
	}
	return id
}

// decodeRole decodes a role; warns, when set, takes the parts of a role
// page that it lacks (MissingWarn).
func decodeRole(f *content.File, errs, warns *diag.List) *roleSource {
	d := &decoder{file: f.Name, off: f.MetaLine - 1, errs: errs, warns: warns}
	r := &Role{File: f.Name}
	src := &roleSource{Role: r, top: pos{1, 1}}
	if f.Meta == nil {
		d.errorAt(src.top, "role has no front matter").
			WithHint("start the file with the role's keys between two \"---\" lines; `handbook new role <id>` writes a template")
		r.ID = fileID(f.Path)
		src.bare = true
		return src
	}
	src.top = d.at(f.Meta)
	src.id, src.level = src.top, src.top
	resp, rights, kpis, ai := newSection("responsibilities"), newSection("decision_rights"), newSection("kpis"), newSection("ai_impact")
	var trackNode, levelNode *yaml.Node
	fields := append([]field{{"id", func(v *yaml.Node) { r.ID, src.id = d.str(v, "id"), d.at(v) }}},
		d.page(&r.Title, &r.Description, &r.Weight, &src.draft)...)
	fields = append(fields,
		field{"track", func(v *yaml.Node) { r.Track, trackNode = d.str(v, "track"), v }},
		field{"level", func(v *yaml.Node) { r.Level, src.hasLevel = d.int(v, "level"); src.level, levelNode = d.at(v), v }},
		field{"level_name", func(v *yaml.Node) { r.LevelName = d.str(v, "level_name") }},
		field{"relations", func(v *yaml.Node) {
			d.mapping(v, "relations", []field{
				{"feeds_from", func(v *yaml.Node) { src.feedsFrom = d.pathRefs(v, "feeds_from") }},
				{"leads_to", func(v *yaml.Node) { src.leadsTo = d.pathRefs(v, "leads_to") }},
				{"adjacent", func(v *yaml.Node) { src.adjacent = d.refs(v, "adjacent") }},
			})
		}},
		field{"compare_with", func(v *yaml.Node) { src.compareWith = d.refs(v, "compare_with") }},
		field{"scope", func(v *yaml.Node) { r.Scope = d.str(v, "scope") }},
		field{"behaviours", func(v *yaml.Node) { src.behaviours = d.behaviours(v) }},
		field{"held_at", func(v *yaml.Node) { src.heldAt, src.held = d.refs(v, "held_at"), !isNull(v) }},
		field{"responsibilities", func(v *yaml.Node) {
			for _, g := range d.keyedLists(v, "responsibilities", groupKeys, resp, true) {
				r.Responsibilities = append(r.Responsibilities, Group(g))
			}
		}},
		field{"decision_rights", func(v *yaml.Node) {
			for _, t := range d.keyedLists(v, "decision_rights", tierKeys, rights, false) {
				r.DecisionRights = append(r.DecisionRights, Tier(t))
			}
		}},
		field{"authority", func(v *yaml.Node) { r.Authority = d.authority(v) }},
		field{"kpis", func(v *yaml.Node) { r.KPIs = d.kpis(v, kpis) }},
		field{"ai_impact", func(v *yaml.Node) { r.AI = d.aiImpact(v, ai) }},
	)
	keys := d.mapping(f.Meta, "role front matter", fields)
	r.top = Position{File: f.Name, Line: src.top.line, Col: src.top.col}
	r.keys = make(map[string]Position, len(keys))
	for k, n := range keys {
		p := d.at(n)
		r.keys[k] = Position{File: f.Name, Line: p.line, Col: p.col}
	}

	r.ID = d.checkID("role", r.ID, src.id, f.Path)
	if r.Title == "" {
		d.errorAt(d.keyPos(keys, "title", src.top), "role has no title").WithHint("add `title: Role Name`")
	}
	if r.Description == "" {
		d.errorAt(d.keyPos(keys, "description", src.top), "role has no description").
			WithHint("add `description:` with one sentence on what the role is for")
	}
	switch {
	case trackNode == nil || r.Track == "":
		d.errorAt(d.keyPos(keys, "track", src.top), "role has no track").
			WithHint("add `track:` with one of %s", strings.Join(names(trackKeys), ", "))
	case rank(trackKeys, r.Track) == len(trackKeys):
		e := d.errorf(trackNode, "unknown track %q", r.Track)
		if s := suggest.Nearest(r.Track, names(trackKeys)); s != "" {
			e.WithHint("did you mean %q?", s)
		} else {
			e.WithHint("use one of %s", strings.Join(names(trackKeys), ", "))
		}
	default:
		r.TrackTitle = title(trackKeys, r.Track)
	}
	if levelNode == nil || isNull(levelNode) {
		d.errorAt(src.level, "role has no level").WithHint("add `level:` from 1 (entry) to 6")
	} else if src.hasLevel && (r.Level < LowestLevel || r.Level > HighestLevel) {
		d.errorAt(src.level, "level %d is outside 1..6", r.Level).WithHint("levels run from 1 (entry) to 6")
		src.hasLevel = false
	}
	// The parts of a role page (see MissingParts); skills and career
	// paths are checked across files.
	if len(r.Responsibilities) == 0 {
		d.missing(d.keyPos(keys, "responsibilities", src.top), "role has no responsibilities").
			WithHint("add at least one {id, text} item under a group such as technical")
	}
	if len(r.DecisionRights) == 0 {
		d.missing(d.keyPos(keys, "decision_rights", src.top), "role has no decision rights").
			WithHint("add at least one {id, text} item under alone, review or approval")
	}
	if r.AI.empty() {
		d.missing(d.keyPos(keys, "ai_impact", src.top), "role has no AI impact").
			WithHint("add at least one {id, text} item under automated, human_critical, outlook or new_expectations")
	}
	if !HasRoleSummary(f.Body) {
		d.missing(pos{max(f.BodyLine, 1), 1}, "role has no \"## Role summary\" heading").
			WithHint("every role page opens its body with a short Role summary section")
	}
	return src
}

func (a AIImpact) empty() bool {
	return len(a.Automated)+len(a.HumanCritical)+len(a.Outlook)+len(a.NewExpectations) == 0
}

// keyPos is where key k is written, or fallback when it is absent.
func (d *decoder) keyPos(keys map[string]*yaml.Node, k string, fallback pos) pos {
	if n, ok := keys[k]; ok {
		return d.at(n)
	}
	return fallback
}

// keyedList is a Group or a Tier: the two have the same shape.
type keyedList struct {
	Key, Title string
	Items      []Item
}

// keyedLists decodes a mapping of fixed keys to item lists, returning the
// non-empty lists in the order of keys.
func (d *decoder) keyedLists(n *yaml.Node, what string, keys []key, s *section, examples bool) []keyedList {
	lists := make([][]Item, len(keys))
	fields := make([]field, len(keys))
	for i, k := range keys {
		fields[i] = field{k.key, func(v *yaml.Node) { lists[i] = d.items(v, s, what+"."+k.key, examples) }}
	}
	d.mapping(n, what, fields)
	var out []keyedList
	for i, k := range keys {
		if len(lists[i]) > 0 {
			out = append(out, keyedList{Key: k.key, Title: k.title, Items: lists[i]})
		}
	}
	return out
}

func (d *decoder) authority(n *yaml.Node) []Authority {
	texts := make([]string, len(authorityKeys))
	fields := make([]field, len(authorityKeys))
	for i, k := range authorityKeys {
		fields[i] = field{k.key, func(v *yaml.Node) { texts[i] = d.str(v, "authority."+k.key) }}
	}
	d.mapping(n, "authority", fields)
	var out []Authority
	for i, k := range authorityKeys {
		if texts[i] != "" {
			out = append(out, Authority{Area: k.key, Title: k.title, Text: texts[i]})
		}
	}
	return out
}

func (d *decoder) kpis(n *yaml.Node, s *section) []KPI {
	var out []KPI
	d.list(n, "kpis", func(e *yaml.Node) {
		if e.Kind != yaml.MappingNode {
			d.errorf(e, "kpis entries must be mappings, not %s", kindName(e))
			return
		}
		var k KPI
		var idNode *yaml.Node
		keys := d.mapping(e, "kpi", []field{
			{"id", func(v *yaml.Node) { k.ID, idNode = d.str(v, "id"), v }},
			{"metric", func(v *yaml.Node) { k.Metric = d.str(v, "metric") }},
			{"measures", func(v *yaml.Node) { k.Measures = d.str(v, "measures") }},
			{"why", func(v *yaml.Node) { k.Why = d.str(v, "why") }},
			{"target", func(v *yaml.Node) { k.Target = d.str(v, "target") }},
			{"frequency", func(v *yaml.Node) { k.Frequency = d.str(v, "frequency") }},
		})
		d.itemID(s, k.ID, idNode, e)
		if k.Metric == "" {
			d.errorAt(d.keyPos(keys, "metric", d.at(e)), "kpi %q has no metric", k.ID).
				WithHint("add `metric:` with the name of what is measured")
		}
		out = append(out, k)
	})
	return out
}

func (d *decoder) aiImpact(n *yaml.Node, s *section) AIImpact {
	var a AIImpact
	d.mapping(n, "ai_impact", []field{
		{"automated", func(v *yaml.Node) { a.Automated = d.items(v, s, "ai_impact.automated", false) }},
		{"human_critical", func(v *yaml.Node) { a.HumanCritical = d.items(v, s, "ai_impact.human_critical", false) }},
		{"outlook", func(v *yaml.Node) { a.Outlook = d.items(v, s, "ai_impact.outlook", false) }},
		{"new_expectations", func(v *yaml.Node) { a.NewExpectations = d.items(v, s, "ai_impact.new_expectations", false) }},
	})
	return a
}

// HasRoleSummary reports whether a role's Markdown body has the Role
// summary section that every role page needs. It is the only thing the
// career model reads from a body.
func HasRoleSummary(body []byte) bool { return hasHeading(body, "## Role summary") }

// hasHeading reports whether body has a line equal to heading outside
// fenced code blocks.
func hasHeading(body []byte, heading string) bool {
	fenced := false
	for _, line := range bytes.Split(body, []byte("\n")) {
		l := strings.TrimSpace(string(line))
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			fenced = !fenced
			continue
		}
		if !fenced && strings.TrimRight(l, " #") == heading {
			return true
		}
	}
	return false
}

func decodeSkill(f *content.File, errs *diag.List) *skillSource {
	d := &decoder{file: f.Name, off: f.MetaLine - 1, errs: errs}
	s := &Skill{File: f.Name, Levels: map[string]Expectation{}, levelPos: map[string]Position{}}
	src := &skillSource{Skill: s}
	if f.Meta == nil {
		d.errorAt(pos{1, 1}, "skill has no front matter").
			WithHint("start the file with the skill's keys between two \"---\" lines")
		s.ID = fileID(f.Path)
		return src
	}
	top := d.at(f.Meta)
	src.id = top
	var catNode *yaml.Node
	fields := append([]field{{"id", func(v *yaml.Node) { s.ID, src.id = d.str(v, "id"), d.at(v) }}},
		d.page(&s.Title, &s.Description, &s.Weight, new(bool))...)
	fields = append(fields,
		field{"category", func(v *yaml.Node) { s.Category, catNode = d.str(v, "category"), v }},
		field{"usage", func(v *yaml.Node) { s.Usage = d.str(v, "usage") }},
		field{"levels", func(v *yaml.Node) { src.levels = d.levels(v) }},
	)
	keys := d.mapping(f.Meta, "skill front matter", fields)
	s.ID = d.checkID("skill", s.ID, src.id, f.Path)
	if s.Title == "" {
		d.errorAt(d.keyPos(keys, "title", top), "skill has no title").WithHint("add `title: Skill name`")
	}
	switch {
	case catNode == nil || s.Category == "":
		d.errorAt(d.keyPos(keys, "category", top), "skill has no category").
			WithHint("add `category:` with one of %s", strings.Join(names(categoryKeys), ", "))
	case rank(categoryKeys, s.Category) == len(categoryKeys):
		e := d.errorf(catNode, "unknown skill category %q", s.Category)
		if c := suggest.Nearest(s.Category, names(categoryKeys)); c != "" {
			e.WithHint("did you mean %q?", c)
		} else {
			e.WithHint("use one of %s", strings.Join(names(categoryKeys), ", "))
		}
	default:
		s.CategoryTitle = title(categoryKeys, s.Category)
	}
	return src
}

// idMap decodes a mapping of ids to mappings — a skill's levels, keyed by
// role id, or a role's behaviours, keyed by axis id — reporting a value
// that is not a mapping, a key that is not an id and a repeated id. For
// each entry it calls entry with the key node and the value's path for
// messages ("levels.senior"). The words of the messages: list names the
// whole ("levels"), idNoun its keys ("role ids"), itemNoun one key
// ("role"), shape a value ("{importance, expectation}") and withKeys the
// keys a value holds ("importance and expectation").
func (d *decoder) idMap(n *yaml.Node, list, idNoun, itemNoun, shape, withKeys string, entry func(k, v *yaml.Node, what string)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of %s to %s, not %s", list, idNoun, shape, kindName(n))
		return
	}
	seen := map[string]pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			d.errorf(k, "%s: keys must be %s", list, idNoun)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "%s: %s %q is repeated", list, itemNoun, k.Value).WithHint("it is already set at line %d", first.line)
			continue
		}
		seen[k.Value] = d.at(k)
		what := list + "." + k.Value
		if v.Kind != yaml.MappingNode {
			d.errorf(v, "%s must be a mapping with %s, not %s", what, withKeys, kindName(v))
			continue
		}
		entry(k, v, what)
	}
}

// levels decodes a skill's map of role ids to expectations. The role ids
// are checked later, against every role.
func (d *decoder) levels(n *yaml.Node) []levelRef {
	var out []levelRef
	d.idMap(n, "levels", "role ids", "role", "{importance, expectation}", "importance and expectation", func(k, v *yaml.Node, what string) {
		var e Expectation
		var impNode *yaml.Node
		keys := d.mapping(v, what, []field{
			{"importance", func(v *yaml.Node) { e.Importance, impNode = d.str(v, "importance"), v }},
			{"expectation", func(v *yaml.Node) { e.Text = d.str(v, "expectation") }},
			{"note", func(v *yaml.Node) { e.Note = d.str(v, "note") }},
		})
		switch {
		case impNode == nil || e.Importance == "":
			d.errorf(k, "%s has no importance", what).WithHint("add `importance:` with Critical, Important or Optional")
		case importanceRank(e.Importance) == 0:
			er := d.errorf(impNode, "importance %q is not Critical, Important or Optional", e.Importance)
			if s := suggest.Nearest(e.Importance, importances); s != "" {
				er.WithHint("did you mean %q?", s)
			}
		}
		if e.Text == "" {
			d.errorAt(d.keyPos(keys, "expectation", d.at(k)), "%s has no expectation", what).
				WithHint("add `expectation:` with what this role shows of the skill")
		}
		out = append(out, levelRef{ref{id: k.Value, pos: d.at(k)}, e})
	})
	return out
}

// behaviours decodes a role's map of axis ids to {text, example}. The axis
// ids are checked later, against every axis file.
func (d *decoder) behaviours(n *yaml.Node) []behaviourRef {
	var out []behaviourRef
	d.idMap(n, "behaviours", "axis ids", "axis", "{text, example}", "text and example", func(k, v *yaml.Node, what string) {
		b := behaviourRef{ref: ref{id: k.Value, pos: d.at(k)}}
		keys := d.mapping(v, what, []field{
			{"text", func(v *yaml.Node) { b.text = d.str(v, "text") }},
			{"example", func(v *yaml.Node) { b.example = d.str(v, "example") }},
		})
		if b.text == "" {
			d.errorAt(d.keyPos(keys, "text", d.at(k)), "%s has no text", what).
				WithHint("add `text:` with one observable expectation for this axis at this level")
		}
		out = append(out, b)
	})
	return out
}

// decodeAxis decodes a behaviour axis: content/behaviours/<id>.md.
func decodeAxis(f *content.File, errs *diag.List) *axisSource {
	d := &decoder{file: f.Name, off: f.MetaLine - 1, errs: errs}
	a := &Axis{File: f.Name}
	src := &axisSource{Axis: a}
	if f.Meta == nil {
		d.errorAt(pos{1, 1}, "behaviour axis has no front matter").
			WithHint("start the file with the axis's keys (id, title, description) between two \"---\" lines")
		a.ID = fileID(f.Path)
		return src
	}
	top := d.at(f.Meta)
	src.id = top
	fields := append([]field{{"id", func(v *yaml.Node) { a.ID, src.id = d.str(v, "id"), d.at(v) }}},
		d.page(&a.Title, &a.Description, &a.Weight, new(bool))...)
	keys := d.mapping(f.Meta, "behaviour axis front matter", fields)
	a.ID = d.checkID("behaviour axis", a.ID, src.id, f.Path)
	if a.Title == "" {
		d.errorAt(d.keyPos(keys, "title", top), "behaviour axis has no title").WithHint("add `title: Axis name`")
	}
	return src
}
