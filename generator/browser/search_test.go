package browser_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/browser"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/server"
)

// openSearcher opens the built site's index in Go, to compare with the
// browser's.
func openSearcher(t testing.TB, site string) *search.Searcher {
	t.Helper()
	s, err := search.Open(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(site, generator.SearchDir, filepath.FromSlash(name)))
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// searchBoxState is what the tests read of the search box.
type searchBoxState struct {
	Visible    bool     `json:"visible"`
	Focused    bool     `json:"focused"`
	Query      string   `json:"query"` // the query whose results are shown
	Expanded   string   `json:"expanded"`
	Active     string   `json:"active"` // aria-activedescendant
	Options    []string `json:"options"`
	Hrefs      []string `json:"hrefs"`
	Selected   []string `json:"selected"` // ids of options with aria-selected=true
	Status     string   `json:"status"`
	Marks      []string `json:"marks"`  // highlighted words of the first result
	Images     int      `json:"images"` // <img> in the results: none, whatever the query
	PanelShown bool     `json:"panelShown"`
}

const searchBoxJS = `(() => {
	const box = document.querySelector(".search");
	const input = document.getElementById("search-input");
	const opts = [...document.querySelectorAll("#search-results [role=option]")];
	return {
		visible: !!box && !box.hidden && getComputedStyle(box).display !== "none",
		focused: document.activeElement === input,
		query: box.getAttribute("data-query") || "",
		expanded: input.getAttribute("aria-expanded"),
		active: input.getAttribute("aria-activedescendant") || "",
		options: opts.map((o) => o.querySelector(".search-title").textContent),
		hrefs: opts.map((o) => o.getAttribute("data-href")),
		selected: opts.filter((o) => o.getAttribute("aria-selected") === "true").map((o) => o.id),
		status: document.querySelector(".search-status").textContent,
		marks: opts.length ? [...opts[0].querySelectorAll("mark")].map((m) => m.textContent) : [],
		images: document.querySelectorAll("#search-results img").length,
		panelShown: !document.querySelector(".search-panel").hidden,
	};
})()`

func searchBox(ctx context.Context, t *testing.T) searchBoxState {
	t.Helper()
	return browser.Run(ctx, t, chromedp.Evaluate[searchBoxState](searchBoxJS))
}

// typeQuery focuses the box with "/", types q and waits for its results.
func typeQuery(ctx context.Context, t *testing.T, q string) searchBoxState {
	t.Helper()
	waitFor(ctx, t, "the search box to show", `!document.querySelector(".search").hidden`, searchBoxJS)
	browser.Do(ctx, t, chromedp.KeyEvent("/"))
	waitFor(ctx, t, "/ to focus the search box", `document.activeElement === document.getElementById("search-input")`, searchBoxJS)
	// The protocol sends the "/" again as a character to the box, which
	// a real keyboard does not once the keydown is cancelled: drop it.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-input").value = ""`))
	browser.Do(ctx, t, chromedp.KeyEvent(q))
	waitFor(ctx, t, "the results of "+q, js(`(q) => document.querySelector(".search").getAttribute("data-query") === q`, q), searchBoxJS)
	return searchBox(ctx, t)
}

// searchAndGo types a query on a page of the site at base, checks that its
// first result is want (a path and anchor under base), presses Enter and
// checks that the browser went there and scrolled to the section.
func searchAndGo(ctx context.Context, t *testing.T, base, query, want string) {
	t.Helper()
	open(ctx, t, desktopW, desktopH, base+"guides/")
	st := typeQuery(ctx, t, query)
	if len(st.Hrefs) == 0 || st.Hrefs[0] != base+want {
		t.Fatalf("%q: first result %q, want %s\nstate: %+v", query, first(st.Hrefs), base+want, st)
	}
	if st.Expanded != "true" || !st.PanelShown {
		t.Errorf("results shown but aria-expanded=%q, panel shown %v", st.Expanded, st.PanelShown)
	}
	if want := fmt.Sprintf("%d results", len(st.Options)); st.Status != want {
		t.Errorf("announced %q, want %q", st.Status, want)
	}
	browser.Run(ctx, t, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter)))
	id := want[strings.Index(want, "#")+1:]
	waitFor(ctx, t, "the page to scroll to #"+id, js(`(id) => {
		const h = document.getElementById(id);
		if (!h) return false;
		const top = h.getBoundingClientRect().top;
		return location.hash === "#" + id && top >= 0 && top < innerHeight && scrollY > 0;
	}`, id), js(headingJS, id))
	if got := browser.Run(ctx, t, chromedp.Location()); got != base+want {
		t.Errorf("after Enter: at %s, want %s", got, base+want)
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return s[0]
}

// A reader types a query on the real handbook, sees the section that
// answers it first, presses Enter and lands on that section.
func TestSearch(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	searchAndGo(ctx, t, base, "decision rights staff", "roles/staff-software-engineer/#decision-rights")
}

