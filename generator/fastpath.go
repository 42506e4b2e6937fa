package generator

// The fast path of incremental rebuilds: an author saves the body of a
// page. That is most saves, and on a large handbook the full pipeline of
// Generate, even with every conversion and layout reused, walks every page
// several times (site model, link checks, backlinks, anchors manifest,
// render keys). When only the Markdown bodies of existing pages changed,
// their front matter byte for byte the same, nothing in the site model can
// change: URLs, titles, order, navigation, the career model and the
// glossary are read from front matter (and the glossary page, which takes
// the full path). What can change, and what the fast path redoes:
//
//   - the page's converted Markdown and headings;
//   - the links it makes: they are checked, and when their targets or
//     sections changed, the backlinks of the pages they pointed at before
//     and after;
//   - its anchors: the links of other pages into it and the anchors
//     manifest entries of the page are checked again;
//   - the layouts of the page, of the pages whose backlinks changed, and of
//     the printable tracks that include it, when their render key (the
//     same keyer as the full path) changed.
//
// Anything unusual (a problem to report, a link warning, a new or removed
// file, a front matter change) gives up and runs the full path, which gives
// the same result and the usual error messages. The ladder lint's warnings
// come from front matter alone, so they carry over unchanged. TestRebuild* compare every
// rebuild with a fresh build, byte for byte.

import (
	"context"
	"hash/maphash"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
)

// maxFastFiles is the most changed files the fast path takes on; a burst
// of more (a git checkout) is a job for the full path.
const maxFastFiles = 16

// lastBuild is what the fast path needs of the previous successful build.
type lastBuild struct {
	cfg      *config.Config
	s        *site.Site
	pages    []*site.Page // s.Pages and the 404 page
	docs     []*links.Doc // by index in pages; nil for pages without a source
	careers  map[*site.Page]*render.Career
	sd       *render.SiteData
	tmpl     *render.Templates
	conv     *markdown.Converter
	env      convEnv
	optOut   map[*site.Page]bool
	idx      *pageIndex
	manifest *anchors.Manifest
	res      *Result
	plan     *renderPlan

	byPath map[string]int // content path → index in pages, made on first use
}

// edited is one changed file the fast path takes on.
type edited struct {
	i    int // index in pages
	p    *site.Page
	f    *content.File
	sum  fileSum
	prev *links.Doc
}

