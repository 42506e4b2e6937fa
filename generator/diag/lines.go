package diag

import (
	"bytes"
	"sort"
)

// Lines turns byte offsets in a source into line and column numbers. It
// indexes the line starts once, so a lookup is a binary search: a document
// with 100,000 links or errors costs 100,000 short searches, not 100,000
// scans from the top. Every stage that reports a position inside Markdown
// uses it.
type Lines struct {
	src    []byte
	first  int   // the file line of src's first line
	starts []int // offset of each line start; built on first use
}

// NewLines indexes src, whose first line is line first of its file (the
// body of a page starts below its front matter).
func NewLines(src []byte, first int) *Lines {
	if first < 1 {
		first = 1
	}
	return &Lines{src: src, first: first}
}

// Position returns the 1-based file line and byte column of offset,
// clamped to src.
func (l *Lines) Position(offset int) (line, col int) {
	if l.starts == nil {
		l.starts = append(make([]int, 0, bytes.Count(l.src, []byte("\n"))+1), 0)
		for i, c := range l.src {
			if c == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	offset = min(max(offset, 0), len(l.src))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return l.first + i, offset - l.starts[i] + 1
}
