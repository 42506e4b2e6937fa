package browser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/internal/browser"
)

// gfmPage is a page written for GitHub: its five alerts and a screenshot
// far wider than a phone (an SVG 2,400 px wide, served from content/).
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

## A wide screenshot

![The whole promotion board, as a screenshot](board.svg)

> An ordinary quote stays a quote.
`
	},
	"content/guides/board.svg": func(string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="400" viewBox="0 0 2400 400"><rect width="2400" height="400" fill="#d8dee4"/></svg>`
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

type imageState struct {
	Natural   float64 `json:"natural"`
	Width     float64 `json:"width"`
	Height    float64 `json:"height"`
	Container float64 `json:"container"`
}

const calloutsJS = `[...document.querySelectorAll(".prose .callout")].map((c) => {
	const title = c.querySelector(".callout-title"), before = getComputedStyle(title, "::before");
	return {role: c.getAttribute("role") || "", label: c.getAttribute("aria-label") || "", title: title.textContent,
		icon: before.maskImage || before.webkitMaskImage || "", border: getComputedStyle(c).borderLeftColor,
		marker: c.textContent.includes("[!")};
})`

const imageJS = `(() => { const i = document.querySelector(".prose img"), r = i.getBoundingClientRect();
	return {natural: i.naturalWidth, width: r.width, height: r.height, container: i.closest(".prose").clientWidth}; })()`

// GitHub alerts render as callouts (a note with its title and a CSS icon,
// not a quote with the marker), and pass axe's WCAG 2.1 AA rules (colour
// contrast included) in both themes; a screenshot wider than the screen
// shrinks to its column, keeping its proportions, and the page does not
// scroll sideways at 375 px or 1280 px.
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
				img := eval[imageState](ctx, t, imageJS)
				if img.Natural <= float64(w) {
					t.Fatalf("the image is %v px wide: not wider than the %d px screen, it tests nothing", img.Natural, w)
				}
				if img.Width > img.Container+0.5 {
					t.Errorf("the image is %.1f px wide in a column of %.1f px", img.Width, img.Container)
				}
				if ratio := img.Width / img.Height; ratio < 5.9 || ratio > 6.1 {
					t.Errorf("the image shows at %.1f × %.1f px: its proportions (6:1) are lost", img.Width, img.Height)
				}
				checkNoOverflow(ctx, t, fmt.Sprintf("the page at %d px, %s", w, theme))
				checkAxe(t, fmt.Sprintf("the page at %d px, %s", w, theme), runAxe(ctx, t))
			})
		}
	}
}
