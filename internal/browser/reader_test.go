package browser_test

// The reader's experience: the navigation at phone and desktop widths, the
// dark theme, paper, the self-assessment on role pages, pages without
// JavaScript, and axe-core's WCAG 2.1 A and AA rules in both themes. The
// layout and axe tests run on the handbook of this repository; the others on
// the small fixture, whose content they know by heart.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/internal/browser"
)

// moduleRoot returns the folder holding go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// buildHandbook builds the handbook of this repository (content/ at the
// module root) for baseURL (its own when empty) and returns the output.
func buildHandbook(t *testing.T, baseURL string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	opts := generator.Options{Destination: dest, BaseURL: baseURL}
	if _, err := generator.Open(t.Context(), moduleRoot(t), opts).Build(t.Context()); err != nil {
		t.Fatalf("the handbook does not build: %v", err)
	}
	return dest
}

// pageTypes are one page of each kind of the real handbook.
var pageTypes = []struct{ name, path string }{
	{"home", ""},
	{"section", "roles/"},
	{"role", "roles/senior-software-engineer/"},
	{"skill", "skills/distributed-systems/"},
	{"matrix", "skills/matrix/"},
	{"compare", "compare/software-engineer-ii-vs-senior-software-engineer/"},
	{"compare-any", "compare/software-engineer-i-vs-principal-software-engineer/"},
	{"behaviours", "behaviours/"},
	{"axis", "behaviours/influence/"},
	{"guide", "guides/jump-to-senior/"},
	{"glossary", "glossary/"},
	{"print-track", "print/individual-contributor/"},
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](ctx context.Context, t *testing.T, expr string) T {
	t.Helper()
	return browser.Run(ctx, t, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// emulateMedia makes CSS see the media type ("print", "" for the screen)
// and the system colour scheme ("dark", "light", "" for the default).
func emulateMedia(ctx context.Context, t *testing.T, media, scheme string) {
	t.Helper()
	p := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, p); err != nil {
		t.Fatalf("emulate media %q, scheme %q: %v", media, scheme, err)
	}
}

// disableScript turns JavaScript off for the pages loaded after it.
func disableScript(ctx context.Context, t *testing.T) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
}

type overflowState struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Wide        []string `json:"wide"`
}

const overflowJS = `(() => ({scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
	wide: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
		.slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.getAttribute("class") ? "." + e.getAttribute("class") : ""))}))()`

// checkNoOverflow fails the test when the page scrolls sideways.
func checkNoOverflow(ctx context.Context, t *testing.T, what string) {
	t.Helper()
	if o := eval[overflowState](ctx, t, overflowJS); o.ScrollWidth > o.ClientWidth {
		t.Errorf("%s scrolls sideways: scrollWidth %d > clientWidth %d; too wide: %q", what, o.ScrollWidth, o.ClientWidth, o.Wide)
	}
}

// narrowW is the narrowest phone the handbook is made for.
const narrowW = 360

// Every kind of page of the real handbook fits 360 px, 375 px and 1280 px
// in both themes (360 px in the light one only: the themes share the
// layout), and the ladder's labels stay inside their boxes. Screenshots of
// each page at 375 px and 1280 px go to testdata/artifacts/handbook-*.png.
//
// Each page gets its own browser: a long page's full screenshot takes a
// few seconds on a busy machine, and one browser for every page would run
// out of its Budget.
func TestHandbookPages(t *testing.T) {
	site := buildHandbook(t, "")
	artifacts := artifactsDir(t)
	// The gallery of every kind of page in both themes at two widths is
	// for people to look at, and took half of this test's time: `make
	// screenshots` takes it.
	gallery := os.Getenv("HANDBOOK_SCREENSHOTS") != ""
	if !gallery {
		t.Log("no screenshots of the pages: HANDBOOK_SCREENSHOTS=1 (make screenshots) takes them")
	}
	type run struct {
		theme string
		w, h  int64
		shoot bool
	}
	runs := []run{
		{"light", narrowW, phoneH, false},
		{"light", phoneW, phoneH, true}, {"light", desktopW, desktopH, true},
		{"dark", phoneW, phoneH, true}, {"dark", desktopW, desktopH, true},
	}
	base := browser.Serve(t, site)
	for _, r := range runs {
		t.Run(fmt.Sprintf("%s-%d", r.theme, r.w), func(t *testing.T) {
			// One browser a run, a tab a page: starting a browser costs
			// more than most pages' checks.
			browserCtx := browser.StartFor(t, 4*browser.Budget)
			for _, p := range pageTypes {
				t.Run(p.name, func(t *testing.T) {
					ctx := browser.Tab(t, browserCtx)
					// The pick is made on the home page and must hold on p.
					open(ctx, t, r.w, r.h, base)
					eval[bool](ctx, t, js(`(theme) => { localStorage.setItem("handbook-theme", theme); return true; }`, r.theme))
					open(ctx, t, r.w, r.h, base+p.path)
					if got := eval[string](ctx, t, `document.documentElement.getAttribute("data-theme") || ""`); got != r.theme {
						t.Errorf("/%s: data-theme %q, want the %s theme picked on another page", p.path, got, r.theme)
					}
					checkNoOverflow(ctx, t, fmt.Sprintf("/%s at %d px (%s)", p.path, r.w, r.theme))
					if p.name == "home" {
						checkLadder(ctx, t, fmt.Sprintf("at %d px", r.w))
					}
					if r.shoot && gallery {
						screenshot(ctx, t, artifacts, fmt.Sprintf("handbook-%s-%d-%s.png", p.name, r.w, r.theme))
					}
				})
			}
		})
	}
}

// checkLadder fails the test when a label of the ladder diagram spills out
// of its box.
func checkLadder(ctx context.Context, t *testing.T, what string) {
	t.Helper()
	spills := eval[[]string](ctx, t, `[...document.querySelectorAll(".ladder-role")].filter((a) => {
		const box = a.querySelector("rect").getBBox(), text = a.querySelector("text").getBBox();
		return text.x < box.x + 2 || text.x + text.width > box.x + box.width - 2 || text.y < box.y || text.y + text.height > box.y + box.height;
	}).map((a) => a.querySelector("text").textContent)`)
	if n := eval[int](ctx, t, `document.querySelectorAll(".ladder-role").length`); n == 0 {
		t.Errorf("the home page %s has no ladder diagram", what)
	}
	if len(spills) > 0 {
		t.Errorf("the ladder %s: the labels %q spill out of their boxes", what, spills)
	}
}

