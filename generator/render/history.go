package render

import (
	"html/template"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
)

// History is what the history features show across the site: each page's
// history, the changelog pages, the frozen editions and their comparisons,
// and, on the pages of an edition, its banner. The generator fills it; a
// nil History shows nothing.
type History struct {
	// Pages holds the history of each page that has a source file, by URL.
	Pages map[string]*PageHistory
	// Changelogs holds the changelog pages (/changes/, /changes/<track>/)
	// by URL.
	Changelogs map[string]*Changelog
	// Feed is the site path of the Atom feed; "" when there is none.
	Feed string
	// Editions lists the frozen editions, oldest first.
	Editions []*EditionInfo
	// Diffs holds the edition comparison pages by URL.
	Diffs map[string]*EditionDiff
	// Edition is set on every page of a frozen edition.
	Edition *EditionBanner
}

// Limits that keep history pages readable (and cheap) in a handbook with
// thousands of pages and commits: each page's own history and the
// repository stay complete.
const (
	PageCommits      = 30
	ChangelogEntries = 500
	EntryPages       = 50
)

// PageHistory is one page's history: the author's change notes, then the
// commits that touched its source, newest first.
type PageHistory struct {
	Updated time.Time // date of the newest commit; zero without one
	Notes   []content.Change
	// Commits are the newest commits, at most PageCommits; Older counts
	// the others, which LogURL lists (without repo_url it is "").
	Commits []Commit
	Older   int
	LogURL  string
	EditURL string // "" without repo_url
}

// Commit is a commit as pages show it.
type Commit struct {
	Hash, Subject, Author string
	Date                  time.Time
	URL                   string // "" without repo_url
}

// Short is the abbreviated hash.
func (c Commit) Short() string {
	if len(c.Hash) > 7 {
		return c.Hash[:7]
	}
	return c.Hash
}

// Changelog is one changelog page: the entries of every track, or of one.
type Changelog struct {
	Track, TrackTitle string // "" for the whole handbook
	Filters           []Filter
	// Months hold the newest entries, at most ChangelogEntries; Older
	// counts the others.
	Months []Month
	Older  int
	Empty  bool // no entries for this track
}

// Filter links a changelog page filtered by track.
type Filter struct {
	Key, Title, URL string
	Current         bool
}

// Month is the entries of one month, newest first.
type Month struct {
	ID, Title string // "2026-03", "March 2026"
	Entries   []*Entry
}

// Entry is one change of the changelog: an author's change note on a page,
// or a commit with the pages it touched.
type Entry struct {
	ID   string // unique and stable: "note-..." or "commit-<hash>"
	Date time.Time
	// Note is the change note's text; empty for a commit.
	Note string
	// Commit is set for a commit.
	Commit *Commit
	// Pages are the pages it concerns, at most EntryPages; MorePages
	// counts the others.
	Pages     []PageRef
	MorePages int
	// Tracks are the ladder tracks the change concerns; "general" when it
	// concerns none (a guide).
	Tracks []string
}

// PageCount is how many pages the entry concerns.
func (e *Entry) PageCount() int { return len(e.Pages) + e.MorePages }

// TrackList is Tracks as one space-separated attribute value.
func (e *Entry) TrackList() string { return strings.Join(e.Tracks, " ") }

// Title is the entry's one-line summary, for the feed.
func (e *Entry) Title() string {
	if e.Commit != nil {
		return e.Commit.Subject
	}
	if len(e.Pages) > 0 {
		return e.Pages[0].Title + ": " + e.Note
	}
	return e.Note
}

// PageRef is a page an entry concerns.
type PageRef struct {
	Title, URL string
}

// EditionInfo is one frozen edition.
type EditionInfo struct {
	Name, Tag string
	Date      time.Time // the tagged commit's date
	URL       string    // "/editions/<name>/"
	// Compares are its comparison pages, the current handbook first.
	Compares []EditionLink
}

// EditionLink names another version and the page comparing with it.
type EditionLink struct {
	Name, URL string
}

// EditionDiff is an edition comparison page: role by role, what changed
// from one version (an edition) to another (an edition or the current
// handbook).
type EditionDiff struct {
	From, To Version
	Diff     *career.ModelDiff
}

// Version is one side of an edition comparison.
type Version struct {
	Name  string // edition name, or "current"
	Title string // "edition 2026-h1", "the current handbook"
	Root  string // its site path: "/editions/2026-h1/" or "/"
}

// RoleURL is the site path of a role page in this version.
func (v Version) RoleURL(id string) string { return v.Root + "roles/" + id + "/" }

// EditionBanner is the banner on every page of a frozen edition.
type EditionBanner struct {
	Name, Tag string
	Date      time.Time
	// Current maps a page's URL in the edition to the URL of the same page
	// in the current handbook (following its aliases); false when the
	// current handbook has no such page.
	Current func(url string) (string, bool)
}

// PageHistory returns the history of the page being rendered, or nil.
func (d *Data) PageHistory() *PageHistory {
	if d.Site.History == nil {
		return nil
	}
	return d.Site.History.Pages[d.Page.URL]
}

// Changelog returns the changelog the page shows, or nil.
func (d *Data) Changelog() *Changelog {
	if d.Site.History == nil {
		return nil
	}
	return d.Site.History.Changelogs[d.Page.URL]
}

// EditionDiff returns the edition comparison the page shows, or nil.
func (d *Data) EditionDiff() *EditionDiff {
	if d.Site.History == nil {
		return nil
	}
	return d.Site.History.Diffs[d.Page.URL]
}

// Editions lists the frozen editions.
func (d *Data) Editions() []*EditionInfo {
	if d.Site.History == nil {
		return nil
	}
	return d.Site.History.Editions
}

// Feed returns the link to the Atom feed from the page, or "".
func (d *Data) Feed() string {
	if d.Site.History == nil || d.Site.History.Feed == "" {
		return ""
	}
	return d.Rel(d.Site.History.Feed)
}

// Edition returns the edition banner on pages of a frozen edition, or nil.
func (d *Data) Edition() *EditionBanner {
	if d.Site.History == nil {
		return nil
	}
	return d.Site.History.Edition
}

// CurrentLink leads from a page of an edition to the current handbook.
type CurrentLink struct {
	URL string // relative to the page
	// Same is true when the link leads to the same page; false when the
	// current handbook has no such page and the link leads home.
	Same bool
}

// CurrentVersion returns the link from a page of an edition to the same
// page in the current handbook, or to its home page; nil outside editions.
// An edition lives two folders below the site root (editions/<name>/).
func (d *Data) CurrentVersion() *CurrentLink {
	e := d.Edition()
	if e == nil {
		return nil
	}
	url, ok := "/", false
	if e.Current != nil {
		if u, found := e.Current(d.Page.URL); found {
			url, ok = u, true
		}
	}
	return &CurrentLink{URL: d.Rel("/../../" + strings.TrimPrefix(url, "/")), Same: ok}
}

// historyFuncs are the template functions of the history layouts.
func historyFuncs() template.FuncMap {
	return template.FuncMap{
		// date formats a date as pages show it: 1 March 2026.
		"date": func(t time.Time) string { return t.Format("2 January 2006") },
		// isodate formats a date for datetime attributes: 2026-03-01.
		"isodate": func(t time.Time) string { return t.Format(content.DateLayout) },
	}
}
