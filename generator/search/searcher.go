package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Searcher answers queries from the files of an index, reading each file
// only when a query needs it, as search.js does over HTTP.
type Searcher struct {
	load func(name string) ([]byte, error)

	mu      sync.Mutex
	m       manifest
	keys    map[string]int // dictionary key → depth
	endKeys map[string]int // key of a shard of stems by their ends → depth
	dicts   map[string]*dict
	ends    map[string][]string // e/<key>.json: its stems
	posts   map[string]*postShard
	docs    map[int]*docChunk
	topics  map[string][][2]int // topics.json, once read: each topic's [first, count] runs
	fetched []string
}

type dict struct {
	key     string
	entries []dictTerm
	byStem  map[string]int
	posts   []int // index of the first term of each postings file
}

type dictTerm struct {
	stem  string
	idf   int
	words []string
}

// Open reads the manifest of an index through load, which returns a file
// of the index by its path inside the index folder ("manifest.json").
func Open(load func(name string) ([]byte, error)) (*Searcher, error) {
	s := &Searcher{load: load, keys: map[string]int{}, endKeys: map[string]int{}, dicts: map[string]*dict{},
		ends: map[string][]string{}, posts: map[string]*postShard{}, docs: map[int]*docChunk{}}
	if err := s.read("manifest.json", &s.m); err != nil {
		return nil, err
	}
	if s.m.Version != Version {
		return nil, fmt.Errorf("search index: version %d, want %d (rebuild the site)", s.m.Version, Version)
	}
	for _, k := range s.m.Dict {
		s.keys[k] = keyDepth(k)
	}
	for _, k := range s.m.Ends {
		s.endKeys[k] = keyDepth(k)
	}
	return s, nil
}

// OpenFiles opens an index held in memory.
func OpenFiles(files Files) (*Searcher, error) {
	return Open(func(name string) ([]byte, error) {
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("search index: no file %s", name)
		}
		return data, nil
	})
}

// Fetched lists the files read so far, in order.
func (s *Searcher) Fetched() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.fetched)
}

// Filters returns the values each filter field has in the index.
func (s *Searcher) Filters() map[string][]string {
	out := map[string][]string{}
	for field, values := range s.m.Filters {
		for v := range values {
			out[field] = append(out[field], v)
		}
		slices.Sort(out[field])
	}
	return out
}

func (s *Searcher) read(name string, v any) error {
	data, err := s.load(name)
	if err != nil {
		return err
	}
	s.fetched = append(s.fetched, name)
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search index: %s: %v", name, err)
	}
	return nil
}

// keyDepth counts the letters a shard key stands for.
func keyDepth(k string) int {
	d := 0
	for i := 0; i < len(k); i++ {
		if k[i] == '_' {
			i += 2
		}
		d++
	}
	return d
}

func (s *Searcher) dict(key string) (*dict, error) {
	if d, ok := s.dicts[key]; ok || key == "" {
		return d, nil
	}
	var raw dictShard
	if err := s.read("d/"+key+".json", &raw); err != nil {
		return nil, err
	}
	d := &dict{key: key, byStem: map[string]int{}}
	if raw.Terms != "" {
		for i, line := range strings.Split(raw.Terms, "\n") {
			stem, idf, words := parseDictTerm(line)
			d.entries = append(d.entries, dictTerm{stem: stem, idf: idf, words: words})
			d.byStem[stem] = i
		}
	}
	start := 0
	for _, n := range raw.Posts {
		d.posts = append(d.posts, start)
		start += n
	}
	s.dicts[key] = d
	return d, nil
}

// shardFor returns the key of the dictionary shard that would hold term,
// "" when there is none.
func (s *Searcher) shardFor(term string) string {
	for depth := 1; depth <= 3; depth++ {
		if k := shardKey(term, depth); s.keys[k] == depth {
			return k
		}
	}
	return ""
}

// endShardFor returns the key of the shard of stems by their ends that
// would hold stem; ok is false when there is none.
func (s *Searcher) endShardFor(stem string) (key string, ok bool) {
	for depth := 0; depth <= 3; depth++ {
		k := endKey(stem, depth)
		if d, ok := s.endKeys[k]; ok && d == depth {
			return k, true
		}
	}
	return "", false
}

