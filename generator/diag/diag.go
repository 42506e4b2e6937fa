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
}

func (e *Error) Error() string {
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

// Err returns nil for an empty list and the list itself otherwise.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
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
			out = append(out, &Error{File: file, Line: lineOffset + 1, Msg: "invalid YAML: " + strings.TrimPrefix(line, "yaml: ")})
			continue
		}
		n, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		out = append(out, &Error{File: file, Line: n + lineOffset, Col: col, Msg: "invalid YAML: " + m[3]})
	}
	if len(out) == 0 {
		out = List{{File: file, Line: lineOffset + 1, Msg: "invalid YAML: " + err.Error()}}
	}
	return out
}
