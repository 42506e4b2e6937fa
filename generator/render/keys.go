package render

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"io/fs"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/site"
)

// Keys computes render keys for an incremental rebuild: a page's key is a
// hash of everything its layout shows, so a page whose key did not change
// since the last build need not be rendered again. Pages are summed up
// first, so a key combines the sums of the pages it shows instead of their
// text.
//
// The keys cover what the default theme's layouts read from Data; a test
// (TestKeysCoverData) fails when Data, SiteData, Input or Career grows a
// field, until the key covers it. A theme with layouts of its own may show
// anything anywhere: see OwnLayouts.
type Keys struct {
	seed    maphash.Seed
	in      KeyInputs
	sd      *SiteData
	careers map[*site.Page]*Career
	sums    map[*site.Page][2]uint64 // link (kind, URL, title) and card (and description)
	global  uint64                   // what every page shows: the navigation
	career  uint64                   // the career model
}

// KeyInputs are what keys are computed from besides the site model.
type KeyInputs struct {
	// Input is what a page's layout receives (see Templates.Page).
	Input func(*site.Page) Input
	// BodySum hashes a page's converted Markdown.
	BodySum func(*site.Page) uint64
	// FileSum hashes the bytes of a page's content file.
	FileSum func(*site.Page) uint64
	// Meta memoises the hashes of front matter across builds; the caller
	// drops the files it no longer holds. It is read and written while
	// NewKeys runs, not after.
	Meta map[*content.File]uint64
}

// OwnLayouts reports whether theme has layouts of its own over the
// default theme's; their keys would not cover what they show.
func OwnLayouts(theme fs.FS) bool {
	o, ok := theme.(Overlay)
	if !ok || o.Upper == nil {
		return false
	}
	info, err := fs.Stat(o.Upper, "layouts")
	return err == nil && info.IsDir()
}

// NewKeys prepares the keys of pages, the pages of s and the generated
// ones besides them.
func NewKeys(seed maphash.Seed, sd *SiteData, s *site.Site, pages []*site.Page, careers map[*site.Page]*Career, in KeyInputs) *Keys {
	k := &Keys{seed: seed, in: in, sd: sd, careers: careers, sums: make(map[*site.Page][2]uint64, len(pages))}
	for _, p := range pages {
		k.sums[p] = k.summary(p)
	}
	k.global = k.globalKey()
	k.career = k.careerKey(s)
	return k
}

// With returns the keys of the same site model, its pages' inputs read
// from in: for a rebuild that changed no front matter, whose summaries,
// navigation and career model are those of k.
func (k *Keys) With(in KeyInputs) *Keys {
	c := *k
	c.in = in
	return &c
}

// Career hashes the career model's sources: the front matter of the role,
// skill and behaviour axis files.
func (k *Keys) Career() uint64 { return k.career }

type hasher struct{ maphash.Hash }

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

func (h *hasher) num(ns ...uint64) {
	var b [8]byte
	for _, n := range ns {
		binary.LittleEndian.PutUint64(b[:], n)
		h.Write(b[:])
	}
}

func (k *Keys) hasher() *hasher {
	h := &hasher{}
	h.SetSeed(k.seed)
	return h
}

// summary hashes what a link to p shows, and what a card of p shows. The
// card of an ordinary page covers its Params (through its front matter),
// which a theme may show in listings; a page's own key covers its card, so
// a change to its Params renders it again, and the pages listing it. The
// Params of roles and skills are their structured keys, covered by the
// career key on the pages that show them.
func (k *Keys) summary(p *site.Page) [2]uint64 {
	h := k.hasher()
	h.str(string(p.Kind), p.URL, p.Title)
	link := h.Sum64()
	h.str(p.Description)
	if p.Source != nil && p.Source.Params != nil && !career.Source(p.Source.Path) {
		h.num(k.metaSum(p.Source))
	}
	return [2]uint64{link, h.Sum64()}
}

// sum is what a link to p, which may be nil, shows.
func (k *Keys) sum(p *site.Page) uint64 { return k.sumOf(p)[0] }

// card is what a card of p shows.
func (k *Keys) card(p *site.Page) uint64 { return k.sumOf(p)[1] }

func (k *Keys) sumOf(p *site.Page) [2]uint64 {
	if p == nil {
		return [2]uint64{}
	}
	if s, ok := k.sums[p]; ok {
		return s
	}
	return k.summary(p)
}

// globalKey hashes what the header, sidebar and footer of every page show.
func (k *Keys) globalKey() uint64 {
	h := k.hasher()
	h.str(k.sd.Title, k.sd.BaseURL, k.sd.Language, k.sd.CustomCSS)
	for _, sec := range k.sd.Sections {
		h.num(k.sum(sec), uint64(len(sec.Children)))
		h.str(sec.Section)
		for _, c := range sec.Children {
			// A section shows how many entries it has (Nav).
			h.num(k.sum(c), uint64(len(c.Children)))
		}
	}
	for _, t := range k.sd.Tracks {
		h.str(t.Key, t.Title)
		for _, r := range t.Roles {
			// The navigation shows each role's level, or the span of
			// levels it is held at.
			lo, hi := r.LevelRange()
			h.str(r.ID, r.Title)
			h.num(uint64(r.Level), uint64(lo), uint64(hi), uint64(len(r.HeldAt)))
		}
	}
	for _, c := range k.sd.Home.Children {
		h.num(k.sum(c))
	}
	if hv := k.sd.History; hv != nil {
		h.str("history", hv.Feed)
	}
	return h.Sum64()
}

