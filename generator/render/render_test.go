package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/links"
	"github.com/handbook-dev/handbook/generator/site"
)

func TestRootAndRel(t *testing.T) {
	tests := []struct{ page, link, want string }{
		{"/", "/roles/x/", "roles/x/"},
		{"/", "/", "./"},
		{"/roles/", "/", "../"},
		{"/roles/x/", "/assets/a.css", "../../assets/a.css"},
		{"/roles/x/", "#top", "#top"},
		{"/roles/x/", "https://example.com/", "https://example.com/"},
	}
	for _, tt := range tests {
		d := &Data{root: links.Root(tt.page)}
		if got := d.Rel(tt.link); got != tt.want {
			t.Errorf("Rel(%q) on %s = %q, want %q", tt.link, tt.page, got, tt.want)
		}
	}
}

func TestAliasFileAndRelative(t *testing.T) {
	if got := AliasFile("/old/page/"); got != "old/page/index.html" {
		t.Errorf("AliasFile = %q", got)
	}
	if got := AliasFile("/old.html"); got != "old.html" {
		t.Errorf("AliasFile = %q", got)
	}
	tests := []struct{ alias, to, want string }{
		{"/a/b/", "/roles/x/", `url=../../roles/x/"`},
		{"/roles/old/", "/roles/x/", `url=../../roles/x/"`}, // from the root, as templates link
		{"/old.html", "/roles/x/", `url=roles/x/"`},
		{"/old/", "/", `url=../"`},
		{"/old.html", "/", `url=./"`},
	}
	for _, tt := range tests {
		page, err := Redirect(config.Default(), tt.alias, &site.Page{URL: tt.to, Title: "X"})
		if err != nil || !strings.Contains(string(page), tt.want) {
			t.Errorf("Redirect(%q, %q) = %s, %v; want %s in it", tt.alias, tt.to, page, err, tt.want)
		}
	}
}

func TestTemplateErrors(t *testing.T) {
	base := `{{define "base"}}{{block "main" .}}{{end}}{{end}}`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"parse error", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{.Page.Title}\n{{end}}"}, "themes/default/layouts/page.html:2:"},
		{"missing layout", map[string]string{"layouts/page.html": ""}, "themes/default/layouts/home.html: layout missing from the theme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"layouts/base.html": {Data: []byte(base)}}
			for n, d := range tt.files {
				fsys[n] = &fstest.MapFile{Data: []byte(d)}
			}
			_, err := LoadTemplates(fsys, config.Default())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestOverlay(t *testing.T) {
	upper := fstest.MapFS{"layouts/page.html": {Data: []byte("upper")}}
	lower := fstest.MapFS{"layouts/page.html": {Data: []byte("lower")}, "layouts/home.html": {Data: []byte("home")}}
	o := Overlay{Upper: upper, Lower: lower}
	es, err := o.ReadDir("layouts")
	if err != nil || len(es) != 2 {
		t.Fatalf("ReadDir = %v, %v", es, err)
	}
	f, err := o.Open("layouts/page.html")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 10)
	n, _ := f.Read(buf)
	if string(buf[:n]) != "upper" {
		t.Errorf("upper layer did not win: %q", buf[:n])
	}
}

func TestSitemap(t *testing.T) {
	c := config.Default()
	if err := c.SetBaseURL("https://example.com/h/"); err != nil {
		t.Fatal(err)
	}
	out := string(Sitemap(c, []*site.Page{{URL: "/"}, {URL: "/roles/a&b/"}}))
	for _, want := range []string{"<loc>https://example.com/h/</loc>", "<loc>https://example.com/h/roles/a&amp;b/</loc>"} {
		if !strings.Contains(out, want) {
			t.Errorf("sitemap lacks %s:\n%s", want, out)
		}
	}
}
