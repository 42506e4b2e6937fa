// Package generator runs the handbook pipeline, one stage per package:
//
//	source   the source folder as an fs.FS that never leaves it: links
//	         inside it read as their targets, links out of it are errors
//	config   handbook.yaml
//	content  read content/: front matter and Markdown source
//	site     the site model: pages, URLs, sections, navigation
//	career   the career model of roles and skills (careerpages.go), and
//	         career/lint, the ladder lint whose findings are warnings
//	         (errors with Options.Strict)
//	markdown goldmark + chroma, shared by all workers
//	render   html/template layouts of the theme, sitemap, robots.txt, 404
//	search   the full-text index of the rendered pages, under search/
//	history  page history, the changelog and editions, from git (history.go)
//	output   write the result as one transaction (or serve it)
//
// Build wires the stages together; each stage knows only its inputs.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/career/lint"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/glossary"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/themes"
)

// ContentDir is the content folder inside the source folder.
const ContentDir = "content"

// Options configures a build.
type Options struct {
	Source      string // site root holding handbook.yaml and content/
	Destination string // output folder; relative paths are inside Source
	BaseURL     string // overrides the config's base_url when set
	Drafts      bool
	// Strict makes every warning fail the build: the ladder lint's
	// findings and broken links under links.on_broken: warn.
	Strict bool
	// Repo is the git repository holding Source, where page history and
	// editions come from. Build and Check open it when it is nil; without
	// one the site is built without history (see history.go).
	Repo *history.Repo
	// Progress, when set, is told as pages go through the stages of the
	// build ("converting", "rendering"): done of total pages. It is called
	// from several goroutines at once.
	Progress func(stage string, done, total int)
	// The history stage's own inputs: why Repo is nil, the git log
	// started early, and on an edition's build, the edition.
	noRepo  string
	log     *history.Pending
	edition *editionBuild
	// cache is set by a Builder (incremental.go): what its previous
	// build computed, reused where the inputs did not change.
	cache *buildCache
	// write, when set, receives each output file as soon as it is made
	// (Build streams to disk) instead of Result.Files holding them all.
	write func(name string, data []byte) error
}

// Stats summarises a build.
type Stats struct {
	Pages    int
	Files    int
	Duration time.Duration
	// Warnings are problems that did not fail the build (broken links
	// under links.on_broken: warn, the ladder lint's findings), one
	// positioned line each.
	Warnings []string
	// Notes are things worth saying once that are not problems, such as
	// why pages were built without history.
	Notes []string
}

func (s Stats) String() string {
	return fmt.Sprintf("built %d pages, %d files in %d ms", s.Pages, s.Files, s.Duration.Milliseconds())
}

// Result is a built site held in memory: output paths to file contents.
type Result struct {
	Files    map[string][]byte
	Pages    int
	Warnings []string
	Notes    []string
	// Anchors lists the anchors of every page, by page URL.
	Anchors  map[string][]string
	manifest *anchors.Manifest
	// brokenLinks counts the warnings about links. The fast path redoes
	// the links of what changed, so it gives up when there are any; the
	// ladder lint reads only front matter, which it never sees change.
	brokenLinks int
	files       int // files made, also when streamed (Files is then empty)
}

// Build runs the whole pipeline and writes the site to the destination.
// On any error the previous output is left untouched.
func Build(ctx context.Context, opts Options) (Stats, error) {
	start := time.Now()
	dest := opts.Destination
	if dest == "" {
		dest = "public"
	}
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(opts.Source, dest)
	}
	guard := output.Guard{Source: opts.Source, Content: filepath.Join(opts.Source, ContentDir), Themes: filepath.Join(opts.Source, ThemesDir)}
	// Validate the destination before doing any work.
	tx, err := output.Begin(dest, guard)
	if err != nil {
		return Stats{}, err
	}
	defer tx.Abort()
	opts, stopLog := startLog(ctx, openRepo(ctx, opts))
	defer stopLog()
	opts.write = tx.WriteFile
	res, err := Generate(ctx, source.New(opts.Source), opts)
	if err != nil {
		return Stats{}, err
	}
	if err := tx.Commit(); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: res.Pages, Files: res.files + 1, Duration: time.Since(start), Warnings: res.Warnings, Notes: res.Notes}, nil
}

// Check runs the pipeline without writing anything and returns every
// problem found: the warnings, and the error that fails the build.
func Check(ctx context.Context, opts Options) ([]string, error) {
	opts, stopLog := startLog(ctx, openRepo(ctx, opts))
	defer stopLog()
	res, err := Generate(ctx, source.New(opts.Source), opts)
	if err != nil {
		return nil, err
	}
	return res.Warnings, nil
}

