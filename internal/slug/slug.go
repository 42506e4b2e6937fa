// Package slug makes the URL segments of file and folder names: the one
// rule that site uses for pages' URLs and links for folder links, kept
// in a package of its own so that neither imports the other for it.
package slug

import (
	"strings"
	"unicode"
)

// Path slugs every segment of a slash-separated path.
func Path(p string) string {
	if p == "" {
		return ""
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = Make(s)
	}
	return strings.Join(segs, "/")
}

// Make lower-cases s and turns every run of characters other than letters
// and digits into a single "-"; a name with neither is "-".
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}
