// Package render turns the site model into the files of the site. Pages
// arrive with their Markdown already converted to HTML (site.Page.Content):
// render runs them through the theme's html/template layouts (Page), and
// makes what no page's Markdown holds: the site-wide files (SiteFiles: the
// theme's static files, the code stylesheets, sitemap.xml, robots.txt),
// redirects from aliases (Redirect), the changelog's Atom feed (Feed), the
// career ladder as an inline SVG (Ladder) and the printable tracks. Theme
// layers a site's theme folder over the embedded default one.
//
// Layouts live in the theme's layouts/ folder. base.html defines "base",
// the page skeleton, which calls the "main" block; every file in
// layouts/partials/ is shared by all layouts; each page kind has its own
// layout file (home.html, section.html, page.html, 404.html, and the
// career layouts). A page may choose another layout of the theme with the
// front-matter key `layout:` (ChooseLayouts); the built-in data layout
// shows a page's front-matter data as headings, lists, definition lists
// and tables with an anchor on every item (DataFields), for frameworks
// that keep their criteria in front matter. Links in templates go through rel, which makes them
// relative to the page (links.Root), so the output works under any
// sub-path and from any static host; abs gives absolute URLs for canonical
// links and previews.
//
// Data.Nav gives a page's sidebar as a tree of any depth, unfolded along
// the page's path; NavTree (assets/nav-tree.js) holds the whole tree for a
// script to fill the folded branches (nav.go says why not every page).
//
// Layouts run once per page, so their cost grows with the site. A part
// that is the same on many pages (the default theme's top-level sections
// off the page's path) can be rendered once for all of them with
// {{cached "name" . key}}: pages of the same depth and layout that pass
// the same key share one rendering, for one build (one SiteData);
// {{navPath "name" "items" .}} does the same for the sidebar's section on
// the page's path, shared by the pages of a section, each marking its own
// entry. Each
// render worker keeps its own copy of the layouts (html/template escapes a
// set once, on its first execution), so nothing is parsed or escaped per
// page.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/glossary"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
)

// Templates holds the parsed layouts of a theme, one set per layout name.
// It is safe for concurrent use.
type Templates struct {
	sets   map[string]*template.Template
	cfg    *config.Config
	prefix string // "themes/<name>/", for error positions
	// free holds idle bindings for Page.
	free chan *binding
	// cache holds the output of the cached function, by cacheKey, for
	// the pages of one site: cacheSite. Templates outlive a build (serve
	// --watch parses the layouts once), the outputs of cached must not:
	// they show the navigation of the site they were rendered for.
	cacheMu   sync.Mutex
	cacheSite *SiteData
	cache     map[cacheKey]template.HTML
}

// cacheKey identifies one output of the cached function: the template, the
// layout whose set defines it, the page's depth (its root, which relative
// links depend on) and the key the theme passes.
type cacheKey struct{ name, layout, root, key string }

// binding is one worker's copy of the layouts, whose template functions
// (rel, asset, ladder) act for the page it is rendering. html/template
// escapes a set on its first execution and cannot clone it afterwards, so
// a binding clones each layout once and then renders page after page with
// it: cloning and escaping cost once per worker, not once per page.
type binding struct {
	d       *Data
	current string       // the layout being rendered
	buf     bytes.Buffer // the page being executed (Page)
	chrome  int          // bytes the last page added around its content (AppendPage)
	sets    map[string]*template.Template
}

// data is the page being rendered; nil while parsing.
func (b *binding) data() *Data {
	if b == nil {
		return nil
	}
	return b.d
}

// Data is what a layout receives as ".".
type Data struct {
	Site        *SiteData
	Page        *site.Page
	Content     template.HTML
	Description string
	// TOC is the table of contents: the page's h2 and h3 headings, on
	// role pages the structured sections too, and the sections shown after
	// the content ("Linked from", "History").
	TOC []markdown.Heading
	// Backlinks are the pages linking to this one, with the section of
	// each link.
	Backlinks []site.Backlink
	// Career holds the role, skill or comparison the page shows.
	Career *Career
	// Intro and Rest split a role page's body around its structured
	// sections.
	Intro, Rest template.HTML
	// Params are the page's front-matter keys that the content model does
	// not read (site.Page.Params): `{{.Params.owner}}`.
	Params map[string]any
	root   string
}

