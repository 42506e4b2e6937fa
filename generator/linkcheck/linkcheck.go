// Package linkcheck is the stage after conversion: it checks the links of
// the converted pages against the anchors the pages publish, checks the
// anchors manifest (anchors.lock) and the pages' anchor aliases, and lists
// each page's backlinks.
//
// It works on a Set, the pages of one site model with their conversions.
// Every check takes the pages to work on, so that a rebuild checks the
// pages a change touched with the same code as a full build.
package linkcheck

import (
	"slices"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/convert"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/site"
)

// Set is the pages of one build with their conversions.
type Set struct {
	Site   *site.Site
	Pages  []*site.Page       // the site's pages and generated ones
	Pos    map[*site.Page]int // index in Pages
	Bodies []*convert.Page    // by index in Pages; nil for a page without source
	// Unsure holds the pages whose anchors are not known, after a problem
	// the build went past (a page's front matter, the career model): links
	// into them and anchors.lock entries on them are not checked for
	// anchors, so that the problem is reported once, where it is.
	Unsure map[*site.Page]bool
}

// Clashes reports the headings of the page at index i whose ids collide
// with the anchors of its generated sections: a deep link would be
// ambiguous.
func (s Set) Clashes(i int) diag.List {
	p, c := s.Pages[i], s.Bodies[i]
	if c == nil || p.Source == nil || len(p.Anchors) == 0 {
		return nil
	}
	taken := map[string]bool{}
	for _, a := range p.Anchors {
		taken[a] = true
	}
	var errs diag.List
	for _, h := range c.Headings {
		if taken[h.ID] {
			errs.Add(diag.Errorf(p.File(), p.Source.BodyLine, 1,
				"heading %q has the id #%s, which the page's generated sections use", h.Text, h.ID).
				WithHint("rename the heading or give it another id with {#other-id}"))
		}
	}
	return errs
}

// Links checks the links of the pages from holds (all when nil) and, of
// the other pages, those into the pages into holds: the problems found
// while converting them, and links to missing pages or anchors.
func (s Set) Links(from, into map[*site.Page]bool) diag.List {
	var errs diag.List
	var ls []links.Link
	if from == nil {
		ls = make([]links.Link, 0, s.count()) // a page has tens of links: no regrowth
	}
	for i, c := range s.Bodies {
		switch {
		case c == nil:
		case from == nil || from[s.Pages[i]]:
			errs = append(errs, c.Errors...)
			ls = append(ls, c.Links...)
		case len(into) > 0:
			for _, l := range c.Links {
				if into[s.Site.Lookup(l.URL)] {
					ls = append(ls, l)
				}
			}
		}
	}
	if len(s.Unsure) > 0 {
		ls = slices.DeleteFunc(ls, func(l links.Link) bool { return s.Unsure[s.Site.Lookup(l.URL)] })
	}
	targets := map[string]links.Anchors{} // pages are linked many times: one set each
	return append(errs, links.Check(ls, func(u string) links.Anchors {
		as, ok := targets[u]
		if !ok {
			as = s.anchorsOf(s.Site.Lookup(u))
			targets[u] = as
		}
		return as
	})...)
}

// Backlinks lists the pages linking to each page: to every page when
// targets is nil, else to the pages at the URLs targets holds, the others
// keeping theirs from prev. prev is not changed.
func (s Set) Backlinks(prev map[*site.Page][]site.Backlink, targets map[string]bool) map[*site.Page][]site.Backlink {
	out := make(map[*site.Page][]site.Backlink, len(prev))
	for p, bl := range prev {
		if !targets[p.URL] {
			out[p] = bl
		}
	}
	var ls []links.Link
	if targets == nil {
		ls = make([]links.Link, 0, s.count())
	}
	for _, c := range s.Bodies {
		if c == nil {
			continue
		}
		for _, l := range c.Links {
			if targets == nil || targets[l.URL] {
				ls = append(ls, l)
			}
		}
	}
	for target, bls := range links.Backlinks(ls) {
		to := s.Site.Lookup(target)
		if to == nil {
			continue
		}
		for _, bl := range bls {
			if from := s.Site.Lookup(bl.From); from != nil {
				out[to] = append(out[to], site.Backlink{Page: from, Section: bl.Section, SectionID: bl.SectionID})
			}
		}
	}
	return out
}

// count is the number of links the pages make.
func (s Set) count() int {
	n := 0
	for _, c := range s.Bodies {
		if c != nil {
			n += len(c.Links)
		}
	}
	return n
}

// IDs lists the element ids of the page at index i: its headings' (and
// their aliases, the other markdown.HeadingIDs form), those of its raw
// HTML, then its generated anchors.
func (s Set) IDs(i int) []string {
	var ids []string
	if c := s.Bodies[i]; c != nil {
		for _, h := range c.Headings {
			ids = append(ids, h.ID)
			ids = append(ids, h.Aliases...)
		}
		ids = append(ids, c.HTMLIDs...)
	}
	return append(ids, s.Pages[i].Anchors...)
}

// Published lists the element ids of every page with a source, by URL,
// for the anchors manifest.
func (s Set) Published() map[string][]string {
	out := map[string][]string{}
	for i, p := range s.Pages {
		if p.Source != nil {
			out[p.URL] = s.IDs(i)
		}
	}
	return out
}

// anchorsOf lists the element ids a page publishes, old ids kept by
// anchor_aliases included (a link to one still lands on the item).
func (s Set) anchorsOf(p *site.Page) links.Anchors {
	as := links.Anchors{}
	i, ok := s.Pos[p]
	if !ok {
		return as
	}
	for _, id := range s.IDs(i) {
		as[id] = true
	}
	for old := range p.AnchorAliases() {
		as[old] = true
	}
	return as
}

// Anchors verifies that the anchor aliases of the pages only holds (all
// when nil) point at real anchors, and that every entry of the anchors
// manifest m that resolves through them still does.
func (s Set) Anchors(m *anchors.Manifest, only map[*site.Page]bool) error {
	var errs diag.List
	as := s.manifestSite()
	for _, p := range s.Site.Pages {
		if len(p.AnchorAliases()) == 0 || only != nil && !only[p] || s.Unsure[p] {
			continue
		}
		ids, _ := as.Anchors(p.URL)
		for old, to := range p.AnchorAliases() {
			if !ids[to] {
				errs.Add(diag.Errorf(p.File(), p.Source.MetaLine, 1, "anchor alias %s → %s: the page has no anchor #%s", old, to, to).
					WithHint("map the old anchor to an existing heading or item id"))
			}
		}
	}
	var keep func(string) bool
	if only != nil || len(s.Unsure) > 0 {
		keep = func(url string) bool {
			p := s.Site.Lookup(url)
			if p == nil {
				p = s.Site.Aliases[url] // a moved page's entries resolve through it
			}
			return (only == nil || only[p]) && !s.Unsure[p]
		}
	}
	errs = append(errs, m.CheckOnly(as, keep)...)
	return errs.Err()
}

// manifestSite answers the anchors manifest's questions about the set.
func (s Set) manifestSite() *anchors.Pages {
	return anchors.NewPages(func(url string) ([]string, map[string]string, string, bool) {
		p := s.Site.Lookup(url)
		if p == nil {
			return nil, nil, "", false
		}
		return s.IDs(s.Pos[p]), p.AnchorAliases(), p.File(), true
	}, func(url string) (string, bool) {
		if p := s.Site.Aliases[url]; p != nil {
			return p.URL, true
		}
		return "", false
	})
}
