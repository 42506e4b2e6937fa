package convert

import (
	"hash/maphash"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// Index answers the link resolver's questions about the site model
// (links.Pages). It is built once per site model; lookups are map reads,
// however many pages share a file name.
//
// A page is named by its full id (site.FullID: "departments/cloud/onboarding",
// a section's page by its folder's path), by its front-matter id if it has
// one, and by its file name ("onboarding", site.PageID) while no other page
// has that name. The three never disagree: an explicit id wins over file
// names, a full id over the file names of pages further down, and two
// explicit ids, or an explicit id that is another page's full id, are an
// error at the second file. A file name several pages share is ambiguous:
// an error only where a short reference uses it (Ambiguous).
type Index struct {
	byFile map[string]*site.Page
	byID   map[string]*site.Page
	// ambiguous maps a file name several pages share to their full ids,
	// sorted.
	ambiguous map[string][]string
	paths     map[string]bool
	// sorted candidate lists for suggestions
	files, ids, urls []string

	once sync.Once
	fp   uint64
}

// NewIndex indexes the pages of s and the site paths of files outside the
// page model (extraPaths: feeds, assets, editions) that content may link
// to. Two pages with one explicit id are an error naming both.
func NewIndex(s *site.Site, extraPaths []string) (*Index, error) {
	idx := &Index{byFile: map[string]*site.Page{}, byID: map[string]*site.Page{}, paths: map[string]bool{}}
	var errs diag.List
	explicit := map[string]*site.Page{}
	byName := map[string][]*site.Page{} // file names, for short references
	for _, p := range s.Pages {
		idx.paths[p.URL] = true
		idx.urls = append(idx.urls, p.URL)
		if p.Source == nil {
			continue
		}
		idx.byFile[p.Source.Path] = p
		idx.files = append(idx.files, p.Source.Path)
		if full := site.FullID(p); full != "" {
			idx.byID[full] = p
		}
		if id := p.Source.Front.ID; id != "" {
			if other := explicit[id]; other != nil {
				if ownName(p) && !ownName(other) {
					// The file named so keeps the id (a role's must):
					// the error is at the other.
					explicit[id], p, other = p, other, p
				}
				line, col := idPosition(p.Source)
				errs.Add(diag.Errorf(p.File(), line, col, "page id %q is also the id of %s", id, other.File()).
					WithHint("ids must be unique: change one, or remove it and link to the page by its full id, [[%s]]", site.FullID(p)))
				continue
			}
			explicit[id] = p
		} else if name := site.PageID(p); name != "" {
			byName[name] = append(byName[name], p)
		}
	}
	for _, p := range s.Pages {
		id := ""
		if p.Source != nil {
			id = p.Source.Front.ID
		}
		if id == "" || explicit[id] != p {
			continue
		}
		if other := idx.byID[id]; other != nil && other != p {
			line, col := idPosition(p.Source)
			errs.Add(diag.Errorf(p.File(), line, col, "page id %q is the full id of %s", id, other.File()).
				WithHint("change the id, or remove it and link to the page by its full id, [[%s]]", site.FullID(p)))
			continue
		}
		idx.byID[id] = p
	}
	for name, ps := range byName {
		switch {
		case explicit[name] != nil || idx.byID[name] != nil:
			// An explicit or full id wins over file names.
		case len(ps) == 1:
			idx.byID[name] = ps[0]
		default:
			if idx.ambiguous == nil {
				idx.ambiguous = map[string][]string{}
			}
			full := make([]string, len(ps))
			for i, p := range ps {
				full[i] = site.FullID(p)
			}
			sort.Strings(full)
			idx.ambiguous[name] = full
		}
	}
	for id := range idx.byID {
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

// Ambiguous returns the full ids of the pages that share the file name
// id, when more than one page has it and no page has it as its explicit or
// full id; nil otherwise.
func (idx *Index) Ambiguous(id string) []string { return idx.ambiguous[id] }

// Exists reports whether the build publishes something at sitePath.
func (idx *Index) Exists(sitePath string) bool { return idx.paths[sitePath] }

// Suggest returns the nearest known file, id or URL to bad.
func (idx *Index) Suggest(k links.Kind, bad string) string {
	switch k {
	case links.KindFile:
		return suggest.Nearest(bad, idx.files)
	case links.KindID:
		// [[guides/b.md]]: an id written as its file.
		return suggest.Nearest(strings.TrimSuffix(bad, ".md"), idx.ids)
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
		names := make([]string, 0, len(idx.ambiguous))
		for name := range idx.ambiguous {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			str(name)
			str(idx.ambiguous[name]...)
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

// ownName reports whether p's explicit id is its file name.
func ownName(p *site.Page) bool {
	base := path.Base(p.Source.Path)
	return p.Source.Front.ID == strings.TrimSuffix(base, path.Ext(base))
}

// idPosition is the position of the id key's value in f's front matter.
func idPosition(f *content.File) (line, col int) {
	if m := f.Meta; m != nil && m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "id" {
				return f.MetaLine - 1 + m.Content[i+1].Line, m.Content[i+1].Column
			}
		}
	}
	return f.MetaLine, 1
}
