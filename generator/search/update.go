package search

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"maps"
	"slices"
	"strconv"
	"weak"
)

// An index kept current page by page, for `handbook serve --watch`: the
// Indexer keeps each page's analysed record (its postings as term ids,
// its results' entries, not its HTML) under its URL, and Put analyses a
// page again only when anything of it changed. Files then writes the same
// files as Index of the pages put and not dropped since: a page's record
// depends on nothing but the Page, its counts are added to the
// dictionary's when it is put and taken off when it is replaced or
// dropped, and Files orders the pages and the terms by what they hold,
// not by when they came.
//
// An Indexer is filled either with Add (a one-off build, pages not kept
// by URL) or with Put and Retain, not both.

// Put adds p to the index in place of the page of its URL, unless that
// page is p already (every field alike): it reports whether it analysed
// p. It is safe for concurrent use.
//
// Put hashes p to know it, but not p.HTML when it is the very slice the
// page had before (the same array, as a Builder passes the output of a
// page it did not render again, known by a weak pointer that does not
// keep it alive): the caller must not change the bytes of an HTML once
// put, and they must be Go memory (not mapped from a file).
func (b *Indexer) Put(p Page) bool {
	var ref weak.Pointer[byte]
	if len(p.HTML) > 0 {
		ref = weak.Make(&p.HTML[0])
	}
	b.mu.Lock()
	if b.byURL == nil {
		b.byURL, b.seed = map[string]*pageRec{}, maphash.MakeSeed()
	}
	seed := b.seed
	old := b.byURL[p.URL]
	var was pageRec // what Put needs of old, read under the lock
	if old != nil {
		was.sum, was.htmlSum, was.htmlRef, was.htmlLen = old.sum, old.htmlSum, old.htmlRef, old.htmlLen
	}
	b.mu.Unlock()
	var htmlSum uint64
	if old != nil && ref == was.htmlRef && len(p.HTML) == was.htmlLen {
		htmlSum = was.htmlSum
	} else {
		htmlSum = maphash.Bytes(seed, p.HTML)
	}
	sum := pageSum(seed, p, htmlSum)
	if old != nil && was.sum == sum {
		if ref != was.htmlRef {
			// The same bytes in a new array: know that one next time.
			b.mu.Lock()
			old.htmlRef, old.htmlLen = ref, len(p.HTML)
			b.mu.Unlock()
		}
		return false
	}
	a := analyzers.Get().(*analyzer)
	defer analyzers.Put(a)
	rec := a.page(p, &b.dict)
	rec.sum, rec.htmlSum, rec.htmlRef, rec.htmlLen = sum, htmlSum, ref, len(p.HTML)
	rec.words = a.wordCounts(&b.dict)
	b.mu.Lock()
	defer b.mu.Unlock()
	if cur := b.byURL[p.URL]; cur != nil {
		// Another Put of the URL may have come first: the last one wins.
		b.drop(cur)
	}
	b.dict.count(a)
	b.byURL[p.URL] = rec
	b.pages = append(b.pages, rec)
	return true
}

// Retain drops the pages whose URL keep does not report, and returns how
// many it dropped.
func (b *Indexer) Retain(keep func(url string) bool) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for url, rec := range b.byURL {
		if !keep(url) {
			b.drop(rec)
			delete(b.byURL, url)
			n++
		}
	}
	b.compact()
	return n
}

// URLs lists the URLs of the pages put and not dropped, sorted.
func (b *Indexer) URLs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Sorted(maps.Keys(b.byURL))
}

// drop takes a page's counts off the dictionary's and marks it dropped,
// under b.mu; compact removes it from b.pages.
func (b *Indexer) drop(rec *pageRec) {
	d := &b.dict
	buf := rec.post
	next := func() uint64 {
		v, k := binary.Uvarint(buf)
		buf = buf[k:]
		return v
	}
	for range rec.nsecs {
		next() // length
		next() // heading's fieldSize
		for range next() {
			t := next()
			next() // count and heading flag
			d.termPosts[t]--
		}
	}
	for _, t := range rec.titleTerms {
		d.termTitles[t]--
	}
	buf = rec.words
	wid := uint64(0)
	for len(buf) > 0 {
		wid += next()
		d.wordCount[wid] -= int64(next())
	}
	rec.dropped = true
	b.dead++
}

// compact removes the dropped pages from b.pages, under b.mu.
func (b *Indexer) compact() {
	if b.dead > 0 {
		b.pages = slices.DeleteFunc(b.pages, func(p *pageRec) bool { return p.dropped })
		b.dead = 0
	}
}

// wordCounts encodes the words of the page just analysed, as Put keeps
// them to take them off the dictionary's counts later: for each word, by
// id, the gap from the previous word's id and its count, as uvarints.
// Only the words that differ from their stems count: Files reads no other
// word's count (surfaces). CJK text has terms but no words.
func (a *analyzer) wordCounts(d *dictionary) []byte {
	type wc struct {
		wid   int32
		count int64
	}
	ws := make([]wc, 0, len(a.ents))
	d.mu.RLock()
	for _, e := range a.ents {
		if !e.cjk && d.wordSurf[e.wid] {
			ws = append(ws, wc{e.wid, e.count})
		}
	}
	d.mu.RUnlock()
	slices.SortFunc(ws, func(x, y wc) int { return cmp.Compare(x.wid, y.wid) })
	out := make([]byte, 0, 3*len(ws))
	prev := int32(0)
	for _, w := range ws {
		out = binary.AppendUvarint(out, uint64(w.wid-prev))
		out = binary.AppendUvarint(out, uint64(w.count))
		prev = w.wid
	}
	return out
}

// pageSum hashes every field of p, so that Put knows an unchanged page;
// htmlSum is the hash of p.HTML.
func pageSum(seed maphash.Seed, p Page, htmlSum uint64) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	str := func(s string) {
		h.WriteString(s)
		h.WriteByte(0)
	}
	num := func(n int) {
		var b [binary.MaxVarintLen64]byte
		h.Write(binary.AppendVarint(b[:0], int64(n)))
	}
	str(p.URL)
	str(p.Title)
	h.WriteString(strconv.FormatUint(htmlSum, 36))
	str(p.Kind)
	str(p.Track)
	str(p.Level)
	num(p.Boost)
	if p.HeadingsOnly {
		h.WriteByte(1)
	} else {
		h.WriteByte(0)
	}
	num(len(p.Topics))
	for _, k := range slices.Sorted(maps.Keys(p.Topics)) {
		str(k)
		str(p.Topics[k])
	}
	num(len(p.Data))
	h.WriteString(p.Data)
	return h.Sum64()
}
