package corpus

import (
	"fmt"
	"math/rand/v2"
	"path"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/links"
)

// Config is the handbook.yaml of every corpus.
const Config = `title: Synthetic Engineering Handbook
base_url: https://handbook.example.com/
language: en
params:
  description: A generated handbook for benchmarks and scale tests.
`

// url is where a page is published.
func (p *page) url() string {
	dir, file := path.Split(p.path)
	if file == "_index.md" {
		return "/" + dir
	}
	return "/" + dir + strings.TrimSuffix(file, ".md") + "/"
}

// anchors lists the anchors of p that other pages may link to: its
// headings, and the items of its structured sections.
func (p *page) anchors() []string {
	var as []string
	for _, h := range p.headings {
		as = append(as, h.id())
	}
	switch p.kind {
	case kindRole:
		ro := p.role
		as = append(as, "responsibilities", "skills", "decision-rights", "paths", "ai-impact", "kpis")
		for _, ls := range [][]itemList{ro.groups, ro.tiers, ro.ai} {
			for _, l := range ls {
				for _, id := range l.ids {
					as = append(as, l.anchor+"-"+id)
				}
			}
		}
		for _, s := range ro.skills {
			as = append(as, "skill-"+s)
		}
		for _, k := range ro.kpis {
			as = append(as, "kpi-"+k)
		}
	case kindSkill:
		as = append(as, "levels")
		for _, r := range p.skill.levels {
			as = append(as, "level-"+r)
		}
	case kindGlossary:
		for _, t := range glossaryTerms {
			as = append(as, "term-"+t.id)
		}
	}
	return as
}

// text returns the Markdown file of p.
func (c *Corpus) text(p *page) []byte {
	r := c.rng(p.index)
	w := &writer{r: r}
	switch p.kind {
	case kindHome:
		w.front("title", p.title, "description", "What each role is expected to do at each level, the skills it needs and who decides what.")
		w.end()
		w.para(3)
	case kindGlossary:
		c.glossary(w, p)
	case kindSection:
		w.front("title", p.title, "description", sentence(r))
		w.int("weight", p.weight)
		w.end()
		w.para(2 + r.IntN(2))
	case kindRole:
		c.rolePage(w, p)
	case kindSkill:
		c.skillPage(w, p)
	default:
		c.leaf(w, p)
	}
	return []byte(w.b.String())
}

// writer accumulates one Markdown file.
type writer struct {
	b strings.Builder
	r *rand.Rand
	// links waiting to be placed in the prose.
	links []string
}

func (w *writer) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// front opens the front matter with key/value string pairs.
func (w *writer) front(kv ...string) {
	w.b.WriteString("---\n")
	for i := 0; i+1 < len(kv); i += 2 {
		w.line("%s: %q", kv[i], kv[i+1])
	}
}

func (w *writer) int(key string, v int) { w.line("%s: %d", key, v) }

func (w *writer) end() { w.b.WriteString("---\n\n") }

// para writes a paragraph of n sentences, with the next waiting link
// woven in half of the time.
func (w *writer) para(n int) {
	text := paragraph(w.r, n)
	if len(w.links) > 0 && w.r.IntN(2) == 0 {
		text += " See " + w.next() + " for the details."
	}
	w.b.WriteString(text)
	w.b.WriteString("\n\n")
}

func (w *writer) next() string {
	l := w.links[0]
	w.links = w.links[1:]
	return l
}

func (w *writer) heading(h heading) {
	w.line("%s %s\n", strings.Repeat("#", h.level), h.text)
}

// list writes a bullet list; one item carries a link when one is waiting.
func (w *writer) list(n int, ordered bool) {
	withLink := -1
	if len(w.links) > 0 {
		withLink = w.r.IntN(n)
	}
	for i := range n {
		mark := "-"
		if ordered {
			mark = fmt.Sprintf("%d.", i+1)
		}
		s := sentence(w.r)
		if i == withLink {
			s = strings.TrimSuffix(s, ".") + " (see " + w.next() + ")."
		}
		w.line("%s %s", mark, s)
	}
	w.b.WriteByte('\n')
}

func (w *writer) tasks(n int) {
	for i := range n {
		box := " "
		if i%3 == 0 {
			box = "x"
		}
		w.line("- [%s] %s", box, sentence(w.r))
	}
	w.b.WriteByte('\n')
}

func (w *writer) code() {
	cb := pick(w.r, codeBlocks)
	w.line("```%s\n%s```\n", cb.lang, cb.body)
}

func (w *writer) quote() {
	w.line("> %s\n> %s\n", sentence(w.r), sentence(w.r))
}

// table writes a Markdown table of header and rows.
func (w *writer) table(header []string, rows [][]string) {
	w.line("| %s |", strings.Join(header, " | "))
	w.line("|%s", strings.Repeat("---|", len(header)))
	for _, row := range rows {
		w.line("| %s |", strings.Join(row, " | "))
	}
	w.b.WriteByte('\n')
}

