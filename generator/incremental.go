package generator

// Incremental rebuilds, for `handbook serve --watch` (docs/serve.md).
//
// A Builder keeps what its last build computed and runs Generate again
// after each change with a buildCache. The cheap stages run in full every
// time (configuration, the site model, the career model, link and anchor
// checks, history), so the result never differs from a fresh build; the
// expensive ones reuse their previous output where their inputs did not
// change:
//
//   - reading content: only changed files and folders are read and parsed
//     again (the watcher names them);
//   - Markdown conversion: a page is converted again when its file
//     changed, or when an answer the link resolver got while converting it
//     changed (a page it links to was renamed, removed or retitled, a
//     missing page appeared), or when the glossary changed;
//   - templates: a page is rendered again when its render key changed: a
//     hash of everything its layout shows (pageKey). A change to the
//     navigation (section and role titles and order) changes every key; a
//     change to a role or skill file changes the keys of the career pages
//     (roles, skills, the matrix, comparisons, printable tracks, home).
//
// A change to handbook.yaml, or a lost event, rebuilds everything; a change
// to the theme renders every page again.

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
)

// Paths of the source folder that a Builder follows besides content/.
const (
	ThemesDir = "themes"
)

// WatchedPaths are the names in the source folder whose changes a Builder
// needs to hear about.
var WatchedPaths = []string{ContentDir, ThemesDir, "handbook.yaml", "anchors.lock"}

// Builder builds a site in memory again and again, each time redoing only
// the work a change calls for. It is not safe for concurrent use.
type Builder struct {
	fsys  fs.FS
	opts  Options
	cache *buildCache
}

// Rebuild reports one build of a Builder.
type Rebuild struct {
	*Result
	// Full says that nothing was reused.
	Full bool
	// Rendered lists the output files of the pages whose layouts ran,
	// sorted; the other pages kept their previous output.
	Rendered []string
	// Converted is the number of pages whose Markdown was converted.
	Converted int
	Duration  time.Duration
}

// NewBuilder returns a Builder of the site in opts.Source. Nothing is built
// until Build.
func NewBuilder(ctx context.Context, opts Options) *Builder {
	opts = openRepo(ctx, opts)
	return &Builder{fsys: os.DirFS(opts.Source), opts: opts, cache: newBuildCache()}
}

// Build builds the site. changed lists what changed since the previous
// Build, as slash paths relative to the source folder (files or folders);
// nil means that anything may have changed. The first Build builds
// everything. On error, the next Build still knows what the failed one
// read: pass it only what changed since.
func (b *Builder) Build(ctx context.Context, changed []string) (*Rebuild, error) {
	start := time.Now()
	c := b.cache
	c.begin(changed)
	opts := b.opts
	opts.cache = c
	res, err := Generate(ctx, b.fsys, opts)
	r := &Rebuild{Result: res, Full: c.full, Converted: c.converted, Duration: time.Since(start)}
	r.Rendered = slices.Clone(c.rendered)
	sort.Strings(r.Rendered)
	if err != nil {
		return r, err
	}
	c.finish()
	return r, nil
}

// buildCache is what a Builder keeps between builds. Generate consults it
// when its Options carry one; every method works on a nil cache, doing
// what a plain build does.
type buildCache struct {
	seed maphash.Seed

	// full is set when nothing may be reused in this build.
	full bool
	// changedContent are the paths under content/ to read again,
	// relative to it ("" for the whole folder).
	changedContent []string

	// loaded says that files, assets and bad describe content/.
	loaded bool
	files  map[string]*content.File
	assets map[string][]byte // nil data: not read yet
	bad    map[string]diag.List
	// versions numbers the content files, so a render key can name the
	// version of a file it depends on.
	versions map[*content.File]uint64
	nextVer  uint64

	mu    sync.Mutex
	conv  map[string]*conversion // by content path
	pages map[string]*rendered   // by output path
	log   map[string]*history.Log

	// This build's record.
	converted int
	rendered  []string
	seenConv  map[string]bool
	seenPages map[string]bool
}

func newBuildCache() *buildCache {
	c := &buildCache{seed: maphash.MakeSeed()}
	c.reset()
	return c
}

