package render

import (
	"io/fs"
	"strings"
)

// Generated says what a build generates at the output path name, for the
// message about a content file at that path.
func Generated(name string) string {
	switch {
	case strings.HasPrefix(name, "search/"):
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
	case name == "assets/custom.css":
		return "the site's stylesheet (assets/custom.css beside handbook.yaml)"
	case name == NavTreePath:
		return "the navigation tree"
	case strings.HasPrefix(name, "assets/"):
		return "the theme's static/" + strings.TrimPrefix(name, "assets/")
	case name == "index.html" || strings.HasSuffix(name, "/index.html"):
		return "the page /" + strings.TrimSuffix(name, "index.html")
	}
	return "a generated file"
}

// StaticPaths lists the site paths of the theme's static files, which a
// build publishes under /assets/.
func StaticPaths(theme fs.FS) []string {
	static, err := fs.Sub(theme, "static")
	if err != nil {
		return nil
	}
	var paths []string
	_ = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, "/assets/"+p)
		}
		return nil
	})
	return paths
}