// flush writes the links still waiting as a list.
func (w *writer) flush() {
	if len(w.links) == 0 {
		return
	}
	w.line("Related pages:\n")
	for len(w.links) > 0 {
		w.line("- %s", w.next())
	}
	w.b.WriteByte('\n')
}

var importances = []string{"Optional", "Important", "Critical"}

// crossLinks returns 3 to 6 links from p to other pages, most to an anchor
// that exists, as short references or relative file links.
func (c *Corpus) crossLinks(r *rand.Rand, p *page) []string {
	n := 3 + r.IntN(4)
	out := make([]string, 0, n)
	for len(out) < n {
		t := c.linkTarget(r, p)
		if t == p {
			continue
		}
		anchor := ""
		if as := t.anchors(); len(as) > 0 && r.IntN(4) != 0 {
			anchor = pick(r, as)
		}
		label := t.title
		switch v := r.IntN(10); {
		case v < 3 && anchor != "":
			out = append(out, "[["+t.id+"#"+anchor+"]]")
		case v < 5:
			target := t.id
			if anchor != "" {
				target += "#" + anchor
			}
			out = append(out, "[["+target+"|"+label+"]]")
		case v < 6 && anchor == "":
			out = append(out, "[["+t.id+"]]")
		default:
			dest := relPath(path.Dir(p.path), t.path)
			if anchor != "" {
				dest += "#" + anchor
			}
			out = append(out, "["+label+"]("+dest+")")
		}
	}
	return out
}

// linkTarget picks the page a link goes to: a role, a skill, the glossary,
// or (most often) another ordinary page.
func (c *Corpus) linkTarget(r *rand.Rand, p *page) *page {
	switch v := r.IntN(20); {
	case v < 4:
		return c.pages[c.first(kindRole)+r.IntN(len(c.roles))]
	case v < 7:
		return c.pages[c.first(kindSkill)+r.IntN(len(c.skills))]
	case v < 8:
		return c.byID["glossary"]
	default:
		return pick(r, c.targets)
	}
}

// first returns the index of the first page of kind k (roles and skills
// are planned contiguously).
func (c *Corpus) first(k kind) int {
	switch k {
	case kindRole:
		return c.byID[c.roles[0].id].index
	default:
		return c.byID[c.skills[0].id].index
	}
}

// relPath returns the relative path from folder dir to file to, both
// relative to content/ (dir "." for content/ itself).
func relPath(dir, to string) string {
	from := "/"
	if dir != "." {
		from += dir + "/"
	}
	return links.Relative(from, "/"+to)
}

func (c *Corpus) glossary(w *writer, p *page) {
	w.front("title", p.title, "description", "The terms the handbook uses, with short definitions.")
	w.line("terms:")
	for _, t := range glossaryTerms {
		w.line("  - id: %s\n    term: %s\n    aliases: %s\n    definition: %q", t.id, t.term, t.aliases, t.definition)
	}
	w.end()
	w.para(2)
}

func (c *Corpus) rolePage(w *writer, p *page) {
	r, ro := w.r, p.role
	w.links = c.crossLinks(r, p)
	w.front("id", ro.id, "title", ro.title, "description", sentence(r))
	w.line("track: %s\nlevel: %d\nlevel_name: %q", ro.track, ro.level, ro.levelName)
	w.int("weight", p.weight)
	if len(ro.leadsTo)+len(ro.adjacent) > 0 {
		w.line("relations:")
		if len(ro.leadsTo) > 0 {
			w.line("  leads_to: [%s]", strings.Join(ro.leadsTo, ", "))
		}
		if len(ro.adjacent) > 0 {
			w.line("  adjacent: [%s]", strings.Join(ro.adjacent, ", "))
		}
	}
	if len(ro.compareWith) > 0 {
		w.line("compare_with: [%s]", strings.Join(ro.compareWith, ", "))
	}
	items := func(indent string, l itemList) {
		for i, id := range l.ids {
			text := sentence(r)
			if i < len(l.texts) {
				text = l.texts[i]
			}
			w.line("%s- id: %s\n%s  text: %q", indent, id, indent, text)
		}
	}
	w.line("responsibilities:")
	for _, g := range ro.groups {
		w.line("  %s:", g.key)
		items("    ", g)
	}
	w.line("decision_rights:")
	for _, t := range ro.tiers {
		w.line("  %s:", t.key)
		items("    ", t)
	}
	w.line("authority:")
	for _, a := range []string{"budget", "architecture", "vendor", "delivery", "hiring", "compliance"} {
		w.line("  %s: %q", a, sentence(r))
	}
	w.line("kpis:")
	for _, k := range ro.kpis {
		w.line("  - id: %s\n    metric: %q\n    measures: %q\n    why: %q\n    target: %q\n    frequency: Monthly",
			k, titleCase(strings.ReplaceAll(k, "-", " ")), sentence(r), sentence(r), fmt.Sprintf("under %d%%", 5+r.IntN(20)))
	}
	w.line("ai_impact:")
	for _, l := range ro.ai {
		w.line("  %s:", l.key)
		items("    ", l)
	}
	w.end()
	for _, h := range p.headings {
		w.heading(h)
		switch h.text {
		case "Day to day":
			w.para(2)
		case "Daily", "Weekly", "Key deliverables":
			w.list(3+r.IntN(3), h.text == "Key deliverables")
		case "Tools":
			var rows [][]string
			for _, cb := range pickN(r, codeBlocks, 3) {
				rows = append(rows, []string{"`" + cb.lang + "`", sentence(r)})
			}
			w.table([]string{"Tool", "What for"}, rows)
		case "Risks and anti patterns":
			w.list(3, false)
			w.quote()
		default:
			w.para(3 + r.IntN(3))
		}
	}
	w.flush()
}

