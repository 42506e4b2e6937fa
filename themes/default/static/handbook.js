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
})();