// The same under a sub-path: the index and the result links stay inside it.
func TestSearchSubPath(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.ServeAt(t, site, "/handbook/")
	searchAndGo(ctx, t, base, "mentoring", "guides/jump-to-senior/#mentor-with-questions-not-answers")

	var outside []string
	for _, u := range browser.Run(ctx, t, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map((e) => e.name)`)) {
		if !strings.HasPrefix(u, base) {
			outside = append(outside, u)
		}
	}
	if len(outside) > 0 {
		t.Errorf("fetched outside %s: %q", base, outside)
	}
}

// The keyboard: Ctrl-K focuses, arrows move the active option (wrapping),
// Esc closes and then clears; what a query holds is shown as text.
func TestSearchKeyboard(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	open(ctx, t, desktopW, desktopH, base)

	browser.Do(ctx, t, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitFor(ctx, t, "Ctrl-K to focus the search box", `document.activeElement === document.getElementById("search-input")`, searchBoxJS)
	browser.Do(ctx, t, chromedp.KeyEvent("on-call"))
	waitFor(ctx, t, "results", `document.querySelector(".search").getAttribute("data-query") === "on-call"`, searchBoxJS)
	st := searchBox(ctx, t)
	if len(st.Options) < 3 || st.Options[0] != "Glossary › On-call" {
		t.Fatalf("on-call: options %q, want the glossary's On-call first", st.Options)
	}
	if len(st.Marks) == 0 || !strings.EqualFold(st.Marks[0], "on-call") {
		t.Errorf("first result highlights %q, want on-call", st.Marks)
	}
	n := len(st.Options)
	step := func(key, wantActive string) {
		t.Helper()
		browser.Do(ctx, t, chromedp.KeyEvent(key))
		st := searchBox(ctx, t)
		if st.Active != wantActive || !cmp.Equal(st.Selected, []string{wantActive}) {
			t.Errorf("after %q: aria-activedescendant %q, selected %q, want %s", key, st.Active, st.Selected, wantActive)
		}
	}
	step(kb.ArrowDown, "search-opt-0")
	step(kb.ArrowDown, "search-opt-1")
	step(kb.ArrowUp, "search-opt-0")
	step(kb.ArrowUp, fmt.Sprintf("search-opt-%d", n-1))
	step(kb.ArrowDown, "search-opt-0")

	browser.Do(ctx, t, chromedp.KeyEvent(kb.Escape))
	if st := searchBox(ctx, t); st.Expanded != "false" || st.PanelShown || st.Active != "" {
		t.Errorf("after Esc: %+v, want the list closed", st)
	}
	browser.Do(ctx, t, chromedp.KeyEvent(kb.Escape))
	if v := browser.Run(ctx, t, chromedp.Evaluate[string](`document.getElementById("search-input").value`)); v != "" {
		t.Errorf("after a second Esc the box holds %q, want it cleared", v)
	}

	// Markup in a query is text: nothing of it runs or renders.
	const evil = `<img src=x onerror="window.__xss=1">`
	browser.Do(ctx, t, chromedp.KeyEvent(evil))
	waitFor(ctx, t, "results of markup", js(`(q) => document.querySelector(".search").getAttribute("data-query") === q`, evil), searchBoxJS)
	st = searchBox(ctx, t)
	if xss := browser.Run(ctx, t, chromedp.Evaluate[bool](`window.__xss === 1`)); xss || st.Images > 0 {
		t.Errorf("a query's markup rendered: %d images, script ran: %v", st.Images, xss)
	}

	// "/" typed in the box is a character, not a shortcut.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-input").value = ""`))
	browser.Do(ctx, t, chromedp.KeyEvent("ci/cd"))
	waitFor(ctx, t, "results of ci/cd", `document.querySelector(".search").getAttribute("data-query") === "ci/cd"`, searchBoxJS)
}

