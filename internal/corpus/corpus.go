// Package corpus generates synthetic handbooks of any size, for benchmarks
// and scale tests.
//
// A corpus is deterministic: the same Options give the same files, byte for
// byte. It holds exactly Options.Pages Markdown files:
//
//   - the home page, the glossary (with terms the prose mentions) and a
//     section page for every folder;
//   - role pages with the full front matter of docs/content-model.md:
//     responsibilities in six groups, decision rights in three tiers,
//     authority, KPIs, AI impact, relations and compare_with. The
//     individual-contributor track holds levels 1 to 6 and the management
//     track levels 3 to 6 (the model allows one role per level there); the
//     other roles sit on the adjacent track, in families that each climb
//     their own levels. The number of roles grows slowly with the size and
//     stops at 30: a real ladder does not grow with the guides;
//   - skill pages with levels for a dozen roles each, every role covered,
//     up to 60 skills;
//   - everything else as ordinary pages three folders deep
//     (guides/reliability/operations/running-calm-runbooks-1a.md) under five
//     top-level sections, at most 8 areas each, 20 pages a topic, so the
//     sections a reader navigates stay the same size as the corpus grows.
//
// Every page has lists, a table (a skill matrix, a decision-rights table or
// a RACI), often fenced code, a block quote or a task list, and 3 to 6
// cross-links to other pages: short references by id ([[id]],
// [[id#anchor|label]]) and relative links to files (../x.md#anchor), most
// with an anchor that exists: a heading of the target, a role's item
// (#operational-on-call-1), a skill's level row or a glossary term.
// anchors.lock records the anchors the corpus plans, so the manifest check
// runs too. The result passes `handbook check`.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-dev/handbook/generator/career/lint"
)

// Options configures a corpus.
type Options struct {
	// Pages is the number of Markdown files; at least MinPages.
	Pages int
	// Seed selects one corpus among many of the same size.
	Seed uint64
}

// MinPages is the smallest corpus: home, glossary, the roles and skills
// sections, three roles and three skills, and a few guides.
const MinPages = 16

// Corpus is a planned handbook. Its files are produced on demand, so a
// corpus of 100,000 pages never sits in memory as text.
type Corpus struct {
	opts   Options
	roles  []*role
	skills []*skill
	pages  []*page // every Markdown file, in generation order
	byID   map[string]*page
	// targets are the pages other pages link to: roles, skills, leaves
	// and the glossary.
	targets []*page
}

// kind says what a page is.
type kind int

const (
	kindHome kind = iota
	kindGlossary
	kindSection
	kindRole
	kindSkill
	kindLeaf
)

// page is one planned Markdown file.
type page struct {
	kind  kind
	index int    // position in Corpus.pages, the seed of its text
	path  string // relative to content/: "guides/delivery/basics/x.md"
	id    string // "" for section pages
	title string
	style string // the top section's kind for leaves: guide, practice, ...
	// headings of the body, in order.
	headings []heading
	role     *role
	skill    *skill
	weight   int
	aliases  []string
}

type heading struct {
	level int
	text  string
}

func (h heading) id() string { return headingID(h.text) }

// New plans a corpus. It panics when opts.Pages is below MinPages.
func New(opts Options) *Corpus {
	if opts.Pages < MinPages {
		panic(fmt.Sprintf("corpus: %d pages is below the minimum of %d", opts.Pages, MinPages))
	}
	c := &Corpus{opts: opts, byID: map[string]*page{}}
	r := c.rng(0xc0)
	nRoles := min(max(3, opts.Pages/10), 12+opts.Pages/1000, 30)
	nSkills := min(max(3, opts.Pages/20), 20+opts.Pages/500, 60)
	c.add(&page{kind: kindHome, path: "_index.md", title: "Engineering Career Handbook"})
	c.add(&page{kind: kindGlossary, path: "glossary.md", id: "glossary", title: "Glossary"})
	c.add(&page{kind: kindSection, path: "roles/_index.md", title: "Roles", weight: 10})
	c.add(&page{kind: kindSection, path: "skills/_index.md", title: "Skills", weight: 20})
	c.planRoles(r, nRoles)
	c.planSkills(r, nSkills)
	c.planLeaves(opts.Pages - len(c.pages))
	for _, p := range c.pages {
		if p.kind != kindSection && p.kind != kindHome {
			c.targets = append(c.targets, p)
		}
	}
	return c
}

// Pages returns the number of Markdown files.
func (c *Corpus) Pages() int { return len(c.pages) }

