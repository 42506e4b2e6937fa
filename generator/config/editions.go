package config

import (
	"net/url"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/yamltab"
)

// CurrentEdition is the name comparisons use for the current handbook
// (/editions/<a>/compare/current/); no edition may take it.
const CurrentEdition = "current"

var editionName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// checkRepo validates repo_url and defaults edit_branch.
func (c *Config) checkRepo(file string, data []byte) error {
	if c.EditBranch == "" {
		c.EditBranch = "main"
	}
	if c.RepoURL == "" {
		return nil
	}
	u, err := url.Parse(c.RepoURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return diag.Errorf(file, keyLine(data, "repo_url"), 1, "repo_url %q is not a web address", c.RepoURL).
			WithHint("write the repository's address, for example https://github.com/org/handbook")
	}
	c.RepoURL = strings.TrimSuffix(strings.TrimSuffix(c.RepoURL, "/"), ".git")
	return nil
}

// checkEditions records where each edition is listed and rejects editions
// without a name or tag, names unfit for a URL, and names listed twice.
func (c *Config) checkEditions(file string, data []byte) error {
	if len(c.Editions) == 0 {
		return nil
	}
	if seq := topValue(data, "editions"); seq != nil && seq.Kind == yaml.SequenceNode {
		for i, n := range seq.Content {
			if i < len(c.Editions) {
				c.Editions[i].Line, c.Editions[i].Col = n.Line, n.Column
			}
		}
	}
	first, seen := map[string]int{}, map[string]bool{}
	var errs diag.List
	for _, e := range c.Editions {
		switch {
		case e.Name == "":
			errs.Add(diag.Errorf(file, e.Line, e.Col, "edition has no name").WithHint("add `name:`, the edition's URL segment, such as 2026-h1"))
		case !editionName.MatchString(e.Name):
			errs.Add(diag.Errorf(file, e.Line, e.Col, "edition name %q is not fit for a URL", e.Name).
				WithHint("use lower-case letters, digits, \"-\" and \".\", such as 2026-h1"))
		case e.Name == CurrentEdition:
			errs.Add(diag.Errorf(file, e.Line, e.Col, "edition name %q is reserved for the current handbook", e.Name).
				WithHint("choose another name"))
		case seen[e.Name]:
			errs.Add(diag.Errorf(file, e.Line, e.Col, "edition %q is listed twice", e.Name).
				WithHint("it is already listed at line %d; give each edition its own name", first[e.Name]))
		default:
			first[e.Name], seen[e.Name] = e.Line, true
		}
		if e.Tag == "" {
			errs.Add(diag.Errorf(file, e.Line, e.Col, "edition %q has no tag", e.Name).WithHint("add `tag:` with the git tag to publish, such as edition/2026-h1"))
		} else if strings.HasPrefix(e.Tag, "-") {
			errs.Add(diag.Errorf(file, e.Line, e.Col, "edition %q: tag %q is not a tag name", e.Name, e.Tag))
		}
	}
	return errs.Err()
}

// topValue returns the value of top-level key k of the file, or nil.
func topValue(data []byte, k string) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(yamltab.Separation(data), &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	n := doc.Content[0]
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i+1]
		}
	}
	return nil
}

// keyLine is the line of top-level key k's value, or 1.
func keyLine(data []byte, k string) int {
	if n := topValue(data, k); n != nil {
		return n.Line
	}
	return 1
}
