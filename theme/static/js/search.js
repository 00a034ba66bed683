/* Search page: Pagefind's own UI (served from /pagefind/, built by the search plugin), started
   with the words from ?q= so the search boxes on other pages (and the 404 page) lead here. */
(function () {
  "use strict";
  function start() {
    var target = document.getElementById("hasil-cari");
    if (!target || typeof PagefindUI === "undefined") return;
    var form = document.querySelector("[data-search-form]");
    if (form) form.hidden = true;
    var ui = new PagefindUI({ element: "#hasil-cari", showImages: false, showSubResults: false, resetStyles: false });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) ui.triggerSearch(q);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
