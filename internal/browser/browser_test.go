package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/internal/browser"
)

// waitTimeout bounds one wait for the page to reach a state. Every wait
// polls on animation frames, so a passing run never waits this long.
const waitTimeout = 10 * time.Second

const (
	desktopW, desktopH = 1280, 800
	phoneW, phoneH     = 375, 812
)

// buildSite builds testdata/site.txtar and returns the output folder.
func buildSite(t *testing.T) string {
	t.Helper()
	return buildSiteAt(t, "")
}

// buildSiteAt builds testdata/site.txtar for the base URL baseURL (the
// fixture's own when empty) and returns the output folder.
func buildSiteAt(t *testing.T, baseURL string) string {
	t.Helper()
	return buildSiteEdited(t, baseURL, nil)
}

// buildSiteEdited builds testdata/site.txtar as buildSiteAt does, after
// edit has changed its files: edit gets each file's name and text and
// returns the new text; files it names that the archive lacks are added
// (with "" as their old text).
func buildSiteEdited(t *testing.T, baseURL string, edit map[string]func(old string) string) string {
	t.Helper()
	a, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range a.Files {
		files[f.Name] = string(f.Data)
	}
	for name, fn := range edit {
		files[name] = fn(files[name])
	}
	src := t.TempDir()
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Open(t.Context(), src, generator.Options{Destination: dest, BaseURL: baseURL}).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	return dest
}

// js returns a call of the JavaScript function fn with args as JSON.
func js(fn string, args ...any) string {
	var b strings.Builder
	b.WriteString("(" + fn + ")(")
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		j, err := json.Marshal(a)
		if err != nil {
			panic(err)
		}
		b.Write(j)
	}
	b.WriteString(")")
	return b.String()
}

// waitFor polls the JavaScript condition on every animation frame until it
// is true. On timeout it fails the test with the JSON that state reports.
func waitFor(ctx context.Context, t *testing.T, what, cond, state string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(waitTimeout)))
	if err == nil {
		return
	}
	got, serr := chromedp.Run(ctx, chromedp.Evaluate[[]byte](state))
	if serr != nil {
		got = []byte(serr.Error())
	}
	t.Fatalf("waiting for %s: %v\npage state: %s", what, err, got)
}

// open sizes the viewport and loads url, waiting for the load event (the
// theme's deferred script has run by then).
func open(ctx context.Context, t *testing.T, w, h int64, url string) {
	t.Helper()
	browser.Do(ctx, t, chromedp.EmulateViewport(w, h), chromedp.Navigate(url))
}

// headingState is what the tests read about a heading.
type headingState struct {
	Top            float64 `json:"top"`
	ViewHeight     float64 `json:"viewHeight"`
	ScrollY        float64 `json:"scrollY"`
	Classes        string  `json:"classes"`
	Target         bool    `json:"target"` // matches :target
	Background     string  `json:"background"`
	PageBackground string  `json:"pageBackground"`
	Transitions    int     `json:"transitions"` // running CSS transitions
}

const headingJS = `(id) => {
	const h = document.getElementById(id);
	if (!h) return null;
	return {
		top: h.getBoundingClientRect().top, viewHeight: innerHeight, scrollY: scrollY,
		classes: h.className, target: h.matches(":target"),
		background: getComputedStyle(h).backgroundColor,
		pageBackground: getComputedStyle(document.body).backgroundColor,
		transitions: h.getAnimations().length,
	};
}`

func heading(ctx context.Context, t *testing.T, id string) headingState {
	t.Helper()
	return browser.Run(ctx, t, chromedp.Evaluate[headingState](js(headingJS, id)))
}

const transparent = "rgba(0, 0, 0, 0)"

