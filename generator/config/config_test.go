package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in     string
		wantBase     string
		wantBasePath string
		wantErr      string
	}{
		{name: "empty", in: "", wantBase: "/", wantBasePath: "/"},
		{name: "sub-path", in: "title: T\nbase_url: https://example.com/handbook\n", wantBase: "https://example.com/handbook/", wantBasePath: "/handbook/"},
		{name: "path only", in: "base_url: /docs/", wantBase: "/docs/", wantBasePath: "/docs/"},
		{name: "unknown key", in: "title: T\nbaseurl: x\n", wantErr: `handbook.yaml:2:1: unknown key "baseurl"`},
		{name: "nested unknown key", in: "markdown:\n  unsafe: true\n", wantErr: `handbook.yaml:2:1: unknown key "unsafe"`},
		{name: "bad yaml", in: "title: [\n", wantErr: `handbook.yaml:1:8: title: a list opened with "[" is not closed`},
		{name: "tab indentation", in: "markdown:\n\tunsafe_html: true\n", wantErr: "handbook.yaml:2:1: unsafe_html: tabs are not allowed for indentation in YAML (use spaces)"},
		{name: "tab after a dash", in: "editions:\n-\t{name: a, tag: edition/a}\n", wantBase: "/", wantBasePath: "/"},
		{name: "tab before a nested mapping", in: "editions:\n-\tname: a\n", wantErr: "handbook.yaml:2:2: name: tabs are not allowed for indentation in YAML (use spaces)"},
		{name: "wrong type", in: "params: 3\n", wantErr: `handbook.yaml:1:9: params: cannot use "3" here, want a mapping`},
		{name: "wrong nested type", in: "markdown:\n  unsafe_html: maybe\n", wantErr: `handbook.yaml:2:16: markdown.unsafe_html: cannot use "maybe" here, want true or false`},
		{name: "list for text", in: "title: [a]\n", wantErr: "handbook.yaml:1:8: title: cannot use a list here, want text"},
		{name: "wrong type in a list", in: "editions:\n  - name: [a]\n    tag: t\n", wantErr: "handbook.yaml:2:11: editions.name: cannot use a list here, want text"},
		{name: "bad base", in: "base_url: ftp://x/\n", wantErr: "base URL"},
		{name: "relative base", in: "base_url: docs\n", wantErr: "base URL"},
		{name: "page budget", in: "markdown:\n  max_size_mb: 8\n  timeout: 30s\n", wantBase: "/", wantBasePath: "/"},
		{name: "negative size", in: "markdown:\n  max_size_mb: -1\n", wantErr: "handbook.yaml:2:1: markdown.max_size_mb is -1 (use a number of MiB from 1 to 1024"},
		{name: "bad timeout", in: "title: T\nmarkdown:\n  timeout: ten\n", wantErr: `handbook.yaml:3:1: markdown.timeout is "ten" (use a duration such as "10s"`},
		{name: "bad heading ids", in: "markdown:\n  unsafe_html: true\n  heading_ids: gitlab\n", wantErr: `handbook.yaml:3:1: markdown.heading_ids is "gitlab" (use "handbook" (the default) or "github")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(FileName, []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error spans several lines: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL != tt.wantBase || c.BasePath() != tt.wantBasePath {
				t.Errorf("base = %q, %q; want %q, %q", c.BaseURL, c.BasePath(), tt.wantBase, tt.wantBasePath)
			}
		})
	}
}

func TestAbsURL(t *testing.T) {
	c := Default()
	if err := c.SetBaseURL("https://example.com/handbook/"); err != nil {
		t.Fatal(err)
	}
	if got, want := c.AbsURL("/roles/x/"), "https://example.com/handbook/roles/x/"; got != want {
		t.Errorf("AbsURL = %q, want %q", got, want)
	}
}

func TestEditions(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Edition
		wantErr  string
	}{
		{name: "two editions", in: "title: T\nrepo_url: https://github.com/org/handbook.git/\neditions:\n  - name: 2025-h2\n    tag: edition/2025-h2\n  - {name: 2026-h1, tag: edition/2026-h1}\n",
			want: []Edition{{"2025-h2", "edition/2025-h2", 4, 5}, {"2026-h1", "edition/2026-h1", 6, 5}}},
		{name: "same name twice", in: "editions:\n  - name: a\n    tag: t1\n  - name: a\n    tag: t2\n",
			wantErr: `handbook.yaml:4:5: edition "a" is listed twice (it is already listed at line 2; give each edition its own name)`},
		{name: "no tag", in: "editions:\n  - name: a\n", wantErr: `handbook.yaml:2:5: edition "a" has no tag`},
		{name: "no name", in: "editions:\n  - tag: t\n", wantErr: `handbook.yaml:2:5: edition has no name`},
		{name: "bad name", in: "editions:\n  - name: 2026 H1\n    tag: t\n", wantErr: `edition name "2026 H1" is not fit for a URL`},
		{name: "reserved name", in: "editions:\n  - name: current\n    tag: t\n", wantErr: `edition name "current" is reserved`},
		{name: "unknown edition key", in: "editions:\n  - name: a\n    tags: t\n", wantErr: `handbook.yaml:3:1: unknown key "tags" (known keys: name, tag)`},
		{name: "bad repo url", in: "title: T\nrepo_url: github.com/org/handbook\n", wantErr: `handbook.yaml:2:1: repo_url "github.com/org/handbook" is not a web address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(FileName, []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("error = %v, want one line containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, c.Editions); diff != "" {
				t.Errorf("editions (-want +got):\n%s", diff)
			}
			if c.RepoURL != "https://github.com/org/handbook" || c.EditBranch != "main" {
				t.Errorf("repo = %q, branch %q", c.RepoURL, c.EditBranch)
			}
		})
	}
}

