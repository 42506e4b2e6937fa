package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
)

// DataLayout is the layout that shows a page's front-matter data: a page
// chooses it with `layout: data`. It is how a framework that keeps its
// levels and criteria in front matter publishes them without rewriting its
// files (docs/layouts.md).
const DataLayout = "data"

// DataField is one part of a page's front-matter data as the data layout
// shows it: a heading, and under it the value of its key.
//
// A plain value (text, a number, a date) is Text; a list of plain values
// is Items, a bulleted list, each item with an anchor of its own (a
// mapping with a "text" key, and perhaps an "id", is an item too); a list
// of mappings of plain values is a Table; a mapping shows its plain values
// as Terms (a definition list) and its lists and mappings as Fields, one
// heading each, in the order they are written; a list of other mappings
// is Fields too, one per entry, each titled by its "name" (or "title",
// "id", "level", "label", "key").
type DataField struct {
	Key   string // the key as written; "" for an entry of a list
	Title string // the heading
	ID    string // the heading's anchor
	Level int    // the heading's level, 2 to 6
	Text  string
	Items []DataItem
	Table *DataTable
	Terms []DataItem
	// Fields are the parts under this one.
	Fields []*DataField
}

// DataItem is an item of a list, or a term of a definition list (Term
// set), with its anchor.
type DataItem struct {
	ID, Term, Text string
}

// DataTable is a list of mappings: a column per key, in the order the
// keys first appear, a row per mapping.
type DataTable struct {
	Columns []string
	Rows    []DataRow
}

// DataRow is a row of a DataTable, anchored at its first cell's text.
type DataRow struct {
	ID    string
	Cells []string
}

// titleKeys are the keys whose value names an entry of a list.
var titleKeys = []string{"name", "title", "id", "level", "label", "key"}

// maxDataDepth bounds how deep data is shown: below it, mappings and lists
// are left out.
const maxDataDepth = 12

// DataFields returns the front-matter data of f as the data layout shows
// it: its keys that the content model does not read (content.Keys), in
// the order written. The result is a field without a heading (Level 1):
// its Terms are the top-level plain values, its Fields the others. It is
// nil when f has no such data.
func DataFields(f *content.File) *DataField {
	if f == nil || f.Meta == nil || f.Meta.Kind != yaml.MappingNode {
		return nil
	}
	d := &dataBuilder{ids: map[string]int{}}
	root := &DataField{Level: 1}
	var keep []*yaml.Node
	for i := 0; i+1 < len(f.Meta.Content); i += 2 {
		if k := f.Meta.Content[i]; !known(k.Value) {
			keep = append(keep, k, f.Meta.Content[i+1])
		}
	}
	d.mapping(root, &yaml.Node{Kind: yaml.MappingNode, Content: keep}, "", 0)
	if len(root.Terms) == 0 && len(root.Fields) == 0 {
		return nil
	}
	return root
}

func known(key string) bool {
	for _, k := range content.Keys {
		if k == key {
			return true
		}
	}
	return false
}

// Anchors lists the anchors of the field and of everything under it.
func (f *DataField) Anchors() []string {
	if f == nil {
		return nil
	}
	var as []string
	if f.ID != "" {
		as = append(as, f.ID)
	}
	for _, it := range f.Items {
		as = append(as, it.ID)
	}
	for _, it := range f.Terms {
		as = append(as, it.ID)
	}
	if f.Table != nil {
		for _, r := range f.Table.Rows {
			as = append(as, r.ID)
		}
	}
	for _, c := range f.Fields {
		as = append(as, c.Anchors()...)
	}
	return as
}

// Headings lists the headings under the field, for the table of contents.
func (f *DataField) Headings() []markdown.Heading {
	if f == nil {
		return nil
	}
	var hs []markdown.Heading
	for _, c := range f.Fields {
		hs = append(hs, markdown.Heading{Level: c.Level, ID: c.ID, Text: c.Title})
		hs = append(hs, c.Headings()...)
	}
	return hs
}

// dataBuilder makes the fields of one page, keeping their anchors unique.
type dataBuilder struct {
	ids map[string]int
}

