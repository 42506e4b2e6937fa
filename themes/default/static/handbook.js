// handbook default theme: progressive enhancements only; every page reads
// fine without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Narrow screens: the sidebar collapses behind a button.
  var toggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (toggle && sidebar) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }

  // The sidebar: a section beside the page's path is a link with its
  // count (nav-lazy). It becomes a folder like the others, whose entries
  // come from nav-tree.js, one script for the whole site, loaded the first
  // time a reader unfolds such a folder. Without this script the link
  // leads to the section's page, whose sidebar unfolds it.
  var navTree = sidebar && sidebar.getAttribute("data-tree");
  if (navTree) {
    var navRoot = navTree.slice(0, navTree.length - "assets/nav-tree.js".length);
    var navWaiting = null;
    var loadTree = function (done) {
      if (window.handbookNav) return done(window.handbookNav);
      if (navWaiting) return navWaiting.push(done);
      navWaiting = [done];
      var s = document.createElement("script");
      s.src = navTree;
      s.onload = s.onerror = function () {
        var tree = window.handbookNav || {};
        navWaiting.forEach(function (f) { f(tree); });
        navWaiting = null;
      };
      document.head.appendChild(s);
    };
    var navFolder = function (li) {
      var a = li.querySelector("a[data-section]");
      if (!a) return;
      var section = a.getAttribute("data-section");
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.className = "nav-heading";
      summary.appendChild(document.createTextNode(a.textContent + " "));
      var count = li.querySelector(".nav-count");
      if (count) summary.appendChild(count);
      var list = document.createElement("ul");
      var overview = document.createElement("li");
      a.removeAttribute("data-section");
      a.textContent = "Overview";
      overview.appendChild(a);
      list.appendChild(overview);
      details.appendChild(summary);
      details.appendChild(list);
      li.textContent = "";
      li.className = "";
      li.appendChild(details);
      var filled = false;
      details.addEventListener("toggle", function () {
        if (!details.open || filled) return;
        filled = true;
        details.setAttribute("aria-busy", "true");
        loadTree(function (tree) {
          (tree[section] || []).forEach(function (e) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = navRoot + e[1].slice(1);
            link.textContent = e[0];
            item.appendChild(link);
            if (e[2] > 0) {
              link.setAttribute("data-section", e[1]);
              var n = document.createElement("span");
              n.className = "nav-count";
              n.textContent = "(" + e[2] + ")";
              item.appendChild(document.createTextNode(" "));
              item.appendChild(n);
              navFolder(item);
            }
            list.appendChild(item);
          });
          details.removeAttribute("aria-busy");
        });
      });
    };
    sidebar.querySelectorAll("li.nav-lazy").forEach(navFolder);
  }
  // A sidebar taller than the screen scrolls on its own: bring the
  // current page into it (a third of the way down) rather than leave it
  // below the fold of a deep tree.
  var current = sidebar && sidebar.querySelector("[aria-current=page]");
  if (current && sidebar.scrollHeight > sidebar.clientHeight) {
    var cr = current.getBoundingClientRect(), sr = sidebar.getBoundingClientRect();
    var shown = Math.min(sr.bottom, window.innerHeight) - sr.top;
    if (cr.bottom > sr.top + shown || cr.top < sr.top) sidebar.scrollTop += cr.top - sr.top - shown / 3;
  }

  // A polite live region for short announcements ("Link copied").
  var live = document.createElement("div");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  // Permalinks copy the absolute URL of the item they sit on.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.permalink");
    if (!a || !navigator.clipboard) return;
    e.preventDefault();
    var url = a.href;
    history.replaceState(null, "", a.getAttribute("href"));
    highlight(decodeURIComponent(a.hash.slice(1)));
    navigator.clipboard.writeText(url).then(function () {
      a.classList.add("copied");
      live.textContent = "Link copied";
      setTimeout(function () { a.classList.remove("copied"); }, 1500);
    }, function () { live.textContent = "Copy failed: the link is in the address bar"; });
  });

  // Old anchors (renamed items) map to their new ids.
  var aliases = {};
  var data = document.getElementById("anchor-aliases");
  if (data) { try { aliases = JSON.parse(data.textContent); } catch (err) { aliases = {}; } }

  function highlight(id) {
    var prev = document.querySelector(".is-target");
    if (prev) prev.classList.remove("is-target");
    var el = id && document.getElementById(id);
    if (el) el.classList.add("is-target");
    return el;
  }
  function land() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    if (!document.getElementById(id) && aliases[id]) {
      id = aliases[id];
      history.replaceState(null, "", "#" + id);
    }
    var el = highlight(id);
    if (el) el.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", land);
  land();

  // The ladder diagram scrolls inside its box on a narrow screen: a role's
  // box that takes keyboard focus comes wholly into view (the browser
  // scrolls only as far as to show part of it).
  document.addEventListener("focusin", function (e) {
    var box = e.target.closest && e.target.closest(".ladder-role");
    if (box && box.scrollIntoView) box.scrollIntoView({ block: "nearest", inline: "nearest" });
  });

  // Table of contents: mark the section in view.
  var tocLinks = document.querySelectorAll(".toc a[href^='#']");
  if (tocLinks.length && "IntersectionObserver" in window) {
    var byId = {};
    tocLinks.forEach(function (l) { byId[decodeURIComponent(l.hash.slice(1))] = l; });
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (!en.isIntersecting || !byId[en.target.id]) return;
        tocLinks.forEach(function (l) { l.classList.remove("active"); l.removeAttribute("aria-current"); });
        byId[en.target.id].classList.add("active");
        byId[en.target.id].setAttribute("aria-current", "location");
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    Object.keys(byId).forEach(function (id) {
      var h = document.getElementById(id);
      if (h) io.observe(h);
    });
  }
  // The theme toggle: theme.js applied the saved pick before the first
  // paint; a pick equal to the system's preference is forgotten, so the
  // page follows the system again.
  var root = document.documentElement;
  var themeButton = document.querySelector(".theme-toggle");
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : { matches: false };
  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : systemDark.matches;
  }
  function showTheme() { themeButton.setAttribute("aria-pressed", String(isDark())); }
  if (themeButton) {
    themeButton.hidden = false;
    showTheme();
    if (systemDark.addEventListener) systemDark.addEventListener("change", showTheme);
    themeButton.addEventListener("click", function () {
      var pick = isDark() ? "light" : "dark";
      try {
        if ((pick === "dark") === systemDark.matches) localStorage.removeItem("handbook-theme");
        else localStorage.setItem("handbook-theme", pick);
      } catch (err) { /* storage disabled: the pick lasts for this page */ }
      root.setAttribute("data-theme", pick);
      showTheme();
    });
  }

  // The page's own address: the canonical link when the site knows its
  // absolute base URL, else the address the page was loaded from.
  var canonical = document.querySelector("link[rel=canonical]");
  var pageURL = location.origin + location.pathname;
  if (canonical && /^[a-z][a-z0-9+.-]*:/i.test(canonical.getAttribute("href"))) pageURL = canonical.href;

  // Paper: internal links print their absolute address (the templates give
  // some of them data-abs already, for printing without JavaScript).
  var printURL = document.querySelector(".print-url");
  if (printURL) printURL.textContent = pageURL;
  document.querySelectorAll("main a[href]").forEach(function (a) {
    var href = a.getAttribute("href");
    if (href.charAt(0) === "#" || /^[a-z][a-z0-9+.-]*:/i.test(href) || a.matches(".permalink, .item-link, .glossary-term")) return;
    a.setAttribute("data-abs", new URL(href, pageURL).href);
  });
  var printButton = document.querySelector(".print-button");
  if (printButton && window.print) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  // The "compare with" picker on role pages: each option's value is the
  // comparison's address relative to this page, so it works offline and
  // under a sub-path. Without JavaScript the form stays hidden and the
  // list of links beside it does the same job.
  document.querySelectorAll(".compare-form").forEach(function (form) {
    var list = form.parentNode.querySelector(".compare-list");
    var select = form.querySelector("select");
    form.hidden = false;
    if (list) list.hidden = true;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      location.href = new URL(select.value, location.href).href;
    });
  });

  // Self-assessment on role pages: a checkbox per expectation, ticks kept
  // in localStorage under the role's id (nothing leaves the browser), and
  // an export as Markdown with a deep link per ticked item.
  var role = document.querySelector("[data-assess-role]");
  var panel = document.getElementById("assess_panel");
  if (role && panel) assess(role, panel);

  function assess(role, panel) {
    var key = "handbook-assess:" + role.getAttribute("data-assess-role");
    var items = role.querySelectorAll("[data-item][id]");
    var count = panel.querySelector(".assess-count");
    var output = panel.querySelector(".assess-output");
    var text = panel.querySelector("textarea");
    var ticked = {};
    try { JSON.parse(localStorage.getItem(key) || "[]").forEach(function (id) { ticked[id] = true; }); } catch (err) { ticked = {}; }

    items.forEach(function (el) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.className = "assess-box";
      box.value = el.id;
      box.checked = !!ticked[el.id];
      box.setAttribute("aria-label", "I meet this: " + el.getAttribute("data-item"));
      var host = el.tagName === "TR" ? el.querySelector("th") : el;
      host.insertBefore(box, host.firstChild);
    });
    panel.querySelector(".assess-total").textContent = items.length;
    panel.hidden = false;
    update();

    function boxes() { return role.querySelectorAll(".assess-box"); }
    function update() {
      var ids = [];
      boxes().forEach(function (b) { if (b.checked) ids.push(b.value); });
      count.textContent = ids.length;
      try {
        if (ids.length) localStorage.setItem(key, JSON.stringify(ids));
        else localStorage.removeItem(key);
      } catch (err) { /* storage disabled: ticks last for this page */ }
      return ids;
    }
    role.addEventListener("change", function (e) {
      if (e.target.classList.contains("assess-box")) update();
    });
    panel.querySelector(".assess-clear").addEventListener("click", function () {
      boxes().forEach(function (b) { b.checked = false; });
      update();
      output.hidden = true;
      live.textContent = "All ticks cleared";
    });
    panel.querySelector(".assess-export").addEventListener("click", function () {
      var md = markdown();
      text.value = md;
      output.hidden = false;
      text.focus();
      text.select();
      var done = function () { live.textContent = "Copied your self-assessment as Markdown"; };
      var fail = function () { live.textContent = "Your self-assessment is in the text box: copy it from there"; };
      if (navigator.clipboard) navigator.clipboard.writeText(md).then(done, fail); else fail();
    });

    // One "### section" per part of the page, one line per ticked item,
    // each linking to the item itself.
    function markdown() {
      var h1 = document.querySelector("h1");
      var eyebrow = role.querySelector(".eyebrow");
      var lines = ["## Self-assessment: " + plain(h1), ""];
      if (eyebrow) lines.push(plain(eyebrow, ".print-track-link") + " · " + pageURL, "");
      var n = 0, section = null;
      boxes().forEach(function (b) {
        if (!b.checked) return;
        var el = document.getElementById(b.value);
        var sec = el.closest("section");
        var title = sec && sec.querySelector("h2") ? plain(sec.querySelector("h2"), ".permalink") : "Expectations";
        if (title !== section) {
          if (section !== null) lines.push("");
          lines.push("### " + title, "");
          section = title;
        }
        lines.push("- [" + escapeMd(el.getAttribute("data-item")) + "](" + pageURL + "#" + encodeURIComponent(el.id) + ")");
        n++;
      });
      if (!n) lines.push("No expectations ticked yet.");
      return lines.join("\n") + "\n";
    }
  }
  // plain returns an element's text without the parts matching skip.
  function plain(el, skip) {
    var c = el.cloneNode(true);
    if (skip) c.querySelectorAll(skip).forEach(function (x) { x.remove(); });
    return c.textContent.replace(/\s+/g, " ").trim();
  }
  function escapeMd(s) { return s.replace(/([\\`*_\[\]<>])/g, "\\$1"); }
})();
