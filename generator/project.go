// Package generator builds a handbook. It is the orchestration of the
// pipeline and nothing else: each stage is a package, and a build calls
// them in order (build.go), the same way whether it builds every page or
// only those a change touched (builder.go, fast.go). A stage goes past the
// problems it can and the build fails at its end with all of them, so a
// check reports every problem in one run (errs.go).
//
//	source    the source folder as an fs.FS that never leaves it
//	config    handbook.yaml
//	content   content/: front matter and Markdown source; its Reader
//	          reads again only what changed
//	site      the site model: pages, URLs, sections, navigation
//	career    the career model of roles, skills and behaviours, and
//	          career/lint, the ladder lint
//	changes   page history, the changelog, editions (git: history)
//	convert   Markdown to HTML (markdown, links, glossary), per page
//	links     link resolution and checks, backlinks
//	anchors   the anchors manifest, anchors.lock
//	render    html/template layouts, the career pages' data, render keys
//	search    the full-text index of the rendered pages
//	output    write the result as one transaction
//	devserver serve it, rebuilding on every change (watch, livereload,
//	          server)
//
// A Project is the way in: opened once from the source folder, it builds,
// checks, updates anchors.lock, searches, and makes a Builder for serve.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
)

// Paths of the source folder besides content/ (site.ContentDir).
const (
	ThemesDir = "themes"
	// SearchDir is the output folder of the search index.
	SearchDir = "search"
	// AssetsDir holds the site's own files beside its theme: CustomCSS.
	AssetsDir = "assets"
	// CustomCSS is the site's stylesheet, published at the same path and
	// linked after the theme's on every page: one rule needs one file.
	CustomCSS = AssetsDir + "/custom.css"
)

// WatchedPaths are the names in the source folder whose changes a Builder
// needs to hear about.
var WatchedPaths = []string{site.ContentDir, ThemesDir, config.FileName, anchors.FileName, AssetsDir}

// Options configures the builds of a Project.
type Options struct {
	// Destination is the output folder of Build; relative paths are
	// inside the source folder. Default "public".
	Destination string
	BaseURL     string // overrides the config's base_url when set
	Drafts      bool
	// Strict makes every warning fail the build: the ladder lint's
	// findings and broken links under links.on_broken: warn.
	Strict bool
	// Progress, when set, is told as pages go through the stages of a
	// build ("converting", "rendering"): done of total pages. It is called
	// from several goroutines at once.
	Progress func(stage string, done, total int)
	// SearchCache, when set, is a folder where Search keeps the index of
	// its last build, and from where it answers the next query without
	// building when no input of the build changed (searchcache.go).
	SearchCache string
}

// Project is a handbook's source folder, opened once: its file system and
// the git repository holding it, where page history and editions come
// from. Every build of a Project sees the same inputs.
type Project struct {
	dir  string // the source folder; "" for a Project of an fs.FS
	fsys fs.FS
	opts Options
	// git opens the repository the first time a build asks for it: a
	// search answered from its cache never runs git.
	git  sync.Once
	repo *history.Repo
	// noRepo says why repo is nil, for the build's one-line note.
	noRepo string
}

// Open opens the source folder dir. Without a git repository (or git),
// the handbook is built without history, and builds say why in a note.
func Open(ctx context.Context, dir string, opts Options) *Project {
	return &Project{dir: dir, fsys: source.New(dir), opts: opts}
}

// OpenFS opens a handbook held in fsys, with the history of repo (nil for
// none): a synthetic handbook, a git tree. It cannot Build or
// UpdateAnchors, which write into a source folder.
func OpenFS(fsys fs.FS, repo *history.Repo, opts Options) *Project {
	p := &Project{fsys: fsys, opts: opts, repo: repo}
	p.git.Do(func() {})
	return p
}

// history returns the git repository of the source folder, opening it on
// the first call, or nil and why there is none.
func (p *Project) history(ctx context.Context) (*history.Repo, string) {
	p.git.Do(func() {
		if p.repo != nil || p.noRepo != "" || p.dir == "" {
			return
		}
		repo, err := history.Open(ctx, p.dir)
		var u *history.Unavailable
		switch {
		case err == nil:
			p.repo = repo
		case errors.As(err, &u):
			p.noRepo = u.Reason
		default:
			p.noRepo = err.Error()
		}
	})
	return p.repo, p.noRepo
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
	// Drafts lists the files of the draft pages the build left out (all
	// drafts, unless Options.Drafts), as "content/roles/x.md".
	Drafts []string
	// Anchors lists the anchors of every page, by page URL.
	Anchors  map[string][]string
	manifest *anchors.Manifest
	// brokenLinks counts the warnings about links. The fast path redoes
	// the links of what changed, so it gives up when there are any; the
	// ladder lint reads only front matter, which it never sees change.
	brokenLinks int
	files       int // files made, also when streamed (Files is then empty)
}

