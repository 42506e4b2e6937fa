package search

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"weak"

	"github.com/handbook-dev/handbook/internal/parallel"
)

// Files are the files of an index, by path inside the index folder
// ("manifest.json", "d/a.json").
type Files map[string][]byte

// Version is the index format version, in the manifest. Version 2 added
// the sizes of headings and titles (fieldSize) to the postings, for exact
// matches. Version 3 writes a term's sections as a string of letters and
// digits (appendSection) and a dictionary shard's terms as lines of one
// string (appendDictTerm), which gzip compresses better.
//
// Version 4 indexes stop words in titles and headings (stopTerm), merges
// more forms of a word into one term (Base), and adds the shards of stems
// by their last letters (e/), the topics of sections (topics.json) and
// the rules that recognise a question (the manifest's ask).
const Version = 4

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
	// Ends lists the keys of the shards of stems by their last letters
	// (e/<key>.json), read for a typo in a word's first letters.
	Ends []string `json:"ends"`
	// Ask holds the rules that recognise a question (askRules).
	Ask []askRule `json:"ask"`
	// Topics maps each topic that sections have to its weight (an idf, as
	// a word's); topics.json lists its sections.
	Topics map[string]int `json:"topics"`
}

// endShard is e/<key>.json: the stems of four letters or more whose last
// letters are key, read backwards ("e/ro.json" holds "mentor"; the key of
// a small index's only file is "", its file e/_.json), sorted by their
// reversed letters. Terms holds each stem as the number of its last
// letters it shares with the stem before, then its other letters:
// "data", "beta", "meta" are "0data2be3m" (appendEnds). The stems hold
// no digits.
type endShard struct {
	Terms string `json:"t"`
}

// endFile is the name of the file of the shard of stems by their ends
// with key.
func endFile(key string) string { return "e/" + cmp.Or(key, "_") + ".json" }

// appendEnds appends stems, sorted by their reversed letters, as
// endShard.Terms holds them.
func appendEnds(dst []byte, stems []string) []byte {
	var prev []rune
	for _, s := range stems {
		r := []rune(s)
		k := 0
		for k < len(r) && k < len(prev) && r[len(r)-1-k] == prev[len(prev)-1-k] {
			k++
		}
		dst = strconv.AppendInt(dst, int64(k), 10)
		dst = append(dst, string(r[:len(r)-k])...)
		prev = r
	}
	return dst
}

// parseEnds reads what appendEnds wrote.
func parseEnds(s string) []string {
	var out []string
	var prev []rune
	for i := 0; i < len(s); {
		k := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			k = k*10 + int(s[i]-'0')
			i++
		}
		j := i
		for j < len(s) && (s[j] < '0' || s[j] > '9') {
			j++
		}
		r := []rune(s[i:j])
		if k > len(prev) {
			k = len(prev)
		}
		r = append(r, prev[len(prev)-k:]...)
		out = append(out, string(r))
		prev, i = r, j
	}
	return out
}

// dictShard is d/<key>.json.
type dictShard struct {
	// Terms holds a line per term, "stem idf word word": the stem, its
	// weight, and up to four words of the text it stands for (other than
	// the stem itself), each written as its difference from the stem
	// (appendDictTerm).
	Terms string `json:"t"`
	// Posts gives the number of terms in each of p/<key>-0.json,
	// p/<key>-1.json...
	Posts []int `json:"p"`
}

// postShard is p/<key>-<n>.json: for each term, in dictionary order,
// [sections, titles]. sections is a string (appendSection): for each
// section holding the term, its id as a gap from the previous one, if the
// heading holds the term the heading's fieldSize, and the term's weight in
// the text (0 to 12, textWeight); titles is flat [gap, count, size, ...]:
// the pages whose title holds it, each as the range of its sections and
// the fieldSize of its title.
type postShard struct {
	Terms []postTerm `json:"t"`
}

// postTerm is a term's entry in a postShard.
type postTerm struct {
	Sections string
	Titles   []int
}

func (p *postTerm) UnmarshalJSON(data []byte) error {
	var raw [2]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[0], &p.Sections); err != nil {
		return err
	}
	return json.Unmarshal(raw[1], &p.Titles)
}

// docChunk is s/<n>.json.
type docChunk struct {
	Pages    [][3]string `json:"p"` // [url, title, kind]
	Sections [][4]any    `json:"s"` // [page index in Pages, anchor, heading, text]
}

// Indexer writes the files of these three types by hand, with
// appendJSONString, as encoding/json would write them: they are most of
// the index, and json.Marshal would need them whole, as values, first.

// Indexer collects pages for an index. Add is safe for concurrent use, so
// pages can be added as they are rendered.
//
// Add does all the work a page needs on its own (sections, terms,
// snippets) and keeps only what the index files need of it: its postings
// as integers (terms are interned once for the whole index) and its
// results' entries, already encoded. Files then merges the pages.
type Indexer struct {
	mu    sync.Mutex // guards pages
	pages []*pageRec
	dict  dictionary
	// dictBytes and postBytes override DictShardBytes and PostShardBytes
	// when set, for tests of the sharding.
	dictBytes, postBytes int

	// The pages by URL, when they are Put (update.go); dead counts the
	// dropped pages still in pages.
	byURL map[string]*pageRec
	seed  maphash.Seed
	dead  int
}

