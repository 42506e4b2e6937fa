package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/scratch"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
)

// Chroma styles for the light and dark code stylesheets.
const (
	LightCodeStyle = "github"
	DarkCodeStyle  = "github-dark"
)

// SiteFiles produces the site-wide files: the theme's static files under
// assets/, the code stylesheets, the navigation tree (NavTree), sitemap.xml
// and robots.txt.
func SiteFiles(put func(string, []byte), theme fs.FS, cfg *config.Config, s *site.Site) error {
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "static" && scratch.Is(d.Name()) {
			// Editors' files beside the theme's: never published (and
			// the watcher ignores them, so serve would not either).
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		put("assets/"+strings.TrimPrefix(p, "static/"), data)
		return nil
	})
	if le, ok := source.AsLinkError(err); ok {
		return le.Diag()
	}
	if err != nil {
		return fmt.Errorf("theme static files: %w", err)
	}
	light, err := markdown.StyleCSS(LightCodeStyle, "")
	if err != nil {
		return err
	}
	put("assets/chroma-light.css", light)
	dark, err := DarkCodeCSS()
	if err != nil {
		return err
	}
	put("assets/chroma-dark.css", dark)
	put(NavTreePath, NavTree(s))
	put("sitemap.xml", Sitemap(cfg, s.Pages))
	put("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+cfg.AbsURL("/sitemap.xml")+"\n"))
	return nil
}

// DarkCodeCSS returns the dark code stylesheet. It follows the theme as
// handbook.css does: it applies when the reader picked the dark theme
// (<html data-theme="dark">), or when the system prefers dark and the reader
// did not pick the light one. Its selectors outrank the light sheet's, so
// both sheets load unconditionally; print keeps the light colours.
func DarkCodeCSS() ([]byte, error) {
	chosen, err := markdown.StyleCSS(DarkCodeStyle, "[data-theme=dark] ")
	if err != nil {
		return nil, err
	}
	system, err := markdown.StyleCSS(DarkCodeStyle, ":root:not([data-theme=light]) ")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("@media screen {\n")
	b.Write(chosen)
	b.WriteString("}\n@media screen and (prefers-color-scheme: dark) {\n")
	b.Write(system)
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// Sitemap returns sitemap.xml for pages, unlisted pages aside.
func Sitemap(cfg *config.Config, pages []*site.Page) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		if p.Unlisted {
			continue
		}
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(cfg.AbsURL(p.URL)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

var redirectTmpl = template.Must(template.New("redirect").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>Moved: {{.Title}}</title>
<link rel="canonical" href="{{.Abs}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Rel}}">
<script>location.replace({{.Rel}} + location.hash)</script>
</head>
<body>
<p>This page has moved to <a href="{{.Rel}}">{{.Title}}</a>.</p>
</body>
</html>
`))

// Redirect returns the page published at an alias URL: it sends the browser
// to the page's current URL, keeping the #fragment of the old link.
func Redirect(cfg *config.Config, alias string, to *site.Page) ([]byte, error) {
	var buf bytes.Buffer
	err := redirectTmpl.Execute(&buf, map[string]string{
		"Lang": cfg.Language, "Title": to.Title, "Abs": cfg.AbsURL(to.URL),
		"Rel": (&Data{root: links.Root(alias)}).Rel(to.URL),
	})
	return buf.Bytes(), err
}

// AliasFile is the output file of an alias URL.
func AliasFile(alias string) string {
	if strings.HasSuffix(alias, "/") {
		return strings.TrimPrefix(alias, "/") + "index.html"
	}
	return strings.TrimPrefix(alias, "/")
}
