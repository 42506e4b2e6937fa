package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Section is a part of a page a result can point at: the text from one
// heading to the next.
type Section struct {
	// Anchor is the id of the heading ("decision-rights"); "" for the top
	// of the page, the text before its first heading.
	Anchor string
	// Heading is the heading's own text; Parent the h2 above an h3.
	Heading, Parent string
	Text            string
}

// ExtractSections splits a rendered page into sections. It reads the
// page's <main> element (the whole document when it has none) and starts
// a section at every h2 and h3 that has an id, and at every element with
// an id and a data-search-heading attribute (a glossary term, an area of
// a role's authority), whose value is the heading. The page's h1 is its
// title, not text.
//
// Text that is not content is left out: navigation, scripts, styles, SVG,
// forms, hidden elements (hidden, aria-hidden="true"), the permalink and
// item-link controls, tables of contents, pagers, breadcrumbs, backlinks,
// page histories, visually hidden text, the terms of definition lists
// (labels of their definitions), and anything marked data-search-ignore.
func ExtractSections(page []byte) []Section {
	var x extractor
	return x.sections(page)
}

// sections is ExtractSections reusing x's buffers; the sections it
// returns are valid until its next call.
func (x *extractor) sections(page []byte) []Section {
	if i := bytes.Index(page, []byte("<main")); i >= 0 {
		page = page[i:]
		if j := bytes.LastIndex(page, []byte("</main>")); j >= 0 {
			page = page[:j]
		}
	}
	// The page is read as a string without a copy: nothing it returns
	// holds a part of it (open clones what it keeps of attributes), and
	// page does not change while it is read.
	src := unsafe.String(unsafe.SliceData(page), len(page))
	x.secs = append(x.secs[:0], Section{})
	x.stack, x.skip, x.inHead, x.h2, x.h1 = x.stack[:0], 0, 0, "", 0
	x.text, x.head = x.text[:0], x.head[:0]
	x.run(src)
	x.flush()
	return x.secs
}

type element struct {
	name    string
	skip    bool // the element and all inside it are not content
	heading bool // its text is the current section's heading
}

type extractor struct {
	secs   []Section
	stack  []element
	skip   int // open elements that skip their content
	inHead int // open headings collecting text
	text   []byte
	head   []byte
	h2     string // text of the last h2, the parent of the h3s after it
	h1     int
	attrs  attrs // of the last start tag
	clean  []byte
}

// attrs are the attributes of a tag, in order; a name given twice has
// its last value.
type attrs []attr

type attr struct{ key, val string }

func (as attrs) lookup(key string) (string, bool) {
	for i := len(as) - 1; i >= 0; i-- {
		if as[i].key == key {
			return as[i].val, true
		}
	}
	return "", false
}

func (as attrs) get(key string) string {
	v, _ := as.lookup(key)
	return v
}

// tagKind is what the extractor needs to know of an element name. Every
// tag is looked up (a page of highlighted code is thousands of spans): a
// switch is cheaper than a map.
type tagKind uint8

const (
	// inline elements do not separate words; every other tag does.
	inline tagKind = 1 << iota
	// void elements have no end tag.
	void
	// skipped elements are never content.
	skipped
	// rawText elements hold text that is not HTML, up to their end tag.
	rawText
)

func kindOf(name string) tagKind {
	switch name {
	case "span", "a", "code", "em", "strong", "abbr", "b", "bdi", "cite", "data", "del", "dfn", "i",
		"ins", "kbd", "mark", "q", "s", "samp", "small", "sub", "sup", "time", "u", "var":
		return inline
	case "br", "hr", "img", "input", "area", "base", "col", "embed", "link", "meta", "source", "track", "wbr":
		return void
	case "nav", "svg", "button", "template", "noscript", "select", "form", "head":
		return skipped
	case "script", "style", "textarea", "title":
		return skipped | rawText
	}
	return 0
}

