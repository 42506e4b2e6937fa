// The changelog's track filter: the track links work without JavaScript
// (each leads to /changes/<track>/); with it, they filter the page in place.
(function () {
  "use strict";
  // Track pages hold only their own entries: their links just navigate.
  var nav = document.querySelector(".changes-filter[data-in-place]");
  if (!nav) return;
  nav.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-track]");
    if (!a) return;
    e.preventDefault();
    var track = a.getAttribute("data-track");
    document.querySelectorAll(".change-list li[data-tracks]").forEach(function (li) {
      li.hidden = track !== "" && li.getAttribute("data-tracks").split(" ").indexOf(track) < 0;
    });
    document.querySelectorAll(".changes-month").forEach(function (m) {
      m.hidden = !m.querySelector(".change-list li:not([hidden])");
    });
    nav.querySelectorAll("a[data-track]").forEach(function (x) {
      if (x === a) x.setAttribute("aria-current", "page"); else x.removeAttribute("aria-current");
    });
    history.replaceState(null, "", a.href);
  });
})();
