package generator

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/internal/corpus"
)

// edit changes a site on disk and returns the paths it changed, as the
// watcher reports them.
type edit struct {
	name string
	do   func(t *testing.T, dir string) []string
	// rendered, when set, are the output files the rebuild must render
	// again (and no others).
	rendered []string
	// fails says the rebuild must fail, with an error containing it.
	fails string
	// fast says the rebuild must take the fast path of body edits
	// (fastpath.go); slow that it must not.
	fast, slow bool
}

func writeFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replace edits one file in place.
func replace(rel, old, new string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		t.Helper()
		s := readFile(t, dir, rel)
		if !strings.Contains(s, old) {
			t.Fatalf("%s does not contain %q", rel, old)
		}
		writeFile(t, dir, rel, strings.Replace(s, old, new, 1))
		return []string{rel}
	}
}

// create writes a new file.
func create(rel, data string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		writeFile(t, dir, rel, data)
		return []string{rel}
	}
}

// move renames a file or folder.
func move(from, to string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		t.Helper()
		if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
		return []string{from, to}
	}
}

// runEdits builds the site in dir with a Builder, then applies each edit
// and checks the rebuild: the same files as a fresh build, byte for byte,
// search index included (made page by page from the previous build's),
// and, where the edit says, exactly the pages it must render again.
func runEdits(t *testing.T, dir string, opts Options, edits []edit) {
	t.Helper()
	ctx := context.Background()
	b := Open(ctx, dir, opts).Builder()
	first, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatalf("first build: %v", err)
	}
	if !first.Full || len(first.Rendered) == 0 {
		t.Errorf("first build: Full %v, %d rendered; want a full build", first.Full, len(first.Rendered))
	}
	withSearch(t, ctx, "first build", first)
	searched := true // the index holds the previous build's pages
	for _, e := range edits {
		changed := e.do(t, dir)
		got, err := b.Build(ctx, changed)
		want, werr := b.p.with(os.DirFS(dir)).Generate(ctx)
		if e.fails != "" {
			sameFailure(t, e.name, e.fails, err, werr)
			searched = false
			continue
		}
		if err != nil {
			t.Fatalf("%s: rebuild: %v", e.name, err)
		}
		if e.fast && !got.Fast || e.slow && got.Fast {
			t.Errorf("%s: fast path %v, want %v", e.name, got.Fast, e.fast)
		}
		if werr != nil {
			t.Fatalf("%s: fresh build: %v", e.name, werr)
		}
		sameFiles(t, e.name, want.Files, withSearch(t, ctx, e.name, got))
		if diff := cmp.Diff(want.Warnings, got.Warnings); diff != "" {
			t.Fatalf("%s: warnings differ from a fresh build's (-fresh +rebuild):\n%s", e.name, diff)
		}
		// A page not rendered again has the same search data: it is not
		// analysed again.
		if analysed := b.cache.search.analysed; searched {
			if extra := slices.DeleteFunc(slices.Clone(analysed), func(p string) bool { return slices.Contains(got.Rendered, p) }); len(extra) > 0 {
				t.Errorf("%s: search analysed pages not rendered again: %v", e.name, extra)
			}
		}
		searched = true
		if e.rendered != nil {
			sort.Strings(e.rendered)
			if diff := cmp.Diff(e.rendered, got.Rendered); diff != "" {
				t.Errorf("%s: pages rendered again (-want +got):\n%s", e.name, diff)
			}
		}
	}
}

// sameFiles fails when the incremental build differs from the fresh one.
func sameFiles(t *testing.T, name string, want, got map[string][]byte) {
	t.Helper()
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+p)
		case !bytes.Equal(w, g):
			diffs = append(diffs, fmt.Sprintf("differs %s:\n%s", p, firstDiff(string(w), string(g))))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		if len(diffs) > 5 {
			diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
		}
		t.Fatalf("%s: the rebuild differs from a fresh build:\n%s", name, strings.Join(diffs, "\n"))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(wl), len(gl)) {
		if wl[i] != gl[i] {
			return fmt.Sprintf("  line %d\n  fresh:       %.200s\n  incremental: %.200s", i+1, wl[i], gl[i])
		}
	}
	return fmt.Sprintf("  %d lines fresh, %d incremental", len(wl), len(gl))
}

