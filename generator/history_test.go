package generator

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/history/gittest"
	"github.com/handbook-dev/handbook/generator/render"
)

// The history fixture: testdata/sites/history.txtar is the first version
// of a handbook kept in the handbook/ folder of a repository, tagged
// edition/2026-h1. The second version changes Senior in every way the
// edition diff reports (a responsibility added and one removed, a skill's
// importance and expectation changed, another skill's expectation alone,
// a decision right moved to another tier), adds change notes, deletes one
// guide and renames another; a third commit fixes a typo in Junior's
// prose.
var (
	v1Date    = gittest.Day("2026-01-05", 9)
	v2Date    = gittest.Day("2026-02-10", 14)
	typoDate  = gittest.Day("2026-03-20", 8)
	editionsY = "editions:\n  - name: 2026-h1\n    tag: edition/2026-h1\n"
)

// historyRepo builds the fixture repository and returns it with the
// handbook's folder.
func historyRepo(t *testing.T) (*gittest.Repo, string) {
	t.Helper()
	a, err := txtar.ParseFile("testdata/sites/history.txtar")
	if err != nil {
		t.Fatal(err)
	}
	v1 := map[string]string{}
	for _, f := range a.Files {
		v1[f.Name] = string(f.Data)
	}
	r := gittest.New(t)
	r.Commit(v1Date, "First edition of the ladder", v1)
	r.Tag(v1Date.Add(time.Hour), "edition/2026-h1")

	senior := v1["handbook/content/roles/senior.md"]
	for _, e := range [][2]string{
		{"weight: 2\n", "weight: 2\nchanges:\n  - date: 2026-02-09\n    note: \"Vendor evaluation moved from needs-approval to decides-alone.\"\n  - date: 2026-02-10\n    note: On-call is no longer a senior responsibility; mentoring is.\n"},
		{"  operational:\n    - id: on-call\n      text: Owns on-call for the service.\n", "  leadership:\n    - id: mentoring\n      text: Mentors junior engineers.\n"},
		{"    - id: implementation\n      text: How to implement agreed designs.\n  approval:\n    - id: vendor\n      text: Vendor evaluation for the service.\n",
			"    - id: implementation\n      text: How to implement agreed designs.\n    - id: vendor\n      text: Vendor evaluation for the service.\n"},
	} {
		if !strings.Contains(senior, e[0]) {
			t.Fatalf("fixture: senior.md lacks %q", e[0])
		}
		senior = strings.Replace(senior, e[0], e[1], 1)
	}
	skill := strings.Replace(v1["handbook/content/skills/testing.md"],
		"senior: {importance: Critical, expectation: Sets the test strategy for the service.}",
		"senior: {importance: Important, expectation: Keeps the service's tests fast and trusted.}", 1)
	review := strings.Replace(v1["handbook/content/skills/code-review.md"],
		"expectation: Reviews the designs of the service.", "expectation: Reviews designs and code across teams.", 1)
	r.Commit(v2Date, "Ladder review: senior changes", map[string]string{
		"handbook/content/skills/code-review.md": review,
		"handbook/handbook.yaml":                 v1["handbook/handbook.yaml"] + editionsY,
		"handbook/content/roles/senior.md":       senior,
		"handbook/content/skills/testing.md":     skill,
		"handbook/content/guides/old-guide.md":   "",
		"handbook/content/guides/moving.md":      "",
		"handbook/content/guides/moved.md":       "---\ntitle: Moved guide\naliases: [/guides/moving/]\n---\nMoved here.\n",
	})
	junior := strings.Replace(v1["handbook/content/roles/junior.md"], "Learns the codebase.\n", "Learns the code base.\n", 1)
	r.Commit(typoDate, "Fix a typo in the junior page", map[string]string{"handbook/content/roles/junior.md": junior})
	return r, filepath.Join(r.Dir, "handbook")
}

