package search_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/search/searchtest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt")

// goldenIndexes are the indexes testdata/golden.txt pins, by name: the
// index files must not change unless the format or the ranking is meant
// to (search.js and Searcher read them). They are built from fixed inputs
// only (testdata/texts.txt, not the handbook's content), so that editing
// the handbook or its theme does not change them.
func goldenIndexes(t *testing.T) map[string][]search.Page {
	t.Helper()
	data, err := os.ReadFile("testdata/texts.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Split(strings.TrimSpace(string(data)), "\n")
	// A title word in more than MaxPostings pages.
	var titles []search.Page
	for i := range search.MaxPostings + 100 {
		titles = append(titles, search.Page{URL: fmt.Sprintf("/t/%d/", i), Title: fmt.Sprintf("Alpha %d", i%7),
			HTML: []byte(fmt.Sprintf("<main><h2 id=a>Part %d</h2><p>beta gamma %d</p></main>", i%3, i)), Kind: "page"})
	}
	return map[string][]search.Page{
		"small": searchtest.Corpus(texts, 40, 1),
		// More than LargeIndex sections, and terms in more than
		// MaxPostings of them.
		"large":  searchtest.Corpus(texts, 1500, 2),
		"edges":  append(edgePages(), searchtest.Corpus(texts, 30, 3)...),
		"titles": titles,
		"empty":  nil,
	}
}

// edgePages are pages with what the corpus lacks: other scripts, accents,
// entities, characters JSON escapes, invalid UTF-8, boosts, filters,
// headings only, glossary terms, headings with nothing but subsections,
// topics, stop words in titles and headings.
func edgePages() []search.Page {
	long := strings.Repeat("Ünïcode résumé “quoted” words\u2028and more ", 40)
	return []search.Page{
		{URL: "/cjk/", Title: "数据工程师 サーバーの設計", Kind: "guide", HTML: []byte(`<main><h1>数据工程师</h1>
<p>数据工程师负责数据管道。サーバーの設計とレビュー。한국어 텍스트 검색. 中</p>
<h2 id="x">设计</h2><p>系统设计 and on-call</p></main>`)},
		{URL: "/a&b/<x>", Title: "Tom's \"engineer's\" <guide> & more\u2028\u2029 line", Kind: "role", Track: "Management", Level: "4", Boost: 50,
			Topics: map[string]string{"dr": search.TopicDecide, "slo": search.TopicNext},
			HTML: []byte("<main><p>Engineer\x00s \x07 bell \xff\xfe bytes, tab\there, <b>bold</b>&amp;&lt;tag&gt; &nbsp;nbsp\u00a0x\u2003y</p>" +
				`<h2 id="dr">Decision rights</h2><h3 id="alone">Decides alone</h3><p>Mentoring mentors mentored mentor mentorship MENTORING.</p>` +
				`<h3 id="with">Decides with others</h3><p>On-call, on-call rotations: a-b-c-d-e-f x-y.</p>` +
				"<h2 id=\"long\u2028\">Long</h2><p>" + long + "</p><h2 id=\"bad\">Bad</h2><p>" + strings.Repeat("é", 395) + "\xff\xffabc def ghi</p>" +
				`<dl><dt id="slo" data-search-heading="SLO  (service level objective)">SLO</dt><dd>A target for reliability.</dd></dl>` +
				`<nav><p>navigation</p></nav><div class="toc">toc text</div><p hidden>hidden</p></main>`)},
		{URL: "/cmp/", Title: "Compare staff and principal", Kind: "comparison", Boost: 80, HeadingsOnly: true,
			Topics: map[string]string{"": search.TopicPath},
			HTML:   []byte(`<main><p>Top text stays.</p><h2 id="a">Scope</h2><p>Dropped text.</p><h2 id="b">Impact</h2><h3 id="c">Reach</h3><p>Also dropped.</p></main>`)},
		{URL: "/r1/", Title: "Staff engineer", Kind: "role", Track: "Individual contributor", Level: "5",
			HTML: []byte(`<main><p>Staff engineers lead technical strategy; the staff role is a leadership role.</p></main>`)},
		{URL: "/r2/", Title: "Principal engineer", Kind: "role", Track: "Individual contributor", Level: "6", Boost: 100,
			HTML: []byte(`<main><h2 id="a"></h2><p>Empty heading above.</p><h2 id="b">Only subsections</h2><h3 id="c">One</h3><h3 id="d">Two</h3><p>Text of two.</p>` +
				`<h2 id="e">What to do when it is on you</h2><p>Who, what and how.</p></main>`)},
		{URL: "/nothing/", Title: "", Kind: "", HTML: nil},
	}
}

// indexDigest is a digest of an index's files, names and contents.
func indexDigest(files search.Files) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	return fmt.Sprintf("%d files %s", len(files), hex.EncodeToString(h.Sum(nil))[:32])
}

// TestIndexGolden checks that the index files are the bytes they were:
// run with -update only when a change to them is meant.
func TestIndexGolden(t *testing.T) {
	var got []string
	for name, pages := range goldenIndexes(t) {
		files, err := search.Index(pages)
		if err != nil {
			t.Fatal(err)
		}
		// The same pages in another order give the same files.
		rev := slices.Clone(pages)
		slices.Reverse(rev)
		again, err := search.Index(rev)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := indexDigest(files), indexDigest(again); a != b {
			t.Errorf("%s: %s, then %s with the pages reversed", name, a, b)
		}
		got = append(got, name+" "+indexDigest(files))
	}
	slices.Sort(got)
	text := strings.Join(got, "\n") + "\n"
	if *update {
		if err := os.WriteFile("testdata/golden.txt", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != text {
		t.Errorf("index files changed (go test -run TestIndexGolden -update if that is meant):\ngot:\n%swant:\n%s", text, want)
	}
}