func (c *Corpus) skillPage(w *writer, p *page) {
	r, s := w.r, p.skill
	w.links = c.crossLinks(r, p)
	w.front("id", s.id, "title", s.title, "category", s.category, "description", sentence(r), "usage", sentence(r))
	w.int("weight", p.weight)
	w.line("levels:")
	for _, id := range s.levels {
		imp := pick(r, importances)
		if s.category == "must-have" {
			// A must-have skill matters as much or more going up a track
			// (the ladder lint asks for a note where it drops).
			if rp := c.byID[id]; rp != nil && rp.role != nil {
				imp = importances[min(rp.role.level, 5)/3+1]
			}
		}
		w.line("  %s:\n    importance: %s\n    expectation: %q", id, imp, sentence(r))
	}
	w.end()
	w.para(2)
	for _, h := range p.headings {
		w.heading(h)
		switch h.text {
		case "Common pitfalls":
			w.list(3+r.IntN(3), false)
		default:
			w.para(2 + r.IntN(3))
		}
	}
	w.flush()
}

// leaf writes an ordinary page; its style (the top section) decides which
// blocks it favours.
func (c *Corpus) leaf(w *writer, p *page) {
	r := w.r
	w.links = c.crossLinks(r, p)
	w.front("id", p.id, "title", p.title, "description", sentence(r))
	w.int("weight", p.weight)
	if len(p.aliases) > 0 {
		w.line("aliases: [%s]", strings.Join(p.aliases, ", "))
	}
	w.end()
	w.para(2 + r.IntN(3))
	footnote := false
	for i, h := range p.headings {
		w.heading(h)
		w.para(2 + r.IntN(4))
		switch (i + r.IntN(3)) % 6 {
		case 0:
			w.list(3+r.IntN(4), false)
		case 1:
			c.styledTable(w, p)
		case 2:
			if p.style == "practice" || r.IntN(2) == 0 {
				w.code()
			} else {
				w.quote()
			}
		case 3:
			w.list(3+r.IntN(3), true)
		case 4:
			w.tasks(3 + r.IntN(3))
		default:
			if !footnote {
				w.b.WriteString(strings.TrimSuffix(sentence(r), ".") + " as agreed.[^1]\n\n")
				footnote = true
			} else {
				w.para(2)
			}
		}
	}
	w.flush()
	if footnote {
		w.line("[^1]: %s", sentence(r))
	}
}

// styledTable writes the table an ordinary page of p's style carries: a
// skill matrix in the archive, decision rights in processes, a RACI for
// teams, a comparison elsewhere.
func (c *Corpus) styledTable(w *writer, p *page) {
	r := w.r
	switch p.style {
	case "archive":
		levels := []string{"L1", "L2", "L3", "L4", "L5"}
		var rows [][]string
		for _, s := range pickN(r, c.skills, 4+r.IntN(4)) {
			row := []string{s.title}
			for range levels {
				row = append(row, pick(r, importances))
			}
			rows = append(rows, row)
		}
		w.table(append([]string{"Skill"}, levels...), rows)
	case "process":
		var rows [][]string
		for range 3 + r.IntN(3) {
			rows = append(rows, []string{pick(r, titleNouns), pick(r, subjects), pick(r, subjects), pick(r, []string{"Director", "VP", "CTO", "Manager"})})
		}
		w.table([]string{"Decision", "Decides alone", "Needs review", "Needs approval"}, rows)
	case "team":
		var rows [][]string
		for range 3 + r.IntN(3) {
			rows = append(rows, []string{pick(r, titleNouns), "R", pick(r, []string{"A", "C", "I"}), pick(r, []string{"C", "I"})})
		}
		w.table([]string{"Activity", "Team", "Manager", "Stakeholders"}, rows)
	default:
		var rows [][]string
		for range 3 + r.IntN(2) {
			rows = append(rows, []string{sentence(r), sentence(r)})
		}
		w.table([]string{"Mid-level habit", "Senior habit"}, rows)
	}
}

// lock returns anchors.lock: every anchor the corpus plans, sorted.
func (c *Corpus) lock() []byte {
	var lines []string
	for _, p := range c.targets {
		u := p.url()
		for _, a := range p.anchors() {
			lines = append(lines, u+"#"+a)
		}
	}
	sort.Strings(lines)
	var b strings.Builder
	b.WriteString("# Published anchors: deep links that must keep working.\n")
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