type typeState struct {
	Font       string   `json:"font"`
	Size       float64  `json:"size"`       // body font size, px
	Leading    float64  `json:"leading"`    // line height of a paragraph over its font size
	Chars      float64  `json:"chars"`      // average characters per line of the widest paragraph
	FontFaces  int      `json:"fontFaces"`  // @font-face rules the page declared
	Foreign    []string `json:"foreign"`    // resources from another origin
	FontFetch  []string `json:"fontFetch"`  // font files fetched
	Paragraphs int      `json:"paragraphs"` // paragraphs measured
}

// typeJS reads the typography of the page: the face, its size and leading,
// and the measure of its prose (characters per line, from the width of the
// widest paragraph and the average width of its characters).
const typeJS = `(() => {
	const ps = [...document.querySelectorAll("main .prose > p, main .lead")].filter((p) => p.textContent.length > 200);
	const canvas = document.createElement("canvas").getContext("2d");
	let chars = 0;
	for (const p of ps) {
		const cs = getComputedStyle(p);
		canvas.font = cs.fontWeight + " " + cs.fontSize + " " + cs.fontFamily;
		const text = p.textContent.replace(/\s+/g, " ").trim();
		const avg = canvas.measureText(text).width / text.length;
		chars = Math.max(chars, p.clientWidth / avg);
	}
	const p = ps[0] || document.body, cs = getComputedStyle(p);
	const res = performance.getEntriesByType("resource");
	return {
		font: getComputedStyle(document.body).fontFamily,
		size: parseFloat(getComputedStyle(document.body).fontSize),
		leading: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize),
		chars: Math.round(chars), paragraphs: ps.length,
		fontFaces: [...document.styleSheets].flatMap((sh) => [...sh.cssRules]).filter((r) => r instanceof CSSFontFaceRule).length,
		foreign: res.filter((e) => new URL(e.name).origin !== location.origin).map((e) => e.name),
		fontFetch: res.filter((e) => /\.(woff2?|ttf|otf|eot)(\?|$)/.test(e.name)).map((e) => e.name),
	};
})()`

// The prose reads comfortably: system fonts only (no @font-face, no font
// file, nothing fetched from another site), at least 16 px with generous
// leading, and a measure of 45 to 80 characters a line on a desktop (WCAG
// 1.4.8 asks for at most 80). On a phone the text keeps its size.
func TestTypography(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	for _, w := range []int64{desktopW, phoneW} {
		for _, p := range []string{"roles/senior-software-engineer/", "guides/jump-to-senior/"} {
			open(ctx, t, w, desktopH, base+p)
			st := eval[typeState](ctx, t, typeJS)
			what := fmt.Sprintf("/%s at %d px", p, w)
			if !strings.HasPrefix(st.Font, "system-ui") || st.FontFaces != 0 || len(st.FontFetch) != 0 || len(st.Foreign) != 0 {
				t.Errorf("%s: font %q, %d @font-face rules, fonts fetched %q, resources from elsewhere %q; want system fonts and nothing fetched",
					what, st.Font, st.FontFaces, st.FontFetch, st.Foreign)
			}
			if st.Size < 16 || st.Leading < 1.4 {
				t.Errorf("%s: body text %.1f px with line height %.2f, want at least 16 px and 1.4", what, st.Size, st.Leading)
			}
			if st.Paragraphs == 0 {
				t.Errorf("%s: no paragraph of prose to measure", what)
			} else if w == desktopW && (st.Chars < 45 || st.Chars > 80) {
				t.Errorf("%s: %.0f characters a line, want a measure of 45 to 80", what, st.Chars)
			} else if w == desktopW {
				t.Logf("%s: %.0f characters a line at %.0f px", what, st.Chars, st.Size)
			}
		}
	}
}

type keyboardState struct {
	Focused  string   `json:"focused"`  // class or id of the focused element
	Left     float64  `json:"left"`     // its left edge
	Outline  string   `json:"outline"`  // its outline style
	Width    float64  `json:"width"`    // its outline width, px
	Headings []int    `json:"headings"` // the heading levels of main, in order
	H1       int      `json:"h1"`
	Marks    []string `json:"marks"` // landmarks: main, banner, navigation (with label), contentinfo
}

const keyboardJS = `(() => {
	const a = document.activeElement, cs = getComputedStyle(a);
	return {
		focused: a.id || a.getAttribute("class") || a.tagName, left: a.getBoundingClientRect().left,
		// A box of the ladder shows focus with a heavier border instead.
		outline: a.matches(".ladder-role") ? "ladder-stroke" : cs.outlineStyle,
		width: a.matches(".ladder-role") ? parseFloat(getComputedStyle(a.querySelector("rect")).strokeWidth) : parseFloat(cs.outlineWidth) || 0,
		headings: [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")].map((h) => +h.tagName[1]),
		h1: document.querySelectorAll("h1").length,
		marks: [...document.querySelectorAll("main, body > header, nav, body > footer")].map((e) =>
			e.tagName.toLowerCase() + (e.getAttribute("aria-label") ? ":" + e.getAttribute("aria-label") : "")),
	};
})()`

// A keyboard reader first meets the skip link, shown where they can see
// it; it takes them to the content. Focus is always visible. The page has
// one h1, headings that never skip a level going down, and landmarks with
// names: what screen-reader users move by. (axe's WCAG rules leave
// heading order and landmarks to its best-practice set, so they are
// checked here.)
func TestKeyboard(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	for _, p := range []string{"", "roles/senior-software-engineer/", "skills/matrix/", "compare/software-engineer-ii-vs-senior-software-engineer/"} {
		open(ctx, t, desktopW, desktopH, base+p)
		browser.Do(ctx, t, chromedp.KeyEvent("\t"))
		st := eval[keyboardState](ctx, t, keyboardJS)
		if st.Focused != "skip-link" || st.Left < 0 || st.Outline == "none" || st.Width < 2 {
			t.Errorf("/%s: the first Tab focuses %q at x %.0f with a %s outline of %.0f px; want the skip link, in view, visibly focused",
				p, st.Focused, st.Left, st.Outline, st.Width)
		}
		browser.Do(ctx, t, chromedp.KeyEvent("\r"))
		waitFor(ctx, t, "the skip link to move focus to main", `document.activeElement.id === "main"`, keyboardJS)
		browser.Do(ctx, t, chromedp.KeyEvent("\t"))
		if st = eval[keyboardState](ctx, t, keyboardJS); st.Outline == "none" || st.Width < 2 {
			t.Errorf("/%s: Tab after the skip link focuses %q with a %s outline of %.0f px: want visible focus", p, st.Focused, st.Outline, st.Width)
		}
		if st.H1 != 1 {
			t.Errorf("/%s has %d h1 headings, want 1", p, st.H1)
		}
		for i := 1; i < len(st.Headings); i++ {
			if st.Headings[i] > st.Headings[i-1]+1 {
				t.Errorf("/%s: heading levels %v skip from h%d to h%d", p, st.Headings, st.Headings[i-1], st.Headings[i])
				break
			}
		}
		marks := strings.Join(st.Marks, " ")
		for _, want := range []string{"header", "nav:Handbook", "main", "footer"} {
			if !strings.Contains(marks, want) {
				t.Errorf("/%s: landmarks %q lack %s", p, st.Marks, want)
			}
		}
	}
}

