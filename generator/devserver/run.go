package devserver

import (
	"context"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/server"
	"github.com/handbook-dev/handbook/generator/watch"
)

// Options configures Run.
type Options struct {
	// Source is the source folder; Build says how to build it
	// (Destination is not used: nothing is written).
	Source string
	Build  generator.Options
	// Bind and Port are where to listen; the next free port is taken
	// when Port is.
	Bind string
	Port int
	// Poll watches by polling instead of file events.
	Poll bool
	// Log receives one line per rebuild, the errors of failed builds,
	// and the problems of watching. Stdout receives the line that says
	// where the site is served.
	Log, Stdout io.Writer
	// Settle is how long changes must pause before a rebuild (the watch
	// package's Quiet); its default when zero.
	Settle time.Duration
	// Timeouts bound each connection but the event streams
	// (server.DefaultTimeouts where zero).
	Timeouts server.Timeouts
	// Grace is how long requests in flight may take to finish once ctx
	// is cancelled; DefaultGrace when zero.
	Grace time.Duration
}

// DefaultGrace is how long a request in flight may take to finish at
// Ctrl-C; nothing else is waited for, so the server stops within it.
const DefaultGrace = 500 * time.Millisecond

// Session is a running dev server.
type Session struct {
	opts    Options
	builder *generator.Builder
	srv     *Server
	http    *server.HTTPServer
	watcher *watch.Watcher
	url     string
	served  chan error

	mu     sync.Mutex
	search context.CancelFunc
	done   chan struct{} // closed when the rebuild loop ends
	// searched is signalled after each search index is published, for
	// tests and benchmarks.
	searched chan string
}

// Run builds the site, serves it and rebuilds it on every change until ctx
// is cancelled (Ctrl-C), then shuts down within a second.
func Run(ctx context.Context, opts Options) error {
	s, err := Start(ctx, opts)
	if err != nil {
		return err
	}
	return s.Wait(ctx)
}

// Start builds the site, starts watching and listening, and returns once
// the site is served. A failed first build is served as its errors, and
// the site appears when they are fixed.
func Start(ctx context.Context, opts Options) (*Session, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	s := &Session{opts: opts, srv: New(), served: make(chan error, 1), done: make(chan struct{}), searched: make(chan string, 1)}
	cleanup := s.srv.Close

	w, err := watch.New(watch.Options{Root: opts.Source, Paths: generator.WatchedPaths, Poll: opts.Poll, Quiet: opts.Settle})
	if err != nil {
		cleanup()
		return nil, err
	}
	s.watcher = w
	s.builder = generator.Open(ctx, opts.Source, opts.Build).Builder()
	// The site stays in memory while the author works: its pages take a
	// fifth of the space packed. The collector runs at its default: the
	// heap stays within twice what serve keeps (docs/serve.md, Memory).
	s.builder.PackPages()
	r, err := s.builder.Build(ctx, nil)
	for _, note := range notes(r) {
		fmt.Fprintln(opts.Log, note)
	}
	s.report(nil, r, err)

	l, err := server.Listen(opts.Bind, opts.Port)
	if err != nil {
		w.Close()
		cleanup()
		return nil, err
	}
	if got := l.Addr().(*net.TCPAddr).Port; opts.Port != 0 && got != opts.Port {
		fmt.Fprintf(opts.Log, "port %d is taken: using %d\n", opts.Port, got)
	}
	if warning := server.Exposure(opts.Bind, l.Addr()); warning != "" {
		fmt.Fprintln(opts.Log, warning)
	}
	s.url = server.BrowserURL(l.Addr())
	s.http = server.NewHTTPServer(server.NewGuard(opts.Bind, s.srv), opts.Timeouts)
	s.http.OnStop(s.srv.Close) // event streams end only when told
	go func() { s.served <- s.http.Serve(l) }()
	all := ""
	if server.IsUnspecified(opts.Bind) {
		all = "listening on all interfaces; "
	}
	fmt.Fprintf(opts.Stdout, "serving %s from memory at %s (%swatching for changes by %s; Ctrl-C to stop)\n", opts.Source, s.url, all, w.Mode)
	go s.loop(ctx, r, cleanup)
	return s, nil
}

// URL is where the site is served, with a trailing slash.
func (s *Session) URL() string { return s.url }

// Server is the HTTP side of the session.
func (s *Session) Server() *Server { return s.srv }

// Wait serves until ctx is cancelled, then shuts down: browsers are
// disconnected and connections without a request closed at once,
// requests in flight get Options.Grace to finish, and the rebuild loop
// (which ctx cancelled too) stops meanwhile.
func (s *Session) Wait(ctx context.Context) error {
	select {
	case err := <-s.served:
		return err
	case <-ctx.Done():
	}
	grace := s.opts.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}
	err := s.http.Stop(grace)
	<-s.done
	return err
}

