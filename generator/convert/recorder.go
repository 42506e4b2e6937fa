package convert

import (
	"hash/maphash"
	"slices"
	"sync"

	"github.com/handbook-dev/handbook/generator/links"
)

// recorder answers a document's link lookups from the page index and
// remembers the answers, so that a later build can tell whether they
// still hold.
type recorder struct {
	idx     *Index
	files   map[string]answer
	ids     map[string]answer
	paths   map[string]bool
	ambig   map[string][]string
	suggest map[suggestion]string

	// checked is the fingerprint of the last index the answers were found
	// to hold against; mu guards it.
	mu      sync.Mutex
	checked uint64
}

type answer struct {
	url, title string
	ok         bool
}

type suggestion struct {
	kind links.Kind
	bad  string
}

func (r *recorder) FileURL(file string) (string, bool) {
	u, ok := r.idx.FileURL(file)
	if r.files == nil {
		r.files = map[string]answer{}
	}
	r.files[file] = answer{url: u, ok: ok}
	return u, ok
}

func (r *recorder) IDURL(id string) (string, string, bool) {
	u, title, ok := r.idx.IDURL(id)
	if r.ids == nil {
		r.ids = map[string]answer{}
	}
	r.ids[id] = answer{url: u, title: title, ok: ok}
	return u, title, ok
}

func (r *recorder) Ambiguous(id string) []string {
	full := r.idx.Ambiguous(id)
	if r.ambig == nil {
		r.ambig = map[string][]string{}
	}
	r.ambig[id] = full
	return full
}

func (r *recorder) Exists(sitePath string) bool {
	ok := r.idx.Exists(sitePath)
	if r.paths == nil {
		r.paths = map[string]bool{}
	}
	r.paths[sitePath] = ok
	return ok
}

func (r *recorder) Suggest(k links.Kind, bad string) string {
	s := r.idx.Suggest(k, bad)
	if r.suggest == nil {
		r.suggest = map[suggestion]string{}
	}
	r.suggest[suggestion{k, bad}] = s
	return s
}

// same reports whether idx gives every recorded answer again.
func (r *recorder) same(idx *Index, seed maphash.Seed) bool {
	if r == nil {
		return false
	}
	fp := idx.fingerprint(seed)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.checked == fp && fp != 0 {
		return true // checked against the same answers before
	}
	for f, a := range r.files {
		if u, ok := idx.FileURL(f); u != a.url || ok != a.ok {
			return false
		}
	}
	for id, a := range r.ids {
		if u, title, ok := idx.IDURL(id); u != a.url || title != a.title || ok != a.ok {
			return false
		}
	}
	for id, full := range r.ambig {
		if !slices.Equal(idx.Ambiguous(id), full) {
			return false
		}
	}
	for p, ok := range r.paths {
		if idx.Exists(p) != ok {
			return false
		}
	}
	for q, s := range r.suggest {
		if idx.Suggest(q.kind, q.bad) != s {
			return false
		}
	}
	r.checked = fp
	return true
}
