package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/server/servertest"
)

const (
	indexBody    = "<!doctype html><html><head><title>Home</title></head><body><h1>Home</h1></body></html>"
	roleBody     = "<!doctype html><html><head><title>Role X</title></head><body><h1>Role X</h1></body></html>"
	notFoundBody = "<!doctype html><html><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>"
	cssBody      = "body { margin: 0 }"
)

func siteFiles() map[string][]byte {
	return map[string][]byte{
		"index.html":           []byte(indexBody),
		"404.html":             []byte(notFoundBody),
		"assets/site.css":      []byte(cssBody),
		"roles/x/index.html":   []byte(roleBody),
		"empty/listed.html":    []byte("a folder without index.html must not be listed"),
		"roles/y/notes.txt":    []byte("no index here"),
		"search/manifest.json": []byte("{}"),
	}
}

type response struct {
	Status      int
	Location    string
	ContentType string
	Body        string
}

func get(h http.Handler, method, target string) response {
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	ct, _, _ := strings.Cut(res.Header.Get("Content-Type"), ";")
	return response{Status: res.StatusCode, Location: res.Header.Get("Location"), ContentType: ct, Body: string(body)}
}

func newServer(t *testing.T) *Server {
	t.Helper()
	s := New()
	t.Cleanup(s.Close)
	s.Publish(siteFiles(), nil)
	return s
}

// injected is a page as the dev server serves it.
func injected(s *Server, page, file string) string {
	return string(inject([]byte(page), s.BuildID(), file))
}

func TestServeFromMemory(t *testing.T) {
	s := newServer(t)
	notFound := response{Status: 404, ContentType: "text/html", Body: injected(s, notFoundBody, "404.html")}
	tests := []struct {
		method, target string
		want           response
	}{
		{"GET", "/", response{Status: 200, ContentType: "text/html", Body: injected(s, indexBody, "index.html")}},
		{"GET", "/roles/x/", response{Status: 200, ContentType: "text/html", Body: injected(s, roleBody, "roles/x/index.html")}},
		{"GET", "/roles/x", response{Status: 301, Location: "/roles/x/", ContentType: "text/html"}},
		{"GET", "/assets/site.css", response{Status: 200, ContentType: "text/css", Body: cssBody}},
		{"HEAD", "/", response{Status: 200, ContentType: "text/html"}},
		{"POST", "/", response{Status: 405, ContentType: "text/plain", Body: "method not allowed\n"}},
		{"GET", "/nope/", notFound},
		{"GET", "/empty/", notFound},
		{"GET", "/roles/y/", notFound},
		{"GET", "/assets/", notFound},
		{"GET", "/__handbook/nope", response{Status: 404, ContentType: "text/plain", Body: "404 page not found\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			got := get(s, tt.method, tt.target)
			if tt.want.Status == 301 {
				got.Body = ""
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if got := get(s, "GET", ScriptPath); got.Status != 200 || got.ContentType != "text/javascript" || !strings.Contains(got.Body, "EventSource") {
		t.Errorf("GET %s = %d %s", ScriptPath, got.Status, got.ContentType)
	}
}

// The traversal cases of the disk server, on the in-memory one: nothing
// outside the build can be named, and every case gets the 404 page.
func TestTraversal(t *testing.T) {
	s := newServer(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	want := response{Status: 404, ContentType: "text/html", Body: injected(s, notFoundBody, "404.html")}
	for _, target := range servertest.Traversals {
		t.Run(target, func(t *testing.T) {
			if diff := cmp.Diff(want, get(s, "GET", target)); diff != "" {
				t.Errorf("handler: GET %s (-want +got):\n%s", target, diff)
			}
			if diff := cmp.Diff(want, rawGet(t, srv.Listener.Addr().String(), target)); diff != "" {
				t.Errorf("wire: GET %s (-want +got):\n%s", target, diff)
			}
		})
	}
}

func rawGet(t *testing.T, addr, target string) response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: handbook.test\r\nConnection: close\r\n\r\n", target)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	ct, _, _ := strings.Cut(res.Header.Get("Content-Type"), ";")
	return response{Status: res.StatusCode, Location: res.Header.Get("Location"), ContentType: ct, Body: string(body)}
}

func TestInject(t *testing.T) {
	tag := `<script src="/__handbook/livereload.js" data-build="b&amp;1" data-file="a/index.html" defer></script>` + "\n"
	for _, tt := range []struct{ in, want string }{
		{"<html><head><title>x</title></HEAD><body>y</body></html>", "<html><head><title>x</title>" + tag + "</HEAD><body>y</body></html>"},
		{"<body>no head</body>", tag + "</body>"},
		{"fragment", "fragment" + tag},
	} {
		if got := string(inject([]byte(tt.in), "b&1", "a/index.html")); got != strings.Replace(tt.want, tag+"</body>", "<body>no head"+tag+"</body>", 1) && got != tt.want {
			t.Errorf("inject(%q) =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
	}
}

// The script is injected only as pages are served: `handbook build`
// writes none of it, and the theme does not ship it.
func TestBuildOutputHasNoScript(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"handbook.yaml":     "title: T\n",
		"content/_index.md": "---\ntitle: Home\n---\nHi.\n",
		"content/a.md":      "---\ntitle: A\n---\nA page.\n",
	})
	dest := filepath.Join(dir, "public")
	if _, err := generator.Open(context.Background(), dir, generator.Options{Destination: dest}).Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range []string{"__handbook", "livereload", "handbook-serve", "EventSource"} {
			if strings.Contains(string(b), s) {
				t.Errorf("%s contains %q: the dev server's script leaked into the build", p, s)
			}
		}
		return nil
	})
	if err != nil || n < 5 {
		t.Fatalf("walked %d files: %v", n, err)
	}
}

// stream reads the events of /__handbook/events.
type stream struct {
	body io.ReadCloser
	r    *bufio.Reader
}

type event struct {
	Name string
	Data map[string]any
}

func openStream(t testing.TB, base string) *stream {
	t.Helper()
	res, err := http.Get(base + strings.TrimPrefix(EventsPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 {
		t.Fatalf("events: status %d", res.StatusCode)
	}
	t.Cleanup(func() { res.Body.Close() })
	return &stream{body: res.Body, r: bufio.NewReader(res.Body)}
}

func (s *stream) next(t testing.TB) event {
	t.Helper()
	timer := time.AfterFunc(20*time.Second, func() { s.body.Close() })
	defer timer.Stop()
	var ev event
	var data []string
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			t.Fatalf("events: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" && ev.Name != "":
			if err := json.Unmarshal([]byte(strings.Join(data, "\n")), &ev.Data); err != nil {
				t.Fatal(err)
			}
			return ev
		case strings.HasPrefix(line, "event: "):
			ev.Name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		}
	}
}

// until reads events until one named name.
func (s *stream) until(t testing.TB, name string) event {
	t.Helper()
	for {
		if ev := s.next(t); ev.Name == name {
			return ev
		}
	}
}

func strs(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, x.(string))
		}
	}
	return out
}

