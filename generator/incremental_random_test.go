package generator

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRebuildRandom applies long random sequences of edits to a handbook
// whose guides nest four folders deep and compares every rebuild of a
// Builder with a fresh build: the same files byte for byte (search index
// and warnings included) after a successful one, the same error after a
// failing one.
//
// The edits are split into rounds of roundEdits, each from its own seed,
// run two at a time. A failure names the round's seed and lists its edits;
// replay it with
//
//	go test ./generator/ -run TestRebuildRandom -seed=SEED [-edits=N]
//
// (or HANDBOOK_SEED=SEED). HANDBOOK_EDITS (or -edits) sets the number of
// edits in all: `make fuzz` runs 50,000. By default it is 3,000 (about
// 75 s of CPU, so 40 s on two CPUs), and 300 under -short or the race
// detector, which makes each edit about five times slower (40 s of CPU).
func TestRebuildRandom(t *testing.T) {
	total := 3000
	if testing.Short() || raceDetector {
		total = 300
	}
	if n, ok := intSetting(t, int64(*randomEdits), "HANDBOOK_EDITS"); ok {
		total = int(n)
	}
	if seed, ok := intSetting(t, *randomSeed, "HANDBOOK_SEED"); ok {
		n := roundEdits
		if *randomEdits != 0 || os.Getenv("HANDBOOK_EDITS") != "" {
			n = total
		}
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { runRandomEdits(t, seed, n) })
		return
	}
	base := time.Now().UnixNano() % 1e12
	t.Logf("%d edits in rounds of %d, seeds from %d", total, roundEdits, base)
	for i := 0; i*roundEdits < total; i++ {
		seed := base + int64(i)
		n := min(roundEdits, total-i*roundEdits)
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			runRandomEdits(t, seed, n)
		})
	}
}

var (
	randomSeed  = flag.Int64("seed", 0, "TestRebuildRandom: replay the round with this seed (or HANDBOOK_SEED)")
	randomEdits = flag.Int("edits", 0, "TestRebuildRandom: edits in all, or in the round -seed replays (or HANDBOOK_EDITS)")
)

// roundEdits is the length of one round: short enough to read its edits
// on a failure, long enough to build up a tree and break it.
const roundEdits = 150

// intSetting returns the flag's value when set, or else the environment
// variable's.
func intSetting(t *testing.T, flagValue int64, env string) (int64, bool) {
	if flagValue != 0 {
		return flagValue, true
	}
	s := os.Getenv(env)
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: not a number", env, s)
	}
	return n, true
}

// randomSite is the start of every round: basic.txtar's career pages and
// guide, a glossary, and guides three folders deep.
var randomSite = map[string]string{
	"content/glossary.md": "---\ntitle: Glossary\nterms:\n" +
		"  - id: widget\n    term: Widget\n    definition: A part of a gadget.\n" +
		"  - id: gadget\n    term: Gadget\n    aliases: [gadgets]\n    definition: A thing made of widgets.\n---\n",
	"content/guides/_index.md":                 "---\ntitle: Guides\nweight: 3\n---\nHow we work.\n",
	"content/guides/alpha.md":                  "---\nid: p1\ntitle: Alpha\n---\n## Setup\n\nA widget, see [[p2]].\n",
	"content/guides/sub/_index.md":             "---\ntitle: Sub\n---\nBelow the guides.\n",
	"content/guides/sub/beta.md":               "---\nid: p2\ntitle: Beta\nweight: 2\n---\nBack to [[p1#setup]].\n",
	"content/guides/sub/deeper/gamma.md":       "---\nid: p3\ntitle: Gamma\n---\n## Notes\n\nGadgets.\n",
	"content/guides/sub/deeper/deep/delta.md":  "---\nid: p4\ntitle: Delta\n---\nSee [the gamma page](../gamma.md#notes).\n",
	"content/guides/sub/deeper/deep/_index.md": "---\ntitle: Deep\n---\n",
	"content/teams/platform.md":                "---\nid: p5\ntitle: Platform\n---\nSee [[senior]].\n",
	// A role held at a level, and a level above, for careerEdit.
	"content/roles/lead.md": "---\nid: lead\ntitle: Tech Lead\ndescription: Leads a squad.\n" +
		"track: individual-contributor\nlevel: 3\nheld_at: [senior]\n" +
		"responsibilities:\n  technical:\n    - id: direction\n      text: Sets the squad's direction.\n" +
		"decision_rights:\n  alone:\n    - id: order\n      text: The order of work.\n" +
		"ai_impact:\n  outlook:\n    - id: fewer-handoffs\n      text: Fewer handoffs.\n---\n## Role summary\n\nLeads.\n",
	"content/roles/staff.md": "---\nid: staff\ntitle: Staff Engineer\ndescription: Leads across teams.\n" +
		"track: individual-contributor\nlevel: 4\nrelations:\n  feeds_from: [senior]\n" +
		"responsibilities:\n  technical:\n    - id: strategy\n      text: Sets the technical strategy of several teams.\n" +
		"decision_rights:\n  alone:\n    - id: standards\n      text: The standards the teams share.\n" +
		"ai_impact:\n  outlook:\n    - id: reviews\n      text: Fewer reviews by hand.\n---\n## Role summary\n\nLeads across teams.\n",
}

