package generator

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/career/lint"
	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/convert"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/linkcheck"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/internal/offheap"
	"github.com/handbook-dev/handbook/internal/parallel"
	"github.com/handbook-dev/handbook/themes"
)

// build is one build of a Project: its inputs, and what each stage made.
// Each stage is a method that reads what the stages before it made and
// sets its own fields; none writes into the site model once it is built.
// The convert and render stages take the pages to work on: a full build
// passes every page, a rebuild the pages a change touched.
type build struct {
	p       *Project
	fsys    fs.FS
	opts    Options
	edition *changes.Edition  // set on the build of an edition
	cache   *cache            // what earlier builds made; nil on a one-off build
	convs   *convert.Cache    // the cache's conversions (nil: none)
	outs    *render.PageCache // the cache's rendered pages (nil: none)
	log     *history.Pending  // the git log, started early on a one-off build
	cancel  context.CancelFunc
	write   func(name string, data []byte) error // streams the output when set

	// problems are what the stages found that a build goes past to find
	// the rest (errs.go): the build fails with all of them at its end.
	problems diag.List
	others   []error // problems without a file, in the order found
	// unsure holds the pages whose anchors are not known because of a
	// problem the build went past; links into them are not checked.
	unsure map[*site.Page]bool

	// load
	cfg   *config.Config
	theme fs.FS
	css   []byte // CustomCSS; nil without one
	tmpl  *render.Templates
	tree  *content.Tree
	// model
	site    *site.Site
	model   *career.Model
	careers map[*site.Page]*render.Career
	hist    *changes.Set
	conv    *convert.Converter
	sd      *render.SiteData
	// layoutWarnings are the layouts pages chose that the theme does not
	// have (render.ChooseLayouts).
	layoutWarnings diag.List
	pages          []*site.Page          // site.Pages and the 404 page
	pos            map[*site.Page]int    // index in pages
	paths          map[string]int        // index in pages by content path, made on first use
	sources        map[int]*content.File // newer versions of pages' files (fast path)
	// convert
	bodies []*convert.Page // by index in pages; nil for pages without a source
	// check links
	backlinks map[*site.Page][]site.Backlink
	manifest  *anchors.Manifest
	linkErrs  diag.List
	warnings  []string
	// render
	keys      *render.Keys // on a cached build
	files     *output.Files
	index     *searchIndex        // nil when the index is made after the build (serve)
	published map[string][]string // the anchors of every page, by URL
	// bulk holds, outside the Go heap, the Markdown of the pages and then
	// their HTML, for a build that streams its files to disk: each page's
	// Markdown until it is converted, its HTML until it is rendered
	// (docs/performance.md). nil on other builds.
	bulk *offheap.Store
}

// newBuild prepares a one-off build of fsys; a one-off build of the
// current handbook starts reading its git log at once, so that git works
// while the pages are read and rendered. stop ends git if the build did
// not wait for it.
func (p *Project) newBuild(ctx context.Context, fsys fs.FS, opts Options) *build {
	b := &build{p: p, fsys: fsys, opts: opts}
	if repo, _ := p.history(ctx); repo != nil {
		ctx, b.cancel = context.WithCancel(ctx)
		b.log = repo.Start(ctx, "HEAD", site.ContentDir)
	}
	return b
}

func (b *build) stop() {
	if b.cancel != nil {
		b.cancel()
		_, _ = b.log.Wait()
	}
}

// run runs every stage on every page. A stage that meets a problem it
// can go past records it and goes on; the build fails at its end with
// every problem found (fail).
func (b *build) run(ctx context.Context) (*Result, error) {
	defer b.freeBulk() // when a stage failed before rendering
	for _, stage := range []func(context.Context) error{b.load, b.buildModel, b.convertAll, b.checkLinks, b.renderAll, b.writeExtras} {
		if err := stage(ctx); err != nil {
			return nil, b.fail(ctx, err)
		}
	}
	if err := b.fail(ctx, nil); err != nil {
		return nil, err
	}
	return b.result(), nil
}