type navState struct {
	Toggle   string     `json:"toggle"`   // display of the menu button
	Sidebar  string     `json:"sidebar"`  // display of the sidebar
	Expanded string     `json:"expanded"` // aria-expanded of the button
	Tracks   []navTrack `json:"tracks"`
	Current  []string   `json:"current"` // links marked aria-current="page"
	Open     []string   `json:"open"`    // sections unfolded
	Folded   []string   `json:"folded"`  // sections folded away
	Sections []string   `json:"sections"`
}

type navTrack struct {
	Title string   `json:"title"`
	Roles []string `json:"roles"`
}

const navJS = `(() => {
	const toggle = document.querySelector(".nav-toggle"), sidebar = document.getElementById("sidebar");
	const text = (e) => e.textContent.replace(/\s+/g, " ").trim();
	return {
		toggle: getComputedStyle(toggle).display, sidebar: getComputedStyle(sidebar).display,
		expanded: toggle.getAttribute("aria-expanded"),
		tracks: [...sidebar.querySelectorAll(".nav-track")].map((tr) => ({
			title: text(tr.querySelector(".nav-track-title")),
			roles: [...tr.querySelectorAll("a")].map((a) => a.getAttribute("aria-label") || text(a)),
		})),
		current: [...sidebar.querySelectorAll("[aria-current=page]")].map(text),
		open: [...sidebar.querySelectorAll("details[open] > summary")].map(text),
		folded: [...sidebar.querySelectorAll("details:not([open]) > summary")].map(text),
		sections: [...sidebar.querySelectorAll(".nav > li > .nav-heading, .nav > li > details > summary")].map(text),
	};
})()`

// The sidebar groups roles by track with their levels, folds long sections
// unless the page is inside, marks the current page, and on a phone hides
// behind the menu button.
func TestHandbookNavigation(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)

	open(ctx, t, desktopW, desktopH, base+"roles/senior-software-engineer/")
	nav := eval[navState](ctx, t, navJS)
	if nav.Toggle != "none" || nav.Sidebar == "none" {
		t.Errorf("at %d px: menu button %s, sidebar %s: want the sidebar shown and no button", desktopW, nav.Toggle, nav.Sidebar)
	}
	// Other sections may come and go; these stay, in this order.
	wantSections := []string{"Roles", "Skills (", "Guides", "Level comparisons (", "Glossary"}
	if !inOrder(nav.Sections, wantSections) {
		t.Errorf("sidebar sections = %q, want %q among them, in that order", nav.Sections, wantSections)
	}
	var titles []string
	for _, tr := range nav.Tracks {
		titles = append(titles, tr.Title)
	}
	if want := "Individual contributor|Management|Adjacent paths"; strings.Join(titles, "|") != want {
		t.Errorf("sidebar tracks = %q, want %s", titles, want)
	}
	if len(nav.Tracks) > 0 {
		// Tech Lead is a role held at Senior or Staff level, not a level.
		want := []string{"L1 Software Engineer I, level 1", "L2 Software Engineer II, level 2", "L3 Senior Software Engineer, level 3",
			"L3–4 Tech Lead, held at levels 3–4", "L4 Staff Software Engineer, level 4", "L5 Principal Software Engineer, level 5"}
		if got := nav.Tracks[0].Roles; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("individual contributor roles in the sidebar = %q, want %q", got, want)
		}
	}
	if want := "L3 Senior Software Engineer, level 3"; len(nav.Current) != 1 || nav.Current[0] != want {
		t.Errorf("current page in the sidebar = %q, want [%q]", nav.Current, want)
	}
	if len(nav.Open) != 0 {
		t.Errorf("on a role page the sections %q are unfolded, want all folded", nav.Open)
	}

	// Inside a long section, that section unfolds and marks the page.
	open(ctx, t, desktopW, desktopH, base+"skills/matrix/")
	nav = eval[navState](ctx, t, navJS)
	if len(nav.Open) != 1 || !strings.HasPrefix(nav.Open[0], "Skills (") || len(nav.Current) != 1 || nav.Current[0] != "Skill matrix" {
		t.Errorf("on the skill matrix: unfolded %q, current %q; want Skills unfolded and the matrix marked", nav.Open, nav.Current)
	}

	// A phone: the sidebar hides behind the menu button, which opens it.
	for _, w := range []int64{360, phoneW} {
		open(ctx, t, w, phoneH, base+"roles/senior-software-engineer/")
		nav = eval[navState](ctx, t, navJS)
		if nav.Toggle == "none" || nav.Sidebar != "none" || nav.Expanded != "false" {
			t.Errorf("at %d px before the menu is opened: %+v, want the button shown and the sidebar hidden", w, nav)
		}
		browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitVisible(chromedp.CSS("#sidebar .nav-track a")))
		nav = eval[navState](ctx, t, navJS)
		if nav.Sidebar == "none" || nav.Expanded != "true" {
			t.Errorf("at %d px after a click on the menu button: %+v, want the sidebar shown", w, nav)
		}
		checkNoOverflow(ctx, t, fmt.Sprintf("the open menu at %d px", w))
		screenshot(ctx, t, artifacts, fmt.Sprintf("handbook-menu-%d.png", w))
		browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitNotVisible(chromedp.CSS("#sidebar")))
	}
}

// inOrder reports whether each of prefixes starts some element of list, in
// the order given.
func inOrder(list, prefixes []string) bool {
	i := 0
	for _, s := range list {
		if i < len(prefixes) && strings.HasPrefix(s, prefixes[i]) {
			i++
		}
	}
	return i == len(prefixes)
}

type themeState struct {
	Attr    string `json:"attr"`    // data-theme on <html>
	Pressed string `json:"pressed"` // aria-pressed of the toggle
	Stored  string `json:"stored"`  // the pick in localStorage
	Bg      string `json:"bg"`      // page background
	CodeBg  string `json:"codeBg"`  // code block background
	CodeFg  string `json:"codeFg"`  // colour of a string in the code
}

const themeJS = `(() => {
	const pre = document.querySelector("pre.chroma"), str = pre && pre.querySelector(".s2");
	return {
		attr: document.documentElement.getAttribute("data-theme") || "",
		pressed: document.querySelector(".theme-toggle").getAttribute("aria-pressed"),
		stored: localStorage.getItem("handbook-theme") || "",
		bg: getComputedStyle(document.body).backgroundColor,
		codeBg: pre ? getComputedStyle(pre).backgroundColor : "no code block",
		codeFg: str ? getComputedStyle(str).color : "no string token",
	};
})()`

