package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Files are the files of an index, by path inside the index folder
// ("manifest.json", "d/a.json").
type Files map[string][]byte

// Version is the index format version, in the manifest.
const Version = 1

// manifest is manifest.json: what a client reads first.
type manifest struct {
	Version  int    `json:"version"`
	ID       string `json:"id"` // changes with any file of the index; clients add ?v=ID to fetches
	Sections int    `json:"sections"`
	Pages    int    `json:"pages"`
	Chunk    int    `json:"chunk"`
	// Dict lists the keys of the dictionary shards.
	Dict []string `json:"dict"`
	Stop []string `json:"stop"`
	// Filters maps "kind", "track" and "level" to each value's sections,
	// as [first, count] ranges.
	Filters map[string]map[string][][2]int `json:"filters"`
	// Boost lists [first, count, percent] for sections not at 100%.
	Boost [][3]int `json:"boost"`
}

// dictShard is d/<key>.json.
type dictShard struct {
	// Terms are [stem, idf, "word word"]: the stem, its weight, and up to
	// four words of the text it stands for (other than the stem itself).
	Terms [][3]any `json:"t"`
	// Posts gives the number of terms in each of p/<key>-0.json,
	// p/<key>-1.json...
	Posts []int `json:"p"`
}

// postShard is p/<key>-<n>.json: for each term, in dictionary order,
// [sections, titles]. sections is flat [gap, value, gap, value...] where
// the gap is from the previous section id and value is 16 if the heading
// holds the term plus the term's weight in the text (0 to 12, textWeight); titles is flat
// [gap, count, ...]: ranges of sections of the pages whose title holds it.
type postShard struct {
	Terms [][2][]int `json:"t"`
}

// docChunk is s/<n>.json.
type docChunk struct {
	Pages    [][3]string `json:"p"` // [url, title, kind]
	Sections [][4]any    `json:"s"` // [page index in Pages, anchor, heading, text]
}

type posting struct{ section, value int }

type termData struct {
	sections []posting
	pages    []int // indexes of pages whose title holds the term
	surfaces map[string]int
	df       int
}

type pageSections struct {
	page  Page
	first int
	secs  []Section
	// What Add worked out, on all CPUs: the terms of the title, of each
	// section, and the words each term stands for.
	title    []string
	an       []analyzed
	surfaces map[[2]string]int // {term, word} → count
}

type analyzed struct {
	head   map[string]bool
	counts map[string]int // terms of the text
	length int            // terms in the text
}

// analyze finds the terms of a page.
func analyze(p *pageSections, stems *sync.Map) {
	p.surfaces = map[[2]string]int{}
	each := func(text string, fn func(term string)) {
		tokens(text, func(t token) {
			if t.cjk {
				fn(t.word)
				return
			}
			if stopWords[t.word] {
				return
			}
			v, ok := stems.Load(t.word)
			if !ok {
				v, _ = stems.LoadOrStore(t.word, Stem(t.word))
			}
			term := v.(string)
			if term != t.word {
				p.surfaces[[2]string{term, t.word}]++
			}
			fn(term)
		})
	}
	title := map[string]bool{}
	each(p.page.Title, func(term string) { title[term] = true })
	p.title = slices.Sorted(maps.Keys(title))
	p.an = make([]analyzed, len(p.secs))
	for i, sec := range p.secs {
		a := analyzed{head: map[string]bool{}, counts: map[string]int{}}
		each(sec.Heading, func(term string) { a.head[term] = true })
		each(sec.Text, func(term string) {
			a.counts[term]++
			a.length++
		})
		p.an[i] = a
	}
}

// Builder collects pages for an index. Add is safe for concurrent use, so
// pages can be added as they are rendered.
type Builder struct {
	mu    sync.Mutex
	pages []pageSections
	stems sync.Map // word → stem, for the words seen so far
	// dictBytes and postBytes override DictShardBytes and PostShardBytes
	// when set, for tests of the sharding.
	dictBytes, postBytes int
}

