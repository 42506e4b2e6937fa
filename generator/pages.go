package generator

import (
	"path"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// pageIndex answers the link resolver's questions about the site model. It
// is built once per build; lookups are map reads.
type pageIndex struct {
	byFile map[string]*site.Page
	byID   map[string]*site.Page
	paths  map[string]bool
	// sorted candidate lists for suggestions
	files, ids, urls []string
}

// PageID is the id a page is referenced by: its front-matter id, or its
// file name without extension.
func PageID(p *site.Page) string {
	if p.Source == nil {
		return ""
	}
	if p.Source.Front.ID != "" {
		return p.Source.Front.ID
	}
	base := strings.TrimSuffix(path.Base(p.Source.Path), path.Ext(p.Source.Path))
	if base == "_index" || base == "index" {
		return ""
	}
	return site.Slug(base)
}

func newPageIndex(s *site.Site, extraPaths []string) (*pageIndex, error) {
	idx := &pageIndex{byFile: map[string]*site.Page{}, byID: map[string]*site.Page{}, paths: map[string]bool{}}
	var errs diag.List
	for _, p := range s.Pages {
		idx.paths[p.URL] = true
		idx.urls = append(idx.urls, p.URL)
		if p.Source == nil {
			continue
		}
		idx.byFile[p.Source.Path] = p
		idx.files = append(idx.files, p.Source.Path)
		id := PageID(p)
		if id == "" {
			continue
		}
		if other := idx.byID[id]; other != nil {
			errs.Add(diag.Errorf(ContentDir+"/"+p.Source.Path, 1, 1, "page id %q is also used by %s", id, ContentDir+"/"+other.Source.Path).
				WithHint("ids must be unique: change one of them"))
			continue
		}
		idx.byID[id] = p
		idx.ids = append(idx.ids, id)
	}
	for _, x := range extraPaths {
		idx.paths[x] = true
	}
	sort.Strings(idx.files)
	sort.Strings(idx.ids)
	return idx, errs.Err()
}

func (idx *pageIndex) FileURL(file string) (string, bool) {
	p, ok := idx.byFile[file]
	if !ok {
		return "", false
	}
	return p.URL, true
}

func (idx *pageIndex) IDURL(id string) (string, string, bool) {
	p, ok := idx.byID[id]
	if !ok {
		return "", "", false
	}
	return p.URL, p.Title, true
}

func (idx *pageIndex) Exists(sitePath string) bool { return idx.paths[sitePath] }

func (idx *pageIndex) Suggest(k links.Kind, bad string) string {
	switch k {
	case links.KindFile:
		return suggest.Nearest(bad, idx.files)
	case links.KindID:
		return suggest.Nearest(bad, idx.ids)
	default:
		return suggest.Nearest(bad, idx.urls)
	}
}

// checkParams reports the front-matter keys of ordinary pages that are
// misspellings of a known key, or whose values cannot be decoded
// (content.CheckParams), drafts included: "darft"
// would otherwise publish a draft. Roles, skills and behaviour axes are
// left to career.Load, which rejects every unknown key.
func checkParams(files []*content.File) error {
	var errs diag.List
	for _, f := range files {
		if !career.Source(f.Path) {
			errs = append(errs, content.CheckParams(f)...)
		}
	}
	return errs.Err()
}