// The dark theme follows the system until the reader picks one with the
// toggle; the pick survives reloads and other pages, and the code colours
// switch with the page's.
func TestThemeToggle(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)
	role := base + "roles/senior/"
	theme := func() themeState { t.Helper(); return eval[themeState](ctx, t, themeJS) }

	open(ctx, t, desktopW, desktopH, role)
	light := theme()
	if light.Attr != "" || light.Pressed != "false" || light.Bg != "rgb(255, 255, 255)" {
		t.Fatalf("a light system, nothing picked: %+v, want no data-theme, the toggle not pressed and a white page", light)
	}

	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".theme-toggle")))
	dark := theme()
	if dark.Attr != "dark" || dark.Pressed != "true" || dark.Stored != "dark" {
		t.Errorf("after a click on the toggle: %+v, want the dark theme picked and stored", dark)
	}
	if dark.Bg == light.Bg || dark.CodeBg == light.CodeBg || dark.CodeFg == light.CodeFg {
		t.Errorf("the dark theme did not change the colours: light %+v, dark %+v", light, dark)
	}
	screenshot(ctx, t, artifacts, "theme-role-dark.png")

	browser.Do(ctx, t, chromedp.Reload())
	if got := theme(); got != dark {
		t.Errorf("after a reload: %+v, want %+v", got, dark)
	}
	open(ctx, t, desktopW, desktopH, base+"guides/jump-to-senior/")
	if got := theme(); got.Attr != "dark" || got.Bg != dark.Bg {
		t.Errorf("on another page: %+v, want the dark theme", got)
	}

	// Back to light: the pick matches the system, so it is forgotten.
	open(ctx, t, desktopW, desktopH, role)
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".theme-toggle")), chromedp.Reload())
	if got := theme(); got.Pressed != "false" || got.Stored != "" || got.Bg != light.Bg || got.CodeFg != light.CodeFg {
		t.Errorf("after picking light again and a reload: %+v, want %+v", got, light)
	}

	// A dark system: dark without a pick, through the media query...
	emulateMedia(ctx, t, "", "dark")
	defer emulateMedia(ctx, t, "", "")
	browser.Do(ctx, t, chromedp.Reload())
	system := theme()
	if system.Attr != "" || system.Pressed != "true" || system.Bg != dark.Bg || system.CodeBg != dark.CodeBg || system.CodeFg != dark.CodeFg {
		t.Errorf("a dark system, nothing picked: %+v, want the colours of the dark theme %+v", system, dark)
	}
	// ...and light when the reader picks it.
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".theme-toggle")), chromedp.Reload())
	if got := theme(); got.Attr != "light" || got.Stored != "light" || got.Pressed != "false" || got.Bg != light.Bg || got.CodeFg != light.CodeFg {
		t.Errorf("a dark system, light picked, reloaded: %+v, want the light colours %+v", got, light)
	}
}

type printState struct {
	Hidden      map[string]string `json:"hidden"` // selector -> display
	Header      string            `json:"header"`
	HeaderShown string            `json:"headerShown"`
	After       map[string]string `json:"after"` // selector -> what ::after prints
	BreakInside map[string]string `json:"breakInside"`
}

// printJS reads what paper shows of the page. For each selector of links,
// "after" is the text of its ::after: the computed content, with attr()
// resolved when the browser reports it unresolved.
const printJS = `(links) => {
	const shown = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).display : "absent"; };
	const hidden = {};
	for (const sel of [".site-header", "#sidebar", ".nav-toggle", ".theme-toggle", ".breadcrumbs", ".toc", ".pager", ".site-footer", "#assess_panel", "a.permalink"]) hidden[sel] = shown(sel);
	const after = {};
	for (const sel of links) {
		const a = document.querySelector(sel);
		if (!a) { after[sel] = "no such link"; continue; }
		let c = getComputedStyle(a, "::after").content;
		c = c.replace(/attr\(([\w-]+)\)/g, (_, name) => JSON.stringify(a.getAttribute(name) || ""));
		after[sel] = c === "none" || c === "normal" ? "" : c.match(/"(?:[^"\\]|\\.)*"/g).map((s) => JSON.parse(s)).join("");
	}
	const br = {};
	for (const sel of [".items li", ".table-wrap tr", ".table-wrap table"]) { const e = document.querySelector(sel); br[sel] = e ? getComputedStyle(e).breakInside : "absent"; }
	const h = document.querySelector(".print-header");
	return {hidden, header: h.textContent.replace(/\s+/g, " ").trim(), headerShown: getComputedStyle(h).display, after, breakInside: br};
}`

func checkPrinted(t *testing.T, what string, got printState, header string, after map[string]string) {
	t.Helper()
	for sel, d := range got.Hidden {
		if d != "none" && d != "absent" {
			t.Errorf("%s on paper: %s is shown (display %s)", what, sel, d)
		}
	}
	if got.HeaderShown == "none" || got.Header != header {
		t.Errorf("%s on paper: header %q (display %s), want %q", what, got.Header, got.HeaderShown, header)
	}
	for sel, want := range after {
		if got.After[sel] != want {
			t.Errorf("%s on paper: %s prints %q after its text, want %q", what, sel, got.After[sel], want)
		}
	}
	for sel, b := range got.BreakInside {
		if b != "avoid" && b != "absent" {
			t.Errorf("%s on paper: %s has break-inside %s, want avoid", what, sel, b)
		}
	}
}

