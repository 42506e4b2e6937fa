package render

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/site"
)

// Editors' files beside a theme's static files are not published: the
// watcher ignores them, so serve --watch could not follow them anyway.
func TestSiteFilesSkipScratchFiles(t *testing.T) {
	theme := fstest.MapFS{
		"static/site.css":             {Data: []byte("body{}")},
		"static/sedAb12Cd":            {Data: []byte("x")},
		"static/site.css~":            {Data: []byte("x")},
		"static/.site.css.swp":        {Data: []byte("x")},
		"static/site.css___jb_tmp___": {Data: []byte("x")},
		"static/img/logo.svg":         {Data: []byte("<svg/>")},
		"static/.git/HEAD":            {Data: []byte("x")},
		"static/img~/old.svg":         {Data: []byte("x")},
		"static/img/logo.svg.crswap":  {Data: []byte("x")},
	}
	var assets []string
	put := func(name string, _ []byte) {
		if strings.HasPrefix(name, "assets/") && !strings.HasPrefix(name, "assets/chroma-") && name != NavTreePath {
			assets = append(assets, name)
		}
	}
	if err := SiteFiles(put, theme, &config.Config{}, &site.Site{}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(assets)
	if want := []string{"assets/img/logo.svg", "assets/site.css"}; !slices.Equal(assets, want) {
		t.Errorf("published %v, want %v", assets, want)
	}
}