// rng returns the random source of one page (or of the plan, for index
// values beyond the pages): the same index always gives the same text.
func (c *Corpus) rng(index int) *rand.Rand {
	return rand.New(rand.NewPCG(c.opts.Seed, uint64(index)))
}

func (c *Corpus) add(p *page) {
	p.index = len(c.pages)
	c.pages = append(c.pages, p)
	if p.id != "" {
		c.byID[p.id] = p
	}
}

// role is the planned front matter of a role page.
type role struct {
	id, title, levelName, track string
	level                       int
	groups                      []itemList // responsibilities
	tiers                       []itemList // decision rights
	ai                          []itemList
	kpis                        []string
	leadsTo, adjacent           []string
	compareWith                 []string
	skills                      []string // ids of the skills listing it
}

// itemList is one group, tier or AI list: the front-matter key, the
// anchor prefix of its items, and the item ids.
type itemList struct {
	key, anchor string
	ids         []string
	// texts, when set, are the items' texts (responsibilities and decision
	// rights, planned so the ladder passes the ladder lint); otherwise the
	// page writes random ones.
	texts []string
}

var (
	icLadder = []struct{ title, level string }{
		{"Software Engineer I", "Engineer I"}, {"Software Engineer II", "Engineer II"},
		{"Senior Software Engineer", "Senior"}, {"Staff Software Engineer", "Staff"},
		{"Principal Software Engineer", "Principal"}, {"Distinguished Engineer", "Distinguished"},
	}
	mgmtLadder = []struct{ title, level string }{
		{"Engineering Manager", "Manager"}, {"Senior Engineering Manager", "Senior Manager"},
		{"Director of Engineering", "Director"}, {"VP of Engineering", "VP"},
	}
	families = []string{
		"Site Reliability Engineer", "Security Engineer", "Data Engineer",
		"Machine Learning Engineer", "Quality Engineer", "Solutions Architect",
		"Developer Advocate", "Platform Engineer", "Mobile Engineer",
		"Frontend Engineer", "Database Reliability Engineer", "Release Engineer",
	}
	familyLevels = []struct{ prefix, level string }{{"", "Engineer"}, {"Senior ", "Senior"}, {"Staff ", "Staff"}}
	groupKeys    = []string{"strategic", "operational", "technical", "cross-functional", "governance", "leadership"}
	tierKeys     = []string{"alone", "review", "approval"}
	aiKeys       = []struct{ key, anchor string }{{"automated", "ai-automated"}, {"human_critical", "ai-human-critical"}, {"outlook", "ai-outlook"}, {"new_expectations", "ai-new-expectations"}}
	itemWords    = []string{"design", "review", "on-call", "planning", "metrics", "mentoring", "budget", "hiring", "security", "quality", "delivery", "roadmap", "migration", "incident", "standards"}
	kpiNames     = []string{"lead-time", "deployment-frequency", "change-failure-rate", "time-to-restore", "escaped-defects", "review-turnaround", "team-health", "cost-per-request"}
	skillNames   = []string{
		"API design", "Distributed systems", "Observability", "Incident response",
		"Testing strategy", "Code review", "Data modelling", "Cloud fundamentals",
		"Containers", "Infrastructure as code", "Security engineering", "Performance engineering",
		"Technical writing", "Mentoring", "Stakeholder management", "Product sense",
		"Hiring and interviewing", "Roadmap planning", "Cost awareness", "Frontend architecture",
		"Mobile platforms", "Machine learning systems", "Release engineering", "Domain-driven design",
		"Event-driven architecture", "Accessibility", "Privacy engineering", "Reliability engineering",
	}
	categories = []string{"must-have", "good-to-have", "advanced", "emerging"}
)

