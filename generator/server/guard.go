package server

import (
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// Guard answers only what a browser on this machine (or, when the author
// opted into it with --bind, on the local network) asks of this site; it
// is the first handler of both `handbook serve` and `handbook serve
// --watch`. docs/security.md says what each rule defends:
//
//   - A Host header that does not name the server gets 421 Misdirected
//     Request: a page of another site whose name was rebound to 127.0.0.1
//     (DNS rebinding) sends its own name, and cannot read the site or the
//     dev server's build errors.
//   - An Origin header of another site gets 403 Forbidden: another site's
//     page may not read the live-reload event stream (build errors and
//     file names) or anything else.
//   - Methods other than GET and HEAD get 405 Method Not Allowed with
//     "Allow: GET, HEAD", on every path.
//
// The names a Host header may carry (any port, any case, a trailing dot
// or not): "localhost" and names under ".localhost", loopback addresses,
// the bound address itself; and when bound to every interface (0.0.0.0,
// "::" or ""), also the address the connection arrived at and the
// machine's host name (as os.Hostname gives it, its first label, and that
// label under ".local" for mDNS).
type Guard struct {
	next  http.Handler
	bind  string // the bound host, normalized
	all   bool   // bound to every interface
	names map[string]bool
}

// NewGuard returns a Guard for a server bound to bind (the --bind flag)
// in front of next.
func NewGuard(bind string, next http.Handler) *Guard {
	g := &Guard{next: next, bind: normalizeHost(bind), all: IsUnspecified(bind), names: map[string]bool{}}
	if g.all {
		if name, err := os.Hostname(); err == nil && name != "" {
			name = normalizeHost(name)
			label, _, _ := strings.Cut(name, ".")
			g.names[name] = true
			g.names[label] = true
			g.names[label+".local"] = true
		}
	}
	return g
}

func (g *Guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.hostAllowed(r) {
		w.Header().Set("Connection", "close")
		http.Error(w, "misdirected request: the Host header "+quoteHost(r.Host)+" does not name this server (use http://localhost or http://127.0.0.1; other names are refused against DNS rebinding)", http.StatusMisdirectedRequest)
		return
	}
	if !sameOrigin(r) {
		http.Error(w, "forbidden: a page of another site ("+r.Header.Get("Origin")+") may not read the dev server", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: the server answers GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	g.next.ServeHTTP(w, r)
}

// hostAllowed reports whether the Host header of r names this server.
func (g *Guard) hostAllowed(r *http.Request) bool {
	host := normalizeHost(r.Host)
	switch {
	case host == "":
		return false
	case host == "localhost", strings.HasSuffix(host, ".localhost"):
		return true
	case host == g.bind:
		return true
	}
	ip := net.ParseIP(host)
	if ip != nil && (ip.IsLoopback() || ip.Equal(net.ParseIP(g.bind))) {
		return true
	}
	if !g.all {
		return false
	}
	if g.names[host] {
		return true
	}
	// The address the connection arrived at: one of the machine's own.
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if ip == nil || !ok {
		return false
	}
	tcp, ok := local.(*net.TCPAddr)
	return ok && tcp.IP.Equal(ip)
}

// sameOrigin reports whether r comes from a page of this server, or from
// no page at all (Origin absent: navigations, same-origin GETs).
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// normalizeHost returns the host of a Host header or address without its
// port, brackets or trailing dot, in lower case.
func normalizeHost(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

// quoteHost quotes a Host header for the one-line answer.
func quoteHost(h string) string {
	if h == "" {
		return "(none)"
	}
	if len(h) > 100 {
		h = h[:100]
	}
	return strconv.Quote(h)
}

// IsUnspecified reports whether bind listens on every interface: "",
// "0.0.0.0" or "::".
func IsUnspecified(bind string) bool {
	if bind == "" {
		return true
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(bind, "["), "]"))
	return ip != nil && ip.IsUnspecified()
}
