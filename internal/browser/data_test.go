package browser_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/internal/browser"
)

// frameworkPages are the pages of generator/testdata/sites/framework.txtar
// that keep their criteria in front matter and show them with the data
// layout, added to the browser tests' site.
func frameworkPages(t *testing.T) map[string]func(string) string {
	t.Helper()
	a, err := txtar.ParseFile("../../generator/testdata/sites/framework.txtar")
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]func(string) string{}
	for _, f := range a.Files {
		switch f.Name {
		case "content/framework/engineering-manager.md", "content/framework/data-scientist.md":
			data := string(f.Data)
			pages["content/guides/"+f.Name[len("content/framework/"):]] = func(string) string { return data }
		}
	}
	if len(pages) != 2 {
		t.Fatalf("found %d framework pages in the fixture, want 2", len(pages))
	}
	return pages
}

// TestDataLayout: a page of the data layout shows its criteria as lists
// under headings and its table of levels, fits a phone without scrolling
// sideways, passes axe's WCAG 2.1 A and AA rules in both themes, and a
// link to one criterion lands on it, highlighted.
func TestDataLayout(t *testing.T) {
	site := buildSiteEdited(t, "", frameworkPages(t))
	axeSource(t)
	base := browser.Serve(t, site)
	for _, w := range []int64{phoneW, desktopW} {
		for _, theme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d-%s", w, theme), func(t *testing.T) {
				ctx := browser.Start(t)
				for _, page := range []string{"guides/engineering-manager/", "guides/data-scientist/"} {
					open(ctx, t, w, phoneH, base+page)
					// The toggle's choice is kept from page to page.
					if theme == "dark" && eval[string](ctx, t, `document.documentElement.getAttribute("data-theme") || "light"`) != "dark" {
						browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".theme-toggle")))
					}
					if got := eval[string](ctx, t, `document.documentElement.getAttribute("data-theme") || "light"`); got != theme {
						t.Fatalf("data-theme = %q, want %s", got, theme)
					}
					checkNoOverflow(ctx, t, fmt.Sprintf("%s at %d px, %s", page, w, theme))
					checkAxe(t, fmt.Sprintf("%s at %d px, %s", page, w, theme), runAxe(ctx, t))
				}
			})
		}
	}

	ctx := browser.Start(t)
	open(ctx, t, phoneW, phoneH, base+"guides/engineering-manager/#levels-em1-criteria-people-2")
	if n := eval[int](ctx, t, `document.querySelectorAll(".data li[id]").length`); n != 7 {
		t.Errorf("%d criteria shown, want the page's 7", n)
	}
	type target struct {
		ID      string  `json:"id"`
		Text    string  `json:"text"`
		Top     float64 `json:"top"`
		Visible bool    `json:"visible"`
	}
	got := eval[target](ctx, t, `(() => { const e = document.querySelector(":target"), r = e.getBoundingClientRect();
		return {id: e.id, text: e.firstChild.textContent.trim(), top: r.top, visible: r.top >= 0 && r.bottom <= innerHeight}; })()`)
	want := "Writes a growth plan with each report and revisits it every quarter."
	if got.ID != "levels-em1-criteria-people-2" || got.Text != want || !got.Visible {
		t.Errorf("the deep link's target = %+v, want #levels-em1-criteria-people-2 %q in view", got, want)
	}
	open(ctx, t, phoneW, phoneH, base+"guides/data-scientist/")
	if rows := eval[int](ctx, t, `document.querySelectorAll(".data table tbody tr[id]").length`); rows != 2 {
		t.Errorf("the table of levels has %d rows with anchors, want 2", rows)
	}
}
