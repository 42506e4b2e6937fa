// Package site builds the site model from content files: pages with their
// URLs, sections, navigation order and the home page.
//
// URLs are "pretty": content/roles/senior-software-engineer.md becomes
// /roles/senior-software-engineer/, written to
// roles/senior-software-engineer/index.html. Each path segment is slugged
// (lower case, spaces and punctuation to "-"), so "My Page.md" becomes
// /my-page/. A folder is a section; its _index.md, index.md or README.md
// (any letter case) supplies the section page's title and text (a folder
// with two of them is an error at the one that loses: _index.md wins over
// index.md, index.md over README.md), and a section page is generated when
// it has none. content/_index.md is the home page. Two files that map to the
// same URL are an error naming both.
//
// A page's title is its title: key, else the text of the level-1 heading
// its body starts with (markdown.LeadingTitle), else its file name, or its
// folder's name for a section page. A page is known by its full id (FullID,
// its path) and its short id (PageID); package convert resolves them.
package site

import (
	"path"
	"sort"
	"strings"
	"unicode"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/internal/slug"
)

// Kind says what a page is; templates are chosen by kind.
type Kind string

// Page kinds.
const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
)

// Page is one output page.
type Page struct {
	Kind Kind
	// Layout names the template; it defaults to the kind and later stages
	// (the career model) set it for roles and skills.
	Layout string
	// Source is the Markdown file; nil for generated pages.
	Source *content.File
	// Section is the folder path ("roles"), "" at the top level.
	Section     string
	URL         string // "/roles/senior-software-engineer/"
	Title       string
	Description string
	Weight      int
	Draft       bool
	// Unlisted pages are published but left out of their section's
	// Children, the sitemap and search: pages reached by a link only, such
	// as the comparison of two roles a reader picks on a role page. Parent
	// still gives them breadcrumbs.
	Unlisted bool

	Parent     *Page   // the section page holding this page; nil for home
	Children   []*Page // pages of a section, in reading order
	Prev, Next *Page   // neighbours within the section

	// Anchors are element ids the layout adds beside the headings of the
	// page's Markdown (responsibility items, skill rows, decision rights),
	// set with Layout while the site model is built (the career model,
	// the glossary). The stages after it return what they make (converted
	// Markdown, backlinks) instead of writing it into the page: a page is
	// read-only once the model is built.
	Anchors []string
}

// AnchorAliases maps old anchors of the page to their current ids.
func (p *Page) AnchorAliases() map[string]string {
	if p.Source == nil {
		return nil
	}
	return p.Source.Front.AnchorAliases
}

// Params returns the page's own front-matter keys that the content model
// does not read (content.File.Params), for themes: a layout shows
// `{{.Page.Params.owner}}`, or `{{.Params.owner}}` of a child page. It is
// nil for generated pages.
func (p *Page) Params() map[string]any {
	if p.Source == nil {
		return nil
	}
	return p.Source.Params
}

// Backlink is a link to a page from another page.
type Backlink struct {
	Page      *Page
	Section   string // heading the link sits under, "" at the top
	SectionID string
}

// OutPath is the file the page is written to, relative to the output root.
func (p *Page) OutPath() string {
	return strings.TrimPrefix(p.URL, "/") + "index.html"
}

// Ancestors lists the section pages above p, outermost first, home included.
func (p *Page) Ancestors() []*Page {
	var as []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		as = append([]*Page{a}, as...)
	}
	return as
}

// Site is the model of the whole handbook.
type Site struct {
	Home  *Page
	Pages []*Page // every page, sorted by URL
	// Aliases maps old URLs (from front-matter aliases) to the page that
	// moved there; each gets a redirect page.
	Aliases map[string]*Page
	byURL   map[string]*Page
}

// Lookup returns the page at url ("/roles/x/").
func (s *Site) Lookup(url string) *Page { return s.byURL[url] }

// Options configures New.
type Options struct {
	Drafts bool // include draft pages
	// ContentDir is prefixed to file paths in errors.
	ContentDir string
}

