package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// nestedList is a list nested n levels deep, one level per line.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

// table is a table of n columns and one row.
func table(n int) string {
	return "|" + strings.Repeat("a|", n) + "\n|" + strings.Repeat("-|", n) + "\n|" + strings.Repeat("b|", n) + "\n"
}

// nestedQuotes is n block quotes, one level more on each line.
func nestedQuotes(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(">", i+1) + " a\n")
	}
	return b.String()
}

// TestLimits converts the inputs that hung builds or took gigabytes and
// checks each stops with its error, where it should. None is timed: the
// inputs are big enough that parsing them whole (minutes for the
// 5,000-level list, goldmark being cubic in the depth) would run past the
// test timeout, while stopping at the limit takes milliseconds.
func TestLimits(t *testing.T) {
	big := Limits{MaxBytes: 64 << 20} // so that the nesting limit, not the size, stops them
	tests := []struct {
		name   string
		src    string
		limits Limits
		want   string // "" for no error
		at     int    // offset of the error
	}{
		{name: "list 100 deep", src: nestedList(100)},
		{name: "list 101 deep", src: nestedList(101), want: "lists nested deeper than 100 levels (flatten the list)",
			at: len(nestedList(100)) + 200},
		{name: "list 5,000 deep", src: nestedList(5000), limits: big, want: "lists nested deeper than 100 levels",
			at: len(nestedList(100)) + 200},
		{name: "quotes 100 deep on one line", src: strings.Repeat(">", 100) + " a\n"},
		{name: "quotes 5,000 deep on one line", src: strings.Repeat(">", 5000) + " a\n", want: "block quotes nested deeper than 100 levels (flatten the quotes)", at: 100},
		{name: "quotes 5,000 deep over lines", src: nestedQuotes(5000), limits: big, want: "block quotes nested deeper than 100 levels",
			at: len(nestedQuotes(100)) + 100},
		{name: "quotes in lists", src: strings.Repeat("- > ", 60) + "a\n", want: "nested deeper than 100 levels"},
		{name: "custom depth", src: nestedList(4), limits: Limits{MaxNesting: 3}, want: "lists nested deeper than 3 levels", at: len(nestedList(3)) + 6},
		{name: "size at the limit", src: strings.Repeat("a", 100), limits: Limits{MaxBytes: 100}},
		{name: "size past the limit", src: strings.Repeat("a", 101), limits: Limits{MaxBytes: 100}, want: "the page is 101 bytes of Markdown, more than the limit of 100 bytes (split it into several pages, or raise markdown.max_size_mb"},
		{name: "default size", src: strings.Repeat("a\n", 3<<20), want: "the page is 6 MiB of Markdown, more than the limit of 4 MiB"},
		// Any document of more than 256 parser calls reads the clock at
		// least once; a nanosecond has passed by then.
		{name: "time budget", src: strings.Repeat("- *a* [b](c)\n", 1000), limits: Limits{Timeout: time.Nanosecond},
			want: "Markdown took longer than 1ns to convert and was stopped here (simplify or split the page, or raise markdown.timeout"},
		// 10,000 "[a](" on one line: goldmark alone reads 10,000 × 20 KB
		// looking for the ends of the destinations; bounded, 10,000 × 2 KB.
		{name: "unclosed links", src: strings.Repeat("[a](", 10000) + "\n"},
		{name: "unclosed brackets", src: strings.Repeat("[", 20000) + "\n"},
		// goldmark's reference definitions are quadratic in the lines of
		// their paragraph, its tables worse than linear in their columns:
		// the limits are checked before either is transformed.
		{name: "definitions 10,000 lines", src: strings.Repeat("[a]: b\n", 10000)},
		{name: "definitions 10,001 lines", src: "x\n\n" + strings.Repeat("[a]: b\n", 10001), want: "a paragraph or table of more than 10000 lines (separate it with blank lines, or split the table)", at: 3},
		{name: "table 1,000 columns", src: table(1000)},
		{name: "table 1,001 columns", src: "x\n\n" + table(1001), want: "a table of more than 1000 columns (split the table)", at: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{Limits: tt.limits})
			_, err := c.Convert([]byte(tt.src))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("error = %v, want a *LimitError", err)
			}
			if got := le.Msg + " (" + le.Hint + ")"; !strings.Contains(got, tt.want) {
				t.Errorf("error = %q, want it to contain %q", got, tt.want)
			}
			if tt.at != 0 && le.Offset != tt.at {
				t.Errorf("offset = %d, want %d", le.Offset, tt.at)
			}
		})
	}
}

// TestLongDestination checks the bound on the search for the end of a link
// destination: a URL up to about 2 KB is a link, a longer one stays text.
func TestLongDestination(t *testing.T) {
	c := New(Options{})
	for _, tt := range []struct {
		n    int
		link bool
	}{{100, true}, {2000, true}, {2100, false}} {
		src := "[a](/" + strings.Repeat("x", tt.n) + ") and more\n"
		doc, err := c.Convert([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		// (A long URL that is no link destination is still autolinked.)
		if got := bytes.Contains(doc.HTML, []byte(`">a</a>`)); got != tt.link {
			t.Errorf("%d-byte destination: link = %v, want %v", tt.n, got, tt.link)
		}
	}
}

// TestNULInHeading checks that a NUL byte in a heading reaches no
// attribute: it becomes U+FFFD, as goldmark makes it in the text.
func TestNULInHeading(t *testing.T) {
	c := New(Options{})
	for _, src := range []string{"## a\x00b\n", "## a\x00b {#x\x00y}\n", "# `a\x00b`\n"} {
		doc, err := c.Convert([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(doc.HTML, 0) >= 0 {
			t.Errorf("%q: NUL in the HTML: %s", src, doc.HTML)
		}
		if !bytes.Contains(doc.HTML, []byte(`aria-label="Permalink to a`+"\uFFFD"+`b"`)) {
			t.Errorf("%q: no U+FFFD in the aria-label: %s", src, doc.HTML)
		}
		for _, h := range doc.Headings {
			if strings.ContainsRune(h.Text+h.ID, 0) {
				t.Errorf("%q: heading %+v holds a NUL", src, h)
			}
		}
	}
}