// load reads the configuration, the theme and the content. Without a
// configuration nothing can be built; the other problems are recorded,
// and the build goes on: with the default theme in place of a missing
// one, without rendering when the layouts do not parse, with what could
// be read of content files with problems.
func (b *build) load(context.Context) error {
	cfg, err := config.Load(b.fsys)
	if err != nil {
		return err
	}
	if b.opts.BaseURL != "" {
		if err := cfg.SetBaseURL(b.opts.BaseURL); err != nil {
			return err
		}
	}
	b.cfg = cfg
	if b.theme, err = render.Theme(b.fsys, cfg.Theme, themes.Default()); err != nil {
		b.problem(err)
		b.theme = themes.Default()
	}
	if b.tmpl, err = b.cache.templates(b.theme, cfg); err != nil {
		b.problem(err)
		b.tmpl = nil // render and writeExtras are skipped
	}
	if b.css, err = customCSS(b.fsys); err != nil {
		b.problem(err)
	}
	ignore, err := ignoreList(cfg)
	if err != nil {
		return err
	}
	if b.tree, err = b.cache.content(b.fsys, ignore); err != nil && !errors.Is(err, fs.ErrNotExist) {
		if b.tree == nil {
			return err
		}
		b.problem(err) // the tree holds what could be read (content.File.Incomplete)
	}
	if b.tree == nil {
		b.tree = &content.Tree{}
	}
	// Front-matter keys of ordinary pages that are misspellings of a known
	// key ("darft" would publish a draft), or whose values cannot be
	// decoded. Roles, skills and behaviour axes are left to career.Load,
	// which rejects every unknown key.
	var errs diag.List
	for _, f := range b.tree.Files {
		if !career.Source(f.Path) {
			errs = append(errs, content.CheckParams(f)...)
		}
	}
	b.problem(errs)
	return nil
}

// buildModel builds the site model: the pages, the career model and its
// pages, history and editions, and the glossary, then the page index the
// links of every page resolve through.
func (b *build) buildModel(ctx context.Context) error {
	s, err := b.newSite()
	if err != nil {
		return err
	}
	b.site = s
	if err := b.careerPages(s); err != nil {
		return err
	}
	repo, noRepo := b.p.history(ctx)
	b.hist, err = changes.Pages(ctx, changes.Inputs{
		Config: b.cfg, Site: s, Model: b.model, Repo: repo, NoRepo: noRepo,
		Log: b.gitLog, Edition: b.edition, BuildEdition: b.buildEdition,
	})
	if err != nil {
		return err
	}
	extra := append([]string{}, b.hist.Paths...)
	if len(b.model.Roles) > 0 {
		extra = append(extra, "/handbook.json")
	}
	for _, a := range b.tree.Assets {
		extra = append(extra, "/"+a.Path)
	}
	extra = append(extra, render.StaticPaths(b.theme)...)
	idx, err := convert.NewIndex(s, extra)
	if err != nil {
		return err
	}
	if b.conv, err = convert.New(b.cfg, s, idx, b.cache.seedOf()); err != nil {
		return err
	}
	if b.tmpl != nil {
		var errs diag.List
		errs, b.layoutWarnings = b.tmpl.ChooseLayouts(s) // after the models chose theirs
		b.problem(errs)
	} else {
		// Without layouts, the anchors a layout would add are unknown.
		for _, p := range s.Pages {
			if p.Source != nil && p.Source.Front.Layout != "" {
				b.markUnsure(p)
			}
		}
	}
	notFound := &site.Page{Kind: "404", Layout: "404", URL: "/404.html", Title: "Page not found"}
	b.pages = append(append(make([]*site.Page, 0, len(s.Pages)+1), s.Pages...), notFound)
	b.pos = make(map[*site.Page]int, len(b.pages))
	for i, p := range b.pages {
		b.pos[p] = i
	}
	b.bodies = make([]*convert.Page, len(b.pages))
	b.sd = &render.SiteData{Title: b.cfg.Title, BaseURL: b.cfg.BaseURL, Language: b.cfg.Language, Params: b.cfg.Params, Home: s.Home,
		Glossary: b.conv.Glossary, History: b.hist.View, Tracks: b.model.Tracks}
	if b.css != nil {
		b.sd.CustomCSS = strings.TrimPrefix(CustomCSS, AssetsDir+"/")
	}
	for _, c := range s.Home.Children {
		if c.Kind == site.KindSection {
			b.sd.Sections = append(b.sd.Sections, c)
		}
	}
	return nil
}

