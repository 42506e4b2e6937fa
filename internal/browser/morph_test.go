package browser_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/internal/browser"
	"github.com/handbook-dev/handbook/themes"
)

// morphState is what the morph tests read of the page: what the reader
// did to it, which a save of the page must not undo.
type morphState struct {
	ScrollY   float64  `json:"scrollY"`
	Marker    any      `json:"marker"`
	Focused   string   `json:"focused"`   // id of the focused element
	Selection [2]int   `json:"selection"` // in the search box
	Query     string   `json:"query"`     // typed in the search box
	Results   int      `json:"results"`   // rows of results shown
	PanelOpen bool     `json:"panelOpen"` // the results are shown
	Ticked    []string `json:"ticked"`    // self-assessment boxes ticked
	Boxes     int      `json:"boxes"`     // self-assessment boxes
	Count     string   `json:"count"`     // the "N of M ticked" count
	NotesOpen bool     `json:"notesOpen"` // the <details id="notes"> is open
	Notes     string   `json:"notes"`     // its text
	Title     string   `json:"title"`     // document.title
}

const morphStateJS = `(() => {
	const input = document.getElementById("search-input"), notes = document.getElementById("notes");
	return {
		scrollY: scrollY,
		marker: window.handbookTestMarker || null,
		focused: document.activeElement ? document.activeElement.id : "",
		selection: [input.selectionStart, input.selectionEnd],
		query: input.value,
		results: document.querySelectorAll("#search-results .search-result").length,
		panelOpen: !document.querySelector(".search-panel").hidden,
		ticked: [...document.querySelectorAll(".assess-box")].filter((b) => b.checked).map((b) => b.value),
		boxes: document.querySelectorAll(".assess-box").length,
		count: (document.querySelector(".assess-count") || {}).textContent || "",
		notesOpen: !!notes && notes.open,
		notes: notes ? notes.textContent : "",
		title: document.title,
	};
})()`

// morphSite is the browser fixture with raw HTML allowed and a folded
// <details> at the end of the senior role's page.
func morphSite(t *testing.T) (dir, url string) {
	t.Helper()
	return serveWatchEdited(t, map[string]func(string) string{
		"handbook.yaml": func(old string) string { return old + "markdown:\n  unsafe_html: true\n" },
		"content/roles/senior.md": func(old string) string {
			return old + "\n<details id=\"notes\"><summary>Reviewer notes</summary>\n\nBring 1 example from the last half-year.\n\n</details>\n"
		},
	})
}

