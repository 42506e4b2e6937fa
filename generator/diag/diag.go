// Package diag provides positioned diagnostics: the one-line
// "file:line:col: what is wrong (how to fix it)" errors that every stage of
// the pipeline reports for bad input.
package diag

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Error is a problem in one input file. Line and Col are 1-based; zero means
// unknown. Hint, when set, tells the author how to fix it.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
	Hint string
	// More, when positive, makes this the summary of the problems of File
	// left out of a capped list (List.Capped): "… and 99,979 more
	// problems in content/x.md".
	More int
}

func (e *Error) Error() string {
	if e.More > 0 {
		return fmt.Sprintf("… and %s more %s in %s", thousands(e.More), plural(e.More, "problem"), e.File)
	}
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		fmt.Fprintf(&b, " (%s)", e.Hint)
	}
	return b.String()
}

// Warning formats e as a warning that does not fail the build:
// "file:line:col: warning: what is wrong (how to fix it)".
func (e *Error) Warning() string {
	w := *e
	w.Msg = "warning: " + e.Msg
	return w.Error()
}

// Errorf returns an *Error at file:line:col.
func Errorf(file string, line, col int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// WithHint sets the hint and returns e, for chaining.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// List collects several errors so that a check can report all of them at
// once. The zero value is ready to use.
type List []*Error

// Add appends e.
func (l *List) Add(e *Error) { *l = append(*l, e) }

// Sort orders the list by file, line and column so output is deterministic.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns nil for an empty list and otherwise the list sorted and
// capped at MaxPerFile problems per file (Capped).
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.Capped(MaxPerFile)
}

// MaxPerFile is how many problems of one file a build or check reports:
// past it, one line says how many more there are (docs/limits.md). A file
// with 100,000 broken references prints 21 lines, not 100,000.
const MaxPerFile = 20

// Capped returns the list sorted, keeping the first max problems of each
// file and, for a file with more, one summary (an *Error with More set)
// after them. Summaries already in the list are merged, so capping twice
// changes nothing. Problems without a file are never dropped.
func (l List) Capped(max int) List {
	if len(l) == 0 {
		return l
	}
	more := map[string]int{}
	var real List
	for _, e := range l {
		if e.More > 0 {
			more[e.File] += e.More
			continue
		}
		real = append(real, e)
	}
	real.Sort()
	out := make(List, 0, len(real))
	kept := map[string]int{}
	for _, e := range real {
		if e.File == "" || kept[e.File] < max {
			kept[e.File]++
			out = append(out, e)
			continue
		}
		more[e.File]++
	}
	if len(more) == 0 {
		return out
	}
	// Each summary goes right after its file's last kept problem.
	files := make([]string, 0, len(more))
	for f := range more {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		at := sort.Search(len(out), func(i int) bool { return out[i].File > f })
		if f == "" {
			at = len(out)
		}
		out = append(out, nil)
		copy(out[at+1:], out[at:])
		out[at] = &Error{File: f, More: more[f]}
	}
	return out
}

// thousands formats n with comma separators: 99,979.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Warnings formats the list as warnings, capped like Err.
func (l List) Warnings() []string {
	var out []string
	for _, e := range l.Capped(MaxPerFile) {
		if e.More > 0 {
			out = append(out, e.Error())
			continue
		}
		out = append(out, e.Warning())
	}
	return out
}

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find the individual errors.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Flatten returns the positioned errors inside err, converting any other
// error into one *Error without a position.
func Flatten(err error) List {
	if err == nil {
		return nil
	}
	var l List
	if errors.As(err, &l) {
		return l
	}
	var e *Error
	if errors.As(err, &e) {
		return List{e}
	}
	return List{{Msg: err.Error()}}
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+)(?:, column (\d+))?: (.*)$`)

// FromYAML turns an error from gopkg.in/yaml.v3 into positioned errors in
// file, adding lineOffset to the YAML's own line numbers (front matter starts
// below its opening fence).
func FromYAML(file string, lineOffset int, err error) List {
	var out List
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line == "yaml: unmarshal errors:" {
			continue
		}
		m := yamlLine.FindStringSubmatch(line)
		if m == nil {
			out = append(out, &Error{File: file, Line: lineOffset + 1, Col: 1, Msg: "invalid YAML: " + strings.TrimPrefix(line, "yaml: ")})
			continue
		}
		n, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		col = max(col, 1) // every YAML error has a column: the line's start when yaml.v3 gives none
		out = append(out, &Error{File: file, Line: n + lineOffset, Col: col, Msg: "invalid YAML: " + m[3]})
	}
	if len(out) == 0 {
		out = List{{File: file, Line: lineOffset + 1, Col: 1, Msg: "invalid YAML: " + err.Error()}}
	}
	return out
}