// SiteData is the site-wide part of Data.
type SiteData struct {
	Title    string
	BaseURL  string
	Language string
	Params   map[string]string
	Home     *site.Page
	// Sections are the top-level sections, in navigation order.
	Sections []*site.Page
	// Glossary holds the terms shown by the glossary layout.
	Glossary *glossary.Glossary
	// Tracks are the career ladder's tracks with their roles in level
	// order, for the navigation (empty when the handbook has no roles).
	Tracks []career.Track
	// History holds page histories, the changelog and editions; nil
	// without them.
	History *History
	// CustomCSS is the site's own stylesheet under assets/
	// ("custom.css"), linked after the theme's; "" without one.
	CustomCSS string
}

var templateErr = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// LoadTemplates parses the layouts of theme. Errors name the template file
// and line.
func LoadTemplates(theme fs.FS, cfg *config.Config) (*Templates, error) {
	t := &Templates{sets: map[string]*template.Template{}, cfg: cfg, prefix: "themes/" + cfg.Theme + "/",
		free: make(chan *binding, 2*runtime.GOMAXPROCS(0)), cache: map[cacheKey]template.HTML{}}
	base := template.New("").Funcs(t.funcs(nil))
	shared, err := fs.Glob(theme, "layouts/partials/*.html")
	if err != nil {
		return nil, err
	}
	shared = append([]string{"layouts/base.html"}, shared...)
	for _, name := range shared {
		if err := t.parseFile(base, theme, name); err != nil {
			return nil, err
		}
	}
	layouts, err := fs.Glob(theme, "layouts/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range layouts {
		if name == "layouts/base.html" {
			continue
		}
		set, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := t.parseFile(set, theme, name); err != nil {
			return nil, err
		}
		if set.Lookup("base") == nil {
			return nil, diag.Errorf(t.prefix+name, 0, 0, "no \"base\" template").WithHint("keep layouts/base.html in the theme")
		}
		t.sets[strings.TrimSuffix(path.Base(name), ".html")] = set
	}
	for _, need := range []string{"home", "section", "page", "404"} {
		if t.sets[need] == nil {
			return nil, diag.Errorf(t.prefix+"layouts/"+need+".html", 0, 0, "layout missing from the theme")
		}
	}
	return t, nil
}

func (t *Templates) parseFile(set *template.Template, theme fs.FS, name string) error {
	src, err := fs.ReadFile(theme, name)
	if le, ok := source.AsLinkError(err); ok {
		return le.Diag()
	}
	if err != nil {
		return diag.Errorf(t.prefix+name, 0, 0, "cannot read template: %v", err)
	}
	if _, err := set.New(name).Parse(string(src)); err != nil {
		return templateError(t.prefix, err)
	}
	return nil
}

// templateError turns "template: name:12: msg" into a positioned error.
func templateError(prefix string, err error) error {
	m := templateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("template error: %v", err)
	}
	var line, col int
	fmt.Sscan(m[2], &line)
	if m[3] != "" {
		fmt.Sscan(m[3], &col)
	}
	return diag.Errorf(prefix+m[1], line, col, "template error: %s", m[4])
}

// funcs returns the template functions of binding b (nil while parsing).
func (t *Templates) funcs(b *binding) template.FuncMap {
	fm := template.FuncMap{
		"rel": func(url string) string { return b.data().Rel(url) },
		"abs": func(url string) string { return t.cfg.AbsURL(url) },
		"asset": func(name string) string {
			return b.data().Rel("/assets/" + name)
		},
		"termAnchor": glossary.Anchor,
		"pageData":   func(p *site.Page) *DataField { return DataFields(p.Source) },
		"ladder":     func(m *Career) template.HTML { return Ladder(m.Model, b.data().Rel) },
		"cached": func(name string, data any, key ...any) (template.HTML, error) {
			return t.cached(b, name, data, key)
		},
		"navPath": func(name, items string, n NavItem) (template.HTML, error) {
			return t.navPath(b, name, items, n)
		},
	}
	for k, v := range careerFuncs() {
		fm[k] = v
	}
	for k, v := range historyFuncs() {
		fm[k] = v
	}
	return fm
}

