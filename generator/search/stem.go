package search

import "strings"

// Stem reduces an English word to its stem with the Porter2 ("English
// Snowball") algorithm: "mentoring" and "mentors" both become "mentor",
// "incidents" becomes "incid". The input is one lower-case word; a word
// with anything but the letters a to z (digits, accents, other scripts)
// is returned unchanged, as is a word of one or two letters.
//
// search.js carries a line-by-line port of this function; the browser tests
// check that both give the same stem for every word of a word list, so the
// index (built here) and the queries (stemmed there) agree.
func Stem(word string) string {
	if len(word) <= 2 || !isASCIIWord(word) {
		return word
	}
	if s, ok := stemExceptions[word]; ok {
		return s
	}
	w := []byte(word)
	// Prelude: a y that is a consonant is marked Y.
	for i := range w {
		if w[i] == 'y' && (i == 0 || isVowel(w[i-1])) {
			w[i] = 'Y'
		}
	}
	r1, r2 := regions(w)
	w = step1a(w)
	if stemInvariant[string(w)] {
		return string(w)
	}
	w = step1b(w, r1)
	w = step1c(w)
	w = step2(w, r1)
	w = step3(w, r1, r2)
	w = step4(w, r2)
	w = step5(w, r1, r2)
	return strings.ToLower(string(w))
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// stemExceptions are the irregular forms Porter2 lists before any step.
var stemExceptions = map[string]string{
	"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
	"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
	"sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
}

// stemInvariant are left alone once step 1a is done.
var stemInvariant = map[string]bool{
	"inning": true, "outing": true, "canning": true, "herring": true, "earring": true,
	"proceed": true, "exceed": true, "succeed": true,
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// regions returns the starts of R1 and R2: R1 follows the first non-vowel
// that follows a vowel; R2 is the same taken again inside R1.
func regions(w []byte) (int, int) {
	r1 := len(w)
	switch {
	case hasPrefix(w, "gener"), hasPrefix(w, "arsen"):
		r1 = 5
	case hasPrefix(w, "commun"):
		r1 = 6
	default:
		r1 = nextRegion(w, 0)
	}
	return r1, nextRegion(w, r1)
}

func nextRegion(w []byte, from int) int {
	for i := from + 1; i < len(w); i++ {
		if !isVowel(w[i]) && isVowel(w[i-1]) {
			return i + 1
		}
	}
	return len(w)
}

func hasPrefix(w []byte, p string) bool { return len(w) >= len(p) && string(w[:len(p)]) == p }
func hasSuffix(w []byte, s string) bool { return len(w) >= len(s) && string(w[len(w)-len(s):]) == s }

// longest returns the longest of suffixes that w ends with, or "".
func longest(w []byte, suffixes []string) string {
	best := ""
	for _, s := range suffixes {
		if len(s) > len(best) && hasSuffix(w, s) {
			best = s
		}
	}
	return best
}

func containsVowel(w []byte) bool {
	for _, c := range w {
		if isVowel(c) {
			return true
		}
	}
	return false
}

func isDouble(w []byte) bool {
	if len(w) < 2 || w[len(w)-1] != w[len(w)-2] {
		return false
	}
	switch w[len(w)-1] {
	case 'b', 'd', 'f', 'g', 'm', 'n', 'p', 'r', 't':
		return true
	}
	return false
}

// endsShortSyllable: a vowel followed by a non-vowel other than w, x or Y
// and preceded by a non-vowel; or a vowel at the start followed by a
// non-vowel.
func endsShortSyllable(w []byte) bool {
	n := len(w)
	if n == 2 {
		return isVowel(w[0]) && !isVowel(w[1])
	}
	if n < 3 {
		return false
	}
	c := w[n-1]
	return !isVowel(w[n-3]) && isVowel(w[n-2]) && !isVowel(c) && c != 'w' && c != 'x' && c != 'Y'
}

var step1aSuffixes = []string{"sses", "ied", "ies", "us", "ss", "s"}

func step1a(w []byte) []byte {
	switch longest(w, step1aSuffixes) {
	case "sses":
		return w[:len(w)-2]
	case "ied", "ies":
		if len(w) > 4 {
			return append(w[:len(w)-3], 'i')
		}
		return append(w[:len(w)-3], 'i', 'e')
	case "s":
		// Delete if a vowel comes before the letter preceding the s.
		if containsVowel(w[:len(w)-2]) {
			return w[:len(w)-1]
		}
	}
	return w
}

var step1bSuffixes = []string{"eed", "eedly", "ed", "edly", "ing", "ingly"}

func step1b(w []byte, r1 int) []byte {
	s := longest(w, step1bSuffixes)
	switch s {
	case "":
		return w
	case "eed", "eedly":
		if len(w)-len(s) >= r1 {
			return append(w[:len(w)-len(s)], 'e', 'e')
		}
		return w
	}
	stem := w[:len(w)-len(s)]
	if !containsVowel(stem) {
		return w
	}
	w = stem
	switch {
	case hasSuffix(w, "at"), hasSuffix(w, "bl"), hasSuffix(w, "iz"):
		return append(w, 'e')
	case isDouble(w):
		return w[:len(w)-1]
	case r1 >= len(w) && endsShortSyllable(w):
		return append(w, 'e')
	}
	return w
}

func step1c(w []byte) []byte {
	n := len(w)
	if n > 2 && (w[n-1] == 'y' || w[n-1] == 'Y') && !isVowel(w[n-2]) {
		w[n-1] = 'i'
	}
	return w
}

var step2Rules = map[string]string{
	"tional": "tion", "enci": "ence", "anci": "ance", "abli": "able", "entli": "ent",
	"izer": "ize", "ization": "ize", "ational": "ate", "ation": "ate", "ator": "ate",
	"alism": "al", "aliti": "al", "alli": "al", "fulness": "ful", "ousli": "ous", "ousness": "ous",
	"iveness": "ive", "iviti": "ive", "biliti": "ble", "bli": "ble", "ogi": "og",
	"fulli": "ful", "lessli": "less", "li": "",
}

var step2Suffixes = keys(step2Rules)

func step2(w []byte, r1 int) []byte {
	s := longest(w, step2Suffixes)
	if s == "" || len(w)-len(s) < r1 {
		return w
	}
	stem := w[:len(w)-len(s)]
	switch s {
	case "ogi":
		if !hasSuffix(stem, "l") {
			return w
		}
	case "li":
		if len(stem) == 0 || !strings.ContainsRune("cdeghkmnrt", rune(stem[len(stem)-1])) {
			return w
		}
	}
	return append(stem, step2Rules[s]...)
}

var step3Rules = map[string]string{
	"tional": "tion", "ational": "ate", "alize": "al", "icate": "ic", "iciti": "ic",
	"ical": "ic", "ful": "", "ness": "", "ative": "",
}

var step3Suffixes = keys(step3Rules)

func step3(w []byte, r1, r2 int) []byte {
	s := longest(w, step3Suffixes)
	if s == "" || len(w)-len(s) < r1 {
		return w
	}
	if s == "ative" && len(w)-len(s) < r2 {
		return w
	}
	return append(w[:len(w)-len(s)], step3Rules[s]...)
}

var step4Suffixes = []string{"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
	"ism", "ate", "iti", "ous", "ive", "ize", "ion"}

func step4(w []byte, r2 int) []byte {
	s := longest(w, step4Suffixes)
	if s == "" || len(w)-len(s) < r2 {
		return w
	}
	stem := w[:len(w)-len(s)]
	if s == "ion" && !hasSuffix(stem, "s") && !hasSuffix(stem, "t") {
		return w
	}
	return stem
}

func step5(w []byte, r1, r2 int) []byte {
	n := len(w)
	switch {
	case n > 0 && w[n-1] == 'e':
		if n-1 >= r2 || (n-1 >= r1 && !endsShortSyllable(w[:n-1])) {
			return w[:n-1]
		}
	case n > 1 && w[n-1] == 'l' && w[n-2] == 'l' && n-1 >= r2:
		return w[:n-1]
	}
	return w
}

func keys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// Base is the term an English word is indexed and searched under: its
// Porter2 stem (Stem), with the derivational endings Porter2 leaves
// apart brought together, so that a verb and its noun meet: "decide" and
// "decision" (decid, decis) both become "decid", "permit" and
// "permission" "permit", "describe" and "description" "describ",
// "assume" and "assumption" "assum", "reduce" and "reduction" "reduc",
// "receive" and "reception" "recept", "solve" and "solution" "solv".
// Porter2 already joins approve, approves, approved and approval
// ("approv"), lead, leads and leading, become and becoming.
//
// The rules rewrite the end of a stem of five letters or more, the same
// way for every word, so a query meets the index whatever form either
// holds; a word that is not a-z is returned unchanged, as by Stem.
// search.js carries the same function.
func Base(word string) string {
	return conflate(Stem(word))
}

// conflate applies the first of these rules that matches the end of a
// stem of at least five letters:
//
//	vowel + s → vowel + d  decis → decid, conclus → conclud, invas → invad
//	iss → it               permiss → permit, admiss → admit
//	ript → rib             descript → describ
//	umpt → um              assumpt → assum
//	uct → uc               reduct → reduc, product → produc
//	ceiv → cept            receiv → recept
//	olut → olv             solut → solv, resolut → resolv
//
// Endings whose pairs often mean different things (respons and respond,
// intens and intend, postur and post) are left apart.
func conflate(s string) string {
	n := len(s)
	if n < 5 || !isASCIIWord(s) {
		return s
	}
	switch {
	case s[n-1] == 's' && strings.IndexByte("aeiou", s[n-2]) >= 0:
		return s[:n-1] + "d"
	case n >= 6 && strings.HasSuffix(s, "iss"):
		return s[:n-2] + "t"
	case strings.HasSuffix(s, "ript"):
		return s[:n-2] + "b"
	case strings.HasSuffix(s, "umpt"):
		return s[:n-2]
	case strings.HasSuffix(s, "uct"):
		return s[:n-1]
	case strings.HasSuffix(s, "ceiv"):
		return s[:n-2] + "pt"
	case strings.HasSuffix(s, "olut"):
		return s[:n-2] + "v"
	}
	return s
}