// skippedClass reports whether the class marks controls, navigation and
// history inside the content: what the default theme adds around the
// author's text.
func skippedClass(class string) bool {
	switch class {
	case "permalink", "item-link", "print-track-link", "toc", "pager",
		"breadcrumbs", "backlinks", "visually-hidden", "page-history", "edition-banner":
		return true
	}
	return false
}

func (x *extractor) run(s string) {
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			x.addText(s)
			return
		}
		x.addText(s[:lt])
		s = s[lt:]
		switch {
		case strings.HasPrefix(s, "<!--"):
			end := strings.Index(s, "-->")
			if end < 0 {
				return
			}
			s = s[end+3:]
		case strings.HasPrefix(s, "</"):
			end := strings.IndexByte(s, '>')
			if end < 0 {
				return
			}
			x.close(strings.ToLower(strings.TrimSpace(s[2:end])))
			s = s[end+1:]
		case len(s) > 1 && isASCIILetter(s[1]):
			name, as, selfClose, rest := parseTag(s[1:], x.attrs[:0])
			x.attrs = as
			s = rest
			if kindOf(name)&rawText != 0 {
				end := indexEndTag(s, name)
				if end < 0 {
					return
				}
				s = s[end:]
			}
			x.open(name, as, selfClose)
		case strings.HasPrefix(s, "<!"), strings.HasPrefix(s, "<?"):
			end := strings.IndexByte(s, '>')
			if end < 0 {
				return
			}
			s = s[end+1:]
		default:
			x.addText("<")
			s = s[1:]
		}
	}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// indexEndTag is the index in s of the first "</name", the name in any
// case (HTML's tag names are ASCII, compared without case); -1 when there
// is none. It reads s once, and copies nothing.
func indexEndTag(s, name string) int {
	for i := 0; ; i += 2 {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return -1
		}
		i += j
		if rest := s[i+2:]; len(rest) >= len(name) && equalASCIIFold(rest[:len(name)], name) {
			return i
		}
	}
}

// equalASCIIFold reports whether s equals lower, a lower-case ASCII
// string, with ASCII letters of s in any case.
func equalASCIIFold(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// parseTag reads a start tag after its "<": its name, attributes (appended
// to attrs) and whether it closes itself, and returns the text after it.
func parseTag(s string, attrs attrs) (name string, _ attrs, selfClose bool, rest string) {
	i := 0
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' && s[i] != '/' {
		i++
	}
	name = strings.ToLower(s[:i])
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '>' {
			return name, attrs, selfClose, s[i+1:]
		}
		if s[i] == '/' {
			selfClose = true
			i++
			continue
		}
		j := i
		for j < len(s) && !isSpace(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/' {
			j++
		}
		key := strings.ToLower(s[i:j])
		i = j
		val := ""
		if i < len(s) && s[i] == '=' {
			i++
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				end := strings.IndexByte(s[i+1:], q)
				if end < 0 {
					return name, attrs, selfClose, ""
				}
				val = s[i+1 : i+1+end]
				i += end + 2
			} else {
				j := i
				for j < len(s) && !isSpace(s[j]) && s[j] != '>' {
					j++
				}
				val = s[i:j]
				i = j
			}
		}
		if key != "" {
			attrs = append(attrs, attr{key, html.UnescapeString(val)})
		}
		selfClose = false
	}
	return name, attrs, selfClose, ""
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func (x *extractor) open(name string, attrs attrs, selfClose bool) {
	kind := kindOf(name)
	if kind&inline == 0 {
		x.addText(" ")
	}
	if kind&void != 0 || selfClose {
		return
	}
	e := element{name: name}
	_, hidden := attrs.lookup("hidden")
	_, ignored := attrs.lookup("data-search-ignore")
	e.skip = kind&skipped != 0 || hidden || ignored || attrs.get("aria-hidden") == "true"
	for c := range strings.FieldsSeq(attrs.get("class")) {
		if skippedClass(c) {
			e.skip = true
		}
	}
	if x.skip == 0 && !e.skip {
		id := attrs.get("id")
		switch {
		case name == "h1":
			e.heading = true // the title: neither heading nor text
		case (name == "h2" || name == "h3") && id != "":
			x.flush()
			x.secs = append(x.secs, Section{Anchor: strings.Clone(id)})
			if name == "h3" {
				x.secs[len(x.secs)-1].Parent = x.h2
			}
			e.heading = true
		case id != "" && attrs.get("data-search-heading") != "":
			x.flush()
			x.secs = append(x.secs, Section{Anchor: strings.Clone(id), Heading: strings.Clone(clean(attrs.get("data-search-heading")))})
		}
	}
	// A definition list's term (dt) labels the definition after it: the
	// glossary's are headings already (data-search-heading), the role
	// pages' ("Meets looks like", "Budget") repeat on every item. It may
	// start a section all the same.
	if name == "dt" {
		e.skip = true
	}
	if e.skip {
		x.skip++
	}
	if e.heading {
		x.inHead++
		if name == "h1" {
			x.h1++
		}
	}
	x.stack = append(x.stack, e)
}