// checkDeepLink asserts that the page landed on the heading id: scrolled into
// the viewport, highlighted by the theme's script, and marked by the :target
// rule of the stylesheet.
func checkDeepLink(ctx context.Context, t *testing.T, id string) {
	t.Helper()
	// The highlight fades in with a CSS transition: wait until it is over,
	// so the colour read below is the final one.
	waitFor(ctx, t, "#"+id+" highlighted in view", js(`(id) => {
		const h = document.getElementById(id);
		if (!h) return false;
		const top = h.getBoundingClientRect().top;
		return h.classList.contains("is-target") && top > -1 && top < innerHeight && h.getAnimations().length === 0;
	}`, id), js(headingJS, id))

	h := heading(ctx, t, id)
	if h.Top <= -1 || h.Top >= h.ViewHeight {
		t.Errorf("#%s: top %.0f is outside the viewport (0..%.0f)", id, h.Top, h.ViewHeight)
	}
	if h.ScrollY <= 0 {
		t.Errorf("#%s: the page did not scroll (scrollY %.0f); the fixture must be long enough", id, h.ScrollY)
	}
	if !h.Target {
		t.Errorf("#%s does not match :target", id)
	}
	if h.Background == transparent || h.Background == h.PageBackground {
		t.Errorf("#%s: highlight background %s, page background %s: want a visible difference", id, h.Background, h.PageBackground)
	}

	// Without the script's class the :target rule alone must still mark it.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](js(`(id) => document.getElementById(id).classList.remove("is-target")`, id)))
	if got := heading(ctx, t, id); got.Background != h.Background || got.Transitions != 0 {
		t.Errorf("#%s with :target only: background %s (%d transitions), want %s", id, got.Background, got.Transitions, h.Background)
	}
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](js(`(id) => document.getElementById(id).classList.add("is-target")`, id)))

	// And a heading that is not the target stays unmarked.
	if other := heading(ctx, t, "role-summary"); other.Background != transparent {
		t.Errorf("#role-summary is not the target but has background %s", other.Background)
	}
}

// (a) A deep link lands on its heading, in view and highlighted.
func TestDeepLink(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)

	open(ctx, t, desktopW, desktopH, base+"roles/senior/#career-path")
	checkDeepLink(ctx, t, "career-path")
}

// A deep link to one list item (a responsibility, a decision right) lands
// on that item, and an old anchor kept by anchor_aliases lands on the item
// it now names.
func TestDeepLinkItem(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)

	for _, id := range []string{"operational-on-call", "review-interfaces"} {
		open(ctx, t, desktopW, desktopH, base+"roles/senior/#"+id)
		checkDeepLink(ctx, t, id)
		if tag := browser.Run(ctx, t, chromedp.Evaluate[string](js(`(id) => document.getElementById(id).tagName`, id))); tag != "LI" {
			t.Errorf("#%s is a %s, want the list item itself", id, tag)
		}
	}

	open(ctx, t, desktopW, desktopH, base+"roles/senior/#old-on-call")
	waitFor(ctx, t, "old anchor mapped to #operational-on-call", js(`(id) => {
		const h = document.getElementById(id);
		if (!h) return false;
		const top = h.getBoundingClientRect().top;
		return location.hash === "#" + id && h.classList.contains("is-target") && top > -1 && top < innerHeight;
	}`, "operational-on-call"), js(headingJS, "operational-on-call"))
}