// endHeadings are the headings of the sections the default theme's
// layouts show after a page's content: "Linked from" when other pages
// link here, "History" when the page has change notes or commits. Pages
// generated without a source file (comparisons, printable tracks) show
// neither.
func (d *Data) endHeadings() []markdown.Heading {
	var hs []markdown.Heading
	if d.Page.Source == nil {
		return nil
	}
	if len(d.Backlinks) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: "backlinks", Text: "Linked from"})
	}
	if h := d.PageHistory(); h != nil && (len(h.Notes) > 0 || len(h.Commits) > 0) {
		hs = append(hs, markdown.Heading{Level: 2, ID: "page-history", Text: "History"})
	}
	return hs
}

// tocOf keeps the h2 and h3 headings, or only the h2 ones when there are
// too many to scan.
func tocOf(hs []markdown.Heading) []markdown.Heading {
	var out, h2 []markdown.Heading
	for _, h := range hs {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, h)
		}
		if h.Level == 2 {
			h2 = append(h2, h)
		}
	}
	if len(out) > 24 {
		return h2
	}
	return out
}

// Rel returns url ("/roles/x/#a") relative to the page being rendered:
// links.Root of the page and the url, so that the link depends only on the
// depth of the page (a part rendered once for many pages by cached is
// right on each of them).
func (d *Data) Rel(url string) string {
	if d == nil {
		return url
	}
	if !strings.HasPrefix(url, "/") {
		return url
	}
	r := d.root + strings.TrimPrefix(url, "/")
	if r == "" {
		return "./"
	}
	if strings.HasPrefix(r, "#") {
		return "./" + r
	}
	return r
}

// Input is what the stages before rendering made of one page.
type Input struct {
	// Body is the page's converted Markdown; nil for a generated page.
	Body *markdown.Doc
	// Backlinks are the pages linking to it.
	Backlinks []site.Backlink
	// Career is its career data; nil for an ordinary page.
	Career *Career
	// Bodies gives the converted Markdown of other pages, which some
	// pages show (the printable tracks show their roles' summaries).
	Bodies func(*site.Page) *markdown.Doc
}

// Page renders p with its layout.
func (t *Templates) Page(sd *SiteData, p *site.Page, in Input) ([]byte, error) {
	return t.AppendPage(nil, sd, p, in)
}

// AppendPage renders p with its layout, appending it to dst: a build that
// writes each page as soon as it is rendered passes the buffer of the
// page before, so that rendering does not allocate a page's worth of
// memory each time.
func (t *Templates) AppendPage(dst []byte, sd *SiteData, p *site.Page, in Input) ([]byte, error) {
	layout := p.Layout
	if layout == "" {
		layout = string(p.Kind)
	}
	set := t.sets[layout]
	if set == nil {
		return nil, fmt.Errorf("%s: no layout %q in the theme", p.URL, layout)
	}
	body := in.Body
	if body == nil {
		body = &markdown.Doc{}
	}
	c := in.Career
	d := &Data{Site: sd, Page: p, Content: template.HTML(body.HTML), Description: p.Description, root: links.Root(p.URL), Career: c,
		Backlinks: in.Backlinks, Params: p.Params()}
	d.TOC = body.Headings
	if layout == DataLayout {
		d.TOC = append(slices.Clip(d.TOC), DataFields(p.Source).Headings()...)
	}
	switch {
	case c == nil:
	case c.Role != nil:
		d.Intro, d.Rest, d.TOC = roleParts(body, c.Role)
	case c.Comparison != nil:
		d.TOC = CompareHeadings(c.Comparison)
	case c.Print != nil && in.Bodies != nil:
		d.Career = c.withBodies(in.Bodies)
	}
	d.TOC = tocOf(append(slices.Clip(d.TOC), d.endHeadings()...))
	if p.URL == "/404.html" {
		// Served for any missing path: links must not depend on its location.
		d.root = t.cfg.BasePath()
	}
	if d.Description == "" && p.Kind == site.KindHome {
		d.Description = sd.Params["description"]
	}
	b := t.binding()
	defer t.release(b)
	set, err := b.layout(t, layout)
	if err != nil {
		return nil, err
	}
	b.d, b.current = d, layout
	if dst == nil {
		// Page: executed into the binding's buffer, which grows to the
		// largest page once, and returned as a copy of its exact size: a
		// serve keeps every page in memory, and a buffer grown by doubling
		// holds half as much again (docs/serve.md).
		b.buf.Reset()
		if err := set.ExecuteTemplate(&b.buf, "base", d); err != nil {
			return nil, templateError(t.prefix, err)
		}
		return bytes.Clone(b.buf.Bytes()), nil
	}
	buf := bytes.NewBuffer(dst)
	// Pages of a site share most of their chrome: size the buffer from the
	// last page, so it rarely grows (and copies) while executing.
	buf.Grow(len(body.HTML) + b.chrome + 1<<10)
	if err := set.ExecuteTemplate(buf, "base", d); err != nil {
		return nil, templateError(t.prefix, err)
	}
	b.chrome = max(buf.Len()-len(dst)-len(body.HTML), 0)
	return buf.Bytes(), nil
}

