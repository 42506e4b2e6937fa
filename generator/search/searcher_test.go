package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// page makes a page to index from its title and "## heading" / text lines.
func page(url, title, body string, opts ...func(*Page)) Page {
	var b strings.Builder
	b.WriteString("<main><h1>" + title + "</h1>\n")
	n := 0
	for _, line := range strings.Split(body, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			n++
			fmt.Fprintf(&b, "<h2 id=\"h%d\">%s</h2>\n", n, line[3:])
		case strings.HasPrefix(line, "### "):
			n++
			fmt.Fprintf(&b, "<h3 id=\"h%d\">%s</h3>\n", n, line[4:])
		default:
			b.WriteString("<p>" + line + "</p>\n")
		}
	}
	b.WriteString("</main>")
	p := Page{URL: url, Title: title, HTML: []byte(b.String()), Kind: "page"}
	for _, o := range opts {
		o(&p)
	}
	return p
}

func role(track, level string) func(*Page) {
	return func(p *Page) { p.Kind, p.Track, p.Level = "role", track, level }
}

func fixture(t *testing.T, pages ...Page) *Searcher {
	t.Helper()
	files, err := Index(pages)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func urls(t *testing.T, s *Searcher, q string, opt Options) []string {
	t.Helper()
	rs, err := s.Search(q, opt)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

func TestRankFields(t *testing.T) {
	s := fixture(t,
		page("/body/", "Body page", "Intro.\n## Notes\nWe keep a zephyr here among many other words of the text."),
		page("/title/", "Zephyr guide", "Intro text.\n## Other\nNothing."),
		page("/heading/", "Heading page", "Intro.\n## Zephyr notes\nText."),
	)
	// The title counts in the page's other sections only where they match
	// too: /title/#h1 does not. (A heading that is the query, "Zephyr",
	// would come first: TestRankExactHeading.)
	want := []string{"/title/", "/heading/#h1", "/body/#h1"}
	if diff := cmp.Diff(want, urls(t, s, "zephyr ", Options{})); diff != "" {
		t.Errorf("title > heading > body (-want +got):\n%s", diff)
	}
}

// TestRankExactTitle: a query that is a page's whole title puts that page
// first, over a page whose longer title holds it and repeats it in its
// text, and over a section whose heading and text mention it.
func TestRankExactTitle(t *testing.T) {
	s := fixture(t,
		page("/kit/", "Hiring kit: zephyr quill", "The zephyr quill kit: hire a zephyr quill, a zephyr quill, a zephyr quill.\n## Interviews\nText."),
		page("/tracks/", "Tracks", "Intro.\n## Becoming a zephyr quill\nWhen a zephyr quill is what you want, a zephyr quill."),
		page("/role/", "Zephyr Quill", "The role.\n## Summary\nText."),
	)
	for _, q := range []string{"zephyr quill", "Zephyr Quill ", "quill zephyr"} {
		if got := urls(t, s, q, Options{}); len(got) == 0 || got[0] != "/role/" {
			t.Errorf("%q: got %q, want /role/ first", q, got)
		}
	}
	// A query that is only part of the title is not an exact match.
	if got := urls(t, s, "hiring kit", Options{}); len(got) == 0 || got[0] != "/kit/" {
		t.Errorf("hiring kit: got %q, want /kit/ first", got)
	}
}

// TestRankExactHeading: a query that is a heading only one section has (a
// glossary term) puts it first, over a page whose title holds the word; a
// heading that many pages share does not.
func TestRankExactHeading(t *testing.T) {
	s := fixture(t,
		page("/glossary/", "Glossary", "## Zephyr\nA west wind.\n## Quill\nA pen."),
		page("/skill/", "Weather and zephyrs", "About the zephyr.\n## By level\nZephyr, zephyr and zephyr."),
		page("/axis/", "Leadership and quills", "How leaders work."),
		page("/r1/", "Role one", "## Leadership\nLeads."),
		page("/r2/", "Role two", "## Leadership\nLeads."),
		page("/r3/", "Role three", "## Leadership\nLeads."),
	)
	if got := urls(t, s, "zephyr", Options{}); len(got) == 0 || got[0] != "/glossary/#h1" {
		t.Errorf("zephyr: got %q, want /glossary/#h1 first", got)
	}
	if got := urls(t, s, "leadership", Options{}); len(got) == 0 || got[0] != "/axis/" {
		t.Errorf("leadership: got %q, want /axis/ first", got)
	}
}

// TestRankBestField: a query naming a section and a page puts the section
// of that page first, over a section with the same heading on another page
// whose text repeats the words: a word counts for its best field.
func TestRankBestField(t *testing.T) {
	s := fixture(t,
		page("/guide/", "Switching paths", "Intro.\n## Decision rights\nThe decision rights of a staff quill: decision rights, staff and more staff."),
		page("/staff/", "Staff Quill", "Intro.\n## Decision rights\n### Decides alone\nThe design."),
	)
	for _, q := range []string{"decision rights staff", "staff decision righ"} {
		if got := urls(t, s, q, Options{}); len(got) == 0 || got[0] != "/staff/#h1" {
			t.Errorf("%q: got %q, want /staff/#h1 first", q, got)
		}
	}
}

func TestFieldSize(t *testing.T) {
	for text, want := range map[string]int{
		"":                    0,
		"The scorecard":       1,
		"On-call":             1,
		"On-call rotations":   2,
		"Software Engineer I": 2, // "I" is a stop word
		"Mentoring mentors":   1,
		"数据工程":                3,
		strings.Repeat("word", 1) + " a b c d e f g h i j k l m n o p q r s t u v w x y z": maxFieldSize,
	} {
		if got := fieldSize(text); got != want {
			t.Errorf("fieldSize(%q) = %d, want %d", text, got, want)
		}
	}
}

func TestRankMatchKinds(t *testing.T) {
	s := fixture(t,
		page("/prefix/", "One", "## Books\nThe ledgerbook is kept."),
		page("/exact/", "Two", "## Money\nThe ledgers are kept."),
	)
	// Exact (ledgers → ledger) before prefix (ledgerbook).
	if diff := cmp.Diff([]string{"/exact/#h1", "/prefix/#h1"}, urls(t, s, "ledger", Options{})); diff != "" {
		t.Errorf("exact > prefix (-want +got):\n%s", diff)
	}
	// A finished word (a space after it) is not a prefix.
	if diff := cmp.Diff([]string{"/exact/#h1"}, urls(t, s, "ledger ", Options{})); diff != "" {
		t.Errorf("finished word (-want +got):\n%s", diff)
	}
	// One typo in a word of five letters or more.
	for _, q := range []string{"ldeger ", "legder ", "ledgr ", "ledgerss "} {
		if got := urls(t, s, q, Options{}); len(got) == 0 || got[0] != "/exact/#h1" {
			t.Errorf("%q: got %q, want /exact/#h1 first", q, got)
		}
	}
	// Two typos, or one in a short word, find nothing.
	for _, q := range []string{"lgdegr ", "ldgerxx ", "boks "} {
		if got := urls(t, s, q, Options{}); len(got) != 0 {
			t.Errorf("%q: got %q, want nothing", q, got)
		}
	}
}

func TestRankFuzzyOnlyWithoutExact(t *testing.T) {
	s := fixture(t,
		page("/staff/", "Staff", "## Staff\nstaff work."),
		page("/stuff/", "Stuff", "## Stuff\nstuff work."),
	)
	got := urls(t, s, "staff ", Options{})
	if slices.Contains(got, "/stuff/") {
		t.Errorf("staff: got %q; a word found exactly must not match its near misses", got)
	}
}

// TestRankPrefixOverFuzzy: a word being typed that begins a term is not
// also matched with a typo; finished, it is, and its near misses come in.
func TestRankPrefixOverFuzzy(t *testing.T) {
	s := fixture(t,
		page("/ledger/", "One", "## Books\nThe ledgers are kept."),
		page("/lodge/", "Two", "## Cabin\nThe lodge is warm."),
	)
	if diff := cmp.Diff([]string{"/ledger/#h1"}, urls(t, s, "ledge", Options{})); diff != "" {
		t.Errorf("typing ledge: a prefix match, no typo matches (-want +got):\n%s", diff)
	}
	got := urls(t, s, "ledge ", Options{})
	slices.Sort(got)
	if diff := cmp.Diff([]string{"/ledger/#h1", "/lodge/#h1"}, got); diff != "" {
		t.Errorf("ledge finished: both near misses (-want +got):\n%s", diff)
	}
	rs, err := s.Search("ledg", Options{})
	if err != nil {
		t.Fatal(err)
	}
	typo, err := s.Search("ledgr ", Options{})
	if err != nil {
		t.Fatal(err)
	}
	exact, err := s.Search("ledger ", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(typo) == 0 || len(exact) != 1 || !(exact[0].Score > rs[0].Score && rs[0].Score > typo[0].Score) {
		t.Errorf("scores of one section: exact %v, prefix %v, typo %v; want exact > prefix > typo", exact, rs, typo)
	}
}

func TestRankAllWordsFirst(t *testing.T) {
	s := fixture(t,
		page("/one/", "Rotation handbook", "## Rotation\nRotation rotation rotation."),
		page("/both/", "Misc", "## Notes\nA long text that mentions the pager once and the rotation once, among many other words here."),
	)
	got := urls(t, s, "pager rotation", Options{})
	if len(got) == 0 || got[0] != "/both/#h1" {
		t.Errorf("pager rotation: got %q, want the section with both words first", got)
	}
}

func TestRankStemming(t *testing.T) {
	s := fixture(t, page("/m/", "People", "## Coaching\nShe mentors new hires.\n## Ops\nThe incident was resolved."))
	for q, want := range map[string]string{"mentoring": "/m/#h1", "mentor": "/m/#h1", "mentored ": "/m/#h1",
		"incidents": "/m/#h2", "Incident": "/m/#h2"} {
		if got := urls(t, s, q, Options{}); len(got) == 0 || got[0] != want {
			t.Errorf("%q: got %q, want %s first", q, got, want)
		}
	}
}

func TestFilters(t *testing.T) {
	s := fixture(t,
		page("/r/ic3/", "Senior", "## Scope\nOwns scope.", role("IC", "3")),
		page("/r/ic4/", "Staff", "## Scope\nOwns scope.", role("IC", "4")),
		page("/r/m3/", "Manager", "## Scope\nOwns scope.", role("Management", "3")),
		page("/g/", "Guide", "## Scope\nOwns scope.", func(p *Page) { p.Kind = "guide" }),
	)
	for _, c := range []struct {
		opt  Options
		want []string
	}{
		{Options{Kind: "guide"}, []string{"/g/#h1"}},
		{Options{Level: "3"}, []string{"/r/ic3/#h1", "/r/m3/#h1"}},
		{Options{Track: "IC", Level: "4"}, []string{"/r/ic4/#h1"}},
		{Options{Kind: "role", Track: "Management"}, []string{"/r/m3/#h1"}},
		{Options{Kind: "skill"}, nil},
	} {
		got := urls(t, s, "scope ", c.opt)
		slices.Sort(got)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", c.opt, diff)
		}
	}
	if got := s.Filters(); !slices.Equal(got["level"], []string{"3", "4"}) || !slices.Equal(got["kind"], []string{"guide", "role"}) {
		t.Errorf("Filters() = %v", got)
	}
}

func TestCJKAndAccents(t *testing.T) {
	s := fixture(t,
		page("/zh/", "数据工程师", "## 职责\n数据工程师负责数据管道和数据质量。"),
		page("/ja/", "設計", "## サーバー\nサーバーの設計を担当する。"),
		page("/fr/", "Équipe", "## Résumé\nUn résumé de l'équipe naïve."),
	)
	for q, want := range map[string]string{"数据管道": "/zh/#h1", "数据": "/zh/", "管": "/zh/#h1", "サーバー": "/ja/#h1",
		"設計": "/ja/", "resume": "/fr/#h1", "RÉSUMÉ": "/fr/#h1", "naive": "/fr/#h1", "equipe": "/fr/"} {
		if got := urls(t, s, q, Options{}); len(got) == 0 || !strings.HasPrefix(got[0], want) {
			t.Errorf("%q: got %q, want %s first", q, got, want)
		}
	}
}

// TestBadInput: odd queries are harmless and quick.
func TestBadInput(t *testing.T) {
	s := fixture(t, page("/a/", "Alerting", "## Pager\nThe pager (on-call) alerts: a.*b [x] <b>bold</b> 🚀 café."))
	for _, q := range []string{"", " ", "a", "x", ".*", "(", "[", "\\", "$^|?+{}", "<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>", strings.Repeat("x", 10_000), strings.Repeat("pager ", 2_000), "🚀", "🚀🚀🚀",
		"café", "CAFÉ", "\x00", "\xff\xfe", "a-b-c-d-e-f-g", "数据", "データ", "\u202e\u200b", "on-", "-on", "'"} {
		start := time.Now()
		rs, err := s.Search(q, Options{})
		if err != nil {
			t.Errorf("Search(%.20q): %v", q, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Search(%.20q) took %v", q, d)
		}
		for _, r := range rs {
			for _, h := range r.Highlights {
				if h[0] < 0 || h[1] > len(r.Snippet) || h[0] >= h[1] || !utf8.ValidString(r.Snippet[h[0]:h[1]]) {
					t.Errorf("Search(%.20q): highlight %v outside the snippet %q", q, h, r.Snippet)
				}
			}
		}
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("filler words here ", 20) + "the on-call engineer mentors others. " + strings.Repeat("tail text ", 30)
	snip, hs := Snippet(text, map[string]bool{"oncal": true, "mentor": true})
	var marked []string
	for _, h := range hs {
		marked = append(marked, snip[h[0]:h[1]])
	}
	if diff := cmp.Diff([]string{"on-call", "mentors"}, marked); diff != "" {
		t.Errorf("highlights (-want +got):\n%s\nsnippet: %q", diff, snip)
	}
	if !strings.HasPrefix(snip, "…") || !strings.HasSuffix(snip, "…") || utf8.RuneCountInString(snip) > snippetRunes+2 {
		t.Errorf("snippet %q: want a window of at most %d characters with ellipses", snip, snippetRunes)
	}
	if snip, hs := Snippet("short text", map[string]bool{"none": true}); snip != "short text" || hs != nil {
		t.Errorf("Snippet without a match = %q %v, want the text", snip, hs)
	}
}

// TestSharding: an index split into many small shards answers as one
// that is not.
func TestSharding(t *testing.T) {
	var pages []Page
	words := strings.Fields("alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega decision decide " +
		"decimal deck declare rights right rigid staff stage stable 数据 工程 naïve")
	for i := range 60 {
		var body strings.Builder
		for k := range 4 {
			fmt.Fprintf(&body, "## %s %s\n", words[(i+k)%len(words)], words[(i*7+k)%len(words)])
			for j := range 12 {
				body.WriteString(words[(i*j+k*3)%len(words)] + " ")
			}
			body.WriteString("\n")
		}
		pages = append(pages, page(fmt.Sprintf("/p%d/", i), words[i%len(words)]+" "+words[(i+3)%len(words)], body.String()))
	}
	build := func(dict, post int) *Searcher {
		b := &Indexer{dictBytes: dict, postBytes: post}
		for _, p := range pages {
			b.Add(p)
		}
		files, err := b.Files()
		if err != nil {
			t.Fatal(err)
		}
		s, err := OpenFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	whole, split := build(0, 0), build(60, 40)
	if len(split.m.Dict) <= len(whole.m.Dict) {
		t.Fatalf("small shards gave %d dictionary shards, the default %d: no split to test", len(split.m.Dict), len(whole.m.Dict))
	}
	depth3 := false
	for _, k := range split.m.Dict {
		depth3 = depth3 || keyDepth(k) == 3
	}
	if !depth3 {
		t.Errorf("no shard split to three letters: %q", split.m.Dict)
	}
	for _, q := range []string{"decision rights staff", "deci", "dec", "de", "rig", "stafff ", "decisoin ", "数据", "naive", "alpha omega", "sigma"} {
		a, b := urls(t, whole, q, Options{}), urls(t, split, q, Options{})
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("%q: split index differs (-whole +split):\n%s", q, diff)
		}
	}
}

// TestReadsLittle: a query reads the manifest, its shards and its results,
// not the whole index.
func TestReadsLittle(t *testing.T) {
	var pages []Page
	for i := range 200 {
		pages = append(pages, page(fmt.Sprintf("/p%d/", i), fmt.Sprintf("Page %d", i),
			fmt.Sprintf("## Part %d\nword%d alpha beta %c%cgamma", i, i, 'a'+i%26, 'a'+i/26%26)))
	}
	files, err := Index(pages)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search("alpha", Options{}); err != nil {
		t.Fatal(err)
	}
	if got := len(s.Fetched()); got > 6 || got*3 > len(files) {
		t.Errorf("one query read %d of %d files: %q", got, len(files), s.Fetched())
	}
}

// TestRankTypoFirstLetters: a typo in a word's first letters finds it too,
// through the shard of stems ending as the word's stem does, in an index
// whose dictionary is split by one letter and in one split by three.
func TestRankTypoFirstLetters(t *testing.T) {
	pages := []Page{
		page("/m/", "People", "## Coaching\nShe mentors new hires.\n## Reviews\nEvery change gets a review."),
		page("/p/", "Incidents", "## Afterwards\nWrite the postmortem.\n## Kubernetes\nClusters and pods."),
	}
	for _, sizes := range [][2]int{{0, 0}, {20, 20}} {
		b := &Indexer{dictBytes: sizes[0], postBytes: sizes[1]}
		for _, p := range pages {
			b.Add(p)
		}
		files, err := b.Files()
		if err != nil {
			t.Fatal(err)
		}
		s, err := OpenFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]string{
			"mnetor": "/m/#h1", "nentoring ": "/m/#h1", "emntors": "/m/#h1", // swap, substitution, swap of the first two
			"rveiew": "/m/#h2", "ostmortem": "/p/#h1", "xpostmortem ": "/p/#h1", // deletion, insertion
			"mentros": "/m/#h1", "ubernetes": "/p/#h2",
		} {
			if got := urls(t, s, q, Options{}); len(got) == 0 || got[0] != want {
				t.Errorf("dictionary shards of %d bytes: %q: got %q, want %s first", sizes[0], q, got, want)
			}
		}
		// Two typos, or a typo in a short word, still find nothing.
		for _, q := range []string{"nmetnor ", "mnetro ", "rveiw "} {
			if got := urls(t, s, q, Options{}); len(got) != 0 {
				t.Errorf("%q: got %q, want nothing", q, got)
			}
		}
	}
}

// TestRankTopic: a question prefers the sections of the topic it asks
// for, over sections that match its words as well or better.
func TestRankTopic(t *testing.T) {
	topics := func(m map[string]string) func(*Page) { return func(p *Page) { p.Topics = m } }
	s := fixture(t,
		page("/blog/", "Zephyr quill news", "## Zephyr quill\nThe zephyr quill is approved and owned by many: zephyr quill approves all."),
		page("/role/", "Lantern", "## Decision rights\n### Decides alone\nThe zephyr quill.\n## Career paths\n### Comes from\nTinder.\n### Leads to\nTorch.",
			topics(map[string]string{"h1": TopicDecide, "h4": TopicPath, "h5": TopicNext})),
		page("/guide/", "Running a zephyr quill", "## Steps\nRun the zephyr quill.", topics(map[string]string{"": TopicHowTo})),
		page("/cmp/", "Tinder vs Lantern", "Intro.", topics(map[string]string{"": TopicPath}),
			func(p *Page) { p.Boost, p.HeadingsOnly = 80, true }),
	)
	for q, want := range map[string]string{
		"zephyr quill":                  "/blog/#h1", // no question: the best match
		"who approves the zephyr quill": "/role/#h2", // decides ~ approves, in a decision right
		"how do I run a zephyr quill":   "/guide/",   // a guide
		"how to zephyr quill":           "/guide/",   //
		"become lantern":                "/role/#h4", // the path into it (the title and the topic)
		"path to lantern":               "/role/#h4", //
		`"how to" zephyr quill`:         "/blog/",    // quoted: no question
		"zephyr quill who approves it":  "/role/#h2", // the cue may come anywhere
	} {
		if got := urls(t, s, q, Options{}); len(got) == 0 || got[0] != want {
			t.Errorf("%q: got %q, want %s first", q, got, want)
		}
	}
	// A section of the topic that matches none of the words is no result.
	for _, u := range urls(t, s, "who approves zephyr", Options{}) {
		if u == "/role/#h3" || u == "/role/#h4" || u == "/role/#h5" {
			t.Errorf("who approves zephyr: %s matches no word", u)
		}
	}
}

// TestStopWordsInHeadings: a query of stop words only, or quoted ones,
// finds the titles and headings that hold them; among other words they
// are left out.
func TestStopWordsInHeadings(t *testing.T) {
	s := fixture(t,
		page("/who/", "The Who", "## What to do\nThe who and the what of it, in the text."),
		page("/se1/", "Software Engineer I", "## Scope\nSoftware engineer work."),
		page("/se2/", "Software Engineer II", "## Scope\nSoftware engineer work."),
	)
	for q, want := range map[string]string{
		"the who": "/who/", "what to do ": "/who/#h1", "who": "/who/",
		`"software engineer i"`: "/se1/", "software engineer": "/se1/", "software engineer ii": "/se2/",
	} {
		if got := urls(t, s, q, Options{}); len(got) == 0 || got[0] != want {
			t.Errorf("%q: got %q, want %s first", q, got, want)
		}
	}
	// Stop words are not indexed in the text.
	if got := urls(t, s, "of it ", Options{}); len(got) != 0 {
		t.Errorf("of it: got %q, want nothing (stop words only in the text)", got)
	}
}

// TestComposedText: a heading with nothing under it but subsections shows
// their text, composed from the file when they are in it and stored when
// its first subsection starts the next file.
func TestComposedText(t *testing.T) {
	body := "## Intro\nText.\n## Decision rights\n### Decides alone\nThe zephyr design.\n### Needs review\nNew quills."
	var pages []Page
	// Sections: the page top, then h1 to h4; 60 pages of 5 sections put
	// page 25's Decision rights last in the first file of 128 sections.
	for i := range 60 {
		pages = append(pages, page(fmt.Sprintf("/p%02d/", i), fmt.Sprintf("Page %d", i), body))
	}
	files, err := Index(pages)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.Search("decision rights", Options{Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	want := "Decides alone: The zephyr design. Needs review: New quills."
	n := 0
	for _, r := range rs {
		if strings.HasSuffix(r.URL, "#h2") {
			n++
			if r.Snippet != want {
				t.Errorf("%s: snippet %q, want %q", r.URL, r.Snippet, want)
			}
		}
	}
	if n != 60 {
		t.Fatalf("found %d of the 60 Decision rights sections", n)
	}
	// Stored once, as the subsections' text, where they start the next file.
	if !strings.Contains(string(files["s/0.json"]), `"Decision rights","Decides alone: The zephyr design.`) {
		t.Errorf("s/0.json does not store the text of the heading whose subsections start s/1.json")
	}
	if strings.Count(string(files["s/1.json"]), "Decides alone:") != 0 {
		t.Errorf("s/1.json stores the subsections' text again")
	}
}

// TestPageData: a page's Data (its front-matter data) finds the page, at
// its top, below a page whose own text has the word; with the page's own
// boost applied too.
func TestPageData(t *testing.T) {
	data := func(text string, boost int) func(*Page) {
		return func(p *Page) { p.Data, p.Boost = text, boost }
	}
	s := fixture(t,
		page("/framework/", "Engineering manager", "", data("EM1 Ships on time. Grows a zephyr of reports.", 0)),
		page("/guide/", "Guide", "Intro.\n## Notes\nA zephyr is a west wind, among many other words of this text."),
		page("/section/", "Section", "Intro.", data("A quill in a section's data.", 50)),
		page("/other/", "Other", "Intro.\n## Notes\nA quill of the text."),
	)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"zephyr", []string{"/guide/#h1", "/framework/"}},
		{"EM1 ships", []string{"/framework/"}},
		{"quill", []string{"/other/#h1", "/section/"}},
		// The page's boost counts for its text: 50% puts it last.
		{"intro", []string{"/guide/", "/other/", "/section/"}},
	} {
		if diff := cmp.Diff(tt.want, urls(t, s, tt.q, Options{})); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.q, diff)
		}
	}
	// Data past MaxDataRunes is not indexed.
	long := strings.Repeat("filler ", MaxDataRunes/7) + "faraway"
	s = fixture(t, page("/long/", "Long", "", data(long, 0)))
	if got := urls(t, s, "faraway", Options{}); len(got) != 0 {
		t.Errorf("faraway: got %q, want nothing past MaxDataRunes", got)
	}
}
