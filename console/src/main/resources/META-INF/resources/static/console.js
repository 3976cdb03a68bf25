// Firebell console: live regions. A region names the topics it depends on
// (data-live="incidents broadcasts"), optionally one subject (data-live-subject), and the
// URL of its fresh HTML (data-src). On a change the region is re-read and swapped in;
// nothing else on the page (forms being typed in) is touched. No token ever reaches this
// script: the browser's session cookie authenticates /live and the fragments.
(function () {
  "use strict";
  var regions = Array.prototype.slice.call(document.querySelectorAll("[data-live][data-src]"));
  if (!regions.length || !window.EventSource) {
    return;
  }
  var topics = {};
  regions.forEach(function (r) {
    r.getAttribute("data-live").split(/\s+/).forEach(function (t) { if (t) { topics[t] = true; } });
  });
  var pending = new Map();
  function refresh(region) {
    if (pending.has(region)) { return; }
    pending.set(region, setTimeout(function () {
      pending.delete(region);
      fetch(region.getAttribute("data-src"), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          region.innerHTML = html;
          region.setAttribute("data-refreshed", String(Date.now()));
        })
        .catch(function () {});
    }, 100));
  }
  var url = "/live?topics=" + encodeURIComponent(Object.keys(topics).join(","));
  var source = new EventSource(url);
  source.onmessage = function (message) {
    var change;
    try { change = JSON.parse(message.data); } catch (e) { return; }
    if (change.topic === "heartbeat") { return; }
    regions.forEach(function (r) {
      var wants = r.getAttribute("data-live").split(/\s+/).indexOf(change.topic) >= 0;
      var own = r.getAttribute("data-live-subject");
      if (wants && (!own || own === change.subject || r.getAttribute("data-live-any") === "true")) {
        refresh(r);
      }
    });
  };
  source.onopen = function () {
    document.documentElement.setAttribute("data-live-connected", "true");
  };
})();
