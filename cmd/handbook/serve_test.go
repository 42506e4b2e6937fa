package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from run's goroutine while
// the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var servingLine = regexp.MustCompile(`^serving (.+) at (http://\S+/)`)

// serving is a `handbook serve` running in the background.
type serving struct {
	dest, url string
	line      string // the line that says where the site is served
	stderr    *syncBuffer
	stop      context.CancelFunc
	exited    chan struct{} // closed when run returns
	code      int           // run's exit status, set before exited is closed
}

// startServe runs `handbook serve args...` on a small site and waits for
// the line that says where the site is served.
func startServe(t *testing.T, args ...string) *serving {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"handbook.yaml":           "title: Served Handbook\n",
		"content/_index.md":       "---\ntitle: Home\n---\n\nWelcome.\n",
		"content/guides/start.md": "---\ntitle: Getting started\n---\n\nHello.\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{stderr: &syncBuffer{}, stop: cancel, exited: make(chan struct{})}
	pr, pw := io.Pipe()
	go func() {
		s.code = run(ctx, append([]string{"serve", "--source", dir}, args...), pw, s.stderr)
		pw.Close()
		close(s.exited)
	}()
	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(pr)
		line, _ := r.ReadString('\n')
		lines <- line
		io.Copy(io.Discard, r) // never block run on a later write
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
			t.Error("serve still running at the end of the test")
		}
	})

	var line string
	select {
	case line = <-lines:
	case <-s.exited:
		t.Fatalf("serve exited with status %d before serving; stderr:\n%s", s.code, s.stderr)
	case <-time.After(10 * time.Second):
		t.Fatalf("serve printed no URL in 10 s; stderr:\n%s", s.stderr)
	}
	m := servingLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve printed %q, want \"serving <dest> at http://ADDR/\"", line)
	}
	if want := filepath.Join(dir, "public"); m[1] != want {
		t.Errorf("serve serves %s, want %s", m[1], want)
	}
	s.dest, s.url, s.line = m[1], m[2], line
	return s
}

func TestServe(t *testing.T) {
	s := startServe(t, "--port", "0")
	// The site is outside any git repository: one line says so.
	if !regexp.MustCompile(`\A(history: [^\n]*\n)?built \d+ pages, \d+ files in \d+ ms\n\z`).MatchString(s.stderr.String()) {
		t.Errorf("serve stderr = %q, want the build line only (no warning on loopback)", s.stderr)
	}

	client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()
	for _, tc := range []struct {
		path   string
		status int
		title  string
	}{
		{"", http.StatusOK, "<title>Home · Served Handbook"},
		{"guides/start/", http.StatusOK, "<title>Getting started · Served Handbook"},
		{"guides/start", http.StatusOK, "<title>Getting started · Served Handbook"}, // through the redirect
		{"nope/", http.StatusNotFound, "<title>Page not found"},
	} {
		res, err := client.Get(s.url + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != tc.status || !strings.Contains(string(body), tc.title) {
			t.Errorf("GET /%s = %d with body\n%s\nwant %d with %q", tc.path, res.StatusCode, body, tc.status, tc.title)
		}
	}

	// Behind the guard: another name gets 421, another method 405.
	req, _ := http.NewRequest("GET", s.url, nil)
	req.Host = "attacker.example"
	if res, err := client.Do(req); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("GET with Host attacker.example = %d, want 421", res.StatusCode)
	}
	if res, err := client.Post(s.url, "text/plain", nil); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST = %d (Allow %q), want 405 (Allow GET, HEAD)", res.StatusCode, res.Header.Get("Allow"))
	}

	s.stop()
	select {
	case <-s.exited:
		if s.code != 0 {
			t.Errorf("serve exited with status %d after cancel, want 0; stderr:\n%s", s.code, s.stderr)
		}
	case <-time.After(time.Second):
		t.Fatal("serve did not stop within 1 s of cancel")
	}
}