// On paper a page shows its content only, with a header naming the role,
// its level and the page's address; links print their absolute address;
// list items and table rows stay whole. The same holds without JavaScript,
// from the templates alone.
func TestPrint(t *testing.T) {
	const abs = "https://handbook.example.com/hb/"
	site := buildSiteAt(t, abs)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)

	roleLinks := map[string]string{
		`.matrix a[href$="skills/systems-design/"]`: "(" + abs + "skills/systems-design/)",
		`.role-moves a[href$="roles/junior/"]`:      "(" + abs + "roles/junior/)",
		`a.permalink`:                               "",
	}
	const roleHeader = "Browser Test Handbook Senior Engineer · Individual contributor · Level 3 (Senior) " + abs + "roles/senior/"
	sels := func(m map[string]string) []string {
		var s []string
		for k := range m {
			s = append(s, k)
		}
		return s
	}

	open(ctx, t, desktopW, desktopH, base+"roles/senior/")
	emulateMedia(ctx, t, "print", "")
	checkPrinted(t, "the role page", eval[printState](ctx, t, js(printJS, sels(roleLinks))), roleHeader, roleLinks)
	screenshot(ctx, t, artifacts, "print-role.png")
	savePDF(ctx, t, artifacts, "print-role.pdf")

	guideLinks := map[string]string{
		`.prose a[href="https://go.dev/blog/"]`:       "(https://go.dev/blog/)",
		`.prose a[href$="roles/senior/#career-path"]`: "(" + abs + "roles/senior/#career-path)",
	}
	open(ctx, t, desktopW, desktopH, base+"guides/jump-to-senior/")
	checkPrinted(t, "the guide", eval[printState](ctx, t, js(printJS, sels(guideLinks))),
		"Browser Test Handbook Jump to senior "+abs+"guides/jump-to-senior/", guideLinks)

	// The track document: every role of the track, each on a new page,
	// with its summary and no id twice.
	open(ctx, t, desktopW, desktopH, base+"print/individual-contributor/")
	type trackState struct {
		Roles  []string `json:"roles"`
		Breaks []string `json:"breaks"`
		Dups   []string `json:"dups"`
		Text   string   `json:"text"`
	}
	track := eval[trackState](ctx, t, `(() => {
		const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
		return {
			// A heading's text, less its copy-link control.
			roles: [...document.querySelectorAll(".print-role > h2")].map((h) =>
				[...h.childNodes].filter((n) => !(n.matches && n.matches(".permalink"))).map((n) => n.textContent).join("").trim()),
			breaks: [...document.querySelectorAll(".print-role")].map((s) => getComputedStyle(s).breakBefore),
			dups: ids.filter((id, i) => ids.indexOf(id) !== i),
			text: document.querySelector("main").innerText,
		};
	})()`)
	if strings.Join(track.Roles, "|") != "Junior Engineer|Senior Engineer" {
		t.Errorf("the track document holds %q, want the junior and the senior role", track.Roles)
	}
	for i, b := range track.Breaks {
		if b != "page" {
			t.Errorf("role %d of the track document starts with break-before %s, want page", i+1, b)
		}
	}
	if len(track.Dups) > 0 {
		t.Errorf("ids used twice in the track document: %q", track.Dups)
	}
	for _, want := range []string{"Learns the codebase, ships small changes", "A senior engineer owns a service end to end",
		"Keep the service's alerts actionable", "Changes to interfaces other teams depend on."} {
		if !strings.Contains(track.Text, want) {
			t.Errorf("the track document lacks %q", want)
		}
	}
	screenshot(ctx, t, artifacts, "print-track.png")
	savePDF(ctx, t, artifacts, "print-track.pdf")

	// Without JavaScript the templates' own addresses print.
	emulateMedia(ctx, t, "", "")
	disableScript(ctx, t)
	open(ctx, t, desktopW, desktopH, base+"roles/senior/")
	emulateMedia(ctx, t, "print", "")
	checkPrinted(t, "the role page without JavaScript", eval[printState](ctx, t, js(printJS, sels(roleLinks))), roleHeader, roleLinks)
}

// savePDF prints the page to an A4 PDF for people to look at.
func savePDF(ctx context.Context, t *testing.T, dir, name string) {
	t.Helper()
	pdf := browser.Run(ctx, t, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}

type assessState struct {
	Boxes    int      `json:"boxes"`
	Unnamed  int      `json:"unnamed"` // checkboxes without an accessible name
	Ticked   []string `json:"ticked"`
	Count    string   `json:"count"`
	Total    string   `json:"total"`
	Panel    string   `json:"panel"` // display of the panel
	Stored   string   `json:"stored"`
	Markdown string   `json:"markdown"`
	Copied   []string `json:"copied"`
	Said     string   `json:"said"`
}

const assessJS = `(() => {
	const boxes = [...document.querySelectorAll(".assess-box")];
	const panel = document.getElementById("assess_panel");
	return {
		boxes: boxes.length,
		unnamed: boxes.filter((b) => !(b.getAttribute("aria-label") || "").trim()).length,
		ticked: boxes.filter((b) => b.checked).map((b) => b.value),
		count: (panel.querySelector(".assess-count") || {}).textContent,
		total: (panel.querySelector(".assess-total") || {}).textContent,
		panel: getComputedStyle(panel).display,
		stored: localStorage.getItem("handbook-assess:senior") || "",
		markdown: document.getElementById("assess_markdown").value,
		copied: window.__copied || [],
		said: [...document.querySelectorAll("[aria-live]")].map((e) => e.textContent).join("|"),
	};
})()`

// stubClipboard records what the page copies (a headless browser's real
// clipboard depends on permissions and focus).
const stubClipboard = `(() => {
	window.__copied = [];
	Object.defineProperty(navigator, "clipboard", {configurable: true, value: {
		writeText: (s) => { window.__copied.push(s); return Promise.resolve(); },
	}});
	return true;
})()`

// On a role page an engineer ticks the expectations they meet; the ticks
// survive a reload, export as Markdown with a deep link per item (each of
// which lands on its item), and clear with one click. Without JavaScript
// there are no checkboxes at all.
func TestSelfAssessment(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)
	role := base + "roles/senior/"
	state := func() assessState { t.Helper(); return eval[assessState](ctx, t, assessJS) }

	open(ctx, t, desktopW, desktopH, role)
	st := state()
	// Two responsibilities, two decision rights, one skill row.
	if st.Boxes != 5 || st.Unnamed != 0 || st.Total != "5" || st.Count != "0" || st.Panel == "none" {
		t.Fatalf("before ticking: %+v, want 5 labelled checkboxes and the panel shown", st)
	}
	for _, id := range []string{"operational-on-call", "skill-systems-design", "review-interfaces"} {
		browser.Do(ctx, t, chromedp.Click(chromedp.CSS("#"+id+" .assess-box")))
	}
	want := []string{"operational-on-call", "skill-systems-design", "review-interfaces"}
	if st = state(); strings.Join(st.Ticked, " ") != strings.Join(want, " ") || st.Count != "3" {
		t.Errorf("after three ticks: ticked %q, count %s; want %q", st.Ticked, st.Count, want)
	}

	browser.Do(ctx, t, chromedp.Reload())
	if st = state(); strings.Join(st.Ticked, " ") != strings.Join(want, " ") || st.Count != "3" ||
		st.Stored != `["operational-on-call","skill-systems-design","review-interfaces"]` {
		t.Errorf("after a reload: ticked %q, count %s, stored %s; want the three ticks kept", st.Ticked, st.Count, st.Stored)
	}

	eval[bool](ctx, t, stubClipboard)
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".assess-export")))
	waitFor(ctx, t, "the export to be copied", `window.__copied.length === 1`, assessJS)
	wantMD := "## Self-assessment: Senior Engineer\n\n" +
		"Individual contributor · Level 3 · Senior · " + role + "\n\n" +
		"### Responsibilities\n\n" +
		"- [Operational responsibilities › Keep the service's alerts actionable and lead incident reviews.](" + role + "#operational-on-call)\n\n" +
		"### Skills\n\n" +
		"- [Systems design (Critical) › Designs features that span several components.](" + role + "#skill-systems-design)\n\n" +
		"### Decision rights\n\n" +
		"- [Needs team or design review › Changes to interfaces other teams depend on.](" + role + "#review-interfaces)\n"
	st = state()
	if st.Markdown != wantMD {
		t.Errorf("exported Markdown:\n%s\nwant:\n%s", st.Markdown, wantMD)
	}
	if len(st.Copied) != 1 || st.Copied[0] != st.Markdown {
		t.Errorf("copied %q, want the Markdown shown", st.Copied)
	}
	if !strings.Contains(st.Said, "Copied your self-assessment") {
		t.Errorf("the live region says %q, want it to announce the copy", st.Said)
	}
	screenshot(ctx, t, artifacts, "assess-role-1280.png")

	// Every deep link of the export lands on its item.
	for _, link := range markdownLinks(st.Markdown) {
		id := link[strings.Index(link, "#")+1:]
		open(ctx, t, desktopW, desktopH, link)
		waitFor(ctx, t, link+" to land on its item", js(`(id) => {
			const e = document.getElementById(id);
			if (!e) return false;
			const r = e.getBoundingClientRect();
			return e.classList.contains("is-target") && e.matches(":target") && r.top > -1 && r.top < innerHeight;
		}`, id), js(headingJS, id))
	}

	// One click clears every tick, for good.
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".assess-clear")))
	if st = state(); len(st.Ticked) != 0 || st.Count != "0" || st.Stored != "" {
		t.Errorf("after Clear: ticked %q, count %s, stored %q; want nothing", st.Ticked, st.Count, st.Stored)
	}
	browser.Do(ctx, t, chromedp.Reload())
	if st = state(); len(st.Ticked) != 0 {
		t.Errorf("after Clear and a reload: ticked %q", st.Ticked)
	}

	// With an absolute base URL, the links use the canonical address.
	const abs = "https://handbook.example.com/hb/"
	absBase := browser.Serve(t, buildSiteAt(t, abs))
	open(ctx, t, desktopW, desktopH, absBase+"roles/senior/")
	eval[bool](ctx, t, stubClipboard)
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS("#technical-design .assess-box")), chromedp.Click(chromedp.CSS(".assess-export")))
	waitFor(ctx, t, "the export to be copied", `window.__copied.length === 1`, assessJS)
	if links := markdownLinks(state().Markdown); len(links) != 1 || links[0] != abs+"roles/senior/#technical-design" {
		t.Errorf("deep links with base URL %s: %q", abs, links)
	}

	// No JavaScript: no checkboxes and no panel, and the page reads fine.
	disableScript(ctx, t)
	open(ctx, t, phoneW, phoneH, role)
	type plainState struct {
		Boxes int    `json:"boxes"`
		Panel string `json:"panel"`
		Items int    `json:"items"`
	}
	ps := eval[plainState](ctx, t, `(() => ({boxes: document.querySelectorAll("input[type=checkbox]").length,
		panel: getComputedStyle(document.getElementById("assess_panel")).display,
		items: document.querySelectorAll(".items li").length}))()`)
	if ps.Boxes != 0 || ps.Panel != "none" || ps.Items == 0 {
		t.Errorf("without JavaScript: %+v, want no checkboxes, no panel and the items listed", ps)
	}
}

