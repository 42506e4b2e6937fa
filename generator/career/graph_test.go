package career

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// edges is a role's place in the graph, as ids.
type edges struct{ LeadsTo, FeedsFrom, Adjacent []string }

func graphOf(m *Model) map[string]edges {
	g := map[string]edges{}
	for _, r := range m.Roles {
		g[r.ID] = edges{ids(r.LeadsTo), ids(r.FeedsFrom), ids(r.Adjacent)}
	}
	return g
}

func TestGraph(t *testing.T) {
	none := []string{}
	tests := []struct {
		name    string
		edits   []edit
		want    map[string]edges
		wantErr []string
	}{
		{
			name: "written once, seen from both sides",
			want: map[string]edges{
				"engineer": {[]string{"senior"}, none, none},
				"senior":   {[]string{"lead"}, []string{"engineer"}, []string{"ops"}},
				"lead":     {[]string{"manager"}, []string{"senior"}, none},
				"manager":  {none, []string{"lead"}, none},
				"ops":      {none, none, []string{"senior"}},
			},
		},
		{
			name: "written on both sides counts once",
			edits: []edit{
				{"roles/senior.md", "  leads_to: [lead]\n", "  leads_to: [lead, lead]\n  feeds_from: [engineer]\n"},
				{"roles/ops.md", "weight: 80\n", "weight: 80\nrelations:\n  adjacent: [senior]\n"},
			},
			want: map[string]edges{
				"engineer": {[]string{"senior"}, none, none},
				"senior":   {[]string{"lead"}, []string{"engineer"}, []string{"ops"}},
				"lead":     {[]string{"manager"}, []string{"senior"}, none},
				"manager":  {none, []string{"lead"}, none},
				"ops":      {none, none, []string{"senior"}},
			},
		},
		{
			name: "sorted by track, then level, then title",
			edits: []edit{
				{"roles/senior.md", "  leads_to: [lead]\n", "  leads_to: [ops, manager, lead]\n"},
				{"roles/engineer.md", "  leads_to: [senior]\n", "  leads_to: [senior]\n  adjacent: [ops, manager]\n"},
			},
			want: map[string]edges{
				"engineer": {[]string{"senior"}, none, []string{"manager", "ops"}},
				"senior":   {[]string{"lead", "manager", "ops"}, []string{"engineer"}, []string{"ops"}},
				"lead":     {[]string{"manager"}, []string{"senior"}, none},
				"manager":  {none, []string{"senior", "lead"}, []string{"engineer"}},
				"ops":      {none, []string{"senior"}, []string{"engineer", "senior"}},
			},
		},
		{
			name: "a missing role",
			edits: []edit{
				{"roles/ops.md", "", ""},
				{"skills/coding.md", "  ops:\n    importance: Important\n    expectation: Writes automation.\n", ""},
			},
			wantErr: []string{`content/roles/senior.md:11:14: adjacent: no role has id "ops" (role ids are the file names under content/roles/)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := loadFixture(t, tt.edits...)
			if diff := cmp.Diff(tt.wantErr, errorLines(err)); diff != "" {
				t.Fatalf("errors (-want +got):\n%s", diff)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, graphOf(m)); diff != "" {
				t.Errorf("graph (-want +got):\n%s", diff)
			}
			checkGraph(t, m)
		})
	}
}

// checkGraph checks the invariants of any loaded graph: every edge is seen
// from both ends, and every list is sorted without repeats.
func checkGraph(t *testing.T, m *Model) {
	t.Helper()
	for _, r := range m.Roles {
		for _, o := range r.LeadsTo {
			if !slices.Contains(o.FeedsFrom, r) {
				t.Errorf("%s leads to %s, but %s does not feed from it", r.ID, o.ID, o.ID)
			}
		}
		for _, o := range r.FeedsFrom {
			if !slices.Contains(o.LeadsTo, r) {
				t.Errorf("%s feeds from %s, but %s does not lead to it", r.ID, o.ID, o.ID)
			}
		}
		for _, o := range r.Adjacent {
			if !slices.Contains(o.Adjacent, r) {
				t.Errorf("%s is adjacent to %s, but not the other way", r.ID, o.ID)
			}
		}
		for name, list := range map[string][]*Role{"leads_to": r.LeadsTo, "feeds_from": r.FeedsFrom, "adjacent": r.Adjacent} {
			for i := 1; i < len(list); i++ {
				if !roleLess(list[i-1], list[i]) {
					t.Errorf("%s %s is not sorted without repeats: %v", r.ID, name, ids(list))
				}
			}
			if slices.Contains(list, r) {
				t.Errorf("%s %s holds the role itself", r.ID, name)
			}
		}
	}
}

func TestSkills(t *testing.T) {
	m := mustLoad(t)
	var got []string
	for _, r := range m.Roles {
		var col []string
		for _, rs := range r.Skills {
			col = append(col, rs.Skill.ID+"="+rs.Importance)
		}
		got = append(got, r.ID+": "+strings.Join(col, " "))
	}
	// coding (must-have) comes before design (advanced) despite its higher
	// weight: category first.
	want := []string{
		"engineer: coding=Important",
		"senior: coding=Critical design=Important",
		"lead: coding=Critical design=Critical",
		"manager: coding=Optional",
		"ops: coding=Important",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role skills (-want +got):\n%s", diff)
	}

	coding := m.Skill("coding")
	var roles []string
	for _, sr := range coding.Roles {
		roles = append(roles, sr.Role.ID)
	}
	if diff := cmp.Diff([]string{"engineer", "senior", "lead", "manager", "ops"}, roles); diff != "" {
		t.Errorf("coding roles (-want +got):\n%s", diff)
	}
	wantSkill := Skill{ID: "coding", Title: "Coding", Category: "must-have", CategoryTitle: "Must-have",
		Description: "Writing code.", Usage: "Every day.", Weight: 10, File: "content/skills/coding.md",
		Levels: map[string]Expectation{
			"engineer": {Importance: Important, Text: "Writes small features."},
			"senior":   {Importance: Critical, Text: "Writes services."},
			"lead":     {Importance: Critical, Text: "Writes the hard parts."},
			"manager":  {Importance: Optional, Text: "Reads code."},
			"ops":      {Importance: Important, Text: "Writes automation."},
		}}
	gotSkill := *coding
	gotSkill.Roles = nil
	if diff := cmp.Diff(wantSkill, gotSkill, cmpopts.IgnoreUnexported(Skill{})); diff != "" {
		t.Errorf("coding (-want +got):\n%s", diff)
	}
}

func TestMatrix(t *testing.T) {
	m := mustLoad(t)
	roles, rows := m.Matrix()
	var got []string
	for _, row := range rows {
		cells := make([]string, len(row.Cells))
		for i, c := range row.Cells {
			cells[i] = c.Importance
			if cells[i] == "" {
				cells[i] = "-"
			}
		}
		got = append(got, row.Skill.ID+": "+strings.Join(cells, " "))
	}
	if diff := cmp.Diff([]string{"engineer", "senior", "lead", "manager", "ops"}, ids(roles)); diff != "" {
		t.Errorf("matrix roles (-want +got):\n%s", diff)
	}
	want := []string{
		"coding: Important Critical Critical Optional Important",
		"design: - Important Critical - -",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("matrix rows (-want +got):\n%s", diff)
	}
}

// summary is a comparison in a form that reads well in a diff.
type summary struct {
	URL            string
	Groups         []string // "key: from ids -> to ids"
	Added, Removed []string // "group/id"
	Skills         []string // "skill: from -> to [changed] [up|down]"
	Rights         []string // "tier/id [from tier]"
	Behaviours     []string // "axis: from -> to [changed]", "none" for no behaviour
}

func summarize(c *Comparison) summary {
	s := summary{URL: c.URL}
	itemIDs := func(items []Item) string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
		}
		return strings.Join(out, " ")
	}
	for _, g := range c.Groups {
		s.Groups = append(s.Groups, fmt.Sprintf("%s: %s -> %s", g.Key, itemIDs(g.From), itemIDs(g.To)))
	}
	for _, ch := range c.Added {
		s.Added = append(s.Added, ch.Key+"/"+ch.ID)
	}
	for _, ch := range c.Removed {
		s.Removed = append(s.Removed, ch.Key+"/"+ch.ID)
	}
	imp := func(e *Expectation) string {
		if e == nil {
			return "none"
		}
		return e.Importance
	}
	bt := func(b *Behaviour) string {
		if b == nil {
			return "none"
		}
		return b.Text
	}
	for _, bc := range c.BehaviourChanges {
		line := fmt.Sprintf("%s: %s -> %s", bc.Axis.ID, bt(bc.From), bt(bc.To))
		if bc.Changed {
			line += " changed"
		}
		s.Behaviours = append(s.Behaviours, line)
	}
	for _, sc := range c.SkillChanges {
		line := fmt.Sprintf("%s: %s -> %s", sc.Skill.ID, imp(sc.From), imp(sc.To))
		if sc.Changed {
			line += " changed"
		}
		if sc.ImportanceUp {
			line += " up"
		}
		if sc.ImportanceDown {
			line += " down"
		}
		s.Skills = append(s.Skills, line)
	}
	for _, ch := range c.RightsGained {
		line := ch.Key + "/" + ch.ID
		if ch.FromKey != "" {
			line += " from " + ch.FromKey
		}
		s.Rights = append(s.Rights, line)
	}
	return s
}

func TestComparisons(t *testing.T) {
	m := mustLoad(t)
	want := []summary{
		{
			URL:     "/compare/engineer-vs-senior/",
			Groups:  []string{"operational: on-call -> ", "technical: build -> build review", "leadership:  -> mentor"},
			Added:   []string{"technical/review", "leadership/mentor"},
			Removed: []string{"operational/on-call"},
			Skills:  []string{"coding: Important -> Critical changed up", "design: none -> Important changed up"},
			Rights:  []string{"alone/design from review", "approval/spend"},
			Behaviours: []string{
				"impact: Finishes the tasks given. -> Finishes the tasks given.",
				"influence: Asks for help early. -> Explains a design so others can review it. changed",
			},
		},
		{
			URL:     "/compare/lead-vs-manager/",
			Groups:  []string{"strategic: plan -> ", "technical: review -> ", "leadership:  -> hiring"},
			Added:   []string{"leadership/hiring"},
			Removed: []string{"strategic/plan", "technical/review"},
			Skills:  []string{"coding: Critical -> Optional changed down", "design: Critical -> none changed down"},
			Rights:  []string{"alone/hire"},
		},
		{
			// From compare_with: code moved to a stricter tier, which is no
			// gain; design stayed where it was.
			URL:     "/compare/senior-vs-lead/",
			Groups:  []string{"strategic:  -> plan", "technical: build review -> review", "leadership: mentor -> "},
			Added:   []string{"strategic/plan"},
			Removed: []string{"technical/build", "leadership/mentor"},
			Skills:  []string{"coding: Critical -> Critical changed", "design: Important -> Critical changed up"},
			Rights:  []string{"alone/order"},
			Behaviours: []string{
				"impact: Finishes the tasks given. -> none changed",
				"influence: Explains a design so others can review it. -> none changed",
			},
		},
	}
	var got []summary
	for _, c := range m.Comparisons {
		got = append(got, summarize(c))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("comparisons (-want +got):\n%s", diff)
	}
	if c := m.Comparison("senior", "lead"); c == nil || c.From != m.Role("senior") || c.To != m.Role("lead") {
		t.Errorf("Comparison(senior, lead) = %v", c)
	}
	if c := m.Comparison("lead", "senior"); c != nil {
		t.Errorf("Comparison(lead, senior) = %s, want nil", c.URL)
	}
	var of []string
	for _, c := range m.ComparisonsOf("senior") {
		of = append(of, c.URL)
	}
	if diff := cmp.Diff([]string{"/compare/engineer-vs-senior/", "/compare/senior-vs-lead/"}, of); diff != "" {
		t.Errorf("ComparisonsOf(senior) (-want +got):\n%s", diff)
	}
}

func TestComparisonPairs(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{
			name: "compare_with on both sides counts once, lower level first",
			edits: []edit{
				{"roles/lead.md", "level: 3\n", "level: 3\ncompare_with: [senior, engineer]\n"},
			},
			want: []string{"engineer-vs-senior", "lead-vs-manager", "senior-vs-lead", "engineer-vs-lead"},
		},
		{
			name: "equal levels keep the written order",
			edits: []edit{
				{"roles/ops.md", "level: 2\n", "level: 2\ncompare_with: [senior]\n"},
			},
			want: []string{"engineer-vs-senior", "lead-vs-manager", "senior-vs-lead", "ops-vs-senior"},
		},
		{
			name: "a repeated pair keeps its first order",
			edits: []edit{
				{"roles/ops.md", "level: 2\n", "level: 2\ncompare_with: [senior]\n"},
				{"roles/senior.md", "compare_with: [lead]", "compare_with: [lead, ops]"},
			},
			want: []string{"engineer-vs-senior", "lead-vs-manager", "senior-vs-lead", "senior-vs-ops"},
		},
		{
			name: "levels that skip numbers are still neighbours",
			edits: []edit{
				{"roles/senior.md", "level: 2", "level: 5"},
				{"roles/manager.md", "level: 4", "level: 6"},
			},
			want: []string{"engineer-vs-senior", "lead-vs-manager", "lead-vs-senior"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustLoad(t, tt.edits...)
			var got []string
			for _, c := range m.Comparisons {
				got = append(got, c.From.ID+"-vs-"+c.To.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("pairs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBehaviours(t *testing.T) {
	m := mustLoad(t)
	var rows []string
	for _, r := range m.BehaviourMatrix() {
		var cells []string
		for _, b := range r.Cells {
			cells = append(cells, b.Text)
		}
		rows = append(rows, r.Role.ID+": "+strings.Join(cells, " | "))
	}
	want := []string{
		"engineer: Finishes the tasks given. | Asks for help early.",
		"senior: Finishes the tasks given. | Explains a design so others can review it.",
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("BehaviourMatrix (-want +got):\n%s", diff)
	}
	var on []string
	for _, ar := range m.AxisRoles("influence") {
		on = append(on, ar.Role.ID+": "+ar.Example)
	}
	if diff := cmp.Diff([]string{"engineer: ", "senior: Writes the design note the team reviews."}, on); diff != "" {
		t.Errorf("AxisRoles(influence) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"levels", "level-engineer", "level-senior"}, AxisAnchors(m.AxisRoles("impact"))); diff != "" {
		t.Errorf("AxisAnchors (-want +got):\n%s", diff)
	}
	as := m.Role("senior").Anchors()
	for _, a := range []string{"behaviours", "behaviour-impact", "behaviour-influence", "technical-build"} {
		if !slices.Contains(as, a) {
			t.Errorf("senior's anchors lack %q: %v", a, as)
		}
	}
	if as := m.Role("manager").Anchors(); slices.Contains(as, "behaviours") {
		t.Errorf("a role without behaviours publishes #behaviours: %v", as)
	}
}

// Each list of the career paths section has an anchor exactly when the
// role page shows the list, so "Senior → Career paths → Leads to" can be
// cited.
func TestPathAnchors(t *testing.T) {
	m := mustLoad(t)
	seen := 0
	for _, r := range m.Roles {
		as := r.Anchors()
		for _, l := range []struct {
			anchor string
			roles  []*Role
		}{{AnchorPathsFrom, r.FeedsFrom}, {AnchorPathsTo, r.LeadsTo}, {AnchorPathsAdjacent, r.Adjacent}} {
			if got, want := slices.Contains(as, l.anchor), len(l.roles) > 0; got != want {
				t.Errorf("%s: anchor #%s published %v, want %v (%d roles in the list)", r.ID, l.anchor, got, want, len(l.roles))
			}
			if len(l.roles) > 0 {
				seen++
			}
		}
	}
	if seen == 0 {
		t.Fatal("the fixture has no career paths: the test checks nothing")
	}
}