// Pages of testdata/sites/basic.txtar.
var (
	basicAll = []string{
		"404.html", "index.html", "guides/index.html", "guides/code/index.html",
		"roles/index.html", "roles/junior/index.html", "roles/senior/index.html",
		"skills/index.html", "skills/testing/index.html", "skills/matrix/index.html",
		"behaviours/index.html", "behaviours/impact/index.html", "behaviours/influence/index.html",
		"compare/index.html", "compare/junior-vs-senior/index.html",
		"print/individual-contributor/index.html",
	}
	// basicCareer are the pages showing the career model.
	basicCareer = []string{
		"index.html", "roles/junior/index.html", "roles/senior/index.html",
		"skills/testing/index.html", "skills/matrix/index.html",
		"behaviours/index.html", "behaviours/impact/index.html", "behaviours/influence/index.html",
		"compare/junior-vs-senior/index.html", "print/individual-contributor/index.html",
	}
)

func TestBasicPagesList(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	res, err := OpenFS(os.DirFS(dir), nil, Options{}).Generate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for p := range res.Files {
		if strings.HasSuffix(p, ".html") {
			got = append(got, p)
		}
	}
	want := slices.Clone(basicAll)
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("pages of basic.txtar changed; update basicAll (-want +got):\n%s", diff)
	}
}

