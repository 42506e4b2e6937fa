package convert

import (
	"hash/maphash"
	"sort"
	"strconv"
	"sync"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// Index answers the link resolver's questions about the site model
// (links.Pages). It is built once per site model; lookups are map reads.
type Index struct {
	byFile map[string]*site.Page
	byID   map[string]*site.Page
	paths  map[string]bool
	// sorted candidate lists for suggestions
	files, ids, urls []string

	once sync.Once
	fp   uint64
}

// NewIndex indexes the pages of s and the site paths of files outside the
// page model (extraPaths: feeds, assets, editions) that content may link
// to. Two pages with one id are an error naming both.
func NewIndex(s *site.Site, extraPaths []string) (*Index, error) {
	idx := &Index{byFile: map[string]*site.Page{}, byID: map[string]*site.Page{}, paths: map[string]bool{}}
	var errs diag.List
	for _, p := range s.Pages {
		idx.paths[p.URL] = true
		idx.urls = append(idx.urls, p.URL)
		if p.Source == nil {
			continue
		}
		idx.byFile[p.Source.Path] = p
		idx.files = append(idx.files, p.Source.Path)
		id := site.PageID(p)
		if id == "" {
			continue
		}
		if other := idx.byID[id]; other != nil {
			errs.Add(diag.Errorf(p.File(), 1, 1, "page id %q is also used by %s", id, other.File()).
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

// FileURL returns the URL of the page made from the content file at path.
func (idx *Index) FileURL(file string) (string, bool) {
	p, ok := idx.byFile[file]
	if !ok {
		return "", false
	}
	return p.URL, true
}

// IDURL returns the URL and title of the page with the id.
func (idx *Index) IDURL(id string) (string, string, bool) {
	p, ok := idx.byID[id]
	if !ok {
		return "", "", false
	}
	return p.URL, p.Title, true
}

// Exists reports whether the build publishes something at sitePath.
func (idx *Index) Exists(sitePath string) bool { return idx.paths[sitePath] }

// Suggest returns the nearest known file, id or URL to bad.
func (idx *Index) Suggest(k links.Kind, bad string) string {
	switch k {
	case links.KindFile:
		return suggest.Nearest(bad, idx.files)
	case links.KindID:
		return suggest.Nearest(bad, idx.ids)
	default:
		return suggest.Nearest(bad, idx.urls)
	}
}

// fingerprint hashes every answer the index can give but suggestions,
// once: two indexes with one fingerprint answer every lookup alike.
func (idx *Index) fingerprint(seed maphash.Seed) uint64 {
	idx.once.Do(func() {
		var h maphash.Hash
		h.SetSeed(seed)
		str := func(ss ...string) {
			for _, s := range ss {
				h.WriteString(s)
				h.WriteByte(0)
			}
		}
		for _, f := range idx.files {
			str(f, idx.byFile[f].URL)
		}
		for _, id := range idx.ids {
			str(id, idx.byID[id].URL, idx.byID[id].Title)
		}
		var paths uint64 // a sum does not depend on the map's order
		for p := range idx.paths {
			paths += maphash.String(seed, p)
		}
		str(strconv.Itoa(len(idx.paths)))
		idx.fp = h.Sum64() ^ paths
	})
	return idx.fp
}
