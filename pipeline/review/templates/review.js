(function () {
  "use strict";
  function spansOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-s]"), function (m) {
      return m.dataset.s.split(" ").indexOf(id) >= 0;
    });
  }
  // Article page: a row marks and scrolls to its span; a span lights up its rows.
  document.querySelectorAll(".rows tr[data-target]").forEach(function (tr) {
    tr.addEventListener("click", function () {
      document.querySelectorAll("mark.marked").forEach(function (m) { m.classList.remove("marked"); });
      document.querySelectorAll(".rows tr.selected").forEach(function (r) { r.classList.remove("selected"); });
      var marks = spansOf(tr.dataset.target);
      marks.forEach(function (m) { m.classList.add("marked"); });
      tr.classList.add("selected");
      if (marks.length) { marks[0].scrollIntoView({ block: "center" }); }
    });
  });
  // articles/ID.html#c1 opens with row c1 (officials o, events e, counts c, dates d) marked in the text
  if (location.hash.length > 1) {
    var wanted = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (wanted && wanted.dataset.target) { wanted.click(); }
  }
  document.querySelectorAll("mark[data-s]").forEach(function (m) {
    var ids = m.dataset.s.split(" ");
    function rows() {
      return Array.prototype.filter.call(document.querySelectorAll(".rows tr[data-target]"), function (tr) {
        return ids.indexOf(tr.dataset.target) >= 0;
      });
    }
    m.addEventListener("mouseenter", function () {
      m.classList.add("hover");
      rows().forEach(function (tr) { tr.classList.add("hover"); });
    });
    m.addEventListener("mouseleave", function () {
      m.classList.remove("hover");
      rows().forEach(function (tr) { tr.classList.remove("hover"); });
    });
  });
  // Index page: filters by province, event type, month and words.
  var form = document.getElementById("filters");
  if (!form) { return; }
  function apply() {
    var province = form.province.value, type = form.type.value, month = form.month.value;
    var words = form.q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    document.querySelectorAll("#articles tbody tr").forEach(function (tr) {
      var d = tr.dataset;
      var ok = (!province || d.provinces.split("|").indexOf(province) >= 0) &&
               (!type || d.types.split("|").indexOf(type) >= 0) &&
               (!month || d.month === month) &&
               words.every(function (w) { return d.search.indexOf(w) >= 0; });
      tr.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.getElementById("shown").textContent = shown + " of " +
      document.querySelectorAll("#articles tbody tr").length + " articles";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
