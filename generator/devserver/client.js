// handbook serve --watch: the live-reload client. The dev server injects
// it into the HTML pages it serves; `handbook build` never writes it.
//
// It listens to /__handbook/events (Server-Sent Events) and, after each
// rebuild, patches the open page in place when it changed (the morph,
// below), reloading it, scroll position kept, only when its scripts or its
// head changed or the patch cannot be made; swaps the stylesheets in place
// when CSS changed; tells the reader when the open page was removed or
// renamed; shows failed builds in an overlay until they are fixed; and
// shows warnings in a panel the first time, then as a small badge with
// their count that unfolds into the panel (the reader's choice lasts for
// the tab: sessionStorage).
(function () {
  "use strict";
  // Once per page. (The copy of this script in the pages the morph
  // fetches never runs: parsed pages run no scripts, and the morph never
  // inserts one.)
  if (window.handbookServe) return;
  window.handbookServe = true;
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

  function reload(why) {
    if (why && window.console) console.info("handbook serve: reloading the page: " + why);
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

  // ---- Morph: the rebuilt page patched into the open one ----
  //
  // A rebuild that changed the open page (or every page: a layout) is
  // shown without a reload. The page is fetched and parsed, and only what
  // differs between the page as it was served (base) and as it is now
  // (next) is changed in the document, so whatever the theme's scripts
  // and the reader did elsewhere stays: the scroll position, the focus and
  // the selection in it, a <details> opened or closed, the search box and
  // its results, the self-assessment ticks, what handbook.js built at load
  // (a checkbox per expectation, a sidebar folder made of a link). The
  // page reloads instead (keeping its scroll position) when its scripts
  // or its head changed, since the theme's scripts would have to run
  // again, and whenever the patch cannot be made.
  var base = null;    // the page as served for build, parsed; null: unknown
  var queue = null;   // the updates in progress, one after the other
  var LOOK = 8;       // how far the matching of children looks ahead
  // Elements the theme's scripts enhance at load (handbook.js,
  // changes.js, search.js): a page that gains or loses one reloads, so
  // that they run on it. Scripts are never inserted nor removed by the
  // patch.
  var ENHANCED = "script, [data-item], [data-assess-role], [data-tracks], .nav-lazy, .compare-form, .print-button, .search";

  function later(a, b) { // build id a ("instance-seq") comes after b
    var sa = /^(.*)-(\d+)$/.exec(a || ""), sb = /^(.*)-(\d+)$/.exec(b || "");
    return !sa || !sb || sa[1] !== sb[1] || Number(sa[2]) > Number(sb[2]);
  }
  function setBuild(id) {
    if (!later(id, build)) return;
    build = id;
    me.setAttribute("data-build", id);
  }
  function enqueue(f) {
    queue = (queue || Promise.resolve()).then(f).catch(function (err) { reload(err && err.message); });
  }
  // The time each step takes shows in the browser's performance tools
  // (and to the benchmark, BenchmarkSaveToScreen).
  function measure(what, start) {
    if (performance.measure) try { performance.measure("handbook-serve:" + what, { start: start, end: performance.now() }); } catch (err) { /* an old browser */ }
  }
  function fetchPage() {
    // A request that waits for a connection (a browser opens six to one
    // server, and each open page holds one for its events) ends in a
    // reload rather than in a page that stopped following the saves.
    var abort = window.AbortController ? new AbortController() : null;
    if (abort) setTimeout(function () { abort.abort(); }, 10000);
    return fetch(location.href, { cache: "no-store", credentials: "same-origin", signal: abort ? abort.signal : undefined }).then(function (r) {
      if (!r.ok) throw new Error("the page answered " + r.status);
      return r.text();
    }).then(function (text) {
      var t0 = performance.now();
      var doc = new DOMParser().parseFromString(text, "text/html");
      measure("parse", t0);
      var client = doc.querySelector('script[data-build][src="' + me.getAttribute("src") + '"]');
      if (!client) throw new Error("the fetched page has no live-reload script");
      return { doc: doc, build: client.getAttribute("data-build") };
    });
  }
  // The base: fetched once at load. When the page changed meanwhile it is
  // not the page shown, and the next change reloads.
  function loadBase() {
    enqueue(function () {
      return fetchPage().then(function (p) { if (p.build === build) base = p.doc; }, function () { /* the next change reloads */ });
    });
  }
  function update(to) {
    enqueue(function () {
      if (!later(to, build)) return; // an earlier fetch brought it
      if (!base) throw new Error("the page as served is unknown");
      return fetchPage().then(function (p) {
        if (!later(p.build, build)) return;
        var t0 = performance.now();
        morphPage(base, p.doc);
        measure("patch", t0);
        base = p.doc;
        setBuild(p.build);
      });
    });
  }

  function morphPage(b, n) {
    if (scripts(b) !== scripts(n)) throw new Error("its scripts changed");
    if (head(b) !== head(n)) throw new Error("its <head> changed");
    var active = document.activeElement, sel = null;
    try { if (active && typeof active.selectionStart === "number") sel = [active.selectionStart, active.selectionEnd, active.selectionDirection]; } catch (err) { /* no selection */ }
    attrs(b.documentElement, n.documentElement, document.documentElement);
    morph(b.body, n.body, document.body); // which compares its children
    if (b.title !== n.title) document.title = n.title;
    swapSheets(b, n);
    if (active && active !== document.activeElement && document.contains(active)) {
      active.focus({ preventScroll: true });
      try { if (sel) active.setSelectionRange(sel[0], sel[1], sel[2]); } catch (err) { /* not a text field */ }
    }
  }

  // scripts lists a page's scripts but this one, whose build id changes.
  function scripts(doc) {
    var out = [];
    doc.querySelectorAll("script").forEach(function (s) {
      if (s.getAttribute("src") !== me.getAttribute("src")) out.push(s.outerHTML);
    });
    return out.join("\n");
  }
  // head lists what the head holds but the title, the scripts (above) and
  // the stylesheets' content hashes and queries (swapped in place).
  function head(doc) {
    var out = [];
    for (var el = doc.head.firstElementChild; el; el = el.nextElementSibling) {
      if (el.tagName === "TITLE" || el.tagName === "SCRIPT") continue;
      if (!isSheet(el)) { out.push(el.outerHTML); continue; }
      var c = el.cloneNode(false);
      c.setAttribute("href", sheetPath(el.getAttribute("href")));
      out.push(c.outerHTML);
    }
    return out.join("\n");
  }
  function isSheet(el) { return el.tagName === "LINK" && /(^|\s)stylesheet(\s|$)/i.test(el.getAttribute("rel") || ""); }
  function sheetPath(href) {
    return new URL(href || "", location.href).pathname.replace(/[.-][0-9a-f]{8,}(\.css)$/i, "$1");
  }
  // swapSheets points the stylesheets whose address changed (only by a
  // hash or a query: head checked the rest) at the new one.
  function swapSheets(b, n) {
    var bs = [].filter.call(b.head.children, isSheet), ns = [].filter.call(n.head.children, isSheet);
    bs.forEach(function (s, k) {
      var from = s.getAttribute("href"), to = ns[k].getAttribute("href");
      if (from === to) return;
      var live = [].filter.call(document.head.children, function (l) { return isSheet(l) && sheetPath(l.getAttribute("href")) === sheetPath(from); }).pop();
      if (!live) return;
      var fresh = live.cloneNode();
      fresh.setAttribute("href", to);
      fresh.onload = fresh.onerror = function () { live.remove(); };
      live.after(fresh);
    });
  }

  function attrs(b, n, live) {
    var i, a;
    for (i = 0; i < n.attributes.length; i++) {
      a = n.attributes[i];
      if (b.getAttribute(a.name) !== a.value) live.setAttribute(a.name, a.value);
    }
    for (i = 0; i < b.attributes.length; i++) {
      a = b.attributes[i];
      if (!n.hasAttribute(a.name)) live.removeAttribute(a.name);
    }
  }
  function key(node) { return node.nodeType === 1 ? node.getAttribute("id") : null; }
  // same says whether b may stand for a: the same kind of node, the same id.
  function same(a, b) { return a.nodeType === b.nodeType && a.nodeName === b.nodeName && key(a) === key(b); }
  function enhanced(node) { return node.nodeType === 1 && (node.matches(ENHANCED) || !!node.querySelector(ENHANCED)); }

  // morph makes live, which shows b and whatever scripts did to it, show
  // n instead.
  function morph(b, n, live) {
    if (b.nodeType !== 1) {
      live.nodeValue = n.nodeValue;
      return;
    }
    attrs(b, n, live);
    if (b.nodeName === "TEMPLATE") { // its content is not among its children
      if (b.innerHTML !== n.innerHTML) live.innerHTML = n.innerHTML;
      return;
    }
    var bk = b.childNodes, nk = n.childNodes, lk = live.childNodes;
    var i, j, k, d, m, c;
    // The node of live that shows each child of b: in order, past the
    // nodes scripts added; null where a script removed it.
    var shown = [];
    for (k = 0, i = 0; k < bk.length; k++) {
      shown[k] = null;
      for (j = i; j < lk.length; j++) if (same(bk[k], lk[j])) { shown[k] = lk[j]; i = j + 1; break; }
    }
    // The child of b each child of n stands for (-1: a new one). By id
    // where it has one; else in order: an equal node a little further on
    // (the ones before it went), else the next one of the same kind, unless
    // that one comes back unchanged a little further on (n's is new).
    var byID = {}, used = [], from = [], equal = [];
    for (k = 0; k < bk.length; k++) if (key(bk[k]) && !(key(bk[k]) in byID)) byID[key(bk[k])] = k;
    for (j = 0, i = 0; j < nk.length; j++) {
      c = nk[j];
      m = -1;
      if (key(c)) {
        k = byID[key(c)];
        if (k !== undefined && !used[k] && same(bk[k], c)) m = k;
      } else {
        while (i < bk.length && (used[i] || key(bk[i]))) i++;
        if (c.nodeType === 1) {
          for (d = i; d < bk.length && d < i + LOOK; d++) {
            if (!used[d] && !key(bk[d]) && bk[d].isEqualNode(c)) { m = d; equal[j] = true; break; }
          }
        }
        if (m < 0 && i < bk.length && same(bk[i], c)) {
          m = i;
          equal[j] = c.nodeType === 1 ? false : bk[i].isEqualNode(c); // an element was compared above
          for (d = j + 1; !equal[j] && d < nk.length && d < j + LOOK; d++) if (nk[d].isEqualNode(bk[i])) { m = -1; break; }
        }
        if (m >= 0) i = m + 1;
      }
      if (m >= 0) used[m] = true;
      from[j] = m;
    }
    // Children of b that went take their nodes with them.
    for (k = 0; k < bk.length; k++) {
      if (used[k] || !shown[k]) continue;
      if (enhanced(bk[k])) throw new Error("an element the theme's scripts enhance went");
      live.removeChild(shown[k]);
    }
    // The children of n in order: kept (and changed where they changed),
    // moved into place, or added.
    var prev = null, node;
    for (j = 0; j < nk.length; j++) {
      c = nk[j];
      m = from[j];
      if (m >= 0) {
        node = shown[m];
        if (!node) {
          if (equal[j] || bk[m].isEqualNode(c)) continue; // a script removed it; the build did not change it
          throw new Error("a changed <" + c.nodeName.toLowerCase() + "> is no longer in the page");
        }
        if (!equal[j] && !bk[m].isEqualNode(c)) morph(bk[m], c, node);
      } else {
        if (enhanced(c)) throw new Error("an element the theme's scripts enhance came");
        node = document.importNode(c, true);
      }
      if (node.parentNode !== live || (prev && !(prev.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING))) {
        live.insertBefore(node, prev ? prev.nextSibling : live.firstChild);
      }
      prev = node;
    }
  }

  var source = null;
  function connect() {
    source = new EventSource("/__handbook/events");
    source.addEventListener("hello", function (e) {
      var d = JSON.parse(e.data);
      if (d.build && d.build !== build) { // changed while away
        if (!file) { reload(); return; }
        // Unless the updates in progress bring that build (the stream
        // reconnected in the middle of one).
        enqueue(function () { if (later(d.build, build)) gone([]); });
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
      if (changed.some(isScript)) { reload(); return; }
      var css = changed.filter(isCSS);
      if (css.length) swapCSS(css);
      showWarnings(d.warnings);
      if (d.all || changed.indexOf(file) >= 0) update(d.build);
      else enqueue(function () { setBuild(d.build); });
    });
    source.onerror = function () {
      // EventSource retries by itself unless the server refused the stream.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }
  if (file && file !== "404.html") loadBase();
  connect();
  window.addEventListener("pagehide", function () { if (source) source.close(); });
})();