// UpdateAnchors builds the site in memory and records its new anchors in
// the manifest at the site root. It returns how many were added. Anchors
// that disappeared still fail: they need an alias, not an update.
func UpdateAnchors(ctx context.Context, opts Options) (int, error) {
	res, err := Generate(ctx, source.New(opts.Source), opts)
	if err != nil {
		return 0, err
	}
	data, added := res.manifest.Update(res.Anchors)
	if err := os.WriteFile(filepath.Join(opts.Source, anchors.FileName), data, 0o644); err != nil {
		return 0, err
	}
	return added, nil
}

// Generate builds the site from fsys into memory.
func Generate(ctx context.Context, fsys fs.FS, opts Options) (*Result, error) {
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	theme, err := render.Theme(fsys, cfg.Theme, themes.Default())
	if err != nil {
		return nil, err
	}
	tmpl, err := opts.cache.templates(theme, cfg)
	if err != nil {
		return nil, err
	}
	tree, err := opts.cache.loadContent(fsys)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if tree == nil {
		tree = &content.Tree{}
	}
	if err := checkParams(tree.Files); err != nil {
		return nil, err
	}
	s, err := site.New(tree.Files, site.Options{Drafts: opts.Drafts, ContentDir: ContentDir})
	if err != nil {
		return nil, err
	}
	model, careers, err := careerPages(s)
	if err != nil {
		return nil, err
	}
	hist, err := historyPages(ctx, cfg, s, model, opts)
	if err != nil {
		return nil, err
	}
	extra := append([]string{}, hist.paths...)
	if len(model.Roles) > 0 {
		extra = append(extra, "/handbook.json")
	}
	for _, a := range tree.Assets {
		extra = append(extra, "/"+a.Path)
	}
	if static, err := fs.Sub(theme, "static"); err == nil {
		_ = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				extra = append(extra, "/assets/"+p)
			}
			return nil
		})
	}
	idx, err := newPageIndex(s, extra)
	if err != nil {
		return nil, err
	}
	gloss, optOut, err := glossaryOf(s)
	if err != nil {
		return nil, err
	}
	exts := []goldmark.Extender{links.Extension{Pages: idx, RawHTML: cfg.Markdown.UnsafeHTML}}
	if gloss != nil {
		exts = append(exts, glossary.Extension{G: gloss})
	}
	conv := markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML, Extensions: exts, Limits: markdown.Limits{
		MaxBytes: cfg.Markdown.MaxSizeMB << 20, Timeout: cfg.Markdown.TimeoutDuration,
	}})
	env := convEnv{unsafeHTML: cfg.Markdown.UnsafeHTML, basePath: cfg.BasePath()}
	if g := s.Lookup(GlossaryURL); gloss != nil && g != nil {
		env.glossary, env.glossURL = g.Source, g.URL
	}
	notFound := &site.Page{Kind: "404", Layout: "404", URL: "/404.html", Title: "Page not found"}
	pages := append(append([]*site.Page{}, s.Pages...), notFound)

	// A build that streams its files to disk keeps nothing it no longer
	// needs: a page's Markdown once converted, its converted HTML once
	// rendered (but for the roles the printable tracks gather). At 10,000
	// pages that is about 200 MB less at the peak (docs/performance.md).
	release := opts.cache == nil && opts.write != nil
	docs := make([]*links.Doc, len(pages))
	converted := newStageCount(opts.Progress, "converting", len(pages))
	err = parallel(ctx, indices(len(pages)), func(i int) error {
		defer converted.tick()
		p := pages[i]
		if p.Source == nil {
			return nil
		}
		d := newDoc(cfg, p)
		docs[i] = d
		if opts.cache.reuseConversion(p, d, idx, env, optOut[p]) {
			return nil
		}
		if err := convert(conv, p, d, optOut[p]); err != nil {
			return err
		}
		opts.cache.storeConversion(p, d, env, optOut[p])
		if release {
			p.Source.Body, d.Src = nil, nil
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := checkClashes(s); err != nil {
		return nil, err
	}
	var linkErrs diag.List
	n := 0
	for _, d := range docs {
		if d != nil {
			n += len(d.Links)
		}
	}
	all := make([]links.Link, 0, n)
	for _, d := range docs {
		if d != nil {
			linkErrs = append(linkErrs, d.Errors...)
			all = append(all, d.Links...)
		}
	}
	targets := map[string]links.Anchors{} // pages are linked many times: one set each
	linkErrs = append(linkErrs, links.Check(all, func(u string) links.Anchors {
		as, ok := targets[u]
		if !ok {
			as = anchorsOf(s.Lookup(u))
			targets[u] = as
		}
		return as
	})...)
	attachBacklinks(s, all)
	manifest, err := opts.cache.anchors(fsys)
	if err != nil {
		return nil, err
	}
	if err := checkAnchors(s, manifest); err != nil {
		return nil, err
	}
	if len(linkErrs) > 0 && cfg.Links.OnBroken != "warn" {
		return nil, linkErrs.Err()
	}
	ladder := lint.Check(model) // the ladder lint (docs/lint.md)
	if opts.Strict && len(linkErrs)+len(ladder) > 0 {
		return nil, append(linkErrs, ladder...).Err()
	}
	warnings := linkErrs.Warnings() // capped per file, like errors
	for _, f := range ladder {
		warnings = append(warnings, f.Warning())
	}

	files := newFileSet(opts.write)
	sd := siteData(cfg, s)
	sd.Glossary = gloss
	sd.History = hist.view
	sd.Tracks = model.Tracks
	index := newSearchIndex(careers) // search: sections of each page as it is rendered
	rendered := newStageCount(opts.Progress, "rendering", len(pages))
	plan := opts.cache.planRender(theme, sd, s, pages, careers)
	printed := map[*site.Page]bool{} // pages whose HTML other pages show
	for _, c := range careers {
		if c.Print != nil {
			for _, r := range c.Print.Roles {
				printed[r.Page] = true
			}
		}
	}
	err = parallel(ctx, pages, func(p *site.Page) error {
		defer rendered.tick()
		out := p.OutPath()
		if p == notFound {
			out = "404.html"
		}
		html, ok := plan.cached(p, out)
		if !ok {
			var err error
			if html, err = tmpl.Page(sd, p, careers[p]); err != nil {
				return err
			}
			plan.store(p, out, html)
		}
		files.put(out, html)
		if opts.cache == nil { // a Builder indexes after the build (Builder.Search)
			index.add(p, html)
		}
		if release && !printed[p] {
			p.Content = nil
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for alias, to := range s.Aliases {
		html, err := render.Redirect(cfg, alias, to)
		if err != nil {
			return nil, err
		}
		files.put(render.AliasFile(alias), html)
	}
	if len(model.Roles) > 0 {
		js, err := opts.cache.export(model)
		if err != nil {
			return nil, err
		}
		files.put("handbook.json", js)
	}
	if err := render.SiteFiles(files.put, theme, cfg, s); err != nil {
		return nil, err
	}
	// Search: the index of the rendered pages, under search/ (searchindex.go).
	if opts.cache == nil {
		if err := index.write(files.put); err != nil {
			return nil, err
		}
	}
	if err := hist.write(cfg, files.put); err != nil {
		return nil, err
	}
	// Content files come last: one at a path the build generates is an
	// error, not a silent replacement of the generated file.
	var clashes diag.List
	for _, a := range tree.Assets {
		if what := generatedFile(files, a.Path); what != "" {
			clashes.Add(diag.Errorf(ContentDir+"/"+a.Path, 0, 0, "clashes with /%s, %s, which the build generates", a.Path, what).
				WithHint("rename or move the file"))
			continue
		}
		data, err := opts.cache.asset(fsys, a.Path)
		if err != nil {
			return nil, err
		}
		files.put(a.Path, data)
	}
	if err := clashes.Err(); err != nil {
		return nil, err
	}
	if files.err != nil {
		return nil, files.err
	}
	res := &Result{Files: files.m, files: files.count(), Pages: len(pages), Warnings: warnings, Notes: hist.notes,
		Anchors: publishedAnchors(s), manifest: manifest, brokenLinks: len(linkErrs)}
	if opts.cache != nil {
		opts.cache.last = &lastBuild{
			cfg: cfg, s: s, pages: pages, docs: docs, careers: careers, sd: sd, tmpl: tmpl,
			conv: conv, env: env, optOut: optOut, idx: idx, manifest: manifest, res: res, plan: plan,
		}
	}
	return res, nil
}

// newDoc starts the link state of converting p.
func newDoc(cfg *config.Config, p *site.Page) *links.Doc {
	return &links.Doc{
		File: ContentDir + "/" + p.Source.Path, Path: p.Source.Path, URL: p.URL,
		BasePath: cfg.BasePath(), Src: p.Source.Body, LineOffset: p.Source.BodyLine - 1,
	}
}

// convert turns p's Markdown into p.Content and p.Headings, recording its
// links in d.
func convert(conv *markdown.Converter, p *site.Page, d *links.Doc, optOut bool) error {
	pc := glossary.NewContext(links.NewContext(d), &glossary.Doc{URL: p.URL, OptOut: optOut})
	node, err := conv.Parse(p.Source.Body, pc)
	if le := (*markdown.LimitError)(nil); errors.As(err, &le) {
		line, col := d.Position(le.Offset)
		return diag.Errorf(d.File, line, col, "%s", le.Msg).WithHint("%s", le.Hint)
	} else if err != nil {
		return fmt.Errorf("%s: %v", d.File, err)
	}
	html, err := conv.Render(p.Source.Body, node)
	if err != nil {
		return fmt.Errorf("%s: %v", d.File, err)
	}
	p.Content = html
	p.Headings = nil
	for _, h := range markdown.Headings(node, p.Source.Body) {
		p.Headings = append(p.Headings, site.Heading(h))
	}
	return nil
}

// attachBacklinks adds to each page linked from ls the pages linking to it.
func attachBacklinks(s *site.Site, ls []links.Link) {
	for target, bls := range links.Backlinks(ls) {
		to := s.Lookup(target)
		if to == nil {
			continue
		}
		for _, b := range bls {
			if from := s.Lookup(b.From); from != nil {
				to.Backlinks = append(to.Backlinks, site.Backlink{Page: from, Section: b.Section, SectionID: b.SectionID})
			}
		}
	}
}

// GlossaryURL is where the glossary page, content/glossary.md, is published.
const GlossaryURL = "/glossary/"

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
		on, err := glossary.Enabled(p.Source, ContentDir+"/"+p.Source.Path)
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
	g, err := glossary.Load(p.Source, ContentDir+"/"+p.Source.Path, p.URL)
	if err != nil {
		return nil, nil, err
	}
	p.Layout = "glossary"
	for _, t := range g.Terms {
		p.Anchors = append(p.Anchors, glossary.Anchor(t.ID))
	}
	return g, optOut, nil
}

// anchorsOf lists the element ids a page publishes, old ids kept by
// anchor_aliases included (a link to one still lands on the item).
func anchorsOf(p *site.Page) links.Anchors {
	as := links.Anchors{}
	if p == nil {
		return as
	}
	for _, h := range p.Headings {
		as[h.ID] = true
	}
	for _, a := range p.Anchors {
		as[a] = true
	}
	for old := range p.AnchorAliases() {
		as[old] = true
	}
	return as
}

// publishedAnchors lists the element ids of every page (aliases excluded),
// for the anchors manifest.
func publishedAnchors(s *site.Site) map[string][]string {
	out := map[string][]string{}
	for _, p := range s.Pages {
		if p.Source == nil {
			continue
		}
		out[p.URL] = publishedIDs(p)
	}
	return out
}

// publishedIDs lists the element ids of p: its headings', then its
// generated anchors.
func publishedIDs(p *site.Page) []string {
	var ids []string
	for _, h := range p.Headings {
		ids = append(ids, h.ID)
	}
	return append(ids, p.Anchors...)
}

// anchorSite answers the anchors manifest's questions about the site.
// The manifest lists many anchors of each page: each page's set is made
// once.
type anchorSite struct {
	s    *site.Site
	sets map[string]map[string]bool
}

func (a *anchorSite) Anchors(url string) (map[string]bool, bool) {
	p := a.s.Lookup(url)
	if p == nil {
		return nil, false
	}
	if as, ok := a.sets[url]; ok {
		return as, true
	}
	as := make(map[string]bool, len(p.Headings)+len(p.Anchors))
	for _, h := range p.Headings {
		as[h.ID] = true
	}
	for _, id := range p.Anchors {
		as[id] = true
	}
	a.sets[url] = as
	return as, true
}

func (a *anchorSite) AnchorAlias(url, anchor string) (string, bool) {
	p := a.s.Lookup(url)
	if p == nil {
		return "", false
	}
	to, ok := p.AnchorAliases()[anchor]
	return to, ok
}

func (a *anchorSite) PageAlias(url string) (string, bool) {
	if p := a.s.Aliases[url]; p != nil {
		return p.URL, true
	}
	return "", false
}

func (a *anchorSite) SourceOf(url string) string {
	if p := a.s.Lookup(url); p != nil && p.Source != nil {
		return ContentDir + "/" + p.Source.Path
	}
	return ""
}

// checkAnchors verifies anchor aliases point at real anchors and that every
// anchor of the manifest still resolves.
func checkAnchors(s *site.Site, m *anchors.Manifest) error { return checkAnchorsOf(s, m, nil) }

// checkAnchorsOf is checkAnchors of the pages in only (all when nil):
// their anchor aliases, and the manifest's entries that resolve through
// them.
func checkAnchorsOf(s *site.Site, m *anchors.Manifest, only map[*site.Page]bool) error {
	var errs diag.List
	as := &anchorSite{s: s, sets: map[string]map[string]bool{}}
	for _, p := range s.Pages {
		if len(p.AnchorAliases()) == 0 || only != nil && !only[p] {
			continue
		}
		ids, _ := as.Anchors(p.URL)
		for old, to := range p.AnchorAliases() {
			if !ids[to] {
				errs.Add(diag.Errorf(ContentDir+"/"+p.Source.Path, p.Source.MetaLine, 1, "anchor alias %s → %s: the page has no anchor #%s", old, to, to).
					WithHint("map the old anchor to an existing heading or item id"))
			}
		}
	}
	var keep func(string) bool
	if only != nil {
		keep = func(url string) bool {
			p := s.Lookup(url)
			if p == nil {
				p = s.Aliases[url] // a moved page's entries resolve through it
			}
			return only[p]
		}
	}
	errs = append(errs, m.CheckOnly(as, keep)...)
	return errs.Err()
}

func indices(n int) []int {
	is := make([]int, n)
	for i := range is {
		is[i] = i
	}
	return is
}

func siteData(cfg *config.Config, s *site.Site) *render.SiteData {
	sd := &render.SiteData{Title: cfg.Title, BaseURL: cfg.BaseURL, Language: cfg.Language, Params: cfg.Params, Home: s.Home}
	for _, c := range s.Home.Children {
		if c.Kind == site.KindSection {
			sd.Sections = append(sd.Sections, c)
		}
	}
	return sd
}

// fileSet collects the output files in memory, or streams them to write
// when it is set, keeping only their names.
type fileSet struct {
	mu    sync.Mutex
	m     map[string][]byte
	write func(string, []byte) error
	names map[string]bool // files written, when streaming
	err   error           // the first error of write
}

func newFileSet(write func(string, []byte) error) *fileSet {
	return &fileSet{m: map[string][]byte{}, write: write, names: map[string]bool{}}
}

func (f *fileSet) put(name string, data []byte) {
	if f.write == nil {
		f.mu.Lock()
		f.m[name] = data
		f.mu.Unlock()
		return
	}
	err := f.write(name, data)
	f.mu.Lock()
	f.names[name] = true
	if f.err == nil {
		f.err = err
	}
	f.mu.Unlock()
}

// has reports whether the file name was made.
func (f *fileSet) has(name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.m[name]
	return ok || f.names[name]
}

// generatedFile says what the build generates at the output path name
// ("" when nothing). search/ is the search index's whatever the files in it:
// serve --watch makes the index after the build.
func generatedFile(files *fileSet, name string) string {
	if !files.has(name) && !strings.HasPrefix(name, SearchDir+"/") {
		return ""
	}
	switch {
	case strings.HasPrefix(name, SearchDir+"/"):
		return "the search index"
	case name == "handbook.json":
		return "the career model for other tools"
	case name == "sitemap.xml":
		return "the sitemap"
	case name == "robots.txt":
		return "the robots file"
	case name == "404.html":
		return "the page-not-found page"
	case name == "assets/chroma-light.css", name == "assets/chroma-dark.css":
		return "a code stylesheet"
	case strings.HasPrefix(name, "assets/"):
		return "the theme's static/" + strings.TrimPrefix(name, "assets/")
	case name == "index.html" || strings.HasSuffix(name, "/index.html"):
		return "the page /" + strings.TrimSuffix(name, "index.html")
	}
	return "a generated file"
}

// count is the number of distinct files made.
func (f *fileSet) count() int { return len(f.m) + len(f.names) }

// parallel runs fn over items on all CPUs and returns the first error.
func parallel[T any](ctx context.Context, items []T, fn func(T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan T)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				if err := fn(it); err != nil {
					once.Do(func() { firstErr = err; cancel() })
				}
			}
		}()
	}
feed:
	for _, it := range items {
		select {
		case work <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return firstErr
}