// pageRec is what the index keeps of a page.
type pageRec struct {
	url, title, kind, track, level string
	boost                          int
	nsecs                          int
	data                           bool  // its last section is Page.Data
	first                          int   // id of its first section, set by Files
	length                         int64 // terms in the text of all its sections
	// post holds, for each section, uvarints: the number of terms in its
	// text, the fieldSize of its heading, the number of its terms, then for
	// each term its id and count<<1 | 1 if the heading holds it.
	post []byte
	// docs is the page's entry in s/<n>.json, ending at docHead, then each
	// section's entry without its page index, ending at docEnd[i]:
	// ["url","title","kind"]"anchor","heading","text""anchor",...
	docs    []byte
	docHead int32
	docEnd  []int32
	// docAlt holds, for a heading with nothing under it but subsections,
	// its entry with their text, written when its first subsection starts
	// the next file (docs holds it without text: see composeText).
	docAlt     map[int][]byte
	titleTerms []int32 // the distinct terms of its title
	titleSize  int     // fieldSize of its title
	// topics is the topic of each section ("" for none), nil when the
	// page has none.
	topics []string

	// Kept by Put alone (update.go): the hash of the Page and of its
	// HTML, which HTML that was (not keeping it alive), its words and
	// their counts (wordCounts), and whether it was dropped since.
	sum, htmlSum uint64
	htmlRef      weak.Pointer[byte]
	htmlLen      int
	words        []byte
	dropped      bool
}

// dictionary interns the words and terms of all pages: each is stored
// once and named by an int32 id.
type dictionary struct {
	mu       sync.RWMutex
	words    map[string]int32 // folded word (not CJK, not a stop word) → word id
	wordTerm []int32          // word id → its term
	wordStr  []string
	wordSurf []bool           // the word differs from its stem
	terms    map[string]int32 // term → term id
	termStr  []string

	// Counts of the pages added, under the Indexer's lock.
	wordCount  []int64 // occurrences of each word (once pages are dropped, exact only for wordSurf's: see wordCounts)
	termPosts  []int32 // sections holding each term
	termTitles []int32 // pages whose title holds each term
}

// Add splits a page into sections (ExtractSections) and keeps what the
// index needs of them, not the page's HTML.
func (b *Indexer) Add(p Page) {
	a := analyzers.Get().(*analyzer)
	rec := a.page(p, &b.dict)
	// The page's counts and the page itself, at once: Files sees both or
	// neither.
	b.mu.Lock()
	b.dict.count(a)
	b.pages = append(b.pages, rec)
	b.mu.Unlock()
	analyzers.Put(a)
}

// Index indexes pages and returns the files of the index.
func Index(pages []Page) (Files, error) {
	var b Indexer
	b.AddAll(pages)
	return b.Files()
}

// AddAll adds pages on all CPUs.
func (b *Indexer) AddAll(pages []Page) {
	parallel.Each(context.Background(), pages, func(_ context.Context, p Page) error {
		b.Add(p)
		return nil
	})
}

var analyzers = sync.Pool{New: func() any {
	return &analyzer{words: map[string]int32{}, cjk: map[string]int32{}, lts: map[int32]int32{}}
}}

// analyzer is the scratch space of Add, reused from page to page.
type analyzer struct {
	x      extractor
	words  map[string]int32 // folded word → local word, -1 for a stop word
	cjk    map[string]int32 // CJK bigram → local word
	ents   []localWord
	title  []int32 // local words of the title
	stream []int32 // local words of the sections' headings and texts
	bounds []int32 // per section: start of its heading's words, of its text's words
	lts    map[int32]int32
	lterms []localTerm
	touch  []int32
	miss   []int32
	post   []byte
	docs   []byte
	docEnd []int32
	shown  strings.Builder
}

type localWord struct {
	word  string
	cjk   bool
	count int64 // occurrences in the page
	wid   int32 // global word id; -1 for CJK
	lt    int32 // index in lterms
	term  int32
}

type localTerm struct {
	term  int32
	title bool
	posts int32 // sections of the page holding the term
	stamp int32 // 1 + the section that last counted it
	count int32
	head  bool
}

func (a *analyzer) reset() {
	clear(a.words)
	clear(a.cjk)
	clear(a.lts)
	a.ents = a.ents[:0]
	a.title = a.title[:0]
	a.stream = a.stream[:0]
	a.bounds = a.bounds[:0]
	a.lterms = a.lterms[:0]
	a.touch = a.touch[:0]
	a.miss = a.miss[:0]
	a.post = a.post[:0]
	a.docs = a.docs[:0]
	a.docEnd = a.docEnd[:0]
}

// local returns the local word of a token, -1 for a stop word; in a
// title or heading (head), a stop word is the local word of its stopTerm.
func (a *analyzer) local(t token, head bool) int32 {
	if t.cjk {
		id, ok := a.cjk[t.word]
		if !ok {
			id = int32(len(a.ents))
			a.ents = append(a.ents, localWord{word: t.word, cjk: true, wid: -1})
			a.cjk[t.word] = id
		}
		return id
	}
	word := t.word
	if head && stopWords[word] {
		word = stopTerm(word)
	}
	id, ok := a.words[word]
	if !ok {
		if stopWords[word] {
			id = -1
		} else {
			id = int32(len(a.ents))
			a.ents = append(a.ents, localWord{word: word})
		}
		a.words[word] = id
	}
	if id >= 0 {
		a.ents[id].count++
	}
	return id
}

// appendTokens appends the local words of text; head is set for a title
// or a heading, where stop words count too.
func (a *analyzer) appendTokens(dst []int32, text string, head bool) []int32 {
	tokens(text, func(t token) {
		if id := a.local(t, head); id >= 0 {
			dst = append(dst, id)
		}
	})
	return dst
}

