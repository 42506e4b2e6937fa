package generator

// Pages kept compressed, for `handbook serve --watch` (docs/serve.md).
//
// A Builder keeps every page it rendered, to reuse it, and serve keeps
// the same bytes to answer from: at 10,000 pages that was 380 MB of HTML,
// more than half of what serve holds. Most of a page is the chrome its
// neighbours share (the sidebar), so gzip at its fastest level makes it
// four to five times smaller. A Builder told to (Builder.PackPages) keeps
// the pages it renders gzip-compressed, and returns them so in
// Result.Files; Unpack gives a file's bytes back. Nothing else changes:
// the pages are byte for byte those of a fresh build once unpacked.

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"sync"
)

// PackPages makes b keep the pages it renders gzip-compressed: the .html
// files of its Results that start as gzip data (Packed) are compressed,
// and Unpack reads them. Call it before the first Build.
func (bl *Builder) PackPages() { bl.cache.pack = true }

// packed returns a page just rendered as the cache keeps it: compressed
// when its Builder packs pages.
func (c *cache) packed(html []byte) []byte {
	if c == nil || !c.pack {
		return html
	}
	return pack(html)
}

// packer is a gzip writer at its fastest level with the buffer it writes
// into; both are reused.
type packer struct {
	w   *gzip.Writer
	buf bytes.Buffer
}

var packers = sync.Pool{New: func() any {
	p := &packer{}
	p.w, _ = gzip.NewWriterLevel(&p.buf, gzip.BestSpeed) // a valid level: no error
	return p
}}

// pack compresses a page; the same page always gives the same bytes (no
// time or name in the header), so comparing packed pages compares pages.
func pack(html []byte) []byte {
	p := packers.Get().(*packer)
	defer packers.Put(p)
	p.buf.Reset()
	p.w.Reset(&p.buf)
	p.w.Write(html) // into a bytes.Buffer: cannot fail
	p.w.Close()
	return bytes.Clone(p.buf.Bytes())
}

// Packed reports whether data, the output file name of a Builder's build,
// is a page kept compressed (Builder.PackPages). HTML is text: it never
// starts with gzip's magic bytes.
func Packed(name string, data []byte) bool {
	return strings.HasSuffix(name, ".html") && len(data) >= 18 && data[0] == 0x1f && data[1] == 0x8b
}

// PackedSize is the size of the output file name once unpacked, read from
// the end of the gzip data (pages are far below 4 GB).
func PackedSize(name string, data []byte) int {
	if !Packed(name, data) {
		return len(data)
	}
	return int(binary.LittleEndian.Uint32(data[len(data)-4:]))
}

var unpackers sync.Pool // of *gzip.Reader

// Unpack returns the bytes of the output file name as a one-off build
// writes them: data itself, unless it is a packed page.
func Unpack(name string, data []byte) ([]byte, error) {
	if !Packed(name, data) {
		return data, nil
	}
	var err error
	r, _ := unpackers.Get().(*gzip.Reader)
	if r == nil {
		r, err = gzip.NewReader(bytes.NewReader(data))
	} else {
		err = r.Reset(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer unpackers.Put(r)
	out := make([]byte, PackedSize(name, data))
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
