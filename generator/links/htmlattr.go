package links

import (
	"bytes"
	"html"
)

// htmlAttr is one attribute of a start tag found in raw HTML.
type htmlAttr struct {
	Tag, Name string // lower case
	// Value is the attribute's value with character references resolved
	// (&amp; is "&"); "" for an attribute written without one.
	Value string
	// Start and End delimit the value as written, quotes excluded, in the
	// scanned text; Quote is '"', '\'' or 0 for an unquoted value. An
	// attribute without a value has Start == End == -1.
	Start, End int
	Quote      byte
}

// rawTextTags hold text up to their end tag, never markup: a "<a href=…>"
// inside a script is not a link.
var rawTextTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true,
}

// scanAttrs calls fn for every attribute of every start tag in b, a
// fragment of HTML, the way an HTML tokenizer reads it (WHATWG HTML
// §13.2.5, tag, attribute name and value states): comments, doctypes,
// processing instructions and end tags are skipped, and so is the text of
// raw-text elements (script, style, textarea…). Tag and attribute names
// are case-insensitive. A tag left open at the end of b yields the
// attributes read so far. The work is linear in len(b).
func scanAttrs(b []byte, fn func(htmlAttr)) {
	n := len(b)
	for i := 0; i < n; {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			return
		}
		i += lt + 1
		switch {
		case i >= n:
			return
		case bytes.HasPrefix(b[i:], []byte("!--")):
			end := bytes.Index(b[i+3:], []byte("-->"))
			if end < 0 {
				return
			}
			i += 3 + end + 3
			continue
		case b[i] == '!' || b[i] == '?':
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				return
			}
			i += end + 1
			continue
		case b[i] == '/':
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				return
			}
			i += end + 1
			continue
		case !isASCIILetter(b[i]):
			continue // "a < b": text
		}
		// A start tag: its name runs to whitespace, "/" or ">".
		start := i
		for i < n && !isHTMLSpace(b[i]) && b[i] != '/' && b[i] != '>' {
			i++
		}
		tag := lower(b[start:i])
		i = scanTagAttrs(b, i, tag, fn)
		if rawTextTags[tag] {
			i = skipRawText(b, i, tag)
		}
	}
}

// scanTagAttrs reads the attributes of a start tag from b[i:] up to its
// ">" and returns the index after it (len(b) when the tag is not closed).
func scanTagAttrs(b []byte, i int, tag string, fn func(htmlAttr)) int {
	n := len(b)
	for i < n {
		// Before an attribute name: whitespace and stray "/" are skipped.
		for i < n && (isHTMLSpace(b[i]) || b[i] == '/') {
			i++
		}
		if i >= n {
			return n
		}
		if b[i] == '>' {
			return i + 1
		}
		// The name: a leading "=" belongs to it, then up to whitespace,
		// "/", ">" or "=".
		start := i
		i++
		for i < n && !isHTMLSpace(b[i]) && b[i] != '/' && b[i] != '>' && b[i] != '=' {
			i++
		}
		a := htmlAttr{Tag: tag, Name: lower(b[start:i]), Start: -1, End: -1}
		j := i
		for j < n && isHTMLSpace(b[j]) {
			j++
		}
		if j >= n || b[j] != '=' {
			fn(a) // no value; what follows is the next attribute
			i = j
			continue
		}
		i = j + 1
		for i < n && isHTMLSpace(b[i]) {
			i++
		}
		if i >= n {
			fn(a)
			return n
		}
		switch q := b[i]; q {
		case '"', '\'':
			end := bytes.IndexByte(b[i+1:], q)
			if end < 0 {
				return n // unclosed quote: the tag never ends
			}
			a.Start, a.End, a.Quote = i+1, i+1+end, q
			i += 1 + end + 1
		case '>':
			fn(a) // "a=>": an empty value
			return i + 1
		default:
			a.Start = i
			for i < n && !isHTMLSpace(b[i]) && b[i] != '>' {
				i++
			}
			a.End = i
		}
		a.Value = html.UnescapeString(string(b[a.Start:a.End]))
		fn(a)
	}
	return n
}

// skipRawText returns the index after the end tag of the raw-text element
// tag whose text starts at b[i:] (len(b) when it is not closed).
func skipRawText(b []byte, i int, tag string) int {
	n := len(b)
	for i < n {
		k := bytes.Index(b[i:], []byte("</"))
		if k < 0 {
			return n
		}
		i += k + 2
		if i+len(tag) <= n && lower(b[i:i+len(tag)]) == tag &&
			(i+len(tag) == n || isHTMLSpace(b[i+len(tag)]) || b[i+len(tag)] == '>' || b[i+len(tag)] == '/') {
			if end := bytes.IndexByte(b[i:], '>'); end >= 0 {
				return i + end + 1
			}
			return n
		}
	}
	return n
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// lower lower-cases ASCII letters, as HTML does for tag and attribute
// names.
func lower(b []byte) string {
	out := []byte(string(b))
	for k, c := range out {
		if 'A' <= c && c <= 'Z' {
			out[k] = c + 'a' - 'A'
		}
	}
	return string(out)
}
