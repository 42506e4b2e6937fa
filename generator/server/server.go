// Package server serves a built site over HTTP for authors.
//
// It serves only files of the site: paths are cleaned, "..", encoded
// separators, backslashes and NUL bytes are rejected, and files are opened
// through os.Root so a symbolic link cannot lead outside the site folder.
// Folders serve their index.html and are never listed; anything missing
// gets the site's 404.html with status 404.
package server

import (
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

// NewHTTPServer returns an http.Server with sensible timeouts for h.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
}
