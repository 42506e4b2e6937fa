package career

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// decoder reads one file's front matter strictly: every key is known, every
// value has the expected shape, and each problem is reported with its
// position in the file.
type decoder struct {
	file string
	off  int // file line of a front-matter node = off + node.Line
	errs *diag.List
	// warns, when set, takes the missing parts of a role instead of errs
	// (MissingWarn).
	warns *diag.List
}

// pos is a 1-based position in a source file.
type pos struct{ line, col int }

func (d *decoder) at(n *yaml.Node) pos { return pos{d.off + n.Line, n.Column} }

func (d *decoder) errorAt(p pos, format string, args ...any) *diag.Error {
	e := diag.Errorf(d.file, p.line, p.col, format, args...)
	d.errs.Add(e)
	return e
}

// missing reports a part of a role page that the role lacks: an error, or
// a warning under MissingWarn.
func (d *decoder) missing(p pos, format string, args ...any) *diag.Error {
	e := diag.Errorf(d.file, p.line, p.col, format, args...)
	if d.warns != nil {
		d.warns.Add(e)
	} else {
		d.errs.Add(e)
	}
	return e
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) *diag.Error {
	return d.errorAt(d.at(n), format, args...)
}

// field is one key of a mapping and what to do with its value.
type field struct {
	key string
	set func(v *yaml.Node)
}

// mapping decodes mapping n through fields. Unknown and repeated keys are
// errors; what names the mapping in messages. It returns the key nodes
// found, by key.
func (d *decoder) mapping(n *yaml.Node, what string, fields []field) map[string]*yaml.Node {
	seen := map[string]*yaml.Node{}
	n = resolve(n)
	if isNull(n) {
		return seen
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of keys to values, not %s", what, kindName(n))
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Tag == "!!merge" {
			d.errorf(k, "%s: merge keys (<<) are not supported", what).WithHint("write the keys out")
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s: keys must be plain names, not %s", what, kindName(k))
			continue
		}
		if first, ok := seen[k.Value]; ok {
			d.errorf(k, "%s: key %q is repeated", what, k.Value).
				WithHint("it is already set at line %d", d.at(first).line)
			continue
		}
		var f *field
		for j := range fields {
			if fields[j].key == k.Value {
				f = &fields[j]
				break
			}
		}
		if f == nil {
			known := make([]string, len(fields))
			for j, f := range fields {
				known[j] = f.key
			}
			e := d.errorf(k, "unknown key %q in %s", k.Value, what)
			if s := suggest.Nearest(k.Value, known); s != "" {
				e.WithHint("did you mean %q?", s)
			} else {
				e.WithHint("known keys: %s", strings.Join(known, ", "))
			}
			continue
		}
		seen[k.Value] = k
		f.set(resolve(v))
	}
	return seen
}

// resolve follows YAML aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" ||
		n.Kind == yaml.AliasNode // an alias that does not resolve
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "empty"
}

