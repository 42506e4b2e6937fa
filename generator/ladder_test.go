package generator

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ladderPages are the golden pages of testdata/sites/ladder.txtar: a role
// held at two levels, a role with notes on its career paths and a
// same-level role of another track, a curated and an unlisted comparison,
// the comparisons section, the home page's ladder and the sitemap.
var ladderPages = []string{
	"roles/lead/index.html", "roles/senior/index.html", "roles/manager/index.html",
	"compare/engineer-vs-senior/index.html", "compare/engineer-vs-manager/index.html",
	"compare/index.html", "index.html", "sitemap.xml",
}

func TestGoldenLadder(t *testing.T) {
	dir := writeSite(t, "testdata/sites/ladder.txtar")
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, page := range ladderPages {
		got, err := os.ReadFile(filepath.Join(dir, "public", page))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata/golden/ladder", strings.ReplaceAll(page, "/", "_"))
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", page, diff)
		}
	}
}

// Every pair of the five roles has a comparison page; only the curated
// ones (neighbouring levels) are listed in the section, the sitemap and
// the search index, and each role page's picker reaches all the others.
func TestEveryPairCompared(t *testing.T) {
	dir := writeSite(t, "testdata/sites/ladder.txtar")
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "public")
	entries, err := os.ReadDir(filepath.Join(pub, "compare"))
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for _, e := range entries {
		if e.IsDir() {
			pairs = append(pairs, e.Name())
		}
	}
	want := []string{
		"engineer-vs-lead", "engineer-vs-manager", "engineer-vs-senior", "engineer-vs-staff",
		"lead-vs-manager", "lead-vs-staff", "senior-vs-lead", "senior-vs-manager",
		"senior-vs-staff", "staff-vs-manager",
	}
	sort.Strings(pairs)
	if diff := cmp.Diff(want, pairs); diff != "" {
		t.Errorf("comparison pages (-want +got):\n%s", diff)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(pub, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	curated := []string{"engineer-vs-senior", "senior-vs-staff"}
	section, sitemap, search := read("compare/index.html"), read("sitemap.xml"), readSearch(t, pub)
	for _, p := range want {
		listed := strings.Contains(section, `href="../compare/`+p+`/"`) || strings.Contains(section, `href="`+p+`/"`)
		inMap := strings.Contains(sitemap, "/compare/"+p+"/<")
		inSearch := strings.Contains(search, `"/compare/`+p+`/"`)
		isCurated := contains(curated, p)
		if listed != isCurated || inMap != isCurated || inSearch != isCurated {
			t.Errorf("%s: listed in section %v, sitemap %v, search %v; want %v", p, listed, inMap, inSearch, isCurated)
		}
	}
	for _, r := range []string{"engineer", "senior", "staff", "lead", "manager"} {
		page := read("roles/" + r + "/index.html")
		for _, p := range want {
			from, to, _ := strings.Cut(p, "-vs-")
			if from != r && to != r {
				continue
			}
			if n := strings.Count(page, `"../../compare/`+p+`/"`); n < 2 {
				t.Errorf("roles/%s links %d times to %s, want at least 2 (the picker and the list)", r, n, p)
			}
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// readSearch concatenates the search index files.
func readSearch(t *testing.T, pub string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(filepath.Join(pub, SearchDir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// platformRole is a second role on the senior level of ladder.txtar, a
// specialisation with the same level name.
const platformRole = `---
id: platform
title: Senior Platform Engineer
description: The Senior Platform Engineer role.
track: individual-contributor
level: 2
level_name: Senior
weight: 3
relations:
  feeds_from: [engineer]
  leads_to: [staff]
responsibilities:
  technical:
    - id: platform
      text: Runs the build and deploy platform.
decision_rights:
  alone:
    - id: decide-platform
      text: Changes to the deploy platform.
ai_impact:
  automated:
    - id: chores-platform
      text: Chores.
---
## Role summary

Runs the platform.
`

// Two roles on one level of a track show everywhere the ladder does: the
// diagram (told apart by title when their level names match), the
// navigation, the printable track, the career paths of the level below,
// each other's page and the curated comparisons.
func TestSpecialisationPages(t *testing.T) {
	dir := writeSite(t, "testdata/sites/ladder.txtar")
	writeFile(t, dir, "content/roles/platform.md", platformRole)
	skill := read(t, dir, "content/skills/coding.md")
	writeFile(t, dir, "content/skills/coding.md", strings.Replace(skill, "  staff:", "  platform: {importance: Critical, expectation: Writes platform code.}\n  staff:", 1))
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "public")
	for _, tc := range []struct {
		page string
		want []string
	}{
		{"index.html", []string{
			`<a href="roles/platform/" class="ladder-role ladder-track-individual-contributor"><title>Senior Platform Engineer (Individual contributor, level 2)</title>`,
			`<a href="roles/senior/" class="ladder-role ladder-track-individual-contributor"><title>Senior Engineer (Individual contributor, level 2)</title>`,
			`dy="17">Platform</tspan>`, // the boxes say their titles, not "Senior" twice
			`<span class="nav-level" aria-hidden="true">L2</span> Senior Platform Engineer`,
			`<span class="nav-level" aria-hidden="true">L2</span> Senior Engineer`,
		}},
		{"roles/engineer/index.html", []string{
			`<span>Next: <a href="../../roles/senior/" data-abs="https://example.com/handbook/roles/senior/">Senior Engineer</a>, <a href="../../roles/platform/" data-abs="https://example.com/handbook/roles/platform/">Senior Platform Engineer</a></span>`,
		}},
		{"roles/platform/index.html", []string{
			`Same level as <a href="../../roles/senior/" data-abs="https://example.com/handbook/roles/senior/">Senior Engineer</a>`,
			`href="../../compare/engineer-vs-platform/"`, `href="../../compare/platform-vs-staff/"`, `href="../../compare/senior-vs-platform/"`,
		}},
		{"compare/index.html", []string{`engineer-vs-platform/`, `engineer-vs-senior/`, `senior-vs-platform/`, `platform-vs-staff/`, `senior-vs-staff/`}},
		{"print/individual-contributor/index.html", []string{`<a href="#platform">Senior Platform Engineer</a>`, `<a href="#senior">Senior Engineer</a>`}},
	} {
		got, err := os.ReadFile(filepath.Join(pub, tc.page))
		if err != nil {
			t.Fatal(err)
		}
		if tc.page == "index.html" && strings.Contains(string(got), ">Senior</text>") {
			t.Error("a ladder box says only the level name both roles share")
		}
		for _, w := range tc.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s lacks %s", tc.page, w)
			}
		}
	}
}
