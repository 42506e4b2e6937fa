package browser_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/internal/browser"
)

// The site's stylesheet, assets/custom.css beside handbook.yaml: linked
// after the theme's, its rules win over the theme's; serve --watch swaps
// it in place when it changes, without reloading the page.
func TestCustomCSS(t *testing.T) {
	dir, url := serveWatchEdited(t, map[string]func(string) string{
		"assets/custom.css": func(string) string { return ".site-title { color: rgb(1, 2, 3); }\n" },
	})
	ctx := browser.Start(t)
	open(ctx, t, desktopW, desktopH, url+"roles/senior/")
	waitFor(ctx, t, "the live-reload script", `!!document.querySelector('script[data-build]')`, "("+serveStateJS+")()")
	const colour = `getComputedStyle(document.querySelector(".site-title")).color`
	if got := eval[string](ctx, t, colour); got != "rgb(1, 2, 3)" {
		t.Errorf("the site title is %s: the theme's rule won over custom.css", got)
	}
	last := eval[string](ctx, t, `[...document.querySelectorAll('link[rel=stylesheet]')].pop().getAttribute("href")`)
	if last != "../../assets/custom.css" {
		t.Errorf("the last stylesheet is %q, want ../../assets/custom.css", last)
	}
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "kept"`))
	write(t, dir, "assets/custom.css", ".site-title { color: rgb(4, 5, 6); }\n")
	waitFor(ctx, t, "the new rule applied", colour+` === "rgb(4, 5, 6)"`, "("+serveStateJS+")()")
	if s := state(ctx, t); s.Marker != "kept" {
		t.Errorf("the page reloaded for a change of custom.css: %+v", s)
	}
}