// reset forgets everything.
func (c *buildCache) reset() {
	c.loaded = false
	c.files, c.assets, c.bad = map[string]*content.File{}, map[string][]byte{}, map[string]diag.List{}
	c.versions = map[*content.File]uint64{}
	c.conv, c.pages, c.log = map[string]*conversion{}, map[string]*rendered{}, map[string]*history.Log{}
}

// begin classifies the changed paths before a build.
func (c *buildCache) begin(changed []string) {
	c.converted, c.rendered = 0, nil
	c.seenConv, c.seenPages = map[string]bool{}, map[string]bool{}
	c.changedContent = c.changedContent[:0]
	c.full = changed == nil || !c.loaded
	for _, p := range changed {
		switch {
		case p == ContentDir:
			c.changedContent = append(c.changedContent, "")
		case strings.HasPrefix(p, ContentDir+"/"):
			c.changedContent = append(c.changedContent, strings.TrimPrefix(p, ContentDir+"/"))
		case p == ThemesDir || strings.HasPrefix(p, ThemesDir+"/"):
			// Layouts and static files: every page is rendered again.
			c.pages = map[string]*rendered{}
		case p == "anchors.lock":
			// Read by every build; nothing rendered depends on it.
		default: // handbook.yaml, or anything else the site may read
			c.full = true
		}
	}
	if c.full {
		c.reset()
	}
}

// finish drops what the last successful build no longer used.
func (c *buildCache) finish() {
	for p := range c.conv {
		if !c.seenConv[p] {
			delete(c.conv, p)
		}
	}
	for p := range c.pages {
		if !c.seenPages[p] {
			delete(c.pages, p)
		}
	}
	for f := range c.versions {
		if c.files[f.Path] != f {
			delete(c.versions, f)
		}
	}
}