func (c *Corpus) planRoles(r *rand.Rand, n int) {
	var rs []*role
	for i := 0; i < n; i++ {
		var ro role
		switch {
		case i < len(icLadder) && (i < 3 || n > 6):
			ro = role{title: icLadder[i].title, levelName: icLadder[i].level, track: "individual-contributor", level: i + 1}
		case i >= len(icLadder) && i < len(icLadder)+len(mgmtLadder):
			m := mgmtLadder[i-len(icLadder)]
			ro = role{title: m.title, levelName: m.level, track: "management", level: i - len(icLadder) + 3}
		default:
			k := i - len(icLadder) - len(mgmtLadder)
			if n <= 6 {
				k = i - 3
			}
			fam, lvl := families[(k/len(familyLevels))%len(families)], familyLevels[k%len(familyLevels)]
			ro = role{title: lvl.prefix + fam, levelName: lvl.level, track: "adjacent", level: 2 + k%len(familyLevels)}
			if gen := k / (len(familyLevels) * len(families)); gen > 0 {
				ro.title += " " + strconv.Itoa(gen+1) // families repeat past the list
			}
		}
		ro.id = slug(ro.title)
		rs = append(rs, &ro)
	}
	// Relations: each ladder leads up one level; adjacent families climb
	// their own levels; ladders touch the specialist paths sideways.
	for i, ro := range rs {
		if i+1 < len(rs) && rs[i+1].track == ro.track && rs[i+1].level > ro.level {
			ro.leadsTo = append(ro.leadsTo, rs[i+1].id)
		}
		if ro.track == "individual-contributor" && ro.level == 3 {
			for _, o := range rs {
				if o.track == "management" && o.level == 3 {
					ro.leadsTo = append(ro.leadsTo, o.id)
					ro.compareWith = append(ro.compareWith, o.id)
				}
			}
		}
		if ro.track == "adjacent" && i%3 == 0 {
			ro.adjacent = append(ro.adjacent, rs[r.IntN(min(3, len(rs)))].id)
		}
	}
	for _, ro := range rs {
		// Item ids are unique within a section, across its lists.
		seen := map[string]bool{}
		for g, key := range groupKeys {
			if g > 0 && r.IntN(4) == 0 {
				continue
			}
			ro.groups = append(ro.groups, itemList{key: key, anchor: key, ids: itemIDs(r, 2+r.IntN(4), seen)})
		}
		seen = map[string]bool{}
		for _, key := range tierKeys {
			ro.tiers = append(ro.tiers, itemList{key: key, anchor: key, ids: itemIDs(r, 2+r.IntN(3), seen)})
		}
		seen = map[string]bool{}
		for j, k := range aiKeys {
			if j > 0 && r.IntN(3) == 0 {
				continue
			}
			ro.ai = append(ro.ai, itemList{key: k.key, anchor: k.anchor, ids: itemIDs(r, 1+r.IntN(3), seen)})
		}
		ro.kpis = pickN(r, kpiNames, 2+r.IntN(4))
		planTexts(r, ro, below(rs, ro))
		c.roles = append(c.roles, ro)
		p := &page{kind: kindRole, path: "roles/" + ro.id + ".md", id: ro.id, title: ro.title, role: ro, weight: 10 * (len(c.roles))}
		p.headings = []heading{{2, "Role summary"}, {2, "Mission"}, {2, "Day to day"}, {3, "Daily"}, {3, "Weekly"},
			{2, "Key deliverables"}, {2, "Tools"}, {2, "Risks and anti patterns"}}
		c.add(p)
	}
}

// below returns the roles the ladder lint compares ro with: the level
// below on its track (ladder tracks climb one level per role), and the
// roles that list ro under compare_with.
func below(rs []*role, ro *role) []*role {
	var out []*role
	for _, o := range rs {
		if o.track == ro.track && o.track != "adjacent" && o.level == ro.level-1 || slices.Contains(o.compareWith, ro.id) {
			out = append(out, o)
		}
	}
	return out
}

// planTexts writes the texts of ro's responsibilities and decision rights,
// drawing again any that would nearly repeat an item of a role below in
// the same group, or in the same or a freer tier: random sentences from a
// small vocabulary often do, and the real handbook must not.
func planTexts(r *rand.Rand, ro *role, lower []*role) {
	fresh := func(avoid []string) string {
		var s string
		for range 100 {
			s = sentence(r)
			if !slices.ContainsFunc(avoid, func(t string) bool { return lint.Similarity(s, t) >= lint.Threshold }) {
				break
			}
		}
		return s
	}
	for i := range ro.groups {
		g := &ro.groups[i]
		var avoid []string
		for _, o := range lower {
			for _, og := range o.groups {
				if og.key == g.key {
					avoid = append(avoid, og.texts...)
				}
			}
		}
		for range g.ids {
			g.texts = append(g.texts, fresh(avoid))
		}
	}
	for i := range ro.tiers {
		t := &ro.tiers[i]
		var avoid []string
		for _, o := range lower {
			for _, ot := range o.tiers {
				if slices.Index(tierKeys, ot.key) <= slices.Index(tierKeys, t.key) {
					avoid = append(avoid, ot.texts...)
				}
			}
		}
		for range t.ids {
			t.texts = append(t.texts, fresh(avoid))
		}
	}
}

