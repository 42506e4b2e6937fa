package browser_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/internal/browser"
)

// buildLadder builds the generator's ladder fixture (five roles, one held
// at two levels) and returns the output folder.
func buildLadder(t *testing.T) string {
	t.Helper()
	a, err := txtar.ParseFile("../../generator/testdata/sites/ladder.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Open(t.Context(), src, generator.Options{Destination: dest}).Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	return dest
}

// pickerState is what the test reads of a role page's compare picker.
type pickerState struct {
	FormShown bool     `json:"formShown"`
	ListShown bool     `json:"listShown"`
	Options   []string `json:"options"`
	Label     string   `json:"label"` // the select's accessible label
}

const pickerJS = `() => {
	const form = document.querySelector(".compare-form"), list = document.querySelector(".compare-list");
	const sel = document.getElementById("compare_with");
	return {
		formShown: !!form && form.checkVisibility(), listShown: !!list && list.checkVisibility(),
		options: sel ? [...sel.options].map((o) => o.text) : [],
		label: sel && sel.labels.length ? sel.labels[0].textContent : "",
	};
}`

// On a role page, a reader picks any other role in "Compare with" and
// lands on the comparison of the two, lower level first, under a
// sub-path; without JavaScript the list of links does the same.
func TestComparePicker(t *testing.T) {
	site := buildLadder(t)
	ctx := browser.Start(t)
	base := browser.ServeAt(t, site, "/handbook/")

	open(ctx, t, desktopW, desktopH, base+"roles/lead/")
	got := browser.Run(ctx, t, chromedp.Evaluate[pickerState](js(pickerJS)))
	if !got.FormShown || got.ListShown {
		t.Errorf("with JavaScript: form shown %v, list shown %v; want the form only", got.FormShown, got.ListShown)
	}
	if got.Label != "Compare with" {
		t.Errorf("the select is labelled %q, want %q", got.Label, "Compare with")
	}
	if want := []string{"Engineer", "Senior Engineer", "Staff Engineer", "Engineering Manager"}; !slices.Equal(got.Options, want) {
		t.Errorf("options %q, want %q", got.Options, want)
	}
	// Engineer and Tech Lead are no neighbouring levels and no
	// compare_with pair: an unlisted page, reached only from here.
	browser.Run(ctx, t, chromedp.Evaluate[chromedp.Void](`(() => {
		const sel = document.getElementById("compare_with");
		sel.selectedIndex = [...sel.options].findIndex((o) => o.text === "Engineer");
		sel.dispatchEvent(new Event("change", {bubbles: true}));
	})()`))
	browser.Run(ctx, t, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`.compare-form button[type=submit]`))))
	if loc, want := browser.Run(ctx, t, chromedp.Location()), base+"compare/engineer-vs-lead/"; loc != want {
		t.Errorf("after Compare: at %s, want %s", loc, want)
	}
	if h1, want := browser.Run(ctx, t, chromedp.Text(chromedp.CSS("h1"))), "Engineer → Tech Lead"; h1 != want {
		t.Errorf("h1 = %q, want %q", h1, want)
	}

	// Without JavaScript: the form stays hidden, the list of links works.
	disableScript(ctx, t)
	open(ctx, t, desktopW, desktopH, base+"roles/manager/")
	got = browser.Run(ctx, t, chromedp.Evaluate[pickerState](js(pickerJS)))
	if got.FormShown || !got.ListShown {
		t.Errorf("without JavaScript: form shown %v, list shown %v; want the list only", got.FormShown, got.ListShown)
	}
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(".compare-list summary")))
	follow(ctx, t, `.compare-list a[href$="compare/senior-vs-manager/"]`)
	if loc, want := browser.Run(ctx, t, chromedp.Location()), base+"compare/senior-vs-manager/"; loc != want {
		t.Errorf("after the list's link: at %s, want %s", loc, want)
	}
}
