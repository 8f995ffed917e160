// twbio site: sorting and filtering of row tables (also from the link: #filter=…&sort=…&dir=…),
// and the selected fact of a source view (#fact=<mart>|<row>|<column> on a table,
// #figure=<name> on a statement).
(function () {
  "use strict";

  function cellValue(td) {
    const t = td.textContent.trim();
    const n = Number(t.replace(/,/g, ""));
    return t !== "" && !isNaN(n) ? n : t;
  }

  function sortBy(table, i, asc) {
    const heads = table.querySelectorAll("thead th");
    heads.forEach(function (o) { o.classList.remove("asc", "desc"); });
    heads[i].classList.add(asc ? "asc" : "desc");
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      const x = cellValue(a.cells[i]), y = cellValue(b.cells[i]);
      const c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y), "zh-Hant");
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, i) {
      th.addEventListener("click", function () { sortBy(table, i, !th.classList.contains("asc")); });
    });
  });

  function filterRows(table, q) {
    const shown = document.querySelector(".shown");
    q = q.trim().toLowerCase();
    let n = 0;
    Array.from(table.tBodies[0].rows).forEach(function (r) {
      const hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !hit;
      if (hit) n += 1;
    });
    if (shown) shown.textContent = n + " of " + table.tBodies[0].rows.length + " rows";
  }

  const rowsTable = document.querySelector("table.rows");
  document.querySelectorAll("input.filter").forEach(function (input) {
    input.addEventListener("input", function () { filterRows(rowsTable, input.value); });
  });

  // a mart page's view can be shared as a link: #filter=<text>&sort=<column>&dir=desc
  const view = new URLSearchParams(location.hash.slice(1));
  const input = document.querySelector("input.filter");
  if (rowsTable && input && view.has("filter")) {
    input.value = view.get("filter");
    filterRows(rowsTable, input.value);
  }
  if (rowsTable && view.has("sort")) {
    const heads = Array.from(rowsTable.querySelectorAll("thead th"));
    const i = heads.findIndex(function (th) { return th.textContent.trim() === view.get("sort"); });
    if (i >= 0) sortBy(rowsTable, i, view.get("dir") !== "desc");
  }

  const data = document.getElementById("selections");
  if (!data) return;
  const selections = JSON.parse(data.textContent);
  const panel = document.getElementById("selection");

  function select() {
    const params = new URLSearchParams(location.hash.slice(1));
    document.querySelectorAll(".box.hl").forEach(function (b) { b.classList.remove("hl", "value"); });
    let chosen = null, boxes = [];
    if (params.has("fact") && selections[params.get("fact")]) {
      chosen = selections[params.get("fact")];
      chosen.cells.forEach(function (c) {
        document.querySelectorAll('.box[data-row="' + c[0] + '"][data-col="' + c[1] + '"]').forEach(function (b) {
          b.classList.add("hl");
          if (c[2]) b.classList.add("value");
          boxes.push(b);
        });
      });
    } else if (params.has("figure") && selections[params.get("figure")]) {
      chosen = selections[params.get("figure")];
      document.querySelectorAll(".box.sentence").forEach(function (b) { b.classList.add("hl"); });
      chosen.lines.forEach(function (i) {
        document.querySelectorAll('.box[data-line="' + i + '"]').forEach(function (b) { b.classList.add("value"); boxes.push(b); });
      });
    }
    if (!panel) return;
    if (!chosen) { panel.hidden = true; return; }
    panel.hidden = false;
    panel.textContent = (chosen.mart ? chosen.mart + ", printed row " + chosen.row +
      (chosen.column ? ", column " + chosen.column : "") + (chosen.year ? ", year " + chosen.year : "")
      : "figure " + chosen.figure) + ": printed " + chosen.printed;
    const first = boxes.find(function (b) { return b.classList.contains("value"); }) || boxes[0];
    if (first) first.scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", select);
  select();
})();