// endStems returns the stems a typo in w's first letters may be meant
// for: those within one typo of the word or its stem that end in the same
// three letters as its stem (a typo further on is found from the first
// letters), from the shard of stems by their ends, the first
// maxFuzzyTerms in its order. Whatever the depth of the shards, the same
// stems qualify.
func (s *Searcher) endStems(w Word) ([]string, error) {
	k, ok := s.endShardFor(w.Stem)
	if !ok {
		return nil, nil
	}
	stems, ok := s.ends[k]
	if !ok {
		var raw endShard
		if err := s.read(endFile(k), &raw); err != nil {
			return nil, err
		}
		stems = parseEnds(raw.Terms)
		s.ends[k] = stems
	}
	end := endKey(w.Stem, 3)
	var out []string
	for _, t := range stems {
		if len(out) == maxFuzzyTerms {
			break
		}
		if endKey(t, 3) == end && (withinOneEdit(w.Stem, t) || withinOneEdit(w.Text, t)) {
			out = append(out, t)
		}
	}
	return out, nil
}

// prefixShards returns the keys of the shards that may hold terms
// beginning with prefix.
func (s *Searcher) prefixShards(prefix string) []string {
	r := utf8.RuneCountInString(prefix)
	var out []string
	for _, k := range s.m.Dict {
		d := s.keys[k]
		if r >= d && shardKey(prefix, d) == k || r < d && strings.HasPrefix(k, shardKey(prefix, r)) {
			out = append(out, k)
		}
	}
	return out
}

// dictKeys lists the dictionary shards candidates may read for w, and those
// of its parts.
func (s *Searcher) dictKeys(w Word) []string {
	keys := []string{s.shardFor(w.Stem)}
	for _, t := range w.Also {
		keys = append(keys, s.shardFor(t))
	}
	if w.Prefix && (w.CJK || utf8.RuneCountInString(w.Text) >= minPrefixRunes) {
		if ps := s.prefixShards(w.Text); len(ps) <= maxPrefixShards {
			keys = append(keys, ps...)
		}
	}
	if fuzzy(w) {
		keys = append(keys, s.shardFor(w.Text))
	}
	for _, p := range partWords(w) {
		keys = append(keys, s.dictKeys(p)...)
	}
	return slices.DeleteFunc(keys, func(k string) bool { return k == "" })
}

// candidate is a dictionary term a query word matches.
type candidate struct {
	d      *dict
	i      int // index in d.entries
	weight int // weightExact, weightPrefix or weightFuzzy
}

func (c candidate) term() dictTerm { return c.d.entries[c.i] }

// candidates returns the terms word matches: exactly, as a prefix, or
// with one typo.
func (s *Searcher) candidates(w Word) ([]candidate, error) {
	var out []candidate
	seen := map[string]bool{}
	d, err := s.dict(s.shardFor(w.Stem))
	if err != nil {
		return nil, err
	}
	if d != nil {
		if i, ok := d.byStem[w.Stem]; ok {
			out = append(out, candidate{d, i, weightExact})
			seen[w.Stem] = true
		}
	}
	for _, t := range w.Also {
		d, err := s.dict(s.shardFor(t))
		if err != nil {
			return nil, err
		}
		if d == nil || seen[t] {
			continue
		}
		if i, ok := d.byStem[t]; ok {
			out = append(out, candidate{d, i, weightPrefix})
			seen[t] = true
		}
	}
	if w.Prefix && (w.CJK || utf8.RuneCountInString(w.Text) >= minPrefixRunes) {
		if keys := s.prefixShards(w.Text); len(keys) <= maxPrefixShards {
			var list []candidate
			for _, k := range keys {
				d, err := s.dict(k)
				if err != nil {
					return nil, err
				}
				for i, t := range d.entries {
					if !seen[t.stem] && (strings.HasPrefix(t.stem, w.Text) || anyWord(t.words, func(x string) bool { return strings.HasPrefix(x, w.Text) })) {
						list = append(list, candidate{d, i, weightPrefix})
					}
				}
			}
			out = append(out, best(list, maxPrefixTerms, seen)...)
		}
	}
	if len(out) == 0 && fuzzy(w) {
		var list []candidate
		// The shard of the word's first letters...
		d, err := s.dict(s.shardFor(w.Text))
		if err != nil {
			return nil, err
		}
		if d != nil {
			for i, t := range d.entries {
				if !seen[t.stem] && (withinOneEdit(w.Text, t.stem) || withinOneEdit(w.Stem, t.stem) ||
					anyWord(t.words, func(x string) bool { return withinOneEdit(w.Text, x) })) {
					list = append(list, candidate{d, i, weightFuzzy})
				}
			}
		}
		// ...and the stems that end as its stem does, for a typo in the
		// first letters ("mnetor", "rveiew").
		stems, err := s.endStems(w)
		if err != nil {
			return nil, err
		}
		for _, t := range stems {
			d, err := s.dict(s.shardFor(t))
			if err != nil {
				return nil, err
			}
			if d == nil {
				continue
			}
			if i, ok := d.byStem[t]; ok {
				list = append(list, candidate{d, i, weightFuzzy})
			}
		}
		out = append(out, best(list, maxFuzzyTerms, seen)...)
	}
	return out, nil
}

