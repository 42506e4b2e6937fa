package browser_test

// What changed, and when, in a browser: a frozen edition of the real
// handbook, built from a git tag, is browsable beside the current handbook
// (banner, deep links, links back to the current pages), its comparison
// with the current handbook works, and the changelog's track filter works
// with and without JavaScript.

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/history/gittest"
	"github.com/handbook-dev/handbook/internal/browser"
)

// historyHandbook commits a copy of this repository's handbook (files
// only: its own repository is never touched) to a new repository, with
// one extra guide, and tags that as edition/2026-h1. Then it moves Staff's
// vendor-selection decision right from the approval tier to the alone
// tier, removes the extra guide, rewords the KPI guide (a change outside
// the ladder) and lists the edition in handbook.yaml. It returns the
// built site.
func historyHandbook(t *testing.T) string {
	t.Helper()
	root := moduleRoot(t)
	files := map[string]string{}
	for _, top := range []string{"handbook.yaml", "anchors.lock", "content"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	const retired = "content/guides/retired-guide.md"
	r := gittest.New(t)
	v1 := map[string]string{retired: "---\ntitle: Retired guide\n---\nThis guide is gone from the current handbook.\n"}
	for name, data := range files {
		v1[name] = data
	}
	const staffFile = "content/roles/staff-software-engineer.md"
	staff := files[staffFile]
	for _, s := range []string{"  approval:\n", "decision_rights:\n  alone:\n", "\nweight: "} {
		if !strings.Contains(staff, s) {
			t.Fatalf("%s lacks %q: the fixture needs updating", staffFile, s)
		}
	}
	// The edition's Staff holds a right of the fixture's own, needing
	// approval; the current one decides it alone. The fixture brings the
	// right so that rewording the handbook leaves the test standing.
	const right = "    - id: vendor-selection\n      text: Vendor selection and contracts, approved by engineering leadership and procurement.\n"
	v1[staffFile] = strings.Replace(staff, "  approval:\n", "  approval:\n"+right, 1)
	r.Commit(gittest.Day("2026-01-05", 9), "The handbook as it was", v1)
	r.Tag(gittest.Day("2026-01-05", 10), "edition/2026-h1")

	staff = strings.Replace(staff, "decision_rights:\n  alone:\n", "decision_rights:\n  alone:\n"+right, 1)
	const alias = "approval-vendor-selection: alone-vendor-selection"
	if strings.Contains(staff, "\nanchor_aliases:\n") {
		staff = strings.Replace(staff, "\nanchor_aliases:\n", "\nanchor_aliases:\n  "+alias+"\n", 1)
	} else {
		staff = strings.Replace(staff, "\nweight: ", "\nanchor_aliases: {"+alias+"}\nweight: ", 1)
	}
	const note = "  - date: 2026-02-10\n    note: \"Staff engineers now choose vendors alone.\"\n"
	if strings.Contains(staff, "\nchanges:\n") {
		staff = strings.Replace(staff, "\nchanges:\n", "\nchanges:\n"+note, 1)
	} else {
		staff = strings.Replace(staff, "\nweight: ", "\nchanges:\n"+note+"weight: ", 1)
	}
	r.Commit(gittest.Day("2026-02-10", 9), "Staff decides vendor contracts alone", map[string]string{
		staffFile:       staff,
		retired:         "",
		"handbook.yaml": files["handbook.yaml"] + "\neditions:\n  - name: 2026-h1\n    tag: edition/2026-h1\n",
	})
	const kpi = "content/guides/kpi-reference.md"
	r.Commit(gittest.Day("2026-03-02", 9), "Reword the KPI reference", map[string]string{kpi: files[kpi] + "\nReviewed in March 2026.\n"})

	dest := filepath.Join(t.TempDir(), "public")
	stats, err := generator.Open(t.Context(), r.Dir, generator.Options{Destination: dest}).Build(t.Context())
	if err != nil {
		t.Fatalf("the handbook with an edition does not build: %v", err)
	}
	if len(stats.Notes) != 0 {
		t.Fatalf("build notes: %q", stats.Notes)
	}
	return dest
}

// contentChangeNotes counts the change notes the handbook's pages carry
// in their front matter.
func contentChangeNotes(t *testing.T) int {
	t.Helper()
	note := regexp.MustCompile(`(?m)^  - date: \d{4}-\d{2}-\d{2}$`)
	n := 0
	err := filepath.WalkDir(filepath.Join(moduleRoot(t), "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		n += len(note.FindAll(b, -1))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// pageState is what TestEditionBrowsable reads about a page.
type pageState struct {
	Path    string `json:"path"`
	H1      string `json:"h1"`
	Banner  string `json:"banner"`  // the edition banner's text, "" without one
	Styled  bool   `json:"styled"`  // the stylesheet applies
	History string `json:"history"` // the History section's text
}

const pageStateJS = `(() => ({path: location.pathname,
	h1: (document.querySelector("h1") || {innerText: ""}).innerText,
	banner: (document.querySelector(".edition-banner") || {innerText: ""}).innerText,
	styled: [...document.styleSheets].some((s) => s.href && s.href.endsWith("/handbook.css") && s.cssRules.length > 0),
	history: (document.querySelector(".page-history") || {innerText: ""}).innerText}))()`

func pageNow(ctx context.Context, t *testing.T) pageState {
	t.Helper()
	return eval[pageState](ctx, t, pageStateJS)
}

// goTo clicks the link sel and waits for the page at path to load.
func goTo(ctx context.Context, t *testing.T, sel, path string) pageState {
	t.Helper()
	browser.Run(ctx, t, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
	st := pageNow(ctx, t)
	if st.Path != path {
		t.Fatalf("the link %s led to %s, want %s", sel, st.Path, path)
	}
	return st
}

// An edition of the real handbook, served under a sub-path beside the
// current handbook: its pages carry the banner, deep links into it land,
// its links stay inside it, the banner leads to the same page of the
// current handbook (or home when the page is gone), and the comparison
// page shows the moved decision right and links into both versions. The
// edition page and the comparison pass axe-core's WCAG 2.1 A and AA rules.
func TestEditionBrowsable(t *testing.T) {
	site := historyHandbook(t)
	const prefix = "/handbook/"
	base := browser.ServeAt(t, site, prefix)
	edition := prefix + "editions/2026-h1/"
	// Each part has a browser of its own, and so its own time budget.
	t.Run("banner", func(t *testing.T) { editionBanner(t, base, prefix) })
	t.Run("inside", func(t *testing.T) { editionInside(t, base, edition) })
	t.Run("comparison", func(t *testing.T) { editionComparison(t, base, prefix, edition) })
}

func editionBanner(t *testing.T, base, prefix string) {
	ctx := browser.Start(t)
	// A deep link cited in a review, into the frozen page.
	open(ctx, t, desktopW, desktopH, base+"editions/2026-h1/roles/staff-software-engineer/#approval-vendor-selection")
	waitFor(ctx, t, "the cited decision right", `(() => { const e = document.getElementById("approval-vendor-selection");
		return e && e.tagName === "LI" && e.getBoundingClientRect().top > -1 && e.getBoundingClientRect().top < innerHeight; })()`, pageStateJS)
	st := pageNow(ctx, t)
	if !strings.Contains(st.Banner, "Edition 2026-h1") || !strings.Contains(st.Banner, "edition/2026-h1") || !st.Styled || st.H1 != "Staff Software Engineer" {
		t.Errorf("edition page: %+v", st)
	}
	if strings.Contains(st.History, "Staff decides vendor contracts alone") || !strings.Contains(st.History, "The handbook as it was") {
		t.Errorf("the edition's history is not the tag's: %q", st.History)
	}
	checkNoOverflow(ctx, t, "the edition's Staff page")
	checkAxe(t, "the edition's Staff page", runAxe(ctx, t))

	// The banner leads to the same page of the current handbook, where the
	// decision right has moved and the page shows its newer history.
	st = goTo(ctx, t, ".edition-banner a", prefix+"roles/staff-software-engineer/")
	if st.Banner != "" || !st.Styled || st.H1 != "Staff Software Engineer" ||
		!strings.Contains(st.History, "Staff engineers now choose vendors alone.") || !strings.Contains(st.History, "Staff decides vendor contracts alone") {
		t.Errorf("current page from the banner: %+v", st)
	}
	if !eval[bool](ctx, t, `!!document.querySelector("#alone-vendor-selection")`) {
		t.Error("the current Staff page lacks #alone-vendor-selection")
	}

	// A page the current handbook no longer has leads to its home page.
	open(ctx, t, desktopW, desktopH, base+"editions/2026-h1/guides/retired-guide/")
	if st := pageNow(ctx, t); st.H1 != "Retired guide" || !strings.Contains(st.Banner, "The current handbook has no such page") {
		t.Errorf("retired guide in the edition: %+v", st)
	}
	if st := goTo(ctx, t, ".edition-banner a", prefix); st.Banner != "" || st.H1 == "" || !st.Styled {
		t.Errorf("current home page from the banner: %+v", st)
	}
}

// Browsing inside the edition stays inside it: the sidebar's links lead to
// the edition's pages, each with its banner.
func editionInside(t *testing.T, base, edition string) {
	ctx := browser.Start(t)
	open(ctx, t, desktopW, desktopH, base+"editions/2026-h1/")
	href := eval[string](ctx, t, `document.querySelector("#sidebar a[href*='roles/software-engineer-i/']").getAttribute("href")`)
	if strings.HasPrefix(href, "/") {
		t.Errorf("sidebar link %q is root-relative", href)
	}
	if st := goTo(ctx, t, "#sidebar a[href*='roles/software-engineer-i/']", edition+"roles/software-engineer-i/"); !strings.Contains(st.Banner, "Edition 2026-h1") || !st.Styled {
		t.Errorf("a page reached inside the edition: %+v", st)
	}
}

// The list of editions leads to the comparison with the current handbook:
// Staff changed, its decision right moved, other roles are unchanged, and
// its links lead into both versions.
func editionComparison(t *testing.T, base, prefix, edition string) {
	ctx := browser.Start(t)
	open(ctx, t, desktopW, desktopH, base+"editions/")
	st := goTo(ctx, t, `.editions a[href$="compare/current/"]`, edition+"compare/current/")
	if st.Banner != "" || !st.Styled {
		t.Errorf("comparison page: %+v", st)
	}
	type diffState struct {
		Changed   []string `json:"changed"`
		Moved     string   `json:"moved"`
		Unchanged int      `json:"unchanged"`
	}
	d := eval[diffState](ctx, t, `(() => ({changed: [...document.querySelectorAll(".diff-summary li a")].map((a) => a.innerText),
		moved: [...document.querySelectorAll(".diff-role li.diff-changed")].map((li) => li.innerText).join("\n"),
		unchanged: document.querySelectorAll(".diff-unchanged li").length}))()`)
	if len(d.Changed) != 1 || d.Changed[0] != "Staff Software Engineer" || !strings.Contains(d.Moved, "Vendor selection and contracts") ||
		!strings.Contains(d.Moved, "Needs manager or executive approval → Decides alone") || d.Unchanged < 5 {
		t.Errorf("comparison: %+v", d)
	}
	checkNoOverflow(ctx, t, "the comparison page")
	checkAxe(t, "the comparison page", runAxe(ctx, t))
	if st := goTo(ctx, t, `.diff-role a[href*="editions/2026-h1/roles/staff-software-engineer/"]`, edition+"roles/staff-software-engineer/"); !strings.Contains(st.Banner, "Edition 2026-h1") {
		t.Errorf("the edition's Staff page from the comparison: %+v", st)
	}
	open(ctx, t, desktopW, desktopH, base+"editions/2026-h1/compare/current/")
	if st := goTo(ctx, t, `.diff-role a[href$="../../../../roles/staff-software-engineer/"]`, prefix+"roles/staff-software-engineer/"); st.Banner != "" || st.H1 != "Staff Software Engineer" {
		t.Errorf("the current Staff page from the comparison: %+v", st)
	}
}

// changesState is what TestChangesFilter reads about the changelog.
type changesState struct {
	Path    string   `json:"path"`
	Search  string   `json:"search"`
	Shown   []string `json:"shown"`  // data-tracks of the entries shown
	Hidden  int      `json:"hidden"` // entries hidden by the filter
	Current string   `json:"current"`
}

const changesJS = `(() => ({path: location.pathname, search: location.search,
	shown: [...document.querySelectorAll(".change-list li[data-tracks]")].filter((li) => li.offsetParent !== null).map((li) => li.dataset.tracks),
	hidden: [...document.querySelectorAll(".change-list li[data-tracks]")].filter((li) => li.offsetParent === null).length,
	current: (document.querySelector(".changes-filter a[aria-current]") || {innerText: ""}).innerText}))()`

// onlyTrack reports whether every shown entry concerns track, and at least
// one is shown.
func onlyTrack(st changesState, track string) bool {
	for _, ts := range st.Shown {
		if !strings.Contains(" "+ts+" ", " "+track+" ") {
			return false
		}
	}
	return len(st.Shown) > 0
}

// The changelog passes axe-core's WCAG 2.1 A and AA rules, and its track
// filter works: with JavaScript it filters /changes/ in place, records the
// track in the address (a reload keeps it) and leaves every link of the
// page working; without JavaScript each track link leads to the track's
// own page.
func TestChangesFilter(t *testing.T) {
	site := historyHandbook(t)
	ctx := browser.Start(t)
	const prefix = "/handbook/"
	base := browser.ServeAt(t, site, prefix)

	open(ctx, t, desktopW, desktopH, base+"changes/")
	all := eval[changesState](ctx, t, changesJS)
	want := 4 + contentChangeNotes(t) // 3 commits, the fixture's change note, the handbook's own
	if all.Hidden != 0 || len(all.Shown) != want || all.Current != "All tracks" {
		t.Fatalf("unfiltered changelog: %+v, want %d entries: 3 commits, 1 change note and the handbook's own notes", all, want)
	}
	checkAxe(t, "the changelog", runAxe(ctx, t))
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(`.changes-filter a[data-track="general"]`)))
	st := eval[changesState](ctx, t, changesJS)
	if st.Path != prefix+"changes/" || st.Search != "?track=general" || !onlyTrack(st, "general") || st.Hidden == 0 || st.Current != "General" {
		t.Errorf("filtered in place to General: %+v", st)
	}
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(`.changes-filter a[data-track="individual-contributor"]`)))
	st = eval[changesState](ctx, t, changesJS)
	if !onlyTrack(st, "individual-contributor") || st.Hidden == 0 || st.Search != "?track=individual-contributor" {
		t.Errorf("filtered in place to Individual contributor: %+v", st)
	}
	// The filter survives a reload, and the page's links still work.
	browser.Do(ctx, t, chromedp.Reload())
	if st := eval[changesState](ctx, t, changesJS); !onlyTrack(st, "individual-contributor") || st.Hidden == 0 {
		t.Errorf("after a reload: %+v", st)
	}
	if st := goTo(ctx, t, `.change-note a[href$="roles/staff-software-engineer/"]`, prefix+"roles/staff-software-engineer/"); st.H1 != "Staff Software Engineer" || !st.Styled {
		t.Errorf("a link of the filtered changelog: %+v", st)
	}
	// A shared link with the track filters on load.
	open(ctx, t, desktopW, desktopH, base+"changes/?track=general")
	if st := eval[changesState](ctx, t, changesJS); !onlyTrack(st, "general") || st.Hidden == 0 || st.Current != "General" {
		t.Errorf("opened with ?track=general: %+v", st)
	}
	browser.Do(ctx, t, chromedp.Click(chromedp.CSS(`.changes-filter a[data-track=""]`)))
	if st := eval[changesState](ctx, t, changesJS); st.Hidden != 0 || st.Search != "" || st.Current != "All tracks" {
		t.Errorf("back to all tracks: %+v", st)
	}

	// Without JavaScript the same links lead to the track pages.
	disableScript(ctx, t)
	open(ctx, t, desktopW, desktopH, base+"changes/")
	goTo(ctx, t, `.changes-filter a[data-track="general"]`, prefix+"changes/general/")
	if st := eval[changesState](ctx, t, changesJS); !onlyTrack(st, "general") || st.Hidden != 0 || st.Current != "General" {
		t.Errorf("the General track's page: %+v", st)
	}
	if st := goTo(ctx, t, `.changes-filter a[data-track="management"]`, prefix+"changes/management/"); st.H1 != "What changed: Management" {
		t.Errorf("the Management track's page: %+v", st)
	}
	if st := eval[changesState](ctx, t, changesJS); !onlyTrack(st, "management") {
		t.Errorf("the Management track's page lists: %+v", st)
	}
}
