package career

import (
	"slices"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// Load builds the model from content files. Files whose Path starts with
// "roles/" are roles, files under "skills/" are skills and files under
// "behaviours/" are behaviour axes (section pages aside); other files are
// ignored. Every problem is returned at once as a
// diag.List, and the model is nil when there is any.
//
// Files are read published first, then drafts, each in path order, so a
// conflict between two files (a repeated id, two notes on one career path,
// two roles of one title on one level) is reported at the file that
// introduces it: the draft, or the later path, never an older role's file.
func Load(files []*content.File) (*Model, error) {
	return LoadWith(files, Options{})
}

// What a role that lacks a part of a role page is (Options.MissingParts).
const (
	MissingError = "error"
	MissingWarn  = "warn"
)

// Options configures LoadWith.
type Options struct {
	// MissingParts is what a role that lacks some of the six parts of a
	// role page is (see the package doc): MissingError, the default, or
	// MissingWarn, which loads the model with a warning per missing part
	// in Model.Warnings.
	MissingParts string
}

// LoadWith is Load with options.
func LoadWith(files []*content.File, opts Options) (*Model, error) {
	files = slices.Clone(files)
	sort.SliceStable(files, func(i, j int) bool {
		if a, b := files[i].Front.Draft, files[j].Front.Draft; a != b {
			return b
		}
		return files[i].Path < files[j].Path
	})
	l := &linker{roles: map[string]*roleSource{}, skills: map[string]*skillSource{}, axes: map[string]*axisSource{},
		warnParts: opts.MissingParts == MissingWarn}
	var warns *diag.List
	if l.warnParts {
		warns = &l.warns
	}
	var roles []*roleSource
	var skills []*skillSource
	var axes []*axisSource
	for _, f := range files {
		if !Source(f.Path) {
			continue
		}
		switch {
		case strings.HasPrefix(f.Path, "roles/"):
			roles = append(roles, decodeRole(f, &l.errs, warns))
		case strings.HasPrefix(f.Path, "skills/"):
			skills = append(skills, decodeSkill(f, &l.errs))
		case strings.HasPrefix(f.Path, "behaviours/"):
			axes = append(axes, decodeAxis(f, &l.errs))
		}
	}
	l.index(roles, skills)
	l.indexAxes(axes)
	l.holdAt()
	l.checkLevels()
	l.link()
	l.attachSkills()
	l.attachBehaviours()
	if l.warnParts {
		l.checkPaths()
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	m := l.model()
	l.warns.Sort()
	m.Warnings = l.warns
	return m, nil
}

// Source reports whether Load decodes the content file at path (relative
// to content/): a role, skill or behaviour axis, whose every front-matter
// key is checked. Section pages (_index.md) of those folders are ordinary
// pages.
func Source(path string) bool {
	if sectionPage(path) {
		return false
	}
	for _, dir := range []string{"roles/", "skills/", "behaviours/"} {
		if strings.HasPrefix(path, dir) {
			return true
		}
	}
	return false
}

// linker runs the checks that span files and builds the graph.
type linker struct {
	errs diag.List
	// warns holds the missing parts under MissingWarn (warnParts).
	warns     diag.List
	warnParts bool
	roles     map[string]*roleSource
	order     []*roleSource // roles in the order Load reads them, duplicates left out
	skills    map[string]*skillSource
	sorder    []*skillSource
	axes      map[string]*axisSource
	aorder    []*axisSource
	roleIDs   []string // sorted, for suggestions
}

func (l *linker) errorAt(file string, p pos, format string, args ...any) *diag.Error {
	e := diag.Errorf(file, p.line, p.col, format, args...)
	l.errs.Add(e)
	return e
}

func (l *linker) index(roles []*roleSource, skills []*skillSource) {
	for _, r := range roles {
		if first, dup := l.roles[r.ID]; dup {
			l.errorAt(r.File, r.id, "duplicate role id %q", r.ID).
				WithHint("%s already uses it; every role needs its own id", first.File)
			continue
		}
		l.roles[r.ID] = r
		l.order = append(l.order, r)
		l.roleIDs = append(l.roleIDs, r.ID)
	}
	sort.Strings(l.roleIDs)
	for _, s := range skills {
		if first, dup := l.skills[s.ID]; dup {
			l.errorAt(s.File, s.id, "duplicate skill id %q", s.ID).
				WithHint("%s already uses it; every skill needs its own id", first.File)
			continue
		}
		l.skills[s.ID] = s
		l.sorder = append(l.sorder, s)
	}
}

func (l *linker) indexAxes(axes []*axisSource) {
	for _, a := range axes {
		if first, dup := l.axes[a.ID]; dup {
			l.errorAt(a.File, a.id, "duplicate behaviour axis id %q", a.ID).
				WithHint("%s already uses it; every axis needs its own id", first.File)
			continue
		}
		l.axes[a.ID] = a
		l.aorder = append(l.aorder, a)
	}
	sort.SliceStable(l.aorder, func(i, j int) bool { return axisLess(l.aorder[i].Axis, l.aorder[j].Axis) })
}

// attachBehaviours resolves the axis ids of every role's behaviours and
// sorts them in axis order. A role may leave an axis out: that is for
// `handbook check` to warn about, not an error of the model.
func (l *linker) attachBehaviours() {
	ids := make([]string, len(l.aorder))
	for i, a := range l.aorder {
		ids[i] = a.ID
	}
	sort.Strings(ids)
	for _, r := range l.order {
		for _, b := range r.behaviours {
			a, ok := l.axes[b.id]
			if !ok {
				e := l.errorAt(r.File, b.pos, "behaviours: no behaviour axis has id %q", b.id)
				if s := suggest.Nearest(b.id, ids); s != "" {
					e.WithHint("did you mean %q?", s)
				} else if len(ids) > 0 {
					e.WithHint("axis ids are the file names under content/behaviours/: %s", strings.Join(ids, ", "))
				} else {
					e.WithHint("define the axis in content/behaviours/%s.md", b.id)
				}
				continue
			}
			r.Behaviours = append(r.Behaviours, Behaviour{Axis: a.Axis, Text: b.text, Example: b.example,
				Line: b.pos.line, Col: b.pos.col})
		}
		sort.SliceStable(r.Behaviours, func(i, j int) bool { return axisLess(r.Behaviours[i].Axis, r.Behaviours[j].Axis) })
	}
}

// holdAt resolves held_at: the roles must exist, be on the role's own
// track and be levels of their own, and the role's level must be the
// lowest of theirs.
func (l *linker) holdAt() {
	for _, r := range l.order {
		var lowest *roleSource
		for _, rf := range r.heldAt {
			t := l.lookup(r, r.File, rf, "held_at")
			switch {
			case t == nil:
				continue
			case t.Track != r.Track:
				l.errorAt(r.File, rf.pos, "held_at: %s is on the %s track, not on this role's %s track", t.ID, t.Track, r.Track).
					WithHint("a role is held at levels of its own track; change the track or list roles of the %s track", r.Track)
				continue
			case t.held:
				l.errorAt(r.File, rf.pos, "held_at: %s is itself held at other levels", t.ID).
					WithHint("list the roles that are levels of their own (see %s)", t.File)
				continue
			case slices.Contains(r.HeldAt, t.Role):
				l.errorAt(r.File, rf.pos, "held_at: %s is listed twice", t.ID).WithHint("remove the repeat")
				continue
			}
			r.HeldAt = append(r.HeldAt, t.Role)
			if t.hasLevel && (lowest == nil || t.Level < lowest.Level) {
				lowest = t
			}
		}
		sortRoles(r.HeldAt)
		if lowest != nil && r.hasLevel && r.Level != lowest.Level {
			l.errorAt(r.File, r.level, "level %d differs from the lowest level this role is held at: %d (%s)", r.Level, lowest.Level, lowest.ID).
				WithHint("set `level: %d`; a role held at several levels sits at the lowest of them", lowest.Level)
		}
	}
}

// checkLevels reports two roles of one title on one level of a track.
// Several roles may share a level (specialisations: Senior Software
// Engineer and Senior Platform Engineer), but not a title there: readers
// could not tell them apart on the ladder, in navigation or in
// comparisons. The error goes to the role read later (see Load).
func (l *linker) checkLevels() {
	type place struct {
		track string
		level int
		title string
	}
	taken := map[place]*roleSource{}
	for _, r := range l.order {
		if !r.hasLevel || r.Title == "" {
			continue
		}
		k := place{r.Track, r.Level, strings.ToLower(r.Title)}
		if first, ok := taken[k]; ok {
			at := r.Pos("title")
			l.errorAt(r.File, pos{at.Line, at.Col}, "level %d of the %s track already has a role titled %q: %s", r.Level, r.Track, r.Title, first.ID).
				WithHint("roles may share a level, but each needs a title of its own, such as \"Senior Platform Engineer\" beside \"Senior Software Engineer\" (see %s)", first.File)
			continue
		}
		taken[k] = r
	}
}

// lookup resolves a role id written in file from under key what.
func (l *linker) lookup(from *roleSource, file string, rf ref, what string) *roleSource {
	r, ok := l.roles[rf.id]
	if !ok {
		e := l.errorAt(file, rf.pos, "%s: no role has id %q", what, rf.id)
		if s := suggest.Nearest(rf.id, l.roleIDs); s != "" {
			e.WithHint("did you mean %q?", s)
		} else {
			e.WithHint("role ids are the file names under content/roles/")
		}
		return nil
	}
	if r == from {
		l.errorAt(file, rf.pos, "%s: a role cannot refer to itself", what).
			WithHint("remove %q from the list", rf.id)
		return nil
	}
	return r
}

// below reports whether a is at a lower level than b on the same track:
// every level a is held at is below every level b is held at.
func below(a, b *roleSource) bool {
	if !a.hasLevel || !b.hasLevel || a.Track != b.Track {
		return false
	}
	_, aHi := a.LevelRange()
	bLo, _ := b.LevelRange()
	return aHi < bLo
}

// note records the note of the edge from a to b on both roles. The same
// edge written in both files must not carry two different notes.
func (l *linker) note(a, b *roleSource, file string, rf ref) {
	if rf.note == "" {
		return
	}
	if old, ok := a.NotesTo[b.ID]; ok && old != rf.note {
		l.errorAt(file, rf.pos, "the career path from %s to %s already has a different note", a.ID, b.ID).
			WithHint("write the note on one end of the edge only")
		return
	}
	if a.NotesTo == nil {
		a.NotesTo = map[string]string{}
	}
	if b.NotesFrom == nil {
		b.NotesFrom = map[string]string{}
	}
	a.NotesTo[b.ID], b.NotesFrom[a.ID] = rf.note, rf.note
}

// link resolves relations into the symmetric graph.
func (l *linker) link() {
	for _, r := range l.order {
		for _, rf := range r.leadsTo {
			if t := l.lookup(r, r.File, rf, "leads_to"); t != nil {
				if below(t, r) {
					l.errorAt(r.File, rf.pos, "leads_to: %s is level %d, below this role's level %d on the same track", t.ID, t.Level, r.Level).
						WithHint("a role leads to the same or a higher level; list it under feeds_from instead")
				}
				r.LeadsTo = append(r.LeadsTo, t.Role)
				t.FeedsFrom = append(t.FeedsFrom, r.Role)
				l.note(r, t, r.File, rf)
				r.notePath(t.ID, r.File, rf.pos)
			}
		}
		for _, rf := range r.feedsFrom {
			if t := l.lookup(r, r.File, rf, "feeds_from"); t != nil {
				if below(r, t) {
					l.errorAt(r.File, rf.pos, "feeds_from: %s is level %d, above this role's level %d on the same track", t.ID, t.Level, r.Level).
						WithHint("a role is fed from the same or a lower level; list it under leads_to instead")
				}
				t.LeadsTo = append(t.LeadsTo, r.Role)
				r.FeedsFrom = append(r.FeedsFrom, t.Role)
				l.note(t, r, r.File, rf)
				t.notePath(r.ID, r.File, rf.pos)
			}
		}
		for _, rf := range r.adjacent {
			if t := l.lookup(r, r.File, rf, "adjacent"); t != nil {
				r.Adjacent = append(r.Adjacent, t.Role)
				t.Adjacent = append(t.Adjacent, r.Role)
			}
		}
		for _, rf := range r.compareWith {
			if t := l.lookup(r, r.File, rf, "compare_with"); t != nil && !slices.Contains(r.CompareWith, t.ID) {
				r.CompareWith = append(r.CompareWith, t.ID)
			}
		}
	}
}

// notePath records where the path from r to the role with id to is
// written, keeping the first place when both ends write it.
func (r *Role) notePath(to, file string, p pos) {
	if _, ok := r.paths[to]; ok {
		return
	}
	if r.paths == nil {
		r.paths = map[string]Position{}
	}
	r.paths[to] = Position{File: file, Line: p.line, Col: p.col}
}

// attachSkills checks the role ids of every skill's levels and fills both
// sides of the matrix.
func (l *linker) attachSkills() {
	for _, s := range l.sorder {
		for _, lv := range s.levels {
			r := l.lookup(nil, s.File, lv.ref, "levels")
			if r == nil {
				continue
			}
			s.Levels[r.ID] = lv.Expectation
			s.levelPos[r.ID] = Position{File: s.File, Line: lv.pos.line, Col: lv.pos.col}
			s.Roles = append(s.Roles, SkillRole{Role: r.Role, Expectation: lv.Expectation})
			r.Skills = append(r.Skills, RoleSkill{Skill: s.Skill, Expectation: lv.Expectation})
		}
	}
	for _, r := range l.order {
		if len(r.Skills) == 0 && !r.bare && !r.draft {
			e := diag.Errorf(r.File, r.id.line, r.id.col, "role %s has no skills in the matrix", r.ID).
				WithHint("add it under `levels:` of the skills it needs in content/skills/")
			if l.warnParts {
				l.warns.Add(e)
			} else {
				l.errs.Add(e)
			}
		}
	}
}

// checkPaths warns, under MissingWarn, about a role with no career path
// in, out or sideways, when the ladder has other roles to lead to. Career
// paths are the one part of a role page that is never an error.
func (l *linker) checkPaths() {
	if len(l.order) < 2 {
		return
	}
	for _, r := range l.order {
		if r.bare || len(r.LeadsTo)+len(r.FeedsFrom)+len(r.Adjacent)+len(r.HeldAt) > 0 {
			continue
		}
		p := r.Pos("relations")
		l.warns.Add(diag.Errorf(p.File, p.Line, p.Col, "role %s has no career paths", r.ID).
			WithHint("add `relations:` with leads_to, feeds_from or adjacent role ids, here or in the roles it connects to"))
	}
}

// model assembles the checked sources into a Model.
func (l *linker) model() *Model {
	m := &Model{roles: map[string]*Role{}, skills: map[string]*Skill{}, axes: map[string]*Axis{}}
	for _, a := range l.aorder {
		m.Axes = append(m.Axes, a.Axis)
		m.axes[a.ID] = a.Axis
	}
	for _, r := range l.order {
		r.LeadsTo = uniqueRoles(r.LeadsTo)
		r.FeedsFrom = uniqueRoles(r.FeedsFrom)
		r.Adjacent = uniqueRoles(r.Adjacent)
		sort.SliceStable(r.Skills, func(i, j int) bool { return skillLess(r.Skills[i].Skill, r.Skills[j].Skill) })
		m.Roles = append(m.Roles, r.Role)
		m.roles[r.ID] = r.Role
	}
	sortRoles(m.Roles)
	for _, s := range l.sorder {
		sort.SliceStable(s.Roles, func(i, j int) bool { return roleLess(s.Roles[i].Role, s.Roles[j].Role) })
		m.Skills = append(m.Skills, s.Skill)
		m.skills[s.ID] = s.Skill
	}
	sort.SliceStable(m.Skills, func(i, j int) bool { return skillLess(m.Skills[i], m.Skills[j]) })
	for _, k := range trackKeys {
		t := Track{Key: k.key, Title: k.title}
		for _, r := range m.Roles {
			if r.Track == k.key {
				t.Roles = append(t.Roles, r)
			}
		}
		if len(t.Roles) > 0 {
			m.Tracks = append(m.Tracks, t)
		}
	}
	m.Comparisons = comparisons(m)
	m.byPair = map[[2]*Role]*Comparison{}
	for _, c := range m.Comparisons {
		m.byPair[[2]*Role{c.From, c.To}] = c
	}
	return m
}

// uniqueRoles sorts rs and drops repeats.
func uniqueRoles(rs []*Role) []*Role {
	sortRoles(rs)
	return slices.Compact(rs)
}