// careerEdits are changes to the career model, each undone by swapping
// the two texts.
var careerEdits = []struct{ file, a, b string }{
	{"content/roles/lead.md", "held_at: [senior]", "held_at: [senior, staff]"},
	{"content/roles/senior.md", "level_name: Senior", "level_name: Senior II"},
	{"content/roles/senior.md", "Owns on-call for the service.", "Owns on-call for the service and its alerts."},
	{"content/roles/senior.md", "feeds_from: [junior]", "feeds_from: [junior, lead]"},
	{"content/skills/testing.md", "senior: {importance: Critical", "senior: {importance: Important"},
	{"content/skills/testing.md", "lead: {importance: Critical", "lead: {importance: Optional"},
	{"content/behaviours/impact.md", "weight: 10", "weight: 30"},
	{"content/roles/staff.md", "track: individual-contributor", "track: management"},
}

// randomWorld is one round: a handbook on disk and the edits made to it.
type randomWorld struct {
	t      *testing.T
	rng    *rand.Rand
	dir    string
	nextID int
	serial int
	// broken lists the markers of breakages not fixed yet (removing a
	// marker from the file holding it fixes it).
	broken []string
	// good is the site at the last successful build; a round stuck on
	// failing builds goes back to it.
	good    map[string]string
	project *Project
	// warned are the files the last successful build warned about.
	warned []string
}

func runRandomEdits(t *testing.T, seed int64, edits int) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	for rel, data := range randomSite {
		writeFile(t, dir, rel, data)
	}
	replace("content/skills/testing.md", "levels:\n", "levels:\n"+
		"  lead: {importance: Critical, expectation: Reviews the squad's tests.}\n"+
		"  staff: {importance: Critical, expectation: Sets how several teams test.}\n")(t, dir)
	// A ladder lint warning, which names a line of the front matter.
	replace("content/roles/senior.md", "How to implement agreed designs.", "How to write the code inside a task.")(t, dir)
	w := &randomWorld{t: t, rng: rand.New(rand.NewSource(seed)), dir: dir, nextID: 6}
	if w.rng.Intn(3) == 0 {
		w.config() // broken links are warnings
	}
	ctx := context.Background()
	b := Open(ctx, dir, Options{}).Builder()
	w.project = b.p
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatalf("first build: %v", err)
	}
	w.good = w.snapshot()
	var (
		log                           []string
		builds, failed, fast, failing int
	)
	for done := 0; done < edits; {
		n := 1
		if w.rng.Intn(10) < 3 {
			n = 2 + w.rng.Intn(3) // a burst the watcher reports at once
		}
		var changed []string
		for range n {
			if done == edits {
				break
			}
			var what string
			var ch []string
			switch {
			case failing >= 3 && len(w.broken) == 0:
				what, ch = w.restore()
			case len(w.broken) > 0 && w.rng.Intn(3) == 0:
				what, ch = w.fix()
			default:
				what, ch = w.edit()
			}
			done++
			if len(ch) == 1 && strings.HasPrefix(ch[0], "content/") && w.rng.Intn(10) == 0 {
				ch[0] = path.Dir(ch[0]) // a watcher naming the folder
				what += " (reported as " + ch[0] + ")"
			}
			log = append(log, fmt.Sprintf("%d. %s", done, what))
			changed = append(changed, ch...)
		}
		if w.rng.Intn(100) == 0 {
			changed = nil // an overflowing watcher
		}
		builds++
		got, err := b.Build(ctx, changed)
		want, werr := b.p.with(os.DirFS(dir)).Generate(ctx)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("after edit %d of seed %d (%v): %s\nreplay: go test ./generator/ -run TestRebuildRandom -seed=%d -edits=%d\nedits:\n%s",
				done, seed, changed, fmt.Sprintf(format, args...), seed, done, strings.Join(log, "\n"))
		}
		switch {
		case err != nil && werr != nil:
			if err.Error() != werr.Error() {
				fail("rebuild error\n%v\nfresh build error\n%v", err, werr)
			}
			failed++
			failing++
			continue
		case err != nil:
			fail("rebuild error\n%v\nbut a fresh build succeeds", err)
		case werr != nil:
			fail("rebuild succeeds, but a fresh build fails:\n%v", werr)
		}
		failing = 0
		if got.Fast {
			fast++
		}
		search, err := got.Search(ctx)
		if err != nil {
			fail("search index: %v", err)
		}
		all := maps.Clone(got.Files)
		maps.Copy(all, search)
		if diff := diffFiles(want.Files, all); diff != "" {
			fail("the rebuild differs from a fresh build:\n%s", diff)
		}
		if !slices.Equal(got.Warnings, want.Warnings) {
			fail("warnings\n%s\nfresh build's\n%s", strings.Join(got.Warnings, "\n"), strings.Join(want.Warnings, "\n"))
		}
		w.good = w.snapshot()
		w.warned = w.warned[:0]
		for _, warning := range got.Warnings {
			if f, _, ok := strings.Cut(warning, ":"); ok && w.exists(f) {
				w.warned = append(w.warned, f)
			}
		}
	}
	t.Logf("seed %d: %d edits, %d rebuilds: %d failing as a fresh build does, %d on the fast path", seed, edits, builds, failed, fast)
}