// loadContent reads content/ as content.Load does, reading again only
// what changed since the previous build.
func (c *buildCache) loadContent(fsys fs.FS) (*content.Tree, error) {
	if c == nil {
		return content.Load(fsys, ContentDir)
	}
	if !c.loaded {
		c.readTree(fsys, "")
		c.loaded = true
	} else {
		for _, rel := range c.changedContent {
			c.forget(rel)
			if rel == "" || !ignoredPath(rel) {
				c.readTree(fsys, rel)
			}
		}
	}
	var errs diag.List
	for _, l := range c.bad {
		errs = append(errs, l...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	t := &content.Tree{}
	for _, f := range c.files {
		t.Files = append(t.Files, f)
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	for p := range c.assets {
		t.Assets = append(t.Assets, content.Asset{Path: p})
	}
	sort.Slice(t.Assets, func(i, j int) bool { return t.Assets[i].Path < t.Assets[j].Path })
	return t, nil
}

// ignoredPath reports whether content.Load skips rel or a folder above it.
func ignoredPath(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if content.Ignored(el) {
			return true
		}
	}
	return false
}

// forget drops rel ("" for everything) and what is under it.
func (c *buildCache) forget(rel string) {
	drop := func(p string) bool { return rel == "" || p == rel || strings.HasPrefix(p, rel+"/") }
	for p := range c.files {
		if drop(p) {
			delete(c.files, p)
		}
	}
	for p := range c.assets {
		if drop(p) {
			delete(c.assets, p)
		}
	}
	for p := range c.bad {
		if drop(p) {
			delete(c.bad, p)
		}
	}
}

// readTree reads the file or folder rel of content/ ("" for all of it)
// with content.Load's rules: ignored names skipped, links to files
// followed, links to folders not.
func (c *buildCache) readTree(fsys fs.FS, rel string) {
	top := ContentDir
	if rel != "" {
		top += "/" + rel
		info, err := fs.Lstat(fsys, top)
		if err != nil {
			return // removed
		}
		if !info.IsDir() {
			c.readFile(fsys, rel, info.Mode().Type())
			return
		}
	}
	_ = fs.WalkDir(fsys, top, func(p string, d fs.DirEntry, err error) error {
		r := strings.TrimPrefix(strings.TrimPrefix(p, ContentDir), "/")
		if err != nil {
			c.bad[r] = diag.List{diag.Errorf(p, 0, 0, "cannot read: %v", unwrapPathError(err))}
			return nil
		}
		if r == "" {
			return nil
		}
		if content.Ignored(path.Base(r)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			c.readFile(fsys, r, d.Type())
		}
		return nil
	})
}

func (c *buildCache) readFile(fsys fs.FS, rel string, mode fs.FileMode) {
	p := ContentDir + "/" + rel
	if mode&fs.ModeSymlink != 0 {
		info, err := fs.Stat(fsys, p)
		if err != nil || info.IsDir() {
			return // dangling or folder link: never followed
		}
	} else if !mode.IsRegular() {
		return
	}
	if !strings.HasSuffix(strings.ToLower(rel), ".md") {
		c.assets[rel] = nil
		return
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		c.bad[rel] = diag.List{diag.Errorf(p, 0, 0, "cannot read: %v", unwrapPathError(err))}
		return
	}
	f, err := content.Parse(p, data)
	if err != nil {
		c.bad[rel] = diag.Flatten(err)
		return
	}
	f.Path = rel
	c.files[rel] = f
	c.nextVer++
	c.versions[f] = c.nextVer
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// asset returns the bytes of the content file rel, read once.
func (c *buildCache) asset(fsys fs.FS, rel string) ([]byte, error) {
	if c == nil {
		return fs.ReadFile(fsys, ContentDir+"/"+rel)
	}
	if data := c.assets[rel]; data != nil {
		return data, nil
	}
	data, err := fs.ReadFile(fsys, ContentDir+"/"+rel)
	if err == nil {
		c.assets[rel] = data
	}
	return data, err
}

// gitLog returns the history of content/ at rev, read once per Builder
// (commits made while serving show after a full rebuild).
func (c *buildCache) gitLog(ctx context.Context, repo *history.Repo, rev string) (*history.Log, error) {
	if c == nil {
		return repo.Log(ctx, rev, ContentDir)
	}
	if l, ok := c.log[rev]; ok {
		return l, nil
	}
	l, err := repo.Log(ctx, rev, ContentDir)
	if err == nil {
		c.log[rev] = l
	}
	return l, err
}

// convEnv is what every page's Markdown conversion depends on besides
// its own file and its link lookups.
type convEnv struct {
	unsafeHTML bool
	basePath   string
	glossary   *content.File // the glossary page's file; nil without one
	glossURL   string
}

// conversion is one page's converted Markdown, with what it depended on.
type conversion struct {
	src     *content.File
	url     string
	optOut  bool
	env     convEnv
	lookups *recorder

	html     []byte
	headings []site.Heading
	links    []links.Link
	errors   diag.List
	sum      uint64 // hash of html
}

// reuseConversion fills p and d from the previous conversion of p's file
// when nothing it depended on changed, and reports whether it did.
// Otherwise it sets d.Pages to record the lookups of the new conversion.
func (c *buildCache) reuseConversion(p *site.Page, d *links.Doc, idx *pageIndex, env convEnv, optOut bool) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	e := c.conv[p.Source.Path]
	c.seenConv[p.Source.Path] = true
	c.mu.Unlock()
	if e != nil && e.src == p.Source && e.url == p.URL && e.env == env && e.optOut == optOut && e.lookups.same(idx) {
		p.Content = e.html
		p.Headings = slices.Clone(e.headings)
		d.Links, d.Errors = e.links, e.errors
		return true
	}
	d.Pages = &recorder{idx: idx}
	return false
}

// storeConversion keeps the conversion of p just made.
func (c *buildCache) storeConversion(p *site.Page, d *links.Doc, env convEnv, optOut bool) {
	if c == nil {
		return
	}
	rec, _ := d.Pages.(*recorder)
	e := &conversion{
		src: p.Source, url: p.URL, optOut: optOut, env: env, lookups: rec,
		html: p.Content, headings: slices.Clone(p.Headings), links: d.Links, errors: d.Errors,
		sum: maphash.Bytes(c.seed, p.Content),
	}
	c.mu.Lock()
	c.conv[p.Source.Path] = e
	c.converted++
	c.mu.Unlock()
}

// recorder answers a document's link lookups from the page index and
// remembers the answers, so that a later build can tell whether they
// still hold.
type recorder struct {
	idx     *pageIndex
	files   map[string]answer
	ids     map[string]answer
	paths   map[string]bool
	suggest map[suggestion]string
}

type answer struct {
	url, title string
	ok         bool
}

type suggestion struct {
	kind links.Kind
	bad  string
}

func (r *recorder) FileURL(file string) (string, bool) {
	u, ok := r.idx.FileURL(file)
	if r.files == nil {
		r.files = map[string]answer{}
	}
	r.files[file] = answer{url: u, ok: ok}
	return u, ok
}

func (r *recorder) IDURL(id string) (string, string, bool) {
	u, title, ok := r.idx.IDURL(id)
	if r.ids == nil {
		r.ids = map[string]answer{}
	}
	r.ids[id] = answer{url: u, title: title, ok: ok}
	return u, title, ok
}

func (r *recorder) Exists(sitePath string) bool {
	ok := r.idx.Exists(sitePath)
	if r.paths == nil {
		r.paths = map[string]bool{}
	}
	r.paths[sitePath] = ok
	return ok
}

func (r *recorder) Suggest(k links.Kind, bad string) string {
	s := r.idx.Suggest(k, bad)
	if r.suggest == nil {
		r.suggest = map[suggestion]string{}
	}
	r.suggest[suggestion{k, bad}] = s
	return s
}

// same reports whether idx gives every recorded answer again.
func (r *recorder) same(idx *pageIndex) bool {
	if r == nil {
		return false
	}
	for f, a := range r.files {
		if u, ok := idx.FileURL(f); u != a.url || ok != a.ok {
			return false
		}
	}
	for id, a := range r.ids {
		if u, title, ok := idx.IDURL(id); u != a.url || title != a.title || ok != a.ok {
			return false
		}
	}
	for p, ok := range r.paths {
		if idx.Exists(p) != ok {
			return false
		}
	}
	for q, s := range r.suggest {
		if idx.Suggest(q.kind, q.bad) != s {
			return false
		}
	}
	return true
}

// rendered is a page's output with the key it was rendered for.
type rendered struct {
	key  uint64
	html []byte
}

// renderPlan holds the render key of every page of one build.
type renderPlan struct {
	c    *buildCache
	keys map[*site.Page]uint64
}

// planRender computes the render keys of pages; a nil cache plans nothing
// and every page is rendered.
func (c *buildCache) planRender(sd *render.SiteData, s *site.Site, pages []*site.Page, careers map[*site.Page]*render.Career) *renderPlan {
	if c == nil {
		return nil
	}
	k := &keyer{c: c, careers: careers}
	k.global = k.globalKey(sd)
	k.career = k.careerKey(s)
	plan := &renderPlan{c: c, keys: make(map[*site.Page]uint64, len(pages))}
	for _, p := range pages {
		plan.keys[p] = k.pageKey(sd, p)
	}
	return plan
}

// cached returns the previous output of p at out when its key is unchanged.
func (r *renderPlan) cached(p *site.Page, out string) ([]byte, bool) {
	if r == nil {
		return nil, false
	}
	r.c.mu.Lock()
	defer r.c.mu.Unlock()
	r.c.seenPages[out] = true
	if e := r.c.pages[out]; e != nil && e.key == r.keys[p] {
		return e.html, true
	}
	return nil, false
}

// store keeps the output of p just rendered.
func (r *renderPlan) store(p *site.Page, out string, html []byte) {
	if r == nil {
		return
	}
	r.c.mu.Lock()
	r.c.pages[out] = &rendered{key: r.keys[p], html: html}
	r.c.rendered = append(r.c.rendered, out)
	r.c.mu.Unlock()
}

// keyer computes render keys.
type keyer struct {
	c       *buildCache
	careers map[*site.Page]*render.Career
	global  uint64 // what every page shows: the navigation
	career  uint64 // the career model
}

type hasher struct{ maphash.Hash }

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

func (h *hasher) num(ns ...int64) {
	for _, n := range ns {
		fmt.Fprint(h, n)
		h.WriteByte(0)
	}
}

func (h *hasher) page(p *site.Page) {
	if p == nil {
		h.str("-")
		return
	}
	h.str(string(p.Kind), p.URL, p.Title)
}

func (k *keyer) hasher() *hasher {
	h := &hasher{}
	h.SetSeed(k.c.seed)
	return h
}

// globalKey hashes what the header, sidebar and footer of every page show.
func (k *keyer) globalKey(sd *render.SiteData) uint64 {
	h := k.hasher()
	for _, sec := range sd.Sections {
		h.page(sec)
		h.str(sec.Section)
		h.num(int64(len(sec.Children)))
		for _, c := range sec.Children {
			h.page(c)
		}
	}
	for _, t := range sd.Tracks {
		h.str(t.Key, t.Title)
		for _, r := range t.Roles {
			h.str(r.ID, r.Title)
			h.num(int64(r.Level))
		}
	}
	for _, c := range sd.Home.Children {
		h.page(c)
	}
	if hv := sd.History; hv != nil {
		h.str("history", hv.Feed)
	}
	return h.Sum64()
}

// careerKey hashes the files the career model is read from.
func (k *keyer) careerKey(s *site.Site) uint64 {
	h := k.hasher()
	for _, p := range s.Pages {
		if p.Source != nil && (strings.HasPrefix(p.Source.Path, "roles/") || strings.HasPrefix(p.Source.Path, "skills/")) {
			h.str(p.Source.Path)
			h.num(int64(k.c.versions[p.Source]))
		}
	}
	return h.Sum64()
}

// pageKey hashes everything the layout of p shows.
func (k *keyer) pageKey(sd *render.SiteData, p *site.Page) uint64 {
	h := k.hasher()
	h.num(int64(k.global))
	h.page(p)
	h.str(p.Layout, p.Description, p.Section)
	h.num(int64(p.Weight))
	if p.Source != nil {
		h.num(int64(k.c.versions[p.Source]))
	}
	h.num(int64(k.contentSum(p)))
	for _, hd := range p.Headings {
		h.num(int64(hd.Level))
		h.str(hd.ID, hd.Text)
	}
	h.str(p.Anchors...)
	for _, b := range p.Backlinks {
		h.page(b.Page)
		h.str(b.Section, b.SectionID)
	}
	h.page(p.Prev)
	h.page(p.Next)
	for _, a := range p.Ancestors() {
		h.page(a)
	}
	for _, c := range p.Children {
		h.page(c)
		h.str(c.Description)
	}
	if c := k.careers[p]; c != nil {
		h.num(int64(k.career))
		if c.Print != nil {
			for _, r := range c.Print.Roles {
				h.page(r.Page)
				if r.Page != nil {
					h.num(int64(k.contentSum(r.Page)))
					for _, hd := range r.Page.Headings {
						h.str(hd.ID, hd.Text)
					}
				}
			}
		}
	}
	if p.Layout == "glossary" && sd.Glossary != nil {
		h.num(int64(len(sd.Glossary.Terms)))
	}
	if hv := sd.History; hv != nil {
		hashHistory(h, hv, p)
	}
	return h.Sum64()
}

// contentSum is the hash of p's converted Markdown.
func (k *keyer) contentSum(p *site.Page) uint64 {
	if p.Source != nil {
		k.c.mu.Lock()
		e := k.c.conv[p.Source.Path]
		k.c.mu.Unlock()
		if e != nil && e.src == p.Source {
			return e.sum
		}
	}
	return maphash.Bytes(k.c.seed, p.Content)
}

// hashHistory hashes the history p shows: its own, or the changelog it
// is. The pages of editions are rendered every time.
func hashHistory(h *hasher, hv *render.History, p *site.Page) {
	if ph := hv.Pages[p.URL]; ph != nil {
		h.str("page-history", ph.EditURL, ph.Updated.String())
		for _, n := range ph.Notes {
			h.str(n.Date.String(), n.Note)
		}
		for _, c := range ph.Commits {
			h.str(c.Hash, c.Subject, c.Author, c.Date.String(), c.URL)
		}
	}
	if cl := hv.Changelogs[p.URL]; cl != nil {
		h.str("changelog", cl.Track, cl.TrackTitle)
		for _, f := range cl.Filters {
			h.str(f.Key, f.Title, f.URL, fmt.Sprint(f.Current))
		}
		for _, m := range cl.Months {
			h.str(m.ID, m.Title)
			for _, e := range m.Entries {
				h.str(e.ID, e.Date.String(), e.Note)
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