func TestPublishAndFail(t *testing.T) {
	s := newServer(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	defer s.Close()
	es := openStream(t, srv.URL+"/")
	if ev := es.next(t); ev.Name != "hello" || ev.Data["build"] != s.BuildID() {
		t.Fatalf("first event %+v, want hello for build %s", ev, s.BuildID())
	}

	files := siteFiles()
	files["roles/x/index.html"] = []byte(strings.Replace(roleBody, "Role X", "Role X, renamed", 1))
	files["roles/z/index.html"] = []byte(roleBody)
	delete(files, "empty/listed.html")
	delete(files, "search/manifest.json") // the index comes later
	u := s.Publish(files, []string{"warning: a"})
	ev := es.next(t)
	want := map[string]any{"build": u.Build, "changed": []any{"roles/x/index.html"}, "added": []any{"roles/z/index.html"},
		"removed": []any{"empty/listed.html"}, "warnings": []any{"warning: a"}}
	if diff := cmp.Diff(event{"reload", want}, ev); diff != "" {
		t.Errorf("reload event (-want +got):\n%s", diff)
	}
	if got := get(s, "GET", "/search/manifest.json"); got.Status != 200 {
		t.Errorf("the previous search index is not kept until the new one: %d", got.Status)
	}

	err := diag.List{diag.Errorf("content/a.md", 3, 7, "invalid YAML: did not find expected key").WithHint("check the indentation")}
	s.Fail(err)
	ev = es.next(t)
	if ev.Name != "failed" {
		t.Fatalf("event %q, want failed", ev.Name)
	}
	problems := ev.Data["errors"].([]any)
	p := problems[0].(map[string]any)
	if p["text"] != "content/a.md:3:7: invalid YAML: did not find expected key (check the indentation)" || p["line"] != 3.0 || p["col"] != 7.0 {
		t.Errorf("failed event: %v", p)
	}
	// The last good build is still served, and a new browser is told.
	if got := get(s, "GET", "/roles/x/"); !strings.Contains(got.Body, "renamed") {
		t.Errorf("after a failure: %s", got.Body)
	}
	late := openStream(t, srv.URL+"/")
	if ev := late.next(t); ev.Name != "hello" || ev.Data["errors"] == nil {
		t.Errorf("a browser connecting after the failure got %+v", ev)
	}

	// Fixed: reload, and the hello has no errors.
	s.Publish(files, nil)
	if ev := es.until(t, "reload"); len(strs(ev.Data["changed"])) != 0 {
		t.Errorf("nothing changed, but %v", ev.Data)
	}
	if ev := openStream(t, srv.URL+"/").next(t); ev.Data["errors"] != nil {
		t.Errorf("hello after the fix: %+v", ev)
	}

	s.PublishSearch("stale", map[string][]byte{"search/manifest.json": []byte(`{"stale":1}`)})
	if got := get(s, "GET", "/search/manifest.json"); got.Body != "{}" {
		t.Errorf("a stale search index replaced the current one: %s", got.Body)
	}
	s.PublishSearch(s.BuildID(), map[string][]byte{"search/manifest.json": []byte(`{"new":1}`)})
	if got := get(s, "GET", "/search/manifest.json"); got.Body != `{"new":1}` {
		t.Errorf("search index not published: %s", got.Body)
	}
}

func TestNoSiteYet(t *testing.T) {
	s := New()
	defer s.Close()
	s.Fail(diag.Errorf("handbook.yaml", 2, 1, "unknown key %q", "titel"))
	got := get(s, "GET", "/roles/x/")
	if got.Status != 503 || !strings.Contains(got.Body, "handbook.yaml:2:1: unknown key") || !strings.Contains(got.Body, ScriptPath) {
		t.Errorf("without a good build: %d\n%s", got.Status, got.Body)
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// session runs the whole dev server on a small site.
type session struct {
	*Session
	dir    string
	cancel context.CancelFunc
	log    *syncBuffer
	waited chan struct{} // closed when Wait returned
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func startSession(t *testing.T, files map[string]string, poll bool) *session {
	t.Helper()
	return startSessionWith(t, files, Options{Bind: "127.0.0.1", Poll: poll})
}

// startSessionWith starts a session with opts, on port 0 unless opts
// says, serving files.
func startSessionWith(t *testing.T, files map[string]string, opts Options) *session {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	opts.Source, opts.Log, opts.Settle = dir, log, 20*time.Millisecond
	s, err := Start(ctx, opts)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	ss := &session{Session: s, dir: dir, cancel: cancel, log: log, waited: make(chan struct{})}
	go func() {
		if err := s.Wait(ctx); err != nil {
			t.Errorf("Wait: %v", err)
		}
		close(ss.waited)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-ss.waited:
		case <-time.After(5 * time.Second):
			t.Error("the dev server did not stop")
		}
		if t.Failed() {
			t.Logf("log:\n%s", log)
		}
	})
	return ss
}

var smallSite = map[string]string{
	"handbook.yaml":            "title: Served Handbook\n",
	"content/_index.md":        "---\ntitle: Home\n---\n\nWelcome.\n",
	"content/guides/_index.md": "---\ntitle: Guides\n---\n",
	"content/guides/start.md":  "---\ntitle: Getting started\n---\n\nHello.\n",
}

func (s *session) get(t *testing.T, p string) (int, string) {
	t.Helper()
	res, err := http.Get(s.URL() + p)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// The server keeps running through invalid YAML, a broken template and
// the content folder deleted and restored, serving the last good build
// meanwhile.
func TestSessionRobustness(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			s := startSession(t, smallSite, poll)
			es := openStream(t, s.URL())
			es.until(t, "hello")
			if code, body := s.get(t, "guides/start/"); code != 200 || !strings.Contains(body, "Hello.") || !strings.Contains(body, ScriptPath) {
				t.Fatalf("GET /guides/start/ = %d\n%s", code, body)
			}
			good := "---\ntitle: Getting started\n---\n\nHello, edited.\n"
			steps := []struct {
				name, file, data string
				remove           bool
				want             string // event
				text             string // in the failed event, or in the page after a reload
			}{
				{name: "edit", file: "content/guides/start.md", data: good, want: "reload", text: "Hello, edited."},
				{name: "invalid front matter", file: "content/guides/start.md", data: "---\ntitle: [oops\n---\n", want: "failed", text: "content/guides/start.md:2"},
				{name: "fixed", file: "content/guides/start.md", data: good + "Again.\n", want: "reload", text: "Again."},
				{name: "invalid config", file: "handbook.yaml", data: "title: [oops\n", want: "failed", text: "handbook.yaml:1"},
				{name: "config fixed", file: "handbook.yaml", data: "title: Served Again\n", want: "reload", text: "Served Again"},
				{name: "broken template", file: "themes/default/layouts/page.html", data: `{{define "main"}}{{.Nope}`, want: "failed", text: "themes/default/layouts/page.html:1"},
				{name: "template fixed", file: "themes/default/layouts/page.html", data: `{{define "main"}}<div class="mine">{{.Content}}</div>{{end}}`, want: "reload", text: `class="mine"`},
				{name: "content deleted", file: "content", remove: true, want: "failed", text: "content"},
			}
			for _, st := range steps {
				if st.remove {
					if err := os.Rename(filepath.Join(s.dir, st.file), filepath.Join(s.dir, "content-away")); err != nil {
						t.Fatal(err)
					}
				} else {
					writeFiles(t, s.dir, map[string]string{st.file: st.data})
				}
				ev := es.until(t, st.want)
				if st.want == "failed" {
					b, _ := json.Marshal(ev.Data["errors"])
					if !strings.Contains(string(b), st.text) {
						t.Errorf("%s: failed event %s, want %q", st.name, b, st.text)
					}
					if code, _ := s.get(t, "guides/start/"); code != 200 {
						t.Errorf("%s: the last good build is not served: %d", st.name, code)
					}
					continue
				}
				if _, body := s.get(t, "guides/start/"); !strings.Contains(body, st.text) {
					t.Errorf("%s: page after reload lacks %q:\n%s", st.name, st.text, body)
				}
			}
			if err := os.Rename(filepath.Join(s.dir, "content-away"), filepath.Join(s.dir, "content")); err != nil {
				t.Fatal(err)
			}
			es.until(t, "reload")
			if code, body := s.get(t, "guides/start/"); code != 200 || !strings.Contains(body, "Again.") {
				t.Errorf("after the content folder came back: %d\n%s", code, body)
			}
			if !strings.Contains(s.log.String(), "content/guides/start.md:2") {
				t.Errorf("the terminal did not show the error with its position:\n%s", s.log)
			}
		})
	}
}

