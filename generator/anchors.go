package generator

import (
	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/site"
)

// anchorsOf lists the element ids a page publishes, old ids kept by
// anchor_aliases included (a link to one still lands on the item).
func (b *build) anchorsOf(p *site.Page) links.Anchors {
	as := links.Anchors{}
	if p == nil {
		return as
	}
	for _, id := range b.publishedIDs(b.pos[p]) {
		as[id] = true
	}
	for old := range p.AnchorAliases() {
		as[old] = true
	}
	return as
}

// publishedIDs lists the element ids of the page at index i: its
// headings', then its generated anchors.
func (b *build) publishedIDs(i int) []string {
	var ids []string
	if c := b.bodies[i]; c != nil {
		for _, h := range c.Headings {
			ids = append(ids, h.ID)
		}
	}
	return append(ids, b.pages[i].Anchors...)
}

// checkAnchors verifies that the anchor aliases of the pages in only (all
// when nil) point at real anchors, and that every entry of the anchors
// manifest that resolves through them still does.
func (b *build) checkAnchors(only map[*site.Page]bool) error {
	var errs diag.List
	as := b.anchorSite()
	for _, p := range b.site.Pages {
		if len(p.AnchorAliases()) == 0 || only != nil && !only[p] {
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
	if only != nil {
		keep = func(url string) bool {
			p := b.site.Lookup(url)
			if p == nil {
				p = b.site.Aliases[url] // a moved page's entries resolve through it
			}
			return only[p]
		}
	}
	errs = append(errs, b.manifest.CheckOnly(as, keep)...)
	return errs.Err()
}

// anchorSite answers the anchors manifest's questions about the build.
func (b *build) anchorSite() *anchors.Pages {
	return anchors.NewPages(func(url string) ([]string, map[string]string, string, bool) {
		p := b.site.Lookup(url)
		if p == nil {
			return nil, nil, "", false
		}
		return b.publishedIDs(b.pos[p]), p.AnchorAliases(), p.File(), true
	}, func(url string) (string, bool) {
		if p := b.site.Aliases[url]; p != nil {
			return p.URL, true
		}
		return "", false
	})
}