// fastBuild rebuilds after changes to the bodies of existing pages, and
// reports whether it could. When it could not, nothing it did matters:
// the full path reads, converts and renders what it needs.
func (b *Builder) fastBuild(ctx context.Context, changed []string) (*Rebuild, bool) {
	start := time.Now()
	c := b.cache
	l := c.last
	if l == nil || !c.loaded || len(changed) == 0 || len(changed) > maxFastFiles || len(c.changedContent) > 0 || c.links || l.res.brokenLinks > 0 {
		return nil, false
	}
	if l.byPath == nil {
		l.byPath = make(map[string]int, len(l.pages))
		for i, p := range l.pages {
			if p.Source != nil {
				l.byPath[p.Source.Path] = i
			}
		}
	}
	var edits []edited
	for _, name := range changed {
		rel, ok := strings.CutPrefix(name, ContentDir+"/")
		if !ok || ignoredPath(rel) || !strings.HasSuffix(strings.ToLower(rel), ".md") {
			return nil, false
		}
		old := c.files[rel]
		i, ok := l.byPath[rel]
		if old == nil || !ok || l.pages[i].Source != old || l.pages[i].URL == GlossaryURL {
			return nil, false
		}
		info, err := fs.Lstat(b.fsys, name)
		if err != nil || !info.Mode().IsRegular() {
			return nil, false
		}
		data, err := fs.ReadFile(b.fsys, name)
		if err != nil {
			return nil, false
		}
		if c.sums[old].all == maphash.Bytes(c.seed, data) {
			continue // saved unchanged
		}
		f, err := parseContent(rel, data)
		if err != nil {
			return nil, false
		}
		// The front matter byte for byte: the same meaning is not enough,
		// as the site model keeps the positions of its values (the ladder
		// lint's warnings name them).
		sum := c.fileSum(f, data)
		if sum.front != c.sums[old].front || career.HasRoleSummary(f.Body) != career.HasRoleSummary(old.Body) {
			return nil, false
		}
		edits = append(edits, edited{i: i, p: l.pages[i], f: f, sum: sum, prev: l.docs[i]})
	}

	// From here on the pages are changed in place: on any failure the
	// previous build's model is dropped and the full path makes a new one.
	c.converted, c.rendered = 0, nil
	fail := func() (*Rebuild, bool) {
		c.last = nil
		return nil, false
	}
	touched := map[*site.Page]bool{} // pages whose anchors or backlinks changed
	anchorsMoved := map[*site.Page]bool{}
	var linkTargets []string
	for _, e := range edits {
		old := e.p.Source
		c.keep(e.f, e.sum)
		c.metaSums[e.f] = c.metaSums[old]
		delete(c.versions, old)
		delete(c.sums, old)
		delete(c.metaSums, old)

		before := anchorsOf(e.p)
		e.p.Source = e.f
		d := newDoc(l.cfg, e.p)
		d.Pages = &recorder{idx: l.idx}
		if err := convert(l.conv, e.p, d, l.optOut[e.p]); err != nil || len(d.Errors) > 0 || len(clashes(e.p)) > 0 {
			return fail()
		}
		c.storeConversion(e.p, d, l.env, l.optOut[e.p])
		l.docs[e.i] = d
		touched[e.p] = true
		if !sameSet(before, anchorsOf(e.p)) {
			anchorsMoved[e.p] = true
		}
		if !sameTargets(e.prev.Links, d.Links) {
			for _, ls := range [][]links.Link{e.prev.Links, d.Links} {
				for _, lk := range ls {
					linkTargets = append(linkTargets, lk.URL)
				}
			}
		}
	}

	// Links: those of the edited pages, and those into pages whose anchors
	// moved.
	var check []links.Link
	for i, d := range l.docs {
		if d == nil {
			continue
		}
		if touched[l.pages[i]] {
			check = append(check, d.Links...)
			continue
		}
		if len(anchorsMoved) > 0 {
			for _, lk := range d.Links {
				if to := l.s.Lookup(lk.URL); to != nil && anchorsMoved[to] {
					check = append(check, lk)
				}
			}
		}
	}
	if len(links.Check(check, func(u string) links.Anchors { return anchorsOf(l.s.Lookup(u)) })) > 0 {
		return fail()
	}
	if len(anchorsMoved) > 0 && checkAnchorsOf(l.s, l.manifest, anchorsMoved) != nil {
		return fail()
	}

	// Backlinks of the pages the edited pages link to, or linked to.
	if len(linkTargets) > 0 {
		targets := map[string]bool{}
		for _, u := range linkTargets {
			if to := l.s.Lookup(u); to != nil {
				targets[u] = true
				to.Backlinks = nil
				touched[to] = true
			}
		}
		var ls []links.Link
		for _, d := range l.docs {
			if d == nil {
				continue
			}
			for _, lk := range d.Links {
				if targets[lk.URL] {
					ls = append(ls, lk)
				}
			}
		}
		attachBacklinks(l.s, ls)
	}

	// Layouts: the touched pages, and the printable tracks showing them.
	var redo []*site.Page
	for _, p := range l.pages {
		if touched[p] {
			redo = append(redo, p)
		} else if cr := l.careers[p]; cr != nil && cr.Print != nil {
			for _, r := range cr.Print.Roles {
				if touched[r.Page] {
					redo = append(redo, p)
					break
				}
			}
		}
	}
	files := maps.Clone(l.res.Files)
	err := parallel(ctx, redo, func(p *site.Page) error {
		out := p.OutPath()
		html, ok := l.plan.cached(p, out)
		if !ok {
			var err error
			if html, err = l.tmpl.Page(l.sd, p, l.careers[p]); err != nil {
				return err
			}
			l.plan.store(p, out, html)
		}
		c.mu.Lock()
		files[out] = html
		c.mu.Unlock()
		return nil
	})
	if err != nil {
		return fail()
	}
	res := *l.res
	res.Files = files
	if len(anchorsMoved) > 0 {
		res.Anchors = maps.Clone(l.res.Anchors)
		for p := range anchorsMoved {
			res.Anchors[p.URL] = publishedIDs(p)
		}
	}
	l.res = &res
	r := &Rebuild{Result: &res, Fast: true, Converted: c.converted, pages: l.pages, careers: l.careers}
	r.Rendered = append([]string{}, c.rendered...)
	sort.Strings(r.Rendered)
	r.Duration = time.Since(start)
	return r, true
}

// sameSet reports whether two anchor sets are equal.
func sameSet(a, b links.Anchors) bool {
	if len(a) != len(b) {
		return false
	}
	for id := range a {
		if !b[id] {
			return false
		}
	}
	return true
}

// sameTargets reports whether two conversions of a page link to the same
// pages from the same sections, which is all that backlinks show.
func sameTargets(a, b []links.Link) bool {
	return slices.EqualFunc(a, b, func(x, y links.Link) bool {
		return x.URL == y.URL && x.Section == y.Section && x.SectionID == y.SectionID
	})
}
