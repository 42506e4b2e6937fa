package search_test

import (
	"os"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/search"
)

func TestZZExplain(t *testing.T) {
	q := os.Getenv("EXPLAIN")
	if q == "" {
		t.Skip()
	}
	files, _ := realHandbook(t)
	s, err := search.OpenFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(q, "|") {
		query, filt, _ := strings.Cut(line, "@")
		var o search.Options
		if filt != "" {
			for _, kv := range strings.Split(filt, ";") {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "kind":
					o.Kind = v
				case "track":
					o.Track = v
				case "level":
					o.Level = v
				}
			}
		}
		t.Logf("=== %q %+v\n%s", query, o, s.Explain(query, o, 6))
	}
}