// customCSS reads the site's stylesheet; nil when there is none.
func customCSS(fsys fs.FS) ([]byte, error) {
	data, err := fs.ReadFile(fsys, CustomCSS)
	switch {
	case err == nil:
		if data == nil {
			data = []byte{} // an empty file is still linked
		}
		return data, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	}
	if le, ok := source.AsLinkError(err); ok {
		return nil, le.Diag()
	}
	return nil, diag.Errorf(CustomCSS, 0, 0, "cannot read: %v", err)
}

// ignoreList compiles the configuration's ignore list; a bad pattern is
// an error at its place in handbook.yaml.
func ignoreList(cfg *config.Config) (*content.Ignore, error) {
	ig, err := content.NewIgnore(cfg.Ignore)
	var ie *content.IgnoreError
	if errors.As(err, &ie) {
		line, col := 1, 1
		if ie.Index >= 0 && ie.Index < len(cfg.IgnorePos) {
			line, col = cfg.IgnorePos[ie.Index][0], cfg.IgnorePos[ie.Index][1]
		}
		return nil, diag.Errorf(config.FileName, line, col, "ignore: %q is %s", ie.Pattern, ie.Why).
			WithHint("patterns are globs under content/, as in .gitignore: *.scss, drafts/**, CODEOWNERS")
	}
	return ig, err
}

// gitLog is the git log of content/ at rev.
func (b *build) gitLog(ctx context.Context, rev string) (*history.Log, error) {
	if rev == "HEAD" && b.log != nil && b.edition == nil {
		return b.log.Wait() // started by newBuild
	}
	repo, _ := b.p.history(ctx)
	return b.cache.gitLog(ctx, repo, rev)
}

// buildEdition builds an edition: the handbook as a tag has it, in memory.
func (b *build) buildEdition(ctx context.Context, fsys fs.FS, baseURL string, e *changes.Edition) (map[string][]byte, error) {
	eb := &build{p: b.p, fsys: fsys, opts: Options{BaseURL: baseURL}, edition: e}
	res, err := eb.run(ctx)
	if err != nil {
		return nil, err
	}
	return res.Files, nil
}

// source is the current version of the file of the page at index i.
func (b *build) source(i int) *content.File {
	if f := b.sources[i]; f != nil {
		return f
	}
	return b.pages[i].Source
}

// convertAll converts every page with a source. A page that fails to
// convert is left without a body: its problems are recorded, and the
// links of the others are checked.
func (b *build) convertAll(ctx context.Context) error {
	if err := b.convert(ctx, indices(len(b.pages))); err != nil {
		if ctx.Err() != nil {
			return err
		}
		b.problem(err)
	}
	return nil
}

