// Package generator runs the handbook pipeline, one stage per package:
//
//	config   handbook.yaml
//	content  read content/: front matter and Markdown source
//	site     the site model: pages, URLs, sections, navigation
//	markdown goldmark + chroma, shared by all workers
//	render   html/template layouts of the theme, sitemap, robots.txt, 404
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
	"sync"
	"time"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/output"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
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
}

// Stats summarises a build.
type Stats struct {
	Pages    int
	Files    int
	Duration time.Duration
}

func (s Stats) String() string {
	return fmt.Sprintf("built %d pages, %d files in %d ms", s.Pages, s.Files, s.Duration.Milliseconds())
}

// Result is a built site held in memory: output paths to file contents.
type Result struct {
	Files map[string][]byte
	Pages int
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
	guard := output.Guard{Source: opts.Source, Content: filepath.Join(opts.Source, ContentDir)}
	// Validate the destination before doing any work.
	tx, err := output.Begin(dest, guard)
	if err != nil {
		return Stats{}, err
	}
	defer tx.Abort()
	res, err := Generate(ctx, os.DirFS(opts.Source), opts)
	if err != nil {
		return Stats{}, err
	}
	if err := writeAll(ctx, tx, res.Files); err != nil {
		return Stats{}, err
	}
	if err := tx.Commit(); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: res.Pages, Files: len(res.Files) + 1, Duration: time.Since(start)}, nil
}

// Check runs the pipeline without writing anything and returns every
// problem found.
func Check(ctx context.Context, opts Options) error {
	_, err := Generate(ctx, os.DirFS(opts.Source), opts)
	return err
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
	tmpl, err := render.LoadTemplates(theme, cfg)
	if err != nil {
		return nil, err
	}
	tree, err := content.Load(fsys, ContentDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if tree == nil {
		tree = &content.Tree{}
	}
	s, err := site.Build(tree.Files, site.Options{Drafts: opts.Drafts, ContentDir: ContentDir})
	if err != nil {
		return nil, err
	}
	conv := markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML})
	notFound := &site.Page{Kind: "404", Layout: "404", URL: "/404.html", Title: "Page not found"}
	pages := append(append([]*site.Page{}, s.Pages...), notFound)

	files := newFileSet()
	sd := siteData(cfg, s)
	err = parallel(ctx, pages, func(p *site.Page) error {
		if p.Source != nil {
			doc, err := conv.Convert(p.Source.Body)
			if err != nil {
				return fmt.Errorf("%s/%s: %v", ContentDir, p.Source.Path, err)
			}
			p.Content = doc.HTML
			for _, h := range doc.Headings {
				p.Headings = append(p.Headings, site.Heading(h))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = parallel(ctx, pages, func(p *site.Page) error {
		html, err := tmpl.Page(sd, p)
		if err != nil {
			return err
		}
		out := p.OutPath()
		if p == notFound {
			out = "404.html"
		}
		files.put(out, html)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := render.SiteFiles(files.put, theme, cfg, s); err != nil {
		return nil, err
	}
	for _, a := range tree.Assets {
		data, err := fs.ReadFile(fsys, ContentDir+"/"+a.Path)
		if err != nil {
			return nil, err
		}
		files.put(a.Path, data)
	}
	return &Result{Files: files.m, Pages: len(pages)}, nil
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

type fileSet struct {
	mu sync.Mutex
	m  map[string][]byte
}

func newFileSet() *fileSet { return &fileSet{m: map[string][]byte{}} }

func (f *fileSet) put(name string, data []byte) {
	f.mu.Lock()
	f.m[name] = data
	f.mu.Unlock()
}

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

func writeAll(ctx context.Context, tx *output.Tx, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	return parallel(ctx, names, func(n string) error { return tx.WriteFile(n, files[n]) })
}