// A behaviour is an expectation like any other: it can be ticked, and the
// Markdown export lists it under Behaviours with its deep link
// /roles/<id>/#behaviour-<axis>, which lands on it. A responsibility's
// meets and not-yet examples sit inside its item, so its deep link shows
// them too.
func TestSelfAssessmentBehaviours(t *testing.T) {
	axis := func(id, title string, weight int) func(string) string {
		return func(string) string {
			return fmt.Sprintf("---\nid: %s\ntitle: %s\ndescription: The %s axis.\nweight: %d\n---\nHow to read it.\n", id, title, id, weight)
		}
	}
	site := buildSiteEdited(t, "", map[string]func(string) string{
		"content/behaviours/_index.md":    func(string) string { return "---\ntitle: Behaviours\n---\nExpectations are cumulative.\n" },
		"content/behaviours/impact.md":    axis("impact", "Impact and scope", 10),
		"content/behaviours/influence.md": axis("influence", "Communication and influence", 30),
		"content/roles/senior.md": func(old string) string {
			old = strings.Replace(old, "responsibilities:\n", "scope: One service end to end, without day-to-day guidance.\n"+
				"behaviours:\n"+
				"  impact:\n    text: Delivers outcomes the team plans around.\n"+
				"  influence:\n    text: Writes designs the team reviews and decides on.\n    example: The design note for the new queue.\n"+
				"responsibilities:\n", 1)
			return strings.Replace(old, "      text: Keep the service's alerts actionable and lead incident reviews.\n",
				"      text: Keep the service's alerts actionable and lead incident reviews.\n"+
					"      meets: Every page in the last quarter led to a fix or a tuned alert.\n"+
					"      not_yet: The same alert pages every week and nobody follows up.\n", 1)
		},
	})
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	role := base + "roles/senior/"
	state := func() assessState { t.Helper(); return eval[assessState](ctx, t, assessJS) }

	open(ctx, t, desktopW, desktopH, role)
	st := state()
	// Two behaviours, two responsibilities, two decision rights, one skill row.
	if st.Boxes != 7 || st.Unnamed != 0 || st.Total != "7" || st.Count != "0" {
		t.Fatalf("before ticking: %+v, want 7 labelled checkboxes", st)
	}
	for _, id := range []string{"behaviour-influence", "operational-on-call"} {
		browser.Do(ctx, t, chromedp.Click(chromedp.CSS("#"+id+" .assess-box")))
	}
	eval[bool](ctx, t, stubClipboard)
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".assess-export")))
	waitFor(ctx, t, "the export to be copied", `window.__copied.length === 1`, assessJS)
	st = state()
	wantLine := "- [Communication and influence › Writes designs the team reviews and decides on.](" + role + "#behaviour-influence)"
	if !strings.Contains(st.Markdown, "### Behaviours\n\n"+wantLine+"\n") {
		t.Errorf("exported Markdown:\n%s\nwant a Behaviours section with:\n%s", st.Markdown, wantLine)
	}
	if strings.Index(st.Markdown, "### Behaviours") > strings.Index(st.Markdown, "### Responsibilities") {
		t.Errorf("exported Markdown lists behaviours after responsibilities:\n%s", st.Markdown)
	}

	// The deep links land on their items, examples included.
	type landed struct {
		Target  bool   `json:"target"`
		Visible bool   `json:"visible"`
		Text    string `json:"text"`
	}
	for _, tc := range []struct{ id, want string }{
		{"behaviour-influence", "Example: The design note for the new queue."},
		{"operational-on-call", "Not yet looks like"},
	} {
		open(ctx, t, desktopW, desktopH, role+"#"+tc.id)
		waitFor(ctx, t, tc.id+" to be the target", js(`(id) => document.getElementById(id).classList.contains("is-target")`, tc.id), js(headingJS, tc.id))
		got := eval[landed](ctx, t, js(`(id) => {
			const e = document.getElementById(id), r = e.getBoundingClientRect();
			return {target: e.matches(":target"), visible: r.top > -1 && r.top < innerHeight, text: e.textContent};
		}`, tc.id))
		if !got.Target || !got.Visible || !strings.Contains(got.Text, tc.want) {
			t.Errorf("#%s: %+v, want the target in view, containing %q", tc.id, got, tc.want)
		}
	}
}

