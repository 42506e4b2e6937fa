// Package scratch tells the files that editors and tools write beside the
// files they edit from the files themselves: temporary files saved and
// renamed over the original, swap and lock files, backups, and hidden
// files (where editors and the operating system keep their own state).
//
// It is the one rule for both reading a handbook (content/, a theme's
// static files) and watching it: a scratch file is never published, and a
// change to one never starts a rebuild.
package scratch

import (
	"path"
	"slices"
	"strconv"
	"strings"
)

// Is reports whether the file or folder name (a base name, no slashes) is
// scratch:
//
//   - hidden names, starting with "." (vim's ".page.md.swp", Emacs's
//     ".#page.md" lock, ".DS_Store", BSD sed's ".!123!page.md", gedit's
//     ".goutputstream-XXXXXX", Sublime Text's and rsync's temporary
//     files);
//   - GNU `sed -i`'s temporary file "sedXXXXXX" ("sed" and six letters
//     or digits, no extension);
//   - vim's write probe "4913" (and the next ones it tries: 5036, 5159, …);
//     swap files ending ".swp", ".swo", ".swn", ".swm", ".swx", ".swpx";
//   - backups ending "~" (vim, Emacs, gedit, Kate), ".bak" (`sed -i.bak`),
//     ".bck" and ".orig" (merge tools);
//   - Emacs's auto-save "#page.md#" (any name starting with "#", which
//     no URL could name anyway);
//   - JetBrains' safe-write files "page.md___jb_tmp___" and
//     "page.md___jb_old___" (and older "jb_…___" ones);
//   - atomic saves' ".tmp" files (VS Code, many tools) and browsers'
//     ".crswap" files (web editors saving through the File System Access
//     API);
//   - Microsoft Office's "~$page.docx" owner files.
func Is(name string) bool {
	switch {
	case name == "":
		return false
	case strings.HasPrefix(name, "."),
		strings.HasPrefix(name, "~$"),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasPrefix(name, "jb_") && strings.HasSuffix(name, "___"),
		sedTemp(name), vimProbe(name):
		return true
	}
	return slices.Contains(extensions, strings.ToLower(path.Ext(name)))
}

var extensions = []string{".swp", ".swo", ".swn", ".swm", ".swx", ".swpx", ".bak", ".bck", ".orig", ".tmp", ".crswap"}

// sedTemp reports whether name is GNU sed's "sed" + mkstemp's six
// letters and digits.
func sedTemp(name string) bool {
	if len(name) != 9 || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, c := range name[3:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// vimProbe reports whether name is the file vim creates to check that it
// may write in a folder: "4913", or 4913 plus a multiple of 123 when that
// exists.
func vimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && name[0] != '0' && n >= 4913 && (n-4913)%123 == 0 && n < 4913+123*100
}
