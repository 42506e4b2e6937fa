package content

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFrontErrors: every problem in front matter is one line naming the
// file, line, column and key.
func TestFrontErrors(t *testing.T) {
	tests := []struct {
		name, front string
		want        []string
	}{
		{"list for a number", "title: x\nweight:\n  - 1\n",
			[]string{"x.md:4:3: weight: cannot use a list here, want a whole number (lower weights come first, e.g. `weight: 10`)"}},
		{"text for a number", "weight: heavy\n",
			[]string{`x.md:2:9: weight: cannot use "heavy" here, want a whole number (lower weights come first, e.g. ` + "`weight: 10`)"}},
		{"fraction for a number", "weight: 1.5\n",
			[]string{`x.md:2:9: weight: cannot use "1.5" here, want a whole number (lower weights come first, e.g. ` + "`weight: 10`)"}},
		{"list for text", "title: [a]\n", []string{"x.md:2:8: title: cannot use a list here, want text"}},
		{"mapping for text", "description:\n  a: b\n", []string{"x.md:3:3: description: cannot use a mapping here, want text"}},
		{"not a boolean", "draft: maybe\n", []string{`x.md:2:8: draft: cannot use "maybe" here, want true or false`}},
		{"aliases not a list", "aliases: /x/\n",
			[]string{`x.md:2:10: aliases: cannot use "/x/" here, want a list of old URLs (write ` + "`aliases: [/section/old-name/]`)"}},
		{"alias entry not text", "aliases:\n  - {a: b}\n", []string{"x.md:3:5: aliases: cannot use a mapping here, want text"}},
		{"anchor aliases not a mapping", "anchor_aliases: [a]\n",
			[]string{"x.md:2:17: anchor_aliases: cannot use a list here, want a mapping of old anchors to new ones (write `old-anchor: new-anchor` lines under it)"}},
		{"changes not a list", "changes: 3\n",
			[]string{`x.md:2:10: changes: cannot use "3" here, want a list of change notes (write each change as ` + "`- {date: YYYY-MM-DD, note: what changed}`)"}},
		{"long value shortened", "title: {a: 1}\nweight: " + strings.Repeat("x", 50) + "\n",
			[]string{"x.md:2:8: title: cannot use a mapping here, want text",
				`x.md:3:9: weight: cannot use "` + strings.Repeat("x", 40) + `…" here, want a whole number (lower weights come first, e.g. ` + "`weight: 10`)"}},
		{"repeated key", "title: a\ntitle: b\n", []string{`x.md:3:1: key "title" is repeated (it is already set at line 2; keep one)`}},
		{"merge key", "<<: {title: a}\n", []string{"x.md:2:1: merge keys (<<) are not supported in front matter (write the keys out)"}},
		{"key not a name", "[a]: 1\n", []string{"x.md:2:1: a key must be a plain name, not a list (write `name: value`)"}},
		{"several at once", "weight: [1]\ndraft: 3\n", []string{
			"x.md:2:9: weight: cannot use a list here, want a whole number (lower weights come first, e.g. `weight: 10`)",
			`x.md:3:8: draft: cannot use "3" here, want true or false`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.md", []byte("---\n"+tt.front+"---\nbody\n"))
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestYAMLSyntaxErrors: a syntax error gets the line and column of the
// problem (not only the line of the construct yaml.v3 names) and the key.
func TestYAMLSyntaxErrors(t *testing.T) {
	tabs := "tabs are not allowed for indentation in YAML (use spaces)"
	tests := []struct{ name, front, want string }{
		{"unclosed list", "title: a\nweight: [1\n", `x.md:3:9: weight: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`},
		{"unclosed list over lines", "x: [a, b\ny: 1\n", `x.md:2:4: x: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`},
		{"unclosed mapping", "x: {a: 1\n", `x.md:2:4: x: a mapping opened with "{" is not closed (end it with "}" and separate its entries with ",")`},
		{"colon in a value", "title: Staff: a guide\n", `x.md:2:13: title: a value that contains ": " must be quoted (write it in quotes: title: "Staff: a guide")`},
		{"over-indented key", "title: a\n  weight: 3\n", "x.md:3:3: weight: this line does not fit the indentation of the lines above (indent keys of the same mapping alike, or quote a value above that goes on over lines)"},
		{"under-indented key", "a:\n  b: 1\n c: 2\n", "x.md:4:2: c: this line does not fit the indentation of the lines above (indent keys of the same mapping and items of the same list alike)"},
		{"list item after a key", "title: a\n- b\n", "x.md:3:1: title: this line does not fit the indentation of the lines above (indent keys of the same mapping and items of the same list alike)"},
		{"key without colon", "title: a\nweight 3\n", "x.md:3:1: title: a key without \":\" (write `key: value`)"},
		{"unclosed double quote", "title: \"abc\ndraft: true\n", "x.md:2:8: title: a quoted value is not closed (end it with the same quote)"},
		{"unclosed single quote", "title: a\ndescription: 'abc\n", "x.md:3:14: description: a quoted value is not closed (end it with the same quote)"},
		{"at sign", "title: @x\n", `x.md:2:8: title: a value cannot start with '@' (quote the value)`},
		{"backquote", "title: `x`\n", "x.md:2:8: title: a value cannot start with '`' (quote the value)"},
		{"unknown escape", "title: \"a\\qb\"\n", `x.md:2:10: title: unknown escape "\\q" in a double-quoted value (write \\ for a backslash, or use single quotes)`},
		{"unknown anchor", "title: a\nx: *nope\n", "x.md:3:4: x: alias *nope names no anchor (define it first with &nope)"},
		{"tab indenting a key", "title: a\n\tweight: 3\n", "x.md:3:1: weight: " + tabs},
		{"tab indenting a list", "aliases:\n\t- /a/\n", "x.md:3:1: aliases: " + tabs},
		// After "-", a tab separates a value, but cannot indent a
		// nested list or mapping (YAML 1.2.2, 6.1).
		{"tab before a nested list", "aliases:\n-\t- /a/\n", "x.md:3:2: aliases: " + tabs},
		{"tab before a nested mapping", "changes:\n  - \tdate: 2026-01-02\n", "x.md:3:5: date: " + tabs},
		{"tab after a dash in a block scalar", "description: |\n  a\n\t- b\n", "x.md:4:1: description: " + tabs},
		{"tab in a nested mapping", "x:\n- a: 1\n\tb: 2\n", "x.md:4:1: b: " + tabs},
		{"tab in a block scalar", "description: |\n  abc\n\tdef\n", "x.md:4:1: description: " + tabs},
		{"tab on a blank line", "x:\n  y: 1\n\t\n", "x.md:4:1: x: " + tabs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.md", []byte("---\n"+tt.front+"---\nbody\n"))
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestTabsAllowedAsSeparators: a tab that YAML allows (after "key:", "-"
// or "- " before a value, before a comment) is no error.
func TestTabsAllowedAsSeparators(t *testing.T) {
	tests := []struct {
		front   string
		aliases []string
		params  map[string]any
	}{
		{front: "weight:\t3\n"},
		{front: "weight: 3\t# the order\n"},
		{front: "aliases: \t[/a/]\n", aliases: []string{"/a/"}},
		{front: "aliases:\n-\t/a/\n", aliases: []string{"/a/"}},
		{front: "aliases:\n  - \t/a/\n  -\t/b/\t# old\n", aliases: []string{"/a/", "/b/"}},
		{front: "levels:\n  - name:\tSenior\n    criteria:\n      -\tOwns a service\n      -\t\"Mentors: two people\"\n",
			params: map[string]any{"levels": []any{map[string]any{"name": "Senior", "criteria": []any{"Owns a service", "Mentors: two people"}}}}},
		{front: "notes: |\n  -\tkept as written\n", params: map[string]any{"notes": "-\tkept as written\n"}},
	}
	for _, tt := range tests {
		f, err := Parse("x.md", []byte("---\n"+tt.front+"---\n"))
		if err != nil {
			t.Errorf("%q: %v", tt.front, err)
			continue
		}
		if diff := cmp.Diff(tt.aliases, f.Front.Aliases); diff != "" {
			t.Errorf("%q: aliases (-want +got):\n%s", tt.front, diff)
		}
		if diff := cmp.Diff(tt.params, f.Params); diff != "" {
			t.Errorf("%q: params (-want +got):\n%s", tt.front, diff)
		}
	}
}

// TestParams: keys the content model does not read are kept as Params;
// misspellings of known keys are errors with "did you mean".
func TestParams(t *testing.T) {
	tests := []struct {
		name, front string
		params      map[string]any
		errs        []string
	}{
		{name: "none", front: "title: a\nweight: 2\n"},
		{name: "custom keys", front: "title: a\nowner: Platform team\ntags: [a, b]\nreview:\n  every: 6\n",
			params: map[string]any{"owner": "Platform team", "tags": []any{"a", "b"}, "review": map[string]any{"every": 6}}},
		{name: "misspelt keys", front: "darft: true\nwieght: 5\ntitel: T\naliasses: []\ndescripton: d\n",
			params: map[string]any{"darft": true, "wieght": 5, "titel": "T", "aliasses": []any{}, "descripton": "d"},
			errs: []string{
				`x.md:2:1: unknown key "darft" (did you mean "draft"?)`,
				`x.md:3:1: unknown key "wieght" (did you mean "weight"?)`,
				`x.md:4:1: unknown key "titel" (did you mean "title"?)`,
				`x.md:5:1: unknown key "aliasses" (did you mean "aliases"?)`,
				`x.md:6:1: unknown key "descripton" (did you mean "description"?)`,
			}},
		{name: "case and dashes", front: "Title: a\nanchor-aliases: {}\nID: x\n",
			params: map[string]any{"Title": "a", "anchor-aliases": map[string]any{}, "ID": "x"},
			errs: []string{
				`x.md:2:1: unknown key "Title" (did you mean "title"?)`,
				`x.md:3:1: unknown key "anchor-aliases" (did you mean "anchor_aliases"?)`,
				`x.md:4:1: unknown key "ID" (did you mean "id"?)`,
			}},
		{name: "repeated key in a param", front: "owner:\n  a: 1\n  a: 2\n",
			errs: []string{`x.md:4:3: owner: key "a" is repeated (it is already set at line 3; keep one)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("x.md", []byte("---\n"+tt.front+"---\n"))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.params, f.Params); diff != "" {
				t.Errorf("params (-want +got):\n%s", diff)
			}
			var got []string
			for _, e := range CheckParams(f) {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.errs, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMisspelt pins the threshold: typos of known keys are caught, custom
// keys a theme may use are not.
func TestMisspelt(t *testing.T) {
	typos := map[string]string{
		"darft": "draft", "dratf": "draft", "draf": "draft", "drafts": "draft",
		"wieght": "weight", "weigth": "weight", "wight": "weight",
		"titel": "title", "tilte": "title", "tile": "title", "titles": "title",
		"aliasses": "aliases", "alias": "aliases", "alaises": "aliases",
		"descripton": "description", "desciption": "description", "descriptions": "description",
		"chnages": "changes", "change": "changes", "glosary": "glossary",
		"anchor_alias": "anchor_aliases", "anchor-aliases": "anchor_aliases",
		"Title": "title", "DRAFT": "draft", "ID": "id", "di": "id",
		"layuot": "layout", "Layout": "layout", "lyout": "layout",
	}
	for key, want := range typos {
		if got := Misspelt(key); got != want {
			t.Errorf("Misspelt(%q) = %q, want %q", key, got, want)
		}
	}
	for _, key := range []string{"owner", "author", "authors", "tags", "tag", "date", "time", "team", "teams",
		"image", "summary", "toc", "type", "slug", "url", "lang", "kind", "uid", "ids", "hide", "hidden",
		"icon", "level", "track", "status", "audience", "category", "series", "reviewed", "updated", "version",
		"table", "subtitle", "short_title", "terms", "order", "menu", "related", "keywords", "notes", "roles"} {
		if got := Misspelt(key); got != "" {
			t.Errorf("Misspelt(%q) = %q, want none: a custom key", key, got)
		}
	}
}