// markdownLinks returns the targets of the Markdown links in md.
func markdownLinks(md string) []string {
	var links []string
	for line := range strings.Lines(md) {
		if i := strings.LastIndex(line, "]("); i >= 0 && strings.HasSuffix(strings.TrimSpace(line), ")") {
			links = append(links, strings.TrimSuffix(strings.TrimSpace(line[i+2:]), ")"))
		}
	}
	return links
}

// Without JavaScript every page reads fine: the sidebar shows (there is no
// menu to open), the controls that need a script are absent, and nothing
// scrolls sideways.
func TestWithoutJavaScript(t *testing.T) {
	site := buildHandbook(t, "")
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)
	disableScript(ctx, t)
	type plainState struct {
		Scripted bool   `json:"scripted"`
		Sidebar  string `json:"sidebar"`
		Menu     string `json:"menu"`
		Theme    string `json:"theme"`
		H1       string `json:"h1"`
	}
	for _, w := range []int64{phoneW, desktopW} {
		for _, p := range []string{"", "roles/senior-software-engineer/", "skills/matrix/"} {
			open(ctx, t, w, phoneH, base+p)
			st := eval[plainState](ctx, t, `(() => ({scripted: document.documentElement.classList.contains("js"),
				sidebar: getComputedStyle(document.getElementById("sidebar")).display,
				menu: getComputedStyle(document.querySelector(".nav-toggle")).display,
				theme: getComputedStyle(document.querySelector(".theme-toggle")).display,
				h1: document.querySelector("h1").innerText}))()`)
			if st.Scripted || st.Sidebar == "none" || st.Menu != "none" || st.Theme != "none" || st.H1 == "" {
				t.Errorf("/%s at %d px without JavaScript: %+v, want the sidebar and heading shown, no menu or theme button", p, w, st)
			}
			checkNoOverflow(ctx, t, fmt.Sprintf("/%s at %d px without JavaScript", p, w))
		}
		screenshot(ctx, t, artifacts, fmt.Sprintf("nojs-matrix-%d.png", w))
	}
}

// axePackage is the axe-core release the accessibility test runs.
const axePackage = "axe-core@4.14.1"

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

// axeSource returns axe.min.js, installing axe-core with npm into the
// git-ignored testdata/npm/ at the module root the first time (as `make
// browser-deps` does). Without npm the test fails: it never skips.
func axeSource(t *testing.T) string {
	t.Helper()
	root := moduleRoot(t)
	axeOnce.Do(func() {
		dir := filepath.Join(root, "testdata", "npm")
		file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
		if b, err := os.ReadFile(file); err == nil {
			axeJS = string(b)
			return
		}
		npm, err := exec.LookPath("npm")
		if err != nil {
			axeErr = fmt.Errorf("axe-core is not installed at %s and npm is not on PATH: install Node.js and npm, then run make browser-deps", file)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, npm, "install", "--prefix", dir, "--no-audit", "--no-fund", axePackage).CombinedOutput()
		if err != nil {
			axeErr = fmt.Errorf("npm install %s: %v\n%s", axePackage, err, out)
			return
		}
		b, err := os.ReadFile(file)
		axeJS, axeErr = string(b), err
	})
	if axeErr != nil {
		t.Fatal(axeErr)
	}
	return axeJS
}

type axeResult struct {
	Version    string         `json:"version"`
	Passes     int            `json:"passes"`
	Incomplete []string       `json:"incomplete"`
	Violations []axeViolation `json:"violations"`
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeTags are the rule sets of WCAG 2.1 levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// runAxe injects axe-core into the open page and runs the WCAG 2.1 A and AA
// rules on it.
func runAxe(ctx context.Context, t *testing.T) axeResult {
	t.Helper()
	if !eval[bool](ctx, t, `typeof axe === "object"`) {
		browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](axeSource(t)+"\n;true"))
	}
	return eval[axeResult](ctx, t, js(`async (tags) => {
		const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
		return {
			version: axe.version, passes: r.passes.length, incomplete: r.incomplete.map((i) => i.id),
			violations: r.violations.map((v) => ({id: v.id, impact: v.impact || "", help: v.help,
				nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary || ""}))})),
		};
	}`, axeTags))
}

// checkAxe fails the test for each violation, with the first few elements.
func checkAxe(t *testing.T, what string, r axeResult) {
	t.Helper()
	if r.Passes == 0 {
		t.Errorf("%s: axe %s checked nothing", what, r.Version)
	}
	for _, v := range r.Violations {
		var b strings.Builder
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s\n\t\t%s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", " "))
		}
		t.Errorf("%s: axe %s: %s (%s): %s%s", what, r.Version, v.ID, v.Impact, v.Help, b.String())
	}
	if len(r.Incomplete) > 0 {
		t.Logf("%s: axe could not decide %q (left for a person to check)", what, r.Incomplete)
	}
}