// itemIDs returns n kebab-case item ids not in seen, and adds them to it.
func itemIDs(r *rand.Rand, n int, seen map[string]bool) []string {
	ids := make([]string, 0, n)
	for len(ids) < n {
		id := pick(r, itemWords) + "-" + strconv.Itoa(1+r.IntN(9))
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// skill is the planned front matter of a skill page.
type skill struct {
	id, title, category string
	levels              []string // role ids
}

func (c *Corpus) planSkills(r *rand.Rand, n int) {
	for i := range n {
		name := skillNames[i%len(skillNames)]
		if gen := i / len(skillNames); gen > 0 {
			name += " " + strconv.Itoa(gen+1)
		}
		s := &skill{id: slug(name), title: name, category: categories[r.IntN(len(categories))]}
		c.skills = append(c.skills, s)
	}
	// Every role needs a skill; each skill covers a handful of roles.
	seen := map[[2]int]bool{}
	link := func(si, ri int) {
		if !seen[[2]int{si, ri}] {
			seen[[2]int{si, ri}] = true
			c.skills[si].levels = append(c.skills[si].levels, c.roles[ri].id)
			c.roles[ri].skills = append(c.roles[ri].skills, c.skills[si].id)
		}
	}
	for ri := range c.roles {
		link(ri%n, ri)
	}
	for si := range c.skills {
		for range 4 + r.IntN(8) {
			link(si, r.IntN(len(c.roles)))
		}
	}
	for i, s := range c.skills {
		p := &page{kind: kindSkill, path: "skills/" + s.id + ".md", id: s.id, title: s.title, skill: s, weight: i + 1}
		p.headings = []heading{{2, "How to grow"}, {2, "Common pitfalls"}, {2, "Resources"}}
		c.add(p)
	}
}

// planLeaves lays out n more Markdown files as section pages and ordinary
// pages, top/area/topic/page.md, filling topics to 20 pages each.
func (c *Corpus) planLeaves(n int) {
	const perTopic, maxAreas = 20, 8
	type topic struct {
		dir    string
		leaves int
	}
	type top struct {
		dir, title, style string
		areas             int
		topics            int
		cur               *topic
	}
	var tops []*top
	remaining := n
	section := func(p, title string, weight int) {
		c.add(&page{kind: kindSection, path: p + "/_index.md", title: title, weight: weight})
		remaining--
	}
	for i, t := range topSections {
		if remaining < 2 {
			break
		}
		tops = append(tops, &top{dir: t.dir, title: t.title, style: t.kind})
		section(t.dir, t.title, 30+10*i)
	}
	leaf := 0
	for remaining > 0 {
		t := tops[leaf%len(tops)]
		if t.cur == nil || t.cur.leaves == perTopic {
			if remaining < 3 { // no room for a topic: finish at the top
				t.cur = &topic{dir: t.dir}
			} else {
				a := t.topics % maxAreas
				area := path.Join(t.dir, areaNames[a%len(areaNames)])
				if t.topics < maxAreas {
					section(area, titleCase(areaNames[a]), a+1)
				}
				k := t.topics / maxAreas
				name := topicNames[k%len(topicNames)]
				if gen := k / len(topicNames); gen > 0 {
					name += "-" + strconv.Itoa(gen+1)
				}
				t.cur = &topic{dir: path.Join(area, name)}
				section(t.cur.dir, titleCase(strings.ReplaceAll(name, "-", " ")), k+1)
				t.topics++
			}
		}
		c.addLeaf(t.cur.dir, t.style, leaf)
		t.cur.leaves++
		leaf++
		remaining--
	}
}

func (c *Corpus) addLeaf(dir, style string, n int) {
	p := &page{kind: kindLeaf, style: style}
	r := c.rng(len(c.pages))
	p.title = pick(r, titleVerbs) + " " + pick(r, titleAdjectives) + " " + pick(r, titleNouns)
	p.id = slug(p.title) + "-" + strconv.FormatInt(int64(n), 36)
	p.path = path.Join(dir, p.id+".md")
	p.weight = n%20 + 1
	if n%50 == 7 {
		p.aliases = []string{"/old/" + p.id + "/"}
	}
	for _, h := range pickN(r, headingPool, 3+r.IntN(4)) {
		p.headings = append(p.headings, heading{2, h})
		if r.IntN(3) == 0 {
			p.headings = append(p.headings, heading{3, pick(r, subheadingPool)})
		}
	}
	dedupe(p)
	c.add(p)
}

// dedupe drops repeated subheadings, whose ids goldmark would number.
func dedupe(p *page) {
	seen := map[string]bool{}
	out := p.headings[:0]
	for _, h := range p.headings {
		if !seen[h.id()] {
			seen[h.id()] = true
			out = append(out, h)
		}
	}
	p.headings = out
}

func titleCase(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
