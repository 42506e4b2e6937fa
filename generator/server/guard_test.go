package server

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// guarded calls a Guard for a server bound to bind, reached at local,
// with a request for host carrying the given Origin.
func guarded(bind, local, method, host, origin string) *httptest.ResponseRecorder {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("site")) })
	req := httptest.NewRequest(method, "/", nil)
	req.Host = host
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	if local != "" {
		addr, err := net.ResolveTCPAddr("tcp", local)
		if err != nil {
			panic(err)
		}
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.Addr(addr)))
	}
	rec := httptest.NewRecorder()
	NewGuard(bind, ok).ServeHTTP(rec, req)
	return rec
}

func TestGuardHost(t *testing.T) {
	hostname, _ := os.Hostname()
	hostname = strings.ToLower(hostname)
	tests := []struct {
		name, bind, local, host string
		want                    int
	}{
		{"loopback IP", "127.0.0.1", "127.0.0.1:1313", "127.0.0.1:1313", 200},
		{"loopback without port", "127.0.0.1", "127.0.0.1:1313", "127.0.0.1", 200},
		{"other port (a tunnel)", "127.0.0.1", "127.0.0.1:1313", "127.0.0.1:8080", 200},
		{"localhost", "127.0.0.1", "127.0.0.1:1313", "localhost:1313", 200},
		{"LOCALHOST with a dot", "127.0.0.1", "127.0.0.1:1313", "LocalHost.:1313", 200},
		{"under .localhost", "127.0.0.1", "127.0.0.1:1313", "docs.localhost:1313", 200},
		{"other loopback", "127.0.0.1", "127.0.0.1:1313", "127.0.0.2:1313", 200},
		{"IPv6 loopback", "::1", "[::1]:1313", "[::1]:1313", 200},
		{"IPv6 loopback without port", "::1", "[::1]:1313", "[::1]", 200},
		{"rebound name", "127.0.0.1", "127.0.0.1:1313", "attacker.example:1313", 421},
		{"rebound name, no port", "127.0.0.1", "127.0.0.1:1313", "attacker.example", 421},
		{"localhost lookalike", "127.0.0.1", "127.0.0.1:1313", "localhost.attacker.example", 421},
		{"no Host", "127.0.0.1", "127.0.0.1:1313", "", 421},
		{"LAN address while on loopback", "127.0.0.1", "127.0.0.1:1313", "192.168.1.5:1313", 421},
		{"bound address", "192.168.1.5", "192.168.1.5:1313", "192.168.1.5:1313", 200},
		{"bound address, other spelling", "2001:db8::5", "[2001:db8::5]:1313", "[2001:db8:0::5]:1313", 200},
		{"bound address, other name", "192.168.1.5", "192.168.1.5:1313", "attacker.example:1313", 421},
		{"bound name", "devbox.example", "192.168.1.5:1313", "DEVBOX.example:1313", 200},
		{"all interfaces: loopback", "0.0.0.0", "127.0.0.1:1313", "127.0.0.1:1313", 200},
		{"all interfaces: arrival address", "0.0.0.0", "192.168.1.5:1313", "192.168.1.5:1313", 200},
		{"all interfaces: other address", "0.0.0.0", "192.168.1.5:1313", "192.168.1.6:1313", 421},
		{"all interfaces: rebound name", "0.0.0.0", "192.168.1.5:1313", "attacker.example:1313", 421},
		{"all interfaces: host name", "0.0.0.0", "192.168.1.5:1313", hostname + ":1313", 200},
		{"all interfaces: mDNS name", "0.0.0.0", "192.168.1.5:1313", strings.Split(hostname, ".")[0] + ".local:1313", 200},
		{"IPv6 all interfaces: arrival address", "::", "[2001:db8::5]:1313", "[2001:db8::5]:1313", 200},
		{"IPv6 all interfaces: IPv4 arrival", "::", "192.168.1.5:1313", "192.168.1.5:1313", 200},
		{"IPv6 all interfaces: rebound name", "::", "[2001:db8::5]:1313", "attacker.example:1313", 421},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if hostname == "" && strings.Contains(tt.name, "name") && tt.want == 200 {
				t.Skip("no host name")
			}
			rec := guarded(tt.bind, tt.local, "GET", tt.host, "")
			if rec.Code != tt.want {
				t.Fatalf("bound to %s, Host %q: %d %q, want %d", tt.bind, tt.host, rec.Code, rec.Body, tt.want)
			}
			if body := rec.Body.String(); tt.want == 421 && (strings.Count(body, "\n") != 1 || !strings.Contains(body, "DNS rebinding")) {
				t.Errorf("421 body %q, want one line saying why", body)
			}
		})
	}
}

func TestGuardOriginAndMethod(t *testing.T) {
	tests := []struct {
		name, method, origin string
		want                 int
		allow                string
	}{
		{"no Origin", "GET", "", 200, ""},
		{"same origin", "GET", "http://127.0.0.1:1313", 200, ""},
		{"another site", "GET", "http://attacker.example", 403, ""},
		{"another port", "GET", "http://127.0.0.1:8080", 403, ""},
		{"https", "GET", "https://127.0.0.1:1313", 403, ""},
		{"opaque origin", "GET", "null", 403, ""},
		{"HEAD", "HEAD", "", 200, ""},
		{"POST", "POST", "", 405, "GET, HEAD"},
		{"PUT", "PUT", "", 405, "GET, HEAD"},
		{"OPTIONS (a preflight)", "OPTIONS", "", 405, "GET, HEAD"},
		{"POST from another site", "POST", "http://attacker.example", 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := guarded("127.0.0.1", "127.0.0.1:1313", tt.method, "127.0.0.1:1313", tt.origin)
			if rec.Code != tt.want || rec.Header().Get("Allow") != tt.allow {
				t.Errorf("%s with Origin %q: %d (Allow %q), want %d (Allow %q)", tt.method, tt.origin, rec.Code, rec.Header().Get("Allow"), tt.want, tt.allow)
			}
		})
	}
}

func TestBrowserURL(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:1313", "http://127.0.0.1:1313/"},
		{"0.0.0.0:1313", "http://127.0.0.1:1313/"},
		{"[::]:1313", "http://127.0.0.1:1313/"},
		{"[::1]:1313", "http://[::1]:1313/"},
		{"192.168.1.5:80", "http://192.168.1.5:80/"},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := BrowserURL(addr); got != tt.want {
			t.Errorf("BrowserURL(%s) = %s, want %s", tt.addr, got, tt.want)
		}
	}
}

func TestExposure(t *testing.T) {
	addr := &net.TCPAddr{IP: net.IPv6unspecified, Port: 1313}
	for _, tt := range []struct{ bind, want string }{
		{"127.0.0.1", ""},
		{"localhost", ""},
		{"::1", ""},
		{"192.168.1.5", "warning: binding to 192.168.1.5 exposes the site to other machines"},
		{"0.0.0.0", "warning: listening on all interfaces (--bind 0.0.0.0): the site is exposed to other machines"},
		{"::", "warning: listening on all interfaces (--bind ::): the site is exposed to other machines"},
		{"", `warning: listening on all interfaces (--bind ""): the site is exposed to other machines`},
	} {
		got := Exposure(tt.bind, addr)
		if !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") || strings.Contains(got, "\n") {
			t.Errorf("Exposure(%q) = %q, want a line starting %q", tt.bind, got, tt.want)
		}
	}
}
