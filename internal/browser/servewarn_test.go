package browser_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/internal/browser"
)

// warnState is what the warnings test reads of the page.
type warnState struct {
	Panel    bool    `json:"panel"`    // the warnings panel is shown
	PanelH   float64 `json:"panelH"`   // its height
	Badge    string  `json:"badge"`    // the badge's text, "" without one
	BadgeW   float64 `json:"badgeW"`   // its size
	BadgeH   float64 `json:"badgeH"`   //
	Expanded string  `json:"expanded"` // the badge's aria-expanded
	Focused  string  `json:"focused"`  // id or text of the focused element
}

const warnJS = `(() => {
	const p = document.querySelector("#handbook-serve-overlay[data-kind=warning]"), b = document.getElementById("handbook-serve-badge");
	const a = document.activeElement;
	return {
		panel: !!p, panelH: p ? p.getBoundingClientRect().height : 0,
		badge: b ? b.textContent : "", badgeW: b ? b.getBoundingClientRect().width : 0, badgeH: b ? b.getBoundingClientRect().height : 0,
		expanded: b ? b.getAttribute("aria-expanded") : "",
		focused: a ? (a.id || a.textContent.trim()) : "",
	};
})()`

// Warnings in serve --watch: shown in full the first time, then as a
// small badge with their count, on this page and the next; the badge
// unfolds them from the keyboard, and the reader's choice lasts across
// reloads until they fold them again.
func TestServeWarningsBadge(t *testing.T) {
	_, url := serveWatchEdited(t, map[string]func(string) string{
		"handbook.yaml": func(old string) string { return old + "links:\n  on_broken: warn\n" },
		"content/guides/broken.md": func(string) string {
			return "---\ntitle: Broken\n---\nA link to [nowhere](missing.md).\n"
		},
	})
	ctx := browser.Start(t)
	st := func() warnState { t.Helper(); return eval[warnState](ctx, t, warnJS) }
	load := func(path string) {
		t.Helper()
		open(ctx, t, desktopW, desktopH, url+path)
		waitFor(ctx, t, "the warnings to show", `!!document.querySelector("#handbook-serve-overlay[data-kind=warning], #handbook-serve-badge")`, warnJS)
	}

	load("guides/jump-to-senior/")
	if s := st(); !s.Panel || s.Badge != "" {
		t.Fatalf("the first show: %+v, want the panel and no badge", s)
	}
	// The next page: the badge only, small, with the count.
	load("roles/senior/")
	s := st()
	if s.Panel || s.Badge != "\u26a0 1 warning" || s.Expanded != "false" {
		t.Fatalf("the second page: %+v, want the badge \"\u26a0 1 warning\" folded and no panel", s)
	}
	if s.BadgeW > 200 || s.BadgeH > 48 {
		t.Errorf("the badge is %.0f × %.0f px: want a small one", s.BadgeW, s.BadgeH)
	}
	// Keyboard: the badge takes focus and Enter unfolds the panel, whose
	// Hide button then has the focus.
	focus(ctx, t, `document.getElementById("handbook-serve-badge")`)
	browser.Do(ctx, t, chromedp.KeyEvent("\r"))
	waitFor(ctx, t, "the panel to unfold", `!!document.querySelector("#handbook-serve-overlay[data-kind=warning]")`, warnJS)
	if s = st(); s.Badge != "" || s.Focused != "Hide" {
		t.Errorf("after Enter on the badge: %+v, want the panel alone with its Hide button focused", s)
	}
	// Unfolded it stays, across a reload...
	load("roles/senior/")
	if s = st(); !s.Panel || s.Badge != "" {
		t.Errorf("after a reload with the panel unfolded: %+v, want it unfolded still", s)
	}
	// ...until Space on Hide folds it into the badge, focused, for good.
	focus(ctx, t, `document.querySelector("#handbook-serve-overlay button")`)
	browser.Do(ctx, t, chromedp.KeyEvent(" "))
	waitFor(ctx, t, "the badge", `!!document.getElementById("handbook-serve-badge")`, warnJS)
	if s = st(); s.Panel || s.Focused != "handbook-serve-badge" {
		t.Errorf("after Hide: %+v, want the badge alone, focused", s)
	}
	load("guides/jump-to-senior/")
	if s = st(); s.Panel || s.Badge == "" {
		t.Errorf("after a reload with the panel folded: %+v, want the badge", s)
	}
}
