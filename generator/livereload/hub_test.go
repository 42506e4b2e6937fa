package livereload

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// stream is one browser's connection to the hub.
type stream struct {
	res *http.Response
	r   *bufio.Reader
}

func connect(t *testing.T, url string) *stream {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type = %q", ct)
	}
	return &stream{res: res, r: bufio.NewReader(res.Body)}
}

// next reads the next event, skipping retry lines and comments.
func (s *stream) next(t *testing.T) (event, data string) {
	t.Helper()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			s.res.Body.Close()
		}
	}()
	var lines []string
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the stream: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			if event != "" {
				return event, strings.Join(lines, "\n")
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			lines = append(lines, strings.TrimPrefix(line, "data: "))
		}
	}
}

func waitClients(t *testing.T, h *Hub, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for h.Clients() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d clients connected, want %d", h.Clients(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestHubFiftyClients(t *testing.T) {
	h := NewHub()
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer h.Close() // before srv.Close, which waits for the streams to end
	h.SetWelcome(Message{Event: "hello", Data: []byte(`{"build":"1"}`)})

	var streams []*stream
	for range 50 {
		streams = append(streams, connect(t, srv.URL))
	}
	waitClients(t, h, 50)
	for _, s := range streams {
		if ev, data := s.next(t); ev != "hello" || data != `{"build":"1"}` {
			t.Fatalf("first event = %s %s, want the welcome", ev, data)
		}
	}
	h.Send(Message{Event: "reload", Data: []byte("two\nlines")})
	var wg sync.WaitGroup
	for i, s := range streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ev, data := s.next(t); ev != "reload" || data != "two\nlines" {
				t.Errorf("client %d got %s %q", i, ev, data)
			}
		}()
	}
	wg.Wait()
}

// A browser that goes away mid-stream is unregistered, and the hub goes on
// serving the others.
func TestHubClientDisconnects(t *testing.T) {
	h := NewHub()
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer h.Close() // before srv.Close, which waits for the streams to end

	// A raw connection that reads half a response and hangs up.
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	buf := make([]byte, 10)
	if _, err := conn.Read(buf); err != nil {
		t.Fatal(err)
	}
	stay := connect(t, srv.URL)
	waitClients(t, h, 2)
	conn.Close()
	h.Send(Message{Event: "reload", Data: []byte("1")}) // the write to the closed connection fails
	waitClients(t, h, 1)
	if ev, _ := stay.next(t); ev != "reload" {
		t.Errorf("remaining client got %q", ev)
	}
	h.Send(Message{Event: "reload", Data: []byte("2")})
	if _, data := stay.next(t); data != "2" {
		t.Errorf("remaining client got %q, want the second message", data)
	}
}

// A client that does not keep up is dropped, not waited for.
func TestHubDropsSlowClient(t *testing.T) {
	h := NewHub()
	defer h.Close()
	slow := &client{send: make(chan Message, Buffer)}
	h.register <- slow
	waitClients(t, h, 1)
	for i := range Buffer + 1 {
		h.Send(Message{Event: "reload", Data: []byte(fmt.Sprint(i))})
	}
	waitClients(t, h, 0)
	n := 0
	for range slow.send {
		n++
	}
	if n != Buffer {
		t.Errorf("slow client got %d messages before being dropped, want %d", n, Buffer)
	}
}

// Close ends every stream, and the hub refuses new ones.
func TestHubClose(t *testing.T) {
	h := NewHub()
	srv := httptest.NewServer(h)
	defer srv.Close()
	s := connect(t, srv.URL)
	waitClients(t, h, 1)
	h.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go func() { <-ctx.Done(); s.res.Body.Close() }()
	for {
		if _, err := s.r.ReadString('\n'); err != nil {
			break
		}
	}
	if ctx.Err() != nil {
		t.Fatal("stream still open 5 s after Close")
	}
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after Close: status %d, want 503", res.StatusCode)
	}
	h.Close()
}
