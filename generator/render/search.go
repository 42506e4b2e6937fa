package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/site"
)

// SearchPage is p, rendered as html with its career data c, as the search
// index takes it (see generator/search): its sections, kind, track and
// level, and how much it weighs. It reports false for the pages search
// leaves out because they repeat others or log their edits: the 404 page,
// the track printouts, the changelog, edition comparisons and unlisted
// pages (the comparisons of roles no page links to but the picker on role
// pages). So the index is the same with or without git history.
func SearchPage(p *site.Page, html []byte, c *Career) (search.Page, bool) {
	if p.Unlisted {
		return search.Page{}, false
	}
	switch p.Layout {
	case "print-track", "404", "changes", "editions", "edition-diff":
		return search.Page{}, false
	}
	d := search.Page{URL: p.URL, Title: p.Title, HTML: html, Kind: searchKind(p)}
	if p.Source != nil && (p.Layout == "" || p.Layout == p.Source.Front.Layout && p.Layout != DataLayout) {
		// The front-matter data of a page laid out by a model (a role, the
		// glossary) is what its layout shows, and the data layout's shows
		// them too: in the HTML already.
		d.Data = ParamsText(p.Params(), search.MaxDataRunes)
	}
	var role *career.Role
	if c != nil && c.Role != nil {
		role = c.Role
		d.Track, d.Level = role.TrackTitle, strconv.Itoa(role.Level)
	}
	d.Topics = searchTopics(d.Kind, role)
	switch {
	case p.Layout == "compare":
		// A comparison repeats two role pages: its title and headings
		// find it, and its role pages come first on a tie.
		d.Boost, d.HeadingsOnly = 80, true
	case p.Kind != site.KindPage:
		// Section pages list the pages under them.
		d.Boost = 50
	}
	return d, true
}

// searchTopics names the kind of question the sections of a page answer
// (search.Page.Topics), from the content model, not from any handbook's
// wording: a role's decision rights and each area of its authority (a
// section of its own: the role layout marks them data-search-heading)
// answer "who decides"; the roles it comes from, its adjacent moves and
// every comparison of two roles "how do I become"; the roles it leads to
// "what comes next"; a guide "how do I".
func searchTopics(kind string, role *career.Role) map[string]string {
	switch kind {
	case search.KindRole:
		topics := map[string]string{career.AnchorDecisionRights: search.TopicDecide,
			career.AnchorPathsFrom: search.TopicPath, career.AnchorPathsAdjacent: search.TopicPath, career.AnchorPathsTo: search.TopicNext}
		if role != nil {
			for _, a := range role.Authority {
				topics[career.ItemAnchor(career.AnchorAuthority, a.Area)] = search.TopicDecide
			}
		}
		return topics
	case search.KindComparison:
		return map[string]string{"": search.TopicPath}
	case search.KindGuide:
		return map[string]string{"": search.TopicHowTo}
	}
	return nil
}

// searchKind is what a page is, for the search filters: role, skill,
// guide, comparison, glossary or page.
func searchKind(p *site.Page) string {
	switch {
	case p.Layout == "role":
		return search.KindRole
	case p.Layout == "skill" || p.Layout == "matrix":
		return search.KindSkill
	case p.Layout == "compare":
		return search.KindComparison
	case p.Layout == "glossary":
		return search.KindGlossary
	case p.Section == "guides" && p.Kind == site.KindPage:
		return search.KindGuide
	}
	return search.KindPage
}

// ParamsText is the text of a page's front-matter data (site.Page.Params)
// for search: its strings, and those of its lists and mappings at any
// depth, in key order, one per line; numbers, dates and true or false are
// not text and are left out, as are the keys, which name the data rather
// than say anything. It stops once it holds max runes.
func ParamsText(params map[string]any, max int) string {
	var b strings.Builder
	n := 0
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if n >= max || depth > 20 {
			return
		}
		switch v := v.(type) {
		case string:
			v = strings.TrimSpace(v)
			if v == "" {
				return
			}
			b.WriteString(v)
			b.WriteByte('\n')
			n += utf8.RuneCountInString(v) + 1
		case []any:
			for _, e := range v {
				walk(e, depth+1)
			}
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(v[k], depth+1)
			}
		case map[any]any: // keys that are not all text
			keys := make([]any, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.SortFunc(keys, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
			for _, k := range keys {
				walk(v[k], depth+1)
			}
		}
	}
	walk(params, 0)
	return b.String()
}