// Add splits a page into sections (ExtractSections) and keeps them, not
// the page's HTML.
func (b *Builder) Add(p Page) {
	secs := ExtractSections(p.HTML)
	p.HTML = nil
	if p.HeadingsOnly {
		for i := 1; i < len(secs); i++ {
			secs[i].Text = ""
		}
	}
	ps := pageSections{page: p, secs: secs}
	analyze(&ps, &b.stems)
	b.mu.Lock()
	b.pages = append(b.pages, ps)
	b.mu.Unlock()
}

// Build indexes pages and returns the files of the index.
func Build(pages []Page) (Files, error) {
	var b Builder
	var wg sync.WaitGroup
	work := make(chan Page)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				b.Add(p)
			}
		}()
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
	return b.Files()
}

// Files indexes the pages added and returns the files of the index.
func (b *Builder) Files() (Files, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ps := b.pages
	// Pages of one kind, track and level are neighbours, so that a filter
	// is a few ranges of section ids.
	slices.SortStableFunc(ps, func(a, b pageSections) int {
		return cmp.Or(cmp.Compare(a.page.Kind, b.page.Kind), cmp.Compare(a.page.Track, b.page.Track),
			cmp.Compare(a.page.Level, b.page.Level), cmp.Compare(a.page.URL, b.page.URL))
	})
	n := 0
	for i := range ps {
		ps[i].first = n
		n += len(ps[i].secs)
	}

	total := 0
	for _, p := range ps {
		for _, a := range p.an {
			total += a.length
		}
	}
	avg := float64(total) / float64(max(n, 1))
	terms := map[string]*termData{}
	get := func(stem string) *termData {
		t := terms[stem]
		if t == nil {
			t = &termData{surfaces: map[string]int{}}
			terms[stem] = t
		}
		return t
	}
	for pi, p := range ps {
		for _, term := range p.title {
			t := get(term)
			t.pages = append(t.pages, pi)
			t.df++
		}
		for k, c := range p.surfaces {
			get(k[0]).surfaces[k[1]] += c
		}
		for si, a := range p.an {
			id := p.first + si
			for term := range a.head {
				if _, ok := a.counts[term]; !ok {
					get(term).sections = append(get(term).sections, posting{id, headingFlag})
					get(term).df++
				}
			}
			for term, c := range a.counts {
				v := textWeight(c, a.length, avg)
				if a.head[term] {
					v += headingFlag
				}
				t := get(term)
				t.sections = append(t.sections, posting{id, v})
				t.df++
			}
		}
	}
	for _, t := range terms {
		slices.SortFunc(t.sections, func(a, b posting) int { return cmp.Compare(a.section, b.section) })
	}

	files := Files{}
	chunk := ChunkSize
	if n >= LargeIndex {
		chunk = SmallChunkSize
	}
	m := manifest{Version: Version, Sections: n, Pages: len(ps), Chunk: chunk, Stop: StopWords,
		Filters: map[string]map[string][][2]int{}, Boost: [][3]int{}}
	stems := make([]string, 0, len(terms))
	for s := range terms {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	dictBytes, postBytes := cmp.Or(b.dictBytes, DictShardBytes), cmp.Or(b.postBytes, PostShardBytes)
	for _, group := range shardStems(stems, terms, n, 1, dictBytes) {
		m.Dict = append(m.Dict, group.key)
		if err := writeShard(files, group, terms, ps, n, postBytes); err != nil {
			return nil, err
		}
	}
	if m.Dict == nil {
		m.Dict = []string{}
	}
	filtersAndBoosts(&m, ps)
	if err := writeDocs(files, ps, chunk); err != nil {
		return nil, err
	}
	m.ID = hashFiles(files)
	data, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	files["manifest.json"] = data
	return files, nil
}

func set(terms []string) map[string]bool {
	m := make(map[string]bool, len(terms))
	for _, t := range terms {
		m[t] = true
	}
	return m
}

// runeKey is the part of a shard key that one rune of a term gives: the
// letter or digit itself, or "_" and two hex digits for anything else.
func runeKey(r rune) string {
	if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
		return string(r)
	}
	return fmt.Sprintf("_%02x", r%64)
}

// shardKey is the key of the dictionary shard of depth letters holding
// term; "~" pads a term shorter than depth.
func shardKey(term string, depth int) string {
	var b strings.Builder
	for _, r := range term {
		if depth == 0 {
			break
		}
		b.WriteString(runeKey(r))
		depth--
	}
	for ; depth > 0; depth-- {
		b.WriteByte('~')
	}
	return b.String()
}

