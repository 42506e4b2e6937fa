package livereload

import (
	"net"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/generator/server"
)

// The event stream outlives the server's read and write timeouts, which
// bound every other request.
func TestHubOutlivesServerTimeouts(t *testing.T) {
	h := NewHub()
	defer h.Close()
	const timeout = 50 * time.Millisecond
	srv := server.NewHTTPServer(h, server.Timeouts{ReadHeader: timeout, Read: timeout, Write: timeout, Idle: timeout})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	defer srv.Close()
	s := connect(t, "http://"+l.Addr().String()+"/")
	waitClients(t, h, 1)
	time.Sleep(3 * timeout) // every server timeout has passed
	h.Send(Message{Event: "reload", Data: []byte(`{"n":1}`)})
	if ev, data := s.next(t); ev != "reload" || data != `{"n":1}` {
		t.Errorf("after the timeouts: %s %s", ev, data)
	}
}

func TestHubMethods(t *testing.T) {
	h := NewHub()
	defer h.Close()
	for _, tt := range []struct {
		method string
		status int
		allow  string
	}{
		{"HEAD", 200, ""},
		{"POST", 405, "GET, HEAD"},
		{"DELETE", 405, "GET, HEAD"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, "/", nil))
		if rec.Code != tt.status || rec.Header().Get("Allow") != tt.allow {
			t.Errorf("%s: %d (Allow %q), want %d (Allow %q)", tt.method, rec.Code, rec.Header().Get("Allow"), tt.status, tt.allow)
		}
		if tt.method == "HEAD" && rec.Body.Len() != 0 {
			t.Errorf("HEAD answered a body: %q", rec.Body)
		}
	}
	if n := h.Clients(); n != 0 {
		t.Errorf("%d clients after HEAD requests", n)
	}
}
