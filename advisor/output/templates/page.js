/* advisor pages: language switch, rule filters and search. No network, no globals. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function setLang(lang) {
    root.setAttribute("data-lang", lang);
    root.setAttribute("lang", lang);
    var attr = "data-l-" + lang;
    document.querySelectorAll("[" + attr + "]").forEach(function (el) {
      var text = el.getAttribute(attr);
      if (el.hasAttribute("placeholder")) { el.setAttribute("placeholder", text); } else { el.textContent = text; }
    });
  }
  document.querySelectorAll('input[name="lang"]').forEach(function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { setLang(radio.value); } });
  });

  var form = document.getElementById("filters");
  if (form) {
    var items = Array.prototype.slice.call(document.querySelectorAll("#rule-list > li"));
    var count = document.getElementById("shown-count");
    var apply = function () {
      var statuses = {};
      form.querySelectorAll('input[name="status"]').forEach(function (box) { statuses[box.value] = box.checked; });
      var family = form.elements.family.value, pack = form.elements.pack.value, contact = form.elements.contact.value;
      var words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (li) {
        var d = li.dataset;
        var ok = statuses[d.status] !== false &&
          (!family || d.family === family) && (!pack || d.pack === pack) &&
          (!contact || JSON.parse(d.contacts).indexOf(contact) >= 0) &&
          words.every(function (w) { return d.search.indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = String(shown);
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // A link to a rule the filters hide shows every rule again, so the link always lands.
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="#rule-"]') : null;
      if (!link) { return; }
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target && target.hidden) { form.reset(); apply(); }
    });
    apply();
  }

  var board = document.getElementById("book-filter");
  if (board) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#book-rows > tr"));
    var applyBoard = function () {
      var category = board.elements.category.value;
      var words = board.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var overdueOnly = board.elements.overdue.checked;
      var shown = 0;
      rows.forEach(function (tr) {
        var d = tr.dataset;
        var ok = (!category || d.category === category) && (!overdueOnly || Number(d.overdue) > 0) &&
          words.every(function (w) { return d.search.indexOf(w) >= 0; });
        tr.hidden = !ok;
        if (ok) { shown += 1; }
      });
      document.getElementById("book-count").textContent = String(shown);
    };
    board.addEventListener("input", applyBoard);
    board.addEventListener("change", applyBoard);
    board.addEventListener("reset", function () { window.setTimeout(applyBoard, 0); });
    board.addEventListener("submit", function (event) { event.preventDefault(); });
    applyBoard();
  }

  // On paper every ranked action shows its details (the board's folded lists stay folded).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".more-actions, .action details").forEach(function (d) { d.open = true; });
  });
})();