// Without JavaScript the box is not there at all: nothing that cannot work.
func TestSearchWithoutJS(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	browser.Do(ctx, t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	open(ctx, t, desktopW, desktopH, base+"roles/senior-software-engineer/")
	got := browser.Run(ctx, t, chromedp.Evaluate[struct {
		Display string `json:"display"`
		Width   int    `json:"width"`
	}](`(() => { const b = document.querySelector(".search");
		return {display: getComputedStyle(b).display, width: b.getBoundingClientRect().width}; })()`))
	if got.Display != "none" || got.Width != 0 {
		t.Errorf("without JavaScript the search box shows: %+v", got)
	}
}

// The browser stems, splits and ranks as Go does: the same stem for every
// word of Snowball's sample, the same terms for odd text, and the same
// results, in the same order with the same scores, for every query of the
// ranking test.
func TestSearchMatchesGo(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	open(ctx, t, desktopW, desktopH, base)
	waitFor(ctx, t, "search.js", `!!window.handbookSearch && !!window.handbookSearch.index`, `String(window.handbookSearch)`)

	words := stemWords(t)
	stems := browser.Run(ctx, t, chromedp.Evaluate[[]string](js(`(ws) => ws.map(window.handbookSearch.stem)`, words)))
	bad := 0
	for i, w := range words {
		if want := search.Stem(w); stems[i] != want {
			bad++
			if bad < 20 {
				t.Errorf("stem(%q): browser %q, Go %q", w, stems[i], want)
			}
		}
	}
	t.Logf("%d words stemmed alike", len(words)-bad)

	texts := []string{"On-call rotation, the engineer’s decision-making", "Résumé naïve CAFÉ", "数据工程师负责数据管道",
		"サーバーの設計", "p95 latency 99.9% C++ .NET", "emoji 🚀 rocket", "a-b-c-d-e", "x\u0301y", "ǅemal İstanbul"}
	gotTerms := browser.Run(ctx, t, chromedp.Evaluate[[][]string](js(`async (ts) => {
		await window.handbookSearch.index.open();
		return ts.map((t) => window.handbookSearch.terms(t, window.handbookSearch.index.stop));
	}`, texts), chromedp.EvalAwaitPromise))
	for i, text := range texts {
		want := search.Terms(text)
		if want == nil {
			want = []string{}
		}
		if diff := cmp.Diff(want, gotTerms[i]); diff != "" {
			t.Errorf("terms(%q) (-Go +browser):\n%s", text, diff)
		}
	}

	s := openSearcher(t, site)
	type result struct {
		URL   string `json:"url"`
		Score int    `json:"score"`
	}
	for _, c := range rankingCases(t) {
		want, err := s.Search(c.query, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		got := browser.Run(ctx, t, chromedp.Evaluate[[]result](js(`async (q, opt) =>
			(await window.handbookSearch.index.search(q, opt)).map((r) => ({url: r.url, score: r.score}))`,
			c.query, map[string]any{"kind": c.opts.Kind, "track": c.opts.Track, "level": c.opts.Level}), chromedp.EvalAwaitPromise))
		var wantRs []result
		for _, r := range want {
			wantRs = append(wantRs, result{r.URL, r.Score})
		}
		if diff := cmp.Diff(wantRs, got); diff != "" {
			t.Errorf("%q (%+v) (-Go +browser):\n%s", c.query, c.opts, diff)
		}
		if len(got) == 0 || got[0].URL != c.want {
			t.Errorf("%q: first result in the browser %v, want %s", c.query, got, c.want)
		}
	}
}

// stemWords are Snowball's sample words and every word of the handbook's
// index dictionary.
func stemWords(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../search/testdata/stem.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w, _, ok := strings.Cut(sc.Text(), " "); ok && !strings.HasPrefix(w, "#") {
			words = append(words, w)
		}
	}
	return words
}

type rankingCase struct {
	query, want string
	opts        search.Options
}

// rankingCases reads generator/search/testdata/ranking.txt.
func rankingCases(t *testing.T) []rankingCase {
	t.Helper()
	data, err := os.ReadFile("../search/testdata/ranking.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cases []rankingCase
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		c := rankingCase{query: f[0], want: f[1]}
		if len(f) > 2 {
			for _, kv := range strings.Split(f[2], ";") {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "kind":
					c.opts.Kind = v
				case "track":
					c.opts.Track = v
				case "level":
					c.opts.Level = v
				}
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// In the dev server the index is rebuilt with the site: a new page is
// found after the rebuild.
func TestSearchAfterRebuild(t *testing.T) {
	src := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("handbook.yaml", "title: Rebuild Test\n")
	write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
	write("content/guides/first.md", "---\ntitle: First guide\n---\n## Pairing\nPair on hard problems.\n")
	dest := filepath.Join(t.TempDir(), "public")
	build := func() {
		if _, err := generator.Build(context.Background(), generator.Options{Source: src, Destination: dest}); err != nil {
			t.Fatal(err)
		}
	}
	build()
	ctx := browser.Start(t)
	// Like the dev server, serve the output folder by name, so that a
	// rebuild, which replaces the folder, is what the next request reads.
	srv := httptest.NewServer(server.Handler{FS: os.DirFS(dest)})
	t.Cleanup(srv.Close)
	base := srv.URL + "/"
	open(ctx, t, desktopW, desktopH, base)
	if st := typeQuery(ctx, t, "zeppelin"); len(st.Options) != 0 {
		t.Fatalf("zeppelin before the edit: %q", st.Options)
	}
	write("content/guides/second.md", "---\ntitle: Second guide\n---\n## Airships\nA zeppelin floats.\n")
	build()
	open(ctx, t, desktopW, desktopH, base)
	if st := typeQuery(ctx, t, "zeppelin"); first(st.Hrefs) != base+"guides/second/#airships" {
		t.Errorf("zeppelin after the rebuild: %q, want guides/second/#airships", st.Hrefs)
	}
}