// edit makes one random change, and returns what it did and the paths
// the watcher reports.
func (w *randomWorld) edit() (string, []string) {
	type op struct {
		weight int
		do     func() (string, []string)
	}
	ops := []op{
		{10, w.addPage}, {3, w.addSection}, {2, w.removeSection}, {4, w.deletePage},
		{4, w.renamePage}, {5, w.movePage}, {3, w.moveFolder}, {1, w.deleteFolder}, {8, w.retitle}, {6, w.reweigh},
		{3, w.describe}, {2, w.reid}, {2, w.toggleDraft}, {3, w.breakFrontMatter}, {4, w.breakLink},
		{25, w.editBody}, {8, w.addHeading}, {4, w.removeHeading}, {8, w.addLink}, {3, w.removeLink},
		{2, w.addAlias}, {2, w.anchorAlias}, {2, w.asset}, {2, w.glossary}, {1, w.ignored}, {1, w.saveUnchanged},
		{1, w.config}, {1, w.lockAnchors}, {1, w.theme}, {4, w.comment}, {2, w.lineEnds}, {4, w.careerEdit},
	}
	sum := 0
	for _, o := range ops {
		sum += o.weight
	}
	for {
		n := w.rng.Intn(sum)
		for _, o := range ops {
			if n < o.weight {
				if what, changed := o.do(); what != "" {
					return what, changed
				}
				break // not possible now: another
			}
			n -= o.weight
		}
	}
}

// randomNames name files and folders: "index" and _index.md both make a
// section page, "Alpha" and "alpha" the same URL, and "_private" is
// ignored.
var randomNames = []string{"alpha", "beta", "gamma", "delta", "sub", "deeper", "deep", "new", "notes", "setup", "faq", "index", "Alpha", "new page", "_private"}

var randomWords = []string{"widget", "gadgets", "service", "review", "on-call", "design", "Notes", "setup", "team", "code"}

// Files and folders on disk, sorted (a seed replays the same edits).

func (w *randomWorld) walk(keep func(rel string, d fs.DirEntry) bool) []string {
	var out []string
	root := filepath.Join(w.dir, "content")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(w.dir, p)
		rel = filepath.ToSlash(rel)
		if keep(rel, d) {
			out = append(out, rel)
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// pages are the Markdown files, career ones included.
func (w *randomWorld) pages() []string {
	return w.walk(func(rel string, d fs.DirEntry) bool { return !d.IsDir() && strings.HasSuffix(rel, ".md") })
}

// movable are the guides' and teams' Markdown files.
func (w *randomWorld) movable() []string {
	return slices.DeleteFunc(w.pages(), func(rel string) bool { return !isTree(rel) })
}

func isTree(rel string) bool {
	if strings.HasPrefix(rel, "content/guides/") || strings.HasPrefix(rel, "content/teams/") {
		return true
	}
	// Pages and folders added at the top.
	top, _, _ := strings.Cut(strings.TrimPrefix(rel, "content/"), "/")
	return strings.HasPrefix(rel, "content/") && !slices.Contains([]string{"_index.md", "glossary.md", "roles", "skills", "behaviours"}, top)
}

// folders are the folders of the guides and teams, the top ones and
// content/ itself included (top-level pages are in the navigation too).
func (w *randomWorld) folders() []string {
	return w.walk(func(rel string, d fs.DirEntry) bool {
		return d.IsDir() && (rel == "content" || rel == "content/guides" || rel == "content/teams" || isTree(rel))
	})
}

func (w *randomWorld) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[w.rng.Intn(len(list))]
}

func (w *randomWorld) read(rel string) string {
	b, err := os.ReadFile(filepath.Join(w.dir, rel))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(b)
}

func (w *randomWorld) exists(rel string) bool {
	_, err := os.Lstat(filepath.Join(w.dir, rel))
	return err == nil
}

func (w *randomWorld) rename(from, to string) {
	if err := os.MkdirAll(filepath.Dir(filepath.Join(w.dir, to)), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(w.dir, from), filepath.Join(w.dir, to)); err != nil {
		w.t.Fatal(err)
	}
}

func (w *randomWorld) remove(rel string) {
	if err := os.RemoveAll(filepath.Join(w.dir, rel)); err != nil {
		w.t.Fatal(err)
	}
}

// newPath is a file or folder name not taken in the folder dir.
func (w *randomWorld) newPath(dir, ext string) string {
	for range 20 {
		p := dir + "/" + w.pick(randomNames) + ext
		if !w.exists(p) && !w.exists(strings.TrimSuffix(p, ".md")) && !w.exists(p+".md") {
			return p
		}
	}
	w.serial++
	return fmt.Sprintf("%s/n%d%s", dir, w.serial, ext)
}

// created reports a new file as a watcher may: the file, or the highest
// folder made for it.
func (w *randomWorld) created(rel string, before map[string]bool) []string {
	for d := path.Dir(rel); d != "content"; d = path.Dir(d) {
		if !before[d] && (path.Dir(d) == "content" || before[path.Dir(d)]) && w.rng.Intn(2) == 0 {
			return []string{d}
		}
	}
	return []string{rel}
}

func (w *randomWorld) folderSet() map[string]bool {
	m := map[string]bool{}
	for _, f := range w.folders() {
		m[f] = true
	}
	return m
}

// A folder for a new or moved page: an existing one, or a new one below
// it, at most four folders deep.
func (w *randomWorld) folder() string {
	f := w.pick(w.folders())
	if strings.Count(f, "/") < 4 && w.rng.Intn(4) == 0 {
		f = w.newPath(f, "")
	}
	return f
}

// Front matter and body, as text.

func splitPage(s string) (front, body string, ok bool) {
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return "", s, false
	}
	i := strings.Index(rest, "\n---\n")
	if i < 0 {
		return "", s, false
	}
	return rest[:i+1], rest[i+5:], true
}