type stemGroup struct {
	key   string
	stems []string
}

// shardStems groups stems (sorted) by shard key, splitting a group that
// would be too large by one more letter, down to three letters.
func shardStems(stems []string, terms map[string]*termData, n, depth, maxBytes int) []stemGroup {
	var groups []stemGroup
	for _, s := range stems {
		k := shardKey(s, depth)
		if len(groups) == 0 || groups[len(groups)-1].key != k {
			groups = append(groups, stemGroup{key: k})
		}
		g := &groups[len(groups)-1]
		g.stems = append(g.stems, s)
	}
	// Keys of one depth do not sort like the stems ("_" and "~"): keep
	// every group whole and in key order.
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].key < groups[j].key })
	groups = mergeSameKey(groups)
	var out []stemGroup
	for _, g := range groups {
		if depth < 3 && dictSize(g.stems, terms, n) > maxBytes {
			out = append(out, shardStems(g.stems, terms, n, depth+1, maxBytes)...)
			continue
		}
		out = append(out, g)
	}
	return out
}

func mergeSameKey(gs []stemGroup) []stemGroup {
	var out []stemGroup
	for _, g := range gs {
		if len(out) > 0 && out[len(out)-1].key == g.key {
			out[len(out)-1].stems = append(out[len(out)-1].stems, g.stems...)
			continue
		}
		out = append(out, g)
	}
	for i := range out {
		sort.Strings(out[i].stems)
	}
	return out
}

func dictSize(stems []string, terms map[string]*termData, n int) int {
	size := 0
	for _, s := range stems {
		e := dictEntry(s, terms[s], n)
		size += len(s) + len(e[2].(string)) + 12
	}
	return size
}

// headingFlag marks a posting whose section heading holds the term.
const headingFlag = 16

// textWeight grades count occurrences of a term in a text of length terms
// from 1 to 12 as BM25 does (k1 = 1.2, b = 0.75): more occurrences weigh
// more, with diminishing returns, and one in a short section more than
// one in a long one.
func textWeight(count, length int, avg float64) int {
	const k1, b = 1.2, 0.75
	tf := float64(count)
	w := tf * (k1 + 1) / (tf + k1*(1-b+b*float64(length)/avg))
	return 1 + min(11, int(math.Round(w*5)))
}

// idf is the weight of a term found in df of n documents, as an integer so
// that both clients rank alike.
func idf(n, df int) int {
	return 1 + int(10*math.Log(1+(float64(n-df)+0.5)/(float64(df)+0.5)))
}

func dictEntry(stem string, t *termData, n int) [3]any {
	type sc struct {
		w string
		c int
	}
	var ws []sc
	for w, c := range t.surfaces {
		ws = append(ws, sc{w, c})
	}
	slices.SortFunc(ws, func(a, b sc) int { return cmp.Or(-cmp.Compare(a.c, b.c), cmp.Compare(a.w, b.w)) })
	var words []string
	for i := 0; i < len(ws) && i < 4; i++ {
		words = append(words, ws[i].w)
	}
	return [3]any{stem, idf(n, t.df), strings.Join(words, " ")}
}

