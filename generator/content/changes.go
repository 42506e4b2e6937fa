package content

import (
	"fmt"
	"time"

	"github.com/handbook-dev/handbook/internal/suggest"
	"gopkg.in/yaml.v3"
)

// DateLayout is how change notes write their dates: 2026-03-01.
const DateLayout = "2006-01-02"

// Change is one change note of a page, written for readers:
//
//	changes:
//	  - date: 2026-03-01
//	    note: "Staff: vendor evaluation moved from needs-approval to decides-alone"
type Change struct {
	Date time.Time // midnight UTC of the day written
	Note string
}

// changeError is a malformed change note, at a line of the front matter.
type changeError struct {
	line, col int
	msg, hint string
}

func (e *changeError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// UnmarshalYAML decodes one change note strictly: a mapping with a date in
// DateLayout and a non-empty note, and no other keys.
func (c *Change) UnmarshalYAML(n *yaml.Node) error {
	bad := func(at *yaml.Node, hint, format string, args ...any) error {
		return &changeError{line: at.Line, col: at.Column, msg: fmt.Sprintf(format, args...), hint: hint}
	}
	const shape = "write each change as {date: YYYY-MM-DD, note: what changed}"
	if n.Kind != yaml.MappingNode {
		return bad(n, shape, "a change note must be a mapping with date and note")
	}
	var date, note *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "date":
			date = v
		case "note":
			note = v
		default:
			hint := shape
			if known := suggest.Nearest(k.Value, []string{"date", "note"}); known != "" {
				hint = fmt.Sprintf("did you mean %q? %s", known, shape)
			}
			return bad(k, hint, "unknown key %q in a change note", k.Value)
		}
	}
	if date == nil {
		return bad(n, "add `date: YYYY-MM-DD`, the day the change was made", "change note has no date")
	}
	d, err := time.Parse(DateLayout, date.Value)
	if err != nil || date.Kind != yaml.ScalarNode {
		return bad(date, "write the date as YYYY-MM-DD, for example 2026-03-01", "change note date %q is not a date", date.Value)
	}
	if note == nil || note.Kind != yaml.ScalarNode || note.Value == "" {
		at := n
		if note != nil {
			at = note
		}
		return bad(at, "add `note:` with one sentence on what changed", "change note of %s has no note", date.Value)
	}
	c.Date, c.Note = d, note.Value
	return nil
}