// Fifty browsers, one hanging up mid-response, and Ctrl-C within a second
// with all of them connected.
func TestSessionManyClients(t *testing.T) {
	files := map[string]string{}
	for k, v := range smallSite {
		files[k] = v
	}
	files["content/guides/long.md"] = "---\ntitle: Long\n---\n\n" + strings.Repeat("A long paragraph of text. ", 40000) + "\n"
	s := startSession(t, files, false)
	var streams []*stream
	for range 50 {
		es := openStream(t, s.URL())
		es.until(t, "hello")
		streams = append(streams, es)
	}
	// A client that reads part of a large page and hangs up.
	for range 3 {
		conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET /guides/long/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		buf := make([]byte, 512)
		if _, err := io.ReadFull(conn, buf); err != nil {
			t.Fatal(err)
		}
		conn.Close()
	}
	writeFiles(t, s.dir, map[string]string{"content/guides/start.md": "---\ntitle: Getting started\n---\n\nHello, all.\n"})
	for i, es := range streams {
		if ev := es.until(t, "reload"); !strings.Contains(fmt.Sprint(ev.Data["changed"]), "guides/start/index.html") {
			t.Errorf("client %d: %v", i, ev.Data)
		}
	}
	if code, body := s.get(t, "guides/start/"); code != 200 || !strings.Contains(body, "Hello, all.") {
		t.Errorf("after the hang-ups: %d", code)
	}
	start := time.Now()
	s.cancel()
	select {
	case <-s.waited:
	case <-time.After(2 * time.Second):
		t.Fatal("not stopped 2 s after Ctrl-C")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("stopping took %v, want under a second", d)
	}
}

// TestSearchedLatest: with nobody listening while two search indexes are
// published, Session.Searched delivers the latest build's, not the first.
func TestSearchedLatest(t *testing.T) {
	s := startSession(t, smallSite, false)
	es := openStream(t, s.URL())
	es.until(t, "hello")
	waitIndex(t, s.Session, 20*time.Second) // the first build's: unread
	writeFiles(t, s.dir, map[string]string{"content/guides/start.md": "---\ntitle: Getting started\n---\n\nHello, again.\n"})
	es.until(t, "reload")
	waitIndex(t, s.Session, 20*time.Second)
	want := s.srv.site.Load().build
	select {
	case got := <-s.Searched():
		if got != want {
			t.Errorf("Searched delivers build %q, want the latest, %q", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Searched delivers nothing")
	}
}