// page analyses a page: its sections, the terms of its title and of each
// section, and what results show of it.
func (a *analyzer) page(p Page, d *dictionary) *pageRec {
	a.reset()
	secs := a.x.sections(p.HTML)
	if p.HeadingsOnly {
		for i := 1; i < len(secs); i++ {
			secs[i].Text = ""
		}
	}
	data := strings.TrimSpace(p.Data) != ""
	if data {
		secs = append(secs, Section{Text: truncateText(p.Data, MaxDataRunes)})
	}
	rec := &pageRec{url: p.URL, title: p.Title, kind: p.Kind, track: p.Track, level: p.Level,
		boost: p.Boost, nsecs: len(secs), data: data, titleSize: fieldSize(p.Title), topics: sectionTopics(secs, p.Topics)}

	// The words of the page, as local ids.
	a.title = a.appendTokens(a.title, p.Title, true)
	for _, sec := range secs {
		a.bounds = append(a.bounds, int32(len(a.stream)))
		a.stream = a.appendTokens(a.stream, sec.Heading, true)
		a.bounds = append(a.bounds, int32(len(a.stream)))
		a.stream = a.appendTokens(a.stream, sec.Text, false)
	}
	a.bounds = append(a.bounds, int32(len(a.stream)))

	// Their terms, global ids.
	d.resolve(a)
	for i := range a.ents {
		e := &a.ents[i]
		lt, ok := a.lts[e.term]
		if !ok {
			lt = int32(len(a.lterms))
			a.lterms = append(a.lterms, localTerm{term: e.term})
			a.lts[e.term] = lt
		}
		e.lt = lt
	}
	for _, w := range a.title {
		if t := &a.lterms[a.ents[w].lt]; !t.title {
			t.title = true
			rec.titleTerms = append(rec.titleTerms, t.term)
		}
	}

	// Each section's terms.
	for s := range secs {
		stamp := int32(s + 1)
		head, text, end := a.bounds[2*s], a.bounds[2*s+1], a.bounds[2*s+2]
		for k, w := range a.stream[head:end] {
			lt := a.ents[w].lt
			t := &a.lterms[lt]
			if t.stamp != stamp {
				*t = localTerm{term: t.term, title: t.title, posts: t.posts, stamp: stamp}
				a.touch = append(a.touch, lt)
			}
			if int32(k) < text-head {
				t.head = true
			} else {
				t.count++
			}
		}
		length := end - text
		rec.length += int64(length)
		a.post = binary.AppendUvarint(a.post, uint64(length))
		a.post = binary.AppendUvarint(a.post, uint64(fieldSize(secs[s].Heading)))
		a.post = binary.AppendUvarint(a.post, uint64(len(a.touch)))
		for _, lt := range a.touch {
			t := &a.lterms[lt]
			v := uint64(t.count) << 1
			if t.head {
				v |= 1
			}
			a.post = binary.AppendUvarint(a.post, uint64(t.term))
			a.post = binary.AppendUvarint(a.post, v)
			t.posts++
		}
		a.touch = a.touch[:0]
	}
	rec.post = slices.Clone(a.post)

	// What results show.
	a.docs = append(a.docs, '[')
	a.docs = appendJSONString(a.docs, p.URL)
	a.docs = append(a.docs, ',')
	a.docs = appendJSONString(a.docs, p.Title)
	a.docs = append(a.docs, ',')
	a.docs = appendJSONString(a.docs, p.Kind)
	a.docs = append(a.docs, ']')
	rec.docHead = int32(len(a.docs))
	for i, sec := range secs {
		heading := sec.Heading
		if sec.Parent != "" && heading != "" {
			heading = sec.Parent + " › " + heading
		}
		start := len(a.docs)
		a.docs = appendJSONString(a.docs, sec.Anchor)
		a.docs = append(a.docs, ',')
		a.docs = appendJSONString(a.docs, heading)
		a.docs = append(a.docs, ',')
		shown := truncateText(a.shownText(secs, i), MaxTextRunes)
		if sec.Text == "" && shown != "" {
			// Its subsections' text: clients compose it from theirs
			// (composeText) when they are in the same file.
			if rec.docAlt == nil {
				rec.docAlt = map[int][]byte{}
			}
			rec.docAlt[i] = appendJSONString(slices.Clone(a.docs[start:]), shown)
			shown = ""
		}
		a.docs = appendJSONString(a.docs, shown)
		a.docEnd = append(a.docEnd, int32(len(a.docs)))
	}
	rec.docs = slices.Clone(a.docs)
	rec.docEnd = slices.Clone(a.docEnd)
	return rec
}

// sectionTopics gives each section its topic (Page.Topics): its own, its
// h2's for an h3, or the page's; nil when no section has one.
func sectionTopics(secs []Section, topics map[string]string) []string {
	if len(topics) == 0 {
		return nil
	}
	out := make([]string, len(secs))
	h2 := topics[""]
	for i, sec := range secs {
		t, ok := topics[sec.Anchor]
		switch {
		case ok:
		case sec.Parent != "":
			t = h2
		default:
			t = topics[""]
		}
		if sec.Parent == "" {
			h2 = t
		}
		out[i] = t
	}
	return out
}

