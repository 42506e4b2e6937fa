package render

import (
	"slices"
	"sync"

	"github.com/handbook-dev/handbook/generator/site"
)

// PageCache keeps the rendered pages of one build for the next (serve
// --watch), by output path, with the render key each was rendered for,
// and lists the pages rendered. Its methods are safe for concurrent use,
// and do nothing on a nil PageCache (a one-off build renders every page).
type PageCache struct {
	mu       sync.Mutex
	m        map[string]rendered
	rendered []string
}

type rendered struct {
	key  uint64
	html []byte
}

// NewPageCache returns an empty PageCache.
func NewPageCache() *PageCache { return &PageCache{m: map[string]rendered{}} }

// Get returns the output of p at out when its key in k is the one it was
// rendered for, and the key.
func (c *PageCache) Get(k *Keys, p *site.Page, out string) (html []byte, key uint64, ok bool) {
	if c == nil {
		return nil, 0, false
	}
	key = k.Page(p)
	c.mu.Lock()
	e, ok := c.m[out]
	c.mu.Unlock()
	return e.html, key, ok && e.key == key
}

// Put keeps the output of a page just rendered at out for key.
func (c *PageCache) Put(out string, key uint64, html []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[out] = rendered{key: key, html: html}
	c.rendered = append(c.rendered, out)
	c.mu.Unlock()
}

// Rendered returns the output paths Put since the last call, sorted, and
// starts listing again.
func (c *PageCache) Rendered() []string {
	out := []string{}
	if c == nil {
		return out
	}
	c.mu.Lock()
	out = append(out, c.rendered...)
	c.rendered = nil
	c.mu.Unlock()
	slices.Sort(out)
	return out
}

// Clear drops every page: a theme changed.
func (c *PageCache) Clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m = map[string]rendered{}
	c.mu.Unlock()
}

// Prune drops the pages at output paths keep does not hold.
func (c *PageCache) Prune(keep map[string][]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for out := range c.m {
		if _, ok := keep[out]; !ok {
			delete(c.m, out)
		}
	}
}
