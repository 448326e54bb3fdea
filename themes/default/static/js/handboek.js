// handboek site script: no dependencies, no requests.
(function () {
  "use strict";
  // Opened from file://, a link to "dimensies/" shows a folder listing instead
  // of the page: point such links at their index.html. Served over http(s),
  // pretty URLs stay as they are.
  if (location.protocol === "file:") {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") continue;
      var cut = href.search(/[?#]/);
      var path = cut < 0 ? href : href.slice(0, cut);
      var rest = cut < 0 ? "" : href.slice(cut);
      if (path === "" ) continue;
      if (path.charAt(path.length - 1) === "/") a.setAttribute("href", path + "index.html" + rest);
    }
  }
  // The menu button is a <details>, which works without this script; Esc
  // closes it, as it closes any menu, and gives the focus back to it.
  var menu = document.querySelector(".menu-button");
  if (menu) {
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !menu.open) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  }
})();
