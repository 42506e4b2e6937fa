// Package convert is the conversion stage: it turns each page's Markdown
// into HTML with goldmark (package markdown), resolving and recording its
// links (package links) and marking glossary terms (package glossary).
//
// A conversion returns what it made (Page: the HTML and headings, the
// links and their problems) and never writes into the site model. It also
// records every answer the link resolver gave, so that a later build can
// reuse it (Converter.Reusable) when the page's file, URL and settings are
// the same and the site model answers the same lookups alike.
package convert

import (
	"errors"
	"fmt"
	"hash/maphash"

	"github.com/yuin/goldmark"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/glossary"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
)

// GlossaryURL is where the glossary page, content/glossary.md, is published.
const GlossaryURL = "/glossary/"

// Env is what every page's conversion depends on besides its own file and
// its link lookups.
type Env struct {
	unsafeHTML bool
	headingIDs markdown.HeadingIDs
	basePath   string
	glossary   *content.File // the glossary page's file; nil without one
}

// Converter converts the pages of one site model. It is safe for
// concurrent use.
type Converter struct {
	md       *markdown.Converter
	idx      *Index
	env      Env
	optOut   map[*site.Page]bool
	record   *maphash.Seed
	Glossary *glossary.Glossary // nil when the handbook has no glossary
}

// Page is one page converted.
type Page struct {
	markdown.Doc
	// Links are the links the page makes, Errors the problems with them
	// (broken links are reported by links.Check later).
	Links  []links.Link
	Errors diag.List
	// HTMLIDs are the element ids of the page's raw HTML, anchors of the
	// page besides its headings' (links.Doc.IDs).
	HTMLIDs []string
	// Sum hashes HTML when the Converter records (see New): render keys
	// use it.
	Sum uint64

	src     *content.File
	url     string
	optOut  bool
	env     Env
	lookups *recorder
}

// New returns the Converter of the site model s, whose links resolve
// through idx. It loads the glossary (giving the glossary page its layout
// and term anchors) and reads which pages opted out of glossary links.
// record, when not nil, makes every conversion record the link lookups it
// made and hash its HTML with the seed (Page.Sum), so that a later build
// can reuse it (serve --watch); a one-off build passes nil and spends
// neither time nor memory on it.
func New(cfg *config.Config, s *site.Site, idx *Index, record *maphash.Seed) (*Converter, error) {
	gloss, optOut, err := glossaryOf(s)
	if err != nil {
		return nil, err
	}
	exts := []goldmark.Extender{links.Extension{Pages: idx, RawHTML: cfg.Markdown.UnsafeHTML}}
	if gloss != nil {
		exts = append(exts, glossary.Extension{G: gloss})
	}
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML, HeadingIDs: markdown.HeadingIDs(cfg.Markdown.HeadingIDs), Extensions: exts, Limits: markdown.Limits{
		MaxBytes: cfg.Markdown.MaxSizeMB << 20, Timeout: cfg.Markdown.TimeoutDuration,
	}})
	c := &Converter{md: md, idx: idx, optOut: optOut, record: record, Glossary: gloss,
		env: Env{unsafeHTML: cfg.Markdown.UnsafeHTML, headingIDs: markdown.HeadingIDs(cfg.Markdown.HeadingIDs), basePath: cfg.BasePath()}}
	if g := s.Lookup(GlossaryURL); gloss != nil && g != nil {
		c.env.glossary = g.Source
	}
	return c, nil
}

// Convert converts f as the source of p: p.Source, or a newer version of
// it with the same front matter (the fast path of a rebuild). The error
// is one that fails the build (a limit exceeded); link problems are in
// Page.Errors.
func (c *Converter) Convert(p *site.Page, f *content.File) (*Page, error) {
	d := &links.Doc{
		File: site.ContentDir + "/" + f.Path, Path: f.Path, URL: p.URL,
		BasePath: c.env.basePath, Src: f.Body, LineOffset: f.BodyLine - 1,
	}
	var rec *recorder
	if c.record != nil {
		rec = &recorder{idx: c.idx}
		d.Pages = rec
	} else {
		d.Pages = c.idx
	}
	pc := glossary.NewContext(links.NewContext(d), &glossary.Doc{URL: p.URL, OptOut: c.optOut[p]})
	markdown.SetPageTitle(pc, f.Front.Title)
	node, err := c.md.Parse(f.Body, pc)
	if le := (*markdown.LimitError)(nil); errors.As(err, &le) {
		line, col := d.Position(le.Offset)
		return nil, diag.Errorf(d.File, line, col, "%s", le.Msg).WithHint("%s", le.Hint)
	} else if err != nil {
		return nil, fmt.Errorf("%s: %v", d.File, err)
	}
	if a, ok := node.FirstChild().(*markdown.TitleAnchor); ok && a.ID != "" {
		// The page's title was its first heading: links under it are at
		// the top of the page, in no section.
		for i := range d.Links {
			if d.Links[i].SectionID == a.ID {
				d.Links[i].Section, d.Links[i].SectionID = "", ""
			}
		}
	}
	html, err := c.md.Render(f.Body, node)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", d.File, err)
	}
	return &Page{
		Doc:   markdown.Doc{HTML: html, Headings: markdown.Headings(node, f.Body)},
		Links: d.Links, Errors: d.Errors, HTMLIDs: d.IDs, Sum: c.sum(html),
		src: f, url: p.URL, optOut: c.optOut[p], env: c.env, lookups: rec,
	}, nil
}

// sum hashes html when conversions are recorded.
func (c *Converter) sum(html []byte) uint64 {
	if c.record == nil {
		return 0
	}
	return maphash.Bytes(*c.record, html)
}

// Reusable reports whether prev, a conversion of an earlier build, is
// still the conversion of f as the source of p: same file, URL and
// settings, and every link lookup it made answered alike by this build's
// site model.
func (c *Converter) Reusable(prev *Page, p *site.Page, f *content.File) bool {
	if prev == nil || prev.src != f || prev.url != p.URL || prev.env != c.env || prev.optOut != c.optOut[p] {
		return false
	}
	return c.record != nil && prev.lookups.same(c.idx, *c.record)
}

// Source is the content file p was converted from.
func (p *Page) Source() *content.File { return p.src }

// glossaryOf loads the glossary terms (nil when the handbook has no
// glossary page), gives the glossary page its layout and term anchors, and
// lists the pages that opted out of glossary links.
func glossaryOf(s *site.Site) (*glossary.Glossary, map[*site.Page]bool, error) {
	optOut := map[*site.Page]bool{}
	var errs diag.List
	for _, p := range s.Pages {
		if p.Source == nil {
			continue
		}
		on, err := glossary.Enabled(p.Source, p.File())
		if err != nil {
			errs = append(errs, diag.Flatten(err)...)
		}
		optOut[p] = !on
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	p := s.Lookup(GlossaryURL)
	if p == nil || p.Source == nil {
		return nil, optOut, nil
	}
	g, err := glossary.Load(p.Source, p.File(), p.URL)
	if err != nil {
		return nil, nil, err
	}
	p.Layout = "glossary"
	for _, t := range g.Terms {
		p.Anchors = append(p.Anchors, glossary.Anchor(t.ID))
	}
	return g, optOut, nil
}