// careerKey hashes what the career model is read from: the front matter
// of the role, skill and behaviour axis files (career.Load).
func (k *Keys) careerKey(s *site.Site) uint64 {
	h := k.hasher()
	for _, p := range s.Pages {
		if p.Source != nil && career.Source(p.Source.Path) {
			h.str(p.Source.Path)
			h.num(k.metaSum(p.Source))
		}
	}
	return h.Sum64()
}

// metaSum hashes the front matter of f, once per file.
func (k *Keys) metaSum(f *content.File) uint64 {
	if sum, ok := k.in.Meta[f]; ok {
		return sum
	}
	h := k.hasher()
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			h.str("nil")
			return
		}
		h.num(uint64(n.Kind), uint64(len(n.Content)))
		h.str(n.Tag, n.Value, n.Anchor)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(f.Meta)
	sum := h.Sum64()
	if k.in.Meta != nil {
		k.in.Meta[f] = sum
	}
	return sum
}

// Page hashes everything the layout of p shows. It is safe for
// concurrent use.
func (k *Keys) Page(p *site.Page) uint64 {
	h := k.hasher()
	h.num(k.global, k.card(p), uint64(p.Weight))
	h.str(p.Layout, p.Section)
	if p.Source != nil {
		h.num(k.in.FileSum(p))
	}
	in := k.in.Input(p)
	h.num(k.in.BodySum(p))
	if in.Body != nil {
		for _, hd := range in.Body.Headings {
			h.num(uint64(hd.Level))
			h.str(hd.ID, hd.Text)
		}
	}
	h.str(p.Anchors...)
	for _, b := range in.Backlinks {
		h.num(k.sum(b.Page))
		h.str(b.Section, b.SectionID)
	}
	h.num(k.sum(p.Prev), k.sum(p.Next))
	for a := p.Parent; a != nil; a = a.Parent {
		h.num(k.sum(a))
	}
	// The sidebar unfolds the sections on the page's path (Nav): their
	// entries, each with its count, from the page's own up.
	for a := p; a != nil; a = a.Parent {
		h.num(uint64(len(a.Children)))
		for _, c := range a.Children {
			h.num(k.sum(c), uint64(len(c.Children)))
		}
	}
	for _, c := range p.Children {
		h.num(k.card(c))
	}
	if p.Kind == site.KindHome {
		// The home page lists the pages of every section.
		for _, sec := range k.sd.Sections {
			for _, c := range sec.Children {
				h.num(k.card(c))
			}
		}
	}
	if c := k.careers[p]; c != nil {
		h.num(k.career)
		if c.Print != nil {
			for _, r := range c.Print.Roles {
				h.num(k.sum(r.Page))
				if r.Page != nil {
					h.num(k.in.BodySum(r.Page))
					if b := k.in.Input(r.Page).Body; b != nil {
						for _, hd := range b.Headings {
							h.str(hd.ID, hd.Text)
						}
					}
				}
			}
		}
	}
	if hv := k.sd.History; hv != nil {
		hashHistory(h, hv, p)
	}
	return h.Sum64()
}

// hashHistory hashes the history p shows: its own, or the changelog it
// is. The pages of editions are rendered every time.
func hashHistory(h *hasher, hv *History, p *site.Page) {
	if ph := hv.Pages[p.URL]; ph != nil {
		h.str("page-history", ph.EditURL, ph.LogURL, ph.Updated.String(), fmt.Sprint(ph.Older))
		for _, n := range ph.Notes {
			h.str(n.Date.String(), n.Note)
		}
		for _, c := range ph.Commits {
			h.str(c.Hash, c.Subject, c.Author, c.Date.String(), c.URL)
		}
	}
	if cl := hv.Changelogs[p.URL]; cl != nil {
		h.str("changelog", cl.Track, cl.TrackTitle, fmt.Sprint(cl.Older, cl.Empty))
		for _, f := range cl.Filters {
			h.str(f.Key, f.Title, f.URL, fmt.Sprint(f.Current))
		}
		for _, m := range cl.Months {
			h.str(m.ID, m.Title)
			for _, e := range m.Entries {
				h.str(e.ID, e.Date.String(), e.Note, fmt.Sprint(e.MorePages))
				if e.Commit != nil {
					h.str(e.Commit.Hash, e.Commit.Subject, e.Commit.Author, e.Commit.URL)
				}
				for _, r := range e.Pages {
					h.str(r.Title, r.URL)
				}
				h.str(e.Tracks...)
			}
		}
	}
	if p.Layout == "editions" || p.Layout == "edition-diff" || hv.Edition != nil {
		h.str(time.Now().String()) // never reused
	}
}
