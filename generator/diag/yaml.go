package diag

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlSearchBudget caps the bytes YAMLSyntax parses again to find where a
// syntax error is, so that a huge broken file costs a bounded time; past
// it the error keeps the line yaml.v3 gave.
const yamlSearchBudget = 1 << 20

var yamlPrefix = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?`)

// YAMLSyntax turns a syntax error that gopkg.in/yaml.v3 returned for src
// into one positioned error in file, lineOffset lines below src's first
// line: the line and column of the problem, the top-level key it is
// under, and what is wrong in plain words ("title: a quoted value is not
// closed (end it with the same quote)").
//
// yaml.v3 gives a line only, and often the line where the broken
// construct began rather than the problem. The problem line is found by
// parsing src again: it is the line after the longest prefix of whole
// lines that parses. The column then comes from scanning that line for
// what the message is about (the tab, the unclosed quote or bracket, the
// stray ":").
func YAMLSyntax(file string, lineOffset int, src []byte, err error) *Error {
	full := strings.TrimSpace(err.Error())
	m := yamlPrefix.FindStringSubmatch(full)
	msg := full[len(m[0]):]
	reported, _ := strconv.Atoi(m[1])

	lines := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	n := problemLine(lines, reported)
	text := ""
	if n >= 1 && n <= len(lines) {
		text = lines[n-1]
	}
	col, what, hint := explainYAML(msg, text)
	if key := yamlKey(lines, n); key != "" {
		what = key + ": " + what
	}
	e := &Error{File: file, Line: n + lineOffset, Col: col, Msg: what}
	if hint != "" {
		e.Hint = hint
	}
	return e
}

// problemLine returns the 1-based line after the longest prefix of whole
// lines that parses, or reported (at least 1) when that costs too much.
func problemLine(lines []string, reported int) int {
	var node yaml.Node
	budget := yamlSearchBudget
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	for k := len(lines) - 1; k >= 0; k-- {
		size -= len(lines[k]) + 1
		if budget -= size; budget < 0 {
			break
		}
		prefix := strings.Join(lines[:k], "\n")
		if yaml.Unmarshal([]byte(prefix), &node) == nil {
			return k + 1
		}
	}
	return max(reported, 1)
}

// explainYAML returns the column on text (the problem line) and the plain
// words for a yaml.v3 message.
func explainYAML(msg, text string) (col int, what, hint string) {
	first := firstNonSpace(text)
	if tab := indentTab(text); tab > 0 || strings.Contains(msg, "tab character") {
		if tab == 0 {
			tab = strings.IndexByte(text, '\t') + 1
		}
		return max(tab, 1), "tabs are not allowed for indentation in YAML", "use spaces"
	}
	switch {
	case strings.Contains(msg, "found character that cannot start any token"):
		if i := tokenStart(text, "@`%|>"); i > 0 {
			return i, fmt.Sprintf("a value cannot start with %q", text[i-1]), "quote the value"
		}
		return first, "a value cannot start with this character", "quote the value"
	case strings.Contains(msg, "mapping values are not allowed"):
		if i := secondColon(text); i > 0 {
			return i, `a value that contains ": " must be quoted`, `write it in quotes: title: "Staff: a guide"`
		}
		return first, "this line does not fit the indentation of the lines above",
			`indent keys of the same mapping alike, or quote a value above that goes on over lines`
	case unclosed(text, '[', ']') > 0:
		return unclosed(text, '[', ']'), `a list opened with "[" is not closed`,
			`end it with "]" and separate its items with ","`
	case unclosed(text, '{', '}') > 0:
		return unclosed(text, '{', '}'), `a mapping opened with "{" is not closed`,
			`end it with "}" and separate its entries with ","`
	case strings.Contains(msg, "did not find expected key"),
		strings.Contains(msg, "did not find expected node content"),
		strings.Contains(msg, "did not find expected '-' indicator"),
		strings.Contains(msg, "block sequence entries are not allowed"):
		return first, "this line does not fit the indentation of the lines above",
			"indent keys of the same mapping and items of the same list alike"
	case strings.Contains(msg, "could not find expected ':'"):
		return first, `a key without ":"`, "write `key: value`"
	case strings.Contains(msg, "found unexpected end of stream"):
		if i := tokenStart(text, `"'`); i > 0 {
			return i, "a quoted value is not closed", "end it with the same quote"
		}
		return first, "the YAML ends in the middle of a value", "close what this line opens"
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		return max(strings.IndexByte(text, '[')+1, first), `a list opened with "[" is not closed`,
			`end it with "]" and separate its items with ","`
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		return max(strings.IndexByte(text, '{')+1, first), `a mapping opened with "{" is not closed`,
			`end it with "}" and separate its entries with ","`
	case strings.Contains(msg, "found unknown escape character"):
		if i := strings.IndexByte(text, '\\'); i >= 0 {
			return i + 1, fmt.Sprintf("unknown escape %q in a double-quoted value", text[i:min(i+2, len(text))]),
				`write \\ for a backslash, or use single quotes`
		}
	case strings.HasPrefix(msg, "unknown anchor"):
		name := strings.Trim(strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor "), " referenced"), "'")
		if i := strings.Index(text, "*"+name); i >= 0 {
			return i + 1, fmt.Sprintf("alias *%s names no anchor", name), fmt.Sprintf("define it first with &%s", name)
		}
		return first, fmt.Sprintf("alias *%s names no anchor", name), fmt.Sprintf("define it first with &%s", name)
	}
	return first, "invalid YAML: " + msg, ""
}

