package convert

import (
	"sync"

	"github.com/handbook-dev/handbook/generator/content"
)

// Cache keeps the conversions of one build for the next (serve --watch),
// by content path, and counts the conversions made. Its methods are safe
// for concurrent use, and do nothing on a nil Cache (a one-off build).
type Cache struct {
	mu   sync.Mutex
	m    map[string]*Page
	made int
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{m: map[string]*Page{}} }

// Get returns the last conversion of the content file at path; check it
// with Converter.Reusable.
func (c *Cache) Get(path string) *Page {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[path]
}

// Put keeps a conversion just made.
func (c *Cache) Put(p *Page) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[p.src.Path] = p
	c.made++
	c.mu.Unlock()
}

// Made returns the number of conversions Put since the last call, and
// starts counting again.
func (c *Cache) Made() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.made
	c.made = 0
	return n
}

// Prune drops the conversions of files that files does not hold.
func (c *Cache) Prune(files []*content.File) {
	if c == nil {
		return
	}
	keep := make(map[*content.File]bool, len(files))
	for _, f := range files {
		keep[f] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for path, p := range c.m {
		if !keep[p.src] {
			delete(c.m, path)
		}
	}
}
