package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits on what a query can ask for: a longer query is cut, so no input
// makes a search slow.
const (
	MaxQueryRunes = 256 // runes of a query read; the rest is ignored
	MaxQueryWords = 8   // words of a query used
	maxWordRunes  = 40  // longer words (hashes, URLs) are cut
	maxCompound   = 4   // parts of a hyphenated word joined into one term
)

// StopWords are not indexed: they are in nearly every section and say
// nothing about it. The list is published in the manifest for search.js.
var StopWords = []string{
	"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her",
	"his", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our", "she", "so", "than",
	"that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we",
	"were", "what", "when", "where", "which", "who", "will", "with", "you", "your", "vs", "versus",
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range StopWords {
		m[w] = true
	}
	return m
}()

// token is a word of a text with its byte span in the original text.
type token struct {
	word       string // folded: lower case, accents removed
	start, end int
	// compound marks the joined form of a hyphenated word ("oncall" for
	// "on-call"); its parts are tokens of their own.
	compound bool
	cjk      bool // a bigram (or single character) of Chinese, Japanese or Korean text
}

// isCJK reports whether r is written without spaces between words: such
// text is indexed as overlapping pairs of characters.
func isCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r == 0x30FC || r == 0x3005 // ー and 々 are "Common" but belong to the words around them
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }
func isHyphen(r rune) bool     { return r == '-' || r == '\u2010' || r == '\u2011' }

// fold lower-cases a word and removes its accents ("Résumé" → "resume"),
// dropping apostrophes ("engineer's" → "engineers"). search.js does the
// same with toLowerCase, normalize("NFD") and /\p{M}/u.
func fold(s string) string {
	if ascii, ok := foldASCII(s); ok {
		return ascii
	}
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.M, r) || isApostrophe(r) {
			continue
		}
		if n == maxWordRunes {
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// foldASCII is fold for the common case of an ASCII word.
func foldASCII(s string) (string, bool) {
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if 'A' <= c && c <= 'Z' || c == '\'' {
			lower = false
		}
	}
	if lower && len(s) <= maxWordRunes {
		return s, true
	}
	b := make([]byte, 0, min(len(s), maxWordRunes))
	for i := 0; i < len(s) && len(b) < maxWordRunes; i++ {
		c := s[i]
		switch {
		case c == '\'':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b), true
}

// tokens splits text into words. A word is a run of letters, digits and
// marks; an apostrophe inside a word is dropped ("engineer's"), and words
// joined by hyphens ("on-call") are tokens of their own and, joined, a
// compound token too ("oncall"). A run of CJK characters gives its
// overlapping bigrams; a character alone gives itself.
func tokens(text string, emit func(token)) {
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isCJK(r):
			i = cjkRun(text, i, emit)
		case isWordRune(r):
			i = wordGroup(text, i, emit)
		default:
			i += n
		}
	}
}

// cjkRun emits the bigrams of the CJK run at i and returns its end.
func cjkRun(text string, i int, emit func(token)) int {
	var starts []int
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isCJK(r) {
			break
		}
		starts = append(starts, i)
		i += n
	}
	starts = append(starts, i)
	if len(starts) == 2 {
		emit(token{word: text[starts[0]:i], start: starts[0], end: i, cjk: true})
	}
	for k := 0; k+2 < len(starts); k++ {
		emit(token{word: text[starts[k]:starts[k+2]], start: starts[k], end: starts[k+2], cjk: true})
	}
	return i
}

