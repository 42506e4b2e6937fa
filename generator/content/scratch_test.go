package content

import (
	"testing"
	"testing/fstest"
)

// Editors' and tools' files beside a page are neither pages nor assets:
// the watcher ignores them by the same rule (package scratch), so a
// rebuild never differs from a fresh build because of them.
func TestLoadSkipsScratchFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/guides/start.md": {Data: []byte("---\ntitle: Start\n---\n")},
	}
	for _, name := range []string{"sedAb12Cd", "start.md___jb_tmp___", "start.md___jb_old___", "start.md.bak", "start.md.tmp", "start.md.crswap", "#start.md#", "5036", "start.md.swo"} {
		fsys["content/guides/"+name] = &fstest.MapFile{Data: []byte("x")}
	}
	fsys["content/guides~/old.md"] = &fstest.MapFile{Data: []byte("x")}
	tree, err := Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Files) != 1 || tree.Files[0].Path != "guides/start.md" || len(tree.Assets) != 0 {
		var paths []string
		for _, f := range tree.Files {
			paths = append(paths, f.Path)
		}
		t.Errorf("files %v, assets %v; want guides/start.md only", paths, tree.Assets)
	}
}