// setKey sets or (with value "") removes a top-level key of the front
// matter.
func setKey(s, key, value string) (string, bool) {
	front, body, ok := splitPage(s)
	if !ok {
		return s, false
	}
	lines := strings.SplitAfter(front, "\n")
	out, done := []string{}, false
	for _, l := range lines {
		if strings.HasPrefix(l, key+":") {
			done = true
			if value != "" {
				out = append(out, key+": "+value+"\n")
			}
			continue
		}
		out = append(out, l)
	}
	if !done && value != "" {
		out = append(out, key+": "+value+"\n")
	}
	return "---\n" + strings.Join(out, "") + "---\n" + body, true
}

func getKey(s, key string) string {
	front, _, _ := splitPage(s)
	for _, l := range strings.Split(front, "\n") {
		if v, ok := strings.CutPrefix(l, key+": "); ok {
			return v
		}
	}
	return ""
}

// The edits. Each returns "" when it has nothing to work on.

func (w *randomWorld) write(rel, data string) {
	writeFile(w.t, w.dir, rel, data)
}

func (w *randomWorld) pageText() string {
	var b strings.Builder
	for range 1 + w.rng.Intn(3) {
		if w.rng.Intn(3) == 0 {
			fmt.Fprintf(&b, "## %s %s\n\n", strings.ToUpper(w.pick(randomNames)[:1]), w.pick(randomNames))
		}
		fmt.Fprintf(&b, "A %s and the %s.\n\n", w.pick(randomWords), w.pick(randomWords))
	}
	return b.String()
}

func (w *randomWorld) addPage() (string, []string) {
	before := w.folderSet()
	rel := w.newPath(w.folder(), ".md")
	id := fmt.Sprintf("p%d", w.nextID)
	w.nextID++
	front := "id: " + id + "\ntitle: " + strings.ToUpper(w.pick(randomNames)[:1]) + w.pick(randomNames) + "\n"
	if w.rng.Intn(3) == 0 {
		front += fmt.Sprintf("weight: %d\n", 1+w.rng.Intn(4))
	}
	text := "---\n" + front + "---\n" + w.pageText()
	if w.rng.Intn(8) == 0 {
		text = w.pageText() // no front matter: the title comes from the name
	}
	w.write(rel, text)
	return "add " + rel, w.created(rel, before)
}

func (w *randomWorld) addSection() (string, []string) {
	var bare []string
	for _, f := range w.folders() {
		if !w.exists(f + "/_index.md") {
			bare = append(bare, f)
		}
	}
	f := w.pick(bare)
	if f == "" {
		return "", nil
	}
	rel := f + "/_index.md"
	front := "title: Section " + w.pick(randomNames) + "\n"
	if w.rng.Intn(2) == 0 {
		front += fmt.Sprintf("weight: %d\n", 1+w.rng.Intn(4))
	}
	w.write(rel, "---\n"+front+"---\n"+w.pageText())
	return "add " + rel, []string{rel}
}

func (w *randomWorld) removeSection() (string, []string) {
	rel := w.pick(slices.DeleteFunc(w.movable(), func(p string) bool { return path.Base(p) != "_index.md" }))
	if rel == "" {
		return "", nil
	}
	w.remove(rel)
	return "remove " + rel, []string{rel}
}

