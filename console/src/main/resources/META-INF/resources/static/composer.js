// Firebell console: the update composer's live preview. While the communicator types, the form
// is posted (with its CSRF field) to the preview endpoint, which answers with the preview alone;
// it replaces the preview panel. Without this script the Preview button does the same with a
// full page. Nothing is sent to anyone from here: preview stores and sends nothing.
(function () {
  "use strict";
  var form = document.getElementById("composer");
  var target = document.getElementById("preview");
  if (!form || !target || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var url = form.getAttribute("data-preview");
  var timer = null;
  var latest = 0;
  function refresh() {
    var ticket = ++latest;
    var body = new URLSearchParams(new FormData(form));
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      body: body
    })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null || ticket !== latest) { return; }
        target.innerHTML = html;
        target.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function () {});
  }
  function later() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(refresh, 700);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
