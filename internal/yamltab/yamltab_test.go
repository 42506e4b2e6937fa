package yamltab

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

var tests = []struct {
	name, in string
	want     any    // the value, when the YAML is valid
	changed  string // Separation's output, when it changes something
	invalid  bool   // tabs the spec forbids: still an error
}{
	{name: "tab after dash", in: "a:\n-\tb\n", want: map[string]any{"a": []any{"b"}}, changed: "a:\n- b\n"},
	{name: "space and tab after dash", in: "a:\n- \tb\n", want: map[string]any{"a": []any{"b"}}, changed: "a:\n-  b\n"},
	{name: "indented list", in: "aliases:\n  -\t/old/\n  -\t/older/\n", want: map[string]any{"aliases": []any{"/old/", "/older/"}},
		changed: "aliases:\n  - /old/\n  - /older/\n"},
	{name: "spec example 6.3", in: "- foo:\t bar\n- - baz\n  -\tbaz\n",
		want: []any{map[string]any{"foo": "bar"}, []any{"baz", "baz"}}, changed: "- foo:\t bar\n- - baz\n  - baz\n"},
	{name: "spec example 6.2", in: "? a\n: -\tb\n  -  -\tc\n     - d\n",
		want: map[string]any{"a": []any{"b", []any{"c", "d"}}}, changed: "? a\n: - b\n  -  - c\n     - d\n"},
	{name: "dash before a negative number", in: "-\t-1\n", want: []any{-1}, changed: "- -1\n"},
	{name: "quoted and flow values", in: "-\t\"x\"\n-\t[1, 2]\n-\t{k: v}\n", want: []any{"x", []any{1, 2}, map[string]any{"k": "v"}},
		changed: "- \"x\"\n- [1, 2]\n- {k: v}\n"},
	{name: "dash with a comment", in: "-\tb\t# why\n", want: []any{"b"}, changed: "- b\t# why\n"},
	{name: "tab after a key", in: "title:\tWe won't\n", want: map[string]any{"title": "We won't"}},
	{name: "tab in a flow list", in: "a: [b,\tc]\n", want: map[string]any{"a": []any{"b", "c"}}},
	{name: "tab in a literal block kept", in: "a: |\n  -\tb\nc:\n-\td\n", want: map[string]any{"a": "-\tb\n", "c": []any{"d"}},
		changed: "a: |\n  -\tb\nc:\n- d\n"},
	{name: "tab in a literal list item kept", in: "- |\n  -\tb\n-\tc\n", want: []any{"-\tb\n", "c"}, changed: "- |\n  -\tb\n- c\n"},
	{name: "tab in a quoted value kept", in: "- \"a\n  -\tb\"\n-\tc\n", want: []any{"a -\tb", "c"}, changed: "- \"a\n  -\tb\"\n- c\n"},
	{name: "tab in a single-quoted value kept", in: "- 'it''s\n  -\tb'\n", want: []any{"it's -\tb"}},
	{name: "indentation tab", in: "a:\n\t- b\n", invalid: true},
	{name: "tab before a nested list", in: "-\t- x\n", invalid: true},
	{name: "tab before a compact mapping", in: "-\tk: v\n", invalid: true},
	{name: "tab after ? before a key", in: "?\tkey:\n", invalid: true},
	{name: "no tab", in: "a: b\n", want: map[string]any{"a": "b"}},
}

// TestSeparation: YAML that the spec allows parses to the value it means;
// tabs that the spec forbids stay errors; columns never move.
func TestSeparation(t *testing.T) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			out := Separation(in)
			if string(in) != tt.in {
				t.Fatal("input changed")
			}
			if len(out) != len(in) {
				t.Fatalf("length %d, want %d", len(out), len(in))
			}
			want := tt.changed
			if want == "" {
				want = tt.in
			}
			if diff := cmp.Diff(want, string(out)); diff != "" {
				t.Errorf("Separation (-want +got):\n%s", diff)
			}
			var v any
			err := yaml.Unmarshal(out, &v)
			switch {
			case tt.invalid && err == nil:
				t.Errorf("parsed as %v, want an error", v)
			case !tt.invalid && err != nil:
				t.Errorf("error: %v", err)
			case !tt.invalid:
				if diff := cmp.Diff(tt.want, v); diff != "" {
					t.Errorf("value (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// FuzzSeparation: the input is never changed, only tabs become spaces
// (so every line and column stays), and YAML that parsed still parses to
// the same value.
func FuzzSeparation(f *testing.F) {
	for _, tt := range tests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := bytes.Clone(in)
		out := Separation(in)
		if !bytes.Equal(orig, in) {
			t.Fatal("input changed")
		}
		if len(out) != len(in) {
			t.Fatalf("length %d, want %d", len(out), len(in))
		}
		for i := range in {
			if out[i] != in[i] && (in[i] != '\t' || out[i] != ' ') {
				t.Fatalf("byte %d: %q became %q", i, in[i], out[i])
			}
		}
		var before, after any
		if yaml.Unmarshal(in, &before) == nil {
			if err := yaml.Unmarshal(out, &after); err != nil {
				t.Fatalf("parsed before, not after: %v", err)
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Fatalf("value changed (-before +after):\n%s", diff)
			}
		}
	})
}
