// Package glossary provides the handbook's glossary: the terms defined in
// the front matter of content/glossary.md, and a goldmark extension that
// links the first mention of each term on a page to its definition.
//
// The glossary page lists its terms under the "terms" key; other keys of
// that page (title, description) are ordinary page keys:
//
//	terms:
//	  - id: error-budget            # kebab-case, unique; anchor "term-error-budget"
//	    term: Error budget          # the name readers see
//	    aliases: [error budgets]    # other names that link to it (optional)
//	    definition: One or two sentences, shown as the link's tooltip.
//
// Every name (term or alias) belongs to one term only, compared without
// regard to case, and starts with a letter or digit.
//
// Linking rules, applied by Extension to each page's parsed document:
//
//   - names match whole words: not preceded or followed by a letter or digit;
//   - case is ignored, except for acronyms (a name without lower-case letters,
//     like "SLO" or "MTTR", or such a name plus a plural "s", like "SLOs"),
//     which match exactly, so "rfc" is not linked;
//   - a space in a name matches any run of spaces and tabs;
//   - at each position the longest name wins ("error budget" before
//     "error"), and only the first mention of each term on a page is linked;
//   - text inside headings, links, images, code spans, code blocks and raw
//     HTML is never linked, nor is anything on the glossary page itself or on
//     a page whose front matter says "glossary: false".
//
// A link is relative to the linking page ("../../glossary/#term-slo"), has
// class "glossary-term" and carries the definition in its title attribute.
package glossary

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// Term is one glossary entry.
type Term struct {
	ID         string
	Term       string
	Aliases    []string
	Definition string
	// Line is the file line where the entry starts.
	Line int
}

// Glossary is the set of terms defined on the glossary page.
type Glossary struct {
	Terms []Term
	// URL is the glossary page's URL, e.g. "/glossary/".
	URL string
}

// Anchor returns the element id of the term with the given id on the
// glossary page.
func Anchor(id string) string { return "term-" + id }

// termKeys are the keys a glossary entry may have, in the order hints list
// them.
var termKeys = []string{"id", "term", "aliases", "definition"}

