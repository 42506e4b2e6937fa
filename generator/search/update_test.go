package search_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/search/searchtest"
)

// updateTexts are the sentences the tests of Put write pages from.
func updateTexts(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/texts.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// versions returns n pages in each of k versions: versions[v][i] is the
// page /p/<i>/ written anew, with its own words, title and kind.
func versions(t *testing.T, n, k int) [][]search.Page {
	texts := updateTexts(t)
	out := make([][]search.Page, k)
	for v := range out {
		out[v] = searchtest.Corpus(texts, n, uint64(10+v))
	}
	return out
}

// sameIndex fails unless the files of x are those of a fresh Index of
// want.
func sameIndex(t *testing.T, x *search.Indexer, want []search.Page) {
	t.Helper()
	got, err := x.Files()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := search.Index(want)
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	for name, w := range fresh {
		if g, ok := got[name]; !ok {
			diffs = append(diffs, "missing "+name)
		} else if !bytes.Equal(g, w) {
			diffs = append(diffs, fmt.Sprintf("%s differs:\n fresh  %.300s\n update %.300s", name, w, g))
		}
	}
	for name := range got {
		if _, ok := fresh[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Fatalf("the updated index differs from a fresh one of the same pages:\n%s", strings.Join(diffs[:min(len(diffs), 8)], "\n"))
	}
	var urls []string
	for _, p := range want {
		urls = append(urls, p.URL)
	}
	slices.Sort(urls)
	if diff := cmp.Diff(urls, x.URLs(), cmpEmpty); diff != "" {
		t.Fatalf("URLs (-want +got):\n%s", diff)
	}
}

// cmpEmpty takes nil and empty lists for the same.
var cmpEmpty = cmp.FilterValues(func(a, b []string) bool { return len(a) == 0 && len(b) == 0 }, cmp.Ignore())

// TestIndexerPut applies steps of puts and drops to an Indexer and checks,
// after each step, that its files are those of a fresh Index of the pages
// it holds, and which puts analysed their page.
func TestIndexerPut(t *testing.T) {
	vs := versions(t, 12, 3)
	edges := edgePages()
	v := func(version, i int) search.Page { return vs[version][i] }
	retitled := v(0, 1)
	retitled.Title = "A title of new words: zanzibar quokka"
	reboosted := v(0, 1)
	reboosted.Boost, reboosted.HeadingsOnly = 50, true
	refiltered := v(0, 1)
	refiltered.Kind, refiltered.Track, refiltered.Level = "role", "Management", "4"
	retopic := v(0, 1)
	retopic.Topics = map[string]string{"s1": search.TopicDecide}
	redata := v(0, 1)
	redata.Data = "Front matter text: budget owner, quokka."
	copied := v(0, 0)
	copied.HTML = bytes.Clone(copied.HTML)
	cut := v(0, 0)
	cut.HTML = cut.HTML[:len(cut.HTML)/2] // the same array, shorter
	type step struct {
		put      []search.Page
		analysed []bool // what each put reports
		keep     func(url string) bool
		want     []search.Page // the pages the index holds after the step
	}
	all := func(pages ...search.Page) []search.Page { return pages }
	tests := []struct {
		name  string
		steps []step
	}{
		{"add", []step{
			{put: all(v(0, 0), v(0, 1), v(0, 2)), analysed: []bool{true, true, true}, want: all(v(0, 0), v(0, 1), v(0, 2))},
			{put: all(v(0, 3)), analysed: []bool{true}, want: all(v(0, 0), v(0, 1), v(0, 2), v(0, 3))},
		}},
		{"unchanged", []step{
			{put: all(v(0, 0), v(0, 1)), analysed: []bool{true, true}, want: all(v(0, 0), v(0, 1))},
			{put: all(v(0, 0), v(0, 1)), analysed: []bool{false, false}, want: all(v(0, 0), v(0, 1))},
		}},
		{"same HTML in another array", []step{
			{put: all(v(0, 0)), analysed: []bool{true}, want: all(v(0, 0))},
			{put: all(copied), analysed: []bool{false}, want: all(v(0, 0))},
			{put: all(v(0, 0)), analysed: []bool{false}, want: all(v(0, 0))},
		}},
		{"HTML cut shorter in the same array", []step{
			{put: all(v(0, 0)), analysed: []bool{true}, want: all(v(0, 0))},
			{put: all(cut), analysed: []bool{true}, want: all(cut)},
			{put: all(v(0, 0)), analysed: []bool{true}, want: all(v(0, 0))},
		}},
		{"replace body", []step{
			{put: all(v(0, 0), v(0, 1), v(0, 2)), analysed: []bool{true, true, true}, want: all(v(0, 0), v(0, 1), v(0, 2))},
			{put: all(v(1, 1)), analysed: []bool{true}, want: all(v(0, 0), v(1, 1), v(0, 2))},
			{put: all(v(0, 1)), analysed: []bool{true}, want: all(v(0, 0), v(0, 1), v(0, 2))},
		}},
		{"replace what is not HTML", []step{
			{put: all(v(0, 0), v(0, 1)), analysed: []bool{true, true}, want: all(v(0, 0), v(0, 1))},
			{put: all(retitled), analysed: []bool{true}, want: all(v(0, 0), retitled)},
			{put: all(reboosted), analysed: []bool{true}, want: all(v(0, 0), reboosted)},
			{put: all(refiltered), analysed: []bool{true}, want: all(v(0, 0), refiltered)},
			{put: all(retopic), analysed: []bool{true}, want: all(v(0, 0), retopic)},
			{put: all(redata), analysed: []bool{true}, want: all(v(0, 0), redata)},
			{put: all(v(0, 1)), analysed: []bool{true}, want: all(v(0, 0), v(0, 1))},
		}},
		{"remove", []step{
			{put: all(v(0, 0), v(0, 1), v(0, 2)), analysed: []bool{true, true, true}, want: all(v(0, 0), v(0, 1), v(0, 2))},
			{keep: func(u string) bool { return u != v(0, 1).URL }, want: all(v(0, 0), v(0, 2))},
			{put: all(v(1, 1)), analysed: []bool{true}, want: all(v(0, 0), v(1, 1), v(0, 2))},
			{keep: func(string) bool { return false }, want: nil},
			{put: all(v(0, 2)), analysed: []bool{true}, want: all(v(0, 2))},
		}},
		{"edge pages", []step{
			{put: edges, analysed: slices.Repeat([]bool{true}, len(edges)), want: edges},
			{put: all(v(0, 0)), analysed: []bool{true}, want: append(all(v(0, 0)), edges...)},
			{keep: func(u string) bool { return u != edges[0].URL && u != edges[1].URL }, want: append(all(v(0, 0)), edges[2:]...)},
			{put: edges[:2], analysed: []bool{true, true}, want: append(all(v(0, 0)), edges...)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var x search.Indexer
			for i, s := range tt.steps {
				var analysed []bool
				for _, p := range s.put {
					analysed = append(analysed, x.Put(p))
				}
				if diff := cmp.Diff(s.analysed, analysed); diff != "" {
					t.Errorf("step %d: Put analysed (-want +got):\n%s", i, diff)
				}
				if s.keep != nil {
					x.Retain(s.keep)
				}
				sameIndex(t, &x, s.want)
			}
		})
	}
}

// TestIndexerPutRandom puts and drops pages at random, several versions of
// each, many at once as a rebuild does, and checks the files against a
// fresh Index of the pages held after every round.
func TestIndexerPutRandom(t *testing.T) {
	const pages, nv = 40, 4
	vs := versions(t, pages, nv)
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, seed))
			var x search.Indexer
			held := map[int]int{} // page → version
			for round := range 12 {
				var put []search.Page
				for i := range pages {
					if r.IntN(4) == 0 {
						held[i] = r.IntN(nv)
						put = append(put, vs[held[i]][i])
					}
				}
				// Concurrently, as a rebuild does.
				done := make(chan bool)
				for k := range 2 {
					go func() {
						for j := k; j < len(put); j += 2 {
							x.Put(put[j])
						}
						done <- true
					}()
				}
				<-done
				<-done
				drop := map[string]bool{}
				for i := range held {
					if r.IntN(8) == 0 {
						drop[vs[0][i].URL] = true
						delete(held, i)
					}
				}
				if n := x.Retain(func(u string) bool { return !drop[u] }); n != len(drop) {
					t.Fatalf("round %d: Retain dropped %d pages, want %d", round, n, len(drop))
				}
				var want []search.Page
				for i, v := range held {
					want = append(want, vs[v][i])
				}
				sameIndex(t, &x, want)
			}
		})
	}
}
