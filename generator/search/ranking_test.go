package search_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/search"
)

// rankingCase is a line of testdata/ranking.txt.
type rankingCase struct {
	Query, Want string
	Options     search.Options
	Line        int
}

// readRanking reads testdata/ranking.txt (see its header).
func readRanking(t *testing.T) []rankingCase {
	t.Helper()
	f, err := os.Open("testdata/ranking.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []rankingCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			t.Fatalf("testdata/ranking.txt:%d: want query<TAB>URL[<TAB>filters]", n)
		}
		c := rankingCase{Query: fields[0], Want: fields[1], Line: n}
		if len(fields) > 2 {
			for _, kv := range strings.Split(fields[2], ";") {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "kind":
					c.Options.Kind = v
				case "track":
					c.Options.Track = v
				case "level":
					c.Options.Level = v
				default:
					t.Fatalf("testdata/ranking.txt:%d: unknown filter %q", n, k)
				}
			}
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestRanking runs testdata/ranking.txt over the real handbook: each query
// must put its section first.
func TestRanking(t *testing.T) {
	files, _ := realHandbook(t)
	s, err := search.OpenFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	cases := readRanking(t)
	if len(cases) < 40 {
		t.Fatalf("only %d ranking cases; keep at least 40", len(cases))
	}
	for _, c := range cases {
		rs, err := s.Search(c.Query, c.Options)
		if err != nil {
			t.Fatalf("%q: %v", c.Query, err)
		}
		if len(rs) == 0 {
			t.Errorf("ranking.txt:%d: %q found nothing, want %s first", c.Line, c.Query, c.Want)
			continue
		}
		if rs[0].URL != c.Want {
			var got []string
			for _, r := range rs[:min(len(rs), 5)] {
				got = append(got, r.URL)
			}
			t.Errorf("ranking.txt:%d: %q (%+v): first result %s, want %s\ntop results: %s",
				c.Line, c.Query, c.Options, rs[0].URL, c.Want, strings.Join(got, "\n  "))
		}
	}
}