// binding returns an idle binding, or a new one.
func (t *Templates) binding() *binding {
	select {
	case b := <-t.free:
		return b
	default:
		return &binding{sets: map[string]*template.Template{}}
	}
}

// release returns b to the idle ones (or drops it when there are enough).
func (t *Templates) release(b *binding) {
	b.d, b.current = nil, ""
	select {
	case t.free <- b:
	default:
	}
}

// layout returns b's copy of a layout, cloning it on first use.
func (b *binding) layout(t *Templates, name string) (*template.Template, error) {
	if set := b.sets[name]; set != nil {
		return set, nil
	}
	set, err := t.sets[name].Clone()
	if err != nil {
		return nil, err
	}
	set.Funcs(t.funcs(b))
	b.sets[name] = set
	return set, nil
}

// navPath renders the template name with the entry n, the top-level
// section holding the page being rendered, as {{template name n}} would.
// The pages of one section share all of it but the mark on their own
// entry: it is rendered once per section (cached), with no entry marked,
// and the page's entry (the template items with a list of one, as the
// section lists it) replaced by the same one marked. A page that is a
// section, whose own entries are shown, is rendered on its own.
func (t *Templates) navPath(b *binding, name, items string, n NavItem) (template.HTML, error) {
	d := b.data()
	if d == nil || n.nav == nil {
		return "", fmt.Errorf("navPath %q: called outside a page's sidebar", name)
	}
	p := n.nav.page
	if len(p.Children) > 0 || p.Parent == nil || n.Current {
		var buf strings.Builder
		err := b.sets[b.current].ExecuteTemplate(&buf, name, n)
		return template.HTML(buf.String()), err
	}
	shared := n
	shared.nav = &navOf{page: p.Parent, noCurrent: true}
	html, err := t.cached(b, name, shared, []any{"navPath", p.Parent.URL})
	if err != nil {
		return "", err
	}
	entry := NavItem{Page: p, nav: n.nav}
	var plain, marked strings.Builder
	set := b.sets[b.current]
	if err := set.ExecuteTemplate(&plain, items, []NavItem{entry}); err != nil {
		return "", err
	}
	entry.Current = true
	if err := set.ExecuteTemplate(&marked, items, []NavItem{entry}); err != nil {
		return "", err
	}
	s := string(html)
	i := strings.Index(s, plain.String())
	if i < 0 {
		if p.Unlisted {
			return html, nil // not among its section's entries
		}
		return "", fmt.Errorf("navPath %q: the entry of %s is not in its section's rendering", name, p.URL)
	}
	return template.HTML(s[:i] + marked.String() + s[i+plain.Len():]), nil
}

// cached renders the template name with data, as {{template name data}}
// would in HTML text, once per key and page depth: every page of the same
// depth that passes the same key gets the output of the first. A theme
// uses it for a part that is costly and the same on many pages, such as a
// long navigation; the key must name everything the part shows that
// differs between pages of one site other than relative links. Outputs
// are kept for one SiteData: the first page rendered with another one
// (the next build's) drops them all.
func (t *Templates) cached(b *binding, name string, data any, key []any) (template.HTML, error) {
	d := b.data()
	if d == nil {
		return "", fmt.Errorf("cached %q: called outside a page", name)
	}
	k := cacheKey{name: name, layout: b.current, root: d.root, key: fmt.Sprint(key...)}
	t.cacheMu.Lock()
	if t.cacheSite != d.Site {
		t.cache = map[cacheKey]template.HTML{}
		t.cacheSite = d.Site
	}
	html, ok := t.cache[k]
	t.cacheMu.Unlock()
	if ok {
		return html, nil
	}
	var buf strings.Builder
	if err := b.sets[b.current].ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	html = template.HTML(buf.String())
	t.cacheMu.Lock()
	if t.cacheSite == d.Site {
		t.cache[k] = html
	}
	t.cacheMu.Unlock()
	return html, nil
}
