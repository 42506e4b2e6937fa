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
	size   int   // len(src): the index keeps no reference to src
	first  int   // the file line of src's first line
	starts []int // offset of each line start
}

// NewLines indexes src, whose first line is line first of its file (the
// body of a page starts below its front matter).
func NewLines(src []byte, first int) *Lines {
	starts := append(make([]int, 0, bytes.Count(src, []byte("\n"))+1), 0)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &Lines{size: len(src), first: max(first, 1), starts: starts}
}

// Position returns the 1-based file line and byte column of offset,
// clamped to the source.
func (l *Lines) Position(offset int) (line, col int) {
	offset = min(max(offset, 0), l.size)
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return l.first + i, offset - l.starts[i] + 1
}