// convert converts the pages at the indices todo that have a source,
// reusing what a previous build converted when nothing it depended on
// changed. It converts every page it can, and returns the problems of
// all those it could not.
func (b *build) convert(ctx context.Context, todo []int) error {
	converted := parallel.NewProgress(b.opts.Progress, "converting", len(todo))
	// A build that streams its files to disk keeps nothing it no longer
	// needs (docs/performance.md): it moves the pages' Markdown out of
	// the heap, in the order they are converted, and gives each page's
	// back once it is converted; their HTML goes out of the heap too.
	release := b.cache == nil && b.write != nil
	if release && b.bulk == nil {
		size := 0
		for _, i := range todo {
			if f := b.source(i); f != nil {
				size += len(f.Body)
			}
		}
		// Maps of a sixteenth of the Markdown, so that memory goes back
		// in small steps on any size of handbook.
		b.bulk = &offheap.Store{ChunkSize: min(max(size/16, 64<<10), offheap.DefaultChunkSize)}
		for _, i := range todo {
			if f := b.source(i); f != nil {
				f.Body = b.bulk.Copy(f.Body)
			}
		}
	}
	var failed collected
	err := parallel.Each(ctx, todo, func(_ context.Context, i int) error {
		defer converted.Done()
		p, f := b.pages[i], b.source(i)
		if f == nil {
			return nil
		}
		if prev := b.convs.Get(f.Path); b.conv.Reusable(prev, p, f) {
			b.bodies[i] = prev
			return nil
		}
		c, err := b.conv.Convert(p, f)
		if release {
			md := f.Body
			f.Body = nil
			b.bulk.Release(md)
		}
		if err != nil {
			failed.add(err)
			return nil
		}
		if release {
			c.HTML = b.bulk.Copy(c.HTML)
		}
		b.bodies[i] = c
		b.convs.Put(c)
		return nil
	})
	if err != nil {
		return err
	}
	return failed.err()
}

func indices(n int) []int {
	is := make([]int, n)
	for i := range is {
		is[i] = i
	}
	return is
}

// checkLinks checks every link and anchor, collects the backlinks, and
// decides which problems fail the build. Links into the pages whose
// anchors are unknown after an earlier problem (b.unsure) are checked for
// the page, not the anchor: the problem is reported once, where it is.
func (b *build) checkLinks(context.Context) error {
	for i, p := range b.pages {
		if p.Source != nil && (p.Source.Incomplete || b.bodies[i] == nil) {
			b.markUnsure(p)
		}
	}
	set := b.set()
	var errs diag.List
	for i := range b.pages {
		errs = append(errs, set.Clashes(i)...)
	}
	b.problem(errs)
	b.linkErrs = set.Links(nil, nil)
	b.backlinks = set.Backlinks(nil, nil)
	var err error
	if b.manifest, err = b.cache.anchors(b.fsys); err != nil {
		b.problem(err)
	} else {
		b.problem(set.Anchors(b.manifest, nil))
	}
	if len(b.linkErrs) > 0 && b.cfg.Links.OnBroken != "warn" {
		b.problem(b.linkErrs)
	}
	ladder := lint.Check(b.model) // the ladder lint (docs/lint.md)
	// Roles' missing parts under career.missing_parts: warn come first.
	ladder = append(slices.Clone(b.model.Warnings), ladder...)
	empty := slices.Concat(b.layoutWarnings, b.emptyPages())
	if b.opts.Strict && len(b.linkErrs)+len(ladder)+len(empty) > 0 {
		b.problem(slices.Concat(b.linkErrs, ladder, empty))
	}
	b.warnings = b.linkErrs.Warnings() // capped per file, like errors
	for _, f := range ladder {
		b.warnings = append(b.warnings, f.Warning())
	}
	for _, e := range empty {
		b.warnings = append(b.warnings, e.Warning())
	}
	return nil
}

// emptyPages finds the pages that would be published empty: no text, and
// no front-matter data that their layout shows. A page laid out by a
// model (a role, the glossary) shows what the model holds.
func (b *build) emptyPages() diag.List {
	var empty diag.List
	for i, p := range b.pages {
		f := p.Source
		if f == nil || p.Kind != site.KindPage || p.Layout != "" && p.Layout != f.Front.Layout || !blank(b.bodies[i]) {
			continue
		}
		switch {
		case p.Layout == render.DataLayout && render.DataFields(f) != nil:
		case p.Layout == render.DataLayout:
			empty.Add(diag.Errorf(p.File(), 1, 1, "the page has no text, and no front-matter data for its data layout to show").
				WithHint("write its text, or add the data"))
		case len(f.Params) > 0:
			empty.Add(diag.Errorf(p.File(), 1, 1, "the page has no text: its front-matter data is not shown").
				WithHint("add `layout: data` to show the data, or write its text"))
		default:
			empty.Add(diag.Errorf(p.File(), 1, 1, "the page has no text").WithHint("write its text, or remove the file"))
		}
	}
	return empty
}

