// Package content reads a handbook's source folder: Markdown files with YAML
// front matter, plus any other files (images, attachments) that are copied
// through unchanged.
//
// A Markdown file may open with front matter between two "---" lines. The
// common keys (Keys) are decoded into Front, and every other key into
// File.Params, which themes read as .Params; the whole front matter is also
// kept as a yaml.Node so later stages decode their own typed fields (roles,
// skills) with positions intact. Every problem names its key and position:
// "content/guides/x.md:4:8: weight: cannot use a list here, want a whole
// number", and YAML syntax errors get a line and column too
// (diag.YAMLSyntax). CheckParams finds keys that are misspellings of Keys
// ("darft"), which would otherwise pass silently as Params. Change notes (the "changes" key, see Change) are
// checked here, so a malformed date fails with its position. Files and folders whose names start with "." or "_"
// (except _index.md), and editors' swap and backup files, are ignored, and
// so is what an ignore list matches (Ignore: DefaultIgnore and
// handbook.yaml's ignore).
// Symbolic links follow the source folder's rule (package source): links
// inside it are read as their targets, folders included; links out of it
// are errors.
package content

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/scratch"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/internal/parallel"
	"github.com/handbook-dev/handbook/internal/yamltab"
)

// Front holds the front-matter keys every page may use.
type Front struct {
	ID          string   `yaml:"id"`
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Weight      int      `yaml:"weight"`
	Draft       bool     `yaml:"draft"`
	Aliases     []string `yaml:"aliases"`
	// Layout names the theme's layout the page is rendered with
	// (layouts/<name>.html) in place of its kind's: "data" shows the
	// page's front-matter data (render.DataFields).
	Layout string `yaml:"layout"`
	// AnchorAliases maps old anchors of this page to their new ids, so
	// deep links to a renamed heading or item still land on it.
	AnchorAliases map[string]string `yaml:"anchor_aliases"`
	// Changes are the author's change notes, shown at the top of the
	// page's history and in the handbook's changelog.
	Changes []Change `yaml:"changes"`
}

// File is one Markdown source file.
type File struct {
	// Path is the slash-separated path relative to the content folder.
	Path string
	// Name is the path as reported in errors (content folder included).
	Name  string
	Front Front
	// Meta is the parsed front matter; nil when the file has none.
	Meta *yaml.Node
	// MetaLine is the file line of the front matter's first line.
	MetaLine int
	Body     []byte
	// BodyLine is the file line where Body starts.
	BodyLine int
	// Params holds the front-matter keys that are not Keys, decoded as
	// YAML decodes into `any`, for themes (.Params); nil when there are
	// none. On role, skill and behaviour pages they are the keys their
	// own decoders read.
	Params map[string]any
	// paramErrs are the Params that could not be decoded (CheckParams).
	paramErrs diag.List
	// Incomplete says the file has problems that Load reported (bytes
	// that are not UTF-8, front matter that is not closed or does not
	// decode), and holds what could be read of it: the keys that decoded,
	// the body when the front matter is closed. A build goes on with it to
	// report every problem at once: the page exists, so links to it are
	// not reported as broken, but what it holds is not trusted (its
	// anchors are not checked).
	Incomplete bool
}

// Asset is a non-Markdown file copied to the output unchanged.
type Asset struct {
	Path string // relative to the content folder
}

// Tree is everything read from a content folder.
type Tree struct {
	Files  []*File
	Assets []Asset
}

// Entry is a file of the content folder as Walk finds it.
type Entry struct {
	// Path is the slash-separated path relative to the content folder;
	// Name is its path in the file system, as reported in errors.
	Path, Name string
	// Markdown says the file is a page; other files are assets.
	Markdown bool
	// Link says the file was reached through a symbolic link that the
	// file system followed (source.IsLink), its own or a folder's, or is
	// a link it did not follow: a change to the link's target changes it
	// (a dangling link's target may appear).
	Link bool
	// Err, when set, is why the file cannot be read: Load reports it.
	Err *diag.Error
}