// TestRebuildDependencies checks which pages each kind of change renders
// again, and that every rebuild equals a fresh build.
func TestRebuildDependencies(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	runEdits(t, dir, Options{}, []edit{
		{name: "nothing changed", do: func(*testing.T, string) []string { return []string{} }, rendered: []string{}},
		{name: "saved unchanged", do: replace("content/guides/code.md", "Where next", "Where next"),
			rendered: []string{}},
		{name: "body of a guide", do: replace("content/guides/code.md", "and the", "and then the"),
			rendered: []string{"guides/code/index.html"}, fast: true},
		{name: "new link from a guide: the target's backlinks",
			do:       replace("content/guides/code.md", "and then the", "and the [[testing]] skill and the"),
			rendered: []string{"guides/code/index.html", "skills/testing/index.html"}, fast: true},
		{name: "the link moved to another section: the target's backlinks",
			do:       replace("content/guides/code.md", "and the [[testing]] skill and the", "and the\n\n## Testing\n\nSee [[testing]], and the"),
			rendered: []string{"guides/code/index.html", "roles/junior/index.html", "skills/testing/index.html"}, fast: true},
		{name: "the link removed: the target loses its backlink",
			do:       replace("content/guides/code.md", "See [[testing]], and the", "And the"),
			rendered: []string{"guides/code/index.html", "skills/testing/index.html"}, fast: true},
		{name: "the link back where it was",
			do:       replace("content/guides/code.md", "\n\n## Testing\n\nAnd the", " [[testing]] skill and the"),
			rendered: []string{"guides/code/index.html", "roles/junior/index.html", "skills/testing/index.html"}, fast: true},
		{name: "a heading that a link points at renamed", do: replace("content/roles/senior.md", "## Career path", "## Next steps"),
			fails: "has no anchor #career-path"},
		// A failed build renders nothing: putting the file back as it was
		// at the last good build gives back that build's pages, whose keys
		// hash the file's bytes.
		{name: "the heading back: the pages are as the last good build left them", do: replace("content/roles/senior.md", "## Next steps", "## Career path"),
			rendered: []string{}},
		{name: "a heading no link points at, added", do: replace("content/roles/senior.md", "Leads to Staff.", "Leads to Staff.\n\n## Reading\n\nBooks."),
			rendered: []string{"roles/senior/index.html", "print/individual-contributor/index.html"}, fast: true},
		{name: "a link to a page that does not exist", do: replace("content/roles/senior.md", "Books.", "Books and [[nowhere]]."),
			fails: "unknown page id"},
		{name: "the link fixed", do: replace("content/roles/senior.md", "Books and [[nowhere]].", "Books."),
			rendered: []string{}},
		{name: "a role loses its Role summary", do: replace("content/roles/senior.md", "## Role summary", "## Summary"),
			fails: "Role summary"},
		{name: "the Role summary back", do: replace("content/roles/senior.md", "## Summary", "## Role summary"), slow: true},
		{name: "a guide's description: its section's cards",
			do:       replace("content/guides/code.md", "title: Code Guide", "title: Code Guide\ndescription: How we write code."),
			rendered: []string{"guides/code/index.html", "guides/index.html", "index.html"}, slow: true},
		{name: "a guide's title: the navigation, on every page",
			do:       replace("content/guides/code.md", "title: Code Guide", "title: Coding Guide"),
			rendered: basicAll},
		{name: "body of a role: the career pages",
			do:       replace("content/roles/senior.md", "Leads to Staff.", "Leads to Staff, in time."),
			rendered: []string{"roles/senior/index.html", "print/individual-contributor/index.html"}, fast: true},
		{name: "a role's responsibilities: the career pages",
			do:       replace("content/roles/senior.md", "Owns on-call for the service.", "Owns on-call for the service and its alerts."),
			rendered: basicCareer},
		{name: "a skill's expectation: the career pages",
			do:       replace("content/skills/testing.md", "Writes unit tests", "Writes unit and integration tests"),
			rendered: basicCareer},
		{name: "a role's behaviour: the career pages",
			do:       replace("content/roles/senior.md", "Writes designs the team reviews", "Writes designs that the team reviews"),
			rendered: basicCareer},
		{name: "an item's meets example: the career pages",
			do:       replace("content/roles/senior.md", "not only the symptom", "not just the symptom"),
			rendered: basicCareer},
		{name: "an axis's title: the career pages",
			do:       replace("content/behaviours/influence.md", "title: Communication and influence", "title: Influence"),
			rendered: basicAll},
		{name: "the body of an axis: its own page",
			do:       replace("content/behaviours/influence.md", "Look for decisions shaped.", "Look for the decisions it shaped."),
			rendered: []string{"behaviours/influence/index.html"}, fast: true},
		{name: "the body of the behaviours section: its own page",
			do:       replace("content/behaviours/_index.md", "Expectations are cumulative.", "Expectations add up."),
			rendered: []string{"behaviours/index.html"}, fast: true},
		// Roles come and go with every comparison of a pair they are in,
		// listed or not.
		{name: "a role held at the senior level: its comparisons with every role", do: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "content/roles/lead.md", "---\nid: lead\ntitle: Tech Lead\ndescription: Leads a squad.\n"+
				"track: individual-contributor\nlevel: 3\nheld_at: [senior]\nrelations:\n  feeds_from:\n    - id: junior\n      note: Rarely, and with a mentor.\n"+
				"responsibilities:\n  technical:\n    - id: direction\n      text: Sets the squad's direction.\n"+
				"decision_rights:\n  alone:\n    - id: order\n      text: The order of work.\n"+
				"ai_impact:\n  outlook:\n    - id: fewer-handoffs\n      text: Fewer handoffs.\n---\n## Role summary\n\nLeads.\n")
			return append([]string{"content/roles/lead.md"},
				replace("content/skills/testing.md", "levels:\n", "levels:\n  lead: {importance: Critical, expectation: Reviews the squad's tests.}\n")(t, dir)...)
		}},
		{name: "a note on the held role's path changed: both role pages", do: replace("content/roles/lead.md", "Rarely, and with a mentor.", "Rarely.")},
		// The navigation shows the span of levels a role is held at.
		{name: "a staff role", do: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "content/roles/staff.md", "---\nid: staff\ntitle: Staff Engineer\ndescription: Leads across teams.\n"+
				"track: individual-contributor\nlevel: 4\nrelations:\n  feeds_from: [senior]\n"+
				"responsibilities:\n  technical:\n    - id: strategy\n      text: Sets the technical strategy of several teams.\n"+
				"decision_rights:\n  alone:\n    - id: standards\n      text: The standards the teams share.\n"+
				"ai_impact:\n  outlook:\n    - id: reviews\n      text: Fewer reviews by hand.\n---\n## Role summary\n\nLeads across teams.\n")
			return append([]string{"content/roles/staff.md"},
				replace("content/skills/testing.md", "levels:\n", "levels:\n  staff: {importance: Critical, expectation: Sets how several teams test.}\n")(t, dir)...)
		}},
		{name: "the held role held at the staff level too: its span in the navigation, on every page",
			do: replace("content/roles/lead.md", "held_at: [senior]", "held_at: [senior, staff]")},
		{name: "the staff role gone", do: func(t *testing.T, dir string) []string {
			os.Remove(filepath.Join(dir, "content/roles/staff.md"))
			replace("content/skills/testing.md", "  staff: {importance: Critical, expectation: Sets how several teams test.}\n", "")(t, dir)
			return append([]string{"content/roles/staff.md", "content/skills/testing.md"},
				replace("content/roles/lead.md", "held_at: [senior, staff]", "held_at: [senior]")(t, dir)...)
		}},
		{name: "the held role removed: its comparisons go", do: func(t *testing.T, dir string) []string {
			os.Remove(filepath.Join(dir, "content/roles/lead.md"))
			return append([]string{"content/roles/lead.md"},
				replace("content/skills/testing.md", "  lead: {importance: Critical, expectation: Reviews the squad's tests.}\n", "")(t, dir)...)
		}},
		{name: "a heading linked to: the linking page's links", do: replace("content/roles/senior.md", "## Career path", "## Career path {#career-path}\n\nSee below."),
			rendered: []string{"roles/senior/index.html", "print/individual-contributor/index.html"}},
		// The navigation of pages two folders deep is rendered once for all
		// of them (the theme's cached): it must follow the navigation too.
		{name: "a page two folders deep", do: create("content/guides/sub/deeper/deep.md", "---\ntitle: Deep\n---\nDown here.\n")},
		{name: "a new guide: the navigation of the page two folders deep", do: create("content/guides/new.md", "---\ntitle: New\n---\nLinks to [[senior]].\n")},
		{name: "a guide retitled: the navigation of the page two folders deep", do: replace("content/guides/new.md", "title: New", "title: Newer")},
		{name: "the guide's title back", do: replace("content/guides/new.md", "title: Newer", "title: New")},
		// The ladder lint's warnings name lines of the front matter: a
		// change that keeps its meaning but moves a line is no body edit.
		{name: "a decision right that repeats the level below: a ladder warning",
			do: replace("content/roles/senior.md", "How to implement agreed designs.", "How to write the code inside a task.")},
		{name: "a comment in the front matter", do: replace("content/roles/senior.md", "---\nid: senior\n", "---\n# Reviewed yearly.\nid: senior\n")},
		{name: "the comment moved below the warned lines: the warnings move up", do: func(t *testing.T, dir string) []string {
			replace("content/roles/senior.md", "# Reviewed yearly.\n", "")(t, dir)
			return replace("content/roles/senior.md", "      text: Boilerplate code.\n", "      text: Boilerplate code.\n# Reviewed yearly.\n")(t, dir)
		}, slow: true},
		{name: "the decision right and the comment gone", do: func(t *testing.T, dir string) []string {
			replace("content/roles/senior.md", "# Reviewed yearly.\n", "")(t, dir)
			return replace("content/roles/senior.md", "How to write the code inside a task.", "How to implement agreed designs.")(t, dir)
		}},
		{name: "the new guide renamed", do: move("content/guides/new.md", "content/guides/newer.md")},
		{name: "the guide removed", do: func(t *testing.T, dir string) []string {
			os.Remove(filepath.Join(dir, "content/guides/newer.md"))
			return []string{"content/guides/newer.md"}
		}},
		{name: "a broken link", do: replace("content/guides/code.md", "[[testing]]", "[[tesitng]]"), fails: "unknown page id"},
		{name: "broken front matter", do: replace("content/guides/code.md", "title: Coding Guide", "title: [Coding Guide"), fails: "content/guides/code.md:"},
		{name: "both fixed", do: func(t *testing.T, dir string) []string {
			replace("content/guides/code.md", "title: [Coding Guide", "title: Coding Guide")(t, dir)
			return replace("content/guides/code.md", "[[tesitng]]", "[[testing]]")(t, dir)
		}},
		{name: "a new page that a broken link waited for", do: func(t *testing.T, dir string) []string {
			replace("content/guides/code.md", "[[testing]]", "[[later]]")(t, dir)
			return []string{"content/guides/code.md", "content/guides/later.md"}
		}, fails: "unknown page id"},
		{name: "the page appears", do: create("content/guides/later.md", "---\nid: later\ntitle: Later\n---\nHi.\n")},
		{name: "an image", do: create("content/guides/diagram.png", "\x89PNG fake")},
		{name: "the image changed", do: create("content/guides/diagram.png", "\x89PNG fake, changed")},
		{name: "a stylesheet only", do: create("themes/default/static/handbook.css", "body { color: red }")},
		{name: "the configuration", do: replace("handbook.yaml", "title: Test Handbook", "title: Test Handbook 2")},
		{name: "invalid configuration", do: replace("handbook.yaml", "title: Test Handbook 2", "title: [Test"), fails: "handbook.yaml:"},
		{name: "configuration fixed", do: replace("handbook.yaml", "title: [Test", "title: Test Handbook 3")},
		{name: "the content folder removed", do: func(t *testing.T, dir string) []string {
			if err := os.Rename(filepath.Join(dir, "content"), filepath.Join(dir, "content-away")); err != nil {
				t.Fatal(err)
			}
			return []string{"content"}
		}, fails: "content"},
		{name: "the content folder restored", do: func(t *testing.T, dir string) []string {
			if err := os.Rename(filepath.Join(dir, "content-away"), filepath.Join(dir, "content")); err != nil {
				t.Fatal(err)
			}
			return []string{"content", "content/guides/code.md"}
		}},
		{name: "a folder of pages added", do: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "content/teams/_index.md", "---\ntitle: Teams\n---\n")
			writeFile(t, dir, "content/teams/platform.md", "---\ntitle: Platform\n---\nSee [[senior]].\n")
			return []string{"content/teams"}
		}},
		// A title from the first heading is read from the body: a new
		// heading is a new title, for the navigation and the links too.
		{name: "a page titled by its first heading", do: create("content/teams/notes.md", "# Team notes\n\nSee [[platform]].\n")},
		{name: "a short reference to it by file name", do: replace("content/teams/platform.md", "See [[senior]].", "See [[senior]] and [[notes]].")},
		{name: "its first heading changed: its title", do: replace("content/teams/notes.md", "# Team notes", "# Our notes"), slow: true},
		{name: "the body below its first heading: a body edit", do: replace("content/teams/notes.md", "See [[platform]].", "See [[platform]], often."), fast: true},
		{name: "a second notes.md: the short reference is ambiguous", do: create("content/guides/notes.md", "Guide notes.\n"),
			fails: `content/teams/platform.md:4:20: short reference [[notes]] is ambiguous`},
		{name: "the full id", do: replace("content/teams/platform.md", "[[notes]]", "[[teams/notes]]")},
		{name: "a README.md beside _index.md", do: create("content/teams/README.md", "# Teams\n"),
			fails: "content/teams/README.md:1:1: README.md is also the page of folder teams/, as content/teams/_index.md is"},
		{name: "_index.md gone: README.md is the folder's page", do: func(t *testing.T, dir string) []string {
			os.Remove(filepath.Join(dir, "content/teams/_index.md"))
			return []string{"content/teams/_index.md"}
		}},
		{name: "an ignored file", do: create("content/guides/.code.md.swp", "swap"), rendered: []string{}},
		{name: "a draft", do: create("content/guides/draft.md", "---\ntitle: Draft\ndraft: true\n---\n"), rendered: []string{}},
		// Layouts of the site's own: every page is rendered every time.
		{name: "a template", do: create("themes/default/layouts/page.html", `{{define "main"}}<article>{{.Content}}</article>{{end}}`)},
		{name: "a broken template", do: create("themes/default/layouts/page.html", `{{define "main"}}{{.Nope}`), fails: "themes/default/layouts/page.html:1"},
		{name: "a broken template and a page", do: func(t *testing.T, dir string) []string {
			create("themes/default/layouts/page.html", `{{define "main"}}{{.Nope}`)(t, dir)
			return []string{"themes/default/layouts/page.html", replace("content/guides/code.md", "Where next", "Where then")(t, dir)[0]}
		}, fails: "themes/default/layouts/page.html:1"},
		{name: "the template fixed: the page's change is not lost", do: create("themes/default/layouts/page.html", `{{define "main"}}<article class="x">{{.Content}}</article>{{end}}`)},
		{name: "a page under the site's layouts", do: replace("content/guides/code.md", "Where then", "Where to go next")},
	})
}