func (w *randomWorld) deletePage() (string, []string) {
	rel := w.pick(w.movable())
	if rel == "" {
		return "", nil
	}
	w.remove(rel)
	return "remove " + rel, []string{rel}
}

func (w *randomWorld) renamePage() (string, []string) {
	from := w.pick(w.movable())
	if from == "" {
		return "", nil
	}
	to := w.newPath(path.Dir(from), ".md")
	w.rename(from, to)
	return "rename " + from + " to " + to, []string{from, to}
}

func (w *randomWorld) movePage() (string, []string) {
	from := w.pick(w.movable())
	if from == "" {
		return "", nil
	}
	before := w.folderSet()
	to := w.newPath(w.folder(), ".md")
	if path.Base(from) == "_index.md" && !w.exists(path.Dir(to)+"/_index.md") {
		to = path.Dir(to) + "/_index.md"
	}
	w.rename(from, to)
	return "move " + from + " to " + to, append([]string{from}, w.created(to, before)...)
}

func (w *randomWorld) moveFolder() (string, []string) {
	from := w.pick(slices.DeleteFunc(w.folders(), func(f string) bool { return !isTree(f) }))
	if from == "" {
		return "", nil
	}
	var into []string
	for _, f := range w.folders() {
		if f != from && !strings.HasPrefix(f, from+"/") && strings.Count(f, "/") < 4 {
			into = append(into, f)
		}
	}
	to := w.newPath(w.pick(into), "")
	w.rename(from, to)
	return "move folder " + from + " to " + to, []string{from, to}
}

func (w *randomWorld) deleteFolder() (string, []string) {
	f := w.pick(slices.DeleteFunc(w.folders(), func(f string) bool { return !isTree(f) }))
	if f == "" {
		return "", nil
	}
	w.remove(f)
	return "remove folder " + f, []string{f}
}

// frontEdit changes the front matter of a random page with change.
func (w *randomWorld) frontEdit(list []string, verb string, change func(s, rel string) (string, string)) (string, []string) {
	rel := w.pick(list)
	if rel == "" {
		return "", nil
	}
	s, what := change(w.read(rel), rel)
	if what == "" {
		return "", nil
	}
	w.write(rel, s)
	return verb + " " + rel + ": " + what, []string{rel}
}

func (w *randomWorld) retitle() (string, []string) {
	return w.frontEdit(w.pages(), "retitle", func(s, rel string) (string, string) {
		title := strings.ToUpper(w.pick(randomNames)[:1]) + w.pick(randomNames)
		if isTree(rel) && w.rng.Intn(5) == 0 {
			title = "" // from the file's name
		}
		s, ok := setKey(s, "title", title)
		if !ok || rel == "content/glossary.md" {
			return s, ""
		}
		return s, fmt.Sprintf("%q", title)
	})
}

func (w *randomWorld) reweigh() (string, []string) {
	return w.frontEdit(w.pages(), "weight of", func(s, rel string) (string, string) {
		v := ""
		if w.rng.Intn(4) > 0 {
			v = strconv.Itoa(w.rng.Intn(5) - 1)
		}
		s, ok := setKey(s, "weight", v)
		if !ok {
			return s, ""
		}
		return s, fmt.Sprintf("%q", v)
	})
}

func (w *randomWorld) describe() (string, []string) {
	return w.frontEdit(w.pages(), "describe", func(s, rel string) (string, string) {
		v := ""
		if w.rng.Intn(3) > 0 {
			v = "About " + w.pick(randomWords) + "."
		}
		s, ok := setKey(s, "description", v)
		if !ok {
			return s, ""
		}
		return s, fmt.Sprintf("%q", v)
	})
}

func (w *randomWorld) reid() (string, []string) {
	return w.frontEdit(w.movable(), "id of", func(s, rel string) (string, string) {
		if getKey(s, "id") == "" {
			return s, ""
		}
		id := fmt.Sprintf("p%d", w.nextID)
		w.nextID++
		s, _ = setKey(s, "id", id)
		return s, id
	})
}

func (w *randomWorld) toggleDraft() (string, []string) {
	return w.frontEdit(w.movable(), "draft", func(s, rel string) (string, string) {
		v := "true"
		if getKey(s, "draft") == "true" {
			v = ""
		}
		s, ok := setKey(s, "draft", v)
		if !ok {
			return s, ""
		}
		return s, fmt.Sprintf("%q", v)
	})
}

func (w *randomWorld) addAlias() (string, []string) {
	return w.frontEdit(w.movable(), "aliases of", func(s, rel string) (string, string) {
		v := ""
		if getKey(s, "aliases") == "" {
			w.serial++
			v = fmt.Sprintf("[/old/%s-%d/]", w.pick(randomNames), w.serial)
		}
		s, ok := setKey(s, "aliases", v)
		if !ok {
			return s, ""
		}
		return s, fmt.Sprintf("%q", v)
	})
}