// blank reports whether a converted page shows nothing.
func blank(c *convert.Page) bool {
	return c != nil && len(bytes.TrimSpace(c.HTML)) == 0
}

// set is the build's pages with their conversions, for the link checks.
func (b *build) set() linkcheck.Set {
	return linkcheck.Set{Site: b.site, Pages: b.pages, Pos: b.pos, Bodies: b.bodies, Unsure: b.unsure}
}

// renderAll renders every page, reusing a previous build's output of a
// page whose render key did not change. Nothing is rendered without
// layouts (they did not parse: a problem already recorded), nor by a
// rebuild that already has problems: serve shows them, and keeps its
// outputs those of the last good build. A one-off build renders, to
// report the layouts' problems with the others.
func (b *build) renderAll(ctx context.Context) error {
	b.files = output.NewFiles(b.write)
	if b.tmpl == nil || b.cache != nil && len(b.problems)+len(b.others) > 0 {
		b.tmpl = nil // and writeExtras does nothing
		return nil
	}
	if b.cache == nil {
		b.index = newSearchIndex(b.careers)
	}
	b.keys = b.cache.keys(b)
	if b.bulk != nil {
		// The links are checked and the backlinks collected: a streamed
		// build keeps only what the layouts show.
		for i, c := range b.bodies {
			if c != nil {
				b.bodies[i] = &convert.Page{Doc: c.Doc}
			}
		}
	}
	err := b.render(ctx, b.pages)
	b.freeBulk()
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		b.problem(err)
	}
	return nil
}

// freeBulk frees what b.bulk holds once nothing renders any more: the
// bodies keep their headings, which are anchors, and no source keeps
// Markdown (that of a page a cancelled build did not convert). It does
// nothing on other builds, and when called again.
func (b *build) freeBulk() {
	if b.bulk == nil {
		return
	}
	for i, c := range b.bodies {
		if c != nil && c.HTML != nil {
			b.bodies[i] = &convert.Page{Doc: markdown.Doc{Headings: c.Headings}}
		}
		if f := b.source(i); f != nil {
			f.Body = nil
		}
	}
	b.bulk.Free()
	b.bulk = nil
}

