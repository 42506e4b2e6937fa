package server

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/server/servertest"
)

const (
	indexBody    = "<!doctype html><title>Home</title><h1>Home</h1>"
	roleBody     = "<!doctype html><title>Role X</title><h1>Role X</h1>"
	notFoundBody = "<!doctype html><title>Page not found</title><h1>Page not found</h1>"
	cssBody      = "body { margin: 0 }"
	secret       = "TOP SECRET: outside the site"
)

// newSite writes a small built site into a temporary folder, with a secret
// file beside it (outside the site) and symbolic links pointing at it, and
// returns the site opened the way `handbook serve` opens it.
func newSite(t *testing.T) fs.FS {
	t.Helper()
	top := t.TempDir()
	dir := filepath.Join(top, "site")
	files := map[string]string{
		"secret.txt":              secret,
		"site/index.html":         indexBody,
		"site/404.html":           notFoundBody,
		"site/assets/site.css":    cssBody,
		"site/roles/x/index.html": roleBody,
		"site/empty/listed.html":  "a folder without index.html must not be listed",
		"site/roles/y/notes.txt":  "no index here",
	}
	for name, data := range files {
		p := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"site/leak.txt":    filepath.Join(top, "secret.txt"), // absolute, outside
		"site/leak2.txt":   "../secret.txt",                  // relative, outside
		"site/outside":     top,                              // a folder outside
		"site/inside.css":  "assets/site.css",                // stays inside: fine
		"site/roles/z.css": "../assets/site.css",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(top, filepath.FromSlash(name))); err != nil {
			t.Skipf("symbolic links not supported: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root.FS()
}

// response is what a test compares: the parts of an HTTP response a user
// of the server sees.
type response struct {
	Status      int
	Location    string
	ContentType string
	Allow       string
	Body        string
}

// record calls h with target as it appears on the request line:
// httptest.NewRequest parses it as the server would, keeping URL.RawPath
// (%2f, %2e) and not cleaning "..", so the handler sees the raw path.
func record(h http.Handler, method, target string) response {
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return summarize(res, body)
}

func summarize(res *http.Response, body []byte) response {
	ct, _, _ := strings.Cut(res.Header.Get("Content-Type"), ";")
	return response{
		Status:      res.StatusCode,
		Location:    res.Header.Get("Location"),
		ContentType: ct,
		Allow:       res.Header.Get("Allow"),
		Body:        string(body),
	}
}

func TestHandler(t *testing.T) {
	h := Handler{FS: newSite(t)}
	notFound := response{Status: http.StatusNotFound, ContentType: "text/html", Body: notFoundBody}
	tests := []struct {
		name   string
		method string
		target string
		want   response
	}{
		{"home", "GET", "/", response{Status: 200, ContentType: "text/html", Body: indexBody}},
		{"home index.html", "GET", "/index.html", response{Status: 200, ContentType: "text/html", Body: indexBody}},
		{"folder serves its index.html", "GET", "/roles/x/", response{Status: 200, ContentType: "text/html", Body: roleBody}},
		{"index.html of a folder by name", "GET", "/roles/x/index.html", response{Status: 200, ContentType: "text/html", Body: roleBody}},
		{"folder without slash redirects", "GET", "/roles/x", response{Status: 301, Location: "/roles/x/", ContentType: "text/html"}},
		{"redirect keeps the query", "GET", "/roles/x?tab=skills", response{Status: 301, Location: "/roles/x/?tab=skills", ContentType: "text/html"}},
		{"redirect stays on this host", "GET", "//roles/x", response{Status: 301, Location: "/roles/x/", ContentType: "text/html"}},
		{"redirect of a cleaned path", "GET", "/roles/./x", response{Status: 301, Location: "/roles/x/", ContentType: "text/html"}},
		{"static file", "GET", "/assets/site.css", response{Status: 200, ContentType: "text/css", Body: cssBody}},
		{"symlink inside the site", "GET", "/inside.css", response{Status: 200, ContentType: "text/css", Body: cssBody}},
		{"symlink to a sibling inside the site", "GET", "/roles/z.css", response{Status: 200, ContentType: "text/css", Body: cssBody}},
		{"HEAD has headers and no body", "HEAD", "/", response{Status: 200, ContentType: "text/html"}},
		{"HEAD of a missing file", "HEAD", "/nope/", response{Status: 404, ContentType: "text/html"}},
		{"POST is not allowed", "POST", "/", response{Status: 405, ContentType: "text/plain", Allow: "GET, HEAD", Body: "method not allowed\n"}},
		{"DELETE is not allowed", "DELETE", "/index.html", response{Status: 405, ContentType: "text/plain", Allow: "GET, HEAD", Body: "method not allowed\n"}},
		{"missing file", "GET", "/nope.html", notFound},
		{"missing folder", "GET", "/roles/nope/", notFound},
		{"no listing of a folder without index.html", "GET", "/empty/", notFound},
		{"no listing without the slash either", "GET", "/empty", notFound},
		{"no listing of a nested folder", "GET", "/roles/y/", notFound},
		{"no listing of the assets folder", "GET", "/assets/", notFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := record(h, tt.method, tt.target)
			if tt.want.Status == http.StatusMovedPermanently {
				got.Body = "" // http.Redirect's short note is not part of the contract
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s", tt.method, tt.target, diff)
			}
		})
	}
}

func TestHandlerHeadContentLength(t *testing.T) {
	h := Handler{FS: newSite(t)}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("HEAD", "/", nil))
	if got, want := rec.Header().Get("Content-Length"), strconv.Itoa(len(indexBody)); got != want {
		t.Errorf("HEAD / Content-Length = %q, want %q", got, want)
	}
	if rec.Body.Len() != 0 {
		t.Errorf("HEAD / wrote a body: %q", rec.Body)
	}
}