// loop rebuilds after each batch of changes until ctx is cancelled.
func (s *Session) loop(ctx context.Context, first *generator.Rebuild, cleanup func()) {
	defer close(s.done)
	defer cleanup()
	defer s.watcher.Close()
	defer s.stopSearch()
	if first != nil && first.Result != nil && first.Files != nil {
		s.indexSearch(ctx, first)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-s.watcher.Errors():
			if ok {
				fmt.Fprintf(s.opts.Log, "watch: %v\n", err)
			}
		case b, ok := <-s.watcher.Batches():
			if !ok {
				return
			}
			changed := b.Paths
			if b.Lost {
				changed = nil
			} else if slices.IndexFunc(changed, func(p string) bool { return !s.builder.Ignored(p) }) < 0 {
				// Only files the ignore list skips (content.Walk).
				continue
			}
			// The index of the previous build is out of date: stop it
			// reading the pages the build is about to change.
			s.stopSearch()
			r, err := s.builder.Build(ctx, changed)
			if ctx.Err() != nil {
				return
			}
			s.report(b.Paths, r, err)
			if err == nil {
				s.indexSearch(ctx, r)
			}
		}
	}
}

// report publishes a build (or its failure) and prints its line.
func (s *Session) report(changed []string, r *generator.Rebuild, err error) {
	what := describe(changed)
	stamp := time.Now().Format("15:04:05")
	if err != nil {
		s.srv.Fail(err)
		served := "still serving the last good build"
		if s.srv.BuildID() == "" {
			served = "nothing to serve until it is fixed"
		}
		fmt.Fprintf(s.opts.Log, "%s %s: build failed, %s:\n", stamp, what, served)
		for _, p := range Problems(err) {
			fmt.Fprintln(s.opts.Log, p.Text)
		}
		return
	}
	prevWarnings := s.srv.warnings
	u := s.srv.Publish(r.Files, r.Warnings)
	if strings.Join(prevWarnings, "\n") != strings.Join(r.Warnings, "\n") {
		for _, w := range r.Warnings {
			fmt.Fprintln(s.opts.Log, w)
		}
	}
	ms := r.Duration.Milliseconds()
	if changed == nil {
		fmt.Fprintf(s.opts.Log, "%s built %d pages, %d files in %d ms\n", stamp, r.Pages, len(r.Files), ms)
		return
	}
	rendered := fmt.Sprintf("%d of %d pages rendered", len(r.Rendered), r.Pages)
	if r.Full {
		rendered = fmt.Sprintf("everything rebuilt (%d pages)", r.Pages)
	}
	fmt.Fprintf(s.opts.Log, "%s %s: %s, %d files changed, in %d ms\n", stamp, what, rendered, len(u.Changed)+len(u.Added)+len(u.Removed), ms)
}

// indexSearch makes the search index of r in the background, once the
// browsers were told; a newer build cancels it. The builder keeps the
// index between builds and analyses again only the pages whose search
// data changed (Rebuild.Search), so it follows a save within a fraction
// of a second (BenchmarkSaveToSearch).
func (s *Session) indexSearch(ctx context.Context, r *generator.Rebuild) {
	s.stopSearch()
	sctx, cancel := context.WithCancel(ctx)
	build := s.srv.BuildID()
	s.mu.Lock()
	s.search = cancel
	s.mu.Unlock()
	go func() {
		files, err := r.Search(sctx)
		if sctx.Err() != nil {
			return
		}
		if err != nil {
			fmt.Fprintf(s.opts.Log, "search index: %v\n", err)
			return
		}
		s.srv.PublishSearch(build, files)
		for { // the latest only: an unread older build gives way
			select {
			case s.searched <- build:
				return
			default:
				select {
				case <-s.searched:
				default:
				}
			}
		}
	}()
}

func (s *Session) stopSearch() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.search != nil {
		s.search()
		s.search = nil
	}
}

// Searched delivers the id of each build whose search index is served
// (the latest only, when nobody listens).
func (s *Session) Searched() <-chan string { return s.searched }

// describe names what changed, for the terminal.
func describe(changed []string) string {
	switch len(changed) {
	case 0:
		if changed == nil {
			return "start"
		}
		return "nothing"
	case 1:
		return changed[0] + " changed"
	}
	return changed[0] + " and " + strconv.Itoa(len(changed)-1) + " more changed"
}

func notes(r *generator.Rebuild) []string {
	if r == nil || r.Result == nil {
		return nil
	}
	return r.Notes
}