// resolve sets the global ids of the words of a page, adding the new ones
// to the dictionary.
func (d *dictionary) resolve(a *analyzer) {
	d.mu.RLock()
	for i := range a.ents {
		e := &a.ents[i]
		ok := false
		if e.cjk {
			e.term, ok = d.terms[e.word]
		} else if e.wid, ok = d.words[e.word]; ok {
			e.term = d.wordTerm[e.wid]
		}
		if !ok {
			a.miss = append(a.miss, int32(i))
		}
	}
	d.mu.RUnlock()
	if len(a.miss) == 0 {
		return
	}
	stems := make([]string, len(a.miss))
	for k, i := range a.miss {
		if e := &a.ents[i]; !e.cjk {
			stems[k] = Base(e.word)
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.words == nil {
		d.words, d.terms = map[string]int32{}, map[string]int32{}
	}
	term := func(s string) int32 {
		id, ok := d.terms[s]
		if !ok {
			s = strings.Clone(s)
			id = int32(len(d.termStr))
			d.termStr = append(d.termStr, s)
			d.terms[s] = id
		}
		return id
	}
	for k, i := range a.miss {
		e := &a.ents[i]
		if e.cjk {
			e.term = term(e.word)
			continue
		}
		wid, ok := d.words[e.word]
		if !ok {
			wid = int32(len(d.wordStr))
			w := strings.Clone(e.word)
			t := term(stems[k])
			d.words[w] = wid
			d.wordStr = append(d.wordStr, w)
			d.wordTerm = append(d.wordTerm, t)
			d.wordSurf = append(d.wordSurf, stems[k] != w)
		}
		e.wid, e.term = wid, d.wordTerm[wid]
	}
}

// count adds a page's counts to the dictionary's, under the Indexer's
// lock.
func (d *dictionary) count(a *analyzer) {
	for _, t := range a.lterms {
		if int(t.term) >= len(d.termPosts) {
			d.termPosts = grow(d.termPosts, int(t.term))
			d.termTitles = grow(d.termTitles, int(t.term))
		}
		d.termPosts[t.term] += t.posts
		if t.title {
			d.termTitles[t.term]++
		}
	}
	for _, e := range a.ents {
		if e.cjk {
			continue
		}
		if int(e.wid) >= len(d.wordCount) {
			d.wordCount = grow(d.wordCount, int(e.wid))
		}
		d.wordCount[e.wid] += e.count
	}
}

// grow returns s with room for index i, and more.
func grow[S ~[]E, E any](s S, i int) S {
	s = slices.Grow(s, i+1-len(s))
	return s[:cap(s)]
}

// shownText is the text a result shows for section i: its own, or for a
// heading with nothing under it but subsections ("Decision rights" above
// "Decides alone"), theirs, each after its heading.
func (a *analyzer) shownText(secs []Section, i int) string {
	if secs[i].Text != "" || secs[i].Heading == "" {
		return secs[i].Text
	}
	b := &a.shown
	b.Reset()
	for _, sub := range secs[i+1:] {
		if sub.Parent != secs[i].Heading || b.Len() > MaxTextRunes*4 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sub.Heading)
		b.WriteString(": ")
		b.WriteString(sub.Text)
	}
	return b.String()
}

// composeText is the text a result shows for section k of a result file
// stored without text: that of the sections after it in the file whose
// headings are under its own ("Decision rights" → "Decision rights ›
// Decides alone"), each after its own heading, cut to MaxTextRunes runes
// (at a space in the last quarter, then "…"), "" when none is. The index
// stores a heading with nothing under it but subsections so, rather than
// their text again; search.js composes alike.
func composeText(headings, texts []string, k int) string {
	if headings[k] == "" {
		return ""
	}
	prefix := headings[k] + " › "
	var b strings.Builder
	for j := k + 1; j < len(headings) && strings.HasPrefix(headings[j], prefix); j++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(headings[j][len(prefix):])
		b.WriteString(": ")
		b.WriteString(texts[j])
		if utf8.RuneCountInString(b.String()) > MaxTextRunes {
			break
		}
	}
	r := []rune(b.String())
	if len(r) <= MaxTextRunes {
		return string(r)
	}
	r = r[:MaxTextRunes]
	for i := len(r) - 1; i > MaxTextRunes*3/4; i-- {
		if r[i] == ' ' {
			r = r[:i]
			break
		}
	}
	return string(r) + "…"
}

// truncateText cuts text to at most n runes, at a space when there is one
// near the end.
func truncateText(text string, n int) string {
	if len(text) <= n {
		return text
	}
	end := 0 // of the first n runes
	for k := 0; k < n && end < len(text); k++ {
		if text[end] < utf8.RuneSelf {
			end++
		} else {
			_, size := utf8.DecodeRuneInString(text[end:])
			end += size
		}
	}
	if end == len(text) {
		return text
	}
	cut := text[:end]
	if !utf8.ValidString(cut) {
		cut = string([]rune(text)[:n]) // invalid bytes become U+FFFD, as before
	}
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return cut + "…"
}

// index is what Files works out from the pages.
type index struct {
	ps    []*pageRec
	n     int // sections
	terms []string
	df    []int
	words []string // up to four words each term stands for, joined
	// The postings of term t are secs[postOff[t]:postOff[t+1]] with their
	// values in vals; the pages whose title holds it are
	// titles[titleOff[t]:titleOff[t+1]].
	postOff  []int
	secs     []int32
	vals     []uint8
	titleOff []int
	titles   []int32
}

