package glossary

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// name is one way of writing a term: its term or one of its aliases.
type name struct {
	text  string // runs of white space folded to one space
	exact bool   // an acronym: matched case-sensitively
	term  int    // index in Glossary.Terms
}

// matcher finds glossary names in text. Built once per extension, it looks
// up each word of a text once, by its lower-cased form, among the names
// starting with that word; the cost of a text does not grow with the number
// of terms.
type matcher struct {
	byFirst map[string][]name // lower-cased first word → names, longest first
}

func newMatcher(terms []Term) *matcher {
	m := &matcher{byFirst: map[string][]name{}}
	seen := map[string]bool{}
	for i, t := range terms {
		add := func(s string) {
			s = strings.Join(strings.Fields(s), " ")
			key := strings.ToLower(s)
			if s == "" || seen[key] {
				return // Load rejects these; a hand-built glossary keeps the first
			}
			if r, _ := utf8.DecodeRuneInString(s); !isWord(r) {
				return
			}
			seen[key] = true
			w := string(lowerWord([]byte(s[:wordEnd([]byte(s), 0)]), nil))
			m.byFirst[w] = append(m.byFirst[w], name{text: s, exact: isAcronym(s), term: i})
		}
		add(t.Term)
		for _, a := range t.Aliases {
			add(a)
		}
	}
	for _, ns := range m.byFirst {
		sort.SliceStable(ns, func(i, j int) bool { return len(ns[i].text) > len(ns[j].text) })
	}
	return m
}

// isAcronym reports whether s is matched case-sensitively: it has no
// lower-case letters ("SLO", "CI/CD"), or it is such a word of two or more
// letters with a plural "s" ("SLOs").
func isAcronym(s string) bool {
	if t, ok := strings.CutSuffix(s, "s"); ok && utf8.RuneCountInString(t) >= 2 && isAcronym(t) && !strings.Contains(t, " ") {
		return true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// isWord reports whether r is part of a word: a letter, a digit, or a mark
// combining with one.
func isWord(r rune) bool {
	if r < utf8.RuneSelf { // most text: no table lookups
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// decodeRune is utf8.DecodeRune with the ASCII case inline: the matcher
// reads every rune of every page.
func decodeRune(b []byte) (rune, int) {
	if len(b) > 0 && b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// wordEnd returns the end of the word starting at i.
func wordEnd(b []byte, i int) int {
	for i < len(b) {
		r, size := decodeRune(b[i:])
		if !isWord(r) {
			break
		}
		i += size
	}
	return i
}

// lowerWord lower-cases a word. ASCII words are lowered into buf, so that
// a map lookup m[string(lowerWord(w, buf))] does not allocate.
func lowerWord(w, buf []byte) []byte {
	for _, c := range w {
		if c >= utf8.RuneSelf {
			return []byte(strings.ToLower(string(w)))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// scan appends to found the names in b, left to right, with the longest
// name at each position; matches never overlap. Offsets are relative to b.
// before and after are the runes around b in its paragraph (0 at a line or
// element edge).
func (m *matcher) scan(b []byte, before, after rune, found []span) []span {
	var buf [64]byte
	prevWord := isWord(before)
	for i := 0; i < len(b); {
		r, size := decodeRune(b[i:])
		if !isWord(r) {
			prevWord = false
			i += size
			continue
		}
		j := wordEnd(b, i)
		if prevWord || insideReference(b, i) {
			prevWord = true
			i = j
			continue
		}
		end, term := -1, 0
		for _, c := range m.byFirst[string(lowerWord(b[i:j], buf[:0]))] {
			if n, ok := matchName(b[i:], c); ok && m.endsWord(b, i+n, after) {
				end, term = i+n, c.term
				break
			}
		}
		if end < 0 {
			prevWord = true
			i = j
			continue
		}
		found = append(found, span{i, end, term})
		prevWord = false // endsWord checked the next rune
		i = end
	}
	return found
}

// endsWord reports whether a match may end at end: not followed by a word
// rune, and not ending in "\" or "&", which would change how the renderer
// reads a backslash escape or entity split at that point.
func (m *matcher) endsWord(b []byte, end int, after rune) bool {
	if c := b[end-1]; c == '\\' || c == '&' {
		return false
	}
	if end == len(b) {
		return !isWord(after)
	}
	r, _ := utf8.DecodeRune(b[end:])
	return !isWord(r)
}

// insideReference reports whether the word at i is the name of an entity or
// numeric character reference ("&amp;", "&#x2F;"), which must stay whole.
func insideReference(b []byte, i int) bool {
	return i > 0 && b[i-1] == '&' || i > 1 && b[i-1] == '#' && b[i-2] == '&'
}

// matchName returns the length of the prefix of b that spells n.
func matchName(b []byte, n name) (int, bool) {
	k := 0
	for _, nr := range n.text {
		if nr == ' ' {
			s := k
			for k < len(b) && (b[k] == ' ' || b[k] == '\t') {
				k++
			}
			if k == s {
				return 0, false
			}
			continue
		}
		if k >= len(b) {
			return 0, false
		}
		r, size := utf8.DecodeRune(b[k:])
		if r != nr && (n.exact || !equalFold(r, nr)) {
			return 0, false
		}
		k += size
	}
	return k, true
}

// equalFold reports whether a and b are the same letter under Unicode
// simple case folding.
func equalFold(a, b rune) bool {
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}
