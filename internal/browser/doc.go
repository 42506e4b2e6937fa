// Package browser runs real-browser tests of a built handbook: the theme's
// CSS and JavaScript in headless Chromium, driven with chromedp.
//
// It is a test helper, like net/http/httptest: only _test.go files import it.
//
//	ctx := browser.Start(t)               // one headless Chromium per test
//	base := browser.Serve(t, publicDir)   // "http://127.0.0.1:PORT/"
//	h1 := browser.Run(t, ctx, chromedp.Text("h1"))
//
// Serve hosts the site exactly as `handbook serve` does (server.Handler over
// an os.Root); ServeAt hosts it under a sub-path ("/handbook/") to prove that
// a site works wherever it is copied.
//
// The browser is Chromium, found at $HANDBOOK_CHROMIUM, /usr/bin/chromium or
// "chromium" on PATH. A missing browser fails the test rather than skipping
// it, so a machine without one cannot pass silently: `make browser-deps`
// installs Debian's package. Every browser has a time budget (Budget): a hung
// browser is killed and its test fails well within a minute.
package browser
