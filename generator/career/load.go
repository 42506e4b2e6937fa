package career

import (
	"slices"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
)

// Load builds the model from content files. Files whose Path starts with
// "roles/" are roles and files under "skills/" are skills (section pages
// aside); other files are ignored. Every problem is returned at once as a
// diag.List, and the model is nil when there is any.
func Load(files []*content.File) (*Model, error) {
	files = slices.Clone(files)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	l := &linker{roles: map[string]*roleSource{}, skills: map[string]*skillSource{}}
	var roles []*roleSource
	var skills []*skillSource
	for _, f := range files {
		if sectionPage(f.Path) {
			continue
		}
		switch {
		case strings.HasPrefix(f.Path, "roles/"):
			roles = append(roles, decodeRole(f, &l.errs))
		case strings.HasPrefix(f.Path, "skills/"):
			skills = append(skills, decodeSkill(f, &l.errs))
		}
	}
	l.index(roles, skills)
	l.checkLevels()
	l.link()
	l.attachSkills()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return l.model(), nil
}

// linker runs the checks that span files and builds the graph.
type linker struct {
	errs    diag.List
	roles   map[string]*roleSource
	order   []*roleSource // roles by file path, duplicates left out
	skills  map[string]*skillSource
	sorder  []*skillSource
	roleIDs []string // sorted, for suggestions
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

// checkLevels reports two roles on one level of a ladder track.
func (l *linker) checkLevels() {
	taken := map[string]map[int]*roleSource{}
	for _, r := range l.order {
		if !r.hasLevel || (r.Track != "individual-contributor" && r.Track != "management") {
			continue
		}
		if taken[r.Track] == nil {
			taken[r.Track] = map[int]*roleSource{}
		}
		if first, ok := taken[r.Track][r.Level]; ok {
			l.errorAt(r.File, r.level, "level %d of the %s track is already taken by %s", r.Level, r.Track, first.ID).
				WithHint("each level of a track holds one role; change the level or the track (see %s)", first.File)
			continue
		}
		taken[r.Track][r.Level] = r
	}
}

// lookup resolves a role id written in file from under key what.
func (l *linker) lookup(from *roleSource, file string, rf ref, what string) *roleSource {
	r, ok := l.roles[rf.id]
	if !ok {
		e := l.errorAt(file, rf.pos, "%s: no role has id %q", what, rf.id)
		if s := suggest(rf.id, l.roleIDs); s != "" {
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

// below reports whether a is at a lower level than b on the same track.
func below(a, b *roleSource) bool {
	return a.hasLevel && b.hasLevel && a.Track == b.Track && a.Level < b.Level
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
			l.errorAt(r.File, r.id, "role %s has no skills in the matrix", r.ID).
				WithHint("add it under `levels:` of the skills it needs in content/skills/")
		}
	}
}

// model assembles the checked sources into a Model.
func (l *linker) model() *Model {
	m := &Model{roles: map[string]*Role{}, skills: map[string]*Skill{}}
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
	return m
}

// uniqueRoles sorts rs and drops repeats.
func uniqueRoles(rs []*Role) []*Role {
	sortRoles(rs)
	return slices.Compact(rs)
}
