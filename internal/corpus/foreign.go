package corpus

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"path"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/handbook-dev/handbook/internal/parallel"
)

// Foreign is a planned handbook written the way teams write one for
// GitHub, before they adopt handbook: no front matter on most pages, each
// page titled by its first "# Heading" (a few by a title: key with the same
// or another heading, a few by their file name alone), folders whose page is
// a README.md, Readme.md, index.md or _index.md, and the same file names in
// every team's folder (onboarding.md, faq.md, processes.md, on-call.md,
// tools.md). Pages link relatively to files of their own and other teams
// (../../people/data/faq.md#access), to folders' README.md and index.md,
// and by short reference: by full id ([[engineering/cloud/onboarding]]),
// by a file name only one page has ([[cloud-notes-3]]) and by a file name
// that a page at the top owns ([[faq#questions]]: the top-level faq.md wins
// over every team's). It has no anchors.lock. It passes `handbook check`.
type Foreign struct {
	opts  Options
	pages []*fpage
	teams []*fteam
}

// fpage is one planned Markdown file of a Foreign handbook.
type fpage struct {
	index int
	path  string // relative to content/
	title string // the text of its first heading; "" for none
	// front is its title: key; "" for none. heading is the text of its
	// first heading when it differs from title ("" for none).
	front, heading string
	team           *fteam // nil for the top folders' pages and the root
	top            int    // index of its top folder; -1 at the root
	section        bool   // a folder's page
	name           string // the file name without .md
}

// fteam is one team folder: its page and the pages it holds.
type fteam struct {
	dir     string // "engineering/cloud"
	page    *fpage
	pages   []*fpage // the shared names first
	title   string
	parent  *fpage // its top folder's page
	notes   []*fpage
	onboard *fpage // its onboarding.md, nil when not planned
}

var (
	foreignTops   = []string{"engineering", "people", "product", "operations", "sales", "finance", "legal", "marketing"}
	foreignTeams  = []string{"cloud", "data", "security", "platform", "mobile", "web", "payments", "search", "billing", "support", "identity", "growth", "analytics", "infrastructure", "reliability", "design", "research", "partners", "compliance", "recruiting"}
	sharedNames   = []string{"onboarding", "faq", "processes", "on-call", "tools"}
	sharedTitles  = []string{"%s onboarding", "%s FAQ", "How the %s team works", "On call for %s", "Tools of the %s team"}
	sectionFiles  = []string{"README.md", "index.md", "Readme.md", "_index.md"}
	foreignConfig = "title: Acme Handbook\nbase_url: https://handbook.example.com/\nlanguage: en\n"
)

// NewForeign plans a Foreign handbook of opts.Pages Markdown files (at
// least MinPages).
func NewForeign(opts Options) *Foreign {
	if opts.Pages < MinPages {
		panic(fmt.Sprintf("corpus: %d pages is below the minimum of %d", opts.Pages, MinPages))
	}
	c := &Foreign{opts: opts}
	c.add(&fpage{path: "README.md", title: "Acme Handbook", top: -1, section: true})
	c.add(&fpage{path: "faq.md", title: "Frequently asked questions", top: -1, name: "faq"})
	tops := make([]*fpage, 0, len(foreignTops))
	for i, t := range foreignTops {
		if c.full() {
			break
		}
		tops = append(tops, c.add(&fpage{path: t + "/" + sectionFiles[i%len(sectionFiles)], title: titleCase(t), top: i, section: true}))
	}
	for k := 0; !c.full(); k++ {
		top := k % len(tops)
		name := foreignTeams[(k/len(tops))%len(foreignTeams)]
		if gen := k / (len(tops) * len(foreignTeams)); gen > 0 {
			name += "-" + strconv.Itoa(gen+1)
		}
		c.planTeam(tops[top], top, path.Join(foreignTops[top], name), name, k)
	}
	return c
}

// planTeam plans a team's folder: its page, the shared names, a few notes
// of its own, and every third team a playbooks folder with its own
// onboarding and FAQ.
func (c *Foreign) planTeam(parent *fpage, top int, dir, name string, k int) {
	t := &fteam{dir: dir, title: titleCase(strings.ReplaceAll(name, "-", " ")), parent: parent}
	c.teams = append(c.teams, t)
	t.page = c.add(&fpage{path: dir + "/" + sectionFiles[k%len(sectionFiles)], title: t.title + " team", team: t, top: top, section: true})
	for i, n := range sharedNames {
		if c.full() {
			return
		}
		p := &fpage{path: dir + "/" + n + ".md", title: fmt.Sprintf(sharedTitles[i], t.title), team: t, top: top, name: n}
		switch (k + i) % 7 {
		case 3: // a title: key and the same heading
			p.front = p.title
		case 5: // a title: key and another heading, demoted
			p.front, p.heading = p.title, "In short"
		case 6: // no heading: the file name is the title
			p.title = ""
		}
		t.pages = append(t.pages, c.add(p))
		if n == "onboarding" {
			t.onboard = p
		}
	}
	for i := range 3 {
		if c.full() {
			return
		}
		n := name + "-notes-" + strconv.Itoa(k) + "-" + strconv.Itoa(i)
		p := c.add(&fpage{path: dir + "/" + n + ".md", title: "Notes " + strconv.Itoa(i+1) + " of the " + t.title + " team", team: t, top: top, name: n})
		t.pages = append(t.pages, p)
		t.notes = append(t.notes, p)
	}
	if k%3 == 2 && !c.full() {
		sub := &fteam{dir: dir + "/playbooks", title: t.title + " playbooks", parent: t.page}
		c.teams = append(c.teams, sub)
		sub.page = c.add(&fpage{path: sub.dir + "/README.md", title: sub.title, team: sub, top: top, section: true})
		for i, n := range sharedNames[:2] {
			if c.full() {
				return
			}
			p := c.add(&fpage{path: sub.dir + "/" + n + ".md", title: fmt.Sprintf(sharedTitles[i], sub.title), team: sub, top: top, name: n})
			sub.pages = append(sub.pages, p)
			if n == "onboarding" {
				sub.onboard = p
			}
		}
	}
}

