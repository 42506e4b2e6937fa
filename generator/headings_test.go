package generator

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/anchors"
)

var (
	mainRE    = regexp.MustCompile(`(?s)<main\b.*</main>`)
	navRE     = regexp.MustCompile(`(?s)<nav\b.*?</nav>`)
	headingRE = regexp.MustCompile(`(?s)<h([2-6])\b([^>]*)>(.*?)</h[2-6]>`)
	idRE      = regexp.MustCompile(`\bid="([^"]*)"`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	linkRE    = regexp.MustCompile(`<a class="permalink" href="#([^"]*)"[^>]*>#</a>`)
)

// pageHeading is a heading of a page's content area.
type pageHeading struct {
	level      string
	id, text   string
	permalinks []string // the targets of its copy-link controls
}

// contentHeadings lists the h2–h6 headings of a page's content area: its
// main element, less the navigation inside it (the table of contents,
// breadcrumbs, the pager, a printable track's contents), which point at
// headings rather than being ones.
func contentHeadings(page string) []pageHeading {
	main := navRE.ReplaceAllString(mainRE.FindString(page), "")
	var hs []pageHeading
	for _, m := range headingRE.FindAllStringSubmatch(main, -1) {
		text := tagRE.ReplaceAllString(linkRE.ReplaceAllString(m[3], ""), " ")
		h := pageHeading{level: "h" + m[1], text: strings.Join(strings.Fields(text), " ")}
		if id := idRE.FindStringSubmatch(m[2]); id != nil {
			h.id = id[1]
		}
		for _, pl := range linkRE.FindAllStringSubmatch(m[3], -1) {
			h.permalinks = append(h.permalinks, pl[1])
		}
		hs = append(hs, h)
	}
	return hs
}

// headingProblems reports the headings of a page's content area that have
// no id or no copy-link control to it, and ids the page uses twice.
func headingProblems(page string) []string {
	var out []string
	for _, h := range contentHeadings(page) {
		switch {
		case h.id == "":
			out = append(out, fmt.Sprintf("%s %q has no id", h.level, h.text))
		case !slices.Contains(h.permalinks, h.id):
			out = append(out, fmt.Sprintf("%s %q (#%s) has no copy-link control to #%s (it has %q)", h.level, h.text, h.id, h.id, h.permalinks))
		}
	}
	seen := map[string]bool{}
	for _, m := range idRE.FindAllStringSubmatch(page, -1) {
		if seen[m[1]] {
			out = append(out, fmt.Sprintf("the id %q is used twice", m[1]))
		}
		seen[m[1]] = true
	}
	return out
}

func TestHeadingProblems(t *testing.T) {
	const (
		ok      = `<h2 id="a">A <a class="permalink" href="#a" aria-label="Permalink to A">#</a></h2>`
		noID    = `<h3>B</h3>`
		noLink  = `<h2 id="c">C</h2>`
		wrongTo = `<h4 id="d">D <a class="permalink" href="#e">#</a></h4>`
		inNav   = `<nav class="toc"><h2 class="toc-title">On this page</h2></nav>`
	)
	tests := []struct {
		main string
		want int
	}{
		{ok, 0}, {inNav, 0}, {noID, 1}, {noLink, 1}, {wrongTo, 1},
		{ok + inNav + noID + noLink, 2},
		{ok + ok, 1}, // the id a, twice
	}
	for _, tt := range tests {
		page := `<body><h2>Outside main</h2><main id="main">` + tt.main + `</main></body>`
		if got := headingProblems(page); len(got) != tt.want {
			t.Errorf("%s: problems %q, want %d", tt.main, got, tt.want)
		}
	}
}

// volatileAnchors are ids of headings that come and go without the page
// changing: "Linked from" shows when another page links here; a page's
// "History" and the home page's "What changed" when the handbook is built
// from git. They have copy-link controls but are not published anchors:
// anchors.lock would fail a build from a copy without git history, or
// the removal of a link elsewhere.
var volatileAnchors = []string{"backlinks", "page-history", "page-history-notes", "page-history-commits", "sec-changes"}

// Every heading a reader sees in the content area of every page of the
// handbook has an id and a copy-link control, and those of pages with a
// source file are published anchors, recorded in anchors.lock (run
// `handbook check --update-anchors` after adding headings). The history
// fixture adds what this handbook has none of: frozen editions and their
// comparisons, and the history of pages with change notes.
func TestHeadingAnchors(t *testing.T) {
	t.Run("handbook", func(t *testing.T) {
		res, err := OpenFS(os.DirFS(".."), nil, Options{}).Generate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		checkHeadingsOf(t, res.Files, 100)
		lock, err := anchors.Read(os.DirFS(".."))
		if err != nil {
			t.Fatal(err)
		}
		recorded := map[string]bool{}
		for _, e := range lock.Entries {
			recorded[e.String()] = true
		}
		checked := 0
		for name, data := range res.Files {
			url := "/" + strings.TrimSuffix(name, "index.html")
			published, ok := res.Anchors[url]
			if !ok || !strings.HasSuffix(name, "index.html") {
				continue // a page generated without a source file
			}
			for _, h := range contentHeadings(string(data)) {
				if h.id == "" || slices.Contains(volatileAnchors, h.id) {
					continue
				}
				checked++
				if !slices.Contains(published, h.id) {
					t.Errorf("%s: the heading %q (#%s) is not a published anchor", url, h.text, h.id)
				} else if !recorded[url+"#"+h.id] {
					t.Errorf("%s#%s is not recorded in anchors.lock (run handbook check --update-anchors)", url, h.id)
				}
			}
		}
		if checked < 500 {
			t.Errorf("only %d headings of pages with a source: the test checks too little", checked)
		}
	})
	t.Run("history", func(t *testing.T) {
		site, _ := buildHistory(t)
		files := map[string][]byte{}
		out := filepath.Join(site, "public")
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(out, p)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"editions/index.html", "editions/2026-h1/compare/current/index.html", "changes/index.html"} {
			if files[want] == nil {
				t.Errorf("the fixture has no %s", want)
			}
		}
		checkHeadingsOf(t, files, 20)
	})
}

// checkHeadingsOf runs headingProblems on every HTML file, and fails when
// fewer than atLeast headings were checked.
func checkHeadingsOf(t *testing.T, files map[string][]byte, atLeast int) {
	t.Helper()
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	headings := 0
	for _, name := range names {
		page := string(files[name])
		for _, p := range headingProblems(page) {
			t.Errorf("%s: %s", name, p)
		}
		hs := contentHeadings(page)
		headings += len(hs)
	}
	t.Logf("%d pages, %d headings in their content areas", len(names), headings)
	if headings < atLeast {
		t.Errorf("only %d headings in %d pages: the test checks too little", headings, len(names))
	}
}