// axe-core finds no WCAG 2.1 A or AA violation on the home page, a role
// page, the skill matrix and a comparison page, in the light theme, the
// dark theme picked with the toggle, and the dark theme of a dark system;
// on the open search in both themes at both widths; and on a phone with
// the menu open. Each run has its own browser, so that a slow axe run on a
// busy machine does not eat the budget of the next.
func TestAccessibility(t *testing.T) {
	site := buildHandbook(t, "")
	artifacts := artifactsDir(t)
	axeSource(t) // fail before starting browsers when axe-core cannot be had
	pages := []struct{ name, path string }{
		{"home", ""},
		{"role", "roles/senior-software-engineer/"},
		{"matrix", "skills/matrix/"},
		{"compare", "compare/software-engineer-ii-vs-senior-software-engineer/"},
		{"behaviours", "behaviours/"},
		{"held-role", "roles/tech-lead/"},
	}
	base := browser.Serve(t, site)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			// One browser a page, a tab a theme: starting a browser
			// costs more than an axe run.
			browserCtx := browser.StartFor(t, 3*browser.Budget)
			t.Run("light", func(t *testing.T) {
				ctx := browser.Tab(t, browserCtx)
				open(ctx, t, desktopW, desktopH, base+p.path)
				checkAxe(t, "/"+p.path+" light", runAxe(ctx, t))
			})
			t.Run("dark-picked", func(t *testing.T) {
				ctx := browser.Tab(t, browserCtx)
				open(ctx, t, desktopW, desktopH, base+p.path)
				browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".theme-toggle")))
				if got := eval[string](ctx, t, `document.documentElement.getAttribute("data-theme")`); got != "dark" {
					t.Fatalf("data-theme = %q after the toggle, want dark", got)
				}
				checkAxe(t, "/"+p.path+" dark (picked)", runAxe(ctx, t))
			})
			t.Run("dark-system", func(t *testing.T) {
				ctx := browser.Tab(t, browserCtx)
				emulateMedia(ctx, t, "", "dark")
				// The tabs share storage: forget the theme picked in another.
				open(ctx, t, desktopW, desktopH, base+p.path)
				eval[bool](ctx, t, `(() => { localStorage.clear(); return true; })()`)
				open(ctx, t, desktopW, desktopH, base+p.path)
				if dark := eval[bool](ctx, t, `matchMedia("(prefers-color-scheme: dark)").matches && !document.documentElement.hasAttribute("data-theme")`); !dark {
					t.Fatal("the page does not see a dark system with nothing picked")
				}
				checkAxe(t, "/"+p.path+" dark (system)", runAxe(ctx, t))
			})
		})
	}
	for _, w := range []int64{desktopW, phoneW} {
		t.Run(fmt.Sprintf("search-%d", w), func(t *testing.T) {
			ctx := browser.Start(t)
			base := browser.Serve(t, site)
			open(ctx, t, w, desktopH, base+"roles/senior-software-engineer/")
			const input = "[role=search] input"
			if !eval[bool](ctx, t, js(`(sel) => { const e = document.querySelector(sel); return !!e && e.getClientRects().length > 0; }`, input)) {
				t.Fatal("no visible search box in the page header")
			}
			browser.Do(ctx, t, chromedp.Click(chromedp.CSS(input)), chromedp.SendKeys(chromedp.CSS(input), "on-call"))
			const results = `(() => { const l = document.querySelector("[role=search] [role=grid]");
				return !!l && l.querySelectorAll("[role=row] a[href]").length > 0 && l.getClientRects().length > 0; })()`
			waitFor(ctx, t, "search results for on-call", results,
				`document.querySelector("[role=search]").outerHTML.slice(0, 2000)`)
			// A result chosen, its copy button active: aria-activedescendant
			// points into the grid.
			browser.Do(ctx, t, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowRight))
			checkNoOverflow(ctx, t, fmt.Sprintf("the open search at %d px", w))
			checkAxe(t, fmt.Sprintf("the open search at %d px, light", w), runAxe(ctx, t))
			viewportShot(ctx, t, artifacts, fmt.Sprintf("handbook-search-%d-light.png", w))
			// The toggle's effect without a click, which would close the results.
			eval[bool](ctx, t, `(() => { document.documentElement.setAttribute("data-theme", "dark"); return true; })()`)
			waitFor(ctx, t, "search results still open", results, `document.activeElement.outerHTML`)
			checkAxe(t, fmt.Sprintf("the open search at %d px, dark", w), runAxe(ctx, t))
			viewportShot(ctx, t, artifacts, fmt.Sprintf("handbook-search-%d-dark.png", w))
		})
	}
	// On a phone the responsibilities of a comparison stack, and stay a
	// table for assistive technology: cells with their headers.
	t.Run(fmt.Sprintf("compare-%d", phoneW), func(t *testing.T) {
		ctx := browser.Start(t)
		open(ctx, t, phoneW, phoneH, browser.Serve(t, site)+"compare/software-engineer-ii-vs-senior-software-engineer/")
		if d := eval[string](ctx, t, `getComputedStyle(document.querySelector(".side-by-side td")).display`); d != "block" {
			t.Errorf("the side-by-side cells at %d px have display %s, want them stacked (block)", phoneW, d)
		}
		for sel, want := range map[string]string{".side-by-side": "table", ".side-by-side td": "cell", ".side-by-side th[scope=row]": "rowheader"} {
			if got := axRole(ctx, t, sel); got != want {
				t.Errorf("%s at %d px has the accessible role %q, want %q", sel, phoneW, got, want)
			}
		}
		checkNoOverflow(ctx, t, fmt.Sprintf("the comparison at %d px", phoneW))
		checkAxe(t, fmt.Sprintf("the comparison at %d px", phoneW), runAxe(ctx, t))
	})
	for _, w := range []int64{narrowW, phoneW} {
		t.Run(fmt.Sprintf("phone-menu-%d", w), func(t *testing.T) {
			ctx := browser.Start(t)
			open(ctx, t, w, phoneH, browser.Serve(t, site)+"roles/senior-software-engineer/")
			browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitVisible(chromedp.CSS("#sidebar .nav-track a")))
			checkAxe(t, fmt.Sprintf("the role page at %d px with the menu open", w), runAxe(ctx, t))
		})
	}
}

// viewportShot saves a PNG of what the window shows (the open search sits
// over the top of the page, which a full-page picture would dwarf).
func viewportShot(ctx context.Context, t *testing.T, dir, name string) {
	t.Helper()
	png := browser.Run(ctx, t, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// axRole returns the role Chromium's accessibility tree gives the first
// element matching sel.
func axRole(ctx context.Context, t *testing.T, sel string) string {
	t.Helper()
	obj, err := chromedp.Call(ctx, cdpruntime.Evaluate, cdpruntime.EvaluateParams{Expression: js(`(sel) => document.querySelector(sel)`, sel)})
	if err != nil || obj.Result == nil || obj.Result.ObjectID == "" {
		t.Fatalf("no element %s: %v", sel, err)
	}
	no := false
	tree, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: obj.Result.ObjectID, FetchRelatives: &no})
	if err != nil {
		t.Fatalf("the accessibility node of %s: %v", sel, err)
	}
	if len(tree.Nodes) == 0 || tree.Nodes[0].Role == nil {
		return ""
	}
	var role string
	if err := json.Unmarshal(tree.Nodes[0].Role.Value, &role); err != nil {
		t.Fatalf("the role of %s: %v", sel, err)
	}
	return role
}
