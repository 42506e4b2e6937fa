package diag

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCapped(t *testing.T) {
	many := func(file string, n int) List {
		var l List
		for i := n; i > 0; i-- { // backwards: Capped sorts
			l.Add(Errorf(file, i, 1, "problem %d", i))
		}
		return l
	}
	lines := func(l List) []string {
		var out []string
		for _, e := range l {
			out = append(out, e.Error())
		}
		return out
	}
	tests := []struct {
		name string
		in   List
		max  int
		want []string
	}{
		{name: "under the cap", in: many("a.md", 2), max: 3, want: []string{"a.md:1:1: problem 1", "a.md:2:1: problem 2"}},
		{name: "at the cap", in: many("a.md", 3), max: 3, want: []string{"a.md:1:1: problem 1", "a.md:2:1: problem 2", "a.md:3:1: problem 3"}},
		{name: "one more", in: many("a.md", 4), max: 3, want: []string{"a.md:1:1: problem 1", "a.md:2:1: problem 2", "a.md:3:1: problem 3", "… and 1 more problem in a.md"}},
		{name: "each file its own cap", in: append(many("b.md", 5), many("a.md", 4)...), max: 2, want: []string{
			"a.md:1:1: problem 1", "a.md:2:1: problem 2", "… and 2 more problems in a.md",
			"b.md:1:1: problem 1", "b.md:2:1: problem 2", "… and 3 more problems in b.md",
		}},
		{name: "summaries merge", in: append(many("a.md", 4), &Error{File: "a.md", More: 99975}), max: 2, want: []string{
			"a.md:1:1: problem 1", "a.md:2:1: problem 2", "… and 99,977 more problems in a.md",
		}},
		{name: "no file is never dropped", in: List{{Msg: "x"}, {Msg: "y"}, {Msg: "z"}}, max: 1, want: []string{": x", ": y", ": z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Capped(tt.max)
			if diff := cmp.Diff(tt.want, lines(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(lines(got), lines(got.Capped(tt.max))); diff != "" {
				t.Errorf("capping twice changed the list (-once +twice):\n%s", diff)
			}
		})
	}
}

// TestErrCaps checks that the list a build prints is capped: 100,000
// problems in one file are MaxPerFile lines and one more.
func TestErrCaps(t *testing.T) {
	var l List
	for i := range 100000 {
		l.Add(Errorf("content/x.md", 4, i+1, "unclosed short reference"))
	}
	got := strings.Split(l.Err().Error(), "\n")
	if len(got) != MaxPerFile+1 {
		t.Fatalf("%d lines, want %d", len(got), MaxPerFile+1)
	}
	if want := "… and 99,980 more problems in content/x.md"; got[MaxPerFile] != want {
		t.Errorf("last line %q, want %q", got[MaxPerFile], want)
	}
	if w := l.Warnings(); len(w) != MaxPerFile+1 || !strings.HasPrefix(w[0], "content/x.md:4:1: warning: ") {
		t.Errorf("warnings: %d, first %q", len(w), w[0])
	}
}

func TestLines(t *testing.T) {
	// naive is the lookup every caller used to do: count the newlines
	// before the offset.
	naive := func(src []byte, offset, first int) (int, int) {
		offset = min(max(offset, 0), len(src))
		before := src[:offset]
		return first + bytes.Count(before, []byte("\n")), offset - bytes.LastIndexByte(before, '\n')
	}
	for _, src := range []string{"", "a", "\n", "ab\ncd\n", "\n\nx\n\n", "one\r\ntwo\r\n"} {
		for _, first := range []int{1, 4} {
			l := NewLines([]byte(src), first)
			for offset := -1; offset <= len(src)+1; offset++ {
				line, col := l.Position(offset)
				wl, wc := naive([]byte(src), offset, first)
				if line != wl || col != wc {
					t.Errorf("%q from line %d, offset %d: %d:%d, want %d:%d", src, first, offset, line, col, wl, wc)
				}
			}
		}
	}
}

func ExampleLines() {
	l := NewLines([]byte("# Title\n\nSee [[nowhere]].\n"), 4)
	fmt.Println(l.Position(13))
	// Output: 6 5
}

// TestFromYAMLPositions: every error from yaml.v3 gets a line and a column,
// the start of the line when yaml.v3 names none.
func TestFromYAMLPositions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"yaml: line 3: did not find expected key", "f.md:5:1: invalid YAML: did not find expected key"},
		{"yaml: line 3, column 7: x", "f.md:5:7: invalid YAML: x"},
		{"yaml: control characters are not allowed", "f.md:3:1: invalid YAML: control characters are not allowed"},
	}
	for _, tt := range tests {
		if got := FromYAML("f.md", 2, errors.New(tt.in)).Err().Error(); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
