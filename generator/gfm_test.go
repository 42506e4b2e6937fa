package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGitHubFlavouredPage builds a page written for GitHub: typographic
// entities in headings are escaped once in every output file (the page's
// TOC, permalink and table labels, the search index, handbook.json), a tab
// after a list's "-" in front matter is accepted, and alerts are callouts.
func TestGitHubFlavouredPage(t *testing.T) {
	dir := writeSite(t, "testdata/sites/basic.txtar")
	page := "---\ntitle: \"Notes: what we won't do\"\naliases:\n-\t/guides/old-notes/\n---\n" +
		"## We won't ship on Fridays\n\n|a|b|\n|-|-|\n|1|[[senior|the Senior page]]|\n\n" +
		"## \"Scope\" -- and... AT&amp;T\n\n> [!WARNING]\n> Read [[senior]] first.\n\n## Next\n"
	if err := os.WriteFile(filepath.Join(dir, "content/guides/notes.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	out := read(t, dir, "public/guides/notes/index.html")
	for _, want := range []string{
		`<a href="#we-wont-ship-on-fridays">We won’t ship on Fridays</a>`, // the TOC
		`aria-label="Permalink to We won’t ship on Fridays"`,
		`aria-label="Table: We won’t ship on Fridays"`,
		`<td><a href="../../roles/senior/">the Senior page</a></td>`,
		`aria-label="Permalink to “Scope” – and… AT&amp;T"`,
		`<div class="callout callout-warning" role="note" aria-label="Warning">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// The backlinks name the section a link is in.
	if s := read(t, dir, "public/roles/senior/index.html"); !strings.Contains(s, "Notes: what we won&#39;t do › “Scope” – and… AT&amp;T</a>") {
		t.Errorf("the senior page's backlinks lack the section of the link from notes:\n%s", s[strings.Index(s, `class="backlinks"`):])
	}
	if _, err := os.Stat(filepath.Join(dir, "public/guides/old-notes/index.html")); err != nil {
		t.Errorf("the alias after \"-<tab>\" has no redirect: %v", err)
	}
	twice := []string{"&amp;rsquo;", "&amp;ldquo;", "&amp;rdquo;", "&amp;ndash;", "&amp;hellip;", "&amp;amp;"}
	err := filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		for _, w := range twice {
			if strings.Contains(s, w) {
				t.Errorf("%s has %s: escaped twice", p, w)
			}
		}
		if !strings.HasSuffix(p, ".html") && strings.Contains(s, "&rsquo;") {
			t.Errorf("%s (not HTML) has an HTML entity", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
