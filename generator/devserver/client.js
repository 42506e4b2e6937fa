// handbook serve --watch: the live-reload client. The dev server injects
// it into the HTML pages it serves; `handbook build` never writes it.
//
// It listens to /__handbook/events (Server-Sent Events) and, after each
// rebuild, reloads the page when the page itself (or a script) changed,
// keeping the scroll position; swaps the stylesheets in place when only
// CSS changed; tells the reader when the open page was removed or renamed;
// shows failed builds in an overlay until they are fixed; and shows
// warnings in a panel the first time, then as a small badge with their
// count that unfolds into the panel (the reader's choice lasts for the
// tab: sessionStorage).
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me.getAttribute("data-build");
  var file = me.getAttribute("data-file"); // "roles/x/index.html", "404.html", "" on the error page
  var scrollKey = "handbook-serve:scroll:" + location.pathname;
  // "open" or "closed": the warnings panel unfolded or folded into its
  // badge. Unset until warnings are first shown: then unfolded, once.
  var warningsKey = "handbook-serve:warnings";

  // Scroll back to where the reader was before a reload.
  var saved = sessionStorage.getItem(scrollKey);
  if (saved) {
    sessionStorage.removeItem(scrollKey);
    try {
      var pos = JSON.parse(saved);
      var restore = function () { window.scrollTo(pos.x, pos.y); };
      restore();
      requestAnimationFrame(restore);
      window.addEventListener("load", restore);
    } catch (err) { /* a stale entry: ignore it */ }
  }

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    location.reload();
  }

  function sitePath(url) {
    return new URL(url, location.href).pathname.replace(/^\//, "");
  }
  function isCSS(p) { return /\.css$/.test(p); }
  function isScript(p) { return /\.js$/.test(p); }

  // Stylesheets that changed are replaced by a fresh copy; the old one is
  // removed once the new one applies, so the page never shows unstyled.
  function swapCSS(changed) {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      if (changed.indexOf(sitePath(link.href)) < 0) return;
      var u = new URL(link.href);
      u.searchParams.set("handbook-serve", Date.now());
      var fresh = link.cloneNode();
      fresh.href = u.href;
      fresh.onload = fresh.onerror = function () { link.remove(); };
      link.after(fresh);
    });
  }

  // The panel: build errors, warnings, or a note about the open page.
  var panel = null, badge = null;
  var mono = "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";
  function button(text, css) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.style.cssText = "font:inherit;color:inherit;background:transparent;border:1px solid currentColor;border-radius:3px;padding:0 8px;cursor:pointer;" + (css || "");
    return b;
  }
  function show(kind, title, items, footer) {
    hide();
    panel = document.createElement("div");
    panel.id = "handbook-serve-overlay";
    panel.setAttribute("role", kind === "error" ? "alert" : "status");
    panel.setAttribute("data-kind", kind);
    var error = kind === "error";
    panel.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;" + (error ? "top:0;max-height:70vh;" : "bottom:0;max-height:40vh;") +
      "overflow:auto;margin:0;padding:12px 16px;" + mono +
      "color:#fff;background:" + (error ? "rgba(140,20,20,.96)" : "rgba(30,40,60,.95)") + ";box-shadow:0 2px 12px rgba(0,0,0,.4);text-align:left";
    if (kind === "warning") {
      // Warnings fold into their badge, and the badge unfolds them.
      var fold = button("Hide", "float:right");
      fold.setAttribute("aria-label", "Hide the warnings");
      fold.setAttribute("aria-expanded", "true");
      fold.addEventListener("click", function () { setWarnings("closed", true); });
      panel.appendChild(fold);
    } else {
      var close = button("Dismiss", "float:right");
      close.addEventListener("click", hide);
      panel.appendChild(close);
    }
    var h = document.createElement("strong");
    h.textContent = title;
    panel.appendChild(h);
    if (items.length) {
      var ul = document.createElement("ul");
      ul.style.cssText = "margin:8px 0 0;padding-left:20px";
      items.forEach(function (it) {
        var li = document.createElement("li");
        if (typeof it === "string") li.textContent = it; else li.appendChild(it);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (footer) {
      var p = document.createElement("p");
      p.style.cssText = "margin:8px 0 0";
      p.textContent = footer;
      panel.appendChild(p);
    }
    (document.body || document.documentElement).appendChild(panel);
  }
  function hide() {
    if (panel) panel.remove();
    if (badge) badge.remove();
    panel = badge = null;
  }

  function showErrors(errors) {
    show("error", "The handbook could not be built", errors.map(function (e) { return e.text; }),
      build ? "The page shows the last good build. Fix the problem and save: this message goes away." :
        "Fix the problem and save: the page loads by itself.");
  }

  // Warnings: the panel the first time, then the badge, unless the reader
  // unfolded it again.
  var warnings = [];
  var here = null; // the state on this page: the first show stays open here
  function warningsTitle() { return warnings.length + (warnings.length === 1 ? " warning" : " warnings"); }
  function setWarnings(state, focus) {
    here = state;
    try { sessionStorage.setItem(warningsKey, state); } catch (err) { /* storage off: this page only */ }
    showWarnings(warnings, focus);
  }
  function showWarnings(ws, focus) {
    warnings = ws || [];
    if (panel && panel.getAttribute("data-kind") === "gone") return;
    if (!warnings.length) { hide(); return; }
    var state = here || sessionStorage.getItem(warningsKey);
    if (!state) { // the first show: unfolded here, folded from then on
      state = here = "open";
      try { sessionStorage.setItem(warningsKey, "closed"); } catch (err) { /* storage off */ }
    }
    if (state === "open") {
      show("warning", warningsTitle(), warnings);
      if (focus) panel.querySelector("button").focus();
      return;
    }
    hide();
    badge = button("\u26a0 " + warningsTitle(), "position:fixed;z-index:2147483647;right:12px;bottom:12px;padding:4px 10px;" + mono +
      "color:#fff;background:rgba(30,40,60,.95);box-shadow:0 2px 8px rgba(0,0,0,.4)");
    badge.id = "handbook-serve-badge";
    badge.setAttribute("aria-expanded", "false");
    badge.setAttribute("aria-label", "Show " + warningsTitle());
    badge.addEventListener("click", function () { setWarnings("open", true); });
    (document.body || document.documentElement).appendChild(badge);
    if (focus) badge.focus();
  }

  // The open page was removed (or may have been): its old URL may now
  // redirect (an alias) or hold a page again, else say so and offer the
  // pages that appeared at the same time.
  function gone(added) {
    fetch(location.href, { method: "HEAD", cache: "no-store" }).then(function (r) {
      if (r.ok) { reload(); return; }
      if (file === "404.html") return; // still missing
      var links = added.filter(function (p) { return /index\.html$/.test(p); }).map(function (p) {
        var a = document.createElement("a");
        a.href = "/" + p.replace(/index\.html$/, "");
        a.textContent = a.getAttribute("href");
        a.style.color = "inherit";
        return a;
      });
      show("gone", "This page was removed or renamed", links,
        links.length ? "It may have moved to the page above." : "Give the page an alias (aliases: in its front matter) to keep its old address working.");
    });
  }

  var source = null;
  function connect() {
    source = new EventSource("/__handbook/events");
    source.addEventListener("hello", function (e) {
      var d = JSON.parse(e.data);
      if (d.build && d.build !== build) { // changed while away
        if (file) gone([]); else reload();
        return;
      }
      if (d.errors) showErrors(d.errors); else showWarnings(d.warnings);
    });
    source.addEventListener("failed", function (e) {
      showErrors(JSON.parse(e.data).errors);
    });
    source.addEventListener("reload", function (e) {
      var d = JSON.parse(e.data);
      var changed = d.changed || [], removed = d.removed || [], added = d.added || [];
      if (file && removed.indexOf(file) >= 0) { gone(added); return; }
      if (!file || file === "404.html") {
        if (d.all || changed.length || added.length) reload();
        return;
      }
      if (d.all || changed.indexOf(file) >= 0 || changed.some(isScript)) { reload(); return; }
      build = d.build;
      var css = changed.filter(isCSS);
      if (css.length) swapCSS(css);
      showWarnings(d.warnings);
    });
    source.onerror = function () {
      // EventSource retries by itself unless the server refused the stream.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }
  connect();
  window.addEventListener("pagehide", function () { if (source) source.close(); });
})();