// Files indexes the pages added and returns the files of the index.
func (b *Indexer) Files() (Files, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d := &b.dict
	d.mu.RLock()
	defer d.mu.RUnlock()

	b.compact()
	ps := b.pages
	// Pages of one kind, track and level are neighbours, so that a filter
	// is a few ranges of section ids.
	slices.SortStableFunc(ps, func(a, b *pageRec) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.track, b.track),
			cmp.Compare(a.level, b.level), cmp.Compare(a.url, b.url))
	})
	x := &index{ps: ps, terms: d.termStr}
	var total int64
	for _, p := range ps {
		p.first = x.n
		x.n += p.nsecs
		total += p.length
	}
	avg := float64(total) / float64(max(x.n, 1))
	nt := len(d.termStr)
	posts := func(t int) int {
		if t < len(d.termPosts) {
			return int(d.termPosts[t])
		}
		return 0
	}
	titles := func(t int) int {
		if t < len(d.termTitles) {
			return int(d.termTitles[t])
		}
		return 0
	}

	// Postings, by term: a term's sections come in the order of the pages.
	x.df = make([]int, nt)
	x.postOff = make([]int, nt+1)
	x.titleOff = make([]int, nt+1)
	for t := range nt {
		x.df[t] = posts(t) + titles(t)
		x.postOff[t+1] = x.postOff[t] + posts(t)
		x.titleOff[t+1] = x.titleOff[t] + titles(t)
	}
	x.secs = make([]int32, x.postOff[nt])
	x.vals = make([]uint8, x.postOff[nt])
	x.titles = make([]int32, x.titleOff[nt])
	pcur := slices.Clone(x.postOff[:nt])
	tcur := slices.Clone(x.titleOff[:nt])
	for _, p := range ps {
		buf := p.post
		next := func() int {
			v, k := binary.Uvarint(buf)
			buf = buf[k:]
			return int(v)
		}
		for s := range p.nsecs {
			id := int32(p.first + s)
			length, head := next(), max(1, next())
			var weights [16]uint8 // textWeight of small counts in the section, 0 until needed
			for range next() {
				t, v := next(), next()
				val := uint8(0)
				if c := v >> 1; c >= len(weights) {
					val = uint8(textWeight(c, length, avg))
				} else if c > 0 {
					if weights[c] == 0 {
						weights[c] = uint8(textWeight(c, length, avg))
					}
					val = weights[c]
				}
				if v&1 != 0 {
					val += uint8(headingFlag * head)
				}
				x.secs[pcur[t]], x.vals[pcur[t]] = id, val
				pcur[t]++
			}
		}
	}
	// Title postings: the page's distinct title terms, in page order.
	for pi, p := range ps {
		for _, t := range p.titleTerms {
			x.titles[tcur[t]] = int32(pi)
			tcur[t]++
		}
	}
	x.surfaces(d)

	files := Files{}
	chunk := ChunkSize
	if x.n >= LargeIndex {
		chunk = SmallChunkSize
	}
	m := manifest{Version: Version, Sections: x.n, Pages: len(ps), Chunk: chunk, Stop: StopWords,
		Filters: map[string]map[string][][2]int{}, Boost: [][3]int{}}
	// Every term of the pages added is in a title or a section; a term
	// of a page still being added is not in the index yet.
	stems := make([]int32, 0, nt)
	for t := range nt {
		if x.df[t] > 0 {
			stems = append(stems, int32(t))
		}
	}
	slices.SortFunc(stems, func(a, b int32) int { return strings.Compare(x.terms[a], x.terms[b]) })
	dictBytes, postBytes := cmp.Or(b.dictBytes, DictShardBytes), cmp.Or(b.postBytes, PostShardBytes)
	groups := x.shardStems(stems, 1, dictBytes)
	for _, g := range groups {
		m.Dict = append(m.Dict, g.key)
	}
	shards := make([][]namedFile, len(groups))
	parallel.For(context.Background(), len(groups), func(_ context.Context, i int) error {
		shards[i] = x.writeShard(groups[i], postBytes)
		return nil
	})
	for _, fs := range shards {
		for _, f := range fs {
			files[f.name] = f.data
		}
	}
	if m.Dict == nil {
		m.Dict = []string{}
	}
	for _, g := range shardEnds(x.endStems(stems), 0, dictBytes) {
		m.Ends = append(m.Ends, g.key)
		files[endFile(g.key)] = append(appendJSONString([]byte(`{"t":`), string(appendEnds(nil, g.stems))), '}')
	}
	if m.Ends == nil {
		m.Ends = []string{}
	}
	m.Ask = askRules
	m.Topics = map[string]int{}
	if topics := topicRanges(ps); len(topics) > 0 {
		data, err := json.Marshal(topics)
		if err != nil {
			return nil, err
		}
		files["topics.json"] = data
		for t, rs := range topics {
			n := 0
			for k := 1; k < len(rs); k += 2 {
				n += rs[k]
			}
			m.Topics[t] = idf(x.n, n)
		}
	}
	filtersAndBoosts(&m, ps)
	writeDocs(files, ps, chunk)
	m.ID = hashFiles(files)
	data, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	files["manifest.json"] = data
	return files, nil
}

// surfaces works out the words each term stands for: up to four, most
// frequent first, then in alphabetical order.
func (x *index) surfaces(d *dictionary) {
	nt := len(x.terms)
	off := make([]int, nt+1)
	count := func(w int) int64 {
		if w < len(d.wordCount) {
			return d.wordCount[w]
		}
		return 0
	}
	for w, t := range d.wordTerm {
		if d.wordSurf[w] && count(w) > 0 {
			off[t+1]++
		}
	}
	for t := range nt {
		off[t+1] += off[t]
	}
	ws := make([]int32, off[nt])
	cur := slices.Clone(off[:nt])
	for w, t := range d.wordTerm {
		if d.wordSurf[w] && count(w) > 0 {
			ws[cur[t]] = int32(w)
			cur[t]++
		}
	}
	x.words = make([]string, nt)
	var b strings.Builder
	for t := range nt {
		list := ws[off[t]:off[t+1]]
		if len(list) == 0 {
			continue
		}
		slices.SortFunc(list, func(a, b int32) int {
			return cmp.Or(-cmp.Compare(count(int(a)), count(int(b))), cmp.Compare(d.wordStr[a], d.wordStr[b]))
		})
		b.Reset()
		for i := 0; i < len(list) && i < 4; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(d.wordStr[list[i]])
		}
		x.words[t] = b.String()
	}
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
	stems []int32 // term ids, in the order of their terms
}