// id is a unique anchor made of the parent's anchor and name.
func (d *dataBuilder) id(parent, name string) string {
	id := site.Slug(name)
	if parent != "" {
		id = parent + "-" + id
	}
	d.ids[id]++
	if n := d.ids[id]; n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}

func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func plain(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode }

func empty(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// mapping fills f from the mapping n: plain values as Terms, the others
// as Fields. skip is a key left out (an entry's title).
func (d *dataBuilder) mapping(f *DataField, n *yaml.Node, skip string, depth int) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Value == skip || empty(v) {
			continue
		}
		if plain(v) {
			f.Terms = append(f.Terms, DataItem{ID: d.id(f.ID, k.Value), Term: keyTitle(k.Value), Text: v.Value})
			continue
		}
		if depth >= maxDataDepth {
			continue
		}
		c := &DataField{Key: k.Value, Title: keyTitle(k.Value), ID: d.id(f.ID, k.Value), Level: min(f.Level+1, 6)}
		d.value(c, v, depth+1)
		f.Fields = append(f.Fields, c)
	}
}

// value fills f with the list or mapping v.
func (d *dataBuilder) value(f *DataField, v *yaml.Node, depth int) {
	switch v.Kind {
	case yaml.MappingNode:
		d.mapping(f, v, "", depth)
	case yaml.SequenceNode:
		d.list(f, v, depth)
	}
}

// list fills f from the list n: Items, a Table or entries.
func (d *dataBuilder) list(f *DataField, n *yaml.Node, depth int) {
	var elems []*yaml.Node
	for _, e := range n.Content {
		if e = resolve(e); !empty(e) {
			elems = append(elems, e)
		}
	}
	if items, ok := d.items(f.ID, elems); ok {
		f.Items = items
		return
	}
	if t, ok := table(elems); ok {
		for i := range t.Rows {
			name := t.Rows[i].Cells[0]
			if strings.TrimSpace(name) == "" {
				name = strconv.Itoa(i + 1)
			}
			t.Rows[i].ID = d.id(f.ID, name)
		}
		f.Table = t
		return
	}
	for i, e := range elems {
		title, key := entryTitle(e, i)
		c := &DataField{Title: title, ID: d.id(f.ID, title), Level: min(f.Level+1, 6)}
		switch {
		case plain(e):
			c.Text = e.Value
		case e.Kind == yaml.MappingNode:
			d.mapping(c, e, key, depth)
		case depth < maxDataDepth:
			d.value(c, e, depth+1)
		}
		f.Fields = append(f.Fields, c)
	}
}

// items makes the list of plain values (or {id, text} mappings) elems
// into items, each anchored at its id or its place in the list.
func (d *dataBuilder) items(parent string, elems []*yaml.Node) ([]DataItem, bool) {
	items := make([]DataItem, 0, len(elems))
	for i, e := range elems {
		if plain(e) {
			items = append(items, DataItem{ID: d.id(parent, strconv.Itoa(i+1)), Text: e.Value})
			continue
		}
		text, id, ok := textItem(e)
		if !ok {
			return nil, false
		}
		if id == "" {
			id = strconv.Itoa(i + 1)
		}
		items = append(items, DataItem{ID: d.id(parent, id), Text: text})
	}
	return items, true
}

// textItem reads a mapping {text: …} or {id: …, text: …} of plain values.
func textItem(e *yaml.Node) (text, id string, ok bool) {
	if e.Kind != yaml.MappingNode {
		return "", "", false
	}
	for i := 0; i+1 < len(e.Content); i += 2 {
		k, v := resolve(e.Content[i]), resolve(e.Content[i+1])
		if !plain(v) {
			return "", "", false
		}
		switch k.Value {
		case "text":
			text, ok = v.Value, true
		case "id":
			id = v.Value
		default:
			return "", "", false
		}
	}
	return text, id, ok
}

