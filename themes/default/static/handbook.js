// handbook default theme: progressive enhancements only; every page reads
// fine without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var toggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (toggle && sidebar) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }
})();