// shardStems groups stems (sorted) by shard key, splitting a group that
// would be too large by one more letter, down to three letters.
func (x *index) shardStems(stems []int32, depth, maxBytes int) []stemGroup {
	var groups []stemGroup
	for _, s := range stems {
		k := shardKey(x.terms[s], depth)
		if len(groups) == 0 || groups[len(groups)-1].key != k {
			groups = append(groups, stemGroup{key: k})
		}
		g := &groups[len(groups)-1]
		g.stems = append(g.stems, s)
	}
	// Keys of one depth do not sort like the stems ("_" and "~"): keep
	// every group whole and in key order.
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].key < groups[j].key })
	groups = x.mergeSameKey(groups)
	var out []stemGroup
	for _, g := range groups {
		if depth < 3 && x.dictSize(g.stems) > maxBytes {
			out = append(out, x.shardStems(g.stems, depth+1, maxBytes)...)
			continue
		}
		out = append(out, g)
	}
	return out
}

func (x *index) mergeSameKey(gs []stemGroup) []stemGroup {
	var out []stemGroup
	for _, g := range gs {
		if len(out) > 0 && out[len(out)-1].key == g.key {
			out[len(out)-1].stems = append(out[len(out)-1].stems, g.stems...)
			continue
		}
		out = append(out, g)
	}
	for i := range out {
		slices.SortFunc(out[i].stems, func(a, b int32) int { return strings.Compare(x.terms[a], x.terms[b]) })
	}
	return out
}

func (x *index) dictSize(stems []int32) int {
	size := 0
	for _, s := range stems {
		size += len(x.terms[s]) + len(x.words[s]) + 12
	}
	return size
}

// endStems returns the stems a typo in the first letters of a word may be
// meant for: those of four letters or more, all letters, neither CJK nor
// a stop word's (a query word of five letters or more gets typo matching;
// its stem may be a letter shorter).
func (x *index) endStems(stems []int32) []endStem {
	var out []endStem
	for _, t := range stems {
		s := x.terms[t]
		if utf8.RuneCountInString(s) < 4 {
			continue
		}
		ok := true
		for _, r := range s {
			if !unicode.IsLetter(r) || isCJK(r) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, endStem{s, reverse(s)})
		}
	}
	slices.SortFunc(out, func(a, b endStem) int { return strings.Compare(a.rev, b.rev) })
	return out
}

// endStem is a stem and its letters reversed.
type endStem struct{ stem, rev string }

// reverse returns s with its runes in the opposite order.
func reverse(s string) string {
	b := make([]byte, 0, len(s))
	for i := len(s); i > 0; {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		b = append(b, s[i-n:i]...)
		i -= n
	}
	return string(b)
}

// endKey is the key of the shard of depth letters, by its last letters,
// holding stem: shardKey of the stem read backwards.
func endKey(stem string, depth int) string { return shardKey(reverse(stem), depth) }

// endGroup is the stems of an e/<key>.json.
type endGroup struct {
	key   string
	stems []string
}

// shardEnds groups stems, sorted by their reversed letters, by their last
// depth letters (all of them in one group at depth 0), splitting a group
// larger than maxBytes by one more letter, down to three; each group keeps
// the stems in that order, so that stems ending alike are neighbours.
func shardEnds(stems []endStem, depth, maxBytes int) []endGroup {
	// Stems sharing their last depth letters are neighbours: take runs of
	// them, then merge the runs of one key (letters outside a-z and 0-9
	// share keys).
	type run struct {
		key   string
		stems []endStem
	}
	var runs []run
	for i := 0; i < len(stems); {
		head := firstRunes(stems[i].rev, depth)
		j := i + 1
		for j < len(stems) && firstRunes(stems[j].rev, depth) == head {
			j++
		}
		runs = append(runs, run{shardKey(head, depth), stems[i:j]})
		i = j
	}
	slices.SortStableFunc(runs, func(a, b run) int { return strings.Compare(a.key, b.key) })
	var out []endGroup
	for i := 0; i < len(runs); {
		g := runs[i].stems
		j := i + 1
		if j < len(runs) && runs[j].key == runs[i].key {
			g = slices.Clone(g)
			for ; j < len(runs) && runs[j].key == runs[i].key; j++ {
				g = append(g, runs[j].stems...)
			}
			slices.SortFunc(g, func(a, b endStem) int { return strings.Compare(a.rev, b.rev) })
		}
		size := 0
		for _, s := range g {
			size += len(s.stem) + 1
		}
		if depth < 3 && size > maxBytes {
			out = append(out, shardEnds(g, depth+1, maxBytes)...)
		} else {
			group := endGroup{key: runs[i].key, stems: make([]string, len(g))}
			for k, s := range g {
				group.stems[k] = s.stem
			}
			out = append(out, group)
		}
		i = j
	}
	return out
}

// firstRunes returns the first n runes of s (all of s when shorter).
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// topicRanges lists, for each topic, the sections that have it, as flat
// [gap, count, …]: each run of sections as its first id, less the end of
// the run before (0 at first), and its length.
func topicRanges(ps []*pageRec) map[string][]int {
	out := map[string][]int{}
	ends := map[string]int{} // the end of each topic's last run
	for _, p := range ps {
		for i, t := range p.topics {
			if t == "" {
				continue
			}
			id := p.first + i
			rs := out[t]
			if len(rs) > 0 && ends[t] == id {
				rs[len(rs)-1]++
			} else {
				rs = append(rs, id-ends[t], 1)
			}
			out[t], ends[t] = rs, id+1
		}
	}
	return out
}

// headingFlag marks a posting whose section heading holds the term: the
// value holds headingFlag times the fieldSize of the heading (1 to
// maxFieldSize) plus the term's text weight (0 to 12).
const headingFlag = 16

// maxFieldSize bounds the fieldSize kept of a heading or title, so that a
// posting's value fits a byte. A query has at most MaxQueryWords words, so
// a longer field is never matched exactly anyway.
const maxFieldSize = 15

