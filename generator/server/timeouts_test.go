package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// smallBuffers makes accepted connections' send buffers small, so that a
// client that does not read blocks the server's writes after a few
// kilobytes rather than after megabytes of kernel buffers.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(4096)
	}
	return c, err
}

// serveCounting serves h with t on a loopback port and counts the
// connections the server closed.
func serveCounting(t *testing.T, h http.Handler, to Timeouts) (addr string, srv *HTTPServer, closed *atomic.Int64) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv = NewHTTPServer(h, to)
	closed = &atomic.Int64{}
	track := srv.ConnState
	srv.ConnState = func(c net.Conn, s http.ConnState) {
		track(c, s)
		if s == http.StateClosed || s == http.StateHijacked {
			closed.Add(1)
		}
	}
	go srv.Serve(smallBuffers{l})
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String(), srv, closed
}

// Clients that stall at each step of an exchange do not hold their
// connections: the server closes all of them once its timeouts pass.
// Without the timeouts none of them would ever be closed.
func TestTimeoutsLetStalledClientsGo(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			io.WriteString(w, big)
			return
		}
		io.WriteString(w, "small")
	})
	short := Timeouts{ReadHeader: 50 * time.Millisecond, Read: 100 * time.Millisecond, Write: 100 * time.Millisecond, Idle: 100 * time.Millisecond}
	const clients = 100
	tests := []struct {
		name  string
		stall func(t *testing.T, c net.Conn)
	}{
		{"never finish the request header", func(t *testing.T, c net.Conn) {
			fmt.Fprint(c, "GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n")
		}},
		{"never read the answer", func(t *testing.T, c net.Conn) {
			c.(*net.TCPConn).SetReadBuffer(4096)
			fmt.Fprint(c, "GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		}},
		{"keep an idle connection", func(t *testing.T, c net.Conn) {
			fmt.Fprint(c, "GET /small HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
			res, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, _, closed := serveCounting(t, h, short)
			for range clients {
				c, err := net.Dial("tcp", addr)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				tt.stall(t, c)
			}
			// A hang detector, not a measure: the server lets go after
			// 100 ms; without timeouts it never would.
			deadline := time.Now().Add(20 * time.Second)
			for closed.Load() < clients {
				if time.Now().After(deadline) {
					t.Fatalf("%d of %d stalled connections still open", clients-closed.Load(), clients)
				}
				time.Sleep(10 * time.Millisecond)
			}
		})
	}
}

func TestNewHTTPServerDefaults(t *testing.T) {
	s := NewHTTPServer(http.NotFoundHandler(), Timeouts{Write: time.Second})
	got := Timeouts{s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout}
	want := DefaultTimeouts
	want.Write = time.Second
	if got != want {
		t.Errorf("timeouts %+v, want %+v", got, want)
	}
	for name, d := range map[string]time.Duration{"ReadHeader": got.ReadHeader, "Read": got.Read, "Write": got.Write, "Idle": got.Idle} {
		if d <= 0 {
			t.Errorf("%s timeout is off", name)
		}
	}
}

// Stop waits for nothing but the requests in flight: a long-lived
// handler ended by OnStop, a connection that never sent a request (a
// browser's preconnection; http.Server.Shutdown waits 5 s for those), one
// that sent half a request, and an idle kept-alive one do not hold it,
// even with a grace that never ends.
func TestStopWaitsOnlyForRequests(t *testing.T) {
	streams := make(chan struct{})
	started := make(chan struct{}, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stream" {
			w.WriteHeader(200)
			http.NewResponseController(w).Flush()
			started <- struct{}{}
			<-streams // like an event stream: ends only when told
			return
		}
		io.WriteString(w, "ok")
	})
	addr, srv, _ := serveCounting(t, h, Timeouts{})
	srv.OnStop(func() { close(streams) })

	dial := func(request string) net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		fmt.Fprint(c, request)
		return c
	}
	stream := dial("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	<-started
	dial("")
	dial("GET / HTTP/1.1\r\nHost: 127.")
	idle := dial("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	if _, err := http.ReadResponse(bufio.NewReader(idle), nil); err != nil {
		t.Fatal(err)
	}

	stopped := make(chan error, 1)
	go func() { stopped <- srv.StopContext(context.Background()) }()
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("Stop: %v", err)
		}
	case <-time.After(4 * time.Second): // under the 5 s Shutdown gives fresh connections
		t.Fatal("Stop waited for connections without a request in flight")
	}
	stream.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.Copy(io.Discard, stream); err != nil {
		t.Errorf("the stream did not end: %v", err)
	}
}

// A request that does not finish within the grace is cut off.
func TestStopCutsOffAfterGrace(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-block // ignores its context: only closing the connection ends it
	})
	addr, srv, _ := serveCounting(t, h, Timeouts{})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the grace is over before it began
	if err := srv.StopContext(ctx); err != nil {
		t.Errorf("Stop: %v", err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Error("the connection of the request in flight is still open")
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Error("the connection of the request in flight was not closed")
	}
}
