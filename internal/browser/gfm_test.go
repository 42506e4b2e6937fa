package browser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/internal/browser"
)

// gfmPage is a page written for GitHub, with its five alerts.
var gfmPage = map[string]func(string) string{
	"content/guides/github.md": func(string) string {
		return `---
title: Written for GitHub
---
## Callouts

> [!NOTE]
> Levels are reviewed twice a year, with a [guide](jump-to-senior.md).

> [!TIP]
> Start the packet a month early.

> [!IMPORTANT]
> Only the committee decides.

> [!WARNING]
> A missed deadline moves the case to the next round.

> [!CAUTION]
> Never share a packet outside the committee.

> An ordinary quote stays a quote.
`
	},
}

type calloutState struct {
	Role   string `json:"role"`
	Label  string `json:"label"`
	Title  string `json:"title"`
	Icon   string `json:"icon"`   // the title's ::before mask
	Border string `json:"border"` // the left border's colour
	Marker bool   `json:"marker"` // the "[!TYPE]" text is on the page
}

const calloutsJS = `[...document.querySelectorAll(".prose .callout")].map((c) => {
	const title = c.querySelector(".callout-title"), before = getComputedStyle(title, "::before");
	return {role: c.getAttribute("role") || "", label: c.getAttribute("aria-label") || "", title: title.textContent,
		icon: before.maskImage || before.webkitMaskImage || "", border: getComputedStyle(c).borderLeftColor,
		marker: c.textContent.includes("[!")};
})`

// GitHub alerts render as callouts (a note with its title and a CSS icon,
// not a quote with the marker), and pass axe's WCAG 2.1 AA rules (colour
// contrast included) in both themes, at 375 px and 1280 px.
func TestGitHubMarkdown(t *testing.T) {
	site := buildSiteEdited(t, "", gfmPage)
	axeSource(t)
	want := []string{"Note", "Tip", "Important", "Warning", "Caution"}
	for _, w := range []int64{phoneW, desktopW} {
		for _, theme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d-%s", w, theme), func(t *testing.T) {
				ctx := browser.Start(t)
				open(ctx, t, w, phoneH, browser.Serve(t, site)+"guides/github/")
				if theme == "dark" {
					browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".theme-toggle")))
					if got := eval[string](ctx, t, `document.documentElement.getAttribute("data-theme")`); got != "dark" {
						t.Fatalf("data-theme = %q after the toggle, want dark", got)
					}
				}
				cs := eval[[]calloutState](ctx, t, calloutsJS)
				if len(cs) != len(want) {
					t.Fatalf("%d callouts, want %d: %+v", len(cs), len(want), cs)
				}
				borders := map[string]bool{}
				for i, c := range cs {
					if c.Role != "note" || c.Label != want[i] || c.Title != want[i] || c.Marker {
						t.Errorf("callout %d = %+v, want role note, label and title %q, no marker text", i, c, want[i])
					}
					if !strings.Contains(c.Icon, "data:image/svg+xml") {
						t.Errorf("callout %s has no icon: mask %q", want[i], c.Icon)
					}
					borders[c.Border] = true
				}
				if len(borders) != len(want) {
					t.Errorf("the five callouts have %d border colours, want one each: %v", len(borders), borders)
				}
				if n := eval[int](ctx, t, `document.querySelectorAll(".prose blockquote").length`); n != 1 {
					t.Errorf("%d quotes on the page, want the one ordinary quote", n)
				}
				checkAxe(t, fmt.Sprintf("the page at %d px, %s", w, theme), runAxe(ctx, t))
			})
		}
	}
}