// str decodes a text value; null is "".
func (d *decoder) str(n *yaml.Node, what string) string {
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be text, not %s", what, kindName(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// int decodes a whole number; ok is false for null or a bad value.
func (d *decoder) int(n *yaml.Node, what string) (v int, ok bool) {
	if isNull(n) {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode && n.Decode(&v) == nil {
		return v, true
	}
	d.errorf(n, "%s must be a whole number, not %s", what, kindName(n))
	return 0, false
}

func (d *decoder) bool(n *yaml.Node, what string) bool {
	var b bool
	if isNull(n) {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		d.errorf(n, "%s must be true or false, not %s", what, kindName(n))
	}
	return b
}

// list calls each for every element of sequence n; null is empty.
func (d *decoder) list(n *yaml.Node, what string, each func(*yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not %s", what, kindName(n))
		return
	}
	for _, e := range n.Content {
		each(resolve(e))
	}
}

// ref is a role id written in a file, with its position and, on a career
// path edge, the note written with it.
type ref struct {
	id   string
	pos  pos
	note string
}

// refs decodes a list of ids.
func (d *decoder) refs(n *yaml.Node, what string) []ref {
	var rs []ref
	d.list(n, what, func(e *yaml.Node) {
		if id := d.str(e, what+" entries"); id != "" {
			rs = append(rs, ref{id: id, pos: d.at(e)})
		}
	})
	return rs
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// pathRefs decodes a leads_to or feeds_from list, whose entries are role
// ids or {id, note} mappings.
func (d *decoder) pathRefs(n *yaml.Node, what string) []ref {
	var rs []ref
	d.list(n, what, func(e *yaml.Node) {
		if e.Kind != yaml.MappingNode {
			if id := d.str(e, what+" entries"); id != "" {
				rs = append(rs, ref{id: id, pos: d.at(e)})
			}
			return
		}
		var rf ref
		keys := d.mapping(e, what+" entry", []field{
			{"id", func(v *yaml.Node) { rf.id, rf.pos = d.str(v, "id"), d.at(v) }},
			{"note", func(v *yaml.Node) { rf.note = d.str(v, "note") }},
		})
		switch {
		case rf.id == "":
			d.errorf(e, "%s entry has no id", what).
				WithHint("write `- id: role-id` with `note:` under it, or the plain role id")
		case keys["note"] != nil && rf.note == "":
			d.errorf(keys["note"], "%s entry %q has an empty note", what, rf.id).
				WithHint("say why the move skips a level or is unusual, or write the plain id")
		default:
			rs = append(rs, rf)
		}
	})
	return rs
}

// kebab reports whether id is lower-case kebab-case.
func kebab(id string) bool { return idPattern.MatchString(id) }

// section tracks the item ids of one section of a role, which must be
// unique across all its lists.
type section struct {
	name string
	ids  map[string]pos
}

func newSection(name string) *section { return &section{name: name, ids: map[string]pos{}} }

// itemID checks an item's id: present, kebab-case and new in the section.
// at is the item itself, used when the id is missing.
func (d *decoder) itemID(s *section, id string, idNode, at *yaml.Node) {
	switch {
	case id == "":
		d.errorf(at, "%s item has no id", s.name).
			WithHint("add `id: short-kebab-name`; it is the item's anchor")
	case !kebab(id):
		d.errorf(idNode, "%s item id %q is not kebab-case", s.name, id).
			WithHint("use lower-case words joined by \"-\"")
	default:
		if first, dup := s.ids[id]; dup {
			d.errorf(idNode, "%s item id %q is used twice", s.name, id).
				WithHint("ids are unique within %s; the first is at line %d", s.name, first.line)
			return
		}
		s.ids[id] = d.at(idNode)
	}
}

// items decodes a list of {id, text} items of section s. Items of a list
// with examples (responsibilities) may also have meets and not_yet.
func (d *decoder) items(n *yaml.Node, s *section, what string, examples bool) []Item {
	var items []Item
	d.list(n, what, func(e *yaml.Node) {
		if e.Kind != yaml.MappingNode {
			d.errorf(e, "%s items must be mappings with id and text, not %s", what, kindName(e))
			return
		}
		var it Item
		var idNode *yaml.Node
		fields := []field{
			{"id", func(v *yaml.Node) { it.ID, idNode = d.str(v, "id"), v }},
			{"text", func(v *yaml.Node) { it.Text = d.str(v, "text") }},
		}
		if examples {
			fields = append(fields,
				field{"meets", func(v *yaml.Node) { it.Meets = d.str(v, "meets") }},
				field{"not_yet", func(v *yaml.Node) { it.NotYet = d.str(v, "not_yet") }},
			)
		}
		keys := d.mapping(e, what+" item", fields)
		d.itemID(s, it.ID, idNode, e)
		if it.Text == "" {
			d.errorf(keyOr(keys, "text", e), "%s item %q has no text", what, it.ID)
		}
		p := d.at(e)
		it.Line, it.Col = p.line, p.col
		items = append(items, it)
	})
	return items
}

// keyOr returns the node of key k, or fallback when k is absent.
func keyOr(keys map[string]*yaml.Node, k string, fallback *yaml.Node) *yaml.Node {
	if n, ok := keys[k]; ok {
		return n
	}
	return fallback
}