// render renders pages into b.files. It renders every page it can, and
// returns the problems of all those it could not.
func (b *build) render(ctx context.Context, pages []*site.Page) error {
	rendered := parallel.NewProgress(b.opts.Progress, "rendering", len(pages))
	printed := map[*site.Page]bool{} // pages whose bodies other pages show
	for _, c := range b.careers {
		if c.Print != nil {
			for _, r := range c.Print.Roles {
				printed[r.Page] = true
			}
		}
	}
	release := b.cache == nil && b.write != nil
	// A build that streams its files has written and indexed a page when
	// it renders the next: the next renders into the same buffer.
	var bufs sync.Pool
	var failed collected
	err := parallel.Each(ctx, pages, func(_ context.Context, p *site.Page) error {
		defer rendered.Done()
		out := p.OutPath()
		if p.Kind == "404" {
			out = "404.html"
		}
		html, key, ok := b.outs.Get(b.keys, p, out)
		if !ok {
			var buf []byte
			if v, _ := bufs.Get().(*[]byte); v != nil {
				buf = (*v)[:0]
			}
			var err error
			if html, err = b.tmpl.AppendPage(buf, b.sd, p, b.input(p)); err != nil {
				failed.add(err)
				return nil
			}
			html = b.cache.packed(html)
			b.outs.Put(out, key, html)
		}
		b.files.Put(out, html)
		if b.index != nil {
			b.index.add(p, html)
		}
		if release && !ok {
			bufs.Put(&html)
		}
		if i := b.pos[p]; release && !printed[p] && b.bodies[i] != nil {
			// Nothing reads its HTML again; its headings are anchors.
			html := b.bodies[i].HTML
			b.bodies[i] = &convert.Page{Doc: markdown.Doc{Headings: b.bodies[i].Headings}}
			b.bulk.Release(html)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return failed.err()
}

// input is what the layout of p receives besides the site model.
func (b *build) input(p *site.Page) render.Input {
	return render.Input{Body: b.body(p), Backlinks: b.backlinks[p], Career: b.careers[p], Bodies: b.body}
}

// body is the converted Markdown of p; nil for a generated page.
func (b *build) body(p *site.Page) *markdown.Doc {
	if i, ok := b.pos[p]; ok && b.bodies[i] != nil {
		return &b.bodies[i].Doc
	}
	return nil
}

// writeExtras writes what is not a page: redirects, the career model
// export, site files, the search index, the feed and editions, and the
// content's own files.
func (b *build) writeExtras(ctx context.Context) error {
	if b.tmpl == nil {
		return nil // nothing was rendered
	}
	for alias, to := range b.site.Aliases {
		html, err := render.Redirect(b.cfg, alias, to)
		if err != nil {
			return err
		}
		b.files.Put(render.AliasFile(alias), html)
	}
	if len(b.model.Roles) > 0 {
		js, err := b.cache.export(b.model, b.keys)
		if err != nil {
			return err
		}
		b.files.Put("handbook.json", js)
	}
	if err := render.SiteFiles(b.files.Put, b.theme, b.cfg, b.site); err != nil {
		return err
	}
	if b.css != nil {
		b.files.Put(CustomCSS, b.css) // over a theme file of the name
	}
	if b.index != nil {
		// A large index is thousands of files, which a streamed build
		// spends most of its time creating: on all CPUs.
		index := map[string][]byte{}
		if err := b.index.write(func(name string, data []byte) { index[name] = data }); err != nil {
			return err
		}
		err := parallel.Each(ctx, slices.Sorted(maps.Keys(index)), func(_ context.Context, name string) error {
			b.files.Put(name, index[name])
			return nil
		})
		if err != nil {
			return err
		}
	}
	if err := b.hist.Write(b.cfg, b.files.Put); err != nil {
		return err
	}
	// Content files come last: one at a path the build generates is an
	// error, not a silent replacement of the generated file.
	var clashes diag.List
	for _, a := range b.tree.Assets {
		if what := render.Generated(a.Path); b.files.Has(a.Path) || strings.HasPrefix(a.Path, SearchDir+"/") {
			clashes.Add(diag.Errorf(site.ContentDir+"/"+a.Path, 0, 0, "clashes with /%s, %s, which the build generates", a.Path, what).
				WithHint("rename or move the file"))
			continue
		}
		data, err := b.cache.asset(b.fsys, a.Path)
		if err != nil {
			return err
		}
		b.files.Put(a.Path, data)
	}
	if err := clashes.Err(); err != nil {
		return err
	}
	return b.files.Err()
}

// result is what the build made.
func (b *build) result() *Result {
	if b.published == nil {
		b.published = b.set().Published()
	}
	var drafts []string
	if !b.opts.Drafts {
		for _, f := range b.tree.Files {
			if f.Front.Draft {
				drafts = append(drafts, f.Name)
			}
		}
	}
	return &Result{Files: b.files.Map(), files: b.files.Count(), Pages: len(b.pages), Warnings: b.warnings, Notes: b.hist.Notes,
		Drafts: drafts, Anchors: b.published, manifest: b.manifest, brokenLinks: len(b.linkErrs)}
}
