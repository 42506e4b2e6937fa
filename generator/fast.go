package generator

// The fast path of incremental rebuilds: an author saves the body of a
// page. That is most saves, and on a large handbook even the cheap stages
// of a build walk every page several times (site model, link checks,
// backlinks, anchors manifest, render keys). When only the Markdown
// bodies of existing pages changed, their front matter byte for byte the
// same, nothing in the site model can change: URLs, titles, order,
// navigation, the career model and the glossary are read from front
// matter (and the glossary page, which takes the full path), and a title
// from the body's first heading only when that heading did not change. So the fast
// path starts from the previous build, shares its site model, and runs
// the stages that can see a body change on the pages it touches:
//
//   - convert: the edited pages;
//   - check links: the links of the edited pages, and the links of other
//     pages into those whose anchors moved, with their anchors manifest
//     entries; the backlinks of the pages they link to, before and after;
//   - render: the pages touched, and the printable tracks showing them,
//     when their render key changed.
//
// Anything unusual (a problem to report, a link warning, a new or removed
// file, a front matter change) gives up and runs the full path, which
// gives the same result and the usual error messages. The previous build
// is never changed: readers of it (search, the server) may still hold it.
// TestRebuild* compare every rebuild with a fresh build, byte for byte.

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/convert"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
)

// maxFastFiles is the most changed files the fast path takes on; a burst
// of more (a git checkout) is a job for the full path.
const maxFastFiles = 16

// fast rebuilds after changes to the bodies of existing pages, and
// reports whether it could. When it could not, nothing it did matters.
func (bl *Builder) fast(ctx context.Context, changed []string) (*Rebuild, bool) {
	start := time.Now()
	c := bl.cache
	l := c.last
	if l == nil || len(changed) == 0 || len(changed) > maxFastFiles || len(l.linkErrs) > 0 {
		return nil, false
	}
	c.convs.Made() // count this build's alone
	c.outs.Rendered()
	b := l.next()
	edited, ok := b.readEdits(c.reader, changed)
	if !ok || b.convert(ctx, edited) != nil {
		return nil, false
	}
	for _, i := range edited {
		if blank(l.bodies[i]) != blank(b.bodies[i]) {
			return nil, false // a warning comes or goes (emptyPages)
		}
	}
	touched, moved, ok := b.relink(l, edited)
	if !ok {
		return nil, false
	}
	// Layouts: the touched pages, and the printable tracks showing them.
	var redo []*site.Page
	for _, p := range b.pages {
		if touched[p] || b.prints(p, touched) {
			redo = append(redo, p)
		}
	}
	b.files = l.files.Clone()
	b.keys = l.keys.With(c.keyInputs(b))
	if err := b.render(ctx, redo); err != nil {
		return nil, false
	}
	for _, i := range edited {
		c.reader.Keep(b.sources[i])
	}
	if len(moved) > 0 {
		b.published = maps.Clone(l.published)
		for p := range moved {
			b.published[p.URL] = b.set().IDs(b.pos[p])
		}
	}
	c.last = b
	return &Rebuild{Result: b.result(), Fast: true, Converted: c.convs.Made(), Rendered: c.outs.Rendered(), Duration: time.Since(start), b: b}, true
}

// readEdits reads the changed files as new versions of pages' files, and
// returns the indices of the pages whose bodies changed. It reports false
// when a change is more than a body edit.
func (b *build) readEdits(r *content.Reader, changed []string) ([]int, bool) {
	var edited []int
	for _, name := range changed {
		rel, ok := strings.CutPrefix(name, site.ContentDir+"/")
		if !ok {
			return nil, false
		}
		f, old, ok := r.Edit(rel)
		if !ok {
			return nil, false
		}
		i, ok := b.byPath(rel)
		if !ok || b.source(i) != old || b.pages[i].URL == convert.GlossaryURL {
			return nil, false
		}
		if f == nil {
			continue // saved unchanged
		}
		if career.HasRoleSummary(f.Body) != career.HasRoleSummary(old.Body) {
			return nil, false
		}
		if f.Front.Title == "" && leadingTitle(f) != leadingTitle(old) {
			return nil, false // the title comes from the body's first heading
		}
		b.sources[i] = f
		edited = append(edited, i)
	}
	return edited, true
}

// leadingTitle is the text of the level-1 heading f's body starts with,
// "" for none.
func leadingTitle(f *content.File) string {
	t, _ := markdown.LeadingTitle(f.Body)
	return t
}

// relink checks the links and anchors the edited pages' new bodies make
// or move, against prev, the build before, and gives the pages they link
// to, before or after, their backlinks again. It returns the pages whose
// body or backlinks changed and those whose anchors moved, and reports
// false on any problem.
func (b *build) relink(prev *build, edited []int) (touched, moved map[*site.Page]bool, ok bool) {
	touched, moved = map[*site.Page]bool{}, map[*site.Page]bool{}
	targets := map[string]bool{} // pages whose backlinks may change
	set := b.set()
	for _, i := range edited {
		p, before, after := b.pages[i], prev.bodies[i], b.bodies[i]
		if len(after.Errors) > 0 || len(set.Clashes(i)) > 0 {
			return nil, nil, false
		}
		touched[p] = true
		if !slices.Equal(prev.set().IDs(i), set.IDs(i)) {
			moved[p] = true
		}
		if !sameTargets(before.Links, after.Links) {
			for _, lk := range slices.Concat(before.Links, after.Links) {
				if b.site.Lookup(lk.URL) != nil {
					targets[lk.URL] = true
				}
			}
		}
	}
	if len(set.Links(touched, moved)) > 0 || len(moved) > 0 && set.Anchors(b.manifest, moved) != nil {
		return nil, nil, false
	}
	if len(targets) > 0 {
		b.backlinks = set.Backlinks(prev.backlinks, targets)
		for u := range targets {
			touched[b.site.Lookup(u)] = true
		}
	}
	return touched, moved, true
}

// next starts a build from b that shares its site model: the fast path's.
// What the fast path changes is copied; b itself is left as it is.
func (b *build) next() *build {
	n := *b
	n.sources = maps.Clone(b.sources)
	if n.sources == nil {
		n.sources = map[int]*content.File{}
	}
	n.bodies = slices.Clone(b.bodies)
	n.files, n.keys, n.index = nil, nil, nil
	return &n
}

// byPath returns the index of the page made from the content file rel.
func (b *build) byPath(rel string) (int, bool) {
	if b.paths == nil {
		b.paths = make(map[string]int, len(b.pages))
		for i, p := range b.pages {
			if p.Source != nil {
				b.paths[p.Source.Path] = i
			}
		}
	}
	i, ok := b.paths[rel]
	return i, ok
}

// prints reports whether p is a printable track showing a page of pages.
func (b *build) prints(p *site.Page, pages map[*site.Page]bool) bool {
	if c := b.careers[p]; c != nil && c.Print != nil {
		for _, r := range c.Print.Roles {
			if pages[r.Page] {
				return true
			}
		}
	}
	return false
}

// sameTargets reports whether two conversions of a page link to the same
// pages from the same sections, which is all that backlinks show.
func sameTargets(a, b []links.Link) bool {
	return slices.EqualFunc(a, b, func(x, y links.Link) bool {
		return x.URL == y.URL && x.Section == y.Section && x.SectionID == y.SectionID
	})
}