// Every kind of change, on the handbook of this repository.
func TestRebuildRealHandbook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handbook many times")
	}
	dir := copyHandbook(t)
	runEdits(t, dir, Options{}, []edit{
		// Other pages name this guide by id, so a new id fails until they
		// follow it.
		{name: "a guide's id that short references use", do: replace("content/guides/jump-to-senior.md", "id: jump-to-senior", "id: jump-to-senior-level"),
			fails: `short reference to unknown page id "jump-to-senior"`},
		// Back as at the last good build: its pages are reused.
		{name: "the guide's id back", do: replace("content/guides/jump-to-senior.md", "id: jump-to-senior-level", "id: jump-to-senior"),
			rendered: []string{}, slow: true},
		{name: "a guide's body", do: replace("content/guides/jump-to-senior.md", "Years of experience\ndo not make", "Years of experience\nalone do not make"),
			rendered: []string{"guides/jump-to-senior/index.html"}, fast: true},
		{name: "a published heading renamed", do: replace("content/guides/jump-to-senior.md", "## A tale of two engineers", "## Two engineers"),
			fails: "published anchor /guides/jump-to-senior/#a-tale-of-two-engineers is gone"},
		{name: "the heading back", do: replace("content/guides/jump-to-senior.md", "## Two engineers", "## A tale of two engineers"),
			rendered: []string{}},
		{name: "a new heading", do: replace("content/guides/jump-to-senior.md", "## A tale of two engineers", "## Before we start\n\nA word first.\n\n## A tale of two engineers"),
			rendered: []string{"guides/jump-to-senior/index.html"}, fast: true},
		{name: "a role's front matter", do: func(t *testing.T, dir string) []string {
			s := readFile(t, dir, "content/roles/tech-lead.md")
			i := strings.Index(s, "text: ")
			writeFile(t, dir, "content/roles/tech-lead.md", s[:i+6]+"Newly "+s[i+6:])
			return []string{"content/roles/tech-lead.md"}
		}},
		{name: "a role held at two levels, with a note on its path", do: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "content/roles/acting-lead.md", "---\nid: acting-lead\ntitle: Acting Lead\ndescription: Leads a squad for a while.\n"+
				"track: individual-contributor\nlevel: 3\nheld_at: [senior-software-engineer, staff-software-engineer]\n"+
				"relations:\n  leads_to:\n    - id: engineering-manager\n      note: Only after leading for a year.\n"+
				"responsibilities:\n  technical:\n    - id: direction\n      text: Sets the squad's direction for a while.\n"+
				"decision_rights:\n  alone:\n    - id: order\n      text: The order of the squad's work.\n"+
				"ai_impact:\n  outlook:\n    - id: fewer-handoffs\n      text: Fewer handoffs.\n---\n## Role summary\n\nLeads for a while.\n")
			return append([]string{"content/roles/acting-lead.md"}, replace("content/skills/observability.md", "levels:\n",
				"levels:\n  acting-lead: {importance: Important, expectation: Reads the squad's dashboards.}\n")(t, dir)...)
		}},
		{name: "the role held at two levels removed", do: func(t *testing.T, dir string) []string {
			os.Remove(filepath.Join(dir, "content/roles/acting-lead.md"))
			return append([]string{"content/roles/acting-lead.md"}, replace("content/skills/observability.md",
				"  acting-lead: {importance: Important, expectation: Reads the squad's dashboards.}\n", "")(t, dir)...)
		}},
		{name: "a skill's title", do: func(t *testing.T, dir string) []string {
			s := readFile(t, dir, "content/skills/observability.md")
			writeFile(t, dir, "content/skills/observability.md", strings.Replace(s, "title: ", "title: The ", 1))
			return []string{"content/skills/observability.md"}
		}},
		{name: "the glossary", do: func(t *testing.T, dir string) []string {
			s := readFile(t, dir, "content/glossary.md")
			writeFile(t, dir, "content/glossary.md", s+"\nOne more line.\n")
			return []string{"content/glossary.md"}
		}},
		{name: "the home page", do: func(t *testing.T, dir string) []string {
			s := readFile(t, dir, "content/_index.md")
			writeFile(t, dir, "content/_index.md", s+"\nWelcome again.\n")
			return []string{"content/_index.md"}
		}},
	})
}