// Bound to every interface, serve prints a URL that a browser on this
// machine opens (Go names the listener "[::]:PORT", which browsers do
// not open as such) and says that it listens on all interfaces.
func TestServeAllInterfaces(t *testing.T) {
	for _, bind := range []string{"0.0.0.0", "::"} {
		for _, mode := range [][]string{nil, {"--watch"}} {
			t.Run(bind+strings.Join(mode, ""), func(t *testing.T) {
				if l, err := net.Listen("tcp", net.JoinHostPort(bind, "0")); err != nil {
					t.Skipf("cannot listen on %s: %v", bind, err)
				} else {
					l.Close()
				}
				var line, url string
				var stderr *syncBuffer
				if mode == nil {
					s := startServe(t, "--port", "0", "--bind", bind)
					line, url, stderr = s.line, s.url, s.stderr
				} else {
					line, url, stderr = startServeWatch(t, "--port", "0", "--bind", bind)
				}
				if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/$`).MatchString(url) || !strings.Contains(line, "(listening on all interfaces; ") {
					t.Errorf("serve --bind %s printed %q", bind, line)
				}
				if !strings.Contains(stderr.String(), "warning: listening on all interfaces (--bind "+bind+"): the site is exposed to other machines") {
					t.Errorf("no warning; stderr:\n%s", stderr)
				}
				res, err := http.Get(url)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != 200 {
					t.Errorf("GET %s = %d", url, res.StatusCode)
				}
			})
		}
	}
}

// startServeWatch runs `handbook serve --watch args...` on a small site
// until the test ends, and returns the line that says where the site is
// served, its URL and stderr.
func startServeWatch(t *testing.T, args ...string) (line, url string, stderr *syncBuffer) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"handbook.yaml":     "title: Watched Handbook\n",
		"content/_index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &syncBuffer{}
	pr, pw := io.Pipe()
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, append([]string{"serve", "--watch", "--source", dir}, args...), pw, stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-exited:
			if code != 0 {
				t.Errorf("exit status %d; stderr:\n%s", code, stderr)
			}
		case <-time.After(5 * time.Second):
			t.Error("serve --watch still running at the end of the test")
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	if err != nil {
		t.Fatalf("reading the serving line: %v; stderr:\n%s", err, stderr)
	}
	m := regexp.MustCompile(`^serving .+ from memory at (http://\S+/)`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve --watch printed %q", line)
	}
	return line, m[1], stderr
}

func TestServeTakesNextFreePort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	p := taken.Addr().(*net.TCPAddr).Port
	if p > 65535-25 {
		t.Skipf("port %d leaves no room for the next ones", p)
	}
	s := startServe(t, "--quiet", "--port", strconv.Itoa(p))
	_, got, err := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(got); n <= p || n >= p+20 {
		t.Errorf("with port %d taken, serve printed %s; want one of the next ports", p, s.url)
	}
	if s.stderr.String() != "" {
		t.Errorf("serve --quiet wrote to stderr: %q", s.stderr)
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

// serve --watch serves from memory (nothing is written), picks up a
// change without a restart, and stops within a second of Ctrl-C.
func TestServeWatch(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"handbook.yaml":           "title: Watched Handbook\n",
		"content/_index.md":       "---\ntitle: Home\n---\n\nWelcome.\n",
		"content/guides/start.md": "---\ntitle: Getting started\n---\n\nHello.\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &syncBuffer{}
	pr, pw := io.Pipe()
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, []string{"serve", "--watch", "--source", dir, "--port", "0"}, pw, stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	if err != nil {
		t.Fatalf("reading the serving line: %v; stderr:\n%s", err, stderr)
	}
	m := regexp.MustCompile(`^serving (.+) from memory at (http://\S+/)`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve --watch printed %q", line)
	}
	url := m[2]
	page := func() string {
		res, err := http.Get(url + "guides/start/")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	if body := page(); !strings.Contains(body, "Hello.") || !strings.Contains(body, "/__handbook/livereload.js") {
		t.Fatalf("served page:\n%s", body)
	}
	writeFiles(t, dir, map[string]string{"content/guides/start.md": "---\ntitle: Getting started\n---\n\nHello, again.\n"})
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(page(), "Hello, again.") {
		if time.Now().After(deadline) {
			t.Fatalf("the change was not served; stderr:\n%s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("serve --watch wrote public/: %v", err)
	}
	if !regexp.MustCompile(`content/guides/start.md changed: 1 of \d+ pages rendered, \d+ files changed, in \d+ ms`).MatchString(stderr.String()) {
		t.Errorf("no rebuild line in stderr:\n%s", stderr)
	}
	cancel()
	select {
	case code := <-exited:
		if code != 0 {
			t.Errorf("exit status %d; stderr:\n%s", code, stderr)
		}
	case <-time.After(time.Second):
		t.Fatal("serve --watch did not stop within 1 s of Ctrl-C")
	}
}
