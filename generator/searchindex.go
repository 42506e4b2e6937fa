package generator

import (
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/site"
)

// searchIndex collects the rendered pages for the search index as they
// are rendered, keeping their sections, not their HTML.
type searchIndex struct {
	b       search.Indexer
	careers map[*site.Page]*render.Career
}

func newSearchIndex(careers map[*site.Page]*render.Career) *searchIndex {
	return &searchIndex{careers: careers}
}

// add indexes a rendered page; it is safe for concurrent use.
func (x *searchIndex) add(p *site.Page, html []byte) {
	if d, ok := render.SearchPage(p, html, x.careers[p]); ok {
		x.b.Add(d)
	}
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
