package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// rawRequest sends one request byte for byte and returns the response.
func rawRequest(t *testing.T, addr, method, target string, headers ...string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\n%s\r\nConnection: close\r\n\r\n", method, target, strings.Join(headers, "\r\n"))
	res, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func hostOf(url string) string {
	return strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
}

// What a page of another site can get from the dev server: nothing. A
// name rebound to 127.0.0.1 (DNS rebinding) gets 421, another site's
// script 403, and methods other than GET and HEAD 405 on every path.
func TestSessionRefusesOtherSites(t *testing.T) {
	s := startSession(t, smallSite, false)
	addr := hostOf(s.URL())
	_, port, _ := net.SplitHostPort(addr)
	own := "Host: " + addr
	tests := []struct {
		name, method, path string
		headers            []string
		status             int
		allow, body        string
	}{
		{"page", "GET", "/", []string{own}, 200, "", "Welcome."},
		{"page by localhost", "GET", "/", []string{"Host: localhost:" + port}, 200, "", "Welcome."},
		{"page by a rebound name", "GET", "/", []string{"Host: attacker.example:" + port}, 421, "", "DNS rebinding"},
		{"events by a rebound name", "GET", EventsPath, []string{"Host: attacker.example:" + port}, 421, "", "DNS rebinding"},
		{"script by a rebound name", "GET", ScriptPath, []string{"Host: attacker.example:" + port}, 421, "", "DNS rebinding"},
		{"events from another site", "GET", EventsPath, []string{own, "Origin: http://attacker.example"}, 403, "", "another site"},
		{"page from another site", "GET", "/", []string{own, "Origin: http://attacker.example"}, 403, "", "another site"},
		{"events, HEAD", "HEAD", EventsPath, []string{own}, 200, "", ""},
		{"script, HEAD", "HEAD", ScriptPath, []string{own}, 200, "", ""},
		{"script, POST", "POST", ScriptPath, []string{own, "Content-Length: 0"}, 405, "GET, HEAD", "method not allowed"},
		{"script, DELETE", "DELETE", ScriptPath, []string{own}, 405, "GET, HEAD", "method not allowed"},
		{"events, POST", "POST", EventsPath, []string{own, "Content-Length: 0"}, 405, "GET, HEAD", "method not allowed"},
		{"page, PUT", "PUT", "/", []string{own, "Content-Length: 0"}, 405, "GET, HEAD", "method not allowed"},
		{"missing, OPTIONS", "OPTIONS", "/nope", []string{own}, 405, "GET, HEAD", "method not allowed"},
		{"prefix, PATCH", "PATCH", "/__handbook/nope", []string{own, "Content-Length: 0"}, 405, "GET, HEAD", "method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := rawRequest(t, addr, tt.method, tt.path, tt.headers...)
			if res.StatusCode != tt.status || res.Header.Get("Allow") != tt.allow || !strings.Contains(body, tt.body) {
				t.Errorf("%s %s: %d (Allow %q) %q, want %d (Allow %q) with %q", tt.method, tt.path, res.StatusCode, res.Header.Get("Allow"), body, tt.status, tt.allow, tt.body)
			}
			if res.StatusCode >= 400 && strings.Count(body, "\n") != 1 {
				t.Errorf("error body %q, want one line", body)
			}
		})
	}
}

// At Ctrl-C nothing but a request in flight is waited for: open event
// streams are ended first, and connections without a request (a
// browser's preconnection, half a request, an idle keep-alive) are
// closed at once. The grace for requests is an hour here, so a session
// that waited for any of them would not stop before the test gives up.
func TestSessionStopsWithoutWaiting(t *testing.T) {
	s := startSessionWith(t, smallSite, Options{Bind: "127.0.0.1", Grace: time.Hour})
	addr := hostOf(s.URL())
	es := openStream(t, s.URL())
	es.until(t, "hello")
	var conns []net.Conn
	for _, req := range []string{"", "GET / HTTP/1.1\r\nHost: 127."} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprint(c, req)
		conns = append(conns, c)
	}
	if code, _ := s.get(t, ""); code != 200 { // leaves an idle kept-alive connection
		t.Fatalf("GET / = %d", code)
	}
	s.cancel()
	select {
	case <-s.waited:
	case <-time.After(4 * time.Second): // below the 5 s http.Server.Shutdown gives a connection without a request
		t.Fatal("the session waited for connections without a request in flight")
	}
	if _, err := io.Copy(io.Discard, es.r); err != nil {
		t.Errorf("the event stream did not end cleanly: %v", err)
	}
	for i, c := range conns {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if n, err := c.Read(make([]byte, 1)); n != 0 || err == nil {
			t.Errorf("connection %d still open", i)
		}
	}
}

// Bound to every interface, the session prints a URL that a browser on
// this machine opens, and says that it listens on all interfaces.
func TestSessionAllInterfacesURL(t *testing.T) {
	for _, bind := range []string{"0.0.0.0", "::"} {
		t.Run(bind, func(t *testing.T) {
			if l, err := net.Listen("tcp", net.JoinHostPort(bind, "0")); err != nil {
				t.Skipf("cannot listen on %s: %v", bind, err)
			} else {
				l.Close()
			}
			out := &syncBuffer{}
			s := startSessionWith(t, smallSite, Options{Bind: bind, Stdout: out})
			line := regexp.MustCompile(`^serving \S+ from memory at http://127\.0\.0\.1:(\d+)/ \(listening on all interfaces; watching for changes by [a-z ]+; Ctrl-C to stop\)\n$`)
			if !line.MatchString(out.String()) {
				t.Errorf("printed %q", out)
			}
			if !strings.Contains(s.log.String(), "warning: listening on all interfaces (--bind "+bind+")") {
				t.Errorf("no warning in the log:\n%s", s.log)
			}
			if code, body := s.get(t, ""); code != 200 || !strings.Contains(body, "Welcome.") {
				t.Errorf("GET %s = %d", s.URL(), code)
			}
		})
	}
}
