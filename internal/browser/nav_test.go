package browser_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/internal/browser"
)

// deepTree adds to the test site a tree five levels deep under
// guides/tree/: at each level two branches (A and B), three levels of
// them, and in each of the eight innermost folders 30 pages, enough to
// make the sidebar taller than a screen.
func deepTree() map[string]func(string) string {
	files := map[string]func(string) string{}
	add := func(name, text string) { files[name] = func(string) string { return text } }
	add("content/guides/tree/_index.md", "---\ntitle: Tree\n---\nA deep tree.\n")
	var walk func(dir, label string, depth int)
	walk = func(dir, label string, depth int) {
		if depth == 3 {
			for i := 1; i <= 30; i++ {
				// Base names are ids: unique ones.
				add(fmt.Sprintf("%s/p-%s-%02d.md", dir, strings.ToLower(strings.ReplaceAll(label, ".", "")), i), fmt.Sprintf("---\ntitle: Page %s %02d\n---\nText of page %02d.\n", label, i, i))
			}
			return
		}
		for _, b := range []string{"a", "b"} {
			l := strings.TrimPrefix(label+"."+strings.ToUpper(b), ".")
			add(dir+"/"+b+"/_index.md", fmt.Sprintf("---\ntitle: Branch %s\n---\nBranch %s.\n", l, l))
			walk(dir+"/"+b, l, depth+1)
		}
	}
	walk("content/guides/tree", "", 0)
	return files
}

// sideState is what the deep navigation test reads of the sidebar.
type sideState struct {
	Current []string `json:"current"` // entries marked aria-current="page"
	Visible bool     `json:"visible"` // the current entry shows inside the sidebar and the screen
	Open    []string `json:"open"`    // unfolded folders, outermost first
	Lazy    []string `json:"lazy"`    // sections still links (no script)
	Focused string   `json:"focused"`
	Display string   `json:"display"` // of the sidebar
}

const sideJS = `(() => {
	const side = document.getElementById("sidebar"), text = (e) => e.textContent.replace(/\s+/g, " ").trim();
	const cur = side.querySelector("[aria-current=page]");
	let visible = false;
	if (cur && cur.offsetParent) {
		const r = cur.getBoundingClientRect(), s = side.getBoundingClientRect();
		visible = r.width > 0 && r.left >= 0 && r.right <= innerWidth + 0.5 && r.top >= Math.max(s.top, 0) - 0.5 &&
			r.bottom <= Math.min(s.bottom, innerHeight) + 0.5;
	}
	return {
		current: [...side.querySelectorAll("[aria-current=page]")].map(text),
		visible,
		open: [...side.querySelectorAll("details[open] > summary")].map(text),
		lazy: [...side.querySelectorAll("li.nav-lazy > a")].map(text),
		focused: document.activeElement ? text(document.activeElement) : "",
		display: getComputedStyle(side).display,
	};
})()`

// folder is the JavaScript for the <details> of the folder titled title.
func folder(title string) string {
	return fmt.Sprintf(`[...document.querySelectorAll("#sidebar summary")].find((s) => s.firstChild.textContent.trim() === %q).parentElement`, title)
}

