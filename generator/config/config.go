// Package config reads handbook.yaml, the one configuration file at the root
// of a handbook source folder.
//
// Keys: title, base_url, theme, language, params (string values for
// templates), markdown.unsafe_html (let raw HTML through; escaped by
// default), markdown.max_size_mb and markdown.timeout (the size and time
// budget of one page's Markdown, docs/limits.md), markdown.heading_ids
// ("handbook", the default, or "github": how headings get their ids,
// docs/links.md), links.on_broken ("error", the default, or "warn"), repo_url
// (the repository's web address, for commit and "Edit this page" links) and
// edit_branch (default main), editions (a list of {name, tag}: frozen
// editions built from git tags), ignore (glob patterns of files under
// content/ that are neither pages nor published, content.NewIgnore), and
// career.missing_parts ("error", the default, or "warn": a role lacking
// some of the six parts of a role page builds with a warning per missing
// part). Any other key is an error naming the key and its line, so a typo
// never silently changes nothing.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/yamltab"
)

// FileName is the configuration file looked up at the source root.
const FileName = "handbook.yaml"

// Config is the site configuration.
type Config struct {
	Title    string            `yaml:"title"`
	BaseURL  string            `yaml:"base_url"`
	Theme    string            `yaml:"theme"`
	Language string            `yaml:"language"`
	Params   map[string]string `yaml:"params"`
	Markdown Markdown          `yaml:"markdown"`
	Links    Links             `yaml:"links"`
	// RepoURL is the web address of the repository holding the handbook
	// (https://github.com/org/handbook), without a trailing slash; commit
	// links are RepoURL/commit/<hash>, edit links
	// RepoURL/edit/<EditBranch>/<file>. Empty: no such links.
	RepoURL    string `yaml:"repo_url"`
	EditBranch string `yaml:"edit_branch"`
	// Editions are the frozen editions published under /editions/<name>/.
	Editions []Edition `yaml:"editions"`
	// Ignore lists glob patterns of files under content/ that are neither
	// pages nor published, matched as .gitignore does, after the defaults
	// of content.DefaultIgnore ("!" takes one back): content.NewIgnore.
	Ignore []string `yaml:"ignore"`
	// IgnorePos holds the line and column of each Ignore pattern, for
	// errors.
	IgnorePos [][2]int `yaml:"-"`
	Career    Career   `yaml:"career"`
}

// Career holds the settings of the career model.
type Career struct {
	// MissingParts is what a role that lacks one of the six parts of a
	// role page (summary, responsibilities, skills, decision rights,
	// career paths, AI impact) is: "error" (the default: the build fails,
	// except for career paths, which are optional) or "warn" (a warning
	// per missing part, for a ladder adopted one part at a time).
	MissingParts string `yaml:"missing_parts"`
}

// Edition is a frozen edition of the handbook: the content of a git tag.
type Edition struct {
	// Name is the edition's URL segment (/editions/<name>/): lower-case
	// letters, digits, "-" and ".".
	Name string `yaml:"name"`
	Tag  string `yaml:"tag"`
	// Line and Col are where the edition is listed in the file, for
	// errors.
	Line, Col int `yaml:"-"`
}

// Links holds the link-checking policy.
type Links struct {
	// OnBroken is "error" (the default: a broken link fails the build) or
	// "warn" (report and build anyway), as Docusaurus's onBrokenLinks.
	OnBroken string `yaml:"on_broken"`
}

// Markdown holds the Markdown conversion settings.
type Markdown struct {
	// UnsafeHTML passes raw HTML in Markdown through. It is off by default:
	// raw HTML is escaped and shown as text.
	UnsafeHTML bool `yaml:"unsafe_html"`
	// MaxSizeMB is the largest Markdown body of one page, in MiB; 0 is
	// the default, 4 (docs/limits.md).
	MaxSizeMB int `yaml:"max_size_mb"`
	// Timeout is how long the parsing of one page may take, as a Go
	// duration ("10s", "1m"); "" is the default, 10s.
	Timeout string `yaml:"timeout"`
	// TimeoutDuration is Timeout parsed; 0 for the default.
	TimeoutDuration time.Duration `yaml:"-"`
	// HeadingIDs is how a heading without an explicit {#id} gets its id:
	// "handbook" (the default) or "github", as GitHub does; either way
	// the other form is an anchor of the heading too (docs/links.md).
	HeadingIDs string `yaml:"heading_ids"`
}

// Default returns the configuration used when handbook.yaml is absent.
func Default() *Config {
	return &Config{Title: "Handbook", BaseURL: "/", Theme: "default", Language: "en", Links: Links{OnBroken: "error"}, Career: Career{MissingParts: "error"}}
}

// Load reads FileName from fsys. A missing file gives Default().
func Load(fsys fs.FS) (*Config, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(FileName, data)
}

var unknownField = regexp.MustCompile(`^line (\d+): field (\S+) not found in type (\S+)`)

