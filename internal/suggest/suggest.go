// Package suggest finds the "did you mean" of a name that names nothing:
// the nearest of the names that do (page ids, files and URLs, anchors,
// front-matter keys, a track or a category), or nothing when none is near
// enough to be the name meant.
//
// The rule, the same for every name. Letter case is ignored, and a
// candidate is near a bad name when
//
//   - their Levenshtein Distance, in runes, is at most 1 + n/3, n being
//     the length of the longer of the two in runes: one edit when it has
//     one or two runes, two from 3 to 5 ("ops" for "opps", "the" for
//     "teh"), three from 6 to 8 ("senior" for "senoir", "adjacent" for
//     "adjacnet"), four from 9 to 11, and so on;
//   - or the shorter of the two, of at least three letters or digits, is
//     the longer with whole words left out, words being what stands
//     between "-", "_", "/", "." and spaces: "lead" for "tech-lead",
//     "staff-software-engineer" for "staff-engineer", "/roles/" for
//     "/handbook/roles/".
//
// Paths (names with a "/": files, site paths, page ids made of folders)
// are compared folder by folder, so that the folders they share neither
// make a wrong name look near nor hide a right one: the rule applies to
// the part where they differ, after the leading and trailing segments they
// share ("senoir.md" and "senior.md" in "roles/senoir.md" and
// "roles/senior.md"). When one is the other with whole folders left out,
// it is near only if it keeps the name, the last segment: "/roles/" for
// "/handbook/roles/", but never "/a/" for "/a/b/", the folder around a
// page that does not exist.
//
// Of the near candidates, Nearest returns the one at the smallest
// Distance, the first in byte order of a tie. A candidate farther than the
// rule allows is never suggested.
package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Nearest returns the candidate nearest to bad by the rule of the package
// documentation, or "" when none is near enough.
func Nearest(bad string, candidates []string) string {
	fb := strings.ToLower(bad)
	best, bestD := "", -1
	for _, c := range candidates {
		fc := strings.ToLower(c)
		d := Distance(fb, fc)
		if !near(fb, fc, d) {
			continue
		}
		if bestD < 0 || d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best
}

// near applies the rule to the case-folded names a and b at Distance d.
func near(a, b string, d int) bool {
	if strings.Contains(a, "/") || strings.Contains(b, "/") {
		return nearPath(a, b)
	}
	return nearName(a, b, d)
}

func nearName(a, b string, d int) bool {
	n := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	return d <= 1+n/3 || fewerWords(a, b)
}

// nearPath applies the rule to the segments where the paths a and b
// differ.
func nearPath(a, b string) bool {
	// A folder is the same with or without its trailing "/".
	as, bs := strings.Split(strings.TrimSuffix(a, "/"), "/"), strings.Split(strings.TrimSuffix(b, "/"), "/")
	i := 0 // leading segments shared
	for i < len(as) && i < len(bs) && as[i] == bs[i] {
		i++
	}
	j := 0 // trailing segments shared
	for j < len(as)-i && j < len(bs)-i && as[len(as)-1-j] == bs[len(bs)-1-j] {
		j++
	}
	ra, rb := as[i:len(as)-j], bs[i:len(bs)-j]
	if len(ra) == 0 || len(rb) == 0 {
		// The same, or whole folders left out: near when they keep the name.
		for _, s := range as[len(as)-j:] {
			if s != "" {
				return true
			}
		}
		return len(ra) == len(rb)
	}
	x, y := strings.Join(ra, "/"), strings.Join(rb, "/")
	return nearName(x, y, Distance(x, y))
}

// fewerWords reports whether the shorter of a and b is the longer with
// whole words left out.
func fewerWords(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a) == len(b) || alnum(b) < 3 {
		return false
	}
	long, short := words(a), words(b)
	for _, w := range long {
		if len(short) > 0 && short[0] == w {
			short = short[1:]
		}
	}
	return len(short) == 0
}

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("-_/. ", r) })
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// Distance is the Levenshtein distance between a and b, in runes: the
// fewest single-rune insertions, deletions and substitutions that turn one
// into the other (a swap of two neighbours is two).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
