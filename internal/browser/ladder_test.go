package browser_test

// The ladder diagram on the home page as a reader sees it. The geometry of
// the diagram (no line through a box, no two connectors on one line) is
// checked in Go, on this handbook and on random ladders: see
// generator/render/ladder_test.go.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/internal/browser"
)

type ladderRole struct {
	Href  string `json:"href"`
	Title string `json:"title"`
	Shown bool   `json:"shown"` // inside the visible part of the diagram's box
}

type ladderState struct {
	Scale      float64      `json:"scale"`    // CSS px per SVG unit
	MinFont    float64      `json:"minFont"`  // the smallest text, in CSS px
	Smallest   string       `json:"smallest"` // which text that is
	Texts      int          `json:"texts"`
	WrapScroll int          `json:"wrapScroll"` // the diagram's box: its content's width
	WrapClient int          `json:"wrapClient"` // and its visible width
	Roles      []ladderRole `json:"roles"`
	Cards      int          `json:"cards"` // the roles listed under the diagram
}

const ladderJS = `(() => {
	const svg = document.querySelector("svg.ladder"), wrap = svg.parentElement;
	const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
	let min = Infinity, smallest = "";
	const texts = [...svg.querySelectorAll("text")];
	for (const t of texts) {
		const px = parseFloat(getComputedStyle(t).fontSize) * scale;
		if (px < min) { min = px; smallest = t.textContent; }
	}
	return {scale, minFont: min, smallest, texts: texts.length, wrapScroll: wrap.scrollWidth, wrapClient: wrap.clientWidth,
		roles: [...svg.querySelectorAll("a.ladder-role")].map(ladderRole),
		cards: document.querySelectorAll(".home-ladder .cards a").length};
})()`

// ladderRoleJS describes a box of the ladder (an a.ladder-role), or the
// focused element when it is not one.
const ladderRoleJS = `function ladderRole(a) {
	if (!a.matches(".ladder-role")) return {href: "not a box: " + (a.id || a.getAttribute("class") || a.tagName)};
	const r = a.getBoundingClientRect(), w = a.closest(".ladder-wrap").getBoundingClientRect();
	return {href: a.getAttribute("href") || "", title: (a.querySelector("title") || {}).textContent || "",
		shown: r.left >= w.left - 1 && r.right <= w.right + 1};
}`

// The ladder at 1280 px fits its column; at 360 px it keeps its text at
// 11 px or more and scrolls inside its own box, never the page. Every
// role's box is a link with a title; Tab goes through them in order and
// brings each wholly into view. Screenshots: testdata/artifacts/ladder-1280.png, and at 360 px
// ladder-360-start.png and ladder-360-end.png (scrolled to its end).
func TestLadderDiagram(t *testing.T) {
	site := buildHandbook(t, "")
	base := browser.Serve(t, site)
	artifacts := artifactsDir(t)
	for _, w := range []int64{desktopW, narrowW} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			ctx := browser.Start(t)
			open(ctx, t, w, desktopH, base)
			checkNoOverflow(ctx, t, fmt.Sprintf("the home page at %d px", w))
			checkLadder(ctx, t, fmt.Sprintf("at %d px", w))
			// Focus events need a focused page, which a headless one is not.
			if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
				t.Fatal(err)
			}
			st := eval[ladderState](ctx, t, "(() => { "+ladderRoleJS+"; return "+ladderJS+"; })()")
			t.Logf("%d px: the diagram is shown at %.2f× (text at %.1f px or more), %d of its %d px in view", w, st.Scale, st.MinFont, st.WrapClient, st.WrapScroll)
			if st.Texts == 0 || st.MinFont < 11 {
				t.Errorf("%d px: the text %q is shown at %.1f px, want 11 px or more", w, st.Smallest, st.MinFont)
			}
			if st.Cards == 0 || len(st.Roles) != st.Cards {
				t.Errorf("%d px: %d boxes in the diagram, %d roles listed under it", w, len(st.Roles), st.Cards)
			}
			// Tab from the heading's copy-link control goes through the
			// boxes in the model's order, each brought into view.
			browser.Do(ctx, t, chromedp.Focus(chromedp.CSS("#ladder > a.permalink")))
			for i, want := range st.Roles {
				browser.Do(ctx, t, chromedp.KeyEvent("\t"))
				got := eval[ladderRole](ctx, t, ladderRoleJS+"; ladderRole(document.activeElement)")
				if !strings.HasPrefix(want.Href, "roles/") || want.Title == "" || got.Href != want.Href || !got.Shown {
					t.Errorf("%d px: Tab %d focuses %+v, want the box %q (titled %q) in view", w, i+1, got, want.Href, want.Title)
				}
			}
			switch {
			case w == desktopW && st.WrapScroll > st.WrapClient:
				t.Errorf("%d px: the diagram scrolls (%d px in a %d px box)", w, st.WrapScroll, st.WrapClient)
			case w == narrowW && st.WrapScroll <= st.WrapClient:
				t.Errorf("%d px: the diagram fits %d px: its text must have shrunk", w, st.WrapClient)
			}
			eval[bool](ctx, t, `(() => { document.activeElement.blur(); document.querySelector(".ladder-wrap").scrollLeft = 0; return true; })()`)
			shot := func(name string) {
				png := browser.Run(ctx, t, chromedp.Screenshot(".ladder-wrap"))
				if err := os.WriteFile(filepath.Join(artifacts, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if w == desktopW {
				shot("ladder-1280.png")
				return
			}
			shot("ladder-360-start.png")
			eval[bool](ctx, t, `(() => { const w = document.querySelector(".ladder-wrap"); w.scrollLeft = w.scrollWidth; return true; })()`)
			shot("ladder-360-end.png")
		})
	}
}
