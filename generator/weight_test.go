package generator

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
)

// maxRoleWeight is the budget of a role page: its HTML and the CSS and
// JavaScript it references, each gzipped as a static host serves them. The
// search index, fetched only when the reader searches, is not part of it.
const maxRoleWeight = 100 << 10

// maxBlockingScript is the most a script that blocks rendering may weigh:
// only the theme script, which must run before the first paint, may block.
const maxBlockingScript = 1 << 10

var (
	stylesheetRef = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)
	scriptTag     = regexp.MustCompile(`<script\b[^>]*\bsrc="([^"]+)"[^>]*>`)
)

// Every role page of the real handbook weighs at most maxRoleWeight
// gzipped, and no script but the tiny theme script blocks rendering.
func TestRoleWeight(t *testing.T) {
	res, err := OpenFS(os.DirFS(".."), nil, Options{}).Generate(context.Background())
	if err != nil {
		t.Fatalf("the handbook in content/ does not build:\n%v", err)
	}
	heaviest, heaviestPage := 0, ""
	for name, html := range res.Files {
		if !strings.HasPrefix(name, "roles/") || path.Base(name) != "index.html" || name == "roles/index.html" {
			continue
		}
		dir := path.Dir(name)
		total, parts := gzipSize(html), []string{}
		for _, ref := range references(t, name, html) {
			file := path.Clean(path.Join(dir, ref.href))
			data, ok := res.Files[file]
			if !ok {
				t.Errorf("%s references %s, which the build did not produce", name, ref.href)
				continue
			}
			if isSearchIndex(file) {
				continue
			}
			total += gzipSize(data)
			parts = append(parts, file)
			if ref.blocking && (path.Base(file) != "theme.js" || len(data) > maxBlockingScript) {
				t.Errorf("%s: %s blocks rendering (only the theme script, at most %d bytes, may)", name, ref.href, maxBlockingScript)
			}
		}
		if total > heaviest {
			heaviest, heaviestPage = total, name
		}
		if total > maxRoleWeight {
			t.Errorf("%s weighs %.1f KB gzipped with %q, over the budget of %d KB", name, float64(total)/1024, parts, maxRoleWeight>>10)
		}
	}
	if heaviestPage == "" {
		t.Fatal("no role page in the build")
	}
	t.Logf("heaviest role page: %s, %.1f KB gzipped (HTML, CSS and JavaScript)", heaviestPage, float64(heaviest)/1024)
}

type reference struct {
	href     string
	blocking bool // a script without defer, async or type=module
}

// references lists the stylesheets and scripts a page loads.
func references(t *testing.T, name string, html []byte) []reference {
	var refs []reference
	for _, m := range stylesheetRef.FindAllSubmatch(html, -1) {
		refs = append(refs, reference{href: string(m[1])})
	}
	for _, m := range scriptTag.FindAllSubmatch(html, -1) {
		tag := string(m[0])
		blocking := !strings.Contains(tag, " defer") && !strings.Contains(tag, " async") && !strings.Contains(tag, `type="module"`)
		refs = append(refs, reference{href: string(m[1]), blocking: blocking})
	}
	for _, r := range refs {
		if strings.Contains(r.href, "://") || strings.HasPrefix(r.href, "//") {
			t.Errorf("%s loads %s from another site: the handbook fetches nothing from anywhere", name, r.href)
		}
	}
	return refs
}

// isSearchIndex reports whether file is (part of) the search index, which
// loads on demand and is outside the page budget.
func isSearchIndex(file string) bool {
	return strings.Contains(file, "search") && (strings.HasSuffix(file, ".json") || strings.Contains(file, "index"))
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Len()
}
