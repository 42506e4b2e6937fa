// Package devserver serves a handbook while its author edits it: `handbook
// serve --watch`.
//
// Run builds the site into memory with a generator.Builder, serves the
// latest good build from memory (public/ is never written; its pages are
// kept compressed, generator.Builder.PackPages), watches the
// source folder (package watch), rebuilds after each burst of changes,
// re-rendering only the pages a change affects, and tells the open
// browsers over Server-Sent Events (package livereload) once a rebuild is
// complete. A failed rebuild leaves the last good build served and shows
// its errors in the browsers, in the same file:line:col form as `handbook
// build`, until it is fixed. Changes to files the build does not read
// (generator.Builder.Ignored: what content's ignore list skips, assets/
// other than custom.css) start no rebuild. docs/serve.md describes what
// authors see.
//
// Server is the HTTP side: the site from memory through server.Handler
// (the same path checks as `handbook serve`), with a small script injected
// into HTML pages only as they are served (client.js: a changed page
// fetched again and patched in place, a reload keeping the scroll position
// when its scripts or head changed, stylesheets swapped in place, the
// error overlay, the warnings folded into a badge after their first
// show), the event stream at /__handbook/events and the script at
// /__handbook/livereload.js.
package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/livereload"
	"github.com/handbook-dev/handbook/generator/server"
)

// Paths the dev server answers besides the site's files.
const (
	Prefix     = "/__handbook/"
	EventsPath = Prefix + "events"
	ScriptPath = Prefix + "livereload.js"
)

//go:embed client.js
var clientJS []byte

// maxListed bounds the changed files named in a reload event; beyond it
// the event says that everything changed.
const maxListed = 500

// Server serves the latest good build of a site from memory to browsers
// that it keeps told about rebuilds. Make one with New.
type Server struct {
	hub      *livereload.Hub
	site     atomic.Pointer[snapshot]
	instance string // tells this run's builds from the previous run's

	mu       sync.Mutex // serialises Publish, Fail and PublishSearch
	seq      int
	errors   []Problem // of the last build, when it failed
	warnings []string  // of the last good build
}

// New returns a Server with nothing to serve yet: until the first Publish
// it answers with the errors of the last Fail, or that the site is being
// built.
func New() *Server {
	return &Server{hub: livereload.NewHub(), instance: fmt.Sprintf("%x", time.Now().UnixNano())}
}

// Close disconnects the browsers. Call it before shutting the HTTP server
// down: event streams never end by themselves.
func (s *Server) Close() { s.hub.Close() }

// Clients returns the number of browsers connected.
func (s *Server) Clients() int { return s.hub.Clients() }

// ServeHTTP serves the site, the event stream and the client script, to
// GET and HEAD requests only. In front of it, server.Guard refuses
// requests for other hosts and from other sites' pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case EventsPath:
		s.hub.ServeHTTP(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Length", fmt.Sprint(len(clientJS)))
		if r.Method != http.MethodHead {
			_, _ = w.Write(clientJS)
		}
		return
	}
	if strings.HasPrefix(r.URL.Path, Prefix) {
		http.NotFound(w, r)
		return
	}
	snap := s.site.Load()
	if snap == nil {
		s.serveNoSite(w, r)
		return
	}
	server.Handler{FS: snap}.ServeHTTP(w, r)
}

// serveNoSite answers while there is no good build: a page that shows the
// errors and loads the site once it builds.
func (s *Server) serveNoSite(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	problems := s.errors
	s.mu.Unlock()
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>The handbook could not be built</title>\n</head>\n<body>\n")
	if len(problems) == 0 {
		b.WriteString("<h1>Building the handbook…</h1>\n")
	} else {
		b.WriteString("<h1>The handbook could not be built</h1>\n<ul>\n")
		for _, p := range problems {
			fmt.Fprintf(&b, "<li><code>%s</code></li>\n", html.EscapeString(p.Text))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</body>\n</html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		_, _ = w.Write(inject(b.Bytes(), "", ""))
	}
}

// Problem is one error of a failed build, as the browser shows it.
type Problem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	// Text is the whole line, as the terminal shows it.
	Text string `json:"text"`
}

