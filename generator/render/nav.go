package render

import (
	"bytes"
	"encoding/json"

	"github.com/handbook-dev/handbook/generator/site"
)

// The sidebar shows a tree of any depth without writing the whole tree
// into every page, which would make the output (and the build) grow with
// the square of the site: a page's sidebar holds the top two levels of
// the site (the top-level sections and what each holds) and, along the
// page's own path, every section's pages down to the page. A section
// beside that path is a folded entry with its own page as its only child
// ("lazy"); the default theme's script fills it on demand from NavTree,
// one file for the whole site that a browser downloads once, the first
// time a reader unfolds such a section. Without the script a reader
// reaches that section's pages through its page, whose sidebar then
// unfolds it.

// NavItem is one entry of a page's sidebar (Data.Nav).
type NavItem struct {
	Page *site.Page
	// Current is the page being rendered.
	Current bool
	// Open is a section on the path to the page being rendered: shown
	// unfolded.
	Open bool
	// Lazy is a section whose entries the sidebar does not list (Items is
	// empty although Page has children): a script may fetch them from
	// NavTree.
	Lazy bool

	nav   *navOf
	depth int // 1 for a top-level entry
}

// navOf is the page a sidebar is made for. With noCurrent, no entry is
// the current one: the sidebar of the page's section, shared by the pages
// in it (Templates.navPath).
type navOf struct {
	page      *site.Page
	noCurrent bool
}

// onPath reports whether p is the page or a section above it.
func (n *navOf) onPath(p *site.Page) bool {
	for a := n.page; a != nil; a = a.Parent {
		if a == p {
			return true
		}
	}
	return false
}

// Count is how many entries the section holds.
func (n NavItem) Count() int { return len(n.Page.Children) }

// Items are the section's entries, in reading order: a top-level
// section's on every page, a deeper one's only on the path to the page.
// They are made when a layout asks, so an entry rendered once for many
// pages (cached) costs nothing on the others.
func (n NavItem) Items() []NavItem {
	if n.nav == nil || n.Lazy || len(n.Page.Children) == 0 {
		return nil
	}
	return n.nav.items(n.Page, n.depth+1)
}

func (n *navOf) items(sec *site.Page, depth int) []NavItem {
	out := make([]NavItem, len(sec.Children))
	for i, c := range sec.Children {
		on := len(c.Children) > 0 && n.onPath(c)
		out[i] = NavItem{Page: c, Current: c == n.page && !n.noCurrent, Open: on, nav: n, depth: depth,
			Lazy: len(c.Children) > 0 && depth > 1 && !on}
	}
	return out
}

// Nav returns the sidebar of the page: the top-level entries, each
// section with its Items, unfolded along the page's path to any depth.
// The default theme lists roles by track instead (SiteData.Tracks).
func (d *Data) Nav() []NavItem {
	if d == nil || d.Site == nil || d.Site.Home == nil {
		return nil
	}
	n := &navOf{page: d.Page}
	return n.items(d.Site.Home, 1)
}

// NavTreePath is where a build writes NavTree.
const NavTreePath = "assets/nav-tree.js"

// NavTree is the whole navigation as a script (assets/nav-tree.js) that
// sets window.handbookNav: for each section URL, its entries as [title,
// URL, count] (count: the entries of a section, 0 for a page), in reading
// order. URLs are site paths ("/guides/x/"); the theme's script makes them
// relative to the page.
func NavTree(s *site.Site) []byte {
	tree := map[string][][3]any{}
	for _, p := range s.Pages {
		if len(p.Children) == 0 {
			continue
		}
		es := make([][3]any, len(p.Children))
		for i, c := range p.Children {
			es[i] = [3]any{c.Title, c.URL, len(c.Children)}
		}
		tree[p.URL] = es
	}
	js, _ := json.Marshal(tree) // strings and numbers only: no error
	var b bytes.Buffer
	b.WriteString("window.handbookNav=")
	b.Write(js)
	b.WriteString(";\n")
	return b.Bytes()
}
