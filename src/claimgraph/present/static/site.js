// claimgraph pages: small progressive enhancements; everything works without JavaScript.
(function () {
  "use strict";
  var form = document.getElementById("facets");
  var list = document.getElementById("entries");
  if (form && list) {
    // On the static site there is no server to filter: filter the list here, from the
    // same query parameters the server understands.
    var isStatic = document.body.classList.contains("static-site");
    var apply = function () {
      var data = new FormData(form);
      var wanted = {};
      data.forEach(function (value, key) {
        if (key !== "q" && value) { (wanted[key] = wanted[key] || []).push(String(value)); }
      });
      var words = String(data.get("q") || "").toLowerCase().split(/\s+/).filter(Boolean);
      list.querySelectorAll("li.entry-card").forEach(function (li) {
        var facets = JSON.parse(li.getAttribute("data-facets") || "{}");
        var haystack = (li.getAttribute("data-text") || "") + " " +
          Object.keys(facets).map(function (k) { return facets[k].map(function (v) { return v.label; }).join(" "); }).join(" ").toLowerCase();
        var ok = Object.keys(wanted).every(function (name) {
          var keys = (facets[name] || []).map(function (v) { return v.key; });
          return wanted[name].some(function (w) { return keys.indexOf(w) >= 0; });
        }) && words.every(function (w) { return haystack.indexOf(w) >= 0; });
        li.hidden = !ok;
      });
    };
    if (isStatic) {
      var params = new URLSearchParams(window.location.search);
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
      });
      var q = form.querySelector("input[name=q]");
      if (q && params.get("q")) { q.value = params.get("q"); }
      apply();
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        apply();
        var qs = new URLSearchParams(new FormData(form)).toString();
        window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
      });
      form.addEventListener("change", function () { form.requestSubmit(); });
    } else {
      // The server filters: submit as soon as a facet changes.
      form.addEventListener("change", function (ev) {
        if (ev.target && ev.target.type === "checkbox") { form.submit(); }
      });
    }
  }
  // SPARQL editor: Ctrl+Enter runs the query.
  var editor = document.querySelector("textarea.sparql");
  if (editor && editor.form) {
    editor.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); editor.form.submit(); }
    });
  }
})();
