package content

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/suggest"
)

// Keys are the front-matter keys the content model reads on every page:
// the fields of Front and "glossary" (glossary links on or off, read by
// the glossary stage). Every other key of a page is kept in File.Params.
var Keys = []string{"id", "title", "description", "weight", "draft", "aliases", "anchor_aliases", "changes", "glossary", "layout"}

// known reports whether key is one of Keys.
func known(key string) bool {
	for _, k := range Keys {
		if k == key {
			return true
		}
	}
	return false
}

// frontDecoder decodes the top-level mapping of a file's front matter into
// Front and Params, reporting every problem with its position and the key
// it is under.
type frontDecoder struct {
	name string
	off  int // file line of a front-matter node = off + node.Line
	errs diag.List
}

func (d *frontDecoder) errorf(n *yaml.Node, format string, args ...any) *diag.Error {
	e := diag.Errorf(d.name, d.off+n.Line, max(n.Column, 1), format, args...)
	d.errs.Add(e)
	return e
}

// wrong reports a value of the wrong shape under key: "weight: cannot use
// a list here, want a whole number".
func (d *frontDecoder) wrong(key string, v *yaml.Node, want string) *diag.Error {
	return d.errorf(v, "%s: cannot use %s here, want %s", key, shape(v), want)
}

// shape names what a value is, for messages.
func shape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias (*" + n.Value + ")"
	case yaml.ScalarNode:
		v := n.Value
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "…"
		}
		return fmt.Sprintf("%q", v)
	}
	return "this value"
}

// resolveAlias follows YAML aliases (*name) to the node they name.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func null(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// decode reads mapping doc into f.Front and f.Params.
func (d *frontDecoder) decode(doc *yaml.Node, f *File) {
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Tag == "!!merge" {
			d.errorf(k, "merge keys (<<) are not supported in front matter").WithHint("write the keys out")
			continue
		}
		if k = resolveAlias(k); k.Kind != yaml.ScalarNode {
			d.errorf(k, "a key must be a plain name, not %s", shape(k)).WithHint("write `name: value`")
			continue
		}
		key := k.Value
		if first, ok := seen[key]; ok {
			d.errorf(k, "key %q is repeated", key).WithHint("it is already set at line %d; keep one", d.off+first.Line)
			continue
		}
		seen[key] = k
		v = resolveAlias(v)
		if !known(key) {
			var val any
			if err := v.Decode(&val); err != nil {
				// Reported by CheckParams: on a role, the role's decoder
				// says it better.
				e := diag.Errorf(d.name, d.off+v.Line, max(v.Column, 1), "%s: %s", key, yamlMessage(err))
				if dup, first := repeatedKey(v, 0); dup != nil {
					e = diag.Errorf(d.name, d.off+dup.Line, dup.Column, "%s: key %q is repeated", key, dup.Value).
						WithHint("it is already set at line %d; keep one", d.off+first.Line)
				}
				f.paramErrs.Add(e)
				continue
			}
			if f.Params == nil {
				f.Params = map[string]any{}
			}
			f.Params[key] = val
			continue
		}
		if null(v) {
			continue // an empty value leaves the zero value
		}
		fr := &f.Front
		switch key {
		case "id":
			fr.ID = d.text(key, v)
		case "title":
			fr.Title = d.text(key, v)
		case "description":
			fr.Description = d.text(key, v)
		case "layout":
			fr.Layout = d.text(key, v)
		case "weight":
			// A fraction would be truncated without a word: only !!int.
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Decode(&fr.Weight) != nil {
				d.wrong(key, v, "a whole number").WithHint("lower weights come first, e.g. `weight: 10`")
			}
		case "draft":
			if v.Kind != yaml.ScalarNode || v.Decode(&fr.Draft) != nil {
				d.wrong(key, v, "true or false")
			}
		case "glossary":
			// Checked by the glossary stage (glossary.Enabled).
		case "aliases":
			if v.Kind != yaml.SequenceNode {
				d.wrong(key, v, "a list of old URLs").WithHint("write `aliases: [/section/old-name/]`")
				continue
			}
			for _, e := range v.Content {
				if s := d.text(key, resolveAlias(e)); s != "" {
					fr.Aliases = append(fr.Aliases, s)
				}
			}
		case "anchor_aliases":
			d.anchorAliases(key, v, fr)
		case "changes":
			d.changes(key, v, fr)
		}
	}
}

// text decodes a scalar as text.
func (d *frontDecoder) text(key string, v *yaml.Node) string {
	var s string
	if v.Kind != yaml.ScalarNode || v.Decode(&s) != nil {
		d.wrong(key, v, "text")
		return ""
	}
	return s
}

