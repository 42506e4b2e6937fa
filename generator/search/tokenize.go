package search

import (
	"slices"
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

// StopWords say nothing about a section: they are in nearly every one.
// The index keeps them only in titles and headings (as stopTerm), and a
// query leaves them out unless it holds nothing else ("who", "how to") or
// quotes them ("software engineer i"). Question words are among them
// ("how", "do", "can"): a question's subject is in its other words, and
// what it asks for is its topic (askRules). The list is published in the
// manifest for search.js.
var StopWords = []string{
	"a", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does",
	"for", "from", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me",
	"my", "of", "on", "or", "our", "she", "should", "so", "than", "that", "the", "their", "them", "then",
	"there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who",
	"whom", "whose", "why", "will", "with", "would", "you", "your", "vs", "versus",
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
	return Base(t.word), true
}

// stopTerm is the term a stop word is indexed under in titles and
// headings: the word after an apostrophe, which no other term holds (fold
// drops apostrophes), so "who" in a heading is not "who" in a query of
// other words, and all of them share one dictionary shard.
func stopTerm(word string) string { return "'" + word }

// Word is a word of a query.
type Word struct {
	Text string // folded as in the index, not stemmed
	// Stem is the term searched for: Base(Text), Text for CJK, stopTerm(Text)
	// for a stop word kept.
	Stem string
	// Prefix is set on the last word while it is being typed (no space
	// after it): it also matches the words it begins.
	Prefix bool
	CJK    bool
	// Stop marks a stop word kept because the query holds nothing else or
	// quotes it: it is found in titles and headings only.
	Stop bool
	// Also lists other terms the word matches, as a word being typed
	// matches the words it begins: the other verbs of a decision in a
	// question about one ("who approves" also finds "decides").
	Also []string
	// Parts are the words of a hyphenated word ("on", "call" for
	// "on-call"), searched for one by one when the joined form is not in
	// the index.
	Parts []string
}

// ParseQuery splits a query into words the way the index was split: a
// hyphenated word is one word ("on-call"), repeats are dropped, and only
// the first MaxQueryWords words of the first MaxQueryRunes runes count.
// Stop words are dropped, but for the word being typed, a word in quotes
// and a query of nothing else ("how to"); so are the words of a question
// (Question) that say what it asks for rather than what about ("become",
// "path to").
func ParseQuery(q string) []Word {
	words, _ := Question(q)
	return words
}

// Question is ParseQuery, and also the topic of sections the query asks
// for as a question ("who approves…" asks for TopicDecide), "" when it
// asks for none: see askRules.
func Question(q string) (words []Word, topic string) {
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		q = string([]rune(q)[:MaxQueryRunes])
	}
	q = strings.ToValidUTF8(q, " ")
	toks := queryTokens(q)
	typing := false
	if r, _ := utf8.DecodeLastRuneInString(q); isWordRune(r) || isCJK(r) {
		typing = true
	}
	if n := len(toks); n > 0 && typing && toks[n-1].end == len(q) {
		toks[n-1].prefix = true
	}
	rule, drop := askTopic(toks)
	words = queryWords(toks, drop)
	if len(words) == 0 && drop != nil {
		// The question is all there is ("become"): search its words.
		words = queryWords(toks, nil)
	}
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	if rule == nil {
		return words, ""
	}
	for i, w := range words {
		if !w.Stop && !w.CJK && len(rule.Same) > 0 && slices.Contains(rule.Next, w.Stem) {
			words[i].Also = slices.DeleteFunc(slices.Clone(rule.Same), func(t string) bool { return t == w.Stem })
		}
	}
	return words, rule.Topic
}

// queryToken is a token of a query.
type queryToken struct {
	token
	parts  []string // of a compound: its words
	quoted bool     // inside quotation marks
	prefix bool     // the word being typed
}

// queryTokens splits a query into tokens, a hyphenated word as one
// (its parts in parts), each marked when it is inside quotation marks:
// after an odd number of them (" “ ” „ « »), so an open quote runs to the
// end.
func queryTokens(q string) []queryToken {
	var toks []queryToken
	tokens(q, func(t token) {
		qt := queryToken{token: t}
		// The parts of a compound came first: the compound replaces them.
		if t.compound {
			for len(toks) > 0 && toks[len(toks)-1].start >= t.start {
				qt.parts = append([]string{toks[len(toks)-1].word}, qt.parts...)
				toks = toks[:len(toks)-1]
			}
		}
		toks = append(toks, qt)
	})
	quotes, k := 0, 0
	for i, r := range q {
		for k < len(toks) && toks[k].start <= i {
			toks[k].quoted = quotes%2 == 1
			k++
		}
		if isQuote(r) {
			quotes++
		}
	}
	for ; k < len(toks); k++ {
		toks[k].quoted = quotes%2 == 1
	}
	return toks
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// queryWords makes the words of a query from its tokens, leaving out
// those drop marks. Stop words are left out unless quoted or being typed;
// when every token is a stop word, they are all kept.
func queryWords(toks []queryToken, drop []bool) []Word {
	onlyStop := true
	for i, t := range toks {
		if (drop == nil || !drop[i]) && (t.cjk || !stopWords[t.word]) {
			onlyStop = false
		}
	}
	var words []Word
	seen := map[string]bool{}
	for i, t := range toks {
		if drop != nil && drop[i] || seen[t.word] {
			continue
		}
		w := Word{Text: t.word, Stem: t.word, Prefix: t.prefix, CJK: t.cjk, Parts: t.parts}
		switch {
		case t.cjk:
		case stopWords[t.word] && (onlyStop || t.quoted):
			w.Stem, w.Stop = stopTerm(t.word), true
		case stopWords[t.word] && !t.prefix:
			continue
		default:
			w.Stem = Base(t.word)
		}
		seen[t.word] = true
		words = append(words, w)
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
