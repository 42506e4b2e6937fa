package anchors

// Pages answers a Site's questions from two functions: what a page
// publishes, and where a moved page went. The sets of anchors are made
// once per page.
type Pages struct {
	page  func(url string) (ids []string, aliases map[string]string, file string, ok bool)
	moved func(url string) (string, bool)
	sets  map[string]map[string]bool
}

// NewPages returns the Site of page, which describes the page at url (its
// element ids, its anchor aliases and its source file) and reports whether
// there is one, and moved, which maps the old URL of a moved page to its
// new one.
func NewPages(page func(url string) (ids []string, aliases map[string]string, file string, ok bool), moved func(url string) (string, bool)) *Pages {
	return &Pages{page: page, moved: moved, sets: map[string]map[string]bool{}}
}

var _ Site = (*Pages)(nil)

// Anchors returns the anchors the page at url publishes.
func (s *Pages) Anchors(url string) (map[string]bool, bool) {
	if as, ok := s.sets[url]; ok {
		return as, true
	}
	ids, _, _, ok := s.page(url)
	if !ok {
		return nil, false
	}
	as := make(map[string]bool, len(ids))
	for _, id := range ids {
		as[id] = true
	}
	s.sets[url] = as
	return as, true
}

// AnchorAlias maps an old anchor of the page at url to its new one.
func (s *Pages) AnchorAlias(url, anchor string) (string, bool) {
	_, aliases, _, _ := s.page(url)
	to, ok := aliases[anchor]
	return to, ok
}

// PageAlias returns the URL a moved page now lives at.
func (s *Pages) PageAlias(url string) (string, bool) { return s.moved(url) }

// SourceOf names the content file of the page at url.
func (s *Pages) SourceOf(url string) string {
	_, _, file, _ := s.page(url)
	return file
}
