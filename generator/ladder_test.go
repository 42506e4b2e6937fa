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