// Walk calls visit for every file of the content folder dir of fsys that
// Load reads, in lexical order: all of them when rel is "", else the file
// or folder rel (a slash path relative to dir). It is the one place that
// decides which files count, for Load and for the incremental rebuild of
// serve --watch. Ignored names are skipped, and what ig matches (nil:
// DefaultIgnore), rel's folders included; the watcher of serve --watch
// leaves out the same paths (Ignore.MatchPath).
//
// Symbolic links are the file system's business: open the source folder
// with source.New, which reads links inside it as their targets and lists
// the others (outside the folder, dangling, loops) as links, reported here
// with the error that keeps them out. A file system that lists a link
// without following it (os.DirFS) gets an error for it too: no link is
// followed without the source folder's rule.
func Walk(fsys fs.FS, dir, rel string, ig *Ignore, visit func(Entry)) {
	if rel != "" && (IgnoredPath(rel) || ig.MatchPath(rel)) {
		return
	}
	top := dir
	if rel != "" {
		top = dir + "/" + rel
	}
	var linked []string // folders reached through a link, as "path/"
	_ = fs.WalkDir(fsys, top, func(p string, d fs.DirEntry, err error) error {
		r := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		if err != nil {
			if p == top && rel != "" && errors.Is(err, fs.ErrNotExist) {
				return nil // removed since it changed
			}
			visit(Entry{Path: r, Name: p, Err: readError(p, err)})
			return nil
		}
		if r == "" {
			return nil
		}
		if p != top && Ignored(path.Base(r)) || ig.Match(r, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if source.IsLink(d) {
				linked = append(linked, p+"/")
			}
			return nil
		}
		e := Entry{Path: r, Name: p, Markdown: strings.HasSuffix(strings.ToLower(r), ".md"), Link: source.IsLink(d)}
		for _, l := range linked {
			e.Link = e.Link || strings.HasPrefix(p, l)
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			e.Link = true
			_, err := fs.Stat(fsys, p)
			if err == nil {
				err = errors.New("symbolic link not followed")
			}
			e.Err = readError(p, err)
		case !d.Type().IsRegular():
			return nil // a device, a pipe
		}
		visit(e)
		return nil
	})
}

// readError is err, met reading the file p, as a diagnostic.
func readError(p string, err error) *diag.Error {
	if le, ok := source.AsLinkError(err); ok {
		return le.Diag()
	}
	return diag.Errorf(p, 0, 0, "cannot read: %v", unwrapPathError(err))
}

// Load reads every file under dir in fsys (see Walk for which), ignoring
// DefaultIgnore: LoadIgnoring with nil.
func Load(fsys fs.FS, dir string) (*Tree, error) { return LoadIgnoring(fsys, dir, nil) }

// LoadIgnoring reads every file under dir in fsys that Walk lists with
// ig. It reports all bad files at once as a diag.List, with the Tree of
// what it could read: the good files, and of each bad Markdown file what
// could be read of it, marked Incomplete (so a check goes on and reports
// every problem). Files are read and parsed on all CPUs.
func LoadIgnoring(fsys fs.FS, dir string, ig *Ignore) (*Tree, error) {
	t := &Tree{}
	// The walk lists the Markdown files; they are parsed afterwards, in
	// parallel, and problems are reported in walk order.
	type entry struct {
		path, rel string
		file      *File
		errs      diag.List
	}
	var entries []*entry
	Walk(fsys, dir, "", ig, func(e Entry) {
		switch {
		case e.Err != nil:
			en := &entry{errs: diag.List{e.Err}}
			if e.Markdown {
				en.file = unreadable(e)
			}
			entries = append(entries, en)
		case !e.Markdown:
			t.Assets = append(t.Assets, Asset{Path: e.Path})
		default:
			entries = append(entries, &entry{path: e.Name, rel: e.Path})
		}
	})
	// Problems are kept per entry, so every file is read and all are
	// reported.
	parallel.Each(context.Background(), entries, func(_ context.Context, e *entry) error {
		if e.path == "" {
			return nil // an error of the walk
		}
		data, err := fs.ReadFile(fsys, e.path)
		if err != nil {
			e.errs.Add(diag.Errorf(e.path, 0, 0, "cannot read: %v", unwrapPathError(err)))
			e.file = unreadable(Entry{Path: e.rel, Name: e.path})
			return nil
		}
		f, errs := parse(e.path, data)
		f.Path = e.rel
		e.file, e.errs = f, errs
		return nil
	})
	var errs diag.List
	for _, e := range entries {
		errs = append(errs, e.errs...)
		if e.file != nil {
			t.Files = append(t.Files, e.file)
		}
	}
	sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Path < t.Files[j].Path })
	return t, errs.Err()
}

// unreadable is the Incomplete file of a Markdown file that could not be
// read at all.
func unreadable(e Entry) *File {
	return &File{Path: e.Path, Name: e.Name, BodyLine: 1, Incomplete: true}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IgnoredPath reports whether the slash path rel, relative to the content
// folder, is skipped: its name or a folder above it is Ignored.
func IgnoredPath(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if Ignored(el) {
			return true
		}
	}
	return false
}

// Ignored reports whether a file or folder name is skipped: names
// starting with "_" other than _index.md, and scratch files (hidden
// files, editors' and tools' temporary, swap and backup files: see
// package scratch), which the watcher of `serve --watch` ignores too.
func Ignored(name string) bool {
	if name == "_index.md" {
		return false
	}
	return strings.HasPrefix(name, "_") || scratch.Is(name)
}

