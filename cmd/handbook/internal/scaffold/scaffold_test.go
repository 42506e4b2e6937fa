package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/career/lint"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/source"
)

// ladderSite writes testdata/ladder.txtar into a new folder.
func ladderSite(t *testing.T) string {
	t.Helper()
	a, err := txtar.ParseFile("testdata/ladder.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadLadder loads the career model of the site at dir, drafts included,
// as build --drafts does.
func loadLadder(t *testing.T, dir string) *career.Model {
	t.Helper()
	tree, err := content.Load(source.New(dir), "content")
	if err != nil {
		t.Fatal(err)
	}
	m, err := career.Load(tree.Files)
	if err != nil {
		t.Fatalf("the ladder with the new role does not load:\n%v", err)
	}
	return m
}

// placed is where a new role sits, and what it grew from, as the model
// reads it.
type placed struct {
	Track                        string
	Level                        int
	Draft                        bool
	FeedsFrom, LeadsTo, Adjacent string
	Behaviours, Groups, Tiers    string
	Authority, KPIs, AI          string
}

func placeOf(m *career.Model, f *content.File, id string) placed {
	r := m.Role(id)
	join := func(rs []*career.Role) string {
		var ids []string
		for _, o := range rs {
			ids = append(ids, o.ID)
		}
		return strings.Join(ids, " ")
	}
	var bs, gs, ts, as, ks, ai []string
	for _, b := range r.Behaviours {
		bs = append(bs, b.Axis.ID)
	}
	for _, g := range r.Responsibilities {
		var items []string
		for _, it := range g.Items {
			s := it.ID
			if it.Meets != "" {
				s += "+meets"
			}
			items = append(items, s)
		}
		gs = append(gs, g.Key+":"+strings.Join(items, ","))
	}
	for _, t := range r.DecisionRights {
		for _, it := range t.Items {
			ts = append(ts, t.Key+"-"+it.ID)
		}
	}
	for _, a := range r.Authority {
		as = append(as, a.Area)
	}
	for _, k := range r.KPIs {
		ks = append(ks, k.ID+"="+k.Metric)
	}
	for _, l := range r.AILists() {
		ai = append(ai, l.Key+":"+l.Items[0].ID)
	}
	return placed{
		Track: r.Track, Level: r.Level, Draft: f.Front.Draft,
		FeedsFrom: join(r.FeedsFrom), LeadsTo: join(r.LeadsTo), Adjacent: join(r.Adjacent),
		Behaviours: strings.Join(bs, " "), Groups: strings.Join(gs, " "), Tiers: strings.Join(ts, " "),
		Authority: strings.Join(as, " "), KPIs: strings.Join(ks, " "), AI: strings.Join(ai, " "),
	}
}

// The generic template, for comparison: every group, tier and list.
var generic = placed{
	Groups:    "strategic:direction+meets operational:operations technical:delivery cross-functional:collaboration governance:quality leadership:mentoring",
	Tiers:     "alone-own-work review-team-review approval-manager-approval",
	Authority: "budget architecture vendor delivery hiring compliance",
	KPIs:      "main-outcome=The outcome that shows the role is done well",
	AI:        "automated:drafting human-critical:judgement outlook:shift new-expectations:responsible-use",
}

// grown is what grows from senior: its axes, groups, item ids and
// examples, tiers (a new right each), authority areas, KPIs and lists.
var grown = placed{
	Behaviours: "impact",
	Groups:     "technical:own-services+meets leadership:mentor",
	Tiers:      "alone-new-alone review-new-review",
	Authority:  "budget",
	KPIs:       "lead-time=Lead time: commit to production",
	AI:         "human-critical:judgement",
}

func with(p placed, track string, level int, feeds, leads, adjacent string) placed {
	p.Track, p.Level, p.Draft, p.FeedsFrom, p.LeadsTo, p.Adjacent = track, level, true, feeds, leads, adjacent
	return p
}

func TestRole(t *testing.T) {
	tests := []struct {
		name     string
		id       string
		opts     RoleOptions
		want     placed
		headings []string // the body's, when they are not the generic template's
	}{
		{name: "generic", id: "platform", want: with(generic, "individual-contributor", 3, "", "", "")},
		{name: "generic on another track and level", id: "director", opts: RoleOptions{Track: "management", Level: 6},
			want: with(generic, "management", 6, "", "", "")},
		{name: "grows from senior: the next level", id: "staff", opts: RoleOptions{From: "senior"},
			want:     with(grown, "individual-contributor", 3, "senior", "", ""),
			headings: []string{"## Role summary", "## Day to day", "### Daily", "## Career path"}},
		{name: "a specialisation of senior's level", id: "senior-platform", opts: RoleOptions{From: "senior", Level: 2},
			want:     with(grown, "individual-contributor", 2, "engineer", "", "senior"),
			headings: []string{"## Role summary", "## Day to day", "### Daily", "## Career path"}},
		{name: "a move to another track", id: "manager", opts: RoleOptions{From: "senior", Track: "management"},
			want:     with(grown, "management", 3, "senior", "", ""),
			headings: []string{"## Role summary", "## Day to day", "### Daily", "## Career path"}},
		{name: "to another track, at the level asked for", id: "associate", opts: RoleOptions{From: "engineer", Level: 1, Track: "adjacent"},
			want: with(placed{Behaviours: "impact", Groups: "technical:build", Tiers: "alone-new-alone", AI: "automated:boilerplate"},
				"adjacent", 1, "engineer", "", ""),
			headings: []string{"## Role summary"}},
		{name: "a specialisation takes the paths into its level", id: "engineer-data", opts: RoleOptions{From: "engineer", Level: 1},
			want:     with(placed{Behaviours: "impact", Groups: "technical:build", Tiers: "alone-new-alone", AI: "automated:boilerplate"}, "individual-contributor", 1, "", "", "engineer"),
			headings: []string{"## Role summary"}},
		{name: "below it, on its track", id: "intern", opts: RoleOptions{From: "senior", Level: 1},
			want:     with(grown, "individual-contributor", 1, "", "senior", ""),
			headings: []string{"## Role summary", "## Day to day", "### Daily", "## Career path"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := ladderSite(t)
			p, err := Role(dir, tc.id, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(dir, "content", "roles", tc.id+".md"); p != want {
				t.Errorf("path %s, want %s", p, want)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), "TODO") {
				t.Error("the draft has TODOs; it should have prompts")
			}
			f, err := content.Parse(p, data)
			if err != nil {
				t.Fatalf("the draft does not parse: %v", err)
			}
			m := loadLadder(t, dir)
			if diff := cmp.Diff(tc.want, placeOf(m, f, tc.id)); diff != "" {
				t.Errorf("the new role (-want +got):\n%s", diff)
			}
			if tc.headings != nil {
				if diff := cmp.Diff(tc.headings, headings(f.Body)); diff != "" {
					t.Errorf("body headings (-want +got):\n%s", diff)
				}
			}
			// An unfilled draft grown from a finished role gives the
			// ladder lint nothing to say. (The generic template leaves
			// behaviours out: it does not read the ladder's axes.)
			if findings := lint.Check(m); tc.opts.From != "" && len(findings) > 0 {
				t.Errorf("lint findings on the draft:\n%v", findings)
			}
		})
	}
}

// The role grown from senior carries senior's text and skill rows as
// comments for the author, and prompts in the values.
func TestRoleOutline(t *testing.T) {
	dir := ladderSite(t)
	p, err := Role(dir, "staff", RoleOptions{From: "senior"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n# The Senior Engineer's scope: One team's services: end to end, without day-to-day direction.\n",
		"\n    # Senior Engineer: Own the design and operation of the team's services.\n    - id: own-services\n      text: What a Staff is responsible for here, beyond the Senior Engineer's item above.\n      meets: One short example of meeting it.\n",
		"\n    # Senior Engineer (designs): Approves designs: inside the team's services.\n",
		"\n    metric: \"Lead time: commit to production\"\n",
		"\n#   content/skills/coding.md (Coding): senior is Critical\n#     staff: {importance: Critical, expectation: What a Staff shows of Coding.}\n",
		"\ndraft: true ",
		"\n## Role summary\n\nWho a Staff is, what they own and why the organisation needs the role.\n",
		"\n## Day to day\n\nThis section of the Senior Engineer's page, written for the Staff.\n\n### Daily\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
}

func TestRoleErrors(t *testing.T) {
	for _, tc := range []struct {
		id   string
		opts RoleOptions
		want string
	}{
		{"Platform", RoleOptions{}, `role id "Platform" is not valid (use lower-case words joined by "-", e.g. platform-engineer)`},
		{"a b", RoleOptions{}, `role id "a b" is not valid (use lower-case words joined by "-", e.g. platform-engineer)`},
		{"../x", RoleOptions{}, `role id "../x" is not valid (use lower-case words joined by "-", e.g. platform-engineer)`},
		{"", RoleOptions{}, `role id "" is not valid (use lower-case words joined by "-", e.g. platform-engineer)`},
		{"-x", RoleOptions{}, `role id "-x" is not valid (use lower-case words joined by "-", e.g. platform-engineer)`},
		{"x", RoleOptions{Track: "managment"}, `--track "managment" is not a track (did you mean "management"?)`},
		{"x", RoleOptions{Track: "specialist"}, `--track "specialist" is not a track (use individual-contributor, management or adjacent)`},
		{"x", RoleOptions{Level: 7}, `--level 7 is outside 1..6 (levels run from 1, entry, to 6)`},
		{"x", RoleOptions{Level: -1}, `--level -1 is outside 1..6 (levels run from 1, entry, to 6)`},
		{"x", RoleOptions{From: "senoir"}, `--from "senoir": no role has this id (did you mean "senior"?)`},
		{"x", RoleOptions{From: "principal"}, `--from "principal": no role has this id (role ids are the file names under content/roles/: engineer, senior)`},
		{"x", RoleOptions{From: "Senior Engineer"}, `--from "Senior Engineer" is not a role id (role ids are the file names under content/roles/, e.g. senior-software-engineer)`},
		{"senior", RoleOptions{From: "engineer"}, `role id "senior" is already used by content/roles/senior.md (choose another id)`},
	} {
		dir := ladderSite(t)
		_, err := Role(dir, tc.id, tc.opts)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Role(%q, %+v) = %v\nwant %s", tc.id, tc.opts, err, tc.want)
		}
		if strings.Contains(tc.want, "\n") {
			t.Errorf("%q is more than one line", tc.want)
		}
		if entries, _ := os.ReadDir(filepath.Join(dir, "content", "roles")); len(entries) != 2 {
			t.Errorf("Role(%q, %+v) wrote a file", tc.id, tc.opts)
		}
	}
	if err := CheckLevel(0); err == nil || err.Error() != "--level 0 is outside 1..6 (levels run from 1, entry, to 6)" {
		t.Errorf("CheckLevel(0) = %v", err)
	}
}

// A role at the top of the ladder has no level above it to grow into.
func TestRoleFromTheTop(t *testing.T) {
	dir := ladderSite(t)
	if _, err := Role(dir, "chief", RoleOptions{Level: 6}); err != nil {
		t.Fatal(err)
	}
	_, err := Role(dir, "beyond", RoleOptions{From: "chief"})
	if want := "--from chief: it is at level 6, the highest, so there is no level above it (give --level)"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// It never overwrites a page, and writes only under content/roles.
func TestRoleNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	p, err := Role(dir, "platform-engineer", RoleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := content.Parse(p, mustRead(t, p))
	if err != nil {
		t.Fatalf("scaffold does not parse: %v", err)
	}
	if f.Front.Title != "Platform Engineer" || f.Front.ID != "platform-engineer" {
		t.Errorf("front = %+v", f.Front)
	}
	if _, err := Role(dir, "platform-engineer", RoleOptions{}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second write: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.md")); err == nil {
		t.Error("wrote outside content/roles")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Under career.missing_parts: warn a role may grow from one that lacks
// parts; the draft lacks them too, and loads the same way.
func TestRoleFromAnIncompleteRole(t *testing.T) {
	dir := ladderSite(t)
	if err := os.WriteFile(filepath.Join(dir, "handbook.yaml"), []byte("title: T\ncareer: {missing_parts: warn}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bare := "---\nid: lead\ntitle: Lead\ndescription: Leads.\ntrack: management\nlevel: 3\n---\n\nImported.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "roles", "lead.md"), []byte(bare), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Role(dir, "director", RoleOptions{From: "lead"}); err != nil {
		t.Fatal(err)
	}
	tree, err := content.Load(source.New(dir), "content")
	if err != nil {
		t.Fatal(err)
	}
	m, err := career.LoadWith(tree.Files, career.Options{MissingParts: career.MissingWarn})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range m.Warnings {
		if w.File == "content/roles/director.md" {
			got = append(got, w.Msg)
		}
	}
	want := []string{"role has no responsibilities", "role has no decision rights", "role has no AI impact"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the draft's missing parts (-want +got):\n%s", diff)
	}
	if r := m.Role("director"); r == nil || r.Level != 4 || r.Track != "management" {
		t.Errorf("director = %+v", r)
	}
}
