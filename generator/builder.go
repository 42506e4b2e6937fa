package generator

// Incremental rebuilds, for `handbook serve --watch` (docs/serve.md).
//
// A Builder keeps what its last build made (a cache) and builds again
// after each change, with the stages of every build (build.go): the cheap
// ones run in full every time (configuration, the site model, the career
// model, link and anchor checks, history), so the result never differs
// from a fresh build; the expensive ones run on the pages that need it:
//
//   - reading content: only changed files and folders are read and parsed
//     again (content.Reader, told by the watcher);
//   - Markdown conversion: a page is converted again when its file
//     changed, or when an answer the link resolver gave while converting
//     it changed (convert.Converter.Reusable), or the glossary changed;
//   - templates: a page is rendered again when its render key changed
//     (render.Keys: a hash of everything its layout shows).
//
// When only the bodies of existing pages changed, even the cheap stages
// are skipped (fast.go). A change to handbook.yaml, or a lost event,
// rebuilds everything; a change to the theme renders every page again.

import (
	"context"
	"errors"
	"hash/maphash"
	"io/fs"
	"maps"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/convert"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
)

// Builder builds a Project again and again, each time redoing only the
// work a change calls for. It is not safe for concurrent use.
type Builder struct {
	p     *Project
	cache *cache
}

// Builder returns a Builder of the project. Nothing is built until
// Builder.Build.
func (p *Project) Builder() *Builder {
	return &Builder{p: p, cache: &cache{seed: maphash.MakeSeed(), reader: content.NewReader(p.fsys, site.ContentDir, maphash.MakeSeed()), search: &liveIndex{}}}
}

// Rebuild reports one build of a Builder.
type Rebuild struct {
	*Result
	// Full says that nothing was reused.
	Full bool
	// Fast says that only page bodies changed and the fast path rebuilt
	// them without running the whole pipeline (fast.go).
	Fast bool
	// Rendered lists the output files of the pages whose layouts ran,
	// sorted; the other pages kept their previous output.
	Rendered []string
	// Converted is the number of pages whose Markdown was converted.
	Converted int
	Duration  time.Duration

	b *build // for Search; its values are never changed by a later build
}

// Search makes the search index of the build: the files under search/
// that a one-off build writes (by output path), which a Builder leaves
// out. Indexing every page is the slowest stage of a build, and it is not
// needed to show a page: serve runs it after each rebuild, once the
// browsers are told to reload. The Builder keeps the index between
// builds, so only the pages whose search data changed are indexed again
// (liveIndex). It may run while the Builder builds again. The map may be
// that of an earlier build, when nothing searched changed: the caller
// must not change it.
func (r *Rebuild) Search(ctx context.Context) (map[string][]byte, error) {
	if r.Result == nil || r.b == nil {
		return nil, errors.New("no search index: the build failed")
	}
	return r.b.cache.search.files(ctx, r.b, r.Files)
}

// Build builds the site. changed lists what changed since the previous
// Build, as slash paths relative to the source folder (files or folders);
// nil means that anything may have changed. The first Build builds
// everything. On error, the next Build still knows what the failed one
// read: pass it only what changed since.
func (bl *Builder) Build(ctx context.Context, changed []string) (*Rebuild, error) {
	c := bl.cache
	if r, ok := bl.fast(ctx, changed); ok {
		return r, nil
	}
	start := time.Now()
	c.last = nil
	c.begin(changed)
	c.convs.Made() // count this build's alone: not the fast path's
	c.outs.Rendered()
	b := &build{p: bl.p, fsys: bl.p.fsys, opts: bl.p.opts, cache: c, convs: c.convs, outs: c.outs}
	res, err := b.run(ctx)
	r := &Rebuild{Result: res, Full: c.full, Converted: c.convs.Made(), Rendered: c.outs.Rendered(), Duration: time.Since(start)}
	if err != nil {
		return r, err
	}
	c.convs.Prune(b.tree.Files)
	c.outs.Prune(b.files.Map())
	files := make(map[*content.File]bool, len(b.tree.Files))
	for _, f := range b.tree.Files {
		files[f] = true
	}
	maps.DeleteFunc(c.meta, func(f *content.File, _ uint64) bool { return !files[f] })
	c.last, r.b = b, b
	return r, nil
}

// cache is what a Builder keeps between builds. A build consults it
// through methods that work on a nil cache too, doing what a one-off
// build does.
type cache struct {
	seed   maphash.Seed
	reader *content.Reader
	// full is set when nothing may be reused in this build.
	full bool

	// The parsed layouts, until the theme changes; the anchors manifest,
	// until it changes; the career model's export, by career key; the git
	// logs, by revision.
	tmpl       *render.Templates
	manifest   *anchors.Manifest
	json       []byte
	jsonCareer uint64
	log        map[string]*history.Log

	convs *convert.Cache
	outs  *render.PageCache
	meta  map[*content.File]uint64 // front matter hashes (render.KeyInputs)
	// ignore is the ignore list of the last build that read content/.
	ignore *content.Ignore
	// last is the previous build, for the fast path; nil after a failed
	// one.
	last *build
	// search is the search index, kept whole: every build's index starts
	// from the last one made (Rebuild.Search).
	search *liveIndex
}