// Problems lists the errors in err, positioned where they have a position.
func Problems(err error) []Problem {
	var out []Problem
	for _, e := range diag.Flatten(err) {
		out = append(out, Problem{File: e.File, Line: e.Line, Col: e.Col, Message: e.Msg, Hint: e.Hint, Text: strings.TrimPrefix(e.Error(), ": ")})
	}
	return out
}

// Update says what a Publish changed, by output path.
type Update struct {
	Build                   string
	Changed, Added, Removed []string
}

// Pages counts the HTML files among the changes.
func (u Update) Pages() int {
	n := 0
	for _, list := range [][]string{u.Changed, u.Added, u.Removed} {
		for _, p := range list {
			if strings.HasSuffix(p, ".html") {
				n++
			}
		}
	}
	return n
}

// Publish serves files, a complete build, from now on and tells the
// browsers what changed. The search index of the previous build is kept
// until PublishSearch brings this build's, unless files has one. The
// server keeps files: the caller must not change the map afterwards (a
// generator.Builder never changes the maps it returned). Its pages may be
// packed (generator.Unpack): they are unpacked as they are served.
func (s *Server) Publish(files map[string][]byte, warnings []string) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	build := fmt.Sprintf("%s-%d", s.instance, s.seq)
	next := &snapshot{site: files, build: build}
	prev := s.site.Load()
	if prev != nil && !hasSearch(files) {
		next.search = prev.search
		if next.search == nil && hasSearch(prev.site) {
			// The previous build came with its index: keep that.
			next.search = &searchFiles{files: map[string][]byte{}, build: prev.build}
			for name, data := range prev.site {
				if isSearch(name) {
					next.search.files[name] = data
				}
			}
		}
	}
	u := diff(prev, next)
	if prev != nil && len(u.Added)+len(u.Removed) == 0 && prev.search == next.search {
		next.dirs = prev.dirs // the same paths
	} else {
		next.index()
	}
	u.Build = build
	s.site.Store(next)
	s.errors, s.warnings = nil, warnings
	msg := reloadMessage{Build: build, Changed: u.Changed, Added: u.Added, Removed: u.Removed, Warnings: warnings}
	if len(u.Changed)+len(u.Added)+len(u.Removed) > maxListed {
		msg = reloadMessage{Build: build, All: true, Warnings: warnings}
	}
	s.hub.SetWelcome(s.hello())
	s.hub.Send(message("reload", msg))
	return u
}

func hasSearch(files map[string][]byte) bool {
	for name := range files {
		if isSearch(name) {
			return true
		}
	}
	return false
}

// PublishSearch adds the search index files (by output path) of the build
// published as build; it does nothing when a later build was published
// meanwhile, whose own index will follow.
func (s *Server) PublishSearch(build string, files map[string][]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.site.Load()
	if cur == nil || cur.build != build {
		return
	}
	next := &snapshot{site: cur.site, search: &searchFiles{files: files, build: build}, build: build}
	next.index()
	s.site.Store(next)
}

// Fail shows the errors of a failed build in the browsers; the last good
// build stays served.
func (s *Server) Fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errors = Problems(err)
	s.hub.SetWelcome(s.hello())
	s.hub.Send(message("failed", failedMessage{Build: s.buildID(), Errors: s.errors}))
}

// BuildID is the id of the build served, "" before the first.
func (s *Server) BuildID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buildID()
}

func (s *Server) buildID() string {
	if snap := s.site.Load(); snap != nil {
		return snap.build
	}
	return ""
}

// The messages of the event stream; client.js reads them.
type (
	helloMessage struct {
		Build    string    `json:"build"`
		Errors   []Problem `json:"errors,omitempty"`
		Warnings []string  `json:"warnings,omitempty"`
	}
	reloadMessage struct {
		Build    string   `json:"build"`
		All      bool     `json:"all,omitempty"`
		Changed  []string `json:"changed,omitempty"`
		Added    []string `json:"added,omitempty"`
		Removed  []string `json:"removed,omitempty"`
		Warnings []string `json:"warnings,omitempty"`
	}
	failedMessage struct {
		Build  string    `json:"build"`
		Errors []Problem `json:"errors"`
	}
)

func (s *Server) hello() livereload.Message {
	return message("hello", helloMessage{Build: s.buildID(), Errors: s.errors, Warnings: s.warnings})
}

func message(event string, v any) livereload.Message {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // plain structs of strings: cannot fail
	}
	return livereload.Message{Event: event, Data: data}
}