// golden compares got with testdata/golden/history/<name>, rewriting it
// with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	p := filepath.Join("testdata/golden/history", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// between returns the part of s from the first start to the first end
// after it, both included; it fails the test when either is missing.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("no %q in:\n%s", start, s)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		t.Fatalf("no %q after %q", end, start)
	}
	return s[i:i+j+len(end)] + "\n"
}

func buildHistory(t *testing.T) (string, Stats) {
	t.Helper()
	_, site := historyRepo(t)
	stats, err := buildSite(t, site, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return site, stats
}

func TestHistoryGolden(t *testing.T) {
	site, stats := buildHistory(t)
	if len(stats.Notes) != 0 {
		t.Errorf("notes = %q", stats.Notes)
	}
	senior := read(t, site, "public/roles/senior/index.html")
	golden(t, "senior-history.html", between(t, senior, `<section class="page-history"`, "</section>"))
	changes := read(t, site, "public/changes/index.html")
	golden(t, "changes.html", between(t, changes, `<article class="page changes">`, "</article>"))
	mgmt := read(t, site, "public/changes/management/index.html")
	golden(t, "changes-management.html", between(t, mgmt, `<article class="page changes">`, "</article>"))
	golden(t, "atom.xml", read(t, site, "public/changes/atom.xml")+"\n")
	diff := read(t, site, "public/editions/2026-h1/compare/current/index.html")
	golden(t, "compare-current.html", between(t, diff, `<article class="page wide edition-diff">`, "</article>"))

	for _, want := range []string{
		// Each page: its history, linked to the commit, and an edit link
		// to the file inside the repository's handbook/ folder.
		`Last updated <time datetime="2026-02-10">10 February 2026</time>`,
		`<a class="edit-link" href="https://github.com/org/handbook/edit/main/handbook/content/roles/senior.md">Edit this page</a>`,
		`<a href="https://github.com/org/handbook/commit/`,
		`<link rel="alternate" type="application/atom+xml" title="What changed" href="../../changes/atom.xml">`,
	} {
		if !strings.Contains(senior, want) {
			t.Errorf("senior page lacks %s", want)
		}
	}
	// Change notes come first, newest first; then the commits, newest first.
	notes := strings.Index(senior, "On-call is no longer")
	older := strings.Index(senior, "Vendor evaluation moved")
	commits := strings.Index(senior, "Ladder review: senior changes")
	first := strings.Index(senior, "First edition of the ladder")
	if !(0 < notes && notes < older && older < commits && commits < first) {
		t.Errorf("history order: notes %d, %d, commits %d, %d", notes, older, commits, first)
	}
	// The typo fix shows on Junior only.
	if junior := read(t, site, "public/roles/junior/index.html"); !strings.Contains(junior, "Fix a typo in the junior page") ||
		!strings.Contains(junior, `Last updated <time datetime="2026-03-20">20 March 2026</time>`) {
		t.Error("junior page lacks its latest commit")
	}
	if strings.Contains(senior, "Fix a typo") {
		t.Error("senior page shows a commit that did not touch it")
	}
}

func TestChangelogTracks(t *testing.T) {
	site, _ := buildHistory(t)
	all := read(t, site, "public/changes/index.html")
	// Newest first, grouped by month.
	march, feb, jan := strings.Index(all, `id="m-2026-03"`), strings.Index(all, `id="m-2026-02"`), strings.Index(all, `id="m-2026-01"`)
	if !(0 < march && march < feb && feb < jan) {
		t.Errorf("months out of order: %d %d %d", march, feb, jan)
	}
	// Filters work without JavaScript: one page per track.
	for _, want := range []string{
		`<a href="../changes/individual-contributor/" data-track="individual-contributor">Individual contributor</a>`,
		`<a href="../changes/management/" data-track="management">Management</a>`,
		`<a href="../changes/general/" data-track="general">General</a>`,
		`<script src="../assets/changes.js" defer></script>`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("changelog lacks %s", want)
		}
	}
	ic := read(t, site, "public/changes/individual-contributor/index.html")
	if !strings.Contains(ic, "Fix a typo in the junior page") || !strings.Contains(ic, "On-call is no longer") {
		t.Error("the individual-contributor changelog lacks its changes")
	}
	general := read(t, site, "public/changes/general/index.html")
	if strings.Contains(general, "Fix a typo") || !strings.Contains(general, "Moved guide") {
		t.Error("the general changelog holds the wrong changes")
	}
	if _, err := os.Stat(filepath.Join(site, "public/assets/changes.js")); err != nil {
		t.Error(err)
	}
}

