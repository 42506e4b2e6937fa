package render

import (
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/site"
)

// pageKeys returns Keys of the pages of s whose bodies' sums are bodies
// (by URL), for PageCache tests.
func pageKeys(s *site.Site, seed maphash.Seed, bodies map[string]uint64) *Keys {
	return NewKeys(seed, &SiteData{Home: s.Home}, s, s.Pages, nil, KeyInputs{
		Input:   func(*site.Page) Input { return Input{} },
		BodySum: func(p *site.Page) uint64 { return bodies[p.URL] },
		FileSum: func(*site.Page) uint64 { return 0 },
	})
}

func TestPageCache(t *testing.T) {
	s, err := site.New(nil, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	home := s.Home
	seed := maphash.MakeSeed()
	k1 := pageKeys(s, seed, map[string]uint64{"/": 1})
	k2 := pageKeys(s, seed, map[string]uint64{"/": 2})

	c := NewPageCache()
	if html, key, ok := c.Get(k1, home, "index.html"); ok || html != nil || key != k1.Page(home) {
		t.Errorf("Get of an empty cache = %q, %x, %v; want nothing, the page's key", html, key, ok)
	}
	c.Put("index.html", k1.Page(home), []byte("one"))
	if html, key, ok := c.Get(k1, home, "index.html"); !ok || string(html) != "one" || key != k1.Page(home) {
		t.Errorf("Get with the key it was Put for = %q, %x, %v", html, key, ok)
	}
	if _, key, ok := c.Get(k2, home, "index.html"); ok || key != k2.Page(home) {
		t.Errorf("Get with another key = %x, %v; want not ok, the new key", key, ok)
	}
	if _, _, ok := c.Get(k1, home, "other/index.html"); ok {
		t.Error("Get at another output path is ok")
	}
	c.Put("index.html", k2.Page(home), []byte("two"))
	if html, _, ok := c.Get(k2, home, "index.html"); !ok || string(html) != "two" {
		t.Errorf("Get after a second Put = %q, %v", html, ok)
	}
	if _, _, ok := c.Get(k1, home, "index.html"); ok {
		t.Error("Get with the first key after a second Put is ok")
	}

	// Rendered lists the paths Put since the last call, sorted, and
	// starts again.
	c.Put("b/index.html", 1, []byte("b"))
	c.Put("a/index.html", 1, []byte("a"))
	if diff := cmp.Diff([]string{"a/index.html", "b/index.html", "index.html", "index.html"}, c.Rendered()); diff != "" {
		t.Errorf("Rendered (-want +got):\n%s", diff)
	}
	if got := c.Rendered(); got == nil || len(got) != 0 {
		t.Errorf("Rendered again = %#v, want empty", got)
	}

	// Prune keeps the pages at the paths it is given; Clear drops all.
	c.Prune(map[string][]byte{"a/index.html": nil, "index.html": nil, "gone/index.html": nil})
	if _, _, ok := c.Get(k2, home, "index.html"); !ok {
		t.Error("Prune dropped a page it was given")
	}
	if got := slices.Sorted(maps.Keys(c.m)); !slices.Equal(got, []string{"a/index.html", "index.html"}) {
		t.Errorf("after Prune, pages at %v; want a/index.html and index.html", got)
	}
	c.Clear()
	if _, _, ok := c.Get(k2, home, "index.html"); ok || len(c.m) != 0 {
		t.Error("Clear kept pages")
	}
	if got := c.Rendered(); len(got) != 0 {
		t.Errorf("Rendered after Prune and Clear = %v: they render nothing", got)
	}
}

// TestPageCacheNil checks that a nil PageCache, a one-off build's, does
// nothing: Get finds nothing, without asking for the key.
func TestPageCacheNil(t *testing.T) {
	var c *PageCache
	if html, key, ok := c.Get(nil, nil, "index.html"); html != nil || key != 0 || ok {
		t.Errorf("Get = %q, %x, %v", html, key, ok)
	}
	c.Put("index.html", 1, []byte("x"))
	if got := c.Rendered(); got == nil || len(got) != 0 {
		t.Errorf("Rendered = %#v, want empty", got)
	}
	c.Clear()
	c.Prune(map[string][]byte{})
}

// TestPageCacheConcurrent puts and gets from many goroutines, as the
// render workers do; run it with -race.
func TestPageCacheConcurrent(t *testing.T) {
	s, err := site.New(nil, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := pageKeys(s, maphash.MakeSeed(), nil)
	key := k.Page(s.Home)
	const workers, each = 8, 50
	c := NewPageCache()
	var want []string
	var wg sync.WaitGroup
	for w := range workers {
		for i := range each {
			want = append(want, fmt.Sprintf("w%d/%02d/index.html", w, i))
		}
		wg.Go(func() {
			for i := range each {
				out := fmt.Sprintf("w%d/%02d/index.html", w, i)
				c.Put(out, key, []byte(out))
				if html, _, ok := c.Get(k, s.Home, out); !ok || string(html) != out {
					t.Errorf("Get(%s) = %q, %v", out, html, ok)
				}
			}
		})
	}
	wg.Wait()
	slices.Sort(want)
	if diff := cmp.Diff(want, c.Rendered()); diff != "" {
		t.Errorf("Rendered (-want +got):\n%s", diff)
	}
}