// The sidebar of a tree five levels deep: on a page at the bottom the
// path is unfolded and the page marked and scrolled into view; a folded
// branch beside the path unfolds and folds again from the keyboard, its
// entries fetched on demand and leading to their pages; without
// JavaScript the path is unfolded and the other branches are links; at
// 360 px the menu shows it all without scrolling sideways.
func TestDeepNavigation(t *testing.T) {
	site := buildSiteEdited(t, "", deepTree())
	ctx := browser.Start(t)
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)
	const deep = "guides/tree/a/b/a/p-aba-30/"
	wantOpen := []string{"Tree (2)", "Branch A (2)", "Branch A.B (2)", "Branch A.B.A (30)"}

	open(ctx, t, desktopW, desktopH, base+deep)
	st := eval[sideState](ctx, t, sideJS)
	if len(st.Current) != 1 || st.Current[0] != "Page A.B.A 30" || !st.Visible {
		t.Errorf("on %s: current %q, visible %v; want [Page A.B.A 30] shown in the sidebar", deep, st.Current, st.Visible)
	}
	if !inOrder(st.Open, wantOpen) || len(st.Open) != len(wantOpen) {
		t.Errorf("on %s: unfolded %q, want exactly %q", deep, st.Open, wantOpen)
	}
	screenshot(ctx, t, artifacts, "deep-nav-1280.png")

	// Keyboard only: Branch B, beside the path, unfolds with Enter...
	focus(ctx, t, folder("Branch B")+`.querySelector("summary")`)
	browser.Do(ctx, t, chromedp.KeyEvent("\r"))
	waitFor(ctx, t, "Branch B to unfold with its two branches", folder("Branch B")+`.open && `+folder("Branch B")+`.querySelectorAll(":scope > ul > li").length === 3`, sideJS)
	// ...Tab reaches its own page, then its first branch, which Space
	// unfolds...
	browser.Do(ctx, t, chromedp.KeyEvent("\t"))
	if st = eval[sideState](ctx, t, sideJS); st.Focused != "Overview" {
		t.Errorf("Tab after Branch B focuses %q, want its Overview", st.Focused)
	}
	browser.Do(ctx, t, chromedp.KeyEvent("\t"))
	if st = eval[sideState](ctx, t, sideJS); st.Focused != "Branch B.A (2)" {
		t.Errorf("the second Tab after Branch B focuses %q, want Branch B.A (2)", st.Focused)
	}
	browser.Do(ctx, t, chromedp.KeyEvent(" "))
	waitFor(ctx, t, "Branch B.A to unfold", folder("Branch B.A")+`.open && `+folder("Branch B.A")+`.querySelectorAll(":scope > ul > li").length === 3`, sideJS)
	// ...and folds again with Enter, hiding what it holds.
	browser.Do(ctx, t, chromedp.KeyEvent("\r"))
	waitFor(ctx, t, "Branch B.A to fold", `!`+folder("Branch B.A")+`.open && !`+folder("Branch B.A")+`.querySelector("ul").checkVisibility()`, sideJS)
	browser.Do(ctx, t, chromedp.KeyEvent(" "))
	waitFor(ctx, t, "Branch B.A to unfold again", folder("Branch B.A")+`.open`, sideJS)
	// Four Tabs: B.A's Overview, B.A.A, its Overview... no: B.A.A is
	// folded, so Tab goes Overview, B.A.A, B.A.B; unfold B.A.B and follow
	// its first page, all from the keyboard.
	for _, want := range []string{"Overview", "Branch B.A.A (30)", "Branch B.A.B (30)"} {
		browser.Do(ctx, t, chromedp.KeyEvent("\t"))
		if st = eval[sideState](ctx, t, sideJS); st.Focused != want {
			t.Fatalf("Tab focuses %q, want %q", st.Focused, want)
		}
	}
	browser.Do(ctx, t, chromedp.KeyEvent("\r"))
	waitFor(ctx, t, "Branch B.A.B to unfold with its pages", folder("Branch B.A.B")+`.querySelectorAll(":scope > ul > li").length === 31`, sideJS)
	browser.Do(ctx, t, chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"))
	if st = eval[sideState](ctx, t, sideJS); st.Focused != "Page B.A.B 01" {
		t.Fatalf("Tab focuses %q, want Page B.A.B 01", st.Focused)
	}
	browser.Run(ctx, t, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("\r")))
	if got := eval[string](ctx, t, `location.pathname`); got != "/guides/tree/b/a/b/p-bab-01/" {
		t.Fatalf("Enter on the link leads to %s", got)
	}
	if h1 := eval[string](ctx, t, `document.querySelector("h1").textContent`); h1 != "Page B.A.B 01" {
		t.Errorf("the link leads to %q, want Page B.A.B 01", h1)
	}
	st = eval[sideState](ctx, t, sideJS)
	if want := []string{"Tree (2)", "Branch B (2)", "Branch B.A (2)", "Branch B.A.B (30)"}; strings.Join(st.Open, "|") != strings.Join(want, "|") {
		t.Errorf("on the page reached: unfolded %q, want %q", st.Open, want)
	}
	// A folder on the path folds too.
	focus(ctx, t, folder("Branch B.A")+`.querySelector("summary")`)
	browser.Do(ctx, t, chromedp.KeyEvent("\r"))
	waitFor(ctx, t, "Branch B.A, on the path, to fold", `!`+folder("Branch B.A")+`.open`, sideJS)

	// A phone: the menu shows the tree, the page marked, nothing wider
	// than the screen, even with a branch unfolded.
	open(ctx, t, narrowW, phoneH, base+deep)
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".nav-toggle")), chromedp.WaitVisible(chromedp.CSS("#sidebar")))
	eval[bool](ctx, t, `(document.querySelector("#sidebar [aria-current=page]").scrollIntoView({block: "center"}), true)`)
	st = eval[sideState](ctx, t, sideJS)
	if st.Display == "none" || len(st.Current) != 1 || !st.Visible {
		t.Errorf("at %d px with the menu open: %+v, want the sidebar shown and the current page visible", narrowW, st)
	}
	focus(ctx, t, folder("Branch B")+`.querySelector("summary")`)
	browser.Do(ctx, t, chromedp.KeyEvent("\r"))
	waitFor(ctx, t, "Branch B to unfold at 360 px", folder("Branch B")+`.querySelectorAll(":scope > ul > li").length === 3`, sideJS)
	checkNoOverflow(ctx, t, fmt.Sprintf("the deep sidebar at %d px", narrowW))
	screenshot(ctx, t, artifacts, fmt.Sprintf("deep-nav-%d.png", narrowW))

	// Without JavaScript: the path unfolded, the page marked, the
	// branches beside it links to their pages.
	disableScript(ctx, t)
	open(ctx, t, desktopW, desktopH, base+deep)
	st = eval[sideState](ctx, t, sideJS)
	if strings.Join(st.Open, "|") != strings.Join(wantOpen, "|") || len(st.Current) != 1 {
		t.Errorf("without JavaScript: unfolded %q, current %q; want %q and the page", st.Open, st.Current, wantOpen)
	}
	for _, want := range []string{"Branch B", "Branch A.A", "Branch A.B.B"} {
		if !contains(st.Lazy, want) {
			t.Errorf("without JavaScript the folded branches are %q: want %q among them, as a link", st.Lazy, want)
		}
	}
}

// focus moves the keyboard focus to the element the JavaScript expr
// gives, as a reader's Tabs would, to start from there.
func focus(ctx context.Context, t *testing.T, expr string) {
	t.Helper()
	if !eval[bool](ctx, t, "(() => { const e = "+expr+"; e.focus(); return document.activeElement === e; })()") {
		t.Fatalf("cannot focus %s", expr)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