func (x *extractor) close(name string) {
	// Close up to the nearest open element of that name; a stray end tag
	// closes nothing.
	for i := len(x.stack) - 1; i >= 0; i-- {
		if x.stack[i].name != name {
			continue
		}
		for j := len(x.stack) - 1; j >= i; j-- {
			e := x.stack[j]
			if e.skip {
				x.skip--
			}
			if e.heading {
				x.inHead--
				if e.name == "h1" {
					x.h1--
				} else {
					sec := &x.secs[len(x.secs)-1]
					sec.Heading = x.cleaned(x.head)
					if e.name == "h2" {
						x.h2 = sec.Heading
					}
				}
				x.head = x.head[:0]
			}
		}
		x.stack = x.stack[:i]
		break
	}
	if kindOf(name)&inline == 0 {
		x.addText(" ")
	}
}

func (x *extractor) addText(s string) {
	if x.skip > 0 || s == "" {
		return
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	switch {
	case x.h1 > 0:
	case x.inHead > 0:
		x.head = append(x.head, s...)
	default:
		x.text = append(x.text, s...)
	}
}

// flush ends the current section's text.
func (x *extractor) flush() {
	sec := &x.secs[len(x.secs)-1]
	if sec.Text == "" {
		sec.Text = x.cleaned(x.text)
	} else {
		sec.Text = clean(sec.Text + " " + string(x.text))
	}
	x.text = x.text[:0]
}

// clean collapses runs of white space into one space, and trims it.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleaned is clean(string(b)), with one allocation.
func (x *extractor) cleaned(b []byte) string {
	x.clean = appendClean(x.clean[:0], b)
	if len(x.clean) == 0 {
		return ""
	}
	return string(x.clean)
}

// asciiSpace are the ASCII white space characters, as strings.Fields has
// them; notPlain also marks the bytes that start a multi-byte rune.
var asciiSpace, notPlain = func() (space, other [256]bool) {
	for _, c := range "\t\n\v\f\r " {
		space[c], other[c] = true, true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		other[c] = true
	}
	return space, other
}()

// appendClean appends clean(string(s)) to dst: the fields of s (split at
// unicode.IsSpace) joined by one space.
func appendClean(dst, s []byte) []byte {
	start, gap := len(dst), false
	for i := 0; i < len(s); {
		// A run of ASCII that is not space.
		j := i
		for j < len(s) && !notPlain[s[j]] {
			j++
		}
		if j > i {
			if gap && len(dst) > start {
				dst = append(dst, ' ')
			}
			gap = false
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		if asciiSpace[s[i]] {
			gap = true
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if unicode.IsSpace(r) {
			gap = true
			i += n
			continue
		}
		if gap && len(dst) > start {
			dst = append(dst, ' ')
		}
		gap = false
		dst = append(dst, s[i:i+n]...)
		i += n
	}
	return dst
}