func (d *frontDecoder) anchorAliases(key string, v *yaml.Node, fr *Front) {
	if v.Kind != yaml.MappingNode {
		d.wrong(key, v, "a mapping of old anchors to new ones").WithHint("write `old-anchor: new-anchor` lines under it")
		return
	}
	fr.AnchorAliases = map[string]string{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		old, now := resolveAlias(v.Content[i]), resolveAlias(v.Content[i+1])
		o, n := d.text(key, old), d.text(key, now)
		if old.Kind == yaml.ScalarNode && now.Kind == yaml.ScalarNode {
			fr.AnchorAliases[o] = n
		}
	}
}

func (d *frontDecoder) changes(key string, v *yaml.Node, fr *Front) {
	if v.Kind != yaml.SequenceNode {
		d.wrong(key, v, "a list of change notes").WithHint("write each change as `- {date: YYYY-MM-DD, note: what changed}`")
		return
	}
	for _, e := range v.Content {
		var c Change
		if err := c.UnmarshalYAML(resolveAlias(e)); err != nil {
			var ce *changeError
			if !errors.As(err, &ce) {
				d.errorf(e, "%s: %v", key, err)
				continue
			}
			d.errs.Add(diag.Errorf(d.name, d.off+ce.line, max(ce.col, 1), "%s", ce.msg).WithHint("%s", ce.hint))
			continue
		}
		fr.Changes = append(fr.Changes, c)
	}
}

// repeatedKey finds a key written twice in one mapping under n, and the
// first time it is written; nil when there is none.
func repeatedKey(n *yaml.Node, depth int) (dup, first *yaml.Node) {
	if depth > 100 {
		return nil, nil
	}
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if f, ok := seen[k.Value]; ok {
				return k, f
			}
			seen[k.Value] = k
		}
	}
	for _, c := range n.Content {
		if dup, first := repeatedKey(c, depth+1); dup != nil {
			return dup, first
		}
	}
	return nil, nil
}

// yamlMessage is the part of a yaml.v3 decoding error after its position.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = strings.TrimSpace(msg)
	if _, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "line ") {
		msg = rest
	}
	return msg
}

// CheckParams reports the problems of the front-matter keys of f that are
// not Keys: a value YAML cannot decode (a repeated key in a mapping), and a
// key so close to a known key that it is most likely a misspelling of it,
// such as "darft" or "wieght", an error with "did you mean". Other unknown
// keys are the page's Params, for themes. Files whose front matter another
// stage decodes strictly (roles, skills) need not be checked here.
//
// A key is a misspelling of a known key k when it is k in other letter
// case or with "-" for "_" ("Title", "anchor-aliases"), or when it is
// within Levenshtein distance (suggest.Distance) 1 of k, or 2 when the two
// keys have the same letters (two letters swapped: "darft", "titel",
// "wieght") or k is at least 7 letters long ("aliasses", "descripton",
// "alias"). Keys of 2 letters ("id") match only by case or swap, so that
// custom keys such as "kind", "uid" or "time" stay free.
func CheckParams(f *File) diag.List {
	if f.Meta == nil {
		return nil
	}
	errs := append(diag.List{}, f.paramErrs...)
	for i := 0; i+1 < len(f.Meta.Content); i += 2 {
		k := f.Meta.Content[i]
		if k.Kind != yaml.ScalarNode || known(k.Value) {
			continue
		}
		if s := Misspelt(k.Value); s != "" {
			errs.Add(diag.Errorf(f.Name, f.MetaLine-1+k.Line, k.Column, "unknown key %q", k.Value).
				WithHint("did you mean %q?", s))
		}
	}
	return errs
}

// Misspelt returns the known key (one of Keys) that key is a misspelling
// of, by the rule of CheckParams, or "".
func Misspelt(key string) string {
	n := utf8.RuneCountInString(key)
	if n > 20 {
		return "" // longer than any known key by more than 2: no distance to compute
	}
	norm := strings.ReplaceAll(strings.ToLower(key), "-", "_")
	best, bestD := "", -1
	for _, k := range Keys {
		if norm == k {
			return k
		}
		if diff := n - len(k); diff > 2 || diff < -2 {
			continue // the distance is at least the difference in length
		}
		d := suggest.Distance(key, k)
		if !near(key, k, d) {
			continue
		}
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// near applies the distance threshold of CheckParams to key and the known key k
// at Levenshtein distance d.
func near(key, k string, d int) bool {
	n := utf8.RuneCountInString(k)
	switch {
	case d == 0:
		return true
	case d <= 2 && sameLetters(key, k):
		return true
	case n <= 2:
		return false
	case d == 1:
		return true
	}
	return d == 2 && n >= 7
}

// sameLetters reports whether a and b are made of the same letters.
func sameLetters(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[rune]int{}
	for _, r := range a {
		count[r]++
	}
	for _, r := range b {
		count[r]--
	}
	for _, c := range count {
		if c != 0 {
			return false
		}
	}
	return true
}