// (b) The permalink control shows on hover and keyboard focus, and a click
// copies the absolute URL of its heading.
func TestPermalink(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	open(ctx, t, desktopW, desktopH, base+"roles/senior/")

	const link = "#career-path > a.permalink"
	state := js(`(sel) => {
		const a = document.querySelector(sel);
		return a && {opacity: getComputedStyle(a).opacity, focused: document.activeElement === a,
			hovered: a.parentElement.matches(":hover"), label: a.getAttribute("aria-label")};
	}`, link)
	opacityIs := func(want string) string {
		return js(`(sel, want) => getComputedStyle(document.querySelector(sel)).opacity === want`, link, want)
	}

	type permalinkState struct {
		Opacity string `json:"opacity"`
		Label   string `json:"label"`
	}
	st := browser.Run(ctx, t, chromedp.Evaluate[permalinkState](state))
	if st.Opacity != "0" {
		t.Errorf("permalink opacity before hover or focus = %q, want 0", st.Opacity)
	}
	if want := "Permalink to Career path"; st.Label != want {
		t.Errorf("permalink aria-label = %q, want %q", st.Label, want)
	}

	// Hovering the heading shows it; leaving hides it again.
	browser.Do(ctx, t, chromedp.ScrollIntoView(chromedp.CSS("#career-path")))
	box := browser.Run(ctx, t, chromedp.Evaluate[struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	}](`(() => { const r = document.getElementById("career-path").getBoundingClientRect();
		return {x: r.left + 20, y: r.top + r.height / 2}; })()`))
	browser.Do(ctx, t, chromedp.MouseEvent(chromedp.MouseMoved, box.X, box.Y))
	waitFor(ctx, t, "permalink shown on hover", opacityIs("1"), state)
	browser.Do(ctx, t, chromedp.MouseEvent(chromedp.MouseMoved, 1, 1))
	waitFor(ctx, t, "permalink hidden after the pointer left", opacityIs("0"), state)

	// Keyboard focus shows it.
	browser.Do(ctx, t, chromedp.Focus(chromedp.CSS(link)))
	waitFor(ctx, t, "permalink shown on focus",
		js(`(sel) => { const a = document.querySelector(sel);
			return document.activeElement === a && getComputedStyle(a).opacity === "1"; }`, link), state)

	// A click copies the absolute URL. The real clipboard of a headless
	// browser depends on permissions and window focus; what is under test is
	// the page's logic, so record what it writes.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`(() => {
		window.__copied = [];
		Object.defineProperty(navigator, "clipboard", {configurable: true, value: {
			writeText: (s) => { window.__copied.push(s); return Promise.resolve(); },
		}});
	})()`))
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(link)))
	after := `(() => ({copied: window.__copied, href: location.href,
		copiedClass: document.querySelector("#career-path > a.permalink").classList.contains("copied"),
		highlighted: document.getElementById("career-path").classList.contains("is-target"),
		announced: [...document.querySelectorAll("[aria-live]")].map((e) => e.textContent).join("|")}))()`
	// Wait on the announcement, not on the "copied" class, which the
	// script takes away again after 1.5 s.
	waitFor(ctx, t, "the click to copy the link",
		`window.__copied.length > 0 && [...document.querySelectorAll("[aria-live]")].some((e) => e.textContent === "Link copied")`, after)
	got := browser.Run(ctx, t, chromedp.Evaluate[struct {
		Copied      []string `json:"copied"`
		Href        string   `json:"href"`
		Highlighted bool     `json:"highlighted"`
		Announced   string   `json:"announced"`
	}](after))
	want := base + "roles/senior/#career-path"
	if len(got.Copied) != 1 || got.Copied[0] != want {
		t.Errorf("copied %q, want [%q]", got.Copied, want)
	}
	if got.Href != want {
		t.Errorf("address bar after the click = %q, want %q", got.Href, want)
	}
	if !got.Highlighted {
		t.Error("the clicked heading is not highlighted")
	}
	if !strings.Contains(got.Announced, "Link copied") {
		t.Errorf("live region says %q, want it to announce %q", got.Announced, "Link copied")
	}
}

// (c) The site works under a sub-path: styles and scripts load, deep links
// land, and links between pages resolve.
func TestSubPath(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.ServeAt(t, site, "/handbook/")

	open(ctx, t, desktopW, desktopH, base+"roles/senior/#career-path")
	checkDeepLink(ctx, t, "career-path")

	type assetState struct {
		Font      string     `json:"font"`
		Scripted  bool       `json:"scripted"`
		Resources [][]string `json:"resources"` // [url, HTTP status]
		Outside   int        `json:"outside"`   // status of the same page outside the sub-path
	}
	assets := browser.Run(ctx, t, chromedp.Evaluate[assetState](`(async () => ({
		font: getComputedStyle(document.body).fontFamily,
		scripted: document.documentElement.classList.contains("js"),
		// The browser's own favicon.ico probe at the host root is no request
		// of the page ("other"): leave it out.
		resources: performance.getEntriesByType("resource").filter((e) => e.initiatorType !== "other")
			.map((e) => [e.name, String(e.responseStatus)]),
		outside: (await fetch("/roles/senior/", {cache: "no-store"})).status,
	}))()`, chromedp.EvalAwaitPromise))
	// The browser's default is a serif face; the theme asks for system-ui.
	if !strings.HasPrefix(assets.Font, "system-ui") {
		t.Errorf("body font-family = %q: handbook.css did not load under the sub-path", assets.Font)
	}
	if !assets.Scripted {
		t.Error("handbook.js did not run under the sub-path")
	}
	loaded := map[string]bool{}
	for _, r := range assets.Resources {
		if r[1] != "200" {
			t.Errorf("%s: status %s", r[0], r[1])
		}
		if strings.HasPrefix(r[0], base) {
			loaded[path.Base(r[0])] = true
		}
	}
	for _, f := range []string{"handbook.css", "handbook.js"} {
		if !loaded[f] {
			t.Errorf("%s was not fetched from under %s; resources: %q", f, base, assets.Resources)
		}
	}
	if assets.Outside != 404 {
		t.Errorf("the server answers %d outside the sub-path, want 404 (else a link that escapes it would pass)", assets.Outside)
	}

	// The sidebar leads to the guide...
	follow(ctx, t, `#sidebar a[href$="guides/jump-to-senior/"]`)
	if got, want := browser.Run(ctx, t, chromedp.Location()), base+"guides/jump-to-senior/"; got != want {
		t.Errorf("after the sidebar link: at %s, want %s", got, want)
	}
	if got, want := browser.Run(ctx, t, chromedp.Text(chromedp.CSS("h1"))), "Jump to senior"; got != want {
		t.Errorf("guide h1 = %q, want %q", got, want)
	}
	// ...and the guide's [[senior#career-path]] leads back into the role.
	follow(ctx, t, `.prose a[href$="roles/senior/#career-path"]`)
	if got, want := browser.Run(ctx, t, chromedp.Location()), base+"roles/senior/#career-path"; got != want {
		t.Errorf("after the cross-link: at %s, want %s", got, want)
	}
	if got, want := browser.Run(ctx, t, chromedp.Text(chromedp.CSS("h1"))), "Senior Engineer"; got != want {
		t.Errorf("role h1 = %q, want %q", got, want)
	}
	checkDeepLink(ctx, t, "career-path")
}