// fieldSize is the number of query words a heading or title takes to be
// matched exactly: its distinct terms, stop words left out, a hyphenated
// word counting once as in a query (ParseQuery), so "On-call rotations" is
// 2; at most maxFieldSize.
func fieldSize(text string) int {
	var toks []token
	tokens(text, func(t token) {
		if t.compound {
			// Its parts came first: the compound replaces them.
			for len(toks) > 0 && toks[len(toks)-1].start >= t.start {
				toks = toks[:len(toks)-1]
			}
		}
		toks = append(toks, t)
	})
	var seen []string
	for _, t := range toks {
		if term, ok := indexTerm(t); ok && !slices.Contains(seen, term) {
			seen = append(seen, term)
		}
	}
	return min(len(seen), maxFieldSize)
}

// pruneKey orders the postings of a term that has too many: those whose
// heading holds it, then by text weight.
func pruneKey(v uint8) int {
	k := int(v & 15)
	if v >= headingFlag {
		k += headingFlag
	}
	return k
}

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

type namedFile struct {
	name string
	data []byte
}

// writeShard encodes d/<key>.json and its postings files.
func (x *index) writeShard(g stemGroup, maxBytes int) []namedFile {
	var out []namedFile
	var lines []byte // the dictionary's terms, a line each
	var counts []int
	var cur []byte
	terms, size := 0, 0
	flush := func() {
		if terms == 0 {
			return
		}
		cur = append(cur, "]}"...)
		out = append(out, namedFile{"p/" + g.key + "-" + strconv.Itoa(len(counts)) + ".json", cur})
		counts = append(counts, terms)
		cur, terms, size = nil, 0, 0
	}
	for i, t := range g.stems {
		if i > 0 {
			lines = append(lines, '\n')
		}
		lines = appendDictTerm(lines, x.terms[t], idf(x.n, x.df[t]), x.words[t])

		if terms == 0 {
			cur = append(make([]byte, 0, maxBytes+maxBytes/2), `{"t":[`...)
		} else {
			cur = append(cur, ',')
		}
		var secs, pages int
		cur, secs, pages = x.appendPostings(cur, int(t))
		terms++
		size += 8 + 4*(2*secs+3*pages)
		if size >= maxBytes {
			flush()
		}
	}
	flush()
	dict := appendJSONString([]byte(`{"t":`), string(lines))
	dict = append(dict, `,"p":[`...)
	for i, c := range counts {
		if i > 0 {
			dict = append(dict, ',')
		}
		dict = strconv.AppendInt(dict, int64(c), 10)
	}
	dict = append(dict, "]}"...)
	return append(out, namedFile{"d/" + g.key + ".json", dict})
}

// appendDictTerm appends a term's line of a dictionary shard: the stem,
// its idf and its words, separated by spaces. Each word is written as its
// difference from the stem: the number of the stem's last characters it
// drops (left out when none), then the characters it adds, after a "."
// when they start with a digit: "mentor" with "mentoring" and "mentors" is
// "mentor 31 ing s", "happi" with "happy" is "happi 40 1y". (Only English
// words are stemmed, so the words differ from their stems in letters a to
// z; digits are handled all the same.)
func appendDictTerm(dst []byte, stem string, idf int, words string) []byte {
	dst = append(dst, stem...)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(idf), 10)
	for w := range strings.FieldsSeq(words) {
		k := 0
		for k < len(w) && k < len(stem) && w[k] == stem[k] {
			k++
		}
		for k > 0 && k < len(w) && !utf8.RuneStart(w[k]) {
			k-- // not inside a rune
		}
		dst = append(dst, ' ')
		rest := w[k:]
		digit := rest != "" && rest[0] >= '0' && rest[0] <= '9'
		if drop := utf8.RuneCountInString(stem[k:]); drop > 0 || digit {
			dst = strconv.AppendInt(dst, int64(drop), 10)
		}
		if digit {
			dst = append(dst, '.')
		}
		dst = append(dst, rest...)
	}
	return dst
}

// parseDictTerm reads a line appendDictTerm wrote.
func parseDictTerm(line string) (stem string, idf int, words []string) {
	fields := strings.Split(line, " ")
	stem = fields[0]
	if len(fields) > 1 {
		idf, _ = strconv.Atoi(fields[1])
	}
	for _, f := range fields[min(2, len(fields)):] {
		d := 0
		for d < len(f) && f[d] >= '0' && f[d] <= '9' {
			d++
		}
		drop, _ := strconv.Atoi(f[:d])
		rest := strings.TrimPrefix(f[d:], ".")
		r := []rune(stem)
		words = append(words, string(r[:max(0, len(r)-drop)])+rest)
	}
	return stem, idf, words
}

// appendSection appends a posting of a term (a section and its value, as
// in index) to the string of its sections: the section's id as the gap
// from the previous one (from 0) in decimal, left out when it is 1; if its
// heading holds the term, an upper-case letter for the heading's fieldSize
// (A is 1, O is 15); and a lower-case letter for the term's text weight (a
// is 0, m is 12). "3hBa" is the section 3 with a
// text weight of 7, then the section 4 whose heading of two terms holds
// the term and whose text does not.
func appendSection(dst []byte, gap int32, v uint8) []byte {
	if gap != 1 {
		dst = strconv.AppendInt(dst, int64(gap), 10)
	}
	if v >= headingFlag {
		dst = append(dst, 'A'+v/headingFlag-1)
	}
	return append(dst, 'a'+v%headingFlag)
}

