// Package anchors keeps the manifest of published anchors, anchors.lock at
// the site root, so that deep links pasted into reviews and promotion cases
// keep working for years.
//
// The manifest lists every anchor the handbook has published, one per line
// as "/roles/senior-software-engineer/#operational-own-production", sorted:
// those of the pages written from content files (the generator decides
// which; generated pages and headings that come and go with git history
// or with links from other pages are left out, see docs/links.md).
// A build fails when a listed anchor is gone, unless an alias maps it to
// where it went:
//
//   - the page moved: its front matter lists the old URL under aliases, and
//     the anchor exists on the new page;
//   - the item or heading was renamed: the page's front matter maps the old
//     anchor to the new one, anchor_aliases: {old-id: new-id}.
//
// `handbook check --update-anchors` records new anchors. Recorded anchors
// are never dropped: an anchor once published stays in the manifest, and
// keeps needing a target or an alias.
package anchors

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/diag"
)

// FileName is the manifest's name at the site root.
const FileName = "anchors.lock"

const header = "# Published anchors: deep links that must keep working.\n" +
	"# Written by `handbook check --update-anchors`; commit it with your content.\n" +
	"# A removed anchor needs an alias: see docs/links.md.\n"

// Entry is one published anchor.
type Entry struct {
	URL    string // page URL, "/roles/x/"
	Anchor string
	Line   int // line in the manifest, 0 for new entries
}

func (e Entry) String() string { return e.URL + "#" + e.Anchor }

// Manifest is the set of published anchors.
type Manifest struct {
	Entries []Entry
}

// Read loads the manifest from fsys. A missing file is an empty manifest.
func Read(fsys fs.FS) (*Manifest, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse parses manifest data.
func Parse(data []byte) (*Manifest, error) {
	m := &Manifest{}
	var errs diag.List
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		url, anchor, ok := strings.Cut(line, "#")
		if !ok || !strings.HasPrefix(url, "/") || anchor == "" || strings.ContainsAny(anchor, " \t#") {
			errs.Add(diag.Errorf(FileName, n, 1, "malformed entry %q", line).WithHint("write /page/url/#anchor, or regenerate with handbook check --update-anchors"))
			continue
		}
		m.Entries = append(m.Entries, Entry{URL: url, Anchor: anchor, Line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return m, errs.Err()
}

// Site is what the check needs to know about the built site.
type Site interface {
	// Anchors returns the anchors the page at url publishes, and whether a
	// page exists there.
	Anchors(url string) (map[string]bool, bool)
	// AnchorAlias maps an old anchor of the page at url to its new one.
	AnchorAlias(url, anchor string) (string, bool)
	// PageAlias returns the URL a moved page now lives at.
	PageAlias(url string) (string, bool)
	// SourceOf names the content file of the page at url, for hints.
	SourceOf(url string) string
}

// Check reports every recorded anchor that no longer resolves.
func (m *Manifest) Check(s Site) diag.List { return m.CheckOnly(s, nil) }

// CheckOnly is Check of the entries whose page URL keep accepts (all when
// keep is nil): an incremental build checks the pages it changed.
func (m *Manifest) CheckOnly(s Site, keep func(url string) bool) diag.List {
	var errs diag.List
	for _, e := range m.Entries {
		if keep != nil && !keep(e.URL) {
			continue
		}
		if _, ok := Resolve(s, e.URL, e.Anchor); ok {
			continue
		}
		url := e.URL
		if to, ok := s.PageAlias(url); ok {
			url = to
		}
		err := diag.Errorf(FileName, e.Line, 1, "published anchor %s is gone", e)
		if src := s.SourceOf(url); src != "" {
			err.Hint = "add `anchor_aliases: {" + e.Anchor + ": <new-id>}` to " + src + " so old links land on the right item"
		} else {
			err.Hint = "the page is gone: add its old URL to the aliases of the page that replaced it"
		}
		errs.Add(err)
	}
	return errs
}

// Resolve follows page and anchor aliases and returns where a recorded
// anchor now lives.
func Resolve(s Site, url, anchor string) (string, bool) {
	for range 8 { // aliases cannot chain far; the bound rules out cycles
		as, ok := s.Anchors(url)
		if !ok {
			to, moved := s.PageAlias(url)
			if !moved {
				return "", false
			}
			url = to
			continue
		}
		if as[anchor] {
			return url + "#" + anchor, true
		}
		to, ok := s.AnchorAlias(url, anchor)
		if !ok || to == anchor {
			return "", false
		}
		anchor = to
	}
	return "", false
}

// Update adds the anchors in current (page URL → anchors) that are not yet
// recorded and returns the new manifest text and how many were added.
func (m *Manifest) Update(current map[string][]string) ([]byte, int) {
	seen := map[string]bool{}
	all := []string{}
	for _, e := range m.Entries {
		k := e.String()
		if !seen[k] {
			seen[k] = true
			all = append(all, k)
		}
	}
	added := 0
	for url, as := range current {
		for _, a := range as {
			k := url + "#" + a
			if !seen[k] {
				seen[k] = true
				all = append(all, k)
				added++
			}
		}
	}
	sort.Strings(all)
	var b bytes.Buffer
	b.WriteString(header)
	for _, k := range all {
		b.WriteString(k)
		b.WriteByte('\n')
	}
	return b.Bytes(), added
}