// Build builds the site and writes it to the destination. On any error
// the previous output is left untouched.
func (p *Project) Build(ctx context.Context) (Stats, error) {
	start := time.Now()
	if p.dir == "" {
		return Stats{}, errors.New("build: the project has no source folder to write into")
	}
	dest := p.opts.Destination
	if dest == "" {
		dest = "public"
	}
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(p.dir, dest)
	}
	guard := output.Guard{Source: p.dir, Content: filepath.Join(p.dir, site.ContentDir), Themes: filepath.Join(p.dir, ThemesDir)}
	// Validate the destination before doing any work.
	tx, err := output.Begin(dest, guard)
	if err != nil {
		return Stats{}, err
	}
	defer tx.Abort()
	b := p.newBuild(ctx, p.fsys, p.opts)
	defer b.stop()
	b.write = tx.WriteFile
	res, err := b.run(ctx)
	if err != nil {
		return Stats{}, err
	}
	if err := tx.Commit(); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: res.Pages, Files: res.files + 1, Duration: time.Since(start), Warnings: res.Warnings, Notes: res.Notes}, nil
}

// Generate builds the site into memory.
func (p *Project) Generate(ctx context.Context) (*Result, error) {
	b := p.newBuild(ctx, p.fsys, p.opts)
	defer b.stop()
	return b.run(ctx)
}

// Check builds the site without writing anything and returns every
// problem found: the warnings, and the error that fails the build. drafts
// lists the draft pages' files the check left out, as the build does
// without Options.Drafts, so that the caller can say what it did not
// check (a draft is checked as `build --drafts` builds it only with
// Options.Drafts).
func (p *Project) Check(ctx context.Context) (warnings, drafts []string, err error) {
	res, err := p.Generate(ctx)
	if err != nil {
		return nil, nil, err
	}
	return res.Warnings, res.Drafts, nil
}

// UpdateAnchors builds the site in memory and records its new anchors in
// the manifest at the site root. It returns how many were added. Anchors
// that disappeared still fail: they need an alias, not an update.
func (p *Project) UpdateAnchors(ctx context.Context) (int, error) {
	if p.dir == "" {
		return 0, errors.New("update anchors: the project has no source folder to write into")
	}
	res, err := p.Generate(ctx)
	if err != nil {
		return 0, err
	}
	data, added := res.manifest.Update(res.Anchors)
	if err := os.WriteFile(filepath.Join(p.dir, anchors.FileName), data, 0o644); err != nil {
		return 0, err
	}
	return added, nil
}

// Search builds the site in memory, as Check does, and opens its search
// index: a search needs no earlier build. With Options.SearchCache, the
// index of the last build is opened instead when no input changed since.
// It also returns the site's base URL, for absolute result links.
func (p *Project) Search(ctx context.Context) (*search.Searcher, string, error) {
	cache := searchCache{p.opts.SearchCache}
	var sum string
	if cache.dir != "" {
		// Sources that cannot be read are the build's to report.
		var cfg *config.Config
		stats := loadStats(cache.dir)
		sum, cfg, _ = p.inputsSum(ctx, stats)
		stats.save(cache.dir) // a cache that cannot be written costs only the reading
		if sum != "" {
			// A --base-url that does not parse is the build's to report.
			if s, ok := cache.open(sum); ok && (p.opts.BaseURL == "" || cfg.SetBaseURL(p.opts.BaseURL) == nil) {
				return s, cfg.BaseURL, nil
			}
		}
	}
	b := p.newBuild(ctx, p.fsys, p.opts)
	defer b.stop()
	res, err := b.run(ctx)
	if err != nil {
		return nil, "", err
	}
	index := map[string][]byte{}
	for name, data := range res.Files {
		if rel, ok := strings.CutPrefix(name, SearchDir+"/"); ok {
			index[rel] = data
		}
	}
	s, err := search.OpenFiles(index)
	if err != nil {
		return nil, "", err
	}
	if sum != "" {
		// A cache that cannot be written costs the next query a build,
		// nothing more.
		_ = cache.store(sum, index)
	}
	return s, b.cfg.BaseURL, nil
}
