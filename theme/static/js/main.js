/* Small progressive enhancements. The site works without this file. */
(function () {
  "use strict";
  /* The menu (<details>) opens and closes by itself; this adds Escape and a tap outside to close it. */
  var menu = document.querySelector("details.menu");
  if (menu) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  }
  var buttons = document.querySelectorAll("[data-copy]");
  Array.prototype.forEach.call(buttons, function (btn) {
    var status = btn.closest("section") && btn.closest("section").querySelector("[role=status]");
    function done() {
      if (status) status.textContent = btn.getAttribute("data-done");
    }
    function fallback(text) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      try { if (document.execCommand("copy")) done(); } catch (e) { /* nothing to do */ }
      document.body.removeChild(field);
    }
    btn.addEventListener("click", function () {
      var text = btn.getAttribute("data-copy");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); });
      } else {
        fallback(text);
      }
    });
    btn.parentNode.hidden = false;
  });
})();
