package render

import (
	"bytes"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/config"
)

// FeedLimit is how many of the newest changes the Atom feed carries.
const FeedLimit = 100

// AtomFeed is an Atom 1.0 feed (RFC 4287): the elements the changelog
// feed writes, and what tests decode it into.
type AtomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  *AtomPerson `xml:"author"`
	Links   []AtomLink  `xml:"link"`
	Entries []AtomEntry `xml:"entry"`
}

// AtomPerson is an author.
type AtomPerson struct {
	Name string `xml:"name"`
}

// AtomLink is a link element.
type AtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

// AtomEntry is one entry.
type AtomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Author     *AtomPerson    `xml:"author,omitempty"`
	Links      []AtomLink     `xml:"link"`
	Categories []AtomCategory `xml:"category"`
	Summary    string         `xml:"summary"`
}

// AtomCategory is a category of an entry: the ladder tracks it concerns.
type AtomCategory struct {
	Term string `xml:"term,attr"`
}

// Feed returns the Atom feed of the changelog c, published at the site path
// feedPath, with the newest FeedLimit entries. Links are absolute through
// the base URL; ids are urn:uuid values derived from what each entry is (a
// commit hash, a page and note), so they survive a change of base URL.
func Feed(cfg *config.Config, c *Changelog, changesPath, feedPath string) ([]byte, error) {
	f := AtomFeed{
		ID:     uuidURN("handbook-changes:" + cfg.Title + ":" + cfg.BaseURL),
		Title:  "What changed: " + cfg.Title,
		Author: &AtomPerson{Name: cfg.Title},
		Links: []AtomLink{
			{Href: cfg.AbsURL(feedPath), Rel: "self", Type: "application/atom+xml"},
			{Href: cfg.AbsURL(changesPath), Rel: "alternate", Type: "text/html"},
		},
	}
	var updated time.Time
	for _, m := range c.Months {
		for _, e := range m.Entries {
			if len(f.Entries) == FeedLimit {
				break
			}
			if e.Date.After(updated) {
				updated = e.Date
			}
			f.Entries = append(f.Entries, atomEntry(cfg, e, changesPath))
		}
	}
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

func atomEntry(cfg *config.Config, e *Entry, changesPath string) AtomEntry {
	a := AtomEntry{
		ID:      uuidURN("handbook-change:" + e.ID),
		Title:   e.Title(),
		Updated: e.Date.UTC().Format(time.RFC3339),
	}
	var titles []string
	for i, p := range e.Pages {
		rel := "related"
		if i == 0 && e.Commit == nil {
			rel = "alternate"
		}
		a.Links = append(a.Links, AtomLink{Href: cfg.AbsURL(p.URL), Rel: rel, Type: "text/html"})
		titles = append(titles, p.Title)
	}
	if e.Commit != nil {
		if e.Commit.URL != "" {
			a.Links = append(a.Links, AtomLink{Href: e.Commit.URL, Rel: "alternate", Type: "text/html"})
		} else {
			a.Links = append(a.Links, AtomLink{Href: cfg.AbsURL(changesPath) + "#" + e.ID, Rel: "alternate", Type: "text/html"})
		}
		if e.Commit.Author != "" {
			a.Author = &AtomPerson{Name: e.Commit.Author}
		}
		a.Summary = "Changed " + strings.Join(titles, ", ") + "."
	} else {
		a.Summary = e.Note
	}
	for _, t := range e.Tracks {
		a.Categories = append(a.Categories, AtomCategory{Term: t})
	}
	return a
}

// uuidURN returns a name-based (version 5 style, SHA-1) UUID URN for name.
func uuidURN(name string) string {
	h := sha1.Sum([]byte(name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
