// Package changes says what changed in the handbook, and when: page
// history, the changelog and its feed, and frozen editions with their
// comparisons.
//
// History comes from the git repository holding the source folder
// (package history): one `git log` per build gives every page's commits.
// Change notes come from front matter (content.Change). From both, Pages
// gives every page its History section and adds the changelog pages
// (/changes/, one page per ladder track under it, and the Atom feed
// /changes/atom.xml). Editions (editions.go) are whole builds of tagged
// versions of the source, nested under /editions/<name>/; the build of one
// is a function the caller passes (Inputs.BuildEdition), so this package
// does not know how a site is built.
package changes

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
)

// Site paths of the changelog.
const (
	ChangesURL = "/changes/"
	FeedURL    = "/changes/atom.xml"
	// generalTrack groups the changes of pages outside the ladder.
	generalTrack = "general"
)

// Inputs are what the history of a build is made from.
type Inputs struct {
	Config *config.Config
	Site   *site.Site
	Model  *career.Model
	// Repo is the git repository holding the source folder; nil without
	// one, and then NoRepo says why (for the build's one-line note).
	Repo   *history.Repo
	NoRepo string
	// Log returns the git log of content/ at rev ("HEAD", or an edition's
	// commit).
	Log func(ctx context.Context, rev string) (*history.Log, error)
	// Edition is set on the build of an edition.
	Edition *Edition
	// BuildEdition builds the handbook as fsys (a tag's tree) has it, its
	// URLs under baseURL, for e; it returns the output files. Its build
	// calls Pages with Inputs.Edition set to e. Nil builds no editions.
	BuildEdition func(ctx context.Context, fsys fs.FS, baseURL string, e *Edition) (map[string][]byte, error)
}

// Set is what the history stage adds to a build: the data of the history
// layouts, the files it writes besides pages, and its note.
type Set struct {
	View  *render.History
	files map[string][]byte
	// Paths are the site paths of files outside the page model (the feed,
	// the pages of editions) that content may link to.
	Paths []string
	Notes []string
	// changelog is the whole handbook's changelog, for the feed.
	changelog *render.Changelog
}

