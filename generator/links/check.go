package links

import (
	"sort"

	"github.com/handbook-dev/handbook/generator/diag"
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
		if s := Nearest(l.Anchor, ids); s != "" {
			e.Hint = "did you mean #" + s + "?"
		}
		errs.Add(e)
	}
	return errs
}
