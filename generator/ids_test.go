package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestForeignHandbook builds testdata/sites/foreign.txtar, a handbook
// written for GitHub: every page is titled by its title: key, else its
// first heading, else its file or folder name, and that title is the one
// h1 of the page, its <title>, its sidebar link, its breadcrumb and its
// backlinks' label; README.md, Readme.md and index.md are their folders'
// pages; links by full id, by a file name only one page has, and to a
// README.md resolve.
func TestForeignHandbook(t *testing.T) {
	dir := writeSite(t, "testdata/sites/foreign.txtar")
	if _, err := buildSite(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page, title string
		// want are fragments of the page, in order.
		want []string
	}{
		{"index.html", "Welcome to Acme", []string{
			`<span id="welcome-to-acme"></span>`,
			`<a href="departments/">departments</a>`,
			`<a href="faq/">Frequently asked</a>`, // [[faq]]: faq.md, not faq-notes.md
		}},
		{"departments/index.html", "Departments", []string{ // setext heading of README.md
			`<li><a href="../">Welcome to Acme</a></li>`, // breadcrumbs
			`<a href="cloud/onboarding/">onboarding</a>`,
		}},
		{"departments/cloud/index.html", "Cloud team", []string{
			`<summary class="nav-heading">Cloud team <span class="nav-count">(1)</span></summary>`, // the sidebar: the folder open
			`<li><a href="../../departments/cloud/" aria-current="page">Overview</a></li>`,
			`<a href="onboarding/">Cloud onboarding</a>`,
		}},
		{"departments/cloud/onboarding/index.html", "Cloud onboarding", []string{
			`<li><a href="../../../departments/">Departments</a></li><li><a href="../../../departments/cloud/">Cloud team</a></li>`,
			`<span id="cloud-onboarding"></span>`,
			`<a href="../">cloud team</a>`, // index.md
			`<a href="../../data/onboarding/#first-week">differently</a>`,
			`<a href="../../data/onboarding/">data</a>`,
			`<a href="../../data/processes/">Processes</a>`, // [[processes]], the only one
		}},
		{"departments/data/index.html", "The data team", []string{ // Readme.md, Markdown stripped
			`<a href="../cloud/">the cloud team</a>`,
		}},
		{"departments/data/onboarding/index.html", "Data onboarding", []string{ // title: and the same heading
			`<span id="data-onboarding"></span>`,
			`<a href="../../../faq/#access">Frequently asked</a>`,
			// Backlinks: a link under the dropped heading is at the top
			// of its page, in no section.
			`<li><a href="../../../departments/cloud/onboarding/">Cloud onboarding</a></li>`,
		}},
		{"departments/data/processes/index.html", "Processes", []string{ // no heading: the file name
			`<a href="../">team page</a>`, // Readme.md
		}},
		{"departments/data/faq-notes/index.html", "FAQ notes", []string{ // title: and another heading: demoted
			`<h2 id="questions-we-keep-hearing">Questions we keep hearing`,
		}},
		{"faq/index.html", "Frequently asked", []string{
			`<a href="../departments/cloud/onboarding/#accounts">accounts</a>`,
			`<li><a href="../">Welcome to Acme</a></li>`, // backlinks
			`<li><a href="../departments/data/faq-notes/#questions-we-keep-hearing">FAQ notes › Questions we keep hearing</a></li>`,
			`<li><a href="../departments/data/onboarding/#first-week">Data onboarding › First week</a></li>`,
		}},
	}
	h1 := regexp.MustCompile(`<h1[ >]`)
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			out := read(t, dir, filepath.Join("public", tt.page))
			if n := len(h1.FindAllString(out, -1)); n != 1 {
				t.Errorf("%d h1, want 1", n)
			}
			if want := "<h1>" + tt.title + "</h1>"; !strings.Contains(out, want) {
				t.Errorf("the page lacks %s", want)
			}
			if want := "<title>" + tt.title + " · Acme Handbook</title>"; tt.page != "index.html" && !strings.Contains(out, want) {
				t.Errorf("the page lacks %s", want)
			}
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("the page lacks %s (after the fragments before it)", w)
					continue
				}
				rest = rest[i+len(w):]
			}
		})
	}
	search := read(t, dir, "public/search/s/0.json")
	for _, w := range []string{`["/departments/data/","The data team","page"]`, `["/departments/cloud/onboarding/","Cloud onboarding","page"]`} {
		if !strings.Contains(search, w) {
			t.Errorf("the search index lacks %s", w)
		}
	}
	if strings.Contains(read(t, dir, "public/departments/data/onboarding/index.html"), "Cloud onboarding › Cloud onboarding") {
		t.Error("the dropped title heading is named as a section")
	}
}

// TestForeignHandbookErrors changes testdata/sites/foreign.txtar into
// handbooks that fail: each error names the file, line and column, and
// says how to fix it.
func TestForeignHandbookErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "an ambiguous short reference",
			files: map[string]string{"content/departments/cloud/index.md": "# Cloud team\n\nSee the\n[[onboarding#accounts|onboarding]]."},
			want: `content/departments/cloud/index.md:4:1: short reference [[onboarding#accounts]] is ambiguous: 2 pages are named "onboarding" ` +
				`(departments/cloud/onboarding, departments/data/onboarding) (write the full id of the page you mean, as in [[departments/cloud/onboarding]])`,
		},
		{
			name:  "a short reference made ambiguous by a new page",
			files: map[string]string{"content/departments/legal/processes.md": "# Legal processes\n"},
			want:  `content/departments/cloud/onboarding.md:9:38: short reference [[processes]] is ambiguous: 2 pages are named "processes"`,
		},
		{
			name:  "README.md beside index.md",
			files: map[string]string{"content/departments/cloud/README.md": "# Cloud\n"},
			want: `content/departments/cloud/README.md:1:1: README.md is also the page of folder departments/cloud/, as content/departments/cloud/index.md is ` +
				`(keep one: _index.md wins over index.md, and index.md over README.md; merge the two files)`,
		},
		{
			name:  "_index.md beside README.md",
			files: map[string]string{"content/departments/_index.md": "---\ntitle: Departments\n---\n"},
			want:  `content/departments/README.md:1:1: README.md is also the page of folder departments/, as content/departments/_index.md is`,
		},
		{
			name:  "two explicit ids",
			files: map[string]string{"content/a.md": "---\nid: processes\n---\n", "content/b.md": "---\ntitle: B\nid: processes\n---\n"},
			want:  `content/b.md:3:5: page id "processes" is also the id of content/a.md (ids must be unique: change one, or remove it and link to the page by its full id, [[b]])`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, "testdata/sites/foreign.txtar")
			for name, data := range tt.files {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := buildSite(t, dir, Options{})
			if err == nil {
				t.Fatal("build succeeded")
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}
