package browser_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/server"
	"github.com/handbook-dev/handbook/internal/browser"
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
	Active     string   `json:"active"`   // aria-activedescendant
	Options    []string `json:"options"`  // the title of each result
	Hrefs      []string `json:"hrefs"`    // the href of each result's link
	Selected   []string `json:"selected"` // ids of the first cell of the rows with aria-selected=true
	Status     string   `json:"status"`
	Marks      []string `json:"marks"`  // highlighted words of the first result
	Images     int      `json:"images"` // <img> in the results: none, whatever the query
	PanelShown bool     `json:"panelShown"`
}

const searchBoxJS = `(() => {
	const box = document.querySelector(".search");
	const input = document.getElementById("search-input");
	const rows = [...document.querySelectorAll("#search-results .search-result")];
	return {
		visible: !!box && !box.hidden && getComputedStyle(box).display !== "none",
		focused: document.activeElement === input,
		query: box.getAttribute("data-query") || "",
		expanded: input.getAttribute("aria-expanded"),
		active: input.getAttribute("aria-activedescendant") || "",
		options: rows.map((o) => o.querySelector(".search-title").textContent),
		hrefs: rows.map((o) => o.querySelector("a").href),
		selected: rows.filter((o) => o.getAttribute("aria-selected") === "true").map((o) => o.querySelector("[role=gridcell]").id),
		status: document.querySelector(".search-status").textContent,
		marks: rows.length ? [...rows[0].querySelectorAll("mark")].map((m) => m.textContent) : [],
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
		return location.hash === "#" + id && top > -1 && top < innerHeight && scrollY > 0;
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
	// A query whose first result is a section, so that the scroll to it
	// is checked too.
	searchAndGo(ctx, t, base, "postmortem", "glossary/#term-postmortem")

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

	// The arrows choose a result and Enter opens that one, not the first.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-input").value = ""`))
	browser.Do(ctx, t, chromedp.KeyEvent("on-call"))
	waitFor(ctx, t, "results of on-call", `document.querySelector(".search").getAttribute("data-query") === "on-call"`, searchBoxJS)
	st = searchBox(ctx, t)
	if len(st.Hrefs) < 3 {
		t.Fatalf("on-call: %d results, want 3 or more", len(st.Hrefs))
	}
	step(kb.ArrowDown, "search-opt-0")
	step(kb.ArrowDown, "search-opt-1")
	step(kb.ArrowDown, "search-opt-2")
	browser.Run(ctx, t, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter)))
	if got := browser.Run(ctx, t, chromedp.Location()); got != st.Hrefs[2] {
		t.Errorf("Enter on the third result: at %s, want %s", got, st.Hrefs[2])
	}
}

