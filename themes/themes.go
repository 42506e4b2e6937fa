// Package themes embeds the default theme so the handbook binary works
// alone. A themes/<name> folder in a site overrides it file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default returns the embedded default theme: layouts/ (html/template files)
// and static/ (CSS, JS and images copied to /assets/).
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // the embedded tree always has "default"
	}
	return sub
}