// parseSections reads what appendSection wrote.
func parseSections(s string, fn func(id, value int)) {
	id, gap, digits, head := 0, 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			gap, digits = gap*10+int(c-'0'), true
		case c >= 'A' && c <= 'Z':
			head = headingFlag * int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			if !digits {
				gap = 1
			}
			id += gap
			fn(id, head+int(c-'a'))
			gap, digits, head = 0, false, 0
		}
	}
}

// appendPostings prunes and delta-codes a term's postings, ["sections",
// [titles]], and returns how many sections and title pages it wrote.
func (x *index) appendPostings(dst []byte, t int) ([]byte, int, int) {
	secs := x.secs[x.postOff[t]:x.postOff[t+1]]
	vals := x.vals[x.postOff[t]:x.postOff[t+1]]
	dst = append(dst, `["`...)
	n := 0
	prev := int32(0)
	write := func(k int) {
		dst = appendSection(dst, secs[k]-prev, vals[k])
		prev = secs[k]
		n++
	}
	if len(secs) > MaxPostings {
		// Keep the MaxPostings postings of highest value, the earlier
		// section first on a tie, in the order of their sections.
		var hist [2 * headingFlag]int
		for _, v := range vals {
			hist[pruneKey(v)]++
		}
		threshold, above := len(hist)-1, 0
		for ; threshold > 0 && above+hist[threshold] < MaxPostings; threshold-- {
			above += hist[threshold]
		}
		atThreshold := MaxPostings - above // postings of key threshold to keep
		for k, v := range vals {
			if pruneKey(v) > threshold {
				write(k)
			} else if pruneKey(v) == threshold && atThreshold > 0 {
				atThreshold--
				write(k)
			}
		}
	} else {
		for k := range secs {
			write(k)
		}
	}
	dst = append(dst, `",[`...)
	pages := x.titles[x.titleOff[t]:x.titleOff[t+1]]
	if len(pages) > MaxPostings {
		pages = pages[:MaxPostings]
	}
	prevFirst := 0
	for i, pi := range pages {
		if i > 0 {
			dst = append(dst, ',')
		}
		p := x.ps[pi]
		dst = strconv.AppendInt(dst, int64(p.first-prevFirst), 10)
		dst = append(dst, ',')
		dst = strconv.AppendInt(dst, int64(p.nsecs), 10)
		dst = append(dst, ',')
		dst = strconv.AppendInt(dst, int64(max(1, p.titleSize)), 10)
		prevFirst = p.first
	}
	dst = append(dst, "]]"...)
	return dst, n, len(pages)
}

// filtersAndBoosts records the section ranges of every filter value and of
// every page not at 100%, and the title ranges of the terms.
func filtersAndBoosts(m *manifest, ps []*pageRec) {
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
	boost := func(first, count, b int) {
		if b == 0 || b == 100 || count == 0 {
			return
		}
		if k := len(m.Boost) - 1; k >= 0 && m.Boost[k][2] == b && m.Boost[k][0]+m.Boost[k][1] == first {
			m.Boost[k][1] += count
		} else {
			m.Boost = append(m.Boost, [3]int{first, count, b})
		}
	}
	for _, p := range ps {
		c := p.nsecs
		add("kind", p.kind, p.first, c)
		add("track", p.track, p.first, c)
		add("level", p.level, p.first, c)
		b := cmp.Or(p.boost, 100)
		if !p.data {
			boost(p.first, c, b)
			continue
		}
		boost(p.first, c-1, b)
		boost(p.first+c-1, 1, max(b*DataBoost/100, 1))
	}
}

// writeDocs writes s/<n>.json, what results show, from the entries Add
// encoded; the files are independent, so they are written on all CPUs.
func writeDocs(files Files, ps []*pageRec, size int) {
	// Where each file starts: a page and a section of it.
	type start struct{ page, sec int }
	var starts []start
	id := 0
	for pi, p := range ps {
		for si := range p.nsecs {
			if id%size == 0 {
				starts = append(starts, start{pi, si})
			}
			id++
		}
	}
	out := make([][]byte, len(starts))
	parallel.For(context.Background(), len(starts), func(_ context.Context, c int) error {
		n := min(size, id-c*size) // sections in the file
		// The pages of the file, then its sections.
		est := 16
		pi, si := starts[c].page, starts[c].sec
		for left := n; left > 0; pi, si = pi+1, 0 {
			p := ps[pi]
			k := min(left, p.nsecs-si)
			est += int(p.docHead) + 1 + int(p.docEnd[si+k-1]-p.docStart(si)) + 16*k
			left -= k
		}
		b := make([]byte, 0, est)
		b = append(b, `{"p":[`...)
		pi, si = starts[c].page, starts[c].sec
		for left, k := n, 0; left > 0; pi, si, k = pi+1, 0, k+1 {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, ps[pi].docs[:ps[pi].docHead]...)
			left -= min(left, ps[pi].nsecs-si)
		}
		b = append(b, `],"s":[`...)
		pi, si = starts[c].page, starts[c].sec
		for i, k := 0, 0; i < n; i++ {
			if si == ps[pi].nsecs {
				pi, si, k = pi+1, 0, k+1
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(k), 10)
			b = append(b, ',')
			if alt, ok := ps[pi].docAlt[si]; ok && i+1 == n {
				b = append(b, alt...)
			} else {
				b = append(b, ps[pi].doc(si)...)
			}
			b = append(b, ']')
			si++
		}
		out[c] = append(b, "]}"...)
		return nil
	})
	for c, data := range out {
		files["s/"+strconv.Itoa(c)+".json"] = data
	}
}

// doc is section i's entry in s/<n>.json, without its page index.
func (p *pageRec) doc(i int) []byte { return p.docs[p.docStart(i):p.docEnd[i]] }

func (p *pageRec) docStart(i int) int32 {
	if i == 0 {
		return p.docHead
	}
	return p.docEnd[i-1]
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
