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
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
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
	// pagesMu is held while a build changes the pages of the previous
	// one, which a Rebuild's Search may be reading.
	pagesMu sync.RWMutex
}

// Rebuild reports one build of a Builder.
type Rebuild struct {
	*Result
	// Full says that nothing was reused.
	Full bool
	// Fast says that only page bodies changed and the fast path rebuilt
	// them without running the whole pipeline (fastpath.go).
	Fast bool
	// Rendered lists the output files of the pages whose layouts ran,
	// sorted; the other pages kept their previous output.
	Rendered []string
	// Converted is the number of pages whose Markdown was converted.
	Converted int
	Duration  time.Duration

	// What Search indexes, and the Builder's lock on the pages.
	pages   []*site.Page
	careers map[*site.Page]*render.Career
	pagesMu *sync.RWMutex
}

// Search makes the search index of the build: the files under search/
// that a plain build writes (by output path), which Build leaves out.
// Indexing every page is the slowest stage of a build, and it is not
// needed to show a page: serve runs it after each rebuild, once the
// browsers are told to reload. It may run while the Builder builds again:
// the next Build waits until Search has read the pages, which the fast
// path changes in place, so cancel ctx first to start it sooner.
func (r *Rebuild) Search(ctx context.Context) (map[string][]byte, error) {
	if r.Result == nil {
		return nil, errors.New("no search index: the build failed")
	}
	index := newSearchIndex(r.careers)
	if r.pagesMu != nil {
		r.pagesMu.RLock()
	}
	err := parallel(ctx, r.pages, func(p *site.Page) error {
		if p.Kind != "404" {
			index.add(p, r.Files[p.OutPath()])
		}
		return nil
	})
	if r.pagesMu != nil {
		r.pagesMu.RUnlock()
	}
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	err = index.write(func(name string, data []byte) { files[name] = data })
	return files, err
}

// NewBuilder returns a Builder of the site in opts.Source. Nothing is built
// until Build.
func NewBuilder(ctx context.Context, opts Options) *Builder {
	opts = openRepo(ctx, opts)
	return &Builder{fsys: source.New(opts.Source), opts: opts, cache: newBuildCache()}
}

// Build builds the site. changed lists what changed since the previous
// Build, as slash paths relative to the source folder (files or folders);
// nil means that anything may have changed. The first Build builds
// everything. On error, the next Build still knows what the failed one
// read: pass it only what changed since.
func (b *Builder) Build(ctx context.Context, changed []string) (*Rebuild, error) {
	b.pagesMu.Lock()
	defer b.pagesMu.Unlock()
	if r, ok := b.fastBuild(ctx, changed); ok {
		r.pagesMu = &b.pagesMu
		return r, nil
	}
	start := time.Now()
	c := b.cache
	c.last = nil // the full path makes a new site model
	c.begin(changed)
	opts := b.opts
	opts.cache = c
	res, err := Generate(ctx, b.fsys, opts)
	r := &Rebuild{Result: res, Full: c.full, Converted: c.converted, Duration: time.Since(start)}
	r.Rendered = append([]string{}, c.rendered...)
	sort.Strings(r.Rendered)
	if err != nil {
		return r, err
	}
	if c.plan != nil {
		r.pages, r.careers, r.pagesMu = c.plan.pages, c.plan.careers, &b.pagesMu
	}
	c.finish(res)
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
	// relative to it ("" for the whole folder). They wait for the next
	// build that reads content: one that failed before kept them.
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
	// sums hashes the bytes of each file read, so that a file saved
	// unchanged keeps its *content.File, and its front matter, so that
	// the fast path knows it unchanged; old holds the files forget
	// dropped until they are read again.
	sums     map[*content.File]fileSum
	old      map[string]*content.File
	metaSums map[*content.File]uint64
	// links says content/ was read through symbolic links: then a change
	// anywhere in it reads all of it again, as the file a link leads to
	// may be anywhere (files saved unchanged keep their conversion).
	links bool

	// The parsed layouts, until the theme changes; the career model's
	// export, by career key.
	tmpl       *render.Templates
	manifest   *anchors.Manifest
	json       []byte
	jsonCareer uint64

	mu    sync.RWMutex
	conv  map[string]*conversion // by content path
	pages map[string]*rendered   // by output path
	log   map[string]*history.Log

	// This build's record.
	plan      *renderPlan
	converted int
	rendered  []string
	// index fingerprints this build's page index, once.
	index func(*pageIndex) uint64
	// last is the previous build, for the fast path (fastpath.go); nil
	// after a failed build.
	last *lastBuild
}

func newBuildCache() *buildCache {
	c := &buildCache{seed: maphash.MakeSeed()}
	c.reset()
	return c
}

