// Loaded in <head> without defer, before the first paint: applies the
// theme the reader picked (handbook.js holds the toggle), so a dark page
// never flashes light. Keep it this small.
(function () {
  try {
    var t = localStorage.getItem("handbook-theme");
    if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
  } catch (e) { /* storage disabled: follow the system */ }
})();
