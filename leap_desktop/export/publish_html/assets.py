"""The published decision log's style sheet and its optional search script, written
beside the pages. The pages read fully without the script; it only adds a search box
to the decision log's table."""

CSS = """\
:root { color-scheme: light; }
html { font-size: 100%; }
body {
  margin: 0; font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; font-size: 1.0625rem;
  line-height: 1.55; color: #1f2a44; background: #ffffff;
}
header, nav, main, footer { padding: 0 1rem; }
header, nav, main > *, footer > * { max-width: 50rem; margin-left: auto; margin-right: auto; }
header { border-bottom: 0.25rem solid #1f4e79; padding-top: 0.75rem; padding-bottom: 0.5rem; }
.panel { font-size: 1.25rem; font-weight: bold; margin: 0; }
nav ul { list-style: none; padding: 0; margin: 0.5rem auto; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 0.2em; }
a { color: #1f4e79; text-decoration: underline; }
a:visited { color: #5a2a82; }
a:focus, input:focus, main:focus { outline: 0.2rem solid #b35900; outline-offset: 0.15rem; }
main:focus:not(:focus-visible) { outline: none; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1.25rem auto 0.75rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 1.75rem auto 0.5rem; }
h3 { font-size: 1.2rem; margin: 1.25rem auto 0.4rem; }
p, ul, ol, dl { margin-top: 0.4rem; margin-bottom: 0.8rem; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: block; padding: 0.5rem 1rem; background: #fff3c4; }
.notice { border-left: 0.3rem solid #b35900; padding: 0.4rem 0.8rem; background: #fff8e6; }
.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.2rem 1rem; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
@media (max-width: 40rem) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: 0.4rem; } }
table { border-collapse: collapse; width: 100%; margin: 0.5rem auto 1.25rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #8a94a6; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; hyphens: auto; }
thead th { background: #e8eef6; }
tbody th { font-weight: normal; }
th[scope="row"] { white-space: nowrap; }
blockquote { margin: 0.4rem 0 0.8rem; padding-left: 0.8rem; border-left: 0.25rem solid #8a94a6; }
.search { margin: 0.5rem auto 1rem; }
.search label { display: block; font-weight: bold; }
.search input { font: inherit; padding: 0.3rem 0.4rem; width: min(100%, 24rem); border: 1px solid #5b6577; }
footer { border-top: 1px solid #8a94a6; margin-top: 2rem; padding-top: 0.5rem; padding-bottom: 1.5rem; font-size: 0.95rem; }
@media print { nav, .skip, .search { display: none; } }
"""

#: Adds a search box above the decision log's table; hides rows that do not match.
SEARCH_JS = """\
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table[data-search]");
    if (!table) { return; }
    var box = document.createElement("div");
    box.className = "search";
    box.setAttribute("role", "search");
    var label = document.createElement("label");
    label.htmlFor = "search-decisions";
    label.textContent = "Search the decisions";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "search-decisions";
    var status = document.createElement("p");
    status.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    table.parentNode.insertBefore(box, table);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = words.length ? shown + " of " + rows.length + " decisions match" : "";
    });
  });
}());
"""