// copyHandbook copies the handbook of this repository into a temporary
// folder (outside git: built without history).
func copyHandbook(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"handbook.yaml", "anchors.lock", "content"} {
		err := filepath.WalkDir(filepath.Join("..", name), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel("..", p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			writeFile(t, dir, filepath.ToSlash(rel), string(b))
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return dir
}

// A synthetic corpus: a leaf page's body renders that page alone.
func TestRebuildCorpus(t *testing.T) {
	c := corpus.New(corpus.Options{Pages: 300})
	dir := t.TempDir()
	if err := c.Write(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	leaf := c.Path(c.Leaf())
	runEdits(t, dir, Options{}, []edit{
		{name: "a leaf's body", do: func(t *testing.T, dir string) []string {
			writeFile(t, dir, leaf, readFile(t, dir, leaf)+"\nOne more paragraph.\n")
			return []string{leaf}
		}, rendered: []string{strings.TrimSuffix(strings.TrimPrefix(leaf, "content/"), ".md") + "/index.html"}, fast: true},
	})
}

// TestRebuildKeepsLadderWarnings: the ladder lint reads front matter only,
// so a body edit still takes the fast path and keeps its warnings.
func TestRebuildKeepsLadderWarnings(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	replace("content/roles/senior.md", "How to implement agreed designs.", "How to write the code inside a task.")(t, dir)
	ctx := context.Background()
	b := Open(ctx, dir, Options{}).Builder()
	first, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Warnings) == 0 {
		t.Fatal("the first build has no ladder warnings")
	}
	changed := replace("content/guides/code.md", "Read ", "Now read ")(t, dir)
	got, err := b.Build(ctx, changed)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Fast {
		t.Error("a body edit did not take the fast path")
	}
	if diff := cmp.Diff(first.Warnings, got.Warnings); diff != "" {
		t.Errorf("warnings (-first +rebuild):\n%s", diff)
	}
}

// sameFailure checks that a rebuild failed with fails, as the fresh build
// of the same source did.
func sameFailure(t *testing.T, name, fails string, err, werr error) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), fails) {
		t.Fatalf("%s: rebuild error %v, want one containing %q", name, err, fails)
	}
	if werr == nil || werr.Error() != err.Error() {
		t.Fatalf("%s: rebuild error\n%v\nfresh build error\n%v", name, err, werr)
	}
}

// withSearch is the rebuild's files with its search index, which a fresh
// build writes too.
func withSearch(t *testing.T, ctx context.Context, name string, got *Rebuild) map[string][]byte {
	t.Helper()
	search, err := got.Search(ctx)
	if err != nil {
		t.Fatalf("%s: search index: %v", name, err)
	}
	all := maps.Clone(got.Files)
	maps.Copy(all, search)
	return all
}