// breakage makes a marked change that fix undoes.
func (w *randomWorld) breakage(rel, marker string, at func(s string) int) (string, []string) {
	s := w.read(rel)
	i := at(s)
	if i < 0 {
		return "", nil
	}
	w.write(rel, s[:i]+marker+s[i:])
	w.broken = append(w.broken, marker)
	return fmt.Sprintf("break %s with %q", rel, marker), []string{rel}
}

func (w *randomWorld) breakFrontMatter() (string, []string) {
	rel := w.pick(w.pages())
	w.serial++
	marker := [...]string{"title: [oops%d\n", "weight: heavy%d\n", "\tbad%d: tab\n", "- %d\n"}[w.rng.Intn(4)]
	marker = fmt.Sprintf(marker, w.serial)
	return w.breakage(rel, marker, func(s string) int {
		if !strings.HasPrefix(s, "---\n") {
			return -1
		}
		return 4
	})
}

func (w *randomWorld) breakLink() (string, []string) {
	rel := w.pick(w.pages())
	w.serial++
	var marker string
	switch w.rng.Intn(6) {
	case 5:
		marker = fmt.Sprintf(" \xff%d", w.serial) // not UTF-8
	case 0:
		marker = fmt.Sprintf(" [[nowhere-%d]]", w.serial)
	case 1:
		marker = fmt.Sprintf(" [gone](missing-%d.md)", w.serial)
	case 2:
		marker = fmt.Sprintf(" [[p1#no-such-%d]]", w.serial)
	case 3:
		marker = fmt.Sprintf(" [[p%d", w.serial) // unclosed
	default:
		marker = fmt.Sprintf(" [[senior|]]%d", w.serial)
	}
	return w.breakage(rel, marker, func(s string) int {
		_, body, ok := splitPage(s)
		if !ok {
			return -1
		}
		return len(s) - len(body) + strings.IndexByte(body+"\n", '\n')
	})
}

// fix undoes a random breakage, wherever its file is now.
func (w *randomWorld) fix() (string, []string) {
	i := w.rng.Intn(len(w.broken))
	marker := w.broken[i]
	w.broken = slices.Delete(w.broken, i, i+1)
	for _, rel := range w.pages() {
		if s := w.read(rel); strings.Contains(s, marker) {
			w.write(rel, strings.Replace(s, marker, "", 1))
			return fmt.Sprintf("fix %s: remove %q", rel, marker), []string{rel}
		}
	}
	return fmt.Sprintf("fix %q: gone with its file", marker), []string{}
}

// restore puts the site back as the last successful build saw it, as a
// checkout would.
func (w *randomWorld) restore() (string, []string) {
	var changed []string
	now := w.snapshot()
	for rel := range now {
		if _, ok := w.good[rel]; !ok {
			w.remove(rel)
			changed = append(changed, rel)
		}
	}
	for rel, data := range w.good {
		if old, ok := now[rel]; !ok || old != data {
			w.write(rel, data)
			changed = append(changed, rel)
		}
	}
	w.broken = nil
	slices.Sort(changed)
	return fmt.Sprintf("restore the last good site (%d files)", len(changed)), changed
}