func TestAtomFeed(t *testing.T) {
	site, _ := buildHistory(t)
	data := read(t, site, "public/changes/atom.xml")
	var f render.AtomFeed
	if err := xml.Unmarshal([]byte(data), &f); err != nil {
		t.Fatalf("the feed is not valid XML: %v", err)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.ID == "" || f.Title == "" || f.Author == nil {
		t.Errorf("feed head = %+v", f)
	}
	if f.Updated != "2026-03-20T08:00:00Z" {
		t.Errorf("feed updated = %q, want the newest change", f.Updated)
	}
	self := false
	for _, l := range f.Links {
		self = self || (l.Rel == "self" && l.Href == "https://example.com/handbook/changes/atom.xml")
	}
	if !self {
		t.Errorf("no absolute self link: %+v", f.Links)
	}
	if len(f.Entries) != 5 {
		t.Fatalf("%d entries, want 3 commits and 2 change notes", len(f.Entries))
	}
	ids := map[string]bool{}
	var last time.Time
	for i, e := range f.Entries {
		if !strings.HasPrefix(e.ID, "urn:uuid:") || ids[e.ID] {
			t.Errorf("entry %d: id %q is not a unique urn:uuid", i, e.ID)
		}
		ids[e.ID] = true
		up, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("entry %d: updated %q: %v", i, e.Updated, err)
		}
		if i > 0 && up.After(last) {
			t.Errorf("entry %d is newer than the one before", i)
		}
		last = up
		if e.Title == "" || len(e.Links) == 0 {
			t.Errorf("entry %d lacks a title or a link: %+v", i, e)
		}
		alternates := 0
		for _, l := range e.Links {
			if !strings.HasPrefix(l.Href, "https://") {
				t.Errorf("entry %d: link %q is not absolute", i, l.Href)
			}
			if l.Rel == "alternate" {
				alternates++
			}
		}
		// RFC 4287 4.1.1 and 4.1.2: an entry without content needs an
		// alternate link, and at most one per type.
		if alternates != 1 {
			t.Errorf("entry %d has %d alternate links, want 1", i, alternates)
		}
	}
	if e := f.Entries[0]; e.Title != "Fix a typo in the junior page" || e.Author == nil || e.Author.Name != "Ada Author" {
		t.Errorf("newest entry = %+v", e)
	}
}

