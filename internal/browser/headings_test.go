package browser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/internal/browser"
)

// A click on the copy-link control of a heading the layouts add copies
// the page's address with the heading's id, puts it in the address bar and
// announces it.
func TestHeadingCopyLink(t *testing.T) {
	site := buildHandbook(t, "")
	base := browser.Serve(t, site)
	ctx := browser.Start(t)
	tests := []struct{ path, id string }{
		{"", "ladder"},
		{"", "track-management"},
		{"", "sec-guides"}, // a heading that is a link itself
		{"roles/senior-software-engineer/", "assess_title"},
		{"roles/senior-software-engineer/", "backlinks"},
		{"print/individual-contributor/", "senior-software-engineer--decision-rights-alone"},
		{"changes/", ""}, // the first month, whichever it is
	}
	for _, tt := range tests {
		open(ctx, t, desktopW, desktopH, base+tt.path)
		id := tt.id
		if id == "" {
			id = eval[string](ctx, t, `(document.querySelector(".changes-month h2") || {}).id || ""`)
		}
		sel := fmt.Sprintf(`[id=%q] > a.permalink`, id)
		eval[bool](ctx, t, `(() => {
			window.__copied = [];
			Object.defineProperty(navigator, "clipboard", {configurable: true, value: {
				writeText: (s) => { window.__copied.push(s); return Promise.resolve(); },
			}});
			return true;
		})()`)
		if !eval[bool](ctx, t, js(`(sel) => !!document.querySelector(sel)`, sel)) {
			t.Errorf("/%s: no heading #%s with a copy-link control", tt.path, id)
			continue
		}
		browser.Do(ctx, t, chromedp.ScrollIntoView(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
		after := `(() => ({copied: window.__copied, href: location.href,
			announced: [...document.querySelectorAll("[aria-live]")].map((e) => e.textContent).join("|")}))()`
		waitFor(ctx, t, "the click to copy the link of #"+id,
			`window.__copied.length > 0 && [...document.querySelectorAll("[aria-live]")].some((e) => e.textContent === "Link copied")`, after)
		got := eval[struct {
			Copied []string `json:"copied"`
			Href   string   `json:"href"`
		}](ctx, t, after)
		want := base + tt.path + "#" + id
		if len(got.Copied) != 1 || got.Copied[0] != want || !strings.HasSuffix(got.Copied[0], "#"+id) {
			t.Errorf("/%s: the copy-link control of #%s copied %q, want %q", tt.path, id, got.Copied, want)
		}
		if got.Href != want {
			t.Errorf("/%s: the address bar says %q after the click, want %q", tt.path, got.Href, want)
		}
	}
}
