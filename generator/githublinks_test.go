package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGitHubLinks builds a handbook written for GitHub with each form of
// heading ids: folder links resolve against the file, links in raw HTML
// are rewritten, ids in raw HTML are anchors, and a heading is linked by
// either form of its id.
func TestGitHubLinks(t *testing.T) {
	for _, form := range []string{"github", "handbook"} {
		t.Run(form, func(t *testing.T) {
			dir := writeSite(t, "testdata/sites/github-links.txtar")
			cfg := "title: GitHub-style handbook\nmarkdown:\n  unsafe_html: true\n  heading_ids: " + form + "\n"
			if err := os.WriteFile(filepath.Join(dir, "handbook.yaml"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			stats, err := buildSite(t, dir, Options{Strict: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(stats.Warnings) > 0 {
				t.Errorf("warnings: %q", stats.Warnings)
			}
			checks := map[string][]string{
				"public/index.html": {`<a href="team/">the team</a>`, `<a href="handbook/process/">how we work</a>`},
				"public/team/onboarding/index.html": {
					`<a href="../../handbook/">how we work</a>`, `<a href="../">the team page</a>`,
					`<a href="../">the team page without a slash</a>`,
				},
				"public/handbook/process/index.html": {
					`<a href="../../team/">Team</a>`, `<a href="../../team/#who_we_are">`, `<a href="../../team/#who-we-are">`,
					`<a href="../../team/onboarding/#first_week">First week</a>`,
					`<a href="../../team/onboarding/#first_week">onboarding</a>`,
					`<a href="../../team/#q1">Q1</a>`, `<a href="../../team/#old-name">old</a>`,
					`<a href="https://example.com/x.md">external</a>`,
					`<img src="../img/flow.png" alt="The flow">`,
				},
			}
			// The heading's id in the form asked for, the other as an alias.
			if form == "github" {
				checks["public/team/index.html"] = []string{`<h2 id="who_we_are"><span id="who-we-are"></span>Who_we_are`}
				checks["public/team/onboarding/index.html"] = append(checks["public/team/onboarding/index.html"],
					`<h2 id="café--tea"><span id="caf--tea"></span>Café &amp; tea`)
			} else {
				checks["public/team/index.html"] = []string{`<h2 id="who-we-are"><span id="who_we_are"></span>Who_we_are`}
				checks["public/team/onboarding/index.html"] = append(checks["public/team/onboarding/index.html"],
					`<h2 id="caf--tea"><span id="café--tea"></span>Café &amp; tea`)
			}
			for file, wants := range checks {
				page := read(t, dir, file)
				for _, w := range wants {
					if !strings.Contains(page, w) {
						t.Errorf("%s lacks %s", file, w)
					}
				}
			}
		})
	}
}

// TestGitHubLinksBroken: a broken link or anchor in raw HTML is reported
// at its file, line and column like one in Markdown, as an error or, under
// links.on_broken: warn, a warning.
func TestGitHubLinksBroken(t *testing.T) {
	page := "---\ntitle: Broken\n---\nText.\n\n<p><a href=\"../team/nope.md\">x</a>\n<a href=\"../team/#q2\">y</a></p>\n"
	for _, policy := range []string{"error", "warn"} {
		t.Run(policy, func(t *testing.T) {
			dir := writeSite(t, "testdata/sites/github-links.txtar")
			cfg := "title: T\nmarkdown:\n  unsafe_html: true\nlinks:\n  on_broken: " + policy + "\n"
			for name, data := range map[string]string{"handbook.yaml": cfg, "content/handbook/broken.md": page} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			stats, err := buildSite(t, dir, Options{})
			got := strings.Join(stats.Warnings, "\n")
			if err != nil {
				got = err.Error()
			}
			for _, want := range []string{
				`content/handbook/broken.md:6:13: ` + map[string]string{"warn": "warning: "}[policy] + `link to missing page "../team/nope.md"`,
				`content/handbook/broken.md:7:10: ` + map[string]string{"warn": "warning: "}[policy] + `link "../team/#q2": page /team/ has no anchor #q2 (did you mean #q1?)`,
			} {
				if !strings.Contains(got, want) {
					t.Errorf("%s policy: the report lacks\n%s\nin\n%s", policy, want, got)
				}
			}
		})
	}
}
