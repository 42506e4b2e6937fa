package links

import (
	"sort"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// Anchors lists the anchors (element ids) a page publishes.
type Anchors map[string]bool

// Check reports every link whose anchor does not exist on its target page.
// anchorsOf returns the anchors of the page at a URL.
func Check(links []Link, anchorsOf func(url string) Anchors) diag.List {
	var errs diag.List
	for _, l := range links {
		if l.Anchor == "" {
			continue
		}
		as := anchorsOf(l.URL)
		if as[l.Anchor] {
			continue
		}
		ids := make([]string, 0, len(as))
		for id := range as {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		e := diag.Errorf(l.File, l.Line, l.Col, "link %q: page %s has no anchor #%s", l.Dest, l.URL, l.Anchor)
		if s := suggest.Nearest(l.Anchor, ids); s != "" {
			e.Hint = "did you mean #" + s + "?"
		}
		errs.Add(e)
	}
	return errs
}

// Backlink is a page linking to another, with the section holding the link.
type Backlink struct {
	From      string // URL of the linking page
	Section   string // heading text the link sits under, "" at the top
	SectionID string
}

// Backlinks groups links by target page URL. Links from a page to itself
// are left out, and each (page, section) pair is listed once, in order of
// the linking page's URL.
func Backlinks(ls []Link) map[string][]Backlink {
	seen := make(map[[3]string]bool, len(ls))
	out := map[string][]Backlink{}
	for _, l := range ls {
		if l.From == l.URL {
			continue
		}
		k := [3]string{l.URL, l.From, l.SectionID}
		if seen[k] {
			continue
		}
		seen[k] = true
		out[l.URL] = append(out[l.URL], Backlink{From: l.From, Section: l.Section, SectionID: l.SectionID})
	}
	for _, bs := range out {
		sort.SliceStable(bs, func(i, j int) bool {
			if bs[i].From != bs[j].From {
				return bs[i].From < bs[j].From
			}
			return bs[i].SectionID < bs[j].SectionID
		})
	}
	return out
}
