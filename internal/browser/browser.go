package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbook-dev/handbook/generator/server"
)

// EnvChromium is the environment variable that names the browser to run,
// as a path or a command on PATH.
const EnvChromium = "HANDBOOK_CHROMIUM"

// Budget is how long one browser may live. When it runs out the browser is
// killed, so the action waiting on it returns an error and the test fails:
// a hung browser costs a test at most Budget plus closeTimeout.
const Budget = 40 * time.Second

// closeTimeout bounds the graceful close of the browser after a test.
const closeTimeout = 5 * time.Second

// Start launches a headless Chromium for the test and returns the chromedp
// context of its first tab. The browser is closed when the test ends.
//
// A missing browser fails the test: browser tests never skip.
func Start(t testing.TB) context.Context {
	t.Helper()
	return StartFor(t, Budget)
}

// StartFor is Start with a budget of its own, for a browser that serves
// many pages in tabs of their own (Tab).
func StartFor(t testing.TB, budget time.Duration) context.Context {
	t.Helper()
	exe, err := findChromium()
	if err != nil {
		t.Fatalf("%v; install chromium: make browser-deps", err)
	}

	deadline := time.Now().Add(budget)
	// Stay inside `go test -timeout`, so that a hang is reported as this
	// test's failure and not as a panic of the whole binary.
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if end, ok := d.Deadline(); ok && end.Add(-2*closeTimeout).Before(deadline) {
			deadline = end.Add(-2 * closeTimeout)
		}
	}
	budgetCtx, cancelBudget := context.WithDeadline(context.Background(), deadline)

	out := &output{}
	// chromedp's defaults already hold --headless, --no-first-run,
	// --disable-background-networking and --disable-sync, and they keep
	// background tabs and timers unthrottled, which polling on animation
	// frames relies on.
	// Without a UserDataDir option chromedp makes a fresh temporary
	// --user-data-dir per browser and removes it after killing any child
	// process that outlived the browser, which t.TempDir cannot do.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,  // CI and containers run as root
		chromedp.DisableGPU, // no GPU here; software rendering is deterministic
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.CombinedOutput(out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(budgetCtx, opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		closeCtx, cancelClose := context.WithTimeout(ctx, closeTimeout)
		_ = chromedp.Cancel(closeCtx)
		cancelClose()
		cancel()
		cancelAlloc() // kills the process if the close did not end it, and waits
		cancelBudget()
		if t.Failed() {
			t.Logf("chromium output (last 4 KiB):\n%s", out.tail(4<<10))
		}
	})
	// The first action starts the browser, bound to the budget.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v (is it a working Chromium? make browser-deps installs one)\nbrowser output:\n%s", exe, err, out.tail(2<<10))
	}
	return ctx
}

// Tab opens a new tab in the browser of ctx, a context from Start, and
// closes it when the test ends. A tab costs a fraction of a browser; tabs
// share the browser's storage and its budget.
func Tab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return tab
}

// findChromium returns the browser to run: $HANDBOOK_CHROMIUM, else
// /usr/bin/chromium, else chromium on PATH.
func findChromium() (string, error) {
	if name := os.Getenv(EnvChromium); name != "" {
		exe, err := exec.LookPath(name)
		if err != nil {
			return "", fmt.Errorf("$%s: %v", EnvChromium, err)
		}
		return exe, nil
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium"} {
		if exe, err := exec.LookPath(name); err == nil {
			return exe, nil
		}
	}
	return "", errors.New("no browser: $" + EnvChromium + " is unset, and chromium is neither at /usr/bin/chromium nor on PATH")
}

// Run runs a chromedp action in the browser of ctx and returns its value.
// Any error fails the test.
func Run[T any](ctx context.Context, t testing.TB, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatal(explain(ctx, err))
	}
	return v
}

// Do runs actions that return nothing, in order, like chromedp.Do. Any error
// fails the test.
func Do(ctx context.Context, t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(explain(ctx, err))
	}
}

func explain(ctx context.Context, err error) string {
	if ctx.Err() != nil {
		return fmt.Sprintf("browser: %v (the browser's budget of %v ran out: it hung, or a wait never came true)", err, Budget)
	}
	return fmt.Sprintf("browser: %v", err)
}

// Serve serves the built site in dir at the root of a new local HTTP server,
// as `handbook serve` does, and returns its URL with a trailing slash.
func Serve(t testing.TB, dir string) (baseURL string) {
	t.Helper()
	return ServeAt(t, dir, "/")
}

// ServeAt serves the built site in dir under the sub-path prefix ("/handbook/"),
// as a static host does when the site is copied into a folder, and returns the
// site's URL (http://127.0.0.1:PORT/handbook/). Requests outside the prefix
// get 404, so a link or asset that escapes the sub-path shows as broken.
func ServeAt(t testing.TB, dir, prefix string) (baseURL string) {
	t.Helper()
	if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
		t.Fatalf("ServeAt: prefix %q must start and end with a slash", prefix)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = server.Handler{FS: root.FS()}
	if prefix != "/" {
		mux := http.NewServeMux()
		mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), h))
		h = mux
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		root.Close()
	})
	return srv.URL + prefix
}

// output collects the browser's stdout and stderr for failure reports.
type output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

// tail returns the last n bytes of the output, less the D-Bus complaints
// that Chromium prints on every machine without a desktop session.
func (o *output) tail(n int) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var b []byte
	for line := range bytes.Lines(o.buf.Bytes()) {
		if !bytes.Contains(line, []byte(":ERROR:dbus/")) {
			b = append(b, line...)
		}
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