// unclosed is the column of the first open bracket of text that the line
// does not close, outside quotes, or 0.
func unclosed(text string, open, close byte) int {
	var stack []int
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || text[i-1] == ' '):
			i = len(text)
		case c == open:
			stack = append(stack, i+1)
		case c == close && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return 0
	}
	return stack[0]
}

// firstNonSpace is the column of the first character of text that is not
// a space, 1 for a blank line.
func firstNonSpace(text string) int {
	return len(text) - len(strings.TrimLeft(text, " \t")) + 1
}

// indentTab is the column of the first tab in text's indentation (its
// leading blanks and list dashes: "-\t- x"), or 0.
func indentTab(text string) int {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\t':
			return i + 1
		case c == ' ':
		case c == '-' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'):
		default:
			return 0
		}
	}
	return 0
}

// tokenStart is the column of the first character of text that is one of
// chars and starts a token (after a blank, "[", "{" or ","), or 0.
func tokenStart(text, chars string) int {
	for i := 0; i < len(text); i++ {
		if !strings.ContainsRune(chars, rune(text[i])) {
			continue
		}
		if i == 0 || strings.ContainsRune(" \t[{,", rune(text[i-1])) {
			return i + 1
		}
	}
	return 0
}

// secondColon is the column of a ": " after the one that ends the key of
// "key: value: more", or 0.
func secondColon(text string) int {
	i := strings.Index(text, ": ")
	if i < 0 {
		return 0
	}
	rest := text[i+2:]
	if strings.HasPrefix(strings.TrimSpace(rest), `"`) || strings.HasPrefix(strings.TrimSpace(rest), "'") {
		return 0
	}
	j := strings.Index(rest, ": ")
	if j < 0 {
		if strings.HasSuffix(rest, ":") {
			return i + 2 + len(rest)
		}
		return 0
	}
	return i + 2 + j + 1
}

var yamlKeyLine = regexp.MustCompile(`^([^\s#:\-?][^:#]*?)[ \t]*:(?:[ \t]|$)`)

// yamlKey names the key of line n (1-based): the one written on it, else
// the top-level key it is under.
func yamlKey(lines []string, n int) string {
	if n < 1 || n > len(lines) {
		return ""
	}
	own := strings.TrimLeft(lines[n-1], " \t-")
	if m := yamlKeyLine.FindStringSubmatch(own); m != nil && !strings.ContainsAny(m[1], `"'[{`) {
		return m[1]
	}
	for i := n - 2; i >= 0; i-- {
		if m := yamlKeyLine.FindStringSubmatch(lines[i]); m != nil && !strings.ContainsAny(m[1], `"'[{`) {
			return m[1]
		}
	}
	return ""
}

var yamlTypeMsg = regexp.MustCompile("^line (\\d+): cannot unmarshal (!!\\w+)(?: `(.*)`)? into (.+)$")

// YAMLTypes turns the messages of a *yaml.TypeError from decoding root
// (the parsed src) into positioned errors that name the key:
// "handbook.yaml:3:8: markdown.unsafe_html: cannot use "maybe" here, want
// true or false" for yaml.v3's "line 3: cannot unmarshal !!str `maybe`
// into bool". Messages of another form keep yaml.v3's words.
func YAMLTypes(file string, lineOffset int, root *yaml.Node, msgs []string) List {
	var out List
	for _, msg := range msgs {
		m := yamlTypeMsg.FindStringSubmatch(msg)
		if m == nil {
			out = append(out, FromYAML(file, lineOffset, fmt.Errorf("%s", msg))...)
			continue
		}
		line, _ := strconv.Atoi(m[1])
		path, v := nodeAt(root, line, m[2])
		if v == nil {
			out = append(out, FromYAML(file, lineOffset, fmt.Errorf("%s", msg))...)
			continue
		}
		what := "a mapping"
		switch v.Kind {
		case yaml.SequenceNode:
			what = "a list"
		case yaml.ScalarNode:
			what = strconv.Quote(v.Value)
		}
		out.Add(&Error{File: file, Line: lineOffset + v.Line, Col: v.Column,
			Msg: fmt.Sprintf("%s: cannot use %s here, want %s", strings.Join(path, "."), what, goTypeWords(m[4]))})
	}
	return out
}

// nodeAt finds the value at line whose YAML tag is tag, and the keys that
// lead to it; the innermost such value wins.
func nodeAt(root *yaml.Node, line int, tag string) (path []string, found *yaml.Node) {
	var walk func(n *yaml.Node, keys []string, depth int)
	walk = func(n *yaml.Node, keys []string, depth int) {
		if n == nil || depth > 100 {
			return
		}
		if n.Line == line && n.ShortTag() == tag && len(keys) > 0 {
			path, found = slices.Clone(keys), n
		}
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, keys, depth+1)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], append(keys[:len(keys):len(keys)], n.Content[i].Value), depth+1)
			}
		}
	}
	walk(root, nil, 0)
	return path, found
}

// goTypeWords says what a Go type of yaml.v3's messages wants, in words.
func goTypeWords(t string) string {
	switch {
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), strings.Contains(t, "."):
		return "a mapping"
	}
	return t
}