// fuzzy reports whether w may be matched with a typo: a word of
// minFuzzyRunes or more, neither CJK nor a stop word.
func fuzzy(w Word) bool {
	return !w.CJK && !w.Stop && utf8.RuneCountInString(w.Text) >= minFuzzyRunes
}

func anyWord(words []string, f func(string) bool) bool {
	for _, w := range words {
		if f(w) {
			return true
		}
	}
	return false
}

// best keeps the n most frequent terms of list (lowest idf, then stem).
func best(list []candidate, n int, seen map[string]bool) []candidate {
	slices.SortStableFunc(list, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.term().idf, b.term().idf), cmp.Compare(a.term().stem, b.term().stem))
	})
	var out []candidate
	for _, c := range list {
		if len(out) == n {
			break
		}
		if !seen[c.term().stem] {
			seen[c.term().stem] = true
			out = append(out, c)
		}
	}
	return out
}

// titleRange is a page whose title holds a term: its sections and the
// fieldSize of its title.
type titleRange struct{ first, count, size int }

// postings returns a candidate's section ids and values and its title
// ranges.
func (s *Searcher) postings(c candidate) (ids, values []int, titles []titleRange, err error) {
	n := 0
	for k, start := range c.d.posts {
		if start <= c.i {
			n = k
		}
	}
	name := fmt.Sprintf("p/%s-%d.json", c.d.key, n)
	p, ok := s.posts[name]
	if !ok {
		p = &postShard{}
		if err := s.read(name, p); err != nil {
			return nil, nil, nil, err
		}
		s.posts[name] = p
	}
	j := c.i - c.d.posts[n]
	if j >= len(p.Terms) {
		return nil, nil, nil, fmt.Errorf("search index: %s has no term %d", name, j)
	}
	e := p.Terms[j]
	parseSections(e.Sections, func(id, value int) {
		ids = append(ids, id)
		values = append(values, value)
	})
	first := 0
	for k := 0; k+2 < len(e.Titles); k += 3 {
		first += e.Titles[k]
		titles = append(titles, titleRange{first, e.Titles[k+1], e.Titles[k+2]})
	}
	return ids, values, titles, nil
}

// rangeOf returns the range of rs (sorted, disjoint) holding id.
func rangeOf(rs [][2]int, id int) ([2]int, bool) {
	i, _ := slices.BinarySearchFunc(rs, id, func(r [2]int, id int) int {
		switch {
		case r[0]+r[1] <= id:
			return -1
		case r[0] > id:
			return 1
		}
		return 0
	})
	if i < len(rs) && rs[i][0] <= id && id < rs[i][0]+rs[i][1] {
		return rs[i], true
	}
	return [2]int{}, false
}

// titleOf returns the title range of rs (sorted, disjoint) holding id.
func titleOf(rs []titleRange, id int) (titleRange, bool) {
	i, _ := slices.BinarySearchFunc(rs, id, func(r titleRange, id int) int {
		switch {
		case r.first+r.count <= id:
			return -1
		case r.first > id:
			return 1
		}
		return 0
	})
	if i < len(rs) && rs[i].first <= id && id < rs[i].first+rs[i].count {
		return rs[i], true
	}
	return titleRange{}, false
}