var fence = []byte("---")

// Parse splits data into front matter and body. name is used in errors.
func Parse(name string, data []byte) (*File, error) {
	f, errs := parse(name, data)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// parse is Parse that also returns what it could read of a file with
// problems: a File marked Incomplete, holding the front-matter keys that
// decoded and the body when the front matter was closed.
func parse(name string, data []byte) (*File, diag.List) {
	f := &File{Name: name, Path: name, BodyLine: 1}
	var errs diag.List
	if line, col, ok := invalidUTF8(data); !ok {
		errs.Add(diag.Errorf(name, line, col, "file is not valid UTF-8").
			WithHint("save it with UTF-8 encoding"))
		f.Incomplete = true
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if !bytes.Equal(bytes.TrimRight(first, " \t\r"), fence) {
		f.Body = data
		return f, errs
	}
	// Find the closing fence.
	lines, line := rest, 2
	var meta []byte
	found := false
	for offset := 0; offset <= len(lines); {
		end := bytes.IndexByte(lines[offset:], '\n')
		var l []byte
		if end < 0 {
			l = lines[offset:]
			end = len(lines) - offset
		} else {
			l = lines[offset : offset+end]
		}
		if bytes.Equal(bytes.TrimRight(l, " \t\r"), fence) {
			meta = lines[:offset]
			next := offset + end + 1
			if next > len(lines) {
				next = len(lines)
			}
			f.Body = lines[next:]
			f.BodyLine = line + 1
			found = true
			break
		}
		offset += end + 1
		line++
	}
	if !found {
		errs.Add(diag.Errorf(name, 1, 1, "front matter is not closed").
			WithHint(`end it with a line holding only "---"`))
		f.Incomplete = true
		return f, errs
	}
	f.MetaLine = 2
	var node yaml.Node
	meta = yamltab.Separation(meta) // tabs as the YAML spec allows them
	if err := yaml.Unmarshal(meta, &node); err != nil {
		errs.Add(diag.YAMLSyntax(name, f.MetaLine-1, meta, err))
		f.Incomplete = true
		if doc := recoverKeys(meta); len(doc.Content) > 0 {
			f.Meta = doc
			d := &frontDecoder{name: name, off: f.MetaLine - 1}
			d.decode(doc, f)
			errs = append(errs, d.errs...)
		}
		return f, errs
	}
	if len(node.Content) == 0 {
		return f, errs // empty front matter
	}
	doc := node.Content[0]
	if doc.Kind != yaml.MappingNode {
		errs.Add(diag.Errorf(name, doc.Line+1, doc.Column, "front matter must be a mapping of keys to values").
			WithHint("write it as `key: value` lines"))
		f.Incomplete = true
		return f, errs
	}
	f.Meta = doc
	d := &frontDecoder{name: name, off: f.MetaLine - 1}
	d.decode(doc, f)
	if len(d.errs) > 0 {
		errs = append(errs, d.errs...)
		f.Incomplete = true
	}
	return f, errs
}

// recoverKeys reads what it can of front matter that does not parse as
// YAML: each top-level key (a line starting in the first column, with the
// indented or "- " lines under it) parsed on its own, the keys that parse
// kept. A page whose title line is broken keeps its id, its draft flag and
// its aliases, so the problem is reported once, not again by every link
// to the page.
func recoverKeys(meta []byte) *yaml.Node {
	lines := bytes.SplitAfter(meta, []byte("\n"))
	doc := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		var n yaml.Node
		if yaml.Unmarshal(bytes.Join(lines[start:end], nil), &n) == nil && len(n.Content) == 1 && n.Content[0].Kind == yaml.MappingNode {
			shiftLines(n.Content[0], start, 0)
			doc.Content = append(doc.Content, n.Content[0].Content...)
		}
	}
	for i, l := range lines {
		if len(l) > 0 && !strings.ContainsRune(" \t#-\r\n", rune(l[0])) {
			flush(i)
			start = i
		}
	}
	flush(len(lines))
	return doc
}

// shiftLines moves n and the nodes under it by lines.
func shiftLines(n *yaml.Node, lines, depth int) {
	if depth > 1000 {
		return
	}
	n.Line += lines
	for _, c := range n.Content {
		shiftLines(c, lines, depth+1)
	}
}

// invalidUTF8 returns the position of the first invalid UTF-8 sequence.
func invalidUTF8(data []byte) (line, col int, ok bool) {
	if utf8.Valid(data) {
		return 0, 0, true
	}
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			return line, col, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col, false
}