func isSearch(name string) bool { return strings.HasPrefix(name, "search/") }

// diff compares two builds, leaving out the search index.
func diff(prev, next *snapshot) Update {
	var u Update
	for name, data := range next.site {
		if isSearch(name) {
			continue
		}
		if prev == nil {
			u.Added = append(u.Added, name)
			continue
		}
		old, ok := prev.site[name]
		switch {
		case !ok:
			u.Added = append(u.Added, name)
		case !sameBytes(old, data):
			u.Changed = append(u.Changed, name)
		}
	}
	if prev != nil {
		for name := range prev.site {
			if _, ok := next.site[name]; !ok && !isSearch(name) {
				u.Removed = append(u.Removed, name)
			}
		}
	}
	sort.Strings(u.Changed)
	sort.Strings(u.Added)
	sort.Strings(u.Removed)
	return u
}

// sameBytes compares two files, at once when a rebuild reused the output.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// snapshot is one build held in memory, served as an fs.FS: folders are
// implied by the files' paths, HTML files are unpacked (generator.Unpack)
// and get the client script as they are read.
type snapshot struct {
	// site is the build's files, search the search index published after
	// it (a search file of site is served when search has none). Both
	// are shared between snapshots and never changed.
	site   map[string][]byte
	search *searchFiles
	dirs   map[string]bool
	build  string
}

// searchFiles is one search index, by output path, and the build it
// indexes.
type searchFiles struct {
	files map[string][]byte
	build string
}

// file returns the bytes of the file at name.
func (s *snapshot) file(name string) ([]byte, bool) {
	if s.search != nil && isSearch(name) {
		if data, ok := s.search.files[name]; ok {
			return data, true
		}
	}
	data, ok := s.site[name]
	return data, ok
}

func (s *snapshot) index() {
	s.dirs = map[string]bool{".": true}
	all := []map[string][]byte{s.site}
	if s.search != nil {
		all = append(all, s.search.files)
	}
	for _, files := range all {
		for name := range files {
			for d := path.Dir(name); d != "." && !s.dirs[d]; d = path.Dir(d) {
				s.dirs[d] = true
			}
		}
	}
}

// Open implements fs.FS.
func (s *snapshot) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := s.file(name); ok {
		data, err := generator.Unpack(name, data)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		if strings.HasSuffix(name, ".html") {
			data = inject(data, s.build, name)
		}
		return &memFile{name: path.Base(name), r: bytes.NewReader(data), size: int64(len(data))}, nil
	}
	if s.dirs[name] {
		return &memFile{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Stat implements fs.StatFS without reading the file.
func (s *snapshot) Stat(name string) (fs.FileInfo, error) {
	if data, ok := s.file(name); ok && fs.ValidPath(name) {
		return &memFile{name: path.Base(name), size: int64(generator.PackedSize(name, data))}, nil
	}
	if s.dirs[name] {
		return &memFile{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// memFile is a file or folder of a snapshot. Folders cannot be listed.
type memFile struct {
	name string
	r    *bytes.Reader
	size int64
	dir  bool
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Read(p []byte) (int, error) {
	if f.dir {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: errors.New("is a directory")}
	}
	return f.r.Read(p)
}

func (f *memFile) Name() string       { return f.name }
func (f *memFile) Size() int64        { return f.size }
func (f *memFile) ModTime() time.Time { return time.Time{} }
func (f *memFile) IsDir() bool        { return f.dir }
func (f *memFile) Sys() any           { return nil }
func (f *memFile) Mode() fs.FileMode {
	if f.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

var _ io.Reader = (*memFile)(nil)

// inject adds the client script to an HTML page, before </head> (or
// </body>, or at the end). build is the id of the build served and file
// the page's output path, so the script can tell whether a rebuild
// changed it.
func inject(page []byte, build, file string) []byte {
	tag := fmt.Sprintf(`<script src="%s" data-build="%s" data-file="%s" defer></script>`,
		ScriptPath, html.EscapeString(build), html.EscapeString(file))
	lower := bytes.ToLower(page)
	at := bytes.Index(lower, []byte("</head>"))
	if at < 0 {
		at = bytes.LastIndex(lower, []byte("</body>"))
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:at]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[at:]...)
}