// reset forgets everything.
func (c *buildCache) reset() {
	c.loaded, c.changedContent, c.links = false, nil, false
	c.files, c.assets, c.bad = map[string]*content.File{}, map[string][]byte{}, map[string]diag.List{}
	c.versions, c.sums, c.old = map[*content.File]uint64{}, map[*content.File]fileSum{}, map[string]*content.File{}
	c.metaSums = map[*content.File]uint64{}
	c.conv, c.pages, c.log = map[string]*conversion{}, map[string]*rendered{}, map[string]*history.Log{}
	c.tmpl, c.json, c.manifest = nil, nil, nil
	c.last = nil
}

// begin classifies the changed paths before a build.
func (c *buildCache) begin(changed []string) {
	c.converted, c.rendered, c.plan = 0, nil, nil
	var once sync.Once
	var fp uint64
	c.index = func(idx *pageIndex) uint64 {
		once.Do(func() { fp = idx.fingerprint(c.seed) })
		return fp
	}
	c.full = changed == nil || !c.loaded
	for _, p := range changed {
		switch {
		case p == ContentDir:
			c.changedContent = append(c.changedContent, "")
		case strings.HasPrefix(p, ContentDir+"/"):
			c.changedContent = append(c.changedContent, strings.TrimPrefix(p, ContentDir+"/"))
		case p == ThemesDir || strings.HasPrefix(p, ThemesDir+"/"):
			// Layouts and static files: every page is rendered again.
			c.pages, c.tmpl = map[string]*rendered{}, nil
		case p == anchors.FileName:
			// Nothing rendered depends on it; the check runs every time.
			c.manifest = nil
		default: // handbook.yaml, or anything else the site may read
			c.full = true
		}
	}
	if c.full {
		c.reset()
	}
}