func TestUnknownKeyHint(t *testing.T) {
	_, err := Parse(FileName, []byte("colour: red\n"))
	if err == nil || !strings.Contains(err.Error(), "known keys: title, base_url, theme, language, params, markdown, links, repo_url, edit_branch, editions, ignore, career") {
		t.Errorf("error = %v", err)
	}
}

func TestCareerMissingParts(t *testing.T) {
	for _, tt := range []struct{ in, want, wantErr string }{
		{in: "", want: "error"},
		{in: "career: {}\n", want: "error"},
		{in: "career:\n  missing_parts: warn\n", want: "warn"},
		{in: "career: {missing_parts: error}\n", want: "error"},
		{in: "title: T\ncareer:\n  missing_parts: ignore\n", wantErr: `handbook.yaml:3:1: career.missing_parts is "ignore" (use "error" (the default) or "warn")`},
		{in: "career:\n  missing: warn\n", wantErr: `handbook.yaml:2:1: unknown key "missing" (known keys: missing_parts)`},
	} {
		c, err := Parse(FileName, []byte(tt.in))
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%q: error = %v, want %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if c.Career.MissingParts != tt.want {
			t.Errorf("%q: missing_parts = %q, want %q", tt.in, c.Career.MissingParts, tt.want)
		}
	}
	if got := Default().Career.MissingParts; got != "error" {
		t.Errorf("default missing_parts = %q", got)
	}
}

func TestHeadingIDs(t *testing.T) {
	for in, want := range map[string]string{"": "handbook", "markdown:\n  heading_ids: github\n": "github", "markdown:\n  heading_ids: handbook\n": "handbook"} {
		c, err := Parse(FileName, []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if c.Markdown.HeadingIDs != want {
			t.Errorf("%q: heading_ids %q, want %q", in, c.Markdown.HeadingIDs, want)
		}
	}
}

// The ignore list keeps its patterns in order, with the position of each
// for errors; a pattern that is not text is an error at its place.
func TestParseIgnore(t *testing.T) {
	c, err := Parse(FileName, []byte("title: T\nignore:\n  - drafts/**\n  - \"!*.scss\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"drafts/**", "!*.scss"}, c.Ignore); diff != "" {
		t.Errorf("Ignore (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]int{{3, 5}, {4, 5}}, c.IgnorePos); diff != "" {
		t.Errorf("IgnorePos (-want +got):\n%s", diff)
	}
	if _, err := Parse(FileName, []byte("ignore:\n  - [a]\n")); err == nil || !strings.Contains(err.Error(), "handbook.yaml:2:5: ignore") {
		t.Errorf("a list as a pattern: %v, want an error at 2:5", err)
	}
	if _, err := Parse(FileName, []byte("ignore: drafts/\n")); err == nil || !strings.Contains(err.Error(), "handbook.yaml:1:9: ignore") {
		t.Errorf("a pattern not in a list: %v, want an error at 1:9", err)
	}
}