// Pages reads the history of the content, gives each page its history,
// adds the changelog pages to the site and, for the current handbook,
// builds the editions.
func Pages(ctx context.Context, in Inputs) (*Set, error) {
	cfg, s, model := in.Config, in.Site, in.Model
	h := &Set{View: &render.History{Pages: map[string]*render.PageHistory{}}, files: map[string][]byte{}}
	if in.Edition != nil {
		in.Edition.model = model
		h.View.Edition = in.Edition.banner()
	}
	var log *history.Log
	if in.Repo != nil {
		rev := "HEAD"
		if in.Edition != nil {
			rev = in.Edition.Hash
		}
		var err error
		if log, err = in.Log(ctx, rev); err != nil {
			return nil, fmt.Errorf("history: %v", err)
		}
	} else if in.NoRepo != "" {
		note := "history: " + in.NoRepo + "; pages are built without history"
		if len(cfg.Editions) > 0 {
			note += ", and editions are skipped"
		}
		h.Notes = append(h.Notes, note)
	}

	tracks := pageTracks(s, model)
	var entries []*render.Entry
	commits := map[*history.Commit]*render.Entry{}
	for _, p := range s.Pages {
		if p.Source == nil {
			continue
		}
		file := p.File()
		ph := &render.PageHistory{Notes: slices.Clone(p.Source.Front.Changes)}
		sort.SliceStable(ph.Notes, func(i, j int) bool { return ph.Notes[i].Date.After(ph.Notes[j].Date) })
		fileLog := log.File(file)
		for i, c := range fileLog {
			if i < render.PageCommits {
				ph.Commits = append(ph.Commits, commitView(cfg, c))
			}
			e := commits[c]
			if e == nil {
				cv := commitView(cfg, c)
				e = &render.Entry{ID: "commit-" + c.Hash[:min(12, len(c.Hash))], Date: c.Date, Commit: &cv}
				commits[c] = e
				entries = append(entries, e)
			}
			if len(e.Pages) < render.EntryPages {
				e.Pages = append(e.Pages, render.PageRef{Title: p.Title, URL: p.URL})
			} else {
				e.MorePages++
			}
			e.Tracks = addTracks(e.Tracks, tracks[p])
		}
		if len(ph.Commits) > 0 {
			ph.Updated = ph.Commits[0].Date
		}
		ph.Older = len(fileLog) - len(ph.Commits)
		if cfg.RepoURL != "" {
			repoFile := escapePath(in.Repo.Prefix() + file)
			if in.Edition == nil {
				ph.EditURL = cfg.RepoURL + "/edit/" + escapePath(cfg.EditBranch) + "/" + repoFile
				ph.LogURL = cfg.RepoURL + "/commits/" + escapePath(cfg.EditBranch) + "/" + repoFile
			} else {
				ph.LogURL = cfg.RepoURL + "/commits/" + in.Edition.Hash + "/" + repoFile
			}
		}
		for _, n := range ph.Notes {
			sum := sha1.Sum([]byte(file + "\x00" + n.Note))
			entries = append(entries, &render.Entry{
				ID:   "note-" + n.Date.Format("2006-01-02") + "-" + hex.EncodeToString(sum[:4]),
				Date: n.Date, Note: n.Note, Pages: []render.PageRef{{Title: p.Title, URL: p.URL}}, Tracks: tracks[p],
			})
		}
		if len(ph.Notes)+len(ph.Commits) > 0 || ph.EditURL != "" {
			h.View.Pages[p.URL] = ph
		}
	}
	if len(entries) > 0 {
		if err := h.addChangelog(cfg, s, model, entries); err != nil {
			return nil, err
		}
	}
	if in.Edition == nil && len(cfg.Editions) > 0 && in.Repo != nil && in.BuildEdition != nil {
		if err := h.addEditions(ctx, in); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Write puts the files of the history stage into the output: the feed
// and the editions.
func (h *Set) Write(cfg *config.Config, put func(string, []byte)) error {
	if h.changelog != nil {
		feed, err := render.Feed(cfg, h.changelog, ChangesURL, FeedURL)
		if err != nil {
			return err
		}
		put(strings.TrimPrefix(FeedURL, "/"), feed)
	}
	for name, data := range h.files {
		put(name, data)
	}
	return nil
}

func commitView(cfg *config.Config, c *history.Commit) render.Commit {
	v := render.Commit{Hash: c.Hash, Subject: c.Subject, Author: c.Author, Date: c.Date}
	if cfg.RepoURL != "" {
		v.URL = cfg.RepoURL + "/commit/" + c.Hash
	}
	return v
}

// escapePath escapes each segment of a slash-separated path for a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// pageTracks gives each page the ladder tracks it concerns: a role its
// track, a skill the tracks of the roles expected to show it, any other
// page the general track.
func pageTracks(s *site.Site, model *career.Model) map[*site.Page][]string {
	out := map[*site.Page][]string{}
	for _, p := range s.Pages {
		if p.Source == nil {
			continue
		}
		var ts []string
		id := site.PageID(p)
		switch dir := path.Dir(p.Source.Path); {
		case dir == "roles" && model.Role(id) != nil:
			ts = []string{model.Role(id).Track}
		case dir == "skills" && model.Skill(id) != nil:
			for _, sr := range model.Skill(id).Roles {
				ts = addTracks(ts, []string{sr.Role.Track})
			}
		case dir == "behaviours" && model.Axis(id) != nil:
			for _, ar := range model.AxisRoles(id) {
				ts = addTracks(ts, []string{ar.Role.Track})
			}
		}
		if len(ts) == 0 {
			ts = []string{generalTrack}
		}
		out[p] = ts
	}
	return out
}

// addTracks adds the tracks of add missing from ts.
func addTracks(ts, add []string) []string {
	for _, t := range add {
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	return ts
}

// addChangelog adds /changes/ and one page per track to s: every entry,
// newest first, grouped by month.
func (h *Set) addChangelog(cfg *config.Config, s *site.Site, model *career.Model, entries []*render.Entry) error {
	order := map[string]int{generalTrack: len(model.Tracks)}
	type track struct{ key, title string }
	var ts []track
	for i, t := range model.Tracks {
		order[t.Key] = i
		ts = append(ts, track{t.Key, t.Title})
	}
	if len(ts) > 0 {
		ts = append(ts, track{generalTrack, "General"})
	}
	for _, e := range entries {
		sort.Slice(e.Tracks, func(i, j int) bool { return order[e.Tracks[i]] < order[e.Tracks[j]] })
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].Date.Equal(entries[j].Date) {
			return entries[i].Date.After(entries[j].Date)
		}
		return entries[i].ID < entries[j].ID
	})

	sec := s.Lookup(ChangesURL)
	if sec == nil {
		sec = &site.Page{Kind: site.KindSection, URL: ChangesURL, Section: "changes", Weight: 90}
		s.Add(sec, s.Home)
	}
	if sec.Source == nil || sec.Title == "" {
		sec.Title = "What changed"
	}
	if sec.Description == "" {
		sec.Description = "Change notes and page histories across the handbook, newest first."
	}
	sec.Layout = "changes"
	filters := []render.Filter{{Key: "", Title: "All tracks", URL: ChangesURL}}
	for _, t := range ts {
		filters = append(filters, render.Filter{Key: t.key, Title: t.title, URL: ChangesURL + t.key + "/"})
	}
	h.View.Changelogs = map[string]*render.Changelog{}
	h.changelog = changelog("", "", filters, entries)
	h.View.Changelogs[ChangesURL] = h.changelog
	h.View.Feed = FeedURL
	h.Paths = append(h.Paths, FeedURL)
	var errs diag.List
	for _, t := range ts {
		u := ChangesURL + t.key + "/"
		p := &site.Page{Kind: site.KindPage, Layout: "changes", URL: u, Section: "changes", Weight: order[t.key] + 1,
			Title:       "What changed: " + t.title,
			Description: "Change notes and page histories of the " + t.title + " track, newest first."}
		if t.key == generalTrack {
			p.Description = "Change notes and page histories of the pages outside the ladder, newest first."
		}
		if !s.Add(p, sec) {
			errs.Add(diag.Errorf(describePage(s.Lookup(u)), 1, 1, "the URL %s is the changelog of the %s track", u, t.title).
				WithHint("move or rename this page"))
			continue
		}
		var mine []*render.Entry
		for _, e := range entries {
			if slices.Contains(e.Tracks, t.key) {
				mine = append(mine, e)
			}
		}
		h.View.Changelogs[u] = changelog(t.key, t.title, filters, mine)
	}
	s.Sort()
	return errs.Err()
}

func describePage(p *site.Page) string {
	if p != nil && p.Source != nil {
		return p.File()
	}
	if p != nil {
		return p.URL
	}
	return ""
}

// changelog groups entries (newest first) by month.
func changelog(track, title string, filters []render.Filter, entries []*render.Entry) *render.Changelog {
	c := &render.Changelog{Track: track, TrackTitle: title, Empty: len(entries) == 0}
	if len(entries) > render.ChangelogEntries {
		c.Older = len(entries) - render.ChangelogEntries
		entries = entries[:render.ChangelogEntries]
	}
	for _, f := range filters {
		f.Current = f.Key == track
		c.Filters = append(c.Filters, f)
	}
	for _, e := range entries {
		id := e.Date.Format("2006-01")
		if n := len(c.Months); n == 0 || c.Months[n-1].ID != id {
			c.Months = append(c.Months, render.Month{ID: id, Title: e.Date.Format("January 2006")})
		}
		m := &c.Months[len(c.Months)-1]
		m.Entries = append(m.Entries, e)
	}
	return c
}
