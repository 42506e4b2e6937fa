// The changelog's track filter. Without JavaScript each track link leads to
// its own page, /changes/<track>/. With it, the links on /changes/ filter
// the list in place, and the page's address records the choice as
// ?track=<key>, so a reload or a shared link shows the same list. (Only the
// query changes: moving the address to /changes/<track>/ in place would
// make every relative link of the page resolve against the wrong folder.)
(function () {
  "use strict";
  // Track pages hold only their own entries: their links just navigate.
  var nav = document.querySelector(".changes-filter[data-in-place]");
  if (!nav) return;
  var none = document.querySelector(".changes-none");

  // show lists the entries of track ("" for all) and reports whether the
  // track is one of the filter's.
  function show(track) {
    var link = null;
    nav.querySelectorAll("a[data-track]").forEach(function (a) {
      if (a.getAttribute("data-track") === track) link = a;
    });
    if (!link) return false;
    var shown = 0;
    document.querySelectorAll(".change-list li[data-tracks]").forEach(function (li) {
      li.hidden = track !== "" && li.getAttribute("data-tracks").split(" ").indexOf(track) < 0;
      if (!li.hidden) shown++;
    });
    document.querySelectorAll(".changes-month").forEach(function (m) {
      m.hidden = !m.querySelector(".change-list li:not([hidden])");
    });
    if (none) none.hidden = shown > 0;
    nav.querySelectorAll("a[data-track]").forEach(function (a) {
      if (a === link) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    return true;
  }

  nav.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-track]");
    // A click meant to open the track's page elsewhere goes to that page.
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var track = a.getAttribute("data-track");
    if (!show(track)) return;
    e.preventDefault();
    var u = new URL(location.href);
    if (track) u.searchParams.set("track", track); else u.searchParams.delete("track");
    history.replaceState(null, "", u.href);
  });

  var initial = new URLSearchParams(location.search).get("track");
  if (initial) show(initial);
})();