// knownKeys lists the keys of each mapping of the file, by Go type, for the
// hint of an unknown key.
var knownKeys = map[string]string{
	"config.Config":   "title, base_url, theme, language, params, markdown, links, repo_url, edit_branch, editions, ignore, career",
	"config.Markdown": "unsafe_html, max_size_mb, timeout, heading_ids",
	"config.Links":    "on_broken",
	"config.Edition":  "name, tag",
	"config.Career":   "missing_parts",
}

// Parse parses configuration data; file names the data in errors.
func Parse(file string, data []byte) (*Config, error) {
	c := Default()
	data = yamltab.Separation(data) // tabs as the YAML spec allows them
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			var l diag.List
			var root yaml.Node
			_ = yaml.Unmarshal(data, &root) // it decoded: it parses
			for _, msg := range te.Errors {
				if m := unknownField.FindStringSubmatch(msg); m != nil {
					n, _ := strconv.Atoi(m[1])
					known, ok := knownKeys[m[3]]
					if !ok {
						known = knownKeys["config.Config"]
					}
					l.Add(diag.Errorf(file, n, 1, "unknown key %q", m[2]).WithHint("known keys: %s", known))
					continue
				}
				l = append(l, diag.YAMLTypes(file, 0, &root, []string{msg})...)
			}
			return nil, l.Err()
		}
		return nil, diag.List{diag.YAMLSyntax(file, 0, data, err)}.Err()
	}
	if err := c.SetBaseURL(c.BaseURL); err != nil {
		return nil, diag.Errorf(file, 1, 1, "%v", err)
	}
	switch c.Links.OnBroken {
	case "":
		c.Links.OnBroken = "error"
	case "error", "warn":
	default:
		return nil, diag.Errorf(file, 1, 1, "links.on_broken is %q", c.Links.OnBroken).WithHint(`use "error" or "warn"`)
	}
	switch c.Career.MissingParts {
	case "":
		c.Career.MissingParts = "error"
	case "error", "warn":
	default:
		line := 1
		if m := topValue(data, "career"); m != nil {
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == "missing_parts" {
					line = m.Content[i+1].Line
				}
			}
		}
		return nil, diag.Errorf(file, line, 1, "career.missing_parts is %q", c.Career.MissingParts).
			WithHint(`use "error" (the default) or "warn"`)
	}
	if err := c.checkMarkdown(file, data); err != nil {
		return nil, err
	}
	if err := c.checkRepo(file, data); err != nil {
		return nil, err
	}
	if err := c.checkEditions(file, data); err != nil {
		return nil, err
	}
	if n := topValue(data, "ignore"); n != nil {
		for _, p := range n.Content {
			c.IgnorePos = append(c.IgnorePos, [2]int{p.Line, p.Column})
		}
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	return c, nil
}

// checkMarkdown validates the budget of one page (docs/limits.md).
func (c *Config) checkMarkdown(file string, data []byte) error {
	m := &c.Markdown
	if m.MaxSizeMB < 0 || m.MaxSizeMB > 1024 {
		return diag.Errorf(file, markdownLine(data, "max_size_mb"), 1, "markdown.max_size_mb is %d", m.MaxSizeMB).
			WithHint("use a number of MiB from 1 to 1024, or leave it out for 4")
	}
	if m.Timeout != "" {
		d, err := time.ParseDuration(m.Timeout)
		if err != nil || d <= 0 {
			return diag.Errorf(file, markdownLine(data, "timeout"), 1, "markdown.timeout is %q", m.Timeout).
				WithHint(`use a duration such as "10s" or "1m", or leave it out for 10s`)
		}
		m.TimeoutDuration = d
	}
	switch m.HeadingIDs {
	case "":
		m.HeadingIDs = "handbook"
	case "handbook", "github":
	default:
		return diag.Errorf(file, markdownLine(data, "heading_ids"), 1, "markdown.heading_ids is %q", m.HeadingIDs).
			WithHint(`use "handbook" (the default) or "github"`)
	}
	return nil
}

// markdownLine is the line of markdown.k's value, or 1.
func markdownLine(data []byte, k string) int {
	if m := topValue(data, "markdown"); m != nil {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				return m.Content[i+1].Line
			}
		}
	}
	return 1
}

// SetBaseURL validates and normalises u (an absolute http(s) URL or a path
// beginning with "/") and stores it with a trailing slash.
func (c *Config) SetBaseURL(u string) error {
	if u == "" {
		u = "/"
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https") ||
		(p.Scheme == "" && !strings.HasPrefix(p.Path, "/")) || (p.Scheme != "" && p.Host == "") {
		return fmt.Errorf("base URL %q is not valid (use https://example.com/handbook/ or /handbook/)", u)
	}
	if !strings.HasSuffix(p.Path, "/") {
		p.Path += "/"
	}
	p.RawQuery, p.Fragment = "", ""
	c.BaseURL = p.String()
	return nil
}

// BasePath is the path part of the base URL: "/" or "/handbook/".
func (c *Config) BasePath() string {
	p, _ := url.Parse(c.BaseURL)
	return p.Path
}

// AbsURL joins a site path ("/roles/x/") to the base URL.
func (c *Config) AbsURL(path string) string {
	return strings.TrimSuffix(c.BaseURL, "/") + "/" + strings.TrimPrefix(path, "/")
}