// table makes a list of mappings of plain values into a table.
func table(elems []*yaml.Node) (*DataTable, bool) {
	if len(elems) == 0 {
		return nil, false
	}
	t := &DataTable{}
	col := map[string]int{}
	for _, e := range elems {
		if e.Kind != yaml.MappingNode {
			return nil, false
		}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := resolve(e.Content[i]), resolve(e.Content[i+1])
			if !plain(v) || k.Kind != yaml.ScalarNode {
				return nil, false
			}
			if _, ok := col[k.Value]; !ok {
				col[k.Value] = len(t.Columns)
				t.Columns = append(t.Columns, k.Value)
			}
		}
	}
	for _, e := range elems {
		row := make([]string, len(t.Columns))
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := resolve(e.Content[i]), resolve(e.Content[i+1])
			if !empty(v) {
				row[col[k.Value]] = v.Value
			}
		}
		t.Rows = append(t.Rows, DataRow{Cells: row})
	}
	for i, c := range t.Columns {
		t.Columns[i] = keyTitle(c)
	}
	return t, true
}

// entryTitle names the entry e, the i-th of its list: its first title
// key's plain value, and that key.
func entryTitle(e *yaml.Node, i int) (title, key string) {
	if e.Kind == yaml.MappingNode {
		for _, tk := range titleKeys {
			for j := 0; j+1 < len(e.Content); j += 2 {
				k, v := resolve(e.Content[j]), resolve(e.Content[j+1])
				if k.Value == tk && plain(v) && strings.TrimSpace(v.Value) != "" {
					return v.Value, tk
				}
			}
		}
	}
	return fmt.Sprintf("Entry %d", i+1), ""
}

// keyTitle makes a key a heading: "career_level" is "Career level".
func keyTitle(key string) string {
	s := strings.TrimSpace(strings.NewReplacer("_", " ", "-", " ").Replace(key))
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return key
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// reservedLayouts are the layouts of pages the build makes or lays out
// from a model: no page chooses them.
var reservedLayouts = map[string]bool{"base": true, "404": true, "home": true, "role": true, "skill": true, "behaviour": true,
	"behaviours": true, "matrix": true, "compare": true, "print-track": true, "changes": true, "editions": true,
	"edition-diff": true, "glossary": true}

// ChooseLayouts gives the pages of s whose front matter names a layout
// (`layout:`) that layout of the theme, and the pages of the data layout
// the anchors of their data. A page whose layout a model chose (a role,
// the glossary) cannot choose another: an error. A layout the theme does
// not have for pages (none of that name, or one of generated pages or of
// the career model) is a warning, and the page keeps its kind's layout:
// handbooks imported from other generators name their layouts too.
func (t *Templates) ChooseLayouts(s *site.Site) (errs, warnings diag.List) {
	for _, p := range s.Pages {
		if p.Source == nil || p.Source.Front.Layout == "" {
			continue
		}
		name := p.Source.Front.Layout
		line, col := p.Source.MetaLine, 1
		for i := 0; p.Source.Meta != nil && i+1 < len(p.Source.Meta.Content); i += 2 {
			if k, v := p.Source.Meta.Content[i], p.Source.Meta.Content[i+1]; k.Value == "layout" {
				line, col = p.Source.MetaLine-1+v.Line, v.Column
			}
		}
		switch {
		case p.Layout != "":
			errs.Add(diag.Errorf(p.File(), line, col, "layout: the page has the %s layout", p.Layout).WithHint("remove the key"))
		case reservedLayouts[name] || t.sets[name] == nil:
			warnings.Add(diag.Errorf(p.File(), line, col, "layout: the theme has no layout %q for pages, so the page has the %s layout", name, p.Kind).
				WithHint("use one of %s, or add themes/%s/layouts/%s.html", strings.Join(t.PageLayouts(), ", "), t.cfg.Theme, name))
		default:
			p.Layout = name
			if name == DataLayout {
				p.Anchors = append(p.Anchors, DataFields(p.Source).Anchors()...)
			}
		}
	}
	return errs, warnings
}

// PageLayouts lists the layouts a page may choose, sorted.
func (t *Templates) PageLayouts() []string {
	var names []string
	for name := range t.sets {
		if !reservedLayouts[name] {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
