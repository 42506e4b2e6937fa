package generator

import (
	"context"
	"os"
	"strconv"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
)

// SearchDir is the output folder of the search index.
const SearchDir = "search"

// searchIndex collects the rendered pages for the search index (see
// generator/search) as they are rendered, keeping their sections, not
// their HTML. Pages that repeat others or log their edits are left out:
// the 404 page, the track printouts, the changelog, edition comparisons and
// unlisted pages (the comparisons of roles no page links to but the
// picker on role pages).
// So the index is the same with or without git history.
type searchIndex struct {
	b       search.Builder
	careers map[*site.Page]*render.Career
}

func newSearchIndex(careers map[*site.Page]*render.Career) *searchIndex {
	return &searchIndex{careers: careers}
}

// add indexes a rendered page; it is safe for concurrent use.
func (x *searchIndex) add(p *site.Page, html []byte) {
	if p.Unlisted {
		return
	}
	switch p.Layout {
	case "print-track", "404", "changes", "editions", "edition-diff":
		return
	}
	d := search.Page{URL: p.URL, Title: p.Title, HTML: html, Kind: searchKind(p)}
	var role *career.Role
	if c := x.careers[p]; c != nil && c.Role != nil {
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
	x.b.Add(d)
}

// write puts the index files under search/.
func (x *searchIndex) write(put func(string, []byte)) error {
	files, err := x.b.Files()
	if err != nil {
		return err
	}
	for name, data := range files {
		put(SearchDir+"/"+name, data)
	}
	return nil
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

// OpenSearch builds the site in memory from opts.Source, as check does,
// and opens its search index: a search needs no earlier build. It also
// returns the site's base URL, for absolute result links.
func OpenSearch(ctx context.Context, opts Options) (*search.Searcher, string, error) {
	opts = openRepo(ctx, opts) // as Build does, so the index is the published one
	fsys := source.New(opts.Source)
	res, err := Generate(ctx, fsys, opts)
	if err != nil {
		return nil, "", err
	}
	s, err := search.Open(func(name string) ([]byte, error) {
		data, ok := res.Files[SearchDir+"/"+name]
		if !ok {
			return nil, os.ErrNotExist
		}
		return data, nil
	})
	if err != nil {
		return nil, "", err
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, "", err
	}
	base := cfg.BaseURL
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, "", err
		}
		base = cfg.BaseURL
	}
	return s, base, nil
}