// snapshot reads every file of the site.
func (w *randomWorld) snapshot() map[string]string {
	m := map[string]string{}
	err := filepath.WalkDir(w.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(w.dir, p)
		m[filepath.ToSlash(rel)] = w.read(rel)
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return m
}

func (w *randomWorld) bodyEdit(rel string, change func(body string) (string, string)) (string, []string) {
	if rel == "" {
		return "", nil
	}
	s := w.read(rel)
	front, body, ok := splitPage(s)
	if !ok {
		return "", nil
	}
	body, what := change(body)
	if what == "" {
		return "", nil
	}
	w.write(rel, "---\n"+front+"---\n"+body)
	return what + " in " + rel, []string{rel}
}

func (w *randomWorld) editBody() (string, []string) {
	return w.bodyEdit(w.pick(w.pages()), func(body string) (string, string) {
		word := w.pick(randomWords)
		if w.rng.Intn(2) == 0 {
			return body + "\nMore about the " + word + ".\n", "append a paragraph on " + word
		}
		for _, old := range randomWords {
			if strings.Contains(body, " "+old) && old != word {
				return strings.Replace(body, " "+old, " "+word, 1), fmt.Sprintf("replace %q with %q", old, word)
			}
		}
		return word + ".\n\n" + body, "prepend " + word
	})
}

func (w *randomWorld) addHeading() (string, []string) {
	return w.bodyEdit(w.pick(w.pages()), func(body string) (string, string) {
		h := fmt.Sprintf("## %s %s", strings.ToUpper(w.pick(randomNames)[:1]), w.pick(randomNames))
		if w.rng.Intn(3) == 0 {
			h = "## " + w.pick([]string{"Setup", "Notes", "Role summary", "Where next"})
		}
		if w.rng.Intn(2) == 0 {
			return h + "\n\n" + body, "prepend " + strconv.Quote(h)
		}
		return body + "\n" + h + "\n\nText.\n", "append " + strconv.Quote(h)
	})
}

func (w *randomWorld) removeHeading() (string, []string) {
	return w.bodyEdit(w.pick(w.pages()), func(body string) (string, string) {
		lines := strings.SplitAfter(body, "\n")
		var hs []int
		for i, l := range lines {
			if strings.HasPrefix(l, "## ") {
				hs = append(hs, i)
			}
		}
		if len(hs) == 0 {
			return body, ""
		}
		i := hs[w.rng.Intn(len(hs))]
		what := "remove " + strconv.Quote(strings.TrimSpace(lines[i]))
		return strings.Join(slices.Delete(lines, i, i+1), ""), what
	})
}

// A link to an existing page: by id, with one of its headings, or by
// relative file path.
func (w *randomWorld) addLink() (string, []string) {
	from := w.pick(w.pages())
	to := w.pick(w.pages())
	if from == "" || to == "" {
		return "", nil
	}
	s := w.read(to)
	anchor := ""
	if _, body, ok := splitPage(s); ok && w.rng.Intn(2) == 0 {
		for _, l := range strings.Split(body, "\n") {
			if h, ok := strings.CutPrefix(l, "## "); ok {
				anchor = "#" + strings.ReplaceAll(strings.ToLower(h), " ", "-")
				break
			}
		}
	}
	var link string
	if id := getKey(s, "id"); id != "" && w.rng.Intn(3) > 0 {
		link = "[[" + id + anchor + "]]"
	} else if w.rng.Intn(3) == 0 {
		// A site path, slugged as site.Slug does for these names.
		u := strings.TrimSuffix(strings.TrimPrefix(to, "content"), ".md")
		u = strings.TrimSuffix(strings.TrimSuffix(u, "/_index"), "/index")
		link = "[it](" + strings.ReplaceAll(strings.ToLower(u), " ", "-") + "/" + anchor + ")"
	} else {
		r, err := filepath.Rel(path.Dir(from), to)
		if err != nil {
			return "", nil
		}
		link = "[it](" + filepath.ToSlash(r) + anchor + ")"
	}
	return w.bodyEdit(from, func(body string) (string, string) {
		return body + "\nSee " + link + ".\n", "link to " + link
	})
}

func (w *randomWorld) removeLink() (string, []string) {
	return w.bodyEdit(w.pick(w.pages()), func(body string) (string, string) {
		lines := strings.SplitAfter(body, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "See ") && (strings.Contains(l, "[[") || strings.Contains(l, "](")) {
				return strings.Join(slices.Delete(lines, i, i+1), ""), "remove the link " + strconv.Quote(strings.TrimSpace(l))
			}
		}
		return body, ""
	})
}

func (w *randomWorld) asset() (string, []string) {
	if rel := w.pick(w.walk(func(rel string, d fs.DirEntry) bool { return strings.HasSuffix(rel, ".png") })); rel != "" && w.rng.Intn(2) == 0 {
		w.remove(rel)
		return "remove " + rel, []string{rel}
	}
	before := w.folderSet()
	rel := w.newPath(w.folder(), ".png")
	w.serial++
	w.write(rel, fmt.Sprintf("\x89PNG %d", w.serial))
	return "add " + rel, w.created(rel, before)
}

func (w *randomWorld) glossary() (string, []string) {
	const rel = "content/glossary.md"
	if !w.exists(rel) {
		return "", nil
	}
	s := w.read(rel)
	const term = "  - id: service\n    term: Service\n    definition: What a team runs.\n"
	if w.rng.Intn(3) == 0 {
		return w.frontEdit(w.movable(), "glossary of", func(s, rel string) (string, string) {
			v := "false"
			if getKey(s, "glossary") == "false" {
				v = ""
			}
			s, _ = setKey(s, "glossary", v)
			return s, fmt.Sprintf("%q", v)
		})
	}
	if strings.Contains(s, term) {
		w.write(rel, strings.Replace(s, term, "", 1))
		return "remove the term Service from " + rel, []string{rel}
	}
	w.write(rel, strings.Replace(s, "terms:\n", "terms:\n"+term, 1))
	return "add the term Service to " + rel, []string{rel}
}

// careerEdit makes or undoes one of careerEdits.
func (w *randomWorld) careerEdit() (string, []string) {
	e := careerEdits[w.rng.Intn(len(careerEdits))]
	if !w.exists(e.file) {
		return "", nil
	}
	s := w.read(e.file)
	from, to := e.a, e.b
	if !strings.Contains(s, from) || strings.Contains(s, to) && w.rng.Intn(2) == 0 {
		from, to = to, from
	}
	if !strings.Contains(s, from) {
		return "", nil
	}
	w.write(e.file, strings.Replace(s, from, to, 1))
	return fmt.Sprintf("in %s, %q to %q", e.file, from, to), []string{e.file}
}

