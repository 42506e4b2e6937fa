package render

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/site"
)

// cachedTheme renders a navigation with cached, keyed by the page's
// section, or (with cached false) with an ordinary template call.
func cachedTheme(cached bool) fstest.MapFS {
	call := `{{template "nav" .}}`
	if cached {
		call = `{{cached "nav" . .Page.Section}}`
	}
	layouts := map[string]string{
		"layouts/base.html": `{{define "base"}}<body>` + call + `<main>{{block "main" .}}{{end}}</main></body>{{end}}`,
		"layouts/partials/nav.html": `{{define "nav"}}<nav>{{range .Site.Sections}}<a href="{{rel .URL}}">{{.Title}} & co</a>{{end}}` +
			`<script>var s = {{.Page.Section}};</script></nav>{{end}}`,
		"layouts/home.html":    `{{define "main"}}home{{end}}`,
		"layouts/section.html": `{{define "main"}}section{{end}}`,
		"layouts/page.html":    `{{define "main"}}<h1>{{.Page.Title}}</h1>{{end}}`,
		"layouts/404.html":     `{{define "main"}}404{{end}}`,
	}
	fsys := fstest.MapFS{}
	for name, data := range layouts {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestCached checks that cached gives each page the output the template
// call would, concurrently, with relative links right at every depth.
func TestCached(t *testing.T) {
	home := &site.Page{Kind: site.KindHome, URL: "/"}
	guides := &site.Page{Kind: site.KindSection, URL: "/guides/", Section: "guides", Title: "Guides"}
	roles := &site.Page{Kind: site.KindSection, URL: "/roles/", Section: "roles", Title: "Roles"}
	var pages []*site.Page
	for _, u := range []string{"/guides/a/", "/guides/b/", "/guides/deep/c/", "/roles/x/", "/guides/deep/d/"} {
		sec := strings.Trim(u[:strings.LastIndex(strings.TrimSuffix(u, "/"), "/")+1], "/")
		pages = append(pages, &site.Page{Kind: site.KindPage, URL: u, Section: sec, Title: "Page " + u})
	}
	pages = append(pages, home, guides, roles)
	sd := &SiteData{Title: "T", Home: home, Sections: []*site.Page{guides, roles}}
	plain, err := LoadTemplates(cachedTheme(false), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	cached, err := LoadTemplates(cachedTheme(true), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 3 { // every page several times, concurrently
		for _, p := range pages {
			wg.Add(1)
			go func() {
				defer wg.Done()
				want, err := plain.Page(sd, p, Input{})
				if err != nil {
					t.Error(err)
					return
				}
				got, err := cached.Page(sd, p, Input{})
				if err != nil {
					t.Error(err)
					return
				}
				if string(got) != string(want) {
					t.Errorf("%s:\n got %s\nwant %s", p.URL, got, want)
				}
			}()
		}
	}
	wg.Wait()
	// Pages of one layout, depth and section share a rendering: a and b,
	// c and d.
	if n, want := len(cached.cache), len(pages)-2; n != want {
		t.Errorf("%d cached renderings of the navigation, want %d", n, want)
	}
}

// TestCachedNextSite checks that the layouts of one build, used again for
// the next (serve --watch parses them once), render the next site's
// navigation and not the one cached for the previous site.
func TestCachedNextSite(t *testing.T) {
	home := &site.Page{Kind: site.KindHome, URL: "/"}
	guides := &site.Page{Kind: site.KindSection, URL: "/guides/", Section: "guides", Title: "Guides"}
	deep := &site.Page{Kind: site.KindPage, URL: "/guides/sub/deep/", Section: "guides/sub", Title: "Deep"}
	tmpl, err := LoadTemplates(cachedTheme(true), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Guides", "Handbook guides"} {
		renamed := *guides
		renamed.Title = title
		sd := &SiteData{Title: "T", Home: home, Sections: []*site.Page{&renamed}}
		got, err := tmpl.Page(sd, deep, Input{})
		if err != nil {
			t.Fatal(err)
		}
		if want := ">" + title + " & co</a>"; !strings.Contains(string(got), want) {
			t.Errorf("site with section %q: the navigation lacks %q:\n%s", title, want, got)
		}
	}
}
