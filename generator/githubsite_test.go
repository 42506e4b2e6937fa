package generator

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGitHubHandbook builds a handbook written for GitHub with nothing
// but the two keys docs/migrating.md starts with: it builds without a
// warning (every link in it works on GitHub), every page has one
// non-empty h1 and a title, every page is reachable from home by
// following sidebar links, no published link still points at a .md file,
// raw-HTML ids are link targets, alerts are callouts, and files that are
// not content are not published.
func TestGitHubHandbook(t *testing.T) {
	dir := writeSite(t, "testdata/sites/github-style.txtar")
	stats, err := buildSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stats.Warnings) != 0 {
		t.Errorf("a handbook whose links all work on GitHub gets warnings:\n%s", strings.Join(stats.Warnings, "\n"))
	}
	pages := map[string]string{} // URL path -> HTML
	err = filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "public"), filepath.Dir(p))
		u := "/" + filepath.ToSlash(rel) + "/"
		if rel == "." {
			u = "/"
		}
		if strings.Contains(string(b), `http-equiv="refresh"`) {
			return nil // a redirect
		}
		pages[u] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/", "/company/", "/company/faq/", "/company/values/",
		"/departments/", "/departments/engineering/", "/departments/engineering/onboarding/",
		"/departments/engineering/faq/", "/departments/engineering/platform/",
		"/departments/engineering/platform/onboarding/", "/departments/engineering/platform/runbooks/",
		"/departments/engineering/platform/runbooks/database/",
		"/departments/engineering/platform/runbooks/database/failover/",
		"/departments/sales/", "/departments/sales/onboarding/", "/departments/sales/faq/",
		"/departments/people/",
	}
	h1 := regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
	title := regexp.MustCompile(`(?s)<title>(.*?)</title>`)
	for _, u := range want {
		html, ok := pages[u]
		if !ok {
			t.Errorf("no page at %s", u)
			continue
		}
		hs := h1.FindAllStringSubmatch(html, -1)
		if len(hs) != 1 || strings.TrimSpace(stripTags(hs[0][1])) == "" {
			t.Errorf("%s: want one non-empty h1, have %q", u, hs)
		}
		if m := title.FindStringSubmatch(html); m == nil || strings.TrimSpace(m[1]) == "" || strings.HasPrefix(strings.TrimSpace(m[1]), "|") {
			t.Errorf("%s: no title: %q", u, m)
		}
		if strings.Contains(html, `.md"`) || strings.Contains(html, `.md#`) {
			t.Errorf("%s: a link still points at a .md file", u)
		}
	}
	// Reachable through the sidebar from home.
	sidebar := regexp.MustCompile(`(?s)<nav id="sidebar".*?</nav>`)
	href := regexp.MustCompile(`href="([^"#]*)"`)
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		nav := sidebar.FindString(pages[u])
		for _, m := range href.FindAllStringSubmatch(nav, -1) {
			v := path.Join(u, m[1])
			if !strings.HasSuffix(v, "/") {
				v += "/"
			}
			if _, ok := pages[v]; ok && !seen[v] {
				seen[v] = true
				queue = append(queue, v)
			}
		}
	}
	for _, u := range want {
		if !seen[u] {
			t.Errorf("%s cannot be reached from home through the sidebar", u)
		}
	}
	for _, c := range []struct{ page, want string }{
		{"/", `class="callout callout-note"`},
		{"/departments/engineering/onboarding/", `class="callout callout-important"`},
		{"/departments/engineering/", `href="../../company/values/#value-ownership"`},
		{"/company/values/", `href="../../departments/engineering/onboarding/"`},
		{"/company/faq/", `href="../../departments/engineering/faq/#how-do-i-get-access-to-production"`},
	} {
		if !strings.Contains(pages[c.page], c.want) {
			t.Errorf("%s lacks %s", c.page, c.want)
		}
	}
	for _, gone := range []string{"CODEOWNERS", "departments/engineering/platform/styles.scss"} {
		if _, err := os.Stat(filepath.Join(dir, "public", gone)); err == nil {
			t.Errorf("%s is published: it is not content", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public/departments/engineering/pipeline.png")); err != nil {
		t.Errorf("the page's image is not published: %v", err)
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

func stripTags(s string) string { return tags.ReplaceAllString(s, "") }
