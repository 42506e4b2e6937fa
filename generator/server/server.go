// Package server serves a built site over HTTP for authors.
//
// It serves only files of the site: paths are cleaned, "..", encoded
// separators, backslashes and NUL bytes are rejected, and files are opened
// through os.Root so a symbolic link cannot lead outside the site folder.
// Folders serve their index.html and are never listed; anything missing
// gets the site's 404.html with status 404.
//
// Both `handbook serve` and `handbook serve --watch` put a Guard in front
// of their handler (only GET and HEAD, only for this server's Host, only
// from its own pages) and run it in an HTTPServer (NewHTTPServer): read,
// write and idle timeouts, and a Stop that waits for nothing but the
// requests in flight. Listen takes the next free port; BrowserURL and
// Exposure say where the site is served. docs/security.md says what each
// rule defends.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"
)

// Handler serves the files of fsys.
type Handler struct {
	FS fs.FS
}

func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanPath(r.URL.EscapedPath())
	if !ok {
		h.notFound(w, r)
		return
	}
	data, file, err := h.read(name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	if file != name && name != "." && !strings.HasSuffix(r.URL.Path, "/") {
		// A folder named without its slash: redirect /roles/x to /roles/x/
		// so relative links resolve. The target is built from the cleaned
		// name, never from the raw path, so "//host/x" cannot turn into a
		// redirect to another host.
		u := url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
		return
	}
	h.write(w, r, file, data, http.StatusOK)
}

// read returns the file for name, or the index.html of a folder.
func (h Handler) read(name string) ([]byte, string, error) {
	info, err := fs.Stat(h.FS, name)
	if err != nil {
		return nil, "", err
	}
	if info.IsDir() {
		name = path.Join(name, "index.html")
	}
	f, err := h.FS.Open(name)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, "", errors.New("not a regular file")
	}
	data, err := io.ReadAll(f)
	return data, name, err
}

func (h Handler) notFound(w http.ResponseWriter, r *http.Request) {
	data, _, err := h.read("404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	h.write(w, r, "404.html", data, http.StatusNotFound)
}

func (h Handler) write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// cleanPath turns an escaped URL path into an fs.FS name, rejecting anything
// that could name a file outside the site.
func cleanPath(escaped string) (string, bool) {
	lower := strings.ToLower(escaped)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%00") {
		return "", false
	}
	p, err := url.PathUnescape(escaped)
	if err != nil || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		name = "."
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// Listen opens a listener on addr, taking the next free port (up to 20
// tries) when the asked one is taken. It reports the port it got.
func Listen(host string, port int) (net.Listener, error) {
	var firstErr error
	for i := 0; i < 20; i++ {
		l, err := net.Listen("tcp", net.JoinHostPort(host, fmt.Sprint(port+i)))
		if err == nil {
			return l, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if port == 0 {
			break
		}
	}
	return nil, fmt.Errorf("cannot listen on %s:%d or the next ports: %v", host, port, firstErr)
}

// IsLoopback reports whether host only accepts local connections.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Timeouts bound how long a connection may take over each part of an
// exchange, so that clients that stall (never finish their request, never
// read the answer, keep an idle connection open) do not hold connections
// indefinitely. A handler that streams (the live-reload events) clears
// its own deadlines with an http.ResponseController.
type Timeouts struct {
	// ReadHeader bounds reading a request's header, Read the whole
	// request, Write the answer (from the end of the request's header),
	// and Idle the wait for the next request on a kept-alive connection.
	ReadHeader, Read, Write, Idle time.Duration
}

// DefaultTimeouts are generous for a browser on this machine or the local
// network, and short enough that stalled clients are let go.
var DefaultTimeouts = Timeouts{ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 30 * time.Second, Idle: time.Minute}

// HTTPServer is an http.Server that stops promptly: see Stop. Make one
// with NewHTTPServer.
type HTTPServer struct {
	*http.Server

	mu       sync.Mutex
	fresh    map[net.Conn]bool // connections that have not sent a request yet
	stopping bool
	onStop   []func()
}

// NewHTTPServer returns a server for h with the timeouts t (the defaults
// where zero).
func NewHTTPServer(h http.Handler, t Timeouts) *HTTPServer {
	d := DefaultTimeouts
	pick := func(v, def time.Duration) time.Duration {
		if v > 0 {
			return v
		}
		return def
	}
	s := &HTTPServer{fresh: map[net.Conn]bool{}}
	s.Server = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: pick(t.ReadHeader, d.ReadHeader),
		ReadTimeout:       pick(t.Read, d.Read),
		WriteTimeout:      pick(t.Write, d.Write),
		IdleTimeout:       pick(t.Idle, d.Idle),
		ConnState:         s.track,
	}
	return s
}

// track keeps the connections that have not sent a complete request yet:
// http.Server.Shutdown counts them as busy for 5 seconds.
func (s *HTTPServer) track(c net.Conn, state http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case state == http.StateNew && s.stopping:
		c.Close()
	case state == http.StateNew:
		s.fresh[c] = true
	default:
		delete(s.fresh, c)
	}
}

// OnStop registers f to run first when Stop is called, before anything
// waits: it must end the handlers that never end by themselves (event
// streams).
func (s *HTTPServer) OnStop(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onStop = append(s.onStop, f)
}

// Stop stops the server without waiting on anything that is not a
// request in flight: it ends the long-lived handlers (OnStop), closes the
// connections that carry no request (idle, or not yet sent a whole
// request), gives the requests in flight until grace has passed to
// finish, then closes every connection left.
func (s *HTTPServer) Stop(grace time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	return s.StopContext(ctx)
}

// StopContext is Stop with the grace given as a context: requests in
// flight may finish until ctx is done.
func (s *HTTPServer) StopContext(ctx context.Context) error {
	s.mu.Lock()
	s.stopping = true
	hooks := s.onStop
	s.onStop = nil
	for c := range s.fresh {
		c.Close()
	}
	clear(s.fresh)
	s.mu.Unlock()
	for _, f := range hooks {
		f()
	}
	err := s.Shutdown(ctx)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return s.Close()
	}
	return nil
}

// BrowserURL returns the URL, with a trailing slash, that a browser on
// this machine opens for a listener at addr: a listener on every
// interface (0.0.0.0 or "::", which Go shows as "[::]") is named by
// 127.0.0.1, which both accept.
func BrowserURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Exposure returns the warning to print for a server bound to bind and
// listening at addr, or "" when only this machine can connect. For every
// interface it lists the machine's addresses, where other machines reach
// the site.
func Exposure(bind string, addr net.Addr) string {
	if IsLoopback(bind) {
		return ""
	}
	if !IsUnspecified(bind) {
		return fmt.Sprintf("warning: binding to %s exposes the site to other machines", bind)
	}
	_, port, _ := net.SplitHostPort(addr.String())
	var where []string
	if ifaddrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range ifaddrs {
			ipn, ok := a.(*net.IPNet)
			if !ok || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() {
				continue
			}
			where = append(where, "http://"+net.JoinHostPort(ipn.IP.String(), port)+"/")
		}
	}
	msg := fmt.Sprintf("warning: listening on all interfaces (--bind %s): the site is exposed to other machines", bindName(bind))
	if len(where) > 0 {
		msg += ", at " + strings.Join(where, ", ")
	}
	return msg + " (or this machine's host name)"
}

func bindName(bind string) string {
	if bind == "" {
		return `""`
	}
	return bind
}