// wordGroup emits the hyphen-joined words at i and returns their end.
func wordGroup(text string, i int, emit func(token)) int {
	type span struct{ start, end int }
	var parts []span
	for {
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) && !isCJK(r) {
				i += n
				continue
			}
			if isApostrophe(r) && i > start && isWordAt(text, i+n) {
				i += n
				continue
			}
			break
		}
		parts = append(parts, span{start, i})
		r, n := utf8.DecodeRuneInString(text[i:])
		if i < len(text) && isHyphen(r) && isWordAt(text, i+n) {
			i += n
			continue
		}
		break
	}
	compound := len(parts) > 1 && len(parts) <= maxCompound
	var joined strings.Builder // only for a compound
	for _, p := range parts {
		w := fold(text[p.start:p.end])
		if compound {
			joined.WriteString(w)
		}
		if w != "" {
			emit(token{word: w, start: p.start, end: p.end})
		}
	}
	if compound {
		if w := fold(joined.String()); w != "" {
			emit(token{word: w, start: parts[0].start, end: parts[len(parts)-1].end, compound: true})
		}
	}
	return i
}

// isWordAt reports whether a word rune (not CJK) starts at i.
func isWordAt(text string, i int) bool {
	r, n := utf8.DecodeRuneInString(text[i:])
	return n > 0 && isWordRune(r) && !isCJK(r)
}

// Terms returns the index terms of text: the stems of its words, stop words
// left out, in order (repeats kept).
func Terms(text string) []string {
	var out []string
	tokens(text, func(t token) {
		if term, ok := indexTerm(t); ok {
			out = append(out, term)
		}
	})
	return out
}

// indexTerm is the term a token is indexed under; ok is false for a stop
// word.
func indexTerm(t token) (string, bool) {
	if t.cjk {
		return t.word, true
	}
	if stopWords[t.word] {
		return "", false
	}
	return Stem(t.word), true
}

// Word is a word of a query.
type Word struct {
	Text string // folded as in the index, not stemmed
	Stem string
	// Prefix is set on the last word while it is being typed (no space
	// after it): it also matches the words it begins.
	Prefix bool
	CJK    bool
	// Parts are the words of a hyphenated word ("on", "call" for
	// "on-call"), searched for one by one when the joined form is not in
	// the index.
	Parts []string
}

// ParseQuery splits a query into words the way the index was split: a
// hyphenated word is one word ("on-call"), stop words are dropped (but
// for the word being typed), repeats are dropped, and only the first
// MaxQueryWords words of the first MaxQueryRunes runes count.
func ParseQuery(q string) []Word {
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		q = string([]rune(q)[:MaxQueryRunes])
	}
	q = strings.ToValidUTF8(q, " ")
	var toks []token
	parts := map[int][]string{} // index in toks of a compound → its parts
	tokens(q, func(t token) {
		// The parts of a compound came first: the compound replaces them.
		if t.compound {
			var ps []string
			for len(toks) > 0 && toks[len(toks)-1].start >= t.start {
				ps = append([]string{toks[len(toks)-1].word}, ps...)
				toks = toks[:len(toks)-1]
			}
			parts[len(toks)] = ps
		}
		toks = append(toks, t)
	})
	typing := false
	if r, _ := utf8.DecodeLastRuneInString(q); isWordRune(r) || isCJK(r) {
		typing = true
	}
	var words []Word
	seen := map[string]bool{}
	for i, t := range toks {
		last := i == len(toks)-1
		prefix := last && typing && t.end == len(q)
		if !t.cjk && stopWords[t.word] && !prefix {
			continue
		}
		if seen[t.word] {
			continue
		}
		seen[t.word] = true
		w := Word{Text: t.word, Stem: t.word, Prefix: prefix, CJK: t.cjk, Parts: parts[i]}
		if !t.cjk {
			w.Stem = Stem(t.word)
		}
		words = append(words, w)
	}
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	return words
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of two neighbouring characters.
func withinOneEdit(a, b string) bool {
	if a == b {
		return true
	}
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	switch len(x) - len(y) {
	case 0:
		i := 0
		for i < len(x) && x[i] == y[i] {
			i++
		}
		if string(x[i+1:]) == string(y[i+1:]) {
			return true // substitution
		}
		return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:])
	case 1:
		i := 0
		for i < len(y) && x[i] == y[i] {
			i++
		}
		return string(x[i+1:]) == string(y[i:])
	}
	return false
}