// follow clicks the link and waits for the page it leads to to load.
func follow(ctx context.Context, t *testing.T, sel string) {
	t.Helper()
	browser.Run(ctx, t, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
}

// (d) The table of contents marks the section in view.
func TestTOCActive(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	open(ctx, t, desktopW, desktopH, base+"roles/senior/")

	state := `[...document.querySelectorAll(".toc a")].map((a) => a.hash + (a.classList.contains("active") ? " active" : "") + (a.getAttribute("aria-current") ? " " + a.getAttribute("aria-current") : ""))`
	// Down the page and back up.
	for _, id := range []string{"key-deliverables", "career-path", "day-to-day"} {
		browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](js(`(id) => document.getElementById(id).scrollIntoView({block: "start"})`, id)))
		waitFor(ctx, t, "the TOC to mark #"+id, js(`(id) => {
			const active = document.querySelectorAll(".toc a.active");
			return active.length === 1 && active[0].hash === "#" + id && active[0].getAttribute("aria-current") === "location";
		}`, id), state)
	}
}

// (e) Every page fits 375 px and 1280 px without horizontal scrolling, and
// the menu button opens the sidebar on a phone. Screenshots of every page at
// both widths go to testdata/artifacts/ at the module root.
func TestLayout(t *testing.T) {
	site := buildSite(t)
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)
	pages := sitePages(t, site)

	const overflow = `(() => ({scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
		wide: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
			.slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""))}))()`
	type overflowState struct {
		ScrollWidth int      `json:"scrollWidth"`
		ClientWidth int      `json:"clientWidth"`
		Wide        []string `json:"wide"`
	}
	for _, size := range [][2]int64{{phoneW, phoneH}, {desktopW, desktopH}} {
		for _, p := range pages {
			open(ctx, t, size[0], size[1], base+p)
			o := browser.Run(ctx, t, chromedp.Evaluate[overflowState](overflow))
			if o.ScrollWidth > o.ClientWidth {
				t.Errorf("/%s at %d px scrolls sideways: scrollWidth %d > clientWidth %d; too wide: %q",
					p, size[0], o.ScrollWidth, o.ClientWidth, o.Wide)
			}
			screenshot(ctx, t, artifacts, fmt.Sprintf("%s-%d.png", pageName(p), size[0]))
		}
	}

	// The menu: hidden sidebar and a button on a phone...
	const menu = `(() => ({toggle: getComputedStyle(document.querySelector(".nav-toggle")).display,
		sidebar: getComputedStyle(document.getElementById("sidebar")).display,
		expanded: document.querySelector(".nav-toggle").getAttribute("aria-expanded")}))()`
	type menuState struct {
		Toggle   string `json:"toggle"`
		Sidebar  string `json:"sidebar"`
		Expanded string `json:"expanded"`
	}
	open(ctx, t, phoneW, phoneH, base+"roles/senior/")
	if m := browser.Run(ctx, t, chromedp.Evaluate[menuState](menu)); m.Toggle == "none" || m.Sidebar != "none" || m.Expanded != "false" {
		t.Errorf("at %d px before the menu is opened: %+v, want the toggle shown and the sidebar hidden", phoneW, m)
	}
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitVisible(chromedp.CSS("#sidebar a")))
	if m := browser.Run(ctx, t, chromedp.Evaluate[menuState](menu)); m.Sidebar == "none" || m.Expanded != "true" {
		t.Errorf("at %d px after a click on the menu button: %+v, want the sidebar shown and aria-expanded true", phoneW, m)
	}
	if o := browser.Run(ctx, t, chromedp.Evaluate[overflowState](overflow)); o.ScrollWidth > o.ClientWidth {
		t.Errorf("the open menu at %d px scrolls sideways: %+v", phoneW, o)
	}
	screenshot(ctx, t, artifacts, fmt.Sprintf("roles-senior-%d-menu.png", phoneW))
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitNotVisible(chromedp.CSS("#sidebar")))

	// ...and a visible sidebar with no button on a desktop.
	open(ctx, t, desktopW, desktopH, base+"roles/senior/")
	if m := browser.Run(ctx, t, chromedp.Evaluate[menuState](menu)); m.Toggle != "none" || m.Sidebar == "none" {
		t.Errorf("at %d px: %+v, want the sidebar shown and no menu button", desktopW, m)
	}
}

// sitePages lists the site's HTML pages as URL paths relative to the root
// ("", "roles/senior/", "404.html").
func sitePages(t *testing.T, site string) []string {
	t.Helper()
	var pages []string
	err := fs.WalkDir(os.DirFS(site), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p == "404.html":
			pages = append(pages, p)
		case path.Base(p) == "index.html":
			if dir := path.Dir(p); dir != "." {
				pages = append(pages, dir+"/")
			} else {
				pages = append(pages, "")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 5 {
		t.Fatalf("the fixture built only %d pages: %q", len(pages), pages)
	}
	return pages
}

// pageName turns a page path into a file name: "roles/senior/" -> "roles-senior".
func pageName(p string) string {
	p = strings.TrimSuffix(strings.TrimSuffix(p, "/"), ".html")
	if p == "" {
		return "home"
	}
	return strings.ReplaceAll(p, "/", "-")
}

// artifactsDir returns testdata/artifacts at the module root (git-ignored),
// creating it.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(moduleRoot(t), "testdata", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves a PNG of the whole page for people to look at.
func screenshot(ctx context.Context, t *testing.T, dir, name string) {
	t.Helper()
	png := browser.Run(ctx, t, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