// finish drops what the last successful build, res, no longer used.
func (c *buildCache) finish(res *Result) {
	for p, e := range c.conv {
		if c.files[p] != e.src {
			delete(c.conv, p)
		}
	}
	for p := range c.pages {
		if _, ok := res.Files[p]; !ok {
			delete(c.pages, p)
		}
	}
	for f := range c.versions {
		if c.files[f.Path] != f {
			delete(c.versions, f)
			delete(c.sums, f)
			delete(c.metaSums, f)
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
		if c.links && len(c.changedContent) > 0 {
			c.changedContent = append(c.changedContent[:0], "")
		}
		for _, rel := range c.changedContent {
			c.forget(rel)
		}
		for _, rel := range c.changedContent {
			c.readTree(fsys, rel)
		}
		clear(c.old)
	}
	c.changedContent = c.changedContent[:0]
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
func ignoredPath(rel string) bool { return content.IgnoredPath(rel) }

// forget drops rel ("" for everything) and what is under it.
func (c *buildCache) forget(rel string) {
	drop := func(p string) bool { return rel == "" || p == rel || strings.HasPrefix(p, rel+"/") }
	for p, f := range c.files {
		if drop(p) {
			c.old[p] = f
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

// readTree reads the file or folder rel of content/ ("" for all of it):
// the files content.Walk lists, as content.Load reads them.
func (c *buildCache) readTree(fsys fs.FS, rel string) {
	content.Walk(fsys, ContentDir, rel, func(e content.Entry) {
		c.links = c.links || e.Link
		switch {
		case e.Err != nil:
			c.bad[e.Path] = diag.List{e.Err}
		case !e.Markdown:
			c.assets[e.Path] = nil
		default:
			c.readFile(fsys, e)
		}
	})
}

func (c *buildCache) readFile(fsys fs.FS, e content.Entry) {
	data, err := fs.ReadFile(fsys, e.Name)
	if err != nil {
		c.bad[e.Path] = diag.List{diag.Errorf(e.Name, 0, 0, "cannot read: %v", unwrapPathError(err))}
		return
	}
	rel := e.Path
	sum := maphash.Bytes(c.seed, data)
	if f := c.old[rel]; f != nil && c.sums[f].all == sum {
		c.files[rel] = f // saved unchanged
		return
	}
	f, err := parseContent(rel, data)
	if err != nil {
		c.bad[rel] = diag.Flatten(err)
		return
	}
	c.keep(f, c.fileSum(f, data))
}

// parseContent parses the bytes of the content file rel.
func parseContent(rel string, data []byte) (*content.File, error) {
	f, err := content.Parse(ContentDir+"/"+rel, data)
	if err == nil {
		f.Path = rel
	}
	return f, err
}

// fileSum hashes the bytes of a content file, data, and of its front
// matter: what comes before f.Body, f being data parsed.
type fileSum struct{ all, front uint64 }

func (c *buildCache) fileSum(f *content.File, data []byte) fileSum {
	return fileSum{all: maphash.Bytes(c.seed, data), front: maphash.Bytes(c.seed, data[:len(data)-len(f.Body)])}
}

// keep records f, just parsed from bytes hashing to sum, as the current
// version of its file.
func (c *buildCache) keep(f *content.File, sum fileSum) {
	c.files[f.Path] = f
	c.nextVer++
	c.versions[f], c.sums[f] = c.nextVer, sum
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

// templates returns the theme's parsed layouts, parsed again only after
// the theme or the configuration changed.
func (c *buildCache) templates(theme fs.FS, cfg *config.Config) (*render.Templates, error) {
	if c == nil {
		return render.LoadTemplates(theme, cfg)
	}
	if c.tmpl == nil {
		t, err := render.LoadTemplates(theme, cfg)
		if err != nil {
			return nil, err
		}
		c.tmpl = t
	}
	return c.tmpl, nil
}

// anchors returns the anchors manifest, read again only when it changed.
func (c *buildCache) anchors(fsys fs.FS) (*anchors.Manifest, error) {
	if c == nil {
		return anchors.Read(fsys)
	}
	if c.manifest == nil {
		m, err := anchors.Read(fsys)
		if err != nil {
			return nil, err
		}
		c.manifest = m
	}
	return c.manifest, nil
}

// export returns handbook.json, made again only when the career model's
// sources changed (planRender computed their key).
func (c *buildCache) export(model *career.Model) ([]byte, error) {
	if c == nil || c.plan == nil {
		return model.Export()
	}
	if c.json != nil && c.jsonCareer == c.plan.k.career {
		return c.json, nil
	}
	js, err := model.Export()
	if err == nil {
		c.json, c.jsonCareer = js, c.plan.k.career
	}
	return js, err
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
	// checked is the fingerprint of the last page index the lookups
	// were checked against.
	checked uint64

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
	c.mu.RLock()
	e := c.conv[p.Source.Path]
	c.mu.RUnlock()
	if e != nil && e.src == p.Source && e.url == p.URL && e.env == env && e.optOut == optOut && c.sameLookups(e, idx) {
		p.Content = e.html
		p.Headings = e.headings[:len(e.headings):len(e.headings)] // an append copies
		d.Links, d.Errors = e.links, e.errors
		return true
	}
	d.Pages = &recorder{idx: idx}
	return false
}

// sameLookups reports whether idx answers e's lookups as before.
func (c *buildCache) sameLookups(e *conversion, idx *pageIndex) bool {
	if e.lookups == nil {
		return false
	}
	// An entry belongs to one page, which one worker converts: its
	// fields need no lock.
	fp := c.index(idx)
	if e.checked == fp {
		return true // checked against the same answers before
	}
	if !e.lookups.same(idx) {
		return false
	}
	e.checked = fp
	return true
}

// fingerprint hashes every answer the index can give, but suggestions.
func (idx *pageIndex) fingerprint(seed maphash.Seed) uint64 {
	h := &hasher{}
	h.SetSeed(seed)
	for _, f := range idx.files {
		h.str(f, idx.byFile[f].URL)
	}
	for _, id := range idx.ids {
		h.str(id, idx.byID[id].URL, idx.byID[id].Title)
	}
	var paths uint64 // a sum does not depend on the map's order
	for p := range idx.paths {
		paths += maphash.String(seed, p)
	}
	h.num(paths, uint64(len(idx.paths)))
	return h.Sum64()
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

// renderPlan decides which pages of one build are rendered again.
type renderPlan struct {
	c       *buildCache
	k       *keyer
	pages   []*site.Page
	careers map[*site.Page]*render.Career
}

// planRender prepares the render keys of pages; a nil cache plans nothing
// and every page is rendered.
//
// The keys cover what the default theme's layouts show. A site whose theme
// has layouts of its own may show anything anywhere: then every page is
// rendered on every build (their Markdown is still converted only when it
// changed).
func (c *buildCache) planRender(theme fs.FS, sd *render.SiteData, s *site.Site, pages []*site.Page, careers map[*site.Page]*render.Career) *renderPlan {
	if c == nil {
		return nil
	}
	if o, ok := theme.(render.Overlay); ok && o.Upper != nil {
		if info, err := fs.Stat(o.Upper, "layouts"); err == nil && info.IsDir() {
			c.pages = map[string]*rendered{}
		}
	}
	k := &keyer{c: c, sd: sd, careers: careers, sums: make(map[*site.Page][2]uint64, len(pages))}
	for _, p := range pages {
		k.sums[p] = k.summary(p)
	}
	k.global = k.globalKey()
	k.career = k.careerKey(s)
	plan := &renderPlan{c: c, k: k, pages: pages, careers: careers}
	c.plan = plan
	return plan
}

// cached returns the previous output at out when p's key is unchanged. It
// is called for all pages at once.
func (r *renderPlan) cached(p *site.Page, out string) ([]byte, bool) {
	if r == nil {
		return nil, false
	}
	key := r.k.pageKey(p)
	r.c.mu.RLock()
	e := r.c.pages[out]
	r.c.mu.RUnlock()
	if e != nil && e.key == key {
		return e.html, true
	}
	return nil, false
}

// store keeps the output of p just rendered.
func (r *renderPlan) store(p *site.Page, out string, html []byte) {
	if r == nil {
		return
	}
	key := r.k.pageKey(p)
	r.c.mu.Lock()
	r.c.pages[out] = &rendered{key: key, html: html}
	r.c.rendered = append(r.c.rendered, out)
	r.c.mu.Unlock()
}

// keyer computes render keys. Pages are summed up first (sums), so a key
// combines the sums of the pages it shows instead of their text.
type keyer struct {
	c       *buildCache
	sd      *render.SiteData
	careers map[*site.Page]*render.Career
	sums    map[*site.Page][2]uint64 // link (kind, URL, title) and card (and description)
	global  uint64                   // what every page shows: the navigation
	career  uint64                   // the career model
}

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

func (k *keyer) hasher() *hasher {
	h := &hasher{}
	h.SetSeed(k.c.seed)
	return h
}

// summary hashes what a link to p shows, and what a card of p shows. The
// card of an ordinary page covers its Params (through its front matter),
// which a theme may show in listings; a page's own key covers its card, so
// a change to its Params renders it again, and the pages listing it. The
// Params of roles and skills are their structured keys, covered by the
// career key on the pages that show them.
func (k *keyer) summary(p *site.Page) [2]uint64 {
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
func (k *keyer) sum(p *site.Page) uint64 { return k.sumOf(p)[0] }

// card is what a card of p shows.
func (k *keyer) card(p *site.Page) uint64 { return k.sumOf(p)[1] }

func (k *keyer) sumOf(p *site.Page) [2]uint64 {
	if p == nil {
		return [2]uint64{}
	}
	if s, ok := k.sums[p]; ok {
		return s
	}
	return k.summary(p)
}

// globalKey hashes what the header, sidebar and footer of every page show.
func (k *keyer) globalKey() uint64 {
	h := k.hasher()
	for _, sec := range k.sd.Sections {
		h.num(k.sum(sec), uint64(len(sec.Children)))
		h.str(sec.Section)
		for _, c := range sec.Children {
			h.num(k.sum(c))
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
func (k *keyer) careerKey(s *site.Site) uint64 {
	h := k.hasher()
	for _, p := range s.Pages {
		if p.Source != nil && careerSource(p.Source.Path) {
			h.str(p.Source.Path)
			h.num(k.metaSum(p.Source))
		}
	}
	return h.Sum64()
}

// careerSource reports whether the content file at path (relative to
// content/) is read by career.Load.
func careerSource(path string) bool {
	for _, dir := range []string{"roles/", "skills/", "behaviours/"} {
		if strings.HasPrefix(path, dir) {
			return true
		}
	}
	return false
}

// metaSum hashes the front matter of f, once per file.
func (k *keyer) metaSum(f *content.File) uint64 {
	if sum, ok := k.c.metaSums[f]; ok {
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
	k.c.metaSums[f] = sum
	return sum
}

// pageKey hashes everything the layout of p shows. It is safe for
// concurrent use.
func (k *keyer) pageKey(p *site.Page) uint64 {
	h := k.hasher()
	h.num(k.global, k.card(p), uint64(p.Weight))
	h.str(p.Layout, p.Section)
	if p.Source != nil {
		h.num(k.c.versions[p.Source])
	}
	h.num(k.contentSum(p))
	for _, hd := range p.Headings {
		h.num(uint64(hd.Level))
		h.str(hd.ID, hd.Text)
	}
	h.str(p.Anchors...)
	for _, b := range p.Backlinks {
		h.num(k.sum(b.Page))
		h.str(b.Section, b.SectionID)
	}
	h.num(k.sum(p.Prev), k.sum(p.Next))
	for a := p.Parent; a != nil; a = a.Parent {
		h.num(k.sum(a))
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
					h.num(k.contentSum(r.Page))
					for _, hd := range r.Page.Headings {
						h.str(hd.ID, hd.Text)
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

// contentSum is the hash of p's converted Markdown.
func (k *keyer) contentSum(p *site.Page) uint64 {
	if p.Source != nil {
		k.c.mu.RLock()
		e := k.c.conv[p.Source.Path]
		k.c.mu.RUnlock()
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
