package render

import (
	"testing"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/internal/corpus"
	"github.com/handbook-dev/handbook/themes"
)

// benchSite is a synthetic handbook's site model with its pages converted,
// and the default theme's templates.
func benchSite(tb testing.TB, n int) (*Templates, *SiteData, []*site.Page, map[*site.Page]*markdown.Doc) {
	tb.Helper()
	var files []*content.File
	for name, data := range corpus.New(corpus.Options{Pages: n, Seed: 1}).Files() {
		rel, ok := cutContent(name)
		if !ok {
			continue
		}
		f, err := content.Parse(name, data)
		if err != nil {
			tb.Fatal(err)
		}
		f.Path = rel
		files = append(files, f)
	}
	s, err := site.New(files, site.Options{ContentDir: "content"})
	if err != nil {
		tb.Fatal(err)
	}
	conv := markdown.New(markdown.Options{})
	bodies := map[*site.Page]*markdown.Doc{}
	for _, p := range s.Pages {
		if p.Source == nil {
			continue
		}
		doc, err := conv.Convert(p.Source.Body)
		if err != nil {
			tb.Fatal(err)
		}
		bodies[p] = &doc
	}
	cfg := config.Default()
	tmpl, err := LoadTemplates(themes.Default(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	sd := &SiteData{Title: "Bench", BaseURL: cfg.BaseURL, Language: "en", Home: s.Home}
	for _, c := range s.Home.Children {
		if c.Kind == site.KindSection {
			sd.Sections = append(sd.Sections, c)
		}
	}
	return tmpl, sd, s.Pages, bodies
}

func cutContent(name string) (string, bool) {
	const prefix = "content/"
	if len(name) > len(prefix) && name[:len(prefix)] == prefix {
		return name[len(prefix):], true
	}
	return "", false
}

// BenchmarkPage executes the layouts of a synthetic handbook's pages, one
// page per iteration (roles and skills render as ordinary pages here; the
// career layouts need the model).
func BenchmarkPage(b *testing.B) {
	tmpl, sd, pages, bodies := benchSite(b, 400)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := tmpl.Page(sd, pages[i%len(pages)], Input{Body: bodies[pages[i%len(pages)]]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
