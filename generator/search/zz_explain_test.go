package search

import (
	"fmt"
	"strings"
)

// Explain (debug) prints the top results with each word's best term and parts.
func (s *Searcher) Explain(query string, opt Options, n int) string {
	rs, err := s.Search(query, Options{Kind: opt.Kind, Track: opt.Track, Level: opt.Level, Limit: n})
	if err != nil {
		return err.Error()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	words := ParseQuery(query)
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%6d m%d %s boost=%d\n", r.Score, r.Matched, r.URL, s.boost(r.id))
		for _, w := range words {
			cs, _ := s.candidates(w)
			for _, c := range cs {
				ids, values, trs, _ := s.postings(c)
				v, in := -1, false
				for k, id := range ids {
					if id == r.id {
						v, in = values[k], true
					}
				}
				tr, intitle := rangeOf(trs, r.id)
				if !in && !intitle {
					continue
				}
				ts := 0
				if intitle {
					ts = titleScore(tr, r.id)
				}
				h, tw := 0, 0
				if in {
					h, tw = v>>4, v&15
				}
				fmt.Fprintf(&b, "       %-10s term=%-10s w=%d idf=%d head=%d text=%d title=%d\n", w.Text, c.term().stem, c.weight, c.term().idf, h, tw, ts)
			}
		}
	}
	return b.String()
}