// lineEnds saves a file with Windows line ends, or back.
func (w *randomWorld) lineEnds() (string, []string) {
	rel := w.pick(w.pages())
	s := w.read(rel)
	if strings.Contains(s, "\r\n") {
		w.write(rel, strings.ReplaceAll(s, "\r\n", "\n"))
		return "save " + rel + " with LF line ends", []string{rel}
	}
	w.write(rel, strings.ReplaceAll(s, "\n", "\r\n"))
	return "save " + rel + " with CRLF line ends", []string{rel}
}

// comment adds a comment line to the front matter, or moves one: the
// meaning stays, the lines of the values below it move.
func (w *randomWorld) comment() (string, []string) {
	files := w.pages()
	if w.rng.Intn(2) == 0 {
		if warned := slices.DeleteFunc(slices.Clone(w.warned), func(f string) bool { return !w.exists(f) }); len(warned) > 0 {
			files = warned // warnings name lines
		}
	}
	return w.frontEdit(files, "comment in", func(s, rel string) (string, string) {
		front, body, ok := splitPage(s)
		if !ok {
			return s, ""
		}
		const c = "# Reviewed yearly.\n"
		what := "add"
		if strings.Contains(front, c) {
			front, what = strings.Replace(front, c, "", 1), "move"
		}
		lines := strings.SplitAfter(front, "\n")
		i := w.rng.Intn(len(lines))
		lines = slices.Insert(lines, i, c)
		return "---\n" + strings.Join(lines, "") + "---\n" + body, fmt.Sprintf("%s it at line %d", what, i+2)
	})
}

// anchorAlias keeps an old anchor of a page working, or stops it.
func (w *randomWorld) anchorAlias() (string, []string) {
	return w.frontEdit(w.movable(), "anchor aliases of", func(s, rel string) (string, string) {
		v := ""
		if getKey(s, "anchor_aliases") == "" {
			_, body, _ := splitPage(s)
			to := "nowhere" // an error, until fixed
			for _, l := range strings.Split(body, "\n") {
				if h, ok := strings.CutPrefix(l, "## "); ok {
					to = strings.ReplaceAll(strings.ToLower(h), " ", "-")
				}
			}
			v = "{old-" + w.pick(randomNames) + ": " + to + "}"
		}
		s, ok := setKey(s, "anchor_aliases", v)
		if !ok {
			return s, ""
		}
		return s, fmt.Sprintf("%q", v)
	})
}

// config switches broken links between errors and warnings.
func (w *randomWorld) config() (string, []string) {
	const rel, warn = "handbook.yaml", "links:\n  on_broken: warn\n"
	s := w.read(rel)
	if strings.Contains(s, warn) {
		w.write(rel, strings.Replace(s, warn, "", 1))
		return "broken links are errors again", []string{rel}
	}
	w.write(rel, s+warn)
	return "broken links are warnings", []string{rel}
}

// lockAnchors records the anchors of the site in anchors.lock (as check
// --update-anchors does), after which they must keep resolving; or
// removes it.
func (w *randomWorld) lockAnchors() (string, []string) {
	const rel = "anchors.lock"
	if w.exists(rel) && w.rng.Intn(2) == 0 {
		w.remove(rel)
		return "remove " + rel, []string{rel}
	}
	if _, err := w.project.UpdateAnchors(context.Background()); err != nil {
		return "", nil
	}
	return "update " + rel, []string{rel}
}

// theme changes a stylesheet of the theme, or a layout of the site's own.
func (w *randomWorld) theme() (string, []string) {
	rel := "themes/default/static/handbook.css"
	if w.rng.Intn(3) == 0 {
		rel = "themes/default/layouts/partials/own.html"
		if w.exists(rel) {
			w.remove(rel)
			return "remove " + rel, []string{rel}
		}
		w.write(rel, `{{define "own"}}<p>{{.Page.Title}}</p>{{end}}`+"\n")
		return "add " + rel, []string{rel}
	}
	w.serial++
	w.write(rel, fmt.Sprintf("body { margin: %dpx }\n", w.serial))
	return "write " + rel, []string{rel}
}

func (w *randomWorld) ignored() (string, []string) {
	f := w.pick(w.folders())
	rel := f + "/." + w.pick(randomNames) + ".md.swp"
	w.write(rel, "swap")
	return "add " + rel, []string{rel}
}

func (w *randomWorld) saveUnchanged() (string, []string) {
	rel := w.pick(w.pages())
	w.write(rel, w.read(rel))
	return "save " + rel + " unchanged", []string{rel}
}

// diffFiles describes how got differs from want, "" when it does not.
func diffFiles(want, got map[string][]byte) string {
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+p)
		case string(w) != string(g):
			diffs = append(diffs, fmt.Sprintf("differs %s:\n%s", p, firstDiff(string(w), string(g))))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, "\n")
}