func (c *Foreign) full() bool { return len(c.pages) >= c.opts.Pages }

func (c *Foreign) add(p *fpage) *fpage {
	p.index = len(c.pages)
	c.pages = append(c.pages, p)
	return p
}

// Pages returns the number of Markdown files.
func (c *Foreign) Pages() int { return len(c.pages) }

// Files yields every file of the site, slash paths relative to the site
// root: handbook.yaml and content/**.md.
func (c *Foreign) Files() iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		if !yield("handbook.yaml", []byte(foreignConfig)) {
			return
		}
		for _, p := range c.pages {
			if !yield("content/"+p.path, c.text(p)) {
				return
			}
		}
	}
}

// FS returns the whole site in memory.
func (c *Foreign) FS() fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range c.Files() {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// Write writes the site into dir, which should be empty or missing.
func (c *Foreign) Write(ctx context.Context, dir string) error {
	if err := writeFile(dir, "handbook.yaml", []byte(foreignConfig)); err != nil {
		return err
	}
	return parallel.Each(ctx, c.pages, func(_ context.Context, p *fpage) error {
		return writeFile(dir, "content/"+p.path, c.text(p))
	})
}

// text returns the Markdown file of p.
func (c *Foreign) text(p *fpage) []byte {
	r := rand.New(rand.NewPCG(c.opts.Seed, uint64(p.index)))
	var b strings.Builder
	if p.front != "" {
		fmt.Fprintf(&b, "---\ntitle: %q\n---\n", p.front)
	}
	switch {
	case p.heading != "":
		fmt.Fprintf(&b, "# %s\n\n", p.heading)
	case p.title != "" && p.index%11 == 4 && p.front == "":
		fmt.Fprintf(&b, "%s\n%s\n\n", p.title, strings.Repeat("=", len(p.title))) // setext
	case p.title != "":
		fmt.Fprintf(&b, "# %s\n\n", p.title)
	}
	links := c.links(r, p)
	para := func(n int) {
		b.WriteString(paragraph(r, n))
		if len(links) > 0 {
			b.WriteString("\nSee " + links[0] + ".")
			links = links[1:]
		}
		b.WriteString("\n\n")
	}
	para(2)
	if p.section {
		for _, ch := range c.children(p) {
			fmt.Fprintf(&b, "- [%s](%s)\n", linkText(ch), relFile(p.path, ch.path))
		}
		b.WriteString("\n")
		para(1)
		return []byte(b.String())
	}
	for _, h := range []string{"First week", "Access", "Questions"} {
		fmt.Fprintf(&b, "## %s\n\n", h)
		para(1 + r.IntN(3))
	}
	for len(links) > 0 {
		para(1)
	}
	return []byte(b.String())
}

// linkText is what a link to p says.
func linkText(p *fpage) string {
	if p.title != "" {
		return p.title
	}
	return p.name
}

// children lists the pages a folder's page links to: the teams of a top
// folder, the pages of a team.
func (c *Foreign) children(p *fpage) []*fpage {
	var out []*fpage
	for _, t := range c.teams {
		switch {
		case t.page == p:
			out = append(out, t.pages...)
		case t.parent == p:
			out = append(out, t.page)
		}
	}
	if p.top < 0 { // the root: the top folders
		for _, q := range c.pages {
			if q.section && q.team == nil && q.top >= 0 {
				out = append(out, q)
			}
		}
	}
	return out
}

// links returns 3 to 5 links from p: relative links to other teams'
// shared pages and to folders' pages, and short references.
func (c *Foreign) links(r *rand.Rand, p *fpage) []string {
	var out []string
	if p.team != nil && p.team.parent != nil {
		out = append(out, fmt.Sprintf("[the %s page](%s)", linkText(p.team.parent), relFile(p.path, p.team.parent.path)))
	}
	for range 2 + r.IntN(2) {
		t := c.teams[r.IntN(len(c.teams))]
		if len(t.pages) == 0 {
			continue
		}
		q := t.pages[r.IntN(len(t.pages))]
		if q == p {
			continue
		}
		dest := relFile(p.path, q.path)
		if q.title != "" || q.heading != "" {
			dest += "#" + pick(r, []string{"first-week", "access", "questions"})
		}
		out = append(out, fmt.Sprintf("[%s](%s)", linkText(q), dest))
		if t.onboard != nil && t.onboard != p && r.IntN(2) == 0 {
			out = append(out, "[["+strings.TrimSuffix(t.onboard.path, ".md")+"#access]]") // full id
		}
		if len(t.notes) > 0 && r.IntN(2) == 0 {
			out = append(out, "[["+t.notes[0].name+"|the "+t.title+" notes]]") // a name only it has
		}
	}
	if r.IntN(3) == 0 {
		out = append(out, "[[faq#questions]]") // the top-level faq.md
	}
	return out
}

// relFile is the relative link from the file from to the file to, both
// relative to content/.
func relFile(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
}
