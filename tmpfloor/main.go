package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	var bodies [][]byte
	filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			if bytes.HasPrefix(b, []byte("---\n")) {
				if i := bytes.Index(b[4:], []byte("\n---\n")); i >= 0 {
					b = b[4+i+5:]
				}
			}
			bodies = append(bodies, b)
		}
		return nil
	})
	for _, hl := range []bool{true, false, true, false} {
		exts := []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer}
		if hl {
			exts = append(exts, highlighting.NewHighlighting(highlighting.WithFormatOptions(chromahtml.WithClasses(true)), highlighting.WithGuessLanguage(false)))
		}
		md := goldmark.New(goldmark.WithExtensions(exts...), goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()))
		start := time.Now()
		var next atomic.Int64
		var wg sync.WaitGroup
		var total atomic.Int64
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				for {
					i := int(next.Add(1) - 1)
					if i >= len(bodies) {
						return
					}
					buf.Reset()
					md.Convert(bodies[i], &buf)
					total.Add(int64(buf.Len()))
				}
			}()
		}
		wg.Wait()
		fmt.Println(len(bodies), "highlight", hl, time.Since(start), total.Load())
	}
}
