// Package livereload keeps browsers told about a site that changes, over
// Server-Sent Events.
//
// A Hub is one loop that registers clients, unregisters them and
// broadcasts messages to them. Each client has a small buffer; a client
// that falls that far behind (its connection stalls) is dropped rather
// than allowed to hold up the others, and its browser's EventSource
// reconnects by itself. Every client first receives the welcome message
// (the current state), so one that connects late or reconnects after the
// server restarted catches up at once.
package livereload

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Message is one event sent to every browser: Event names it, Data (JSON,
// say) is handed to the browser's listener.
type Message struct {
	Event string
	Data  []byte
}

// Tuning of the hub.
const (
	// Buffer is how many messages a client may lag behind before it is
	// dropped.
	Buffer = 8
	// KeepAlive is how often an idle connection gets a comment, so that
	// proxies keep it open and a vanished browser is noticed.
	KeepAlive = 15 * time.Second
	// WriteTimeout bounds one write to a browser.
	WriteTimeout = 5 * time.Second
	// Retry is how long a browser waits before reconnecting.
	Retry = 500 * time.Millisecond
)

type client struct {
	send chan Message
}

// Hub fans messages out to connected browsers. Its zero value is not
// usable: make one with NewHub and stop it with Close.
type Hub struct {
	register   chan *client
	unregister chan *client
	broadcast  chan Message
	welcome    chan Message
	count      chan chan int
	done       chan struct{}
	stopped    chan struct{}
}

// NewHub starts a hub.
func NewHub() *Hub {
	h := &Hub{
		register:   make(chan *client),
		unregister: make(chan *client),
		broadcast:  make(chan Message),
		welcome:    make(chan Message),
		count:      make(chan chan int),
		done:       make(chan struct{}),
		stopped:    make(chan struct{}),
	}
	go h.run()
	return h
}

func (h *Hub) run() {
	defer close(h.stopped)
	clients := map[*client]bool{}
	var welcome *Message
	drop := func(c *client) {
		if clients[c] {
			delete(clients, c)
			close(c.send)
		}
	}
	for {
		select {
		case <-h.done:
			for c := range clients {
				drop(c)
			}
			return
		case c := <-h.register:
			clients[c] = true
			if welcome != nil {
				c.send <- *welcome // the buffer is empty: never blocks
			}
		case c := <-h.unregister:
			drop(c)
		case m := <-h.welcome:
			welcome = &m
		case m := <-h.broadcast:
			for c := range clients {
				select {
				case c.send <- m:
				default: // too slow: drop it; its browser reconnects
					drop(c)
				}
			}
		case reply := <-h.count:
			reply <- len(clients)
		}
	}
}

// Send broadcasts m to every connected browser.
func (h *Hub) Send(m Message) {
	select {
	case h.broadcast <- m:
	case <-h.done:
	}
}

// SetWelcome sets the message every browser receives first when it
// connects; it replaces the previous one.
func (h *Hub) SetWelcome(m Message) {
	select {
	case h.welcome <- m:
	case <-h.done:
	}
}

// Clients returns the number of connected browsers.
func (h *Hub) Clients() int {
	reply := make(chan int, 1)
	select {
	case h.count <- reply:
		return <-reply
	case <-h.done:
		return 0
	}
}

// Close disconnects every browser and stops the hub. It is safe to call
// more than once.
func (h *Hub) Close() {
	select {
	case <-h.done:
	default:
		close(h.done)
	}
	<-h.stopped
}

// ServeHTTP streams the hub's messages to one browser until it goes away,
// falls behind, or the hub closes. The stream is exempt from the server's
// write timeout, which would end it: each write moves the connection's
// write deadline to WriteTimeout from then instead. (The server's read
// timeout does not apply once the request is read.) A HEAD request gets
// the headers only.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/event-stream; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	c := &client{send: make(chan Message, Buffer)}
	select {
	case h.register <- c:
	case <-h.done:
		http.Error(w, "the server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer func() {
		select {
		case h.unregister <- c:
		case <-h.done:
		}
	}()
	rc := http.NewResponseController(w)
	w.WriteHeader(http.StatusOK)
	write := func(format string, args ...any) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(WriteTimeout))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write("retry: %d\n\n", Retry.Milliseconds()) {
		return
	}
	tick := time.NewTicker(KeepAlive)
	defer tick.Stop()
	for {
		select {
		case m, ok := <-c.send:
			if !ok {
				return
			}
			if !write("%s", frame(m)) {
				return
			}
		case <-tick.C:
			if !write(": keep-alive\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}

// frame encodes m as one Server-Sent Event.
func frame(m Message) string {
	var b strings.Builder
	b.WriteString("event: " + m.Event + "\n")
	for _, line := range strings.Split(string(m.Data), "\n") {
		b.WriteString("data: " + strings.TrimSuffix(line, "\r") + "\n")
	}
	b.WriteString("\n")
	return b.String()
}