// begin classifies the changed paths before a build.
func (c *cache) begin(changed []string) {
	c.full = changed == nil || c.convs == nil
	for _, p := range changed {
		switch {
		case p == site.ContentDir:
			c.reader.Changed("")
		case strings.HasPrefix(p, site.ContentDir+"/"):
			c.reader.Changed(strings.TrimPrefix(p, site.ContentDir+"/"))
		case p == ThemesDir || strings.HasPrefix(p, ThemesDir+"/"):
			// Layouts and static files: every page is rendered again.
			c.outs.Clear()
			c.tmpl = nil
		case p == anchors.FileName:
			// Nothing rendered depends on it; the check runs every time.
			c.manifest = nil
		case p == AssetsDir || strings.HasPrefix(p, AssetsDir+"/"):
			// CustomCSS is read by every build; whether there is one is
			// in the render keys (SiteData.CustomCSS).
		default: // handbook.yaml, or anything else the site may read
			c.full = true
		}
	}
	if c.full {
		c.reader.Reset()
		c.convs, c.outs, c.log = convert.NewCache(), render.NewPageCache(), map[string]*history.Log{}
		c.meta = map[*content.File]uint64{}
		c.tmpl, c.json, c.manifest = nil, nil, nil
	}
}

// seedOf is the seed conversions are recorded with; nil on a one-off
// build, which records nothing.
func (c *cache) seedOf() *maphash.Seed {
	if c == nil {
		return nil
	}
	return &c.seed
}

// content reads content/ without what ig ignores, reading again only
// what changed.
func (c *cache) content(fsys fs.FS, ig *content.Ignore) (*content.Tree, error) {
	if c == nil {
		return content.LoadIgnoring(fsys, site.ContentDir, ig)
	}
	c.reader.SetIgnore(ig)
	c.ignore = ig
	return c.reader.Load()
}

// Ignored reports whether a change to the slash path p, relative to the
// source folder, cannot change the site: p is a file under content/ that
// the ignore list of the last build skips (content.Walk), or under an
// ignored folder, or a file of assets/ other than CustomCSS. serve
// --watch does not build again for it.
func (bl *Builder) Ignored(p string) bool {
	if strings.HasPrefix(p, AssetsDir+"/") {
		return p != CustomCSS // the one file of assets/ a build reads
	}
	rel, ok := strings.CutPrefix(p, site.ContentDir+"/")
	return ok && bl.cache.reader != nil && bl.cache.ignore.MatchPath(rel)
}

// asset returns the bytes of the content file rel, read once.
func (c *cache) asset(fsys fs.FS, rel string) ([]byte, error) {
	if c == nil {
		return fs.ReadFile(fsys, site.ContentDir+"/"+rel)
	}
	return c.reader.Asset(rel)
}

// gitLog returns the history of content/ at rev, read once per Builder
// (commits made while serving show after a full rebuild).
func (c *cache) gitLog(ctx context.Context, repo *history.Repo, rev string) (*history.Log, error) {
	if l, ok := c.logOf(rev); ok {
		return l, nil
	}
	l, err := repo.Log(ctx, rev, site.ContentDir)
	if c != nil && err == nil {
		c.log[rev] = l
	}
	return l, err
}

func (c *cache) logOf(rev string) (*history.Log, bool) {
	if c == nil {
		return nil, false
	}
	l, ok := c.log[rev]
	return l, ok
}

// templates returns the theme's parsed layouts, parsed again only after
// the theme or the configuration changed.
func (c *cache) templates(theme fs.FS, cfg *config.Config) (*render.Templates, error) {
	if c == nil || c.tmpl == nil {
		t, err := render.LoadTemplates(theme, cfg)
		if c != nil && err == nil {
			c.tmpl = t
		}
		return t, err
	}
	return c.tmpl, nil
}

// anchors returns the anchors manifest, read again only when it changed.
func (c *cache) anchors(fsys fs.FS) (*anchors.Manifest, error) {
	if c == nil || c.manifest == nil {
		m, err := anchors.Read(fsys)
		if c != nil && err == nil {
			c.manifest = m
		}
		return m, err
	}
	return c.manifest, nil
}

// export returns handbook.json, made again only when the career model's
// sources changed.
func (c *cache) export(model *career.Model, k *render.Keys) ([]byte, error) {
	if c == nil || c.json == nil || c.jsonCareer != k.Career() {
		js, err := model.Export()
		if c != nil && err == nil {
			c.json, c.jsonCareer = js, k.Career()
		}
		return js, err
	}
	return c.json, nil
}

// keys prepares the render keys of b's pages; nil on a one-off build,
// whose pages all render.
func (c *cache) keys(b *build) *render.Keys {
	if c == nil {
		return nil
	}
	if render.OwnLayouts(b.theme) {
		c.outs.Clear() // the keys do not cover them
	}
	return render.NewKeys(c.seed, b.sd, b.site, b.pages, b.careers, c.keyInputs(b))
}

// keyInputs are what the render keys read of b's pages.
func (c *cache) keyInputs(b *build) render.KeyInputs {
	return render.KeyInputs{
		Input: b.input,
		BodySum: func(p *site.Page) uint64 {
			if i, ok := b.pos[p]; ok && b.bodies[i] != nil {
				return b.bodies[i].Sum
			}
			return 0
		},
		FileSum: func(p *site.Page) uint64 { return c.reader.Sum(b.source(b.pos[p])).All },
		Meta:    c.meta,
	}
}