// writeShard writes d/<key>.json and its postings files.
func writeShard(files Files, g stemGroup, terms map[string]*termData, ps []pageSections, n, maxBytes int) error {
	var d dictShard
	var cur postShard
	size := 0
	flush := func() error {
		if len(cur.Terms) == 0 {
			return nil
		}
		data, err := json.Marshal(cur)
		if err != nil {
			return err
		}
		files[fmt.Sprintf("p/%s-%d.json", g.key, len(d.Posts))] = data
		d.Posts = append(d.Posts, len(cur.Terms))
		cur, size = postShard{}, 0
		return nil
	}
	for _, s := range g.stems {
		t := terms[s]
		d.Terms = append(d.Terms, dictEntry(s, t, n))
		p := encodePostings(t, ps)
		cur.Terms = append(cur.Terms, p)
		size += 8 + 4*(len(p[0])+len(p[1]))
		if size >= maxBytes {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	files["d/"+g.key+".json"] = data
	return nil
}

// encodePostings prunes and delta-codes a term's postings.
func encodePostings(t *termData, ps []pageSections) [2][]int {
	secs := t.sections
	if len(secs) > MaxPostings {
		secs = slices.Clone(secs)
		slices.SortFunc(secs, func(a, b posting) int {
			return cmp.Or(-cmp.Compare(a.value, b.value), cmp.Compare(a.section, b.section))
		})
		secs = secs[:MaxPostings]
		slices.SortFunc(secs, func(a, b posting) int { return cmp.Compare(a.section, b.section) })
	}
	out := [2][]int{make([]int, 0, 2*len(secs)), {}}
	prev := 0
	for _, p := range secs {
		out[0] = append(out[0], p.section-prev, p.value)
		prev = p.section
	}
	prev = 0
	for i, pi := range t.pages {
		if i == MaxPostings {
			break
		}
		p := ps[pi]
		out[1] = append(out[1], p.first-prev, len(p.secs))
		prev = p.first
	}
	return out
}

// filtersAndBoosts records the section ranges of every filter value and of
// every page not at 100%, and the title ranges of the terms.
func filtersAndBoosts(m *manifest, ps []pageSections) {
	add := func(field, value string, first, count int) {
		if value == "" || count == 0 {
			return
		}
		if m.Filters[field] == nil {
			m.Filters[field] = map[string][][2]int{}
		}
		rs := m.Filters[field][value]
		if k := len(rs) - 1; k >= 0 && rs[k][0]+rs[k][1] == first {
			rs[k][1] += count
		} else {
			rs = append(rs, [2]int{first, count})
		}
		m.Filters[field][value] = rs
	}
	for _, p := range ps {
		c := len(p.secs)
		add("kind", p.page.Kind, p.first, c)
		add("track", p.page.Track, p.first, c)
		add("level", p.page.Level, p.first, c)
		if b := p.page.Boost; b != 0 && b != 100 {
			if k := len(m.Boost) - 1; k >= 0 && m.Boost[k][2] == b && m.Boost[k][0]+m.Boost[k][1] == p.first {
				m.Boost[k][1] += c
			} else {
				m.Boost = append(m.Boost, [3]int{p.first, c, b})
			}
		}
	}
}

// writeDocs writes s/<n>.json, what results show.
func writeDocs(files Files, ps []pageSections, size int) error {
	var chunk docChunk
	pageIdx := map[int]int{}
	id := 0
	flush := func() error {
		data, err := json.Marshal(chunk)
		if err != nil {
			return err
		}
		files["s/"+strconv.Itoa((id-1)/size)+".json"] = data
		chunk, pageIdx = docChunk{}, map[int]int{}
		return nil
	}
	for pi, p := range ps {
		for si, sec := range p.secs {
			k, ok := pageIdx[pi]
			if !ok {
				k = len(chunk.Pages)
				pageIdx[pi] = k
				chunk.Pages = append(chunk.Pages, [3]string{p.page.URL, p.page.Title, p.page.Kind})
			}
			heading := sec.Heading
			if sec.Parent != "" && heading != "" {
				heading = sec.Parent + " › " + heading
			}
			chunk.Sections = append(chunk.Sections, [4]any{k, sec.Anchor, heading, truncateText(shownText(p.secs, si), MaxTextRunes)})
			id++
			if id%size == 0 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if len(chunk.Sections) > 0 {
		return flush()
	}
	return nil
}

// shownText is the text a result shows for section i: its own, or for a
// heading with nothing under it but subsections ("Decision rights" above
// "Decides alone"), theirs, each after its heading.
func shownText(secs []Section, i int) string {
	if secs[i].Text != "" || secs[i].Heading == "" {
		return secs[i].Text
	}
	var b strings.Builder
	for _, sub := range secs[i+1:] {
		if sub.Parent != secs[i].Heading || b.Len() > MaxTextRunes*4 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sub.Heading + ": " + sub.Text)
	}
	return b.String()
}

// truncateText cuts text to at most n runes, at a space when there is one
// near the end.
func truncateText(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return cut + "…"
}

func hashFiles(files Files) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
