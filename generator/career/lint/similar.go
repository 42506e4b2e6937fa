package lint

import (
	"strings"
	"unicode"
)

// Threshold is the similarity from which two items count as near-repeats:
// at 0.5, half of the meaningful words of the two texts are shared. It was
// tuned on the handbook's own ladder (December 2026): items that say the
// same thing in other words ("Security or compliance policy exceptions,
// and accepting residual risk." against "Any exception to a security or
// compliance policy.", 0.73) score 0.5 and more, while items of
// neighbouring levels that share a topic but change its scope ("Mentor
// senior engineers toward staff-level thinking" against "Mentor junior and
// mid-level engineers", 0.45) score below. See docs/lint.md.
const Threshold = 0.5

// Similarity is how alike two item texts are, as the near-repeat rules
// measure it: from 0 (no meaningful word shared) to 1 (the same words).
// Texts at Threshold or above nearly repeat each other.
func Similarity(a, b string) float64 { return similarity(wordsOf(a), wordsOf(b)) }

// words is the normalised word set of a text: lower case, no punctuation,
// no stop words, each word lightly stemmed.
type words map[string]bool

func wordsOf(text string) words {
	ws := words{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if stopWord(w) || len(w) < 2 {
			continue
		}
		ws[stem(w)] = true
	}
	return ws
}

// similarity is the Dice coefficient of two word sets: twice the shared
// words over the words of both, from 0 (nothing shared) to 1 (the same
// words). Dice rather than Jaccard so that one added word moves a long
// item less than a short one, as a reader perceives it.
func similarity(a, b words) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	shared := 0
	for w := range a {
		if b[w] {
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(a)+len(b))
}

// stem strips the commonest English inflections, enough that "reviews",
// "reviewed" and "reviewing" meet; it does not try to be Porter.
func stem(w string) string {
	for _, s := range []struct{ suffix, repl string }{
		{"ies", "y"}, {"ing", ""}, {"ed", ""}, {"es", ""}, {"ly", ""}, {"s", ""},
	} {
		if strings.HasSuffix(w, s.suffix) && len(w)-len(s.suffix) >= 3 && !strings.HasSuffix(w, "ss") {
			return strings.TrimSuffix(w, s.suffix) + s.repl
		}
	}
	return w
}

// stopWord reports whether w carries no meaning of its own in an
// expectation.
func stopWord(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
		"with", "from", "into", "onto", "over", "under", "as", "is", "are", "be", "been", "being",
		"was", "were", "it", "its", "this", "that", "these", "those", "their", "them", "they",
		"his", "her", "our", "your", "you", "we", "he", "she", "not", "no", "so", "than", "then",
		"also", "any", "each", "every", "all", "some", "such", "own", "can", "may", "might", "must",
		"should", "will", "would", "do", "does", "did", "has", "have", "had", "which", "who", "whom",
		"whose", "what", "when", "where", "while", "how", "once", "about", "after", "before",
		"between", "within", "without", "through", "per", "via":
		return true
	}
	return false
}