var kebab = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Load decodes the "terms" of the glossary page f, published at url. file
// names the page in errors. All problems are reported at once as a
// diag.List.
func Load(f *content.File, file string, url string) (*Glossary, error) {
	l := loader{file: file, offset: f.MetaLine - 1}
	if f.MetaLine == 0 {
		l.offset = 0
	}
	g := &Glossary{URL: url}
	seq := l.termsNode(f.Meta)
	if seq == nil {
		return nil, l.errs.Err()
	}
	ids := map[string]int{}         // id → line
	names := map[string]nameOwner{} // folded name → owner
	for i, item := range seq.Content {
		t, ok := l.term(item, i+1)
		if !ok {
			continue
		}
		if t.ID != "" && kebab.MatchString(t.ID) {
			if first, dup := ids[t.ID]; dup {
				idNode := valueOf(item, "id")
				l.errorf(idNode, "duplicate id %q", t.ID).WithHint("the first is on line %d; ids must be unique", first)
			} else {
				ids[t.ID] = t.Line
			}
		}
		l.checkNames(item, t, i, names)
		g.Terms = append(g.Terms, t)
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

// nameOwner records which entry first used a name.
type nameOwner struct {
	label string // the owning entry's id, or its term when it has no id
	line  int
	entry int // index in the terms list
}

type loader struct {
	file   string
	offset int // added to YAML lines to get file lines
	errs   diag.List
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) *diag.Error {
	line, col := 1, 0
	if n != nil {
		line, col = n.Line+l.offset, n.Column
	}
	e := diag.Errorf(l.file, line, col, format, args...)
	l.errs.Add(e)
	return e
}

// termsNode returns the "terms" sequence of the front matter, or nil after
// recording why there is none.
func (l *loader) termsNode(meta *yaml.Node) *yaml.Node {
	if meta == nil {
		l.errorf(nil, "the glossary page has no front matter").WithHint(`list the terms under "terms:"`)
		return nil
	}
	v := valueOf(meta, "terms")
	if v == nil {
		l.errorf(meta, `the glossary page has no "terms"`).WithHint(`list the terms under "terms:"`)
		return nil
	}
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return &yaml.Node{Kind: yaml.SequenceNode}
	case v.Kind != yaml.SequenceNode:
		l.errorf(v, `"terms" must be a list of entries`).WithHint("start each entry with \"- id: ...\"")
		return nil
	}
	return v
}

// valueOf returns the value of key in mapping m, or nil.
func valueOf(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// term decodes one entry; ok is false when it is too broken to check
// further.
func (l *loader) term(item *yaml.Node, n int) (Term, bool) {
	if item.Kind != yaml.MappingNode {
		l.errorf(item, "glossary entry %d must be a mapping of keys to values", n).
			WithHint("write it as \"- id: ...\" followed by term, aliases and definition")
		return Term{}, false
	}
	t := Term{Line: item.Line + l.offset}
	seen := map[string]bool{}
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		if seen[k.Value] {
			l.errorf(k, "duplicate key %q in glossary entry", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "id":
			t.ID, _ = l.text(v, "id")
		case "term":
			t.Term, _ = l.text(v, "term")
		case "definition":
			t.Definition, _ = l.text(v, "definition")
		case "aliases":
			t.Aliases = l.aliases(v)
		default:
			e := l.errorf(k, "unknown key %q in glossary entry", k.Value)
			if s := suggest.Nearest(k.Value, termKeys); s != "" {
				e.WithHint("did you mean %q?", s)
			} else {
				e.WithHint("an entry has %s", strings.Join(termKeys, ", "))
			}
		}
	}
	label := describe(t, n)
	if t.ID == "" {
		e := l.errorf(item, "glossary entry %s has no id", label)
		if s := slug(t.Term); s != "" {
			e.WithHint("add \"id: %s\"", s)
		} else {
			e.WithHint(`add a kebab-case "id:"`)
		}
	} else if !kebab.MatchString(t.ID) {
		e := l.errorf(valueOf(item, "id"), "id %q is not kebab-case", t.ID)
		if s := slug(t.ID); s != "" {
			e.WithHint("write it as %q", s)
		} else {
			e.WithHint("use lower-case letters, digits and hyphens")
		}
	}
	if t.Term == "" {
		l.errorf(item, "glossary entry %s has no term", label).WithHint(`add "term:" with the name readers see`)
	}
	if t.Definition == "" {
		l.errorf(item, "glossary entry %s has no definition", label).WithHint(`add "definition:" with one or two sentences`)
	}
	return t, true
}

// describe names an entry in errors: by id, else by term, else by number.
func describe(t Term, n int) string {
	switch {
	case t.ID != "":
		return fmt.Sprintf("%q", t.ID)
	case t.Term != "":
		return fmt.Sprintf("%q", t.Term)
	}
	return fmt.Sprintf("%d", n)
}

// text decodes a scalar value; null counts as missing ("").
func (l *loader) text(v *yaml.Node, key string) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		l.errorf(v, "%s must be text", key).WithHint("write it on one line, quoted if it holds a colon")
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return strings.TrimSpace(v.Value), true
}

func (l *loader) aliases(v *yaml.Node) []string {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		l.errorf(v, "aliases must be a list").WithHint("write aliases: [first, second]")
		return nil
	}
	var out []string
	for _, a := range v.Content {
		s, ok := l.text(a, "an alias")
		if !ok {
			continue
		}
		if s == "" {
			l.errorf(a, "empty alias").WithHint("remove it")
			continue
		}
		out = append(out, s)
	}
	return out
}

// checkNames reports names that cannot be matched or that another entry
// already uses.
func (l *loader) checkNames(item *yaml.Node, t Term, entry int, names map[string]nameOwner) {
	label := t.ID
	if label == "" {
		label = t.Term
	}
	check := func(kind, name string, n *yaml.Node) {
		if name == "" {
			return
		}
		if r, _ := utf8.DecodeRuneInString(name); !isWord(r) {
			l.errorf(n, "%s %q does not start with a letter or digit", kind, name).
				WithHint("glossary links match whole words")
			return
		}
		key := foldName(name)
		owner, used := names[key]
		switch {
		case !used:
			names[key] = nameOwner{label: label, line: t.Line, entry: entry}
		case owner.entry != entry:
			l.errorf(n, "%s %q is already a name of %q", kind, name, owner.label).
				WithHint("a name belongs to one term only; see line %d", owner.line)
		}
	}
	check("term", t.Term, valueOf(item, "term"))
	if as := valueOf(item, "aliases"); as != nil && as.Kind == yaml.SequenceNode {
		for _, a := range as.Content {
			if a.Kind == yaml.ScalarNode {
				check("alias", strings.TrimSpace(a.Value), a)
			}
		}
	}
}

// foldName is the form two names are compared in: case folded, runs of
// white space as one space.
func foldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// slug turns s into a kebab-case id, for hints.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// Enabled reports whether glossary links are wanted on the page f: true
// unless its front matter says "glossary: false". file names the page in
// errors.
func Enabled(f *content.File, file string) (bool, error) {
	v := valueOf(f.Meta, "glossary")
	if v == nil {
		return true, nil
	}
	var on bool
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&on) != nil {
		return true, diag.Errorf(file, v.Line+f.MetaLine-1, v.Column, "glossary must be true or false").
			WithHint("write \"glossary: false\" to turn glossary links off on this page")
	}
	return on, nil
}