// A save of the open page's body patches the page in place: the new text
// shows, and everything the reader did stays as it was: the scroll
// position, the focus and the selection in the search box, the query
// typed there and its results shown, a self-assessment box ticked (the
// boxes handbook.js added at load), a <details> opened. No navigation
// happens: a variable set in the page before the save is still there.
// Saved in place, then by rename as editors do.
func TestServeWatchMorph(t *testing.T) {
	dir, url := morphSite(t)
	ctx := browser.Start(t)
	open(ctx, t, desktopW, desktopH, url+"roles/senior/")
	waitFor(ctx, t, "the live-reload script", `!!document.querySelector('script[data-build]')`, morphStateJS)

	// The reader ticks a box, opens the notes, types a query (the focus
	// stays in the box, with part of the query selected, the results
	// shown) and scrolls half-way down.
	st := typeQuery(ctx, t, "senior")
	if len(st.Options) == 0 {
		t.Fatalf("no results for senior: %+v", st)
	}
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`(() => {
		document.querySelectorAll(".assess-box")[1].click();
		document.getElementById("notes").open = true;
		document.getElementById("search-input").setSelectionRange(1, 4);
		window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2);
		window.handbookTestMarker = "morph";
	})()`))
	before := eval[morphState](ctx, t, morphStateJS)
	if before.ScrollY < 200 || before.Focused != "search-input" || before.Results == 0 || !before.PanelOpen ||
		len(before.Ticked) != 1 || before.Boxes < 3 || !before.NotesOpen || before.Selection != [2]int{1, 4} {
		t.Fatalf("the page before the save is not as the test set it: %+v", before)
	}

	const page = "content/roles/senior.md"
	src, oldNotes := read(t, dir, page), "Bring 1 example from the last half-year."
	for i, save := range []struct {
		how   string
		write func(data string)
	}{
		{"in place", func(data string) { write(t, dir, page, data) }},
		{"by rename", func(data string) {
			write(t, dir, page+".tmp", data)
			if err := os.Rename(filepath.Join(dir, page+".tmp"), filepath.Join(dir, page)); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		// The same length as the sentence it replaces, so no line above
		// the fold moves: the scroll position must not either.
		said := fmt.Sprintf("a departur%d away from engineering", i)
		notes := fmt.Sprintf("Bring %d examples from the last half-year.", i+2)
		src = strings.Replace(src, "a promotion away from engineering", said, 1)
		src = strings.Replace(src, oldNotes, notes, 1)
		oldNotes = notes
		if !strings.Contains(src, said) || !strings.Contains(src, notes) {
			t.Fatalf("the fixture lacks the sentences the test edits")
		}
		save.write(src)
		waitFor(ctx, t, "the page saved "+save.how, js(`(said, notes) => document.body.textContent.includes(said) &&
			document.getElementById("notes").textContent.includes(notes)`, said, notes), morphStateJS)

		after := eval[morphState](ctx, t, morphStateJS)
		if after.Marker != "morph" {
			t.Fatalf("saved %s: the page reloaded (the marker is gone): %+v", save.how, after)
		}
		if d := after.ScrollY - before.ScrollY; d < -3 || d > 3 {
			t.Errorf("saved %s: scrollY %.0f, was %.0f", save.how, after.ScrollY, before.ScrollY)
		}
		want := before
		want.ScrollY, want.Notes = after.ScrollY, after.Notes
		if diff := cmp.Diff(want, after); diff != "" {
			t.Errorf("saved %s: the page changed beyond the text saved (-want +got):\n%s", save.how, diff)
		}
		src = strings.Replace(src, said, "a promotion away from engineering", 1)
	}
}

// What a patch cannot show reloads the page, keeping its scroll position:
// a change to the page's head (its description), a new self-assessment
// item (handbook.js gives each a checkbox at load), and a change to one
// of the theme's scripts.
func TestServeWatchMorphReloads(t *testing.T) {
	dir, url := morphSite(t)
	ctx := browser.Start(t)
	before := openHalfway(ctx, t, url+"roles/senior/")
	reloaded := func(what, cond string) {
		t.Helper()
		waitReload(ctx, t, what, `!window.handbookTestMarker && `+cond, "("+serveStateJS+")()")
		waitReload(ctx, t, what+": scroll kept", js(`(y) => Math.abs(scrollY - y) < 40`, before.ScrollY), "("+serveStateJS+")()")
	}

	const page = "content/roles/senior.md"
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "head"`))
	write(t, dir, page, strings.Replace(read(t, dir, page), "description: Owns a service end to end.", "description: Owns a service from design to operation.", 1))
	reloaded("a new description", `document.querySelector('meta[name=description]').content === "Owns a service from design to operation."`)

	boxes := eval[int](ctx, t, `document.querySelectorAll(".assess-box").length`)
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "item"`))
	write(t, dir, page, strings.Replace(read(t, dir, page), "    - id: design\n", "    - id: mentoring\n      text: Mentor the newer engineers of the team.\n    - id: design\n", 1))
	reloaded("a new self-assessment item", js(`(n) => document.body.textContent.includes("Mentor the newer engineers") &&
		document.querySelectorAll(".assess-box").length === n + 1`, boxes))

	js0, err := fs.ReadFile(themes.Default(), "static/handbook.js")
	if err != nil {
		t.Fatal(err)
	}
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "script"`))
	write(t, dir, "themes/default/static/handbook.js", string(js0)+"\nwindow.handbookTestScript = 1;\n")
	reloaded("a new theme script", `window.handbookTestScript === 1`)
}

// mainJS is the <main> of the page, less what handbook.js adds to links
// at load (data-abs, for print) and the build id.
const mainJS = `(() => {
	const m = document.querySelector("main").cloneNode(true);
	m.querySelectorAll("[data-abs]").forEach((a) => a.removeAttribute("data-abs"));
	return {build: document.querySelector("script[data-build]").getAttribute("data-build"), title: document.title, main: m.innerHTML};
})()`

type mainState struct{ Build, Title, Main string }

// The morph shows what a reload would: after each edit of a page (a
// paragraph added at the top, one removed, a heading renamed, a list
// grown, paragraphs swapped, a link's target changed, most of the page
// removed), the patched page's <main> is the same as that of the page
// loaded afresh in another tab, and the patched page never reloaded.
func TestServeWatchMorphMatchesReload(t *testing.T) {
	const page = "content/guides/jump-to-senior.md"
	front := "---\ntitle: Jump to senior\ndescription: What changes when you aim for the senior level.\n---\n"
	body := "## One\n\nAlpha paragraph, with [a link](../roles/junior.md).\n\nBeta paragraph.\n\n- first\n- second\n\n## Two\n\nGamma paragraph.\n\n> Delta quote.\n\n## Three\n\nEpsilon paragraph.\n"
	dir, url := serveWatchEdited(t, map[string]func(string) string{page: func(string) string { return front + body }})
	ctx := browser.Start(t)
	open(ctx, t, desktopW, desktopH, url+"guides/jump-to-senior/")
	waitFor(ctx, t, "the live-reload script", `!!document.querySelector('script[data-build]')`, mainJS)
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`window.handbookTestMarker = "morph"`))

	edits := []struct{ what, old, new string }{
		{"a paragraph added at the top", "## One\n", "Zero paragraph.\n\n## One\n"},
		{"a paragraph removed", "Beta paragraph.\n\n", ""},
		{"a heading renamed", "## Two\n", "## Second part\n"},
		{"a list grown", "- second\n", "- second\n- third\n"},
		{"paragraphs swapped", "Gamma paragraph.\n\n> Delta quote.\n", "> Delta quote.\n\nGamma paragraph.\n"},
		{"a link's target changed", "../roles/junior.md", "../roles/senior.md"},
		{"most of the page removed", "", "Only this paragraph is left.\n"}, // "": all of it
	}
	for _, e := range edits {
		prev := eval[mainState](ctx, t, mainJS)
		switch {
		case e.old == "":
			body = e.new
		case strings.Contains(body, e.old):
			body = strings.Replace(body, e.old, e.new, 1)
		default:
			t.Fatalf("%s: the page lacks %q", e.what, e.old)
		}
		write(t, dir, page, front+body)
		waitFor(ctx, t, e.what, js(`(b) => document.querySelector("script[data-build]").getAttribute("data-build") !== b`, prev.Build), mainJS)
		got := eval[mainState](ctx, t, mainJS)
		if m := eval[any](ctx, t, `window.handbookTestMarker`); m != "morph" {
			t.Fatalf("%s: the page reloaded", e.what)
		}
		// A tab of its own, closed at once: a browser opens at most six
		// connections to a server, and each open page holds one.
		fresh, closeTab := chromedp.NewContext(ctx)
		open(fresh, t, desktopW, desktopH, url+"guides/jump-to-senior/")
		want := eval[mainState](fresh, t, mainJS)
		closeTab()
		if want.Build != got.Build {
			t.Fatalf("%s: the fresh tab shows build %s, the patched one %s", e.what, want.Build, got.Build)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: the patched page differs from the page loaded afresh (-fresh +patched):\n%s", e.what, diff)
		}
	}
}