// Each result is a real link to its section, under the site's sub-path: a
// middle click opens it in a new tab and leaves the list as it was; the
// accessibility tree has a link in each row of a grid; the copy button,
// by mouse or by the right arrow and Enter, copies the section's absolute
// URL and says so; Ctrl+Enter opens the chosen result in a new tab.
func TestSearchResultLinks(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.ServeAt(t, site, "/handbook/")
	open(ctx, t, desktopW, desktopH, base+"guides/")
	st := typeQuery(ctx, t, "decision rights staff")
	want := base + "roles/staff-software-engineer/#decision-rights"
	if len(st.Hrefs) < 2 || st.Hrefs[0] != want {
		t.Fatalf("first result links to %q, want %s", first(st.Hrefs), want)
	}
	type linkState struct {
		Href     string `json:"href"`     // the attribute, absolute
		TabIndex int    `json:"tabIndex"` // out of the Tab order: the arrows reach it
		Grid     bool   `json:"grid"`     // row in a grid, link in a gridcell
		Popup    string `json:"popup"`    // the input's aria-haspopup
	}
	ls := browser.Run(ctx, t, chromedp.Evaluate[linkState](`(() => {
		const a = document.querySelector("#search-results .search-result a");
		return {href: a.getAttribute("href"), tabIndex: a.tabIndex,
			grid: a.closest("[role=gridcell]") !== null && a.closest("[role=row]").parentElement.getAttribute("role") === "grid",
			popup: document.getElementById("search-input").getAttribute("aria-haspopup")};
	})()`))
	if ls.Href != want || ls.TabIndex != -1 || !ls.Grid || ls.Popup != "grid" {
		t.Errorf("first result: %+v, want href %s, tabindex -1, in a grid the input names", ls, want)
	}
	if role := axRole(ctx, t, "#search-results .search-result a"); role != "link" {
		t.Errorf("the first result's accessible role is %q, want link", role)
	}
	if role := axRole(ctx, t, "#search-results .search-copy"); role != "button" {
		t.Errorf("the copy control's accessible role is %q, want button", role)
	}

	// A middle click opens the section in a new tab; this page stays, and
	// so does the list.
	pos := browser.Run(ctx, t, chromedp.Evaluate[struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	}](`(() => { const r = document.querySelector("#search-results .search-result a").getBoundingClientRect();
		return {x: r.left + 20, y: r.top + r.height / 2}; })()`))
	browser.Do(ctx, t, chromedp.MouseClickXY(pos.X, pos.Y, chromedp.ButtonMiddle))
	waitTab(ctx, t, want)
	if st := searchBox(ctx, t); !st.PanelShown || !st.Focused || st.Query != "decision rights staff" {
		t.Errorf("after a middle click: %+v, want the box focused and the list still open", st)
	}
	if got := browser.Run(ctx, t, chromedp.Location()); got != base+"guides/" {
		t.Errorf("a middle click navigated this tab to %s", got)
	}

	// The copy button copies the absolute URL of the section. What the
	// page writes is recorded (the real clipboard of a headless browser
	// depends on permissions and window focus).
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`(() => {
		window.__copied = [];
		Object.defineProperty(navigator, "clipboard", {configurable: true, value: {
			writeText: (s) => { window.__copied.push(s); return Promise.resolve(); },
		}});
	})()`))
	copied := `(() => ({copied: window.__copied, status: document.querySelector(".search-status").textContent,
		button: [...document.querySelectorAll(".search-copy")].map((b) => b.textContent)}))()`
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS("#search-results .search-result:nth-child(2) .search-copy")))
	waitFor(ctx, t, "the copy button", js(`(want) => window.__copied.length === 1 && window.__copied[0] === want &&
		document.querySelector(".search-status").textContent === "Link copied: " + want`, st.Hrefs[1]), copied)
	if st := searchBox(ctx, t); !st.Focused || !st.PanelShown {
		t.Errorf("after a click on copy: %+v, want the box focused and the list open", st)
	}

	// By keyboard: the right arrow moves to the chosen result's copy
	// button, Enter copies, the left arrow goes back to its link.
	step := func(key, wantActive string) {
		t.Helper()
		browser.Do(ctx, t, chromedp.KeyEvent(key))
		if st := searchBox(ctx, t); st.Active != wantActive {
			t.Errorf("after %q: aria-activedescendant %q, want %s", key, st.Active, wantActive)
		}
	}
	step(kb.ArrowRight, "") // nothing chosen: the caret moves
	step(kb.ArrowDown, "search-opt-0")
	step(kb.ArrowRight, "search-opt-0-copy")
	step(kb.ArrowDown, "search-opt-1-copy") // the column is kept
	step(kb.ArrowUp, "search-opt-0-copy")
	browser.Do(ctx, t, chromedp.KeyEvent(kb.Enter))
	waitFor(ctx, t, "Enter on the copy button", js(`(want) => window.__copied.length === 2 && window.__copied[1] === want`, want), copied)
	step(kb.ArrowLeft, "search-opt-0")
	if got := browser.Run(ctx, t, chromedp.Location()); got != base+"guides/" {
		t.Errorf("Enter on the copy button navigated to %s", got)
	}

	// Without the Clipboard API (a page served over plain HTTP) the copy
	// goes through a selected text area.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`(() => {
		Object.defineProperty(navigator, "clipboard", {configurable: true, value: undefined});
		document.addEventListener("copy", (e) => window.__copied.push("fallback:" + e.target.value));
	})()`))
	step(kb.ArrowRight, "search-opt-0-copy")
	browser.Do(ctx, t, chromedp.KeyEvent(kb.Enter))
	waitFor(ctx, t, "the copy without the Clipboard API", js(`(want) => window.__copied.length === 3 && window.__copied[2] === "fallback:" + want &&
		document.activeElement === document.getElementById("search-input")`, want), copied)

	// Ctrl+Enter opens the chosen result in a new tab.
	step(kb.ArrowLeft, "search-opt-0")
	step(kb.ArrowDown, "search-opt-1")
	browser.Do(ctx, t, chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitTab(ctx, t, st.Hrefs[1])
	if got := browser.Run(ctx, t, chromedp.Location()); got != base+"guides/" {
		t.Errorf("Ctrl+Enter navigated this tab to %s", got)
	}
}

// waitTab waits until the browser has a tab at url.
func waitTab(ctx context.Context, t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		targets, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for _, tg := range targets {
			if tg.Type == "page" && tg.URL == url {
				return
			}
			seen = append(seen, tg.URL)
		}
		if time.Now().After(deadline) {
			t.Fatalf("no tab opened at %s within %v; tabs: %q", url, waitTimeout, seen)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Questions typed into the box land on the sections that answer them, as
// in Go (TestSearchMatchesGo runs the whole ranking set): who decides,
// how to become, a typo in the first letters.
func TestSearchQuestions(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	s := openSearcher(t, site)
	for _, c := range []struct{ query, want, title string }{
		{"who approves architecture changes", "roles/senior-software-engineer/#authority-architecture",
			"Senior Software Engineer › Authority by area › Architecture"},
		{"become a tech lead", "roles/tech-lead/#paths-comes-from", "Tech Lead › Career paths › Comes from"},
		{"nentoring", "behaviours/leadership/", "Leadership and mentoring"},
	} {
		open(ctx, t, desktopW, desktopH, base+"guides/")
		st := typeQuery(ctx, t, c.query)
		rs, err := s.Search(c.query, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 || rs[0].URL != "/"+c.want {
			t.Errorf("%q in Go: first %v, want /%s", c.query, rs, c.want)
		}
		if len(st.Hrefs) == 0 || st.Hrefs[0] != base+c.want || st.Options[0] != c.title {
			t.Errorf("%q: first result %q (%q), want %s (%q)", c.query, first(st.Hrefs), first(st.Options), base+c.want, c.title)
		}
	}
}

// The filters narrow the results by kind, track and level, keep the list
// open while the reader picks a value, and give what Go gives with the
// same options.
func TestSearchFilters(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	s := openSearcher(t, site)
	open(ctx, t, desktopW, desktopH, base+"guides/")
	st := typeQuery(ctx, t, "on-call")
	if len(st.Hrefs) == 0 || st.Hrefs[0] != base+"glossary/#term-on-call" {
		t.Fatalf("on-call without filters: %q, want the glossary first", st.Hrefs)
	}

	type filterState struct {
		RowShown bool                `json:"rowShown"`
		Options  map[string][]string `json:"options"` // field → values offered
		Labels   map[string]string   `json:"labels"`  // field → accessible name of its select
	}
	fs := browser.Run(ctx, t, chromedp.Evaluate[filterState](`(() => {
		const row = document.querySelector(".search-filters");
		const out = {rowShown: !row.hidden && row.getBoundingClientRect().height > 0, options: {}, labels: {}};
		row.querySelectorAll("select[data-filter]").forEach((sel) => {
			const f = sel.getAttribute("data-filter");
			out.options[f] = [...sel.options].map((o) => o.value).filter((v) => v);
			out.labels[f] = sel.closest("label").textContent.trim().split("\n")[0].trim();
		});
		return out;
	})()`))
	if !fs.RowShown {
		t.Errorf("the filters are not shown with the results: %+v", fs)
	}
	for field, want := range map[string][]string{"kind": {"glossary", "guide", "role", "skill"},
		"track": {"Adjacent paths", "Individual contributor", "Management"}, "level": {"1", "3", "5"}} {
		for _, v := range want {
			if !slices.Contains(fs.Options[field], v) {
				t.Errorf("the %s filter offers %q, want %q among them", field, fs.Options[field], v)
			}
		}
		if fs.Labels[field] == "" {
			t.Errorf("the %s filter has no label", field)
		}
	}

	// choose picks values as a reader does: the select gets the focus, its
	// value changes, the list stays open and shows the narrowed results.
	choose := func(values map[string]string, want search.Options) searchBoxState {
		t.Helper()
		browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](js(`(values) => {
			for (const [f, v] of Object.entries(values)) {
				const sel = document.querySelector("select[data-filter=" + f + "]");
				sel.focus();
				sel.value = v;
				sel.dispatchEvent(new Event("change", {bubbles: true}));
			}
		}`, values)))
		rs, err := s.Search("on-call", want)
		if err != nil {
			t.Fatal(err)
		}
		var wantHrefs []string
		for _, r := range rs {
			wantHrefs = append(wantHrefs, base+strings.TrimPrefix(r.URL, "/"))
		}
		if len(wantHrefs) == 0 {
			t.Fatalf("Go finds nothing for on-call with %+v: pick other filters", want)
		}
		waitFor(ctx, t, fmt.Sprintf("the results filtered by %v", values),
			js(`(want) => { const o = [...document.querySelectorAll("#search-results .search-result a")].map((a) => a.href);
				return o.length === want.length && o.every((h, i) => h === want[i]); }`, wantHrefs), searchBoxJS)
		st := searchBox(ctx, t)
		if !st.PanelShown || st.Expanded != "true" {
			t.Errorf("choosing a filter closed the list: %+v", st)
		}
		if want := fmt.Sprintf("%d result", len(wantHrefs)); !strings.HasPrefix(st.Status, want) {
			t.Errorf("announced %q after filtering, want %q", st.Status, want)
		}
		return st
	}
	st = choose(map[string]string{"kind": "role"}, search.Options{Kind: "role"})
	for _, h := range st.Hrefs {
		if !strings.HasPrefix(h, base+"roles/") {
			t.Errorf("kind=role shows %s", h)
		}
	}
	st = choose(map[string]string{"track": "Adjacent paths"}, search.Options{Kind: "role", Track: "Adjacent paths"})
	if st.Hrefs[0] != base+"roles/site-reliability-engineer/#responsibilities-operational" {
		t.Errorf("on-call, Adjacent paths roles: first %s", st.Hrefs[0])
	}
	st = choose(map[string]string{"kind": "", "track": "Individual contributor", "level": "3"}, search.Options{Track: "Individual contributor", Level: "3"})
	if st.Hrefs[0] != base+"roles/senior-software-engineer/#30-days" {
		t.Errorf("on-call, Individual contributor level 3: first %s", st.Hrefs[0])
	}
	// Tech Lead is a role held at level 3 on the IC track too.
	for _, h := range st.Hrefs {
		if !strings.HasPrefix(h, base+"roles/senior-software-engineer/") && !strings.HasPrefix(h, base+"roles/tech-lead/") {
			t.Errorf("Individual contributor level 3 shows %s", h)
		}
	}
	// Back to all: the unfiltered list again.
	choose(map[string]string{"track": "", "level": ""}, search.Options{})
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

// The browser stems, splits and ranks as Go does: the same stem and base
// (Base) for every word of Snowball's sample, the same terms for odd text,
// and the same results, in the same order with the same scores, for every
// query of the ranking test: questions and typos in the first letters
// included.
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
	bases := browser.Run(ctx, t, chromedp.Evaluate[[]string](js(`(ws) => ws.map(window.handbookSearch.base)`, words)))
	bad = 0
	for i, w := range words {
		if want := search.Base(w); bases[i] != want {
			bad++
			if bad < 20 {
				t.Errorf("base(%q): browser %q, Go %q", w, bases[i], want)
			}
		}
	}

	texts := []string{"On-call rotation, the engineer’s decision-making", "Résumé naïve CAFÉ", "数据工程师负责数据管道",
		"サーバーの設計", "p95 latency 99.9% C++ .NET", "emoji 🚀 rocket", "a-b-c-d-e", "x\u0301y", "ǅemal İstanbul",
		"Who decides? The decision, its description and permission"}
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
	f, err := os.Open("../../generator/search/testdata/stem.txt")
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
	data, err := os.ReadFile("../../generator/search/testdata/ranking.txt")
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
		if _, err := generator.Open(context.Background(), src, generator.Options{Destination: dest}).Build(context.Background()); err != nil {
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

// manifestID is the id of the search index the page's host serves now.
func manifestID(ctx context.Context, t *testing.T, url string) string {
	t.Helper()
	return browser.Run(ctx, t, chromedp.Evaluate[string](js(`async (u) => (await (await fetch(u, {cache: "no-store"})).json()).id`,
		url+"search/manifest.json"), chromedp.EvalAwaitPromise))
}

// In handbook serve --watch, a page left open finds what an edit to another
// page added once the rebuild's index is served: the box reads the manifest
// again when it gets the focus. (TestSearchAfterRebuild covers a page
// opened after a rebuild of a static build.)
func TestSearchInServe(t *testing.T) {
	dir, url := serveWatch(t)
	ctx := browser.Start(t)
	open(ctx, t, desktopW, desktopH, url+"roles/junior/")
	waitFor(ctx, t, "the live-reload script", `!!document.querySelector('script[data-build]')`, searchBoxJS)
	if st := typeQuery(ctx, t, "zeppelin"); len(st.Options) != 0 {
		t.Fatalf("zeppelin before the edit: %q", st.Options)
	}
	before := manifestID(ctx, t, url)
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-input").blur(); window.handbookTestMarker = "open"`))

	const page = "content/guides/jump-to-senior.md"
	write(t, dir, page, read(t, dir, page)+"\n## Airships\n\nA zeppelin floats over the office.\n")
	deadline := time.Now().Add(waitTimeout)
	for manifestID(ctx, t, url) == before {
		if time.Now().After(deadline) {
			t.Fatalf("the search index was not rebuilt within %v of the edit", waitTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if marker := browser.Run(ctx, t, chromedp.Evaluate[any](`window.handbookTestMarker`)); marker != "open" {
		// The edit does not change this page's HTML, so the dev server must
		// not reload it; and if it did, the stale index would go untested.
		t.Errorf("the open page reloaded after an edit to another page (marker %v)", marker)
	}

	// The reader comes back to the box with "/" and types the word again.
	typeQuery(ctx, t, "zeppelin")
	want := url + "guides/jump-to-senior/#airships"
	waitFor(ctx, t, "zeppelin found after the rebuild", js(`(want) => {
		const a = document.querySelector("#search-results .search-result a");
		return !!a && a.href === want && document.querySelector(".search").getAttribute("data-query") === "zeppelin";
	}`, want), searchBoxJS)
	if st := searchBox(ctx, t); st.Status != "1 result" {
		t.Errorf("after the rebuild: announced %q, want 1 result", st.Status)
	}
}

// oddSite is a small handbook in Chinese, Japanese and French, for the
// browser to search text without spaces and accented text.
const oddSite = `-- handbook.yaml --
title: Odd Handbook
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/guides/zh.md --
---
title: 数据工程师指南
---
## 数据管道

数据工程师负责数据管道和数据质量。

## 团队

我们的团队每周开会。
-- content/guides/ja.md --
---
title: サーバー設計
---
## 設計の原則

サーバーの設計を担当する。障害対応も行う。
-- content/guides/fr.md --
---
title: Équipe naïve
---
## Résumé du rôle

Un résumé de l'équipe: café, crème brûlée, déjà-vu.
`

// Odd queries in the browser: text without spaces, accents, emoji,
// regular-expression characters, markup, a 10,000-character query. Each
// gives what Go gives, quickly, and the box shows it as text.
func TestSearchOddQueries(t *testing.T) {
	src := t.TempDir()
	for _, f := range txtar.Parse([]byte(oddSite)).Files {
		write(t, src, f.Name, string(f.Data))
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Open(t.Context(), src, generator.Options{Destination: dest}).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	s := openSearcher(t, dest)
	ctx := browser.Start(t)
	base := browser.Serve(t, dest)
	open(ctx, t, desktopW, desktopH, base)
	waitFor(ctx, t, "search.js", `!!window.handbookSearch && !!window.handbookSearch.index`, `String(window.handbookSearch)`)

	// Found, in Go and in the browser alike.
	found := map[string]string{
		"数据管道": "/guides/zh/#", "数据": "/guides/zh/", "管": "/guides/zh/#", "团队": "/guides/zh/#",
		"サーバー": "/guides/ja/", "設計": "/guides/ja/", "障害": "/guides/ja/#",
		"resume": "/guides/fr/#", "RÉSUMÉ": "/guides/fr/#", "naive": "/guides/fr/", "creme brulee": "/guides/fr/#", "deja-vu": "/guides/fr/#",
	}
	queries := []string{"", " ", "a", "x", ".*", "(", "[", "\\", "$^|?+{}", "<script>alert(1)</script>",
		`<img src=x onerror="window.__xss=1">`, strings.Repeat("x", 10_000), strings.Repeat("数据 ", 3_000), "🚀", "🚀🚀🚀",
		"café 🚀", "\u202e\u200b", "on-", "-on", "'"}
	for q := range found {
		queries = append(queries, q)
	}
	slices.Sort(queries)
	type result struct {
		URL   string `json:"url"`
		Score int    `json:"score"`
	}
	type answer struct {
		Results []result `json:"results"`
		MS      float64  `json:"ms"`
	}
	for _, q := range queries {
		rs, err := s.Search(q, search.Options{})
		if err != nil {
			t.Fatalf("Go: %.20q: %v", q, err)
		}
		var want []result
		for _, r := range rs {
			want = append(want, result{r.URL, r.Score})
		}
		// Twice: the first loads the files, the second is the keystroke.
		got := browser.Run(ctx, t, chromedp.Evaluate[answer](js(`async (q) => {
			const idx = window.handbookSearch.index;
			await idx.search(q, {});
			const t0 = performance.now();
			const rs = await idx.search(q, {});
			return {results: rs.map((r) => ({url: r.url, score: r.score})), ms: performance.now() - t0};
		}`, q), chromedp.EvalAwaitPromise))
		if diff := cmp.Diff(want, got.Results, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%.20q (-Go +browser):\n%s", q, diff)
		}
		if got.MS > 100 {
			t.Errorf("%.20q took %.1f ms in the browser", q, got.MS)
		}
		if prefix, ok := found[q]; ok && (len(want) == 0 || !strings.HasPrefix(want[0].URL, prefix)) {
			t.Errorf("%q: first result %v, want one under %s", q, want, prefix)
		}
	}

	// Typed into the box: a CJK query finds its section; the 10,000
	// characters are searched (cut) and shown as text.
	st := typeQuery(ctx, t, "数据管道")
	if len(st.Hrefs) == 0 || !strings.HasPrefix(st.Hrefs[0], base+"guides/zh/#") || len(st.Marks) == 0 {
		t.Errorf("数据管道 typed: %+v, want the Chinese guide's section first, highlighted", st)
	}
	long := strings.Repeat("<b>x</b>", 1_250)
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](js(`(q) => {
		const i = document.getElementById("search-input");
		i.value = q;
		i.dispatchEvent(new Event("input", {bubbles: true}));
	}`, long)))
	waitFor(ctx, t, "the long query's results", js(`(q) => document.querySelector(".search").getAttribute("data-query") === q`, long), searchBoxJS)
	st = searchBox(ctx, t)
	if st.Status != "No results" || len(st.Options) != 0 {
		t.Errorf("10,000 characters of markup: %+v", st)
	}
	if n := browser.Run(ctx, t, chromedp.Evaluate[int](`document.querySelectorAll(".search b").length`)); n != 0 {
		t.Errorf("the query's markup became %d elements", n)
	}
}