// Options narrows a search.
type Options struct {
	// Kind, Track and Level keep only sections of pages with that value
	// ("role", "Individual contributor", "3"); "" keeps all.
	Kind, Track, Level string
	// Limit is the number of results, DefaultLimit when 0, at most
	// MaxLimit. Validate reports values outside these.
	Limit int
}

// Result is a section that matches a query.
type Result struct {
	URL     string `json:"url"`     // "/roles/staff-software-engineer/#decision-rights"
	Page    string `json:"page"`    // the page title
	Section string `json:"section"` // the heading ("Responsibilities › Operational"), "" for the page top
	Kind    string `json:"kind,omitempty"`
	// Snippet is a piece of the section's text around its first match;
	// Highlights are the byte ranges in it of the words that matched.
	Snippet    string   `json:"snippet"`
	Highlights [][2]int `json:"highlights"`
	Matched    int      `json:"matched"` // query words the section matches
	Score      int      `json:"score"`
	id         int
}

// posting is what ranking reads of a candidate's postings.
type posting struct {
	mult        int // the candidate's kind × its term's idf
	ids, values []int
	titles      []titleRange
}

// Search returns the sections that best match query.
func (s *Searcher) Search(query string, opt Options) ([]Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	words, topic := Question(query)
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	if len(words) == 0 {
		return nil, nil
	}
	// Read every dictionary shard the words may need up front, as search.js
	// does in parallel, so both read the same files.
	for _, w := range words {
		for _, k := range s.dictKeys(w) {
			if _, err := s.dict(k); err != nil {
				return nil, err
			}
		}
	}
	var cands [][]candidate
	for i := 0; i < len(words); i++ {
		cs, err := s.candidates(words[i])
		if err != nil {
			return nil, err
		}
		if len(words[i].Parts) > 0 && !anyCandidate(cs, weightFuzzy) {
			// The joined form is not in the index: look for the parts.
			words = append(append(words[:i:i], partWords(words[i])...), words[i+1:]...)
			words = words[:min(len(words), MaxQueryWords)]
			i--
			continue
		}
		cands = append(cands, cs)
	}
	// The postings of every candidate, and how many words match each
	// section's heading and each page's title (by its first section).
	posts := make([][]posting, len(words))
	headWords, titleWords := map[int]int{}, map[int]int{}
	headSize, titleSize := map[int]int{}, map[int]int{}
	highlight := map[string]bool{}
	for i := range words {
		heads, titles := map[int]bool{}, map[int]bool{}
		for _, c := range cands[i] {
			highlight[c.term().stem] = true
			ids, values, trs, err := s.postings(c)
			if err != nil {
				return nil, err
			}
			posts[i] = append(posts[i], posting{c.weight * c.term().idf, ids, values, trs})
			for k, id := range ids {
				if values[k] >= headingFlag {
					heads[id] = true
					headSize[id] = values[k] / headingFlag
				}
			}
			for _, r := range trs {
				titles[r.first] = true
				titleSize[r.first] = r.size
			}
		}
		for id := range heads {
			headWords[id]++
		}
		for id := range titles {
			titleWords[id]++
		}
	}
	// A field is exactly matched when every query word matches it and it
	// has no term they do not: the query is that heading or title. The
	// bonus of an exact match is shared by the fields the query matches
	// exactly: a heading that many pages have ("Skills") does not name
	// one section as a glossary term's does.
	exact := func(n, size int) bool { return n == len(words) && n >= size }
	exactHeads, exactTitles := 0, 0
	for id, n := range headWords {
		if exact(n, headSize[id]) {
			exactHeads++
		}
	}
	for id, n := range titleWords {
		if exact(n, titleSize[id]) {
			exactTitles++
		}
	}
	// titleField is the score of a title that holds a word, in section id.
	titleField := func(r titleRange, id int) int {
		if id != r.first {
			return scoreTitle
		}
		if exact(titleWords[r.first], r.size) {
			return scoreTitleTop + scoreTitleExact/exactTitles
		}
		return scoreTitleTop
	}
	bests := make([]map[int]int, len(words))
	for i := range words {
		best := map[int]int{}
		for _, p := range posts[i] {
			for k, id := range p.ids {
				v := p.values[k]
				head := 0
				if v >= headingFlag {
					head = scoreHeading
					if exact(headWords[id], v/headingFlag) {
						head += scoreHeadingExact / exactHeads
					}
				}
				title := 0
				if r, ok := titleOf(p.titles, id); ok {
					title = titleField(r, id)
				}
				best[id] = max(best[id], p.mult*fieldScore(title, head, scoreText(v%headingFlag)))
			}
			for _, r := range p.titles {
				best[r.first] = max(best[r.first], p.mult*fieldScore(titleField(r, r.first), 0, 0))
			}
		}
		bests[i] = best
	}
	// The sections of the topic a question asks for count as matching one
	// more word, found in their heading.
	var topicRuns [][2]int
	topicScore := 0
	if w, ok := s.m.Topics[topic]; ok {
		runs, err := s.topicRuns(topic)
		if err != nil {
			return nil, err
		}
		topicRuns, topicScore = runs, weightExact*w*fieldScore(0, scoreTopic, 0)
	}
	type hit struct{ id, matched, rank, score int }
	union := map[int]bool{}
	for _, b := range bests {
		for id := range b {
			union[id] = true
		}
	}
	// The sections of the topic on a page whose title holds a word match
	// it ("become lantern": Lantern's career paths).
	for _, ps := range posts {
		for _, p := range ps {
			for _, r := range p.titles {
				end := r.first + r.count
				k, _ := slices.BinarySearchFunc(topicRuns, r.first, func(run [2]int, id int) int { return cmp.Compare(run[0]+run[1], id+1) })
				for ; k < len(topicRuns) && topicRuns[k][0] < end; k++ {
					for id := max(r.first, topicRuns[k][0]); id < min(end, topicRuns[k][0]+topicRuns[k][1]); id++ {
						union[id] = true
					}
				}
			}
		}
	}
	var hits []hit
	for id := range union {
		if !s.passes(id, opt) {
			continue
		}
		h := hit{id: id}
		for i, b := range bests {
			v, ok := b[id]
			if !ok {
				// The page title may hold the word the section lacks.
				for _, p := range posts[i] {
					if r, ok := titleOf(p.titles, id); ok {
						v = max(v, p.mult*fieldScore(titleField(r, id), 0, 0))
					}
				}
			}
			if v > 0 {
				h.matched++
				h.score += v
			}
		}
		h.rank = h.matched
		if _, ok := rangeOf(topicRuns, id); ok && h.matched > 0 {
			h.rank++
			h.score += topicScore
		}
		h.score = h.score * s.boost(id) / 100
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(-cmp.Compare(a.rank, b.rank), -cmp.Compare(a.score, b.score), cmp.Compare(a.id, b.id))
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	results := make([]Result, 0, len(hits))
	for _, h := range hits {
		r, err := s.result(h.id, highlight)
		if err != nil {
			return nil, err
		}
		r.Matched, r.Score = h.matched, h.score
		results = append(results, r)
	}
	return results, nil
}

// topicRuns returns the sections of topic, as sorted [first, count] runs,
// reading topics.json the first time.
func (s *Searcher) topicRuns(topic string) ([][2]int, error) {
	if s.topics == nil {
		var raw map[string][]int
		if err := s.read("topics.json", &raw); err != nil {
			return nil, err
		}
		s.topics = map[string][][2]int{}
		for t, flat := range raw {
			end := 0
			for k := 0; k+1 < len(flat); k += 2 {
				first := end + flat[k]
				s.topics[t] = append(s.topics[t], [2]int{first, flat[k+1]})
				end = first + flat[k+1]
			}
		}
	}
	return s.topics[topic], nil
}

// anyCandidate reports whether cands has a match better than weight.
func anyCandidate(cands []candidate, weight int) bool {
	for _, c := range cands {
		if c.weight > weight {
			return true
		}
	}
	return false
}

// partWords are the words of a hyphenated word, stop words left out.
func partWords(w Word) []Word {
	var out []Word
	for i, p := range w.Parts {
		prefix := w.Prefix && i == len(w.Parts)-1
		if stopWords[p] && !prefix {
			continue
		}
		out = append(out, Word{Text: p, Stem: Base(p), Prefix: prefix})
	}
	return out
}

func (s *Searcher) passes(id int, opt Options) bool {
	for field, want := range map[string]string{"kind": opt.Kind, "track": opt.Track, "level": opt.Level} {
		if want == "" {
			continue
		}
		if _, ok := rangeOf(s.m.Filters[field][want], id); !ok {
			return false
		}
	}
	return true
}

func (s *Searcher) boost(id int) int {
	for _, b := range s.m.Boost {
		if b[0] <= id && id < b[0]+b[1] {
			return b[2]
		}
	}
	return 100
}

func (s *Searcher) result(id int, highlight map[string]bool) (Result, error) {
	n := id / s.m.Chunk
	c, ok := s.docs[n]
	if !ok {
		c = &docChunk{}
		if err := s.read(fmt.Sprintf("s/%d.json", n), c); err != nil {
			return Result{}, err
		}
		s.docs[n] = c
	}
	k := id - n*s.m.Chunk
	if k >= len(c.Sections) {
		return Result{}, fmt.Errorf("search index: s/%d.json has no section %d", n, k)
	}
	sec := c.Sections[k]
	pi, _ := sec[0].(float64)
	anchor, _ := sec[1].(string)
	heading, _ := sec[2].(string)
	text, _ := sec[3].(string)
	if text == "" {
		headings, texts := make([]string, len(c.Sections)), make([]string, len(c.Sections))
		for j, sec := range c.Sections {
			headings[j], _ = sec[2].(string)
			texts[j], _ = sec[3].(string)
		}
		text = composeText(headings, texts, k)
	}
	if int(pi) >= len(c.Pages) {
		return Result{}, fmt.Errorf("search index: s/%d.json: bad page %v", n, pi)
	}
	p := c.Pages[int(pi)]
	r := Result{URL: p[0], Page: p[1], Kind: p[2], Section: heading, id: id}
	if anchor != "" {
		r.URL += "#" + anchor
	}
	r.Snippet, r.Highlights = Snippet(text, highlight)
	if r.Highlights == nil {
		r.Highlights = [][2]int{} // [] in JSON, like the others
	}
	return r, nil
}

// Snippet lengths, in runes.
const (
	snippetRunes  = 180
	snippetBefore = 50
)

// Snippet returns a piece of text around the first word whose term is in
// terms, and the byte ranges in it of all such words.
func Snippet(text string, terms map[string]bool) (string, [][2]int) {
	var spans [][2]int
	tokens(text, func(t token) {
		if term, ok := indexTerm(t); ok && terms[term] {
			spans = append(spans, [2]int{t.start, t.end})
		}
	})
	// A compound ("error-budget") spans its parts: merge what overlaps.
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	var marks [][2]int
	for _, sp := range spans {
		if k := len(marks) - 1; k >= 0 && sp[0] <= marks[k][1] {
			marks[k][1] = max(marks[k][1], sp[1])
			continue
		}
		marks = append(marks, sp)
	}
	start := 0
	if len(marks) > 0 {
		start = marks[0][0]
		for n := 0; n < snippetBefore && start > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(text[:start])
			start -= size
		}
		if start > 0 {
			if i := strings.IndexByte(text[start:marks[0][0]], ' '); i >= 0 {
				start += i + 1
			}
		}
	}
	end := start
	for n := 0; n < snippetRunes && end < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end < len(text) {
		if i := strings.LastIndexByte(text[start:end], ' '); i > 0 {
			end = start + i
		}
	}
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(text) && !strings.HasSuffix(text[start:end], "…") {
		suffix = "…"
	}
	var hs [][2]int
	for _, m := range marks {
		if m[0] >= start && m[1] <= end {
			hs = append(hs, [2]int{m[0] - start + len(prefix), m[1] - start + len(prefix)})
		}
	}
	return prefix + text[start:end] + suffix, hs
}