// New creates the site model from content files.
func New(files []*content.File, opts Options) (*Site, error) {
	s := &Site{byURL: map[string]*Page{}}
	var errs diag.List
	sections := map[string]*Page{}
	for _, f := range files {
		if f.Front.Draft && !opts.Drafts {
			continue
		}
		dir, base := path.Split(f.Path)
		dir = strings.TrimSuffix(dir, "/")
		name := strings.TrimSuffix(base, path.Ext(base))
		p := &Page{
			Kind:        KindPage,
			Source:      f,
			Section:     SlugPath(dir),
			Title:       f.Front.Title,
			Description: f.Front.Description,
			Weight:      f.Front.Weight,
			Draft:       f.Front.Draft,
		}
		if p.Title == "" {
			p.Title, _ = markdown.LeadingTitle(f.Body)
		}
		if sectionRank(base) >= 0 {
			p.Kind = KindSection
			p.URL = urlOf(SlugPath(dir))
			if dir == "" {
				p.Kind = KindHome
			} else if p.Title == "" {
				p.Title = titleFromName(path.Base(dir))
			}
		} else {
			p.URL = urlOf(SlugPath(path.Join(dir, name)))
			if p.Title == "" {
				p.Title = titleFromName(name)
			}
		}
		if old := s.byURL[p.URL]; old != nil {
			if p.Kind != KindPage && old.Kind != KindPage && path.Dir(old.Source.Path) == path.Dir(f.Path) {
				// Two pages of one folder: the one that ranks first wins,
				// and the error is at the other.
				win, lose := old, p
				if sectionRank(base) < sectionRank(path.Base(old.Source.Path)) {
					win, lose = p, old
					s.byURL[p.URL], sections[p.Section] = p, p
				}
				errs.Add(diag.Errorf(path.Join(opts.ContentDir, lose.Source.Path), 1, 1,
					"%s is also the page of folder %s, as %s is", path.Base(lose.Source.Path), folderName(dir),
					path.Join(opts.ContentDir, win.Source.Path)).
					WithHint("keep one: _index.md wins over index.md, and index.md over README.md; merge the two files"))
				continue
			}
			errs.Add(diag.Errorf(path.Join(opts.ContentDir, f.Path), 1, 1,
				"maps to URL %s, as %s does", p.URL, path.Join(opts.ContentDir, old.Source.Path)).
				WithHint("rename or move one of the two files"))
			continue
		}
		s.byURL[p.URL] = p
		if p.Kind != KindPage {
			sections[p.Section] = p
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// Generate missing section pages (and home) and link parents.
	ensure := func(sec string) *Page {
		if p := sections[sec]; p != nil {
			return p
		}
		p := &Page{Kind: KindSection, Section: sec, URL: urlOf(sec), Title: titleFromName(path.Base(sec))}
		if sec == "" {
			p.Kind, p.Title = KindHome, ""
		}
		sections[sec] = p
		s.byURL[p.URL] = p
		return p
	}
	ensure("")
	for _, p := range s.sortedPages() {
		if p.Kind == KindHome {
			continue
		}
		parentSec := p.Section
		if p.Kind == KindSection {
			parentSec = parentOf(p.Section)
		}
		for sec := parentSec; ; sec = parentOf(sec) {
			ensure(sec)
			if sec == "" {
				break
			}
		}
	}
	for _, p := range s.sortedPages() {
		if p.Kind == KindHome {
			s.Home = p
			continue
		}
		parentSec := p.Section
		if p.Kind == KindSection {
			parentSec = parentOf(p.Section)
		}
		p.Parent = sections[parentSec]
		p.Parent.Children = append(p.Parent.Children, p)
	}
	for _, p := range s.sortedPages() {
		SortPages(p.Children)
		// Previous/next among the leaf pages of a section.
		var prev *Page
		for _, c := range p.Children {
			if c.Kind != KindPage {
				continue
			}
			if prev != nil {
				prev.Next, c.Prev = c, prev
			}
			prev = c
		}
	}
	s.Pages = s.sortedPages()
	if err := s.addAliases(opts.ContentDir); err != nil {
		return nil, err
	}
	return s, nil
}

// addAliases records every page's aliases, refusing one that is the URL of
// a page or the alias of another page (which also rules out cycles: an alias
// can only point at a real page, never at another alias).
func (s *Site) addAliases(contentDir string) error {
	s.Aliases = map[string]*Page{}
	var errs diag.List
	for _, p := range s.Pages {
		if p.Source == nil {
			continue
		}
		file := path.Join(contentDir, p.Source.Path)
		for _, a := range p.Source.Front.Aliases {
			u, ok := AliasURL(a)
			if !ok {
				errs.Add(diag.Errorf(file, p.Source.MetaLine, 1, "alias %q is not a site path", a).
					WithHint("write it as /section/old-name/"))
				continue
			}
			if other := s.byURL[u]; other != nil {
				what := "the URL of " + describe(contentDir, other)
				if other == p {
					what = "the page's own URL"
				}
				errs.Add(diag.Errorf(file, p.Source.MetaLine, 1, "alias %s is %s", u, what).
					WithHint("remove the alias or move the page"))
				continue
			}
			if other := s.Aliases[u]; other != nil && other != p {
				errs.Add(diag.Errorf(file, p.Source.MetaLine, 1, "alias %s is also an alias of %s", u, describe(contentDir, other)).
					WithHint("an old URL can redirect to one page only"))
				continue
			}
			s.Aliases[u] = p
		}
	}
	return errs.Err()
}

func describe(contentDir string, p *Page) string {
	if p.Source == nil {
		return p.URL
	}
	return path.Join(contentDir, p.Source.Path)
}

// AliasURL normalises an alias to a site path with a trailing slash (or a
// file path such as /old.html); ok is false for URLs with a scheme, "..", or
// a fragment.
func AliasURL(a string) (string, bool) {
	a = strings.TrimSpace(a)
	if a == "" || strings.Contains(a, "://") || strings.ContainsAny(a, "#?\\") {
		return "", false
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	u := path.Clean("/" + a)
	if u == "/" {
		return "", false
	}
	if path.Ext(u) == "" {
		u += "/"
	}
	return u, true
}

// Add inserts a generated page (a comparison or a matrix page) into the
// model under parent, among its Children unless the page is Unlisted. It returns false when the URL is taken. Call Sort
// after the last Add.
func (s *Site) Add(p *Page, parent *Page) bool {
	if s.byURL[p.URL] != nil {
		return false
	}
	s.byURL[p.URL] = p
	p.Parent = parent
	if parent != nil && !p.Unlisted {
		parent.Children = append(parent.Children, p)
	}
	return true
}

// Sort restores the order of Pages and of every section's children after
// pages were added.
func (s *Site) Sort() {
	s.Pages = s.sortedPages()
	for _, p := range s.Pages {
		SortPages(p.Children)
	}
}

func (s *Site) sortedPages() []*Page {
	ps := make([]*Page, 0, len(s.byURL))
	for _, p := range s.byURL {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].URL < ps[j].URL })
	return ps
}

// SortPages orders pages by weight (pages without one last, as in Hugo),
// then title, then URL.
func SortPages(ps []*Page) {
	w := func(p *Page) int {
		if p.Weight == 0 {
			return int(^uint(0) >> 1)
		}
		return p.Weight
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if w(a) != w(b) {
			return w(a) < w(b)
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.URL < b.URL
	})
}

func parentOf(sec string) string {
	if i := strings.LastIndex(sec, "/"); i >= 0 {
		return sec[:i]
	}
	return ""
}

func urlOf(slugPath string) string {
	if slugPath == "" {
		return "/"
	}
	return "/" + slugPath + "/"
}

// SlugPath slugs every segment of a slash-separated path.
func SlugPath(p string) string { return slug.Path(p) }

// Slug lower-cases s and turns every run of characters other than letters
// and digits into a single "-" (package slug).
func Slug(s string) string { return slug.Make(s) }

// SectionFile reports whether a file name is a folder's own page:
// _index.md (Hugo), index.md, or README.md in any case (GitHub).
func SectionFile(name string) bool { return sectionRank(name) >= 0 }

// sectionRank orders the names of a folder's page, the first winning when
// a folder has more than one (which is an error): _index.md, index.md,
// README.md. It is -1 for any other name.
func sectionRank(name string) int {
	switch {
	case name == "_index.md":
		return 0
	case name == "index.md":
		return 1
	case strings.EqualFold(name, "readme.md"):
		return 2
	}
	return -1
}

// folderName names a content folder in messages: "x/", or "content/" for
// the top.
func folderName(dir string) string {
	if dir == "" {
		return ContentDir + "/"
	}
	return dir + "/"
}

func titleFromName(name string) string {
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return ""
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// ContentDir is the content folder inside the source folder; file paths in
// messages start with it.
const ContentDir = "content"

// File is the path of p's source file as messages name it
// ("content/roles/x.md"); "" for a generated page.
func (p *Page) File() string {
	if p.Source == nil {
		return ""
	}
	return ContentDir + "/" + p.Source.Path
}

// PageID is the short id of a page: its front-matter id, or its file name
// without extension, slugged ("" for a section's page or a generated
// page). Roles and skills are known by it; a short reference by it works
// while it names one page (see convert.Index).
func PageID(p *Page) string {
	if p.Source == nil {
		return ""
	}
	if p.Source.Front.ID != "" {
		return p.Source.Front.ID
	}
	base := path.Base(p.Source.Path)
	if SectionFile(base) {
		return ""
	}
	return Slug(strings.TrimSuffix(base, path.Ext(base)))
}

// FullID is the id that always names a page: its path under content/
// without extension, slugged as its URL is ("departments/cloud/onboarding");
// a section's page has its folder's path ("departments/cloud"). It is ""
// for the home page and generated pages. Two pages never share one: they
// would share a URL.
func FullID(p *Page) string {
	if p.Source == nil {
		return ""
	}
	dir, base := path.Split(p.Source.Path)
	if SectionFile(base) {
		return SlugPath(strings.TrimSuffix(dir, "/"))
	}
	return SlugPath(path.Join(dir, strings.TrimSuffix(base, path.Ext(base))))
}