func TestEditions(t *testing.T) {
	site, _ := buildHistory(t)
	pub := filepath.Join(site, "public")
	ed := read(t, pub, "editions/2026-h1/roles/senior/index.html")
	for _, want := range []string{
		// The edition's own text, and its banner leading to the current page.
		"Owns on-call for the service.",
		`<strong>Edition 2026-h1</strong>, frozen on <time datetime="2026-01-05">5 January 2026</time> (tag <code>edition/2026-h1</code>)`,
		`<a href="../../../../roles/senior/">Read the current version of this page</a>`,
		`<link rel="canonical" href="https://example.com/handbook/editions/2026-h1/roles/senior/">`,
		// Its history stops at the tag.
		"First edition of the ladder",
	} {
		if !strings.Contains(ed, want) {
			t.Errorf("edition page lacks %s", want)
		}
	}
	if strings.Contains(ed, "Ladder review") || strings.Contains(ed, "Edit this page") {
		t.Error("the edition's history goes past its tag, or offers to edit a frozen page")
	}
	if strings.Contains(ed, `href="/`) {
		t.Error("edition page has a root-relative link")
	}
	// A renamed page leads to its new URL; a deleted one to the home page.
	if moved := read(t, pub, "editions/2026-h1/guides/moving/index.html"); !strings.Contains(moved, `<a href="../../../../guides/moved/">Read the current version of this page</a>`) {
		t.Errorf("banner of a moved page:\n%s", between(t, moved, "<aside", "</aside>"))
	}
	if gone := read(t, pub, "editions/2026-h1/guides/old-guide/index.html"); !strings.Contains(gone, `The current handbook has no such page: <a href="../../../../">go to the current handbook</a>`) {
		t.Errorf("banner of a deleted page:\n%s", between(t, gone, "<aside", "</aside>"))
	}
	// Every page of the edition has the banner; the current pages do not.
	err := filepath.WalkDir(filepath.Join(pub, "editions/2026-h1"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), `class="page wide edition-diff"`) {
				return nil // a comparison: a page of the current handbook
			}
			if !strings.Contains(string(b), `class="edition-banner"`) {
				t.Errorf("%s has no edition banner", p)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(read(t, pub, "roles/senior/index.html"), "edition-banner") {
		t.Error("the current handbook shows an edition banner")
	}
	// Editions do not recurse, and robots.txt stays at the root.
	for _, absent := range []string{"editions/2026-h1/editions", "editions/2026-h1/robots.txt"} {
		if _, err := os.Stat(filepath.Join(pub, absent)); !os.IsNotExist(err) {
			t.Errorf("%s exists", absent)
		}
	}
	list := read(t, pub, "editions/index.html")
	if !strings.Contains(list, `<a href="../editions/2026-h1/">Edition 2026-h1</a>`) || !strings.Contains(list, `<a href="../editions/2026-h1/compare/current/">the current handbook</a>`) {
		t.Errorf("editions page:\n%s", between(t, list, "<article", "</article>"))
	}
}

func TestEditionDiff(t *testing.T) {
	site, _ := buildHistory(t)
	page := read(t, site, "public/editions/2026-h1/compare/current/index.html")
	senior := between(t, page, `<section class="diff-role" aria-labelledby="role-senior">`, "</section>")
	for _, want := range []string{
		`<span class="badge diff-added">added</span> Mentors junior engineers. <span class="muted">Leadership</span>`,
		`<span class="badge diff-removed">removed</span> Owns on-call for the service. <span class="muted">Operational</span>`,
		`<th scope="row">Testing <span class="change-down">importance falls</span></th><td><span class="badge imp-critical">Critical</span> Sets the test strategy for the service.</td><td><span class="badge imp-important">Important</span> Keeps the service&#39;s tests fast and trusted.</td>`,
		`<th scope="row">Code review <span class="change">expectation changes</span></th><td><span class="badge imp-important">Important</span> Reviews the designs of the service.</td><td><span class="badge imp-important">Important</span> Reviews designs and code across teams.</td>`,
		`<span class="badge diff-changed">moved</span> Vendor evaluation for the service. <span class="muted">Needs manager or executive approval → Decides alone</span>`,
	} {
		if !strings.Contains(senior, want) {
			t.Errorf("senior's diff lacks %s\n%s", want, senior)
		}
	}
	unchanged := between(t, page, `<section class="diff-unchanged"`, "</section>")
	for _, r := range []string{"Junior Engineer", "Engineering Manager"} {
		if !strings.Contains(unchanged, r+`</a> <span class="badge diff-unchanged">unchanged</span>`) {
			t.Errorf("%s is not listed as unchanged:\n%s", r, unchanged)
		}
	}
}

// TestEditionPairs configures two editions: each compares with the other
// and with the current handbook.
func TestEditionPairs(t *testing.T) {
	r, site := historyRepo(t)
	r.Tag(typoDate.Add(time.Hour), "edition/2026-h2")
	r.Commit(typoDate.Add(2*time.Hour), "Second edition", map[string]string{
		"handbook/handbook.yaml": "title: History Handbook\nbase_url: https://example.com/handbook/\n" + editionsY + "  - name: 2026-h2\n    tag: edition/2026-h2\n",
	})
	if _, err := buildSite(t, site, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"2026-h1/compare/2026-h2", "2026-h1/compare/current", "2026-h2/compare/2026-h1", "2026-h2/compare/current"} {
		if _, err := os.Stat(filepath.Join(site, "public/editions", p, "index.html")); err != nil {
			t.Error(err)
		}
	}
	page := read(t, site, "public/editions/2026-h1/compare/2026-h2/index.html")
	if !strings.Contains(page, "Edition 2026-h1 → Edition 2026-h2") || !strings.Contains(page, `<a href="../../../../editions/2026-h2/roles/senior/">Senior Engineer in edition 2026-h2</a>`) {
		t.Errorf("comparison of two editions:\n%s", between(t, page, "<article", "</article>"))
	}
	// Without repo_url there are no commit or edit links.
	senior := read(t, site, "public/roles/senior/index.html")
	if strings.Contains(senior, "Edit this page") || strings.Contains(senior, "/commit/") {
		t.Error("links to a repository that is not configured")
	}
}

// TestHistoryBadInput breaks the fixture in one way each: the build fails
// with one clear line and the previous output stays as it was.
func TestHistoryBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		tag   string // tag the breaking commit with this name
		want  string
	}{
		{name: "tag does not exist", files: map[string]string{"handbook/handbook.yaml": "title: T\n" + editionsY + "  - name: 2027-h1\n    tag: edition/2027-h1\n"},
			want: `handbook.yaml:5:5: edition 2027-h1: tag "edition/2027-h1" does not exist (create it with ` + "`git tag edition/2027-h1 <commit>`, or fetch the tags with `git fetch --tags`)"},
		{name: "edition does not build", tag: "edition/broken",
			files: map[string]string{
				"handbook/handbook.yaml":            "title: T\n" + editionsY + "  - name: broken\n    tag: edition/broken\n",
				"handbook/content/roles/manager.md": "---\nid: manager\ntitle: [Engineering Manager\n---\n## Role summary\n",
			},
			want: "edition broken: content/roles/manager.md:3:8: title: a list opened with \"[\" is not closed (end it with \"]\" and separate its items with \",\"; this is the file as tag edition/broken has it: point the edition at a tag whose content builds, or remove it from handbook.yaml)"},
		{name: "two editions with the same name", files: map[string]string{"handbook/handbook.yaml": "title: T\n" + editionsY + "  - name: 2026-h1\n    tag: edition/2026-h1\n"},
			want: `handbook.yaml:5:5: edition "2026-h1" is listed twice (it is already listed at line 3; give each edition its own name)`},
		{name: "malformed change note date", files: map[string]string{"handbook/content/guides/moved.md": "---\ntitle: Moved guide\nchanges:\n  - date: 10/02/2026\n    note: Moved.\n---\n"},
			want: `content/guides/moved.md:4:11: change note date "10/02/2026" is not a date (write the date as YYYY-MM-DD, for example 2026-03-01)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, site := historyRepo(t)
			if _, err := buildSite(t, site, Options{}); err != nil {
				t.Fatal(err)
			}
			before := tree(t, filepath.Join(site, "public"))
			r.Commit(typoDate.Add(time.Hour), "Break it", tt.files)
			if tt.tag != "" {
				r.Tag(typoDate.Add(2*time.Hour), tt.tag)
				// The broken role is fixed after the tag; only the edition is broken.
				r.Commit(typoDate.Add(3*time.Hour), "Fix it", map[string]string{"handbook/content/roles/manager.md": r.Git(time.Time{}, "show", "HEAD~2:handbook/content/roles/manager.md") + "\n"})
			}
			_, err := buildSite(t, site, Options{})
			if err == nil {
				t.Fatal("build succeeded")
			}
			if msg := err.Error(); msg != tt.want {
				t.Errorf("error = %q, want the one line %q", msg, tt.want)
			}
			if diff := cmp.Diff(before, tree(t, filepath.Join(site, "public"))); diff != "" {
				t.Errorf("previous output changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestNoHistory builds the fixture where git cannot help: outside any
// repository, in a shallow clone, and without the git binary. The site
// builds, without history, and says why in one line.
func TestNoHistory(t *testing.T) {
	r, site := historyRepo(t)
	outside := t.TempDir()
	if err := os.CopyFS(outside, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, path, note string
	}{
		{"outside a repository", outside, "", "history: not a git repository; pages are built without history, and editions are skipped"},
		{"shallow clone", filepath.Join(r.ShallowClone(), "handbook"), "", "history: shallow clone (fetch the full history with git fetch --unshallow); pages are built without history, and editions are skipped"},
		{"no git binary", site, t.TempDir(), "history: git is not installed; pages are built without history, and editions are skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path != "" {
				t.Setenv("PATH", tt.path)
			}
			stats, err := buildSite(t, tt.dir, Options{Destination: filepath.Join(t.TempDir(), "public")})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(stats.Notes, []string{tt.note}) {
				t.Errorf("notes = %q, want %q", stats.Notes, tt.note)
			}
		})
	}
	// Without git, change notes and edit links still show.
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, outside, Options{Destination: dest}); err != nil {
		t.Fatal(err)
	}
	senior := read(t, dest, "roles/senior/index.html")
	hist := between(t, senior, `<section class="page-history"`, "</section>")
	if strings.Contains(hist, "Last updated") || strings.Contains(hist, "Commits") || !strings.Contains(hist, "On-call is no longer") || !strings.Contains(hist, "Edit this page") {
		t.Errorf("history without git:\n%s", hist)
	}
	if !strings.Contains(read(t, dest, "changes/index.html"), "On-call is no longer") {
		t.Error("the changelog lacks the change notes")
	}
	if _, err := os.Stat(filepath.Join(dest, "editions")); !os.IsNotExist(err) {
		t.Error("editions built without git")
	}
}

// TestRealHandbookHistory commits a copy of the real handbook to a new
// repository (the handbook's own repository is never touched), tags it as
// an edition, changes one role, and checks that every page shows its
// history, that /changes/ and its feed exist, and that the edition is
// browsable beside the current handbook with a working diff.
// changeNote matches one entry of a page's changes in front matter.
var changeNote = regexp.MustCompile(`(?m)^  - date: \d{4}-\d{2}-\d{2}$`)

func TestRealHandbookHistory(t *testing.T) {
	files := map[string]string{}
	for _, root := range []string{"handbook.yaml", "anchors.lock", "content"} {
		err := filepath.WalkDir(filepath.Join("..", root), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel("..", p)
			files[filepath.ToSlash(rel)] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	r := gittest.New(t)
	r.Commit(v1Date, "The handbook as it was", files)
	r.Tag(v1Date, "edition/2026-h1")
	// Move one decision right of Staff to another tier.
	staff := files["content/roles/staff-software-engineer.md"]
	start := strings.Index(staff, "  approval:\n")
	item := strings.Index(staff[start:], "    - id: ")
	end := strings.Index(staff[start+item+10:], "    - id: ")
	if start < 0 || item < 0 || end < 0 {
		t.Fatal("cannot find Staff's approval tier")
	}
	right := staff[start+item : start+item+10+end]
	id := strings.TrimSpace(strings.SplitN(strings.TrimPrefix(right, "    - id: "), "\n", 2)[0])
	staff = strings.Replace(staff, right, "", 1)
	staff = strings.Replace(staff, "decision_rights:\n  alone:\n", "decision_rights:\n  alone:\n"+right, 1)
	// Alias the right's old anchor, in the page's anchor_aliases when it
	// has some already, and add a change note.
	alias := "approval-" + id + ": alone-" + id
	if strings.Contains(staff, "\nanchor_aliases:\n") {
		staff = strings.Replace(staff, "\nanchor_aliases:\n", "\nanchor_aliases:\n  "+alias+"\n", 1)
	} else {
		staff = strings.Replace(staff, "\nweight: ", "\nanchor_aliases: {"+alias+"}\nweight: ", 1)
	}
	note := "  - date: 2026-02-10\n    note: \"Staff: " + id + " moved from needs-approval to decides-alone.\"\n"
	if strings.Contains(staff, "\nchanges:\n") {
		staff = strings.Replace(staff, "\nchanges:\n", "\nchanges:\n"+note, 1)
	} else {
		staff = strings.Replace(staff, "\nweight: ", "\nchanges:\n"+note+"weight: ", 1)
	}
	r.Commit(v2Date, "Staff decides "+id+" alone", map[string]string{
		"content/roles/staff-software-engineer.md": staff,
		"handbook.yaml": files["handbook.yaml"] + "\n" + editionsY,
	})
	if _, err := buildSite(t, r.Dir, Options{}); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(r.Dir, "public")
	for name := range files {
		if !strings.HasPrefix(name, "content/") || !strings.HasSuffix(name, ".md") {
			continue
		}
		page := strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md")
		page = strings.TrimSuffix(strings.TrimSuffix(page, "_index"), "/")
		out := filepath.Join(pub, page, "index.html")
		b, err := os.ReadFile(out)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.Contains(string(b), `<section class="page-history"`) || !strings.Contains(string(b), "Last updated") {
			t.Errorf("%s shows no history", out)
		}
	}
	for _, f := range []string{"changes/index.html", "changes/atom.xml", "editions/index.html", "editions/2026-h1/index.html", "editions/2026-h1/roles/staff-software-engineer/index.html"} {
		if _, err := os.Stat(filepath.Join(pub, f)); err != nil {
			t.Error(err)
		}
	}
	var feed render.AtomFeed
	// The two commits, the change note added above, and the change notes
	// the handbook's pages carry already.
	wantEntries := 3
	for _, f := range files {
		wantEntries += len(changeNote.FindAllString(f, -1))
	}
	if err := xml.Unmarshal([]byte(read(t, pub, "changes/atom.xml")), &feed); err != nil || len(feed.Entries) != wantEntries {
		t.Errorf("feed: %d entries, want %d, %v", len(feed.Entries), wantEntries, err)
	}
	diff := read(t, pub, "editions/2026-h1/compare/current/index.html")
	changed := between(t, diff, `<ul class="diff-summary">`, "</ul>")
	if !strings.Contains(changed, "Staff Software Engineer") || strings.Count(changed, "<li>") != 1 ||
		!strings.Contains(diff, "Needs manager or executive approval → Decides alone") {
		t.Errorf("diff of the real handbook:\n%s", changed)
	}
}

// TestHistoryLimits checks that long histories stay readable: a page lists
// its newest commits and links the rest, the changelog its newest entries.
func TestHistoryLimits(t *testing.T) {
	r := gittest.New(t)
	r.Commit(v1Date, "Add the page", map[string]string{
		"handbook.yaml":     "title: T\nrepo_url: https://github.com/org/handbook\nedit_branch: trunk\n",
		"content/a page.md": "---\ntitle: A page\n---\nv0\n",
	})
	n := render.PageCommits + 2
	for i := 1; i < n; i++ {
		r.Commit(v1Date.Add(time.Duration(i)*time.Hour), fmt.Sprintf("Revision %d", i), map[string]string{"content/a page.md": fmt.Sprintf("---\ntitle: A page\n---\nv%d\n", i)})
	}
	if _, err := buildSite(t, r.Dir, Options{}); err != nil {
		t.Fatal(err)
	}
	page := read(t, r.Dir, "public/a-page/index.html")
	if got := strings.Count(page, `<code class="hash">`); got != render.PageCommits {
		t.Errorf("%d commits listed, want %d", got, render.PageCommits)
	}
	for _, want := range []string{
		`2 older commits: <a href="https://github.com/org/handbook/commits/trunk/content/a%20page.md">see the full history</a>.`,
		`<a class="edit-link" href="https://github.com/org/handbook/edit/trunk/content/a%20page.md">Edit this page</a>`,
		fmt.Sprintf("Revision %d", n-1),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, ">Add the page<") || strings.Contains(page, ">Revision 1<") {
		t.Error("the oldest commits are listed")
	}
}

// TestOneGitLog counts the git runs of a build through a wrapper on PATH
// that logs its arguments: the current handbook's history is one git log,
// however many pages there are, and each edition adds its own fixed few
// runs (resolve its tag, read its date, list and read its files, and its
// one git log at the tag).
func TestOneGitLog(t *testing.T) {
	real, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	r, site := historyRepo(t)
	runs := func(t *testing.T) []string {
		t.Helper()
		bin := t.TempDir()
		logFile := filepath.Join(t.TempDir(), "runs")
		wrapper := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + logFile + "'\nexec '" + real + "' \"$@\"\n"
		if err := os.WriteFile(filepath.Join(bin, "git"), []byte(wrapper), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		if _, err := buildSite(t, site, Options{Destination: filepath.Join(t.TempDir(), "public")}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatal(err)
		}
		var cmds []string
		for line := range strings.Lines(string(b)) {
			// "-C <dir> --literal-pathspecs -c core.quotePath=off <command> ..."
			f := strings.Fields(line)
			if len(f) < 6 {
				t.Fatalf("unexpected git run %q", line)
			}
			cmds = append(cmds, f[5])
		}
		slices.Sort(cmds)
		return cmds
	}
	// Open (2 rev-parse), the log of HEAD; for the edition: rev-parse of
	// its tag, show (its date), ls-tree, cat-file and the log at the tag.
	want := []string{"cat-file", "log", "log", "ls-tree", "rev-parse", "rev-parse", "rev-parse", "show"}
	if got := runs(t); !slices.Equal(got, want) {
		t.Errorf("git runs of a build = %q, want %q", got, want)
	}
	// Ten more pages, each with its own commit: the same runs.
	for i := range 10 {
		r.Commit(typoDate.Add(time.Duration(i+1)*time.Minute), fmt.Sprintf("Add guide %d", i),
			map[string]string{fmt.Sprintf("handbook/content/guides/g%d.md", i): fmt.Sprintf("---\ntitle: Guide %d\n---\nText.\n", i)})
	}
	if got := runs(t); !slices.Equal(got, want) {
		t.Errorf("git runs of a build with 10 more pages = %q, want %q", got, want)
	}
}

// TestEntryPointsAgree is the regression test of a bug of five entry
// points that each prepared a build their own way: with one edition
// configured and a page linking into it, check and build passed but
// check --update-anchors, which did not open the repository, failed with
// "link to missing page /editions/<name>/". Every way into a Project
// builds the same site.
func TestEntryPointsAgree(t *testing.T) {
	r, dir := historyRepo(t)
	r.Commit(typoDate.Add(time.Hour), "Link to the edition", map[string]string{
		"handbook/content/guides/editions-guide.md": "---\ntitle: Reading editions\n---\nSee [the first edition](/editions/2026-h1/) and [its senior page](/editions/2026-h1/roles/senior/).\n",
	})
	ctx := context.Background()
	p := Open(ctx, dir, Options{Destination: filepath.Join(t.TempDir(), "public")})
	if _, _, err := p.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
	if _, err := p.UpdateAnchors(ctx); err != nil {
		t.Errorf("check --update-anchors: %v", err)
	}
	if _, _, err := p.Search(ctx); err != nil {
		t.Errorf("search: %v", err)
	}
	if _, err := p.Builder().Build(ctx, nil); err != nil {
		t.Errorf("serve --watch: %v", err)
	}
	if _, err := p.Build(ctx); err != nil {
		t.Errorf("build: %v", err)
	}
}
