package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"strings"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/handbook-dev/handbook/generator/site"
)

// Chroma styles for the light and dark code stylesheets.
const (
	LightCodeStyle = "github"
	DarkCodeStyle  = "github-dark"
)

// SiteFiles produces the site-wide files: the theme's static files under
// assets/, the code stylesheets, sitemap.xml and robots.txt.
func SiteFiles(put func(string, []byte), theme fs.FS, cfg *config.Config, s *site.Site) error {
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		put("assets/"+strings.TrimPrefix(p, "static/"), data)
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme static files: %w", err)
	}
	for name, style := range map[string]string{"chroma-light.css": LightCodeStyle, "chroma-dark.css": DarkCodeStyle} {
		css, err := markdown.StyleCSS(style, "")
		if err != nil {
			return err
		}
		put("assets/"+name, css)
	}
	put("sitemap.xml", Sitemap(cfg, s.Pages))
	put("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+cfg.AbsURL("/sitemap.xml")+"\n"))
	return nil
}

// Sitemap returns sitemap.xml for pages.
func Sitemap(cfg *config.Config, pages []*site.Page) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(cfg.AbsURL(p.URL)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