func TestHandlerWithout404Page(t *testing.T) {
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	got := record(Handler{FS: root.FS()}, "GET", "/missing/")
	want := response{Status: 404, ContentType: "text/plain", Body: "404 page not found\n"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GET /missing/ without 404.html (-want +got):\n%s", diff)
	}
}

// traversals are request targets that try to read a file outside the site
// (shared with the dev server's tests).
var traversals = servertest.Traversals

// TestTraversalHandler calls the handler directly with the raw target, so
// neither a client nor a mux cleans the path first.
func TestTraversalHandler(t *testing.T) {
	h := Handler{FS: newSite(t)}
	for _, target := range traversals {
		t.Run(target, func(t *testing.T) {
			got := record(h, "GET", target)
			checkRefused(t, target, got)
		})
	}
}

// TestTraversalWire writes each target as a raw request line to a real
// server, the way an attacker would.
func TestTraversalWire(t *testing.T) {
	srv := httptest.NewServer(Handler{FS: newSite(t)})
	defer srv.Close()
	for _, target := range traversals {
		t.Run(target, func(t *testing.T) {
			got := rawGet(t, srv.Listener.Addr().String(), target)
			checkRefused(t, target, got)
		})
	}
}

func checkRefused(t *testing.T, target string, got response) {
	t.Helper()
	if strings.Contains(got.Body, "TOP SECRET") || strings.Contains(got.Body, "root:") {
		t.Fatalf("GET %s leaked a file outside the site: %q", target, got.Body)
	}
	want := response{Status: http.StatusNotFound, ContentType: "text/html", Body: notFoundBody}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GET %s (-want +got):\n%s", target, diff)
	}
}

// rawGet sends "GET target HTTP/1.1" byte for byte.
func rawGet(t *testing.T, addr, target string) response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: handbook.test\r\nConnection: close\r\n\r\n", target); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return summarize(res, body)
}

func TestCleanPath(t *testing.T) {
	tests := []struct {
		escaped string
		want    string
		ok      bool
	}{
		{"/", ".", true},
		{"", ".", true},
		{"/roles/x/", "roles/x", true},
		{"//roles//x", "roles/x", true},
		{"/roles/./x", "roles/x", true},
		{"/a%20b.html", "a b.html", true},
		{"/../x", "", false},
		{"/a/../x", "", false},
		{"/%2e%2e/x", "", false},
		{"/a%2fb", "", false},
		{"/a%5cb", "", false},
		{"/a%00", "", false},
		{"/%zz", "", false},
	}
	for _, tt := range tests {
		name, ok := cleanPath(tt.escaped)
		if name != tt.want || ok != tt.ok {
			t.Errorf("cleanPath(%q) = %q, %v; want %q, %v", tt.escaped, name, ok, tt.want, tt.ok)
		}
	}
}

func port(t *testing.T, l net.Listener) int {
	t.Helper()
	return l.Addr().(*net.TCPAddr).Port
}

// freePort returns a port that is free now and leaves room above it for the
// 20 ports Listen may try.
func freePort(t *testing.T) net.Listener {
	t.Helper()
	for range 10 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		if port(t, l) < 65535-25 {
			return l
		}
		l.Close()
	}
	t.Skip("no free port low enough")
	return nil
}

func TestListenTakesNextFreePort(t *testing.T) {
	taken := freePort(t)
	defer taken.Close()
	p := port(t, taken)
	l, err := Listen("127.0.0.1", p)
	if err != nil {
		t.Fatalf("Listen(%d) with the port taken: %v", p, err)
	}
	defer l.Close()
	if got := port(t, l); got <= p || got >= p+20 {
		t.Errorf("Listen(%d) with the port taken got port %d, want one of the next 19", p, got)
	}
}

func TestListenFreePort(t *testing.T) {
	free := freePort(t)
	p := port(t, free)
	free.Close()
	l, err := Listen("127.0.0.1", p)
	if err != nil {
		t.Skipf("port %d was taken again meanwhile: %v", p, err)
	}
	defer l.Close()
	if got := port(t, l); got != p {
		t.Errorf("Listen(%d) on a free port got port %d", p, got)
	}
}

func TestListenPortZero(t *testing.T) {
	l, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if port(t, l) == 0 {
		t.Errorf("Listen(0) reports port 0, want the port the system chose")
	}
}

func TestListenGivesUp(t *testing.T) {
	first := freePort(t)
	p := port(t, first)
	ls := []net.Listener{first}
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for i := 1; i < 20; i++ {
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p+i)))
		if err != nil {
			t.Skipf("cannot take port %d for the test: %v", p+i, err)
		}
		ls = append(ls, l)
	}
	l, err := Listen("127.0.0.1", p)
	if err == nil {
		l.Close()
		t.Fatalf("Listen(%d) with the next 20 ports taken succeeded on %v", p, l.Addr())
	}
	if !strings.Contains(err.Error(), strconv.Itoa(p)) {
		t.Errorf("Listen error %q does not name the port %d", err, p)
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"localhost", true},
		{"127.0.0.1", true},
		{"127.1.2.3", true},
		{"::1", true},
		{"0.0.0.0", false},
		{"::", false},
		{"", false}, // all interfaces
		{"192.168.1.10", false},
		{"10.0.0.1", false},
		{"example.com", false},
		{"localhost.example.com", false},
		{"[::1]", false}, // not a host: net.JoinHostPort adds the brackets
	}
	for _, tt := range tests {
		if got := IsLoopback(tt.host); got != tt.want {
			t.Errorf("IsLoopback(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}
