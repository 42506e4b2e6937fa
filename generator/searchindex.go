package generator

import (
	"context"
	"slices"
	"sync"

	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/internal/parallel"
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

// liveIndex is the search index a Builder keeps from build to build
// (Rebuild.Search): each page's analysed record under its URL, analysed
// again only when the page's search data changed. That data is all in
// the search.Page that render.SearchPage makes of the page, its HTML and
// its career data (title, kind, track and level, boost, topics, the text
// of its front-matter params), and search.Indexer.Put compares all of it,
// so no change can be missed; the files are those of a fresh index.
type liveIndex struct {
	mu sync.Mutex // one build's index at a time
	x  search.Indexer
	// analysed lists the output paths of the pages the last index
	// analysed, sorted, for tests.
	analysed []string
	// last is the last index made, still that of the pages held unless
	// dirty: a build that changes nothing searched (a stylesheet, a
	// comment in a page) gets it again.
	last  map[string][]byte
	dirty bool
}

// files brings the index up to the pages of b, whose output is out, and
// returns its files under search/. A build's index may be made after a
// later build's, or stopped half-way by ctx: whatever the index held
// before, it holds b's pages after.
func (l *liveIndex) files(ctx context.Context, b *build, out map[string][]byte) (map[string][]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	urls := make([]string, len(b.pages)) // of the pages indexed
	again := make([]bool, len(b.pages))  // analysed
	err := parallel.For(ctx, len(b.pages), func(_ context.Context, i int) error {
		p := b.pages[i]
		if p.Kind == "404" {
			return nil
		}
		if d, ok := render.SearchPage(p, out[p.OutPath()], b.careers[p]); ok {
			urls[i], again[i] = d.URL, l.x.Put(d)
		}
		return nil
	})
	l.analysed = l.analysed[:0]
	for i := range again {
		if again[i] {
			l.analysed = append(l.analysed, b.pages[i].OutPath())
			l.dirty = true // even when stopped half-way
		}
	}
	slices.Sort(l.analysed)
	if err != nil {
		return nil, err
	}
	keep := make(map[string]bool, len(urls))
	for _, u := range urls {
		if u != "" {
			keep[u] = true
		}
	}
	if l.x.Retain(func(u string) bool { return keep[u] }) > 0 {
		l.dirty = true
	}
	if l.last != nil && !l.dirty {
		return l.last, nil
	}
	files, err := l.x.Files()
	if err != nil {
		return nil, err
	}
	named := make(map[string][]byte, len(files))
	for name, data := range files {
		named[SearchDir+"/"+name] = data
	}
	l.last, l.dirty = named, false
	return named, nil
}
