// Package yamltab lets YAML use tabs as separation where the YAML spec
// allows them and gopkg.in/yaml.v3 does not: after a block sequence
// indicator ("-\tvalue", "- \tvalue") and after the "?" and ":" of an
// explicit mapping entry, when a scalar or a flow collection follows
// (YAML 1.2.2, example 6.3, "Separation Spaces").
//
// Separation turns those tabs into spaces, one byte for one, so the lines
// and columns yaml.v3 reports stay those of the file. Everything else is
// left as it is: a tab in indentation, or before a nested block collection
// ("-\t- x", "-\tkey: value"), is an error in YAML too and stays one, and
// the content of block scalars (| and >) and of quoted values is never
// touched.
package yamltab

import "bytes"

// Separation returns src with the separation tabs yaml.v3 rejects turned
// into spaces. It returns src itself when there is nothing to change, and
// never modifies src.
func Separation(src []byte) []byte {
	if bytes.IndexByte(src, '\t') < 0 {
		return src
	}
	var out []byte // a copy, made at the first change
	block := -1    // indentation of the line that opened a block scalar, or -1
	plain := -2    // indentation of the line a plain value started on, or -2
	var st state   // quotes and brackets left open by the lines above
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		indent := countSpaces(line)
		blank := len(bytes.TrimRight(line, " \t\r")) == 0
		switch {
		case st.open():
			// Inside a quoted value or a flow collection that goes on
			// over lines.
			st = st.scan(line)
		case block >= 0 && (blank || indent > block):
			// Content of a block scalar.
		case blank:
		case plain > -2 && indent > plain:
			// A plain value that goes on over lines: "- a\n  -\tb" is
			// the text "a -\tb".
		default:
			block, plain = -1, -2
			for _, i := range separationTabs(line[indent:]) {
				if out == nil {
					out = bytes.Clone(src)
				}
				out[start+indent+i] = ' '
			}
			block, plain, st = follows(line, indent)
		}
		start = end + 1
	}
	if out == nil {
		return src
	}
	return out
}

// separationTabs returns the offsets in s (a line without its leading
// spaces) of the tabs after its leading indicators ("-", "?", ":") that
// separate an indicator from a scalar or flow value.
func separationTabs(s []byte) []int {
	var tabs []int
	i := 0
	for i < len(s) && isIndicator(s, i) {
		j := i + 1
		var run []int
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			if s[j] == '\t' {
				run = append(run, j)
			}
			j++
		}
		rest := s[j:]
		if len(run) > 0 {
			if j < len(s) && isIndicator(s, j) || compactMapping(rest) {
				// A nested block collection: a tab here is
				// indentation, which YAML forbids.
				return tabs
			}
			tabs = append(tabs, run...)
		}
		i = j
	}
	return tabs
}

// isIndicator reports whether s[i] is "-", "?" or ":" followed by a blank
// or the end of the line: the start of a block entry.
func isIndicator(s []byte, i int) bool {
	switch s[i] {
	case '-', '?', ':':
		return i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t' || s[i+1] == '\r'
	}
	return false
}

// compactMapping reports whether s starts a block mapping ("key: value",
// "key:"): a ":" followed by a blank or the end of the line, outside
// quotes and brackets, before any comment.
func compactMapping(s []byte) bool {
	if len(s) == 0 || bytes.IndexByte([]byte("[{|>#*"), s[0]) >= 0 {
		return false // a flow collection, a block scalar, a comment, an alias
	}
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
				quote = c
			}
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == '#' && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t'):
			return false
		case c == ':' && depth <= 0 && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t' || s[i+1] == '\r'):
			return true
		}
	}
	return false
}

// opensBlockScalar reports whether line ends with a block scalar header
// ("key: |", "- >-", "key: |2 # comment").
func opensBlockScalar(line []byte) bool {
	if i := bytes.Index(line, []byte(" #")); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, " \t\r")
	i := len(line)
	for i > 0 && (line[i-1] == '-' || line[i-1] == '+' || line[i-1] >= '1' && line[i-1] <= '9') {
		i--
	}
	if i == 0 || line[i-1] != '|' && line[i-1] != '>' {
		return false
	}
	return i == 1 || line[i-2] == ' ' || line[i-2] == '\t'
}

// state is what a line leaves open: a quote, or flow brackets.
type state struct {
	quote byte
	depth int
}

func (st state) open() bool { return st.quote != 0 || st.depth > 0 }

// scan returns the state at the end of line given the state at its start.
// A quote opens a value only at its start (after a blank, an indicator or
// a bracket); a plain value may hold quotes.
func (st state) scan(line []byte) state {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case st.quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				st.quote = 0
			}
		case st.quote == '\'':
			if c == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
				} else {
					st.quote = 0
				}
			}
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return st
		case (c == '"' || c == '\'') && (i == 0 || bytes.IndexByte([]byte(" \t[{,:-?"), line[i-1]) >= 0):
			st.quote = c
		case (c == '[' || c == '{') && (st.depth > 0 || i == 0 || bytes.IndexByte([]byte(" \t"), line[i-1]) >= 0):
			st.depth++
		case (c == ']' || c == '}') && st.depth > 0:
			st.depth--
		}
	}
	return st
}

// follows says what the lines after line (not inside a value) may be:
// the content of a block scalar (the indentation of the line that opens it),
// the rest of a plain value (the column at or left of which the value
// ends, -1 when any line may continue it), or the rest of a quoted value
// or flow collection (an open state).
func follows(line []byte, indent int) (block, plain int, st state) {
	block, plain = -1, -2
	s := line[indent:]
	if len(s) > 0 && s[0] == '#' {
		return block, plain, st
	}
	if i := bytes.Index(s, []byte(" #")); i >= 0 {
		s = s[:i]
	}
	if i := bytes.Index(s, []byte("\t#")); i >= 0 {
		s = s[:i]
	}
	s = bytes.TrimRight(s, " \t\r")
	p, owner := 0, -1
	for p < len(s) && isIndicator(s, p) {
		owner = indent + p
		p++
		for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
			p++
		}
	}
	if compactMapping(s[p:]) {
		owner = indent + p
		p += valueStart(s[p:])
	}
	// Anchors and tags before the value.
	for {
		for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
			p++
		}
		if p == len(s) || s[p] != '&' && s[p] != '!' {
			break
		}
		for p < len(s) && s[p] != ' ' && s[p] != '\t' {
			p++
		}
	}
	v := s[p:]
	switch {
	case len(v) == 0:
	case v[0] == '"' || v[0] == '\'' || v[0] == '[' || v[0] == '{':
		st = st.scan(v)
	case opensBlockScalar(s):
		block = indent
	default:
		plain = owner
	}
	return block, plain, st
}

// valueStart is the offset in s, a compact mapping, just after the ":" of
// its first key.
func valueStart(s []byte) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			quote = c
		case c == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t' || s[i+1] == '\r'):
			return i + 1
		}
	}
	return len(s)
}

func countSpaces(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}
