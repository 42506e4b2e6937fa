package render

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/handbook-dev/handbook/generator/source"
)

// Overlay layers two file systems: a file in Upper hides the file of the
// same name in Lower, and folder listings are merged. A site's
// themes/<name> folder is the upper layer over the embedded default theme.
type Overlay struct {
	Upper, Lower fs.FS
}

// Open opens name from Upper, falling back to Lower.
func (o Overlay) Open(name string) (fs.File, error) {
	if o.Upper != nil {
		f, err := o.Upper.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.Lower.Open(name)
}

// ReadDir merges the listings of both layers.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	for _, layer := range []fs.FS{o.Lower, o.Upper} {
		if layer == nil {
			continue
		}
		es, err := fs.ReadDir(layer, name)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		for _, e := range es {
			seen[e.Name()] = e
		}
	}
	if len(seen) == 0 && firstErr != nil {
		return nil, firstErr
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Theme returns the theme file system for name: the folder themes/<name> of
// the site (when present) layered over the embedded default theme. A theme
// other than "default" must exist in the site. siteFS decides which
// symbolic links are followed (package source).
func Theme(siteFS fs.FS, name string, embedded fs.FS) (fs.FS, error) {
	dir := "themes/" + name
	info, err := fs.Stat(siteFS, dir)
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		if le, ok := source.AsLinkError(err); ok {
			return nil, le.Diag() // themes/<name> is a link out of the site
		}
		return nil, err
	case err == nil && info.IsDir():
		sub, err := fs.Sub(siteFS, dir)
		if err != nil {
			return nil, err
		}
		return Overlay{Upper: sub, Lower: embedded}, nil
	case name == "default":
		return embedded, nil
	default:
		return nil, fmt.Errorf("theme %q not found: create the folder %s or set theme: default in handbook.yaml", name, dir)
	}
}
