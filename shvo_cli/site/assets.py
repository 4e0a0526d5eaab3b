"""The site's one style sheet and one small script (the only script: it filters a table
as you type; every page reads fully without it)."""

CSS = """:root{--ink:#1b1b1b;--muted:#4a4a4a;--link:#0b4f8a;--line:#8a8a8a;--bg:#ffffff;
--head:#eef2f6;--focus:#b35900}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);
background:var(--bg);margin:0;line-height:1.5}
header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}
header{border-bottom:2px solid var(--line)}
.brand{font-weight:700;margin:.75rem 0}
nav ul{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
a{color:var(--link)}a:focus,input:focus,main:focus{outline:3px solid var(--focus);
outline-offset:2px}
a[aria-current=page]{font-weight:700;color:var(--ink)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;
padding:.25rem .5rem}
h1{font-size:1.7rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--head)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
footer{border-top:1px solid var(--line);margin-top:3rem;color:var(--muted);font-size:.9rem}
label{font-weight:600;margin-right:.5rem}input{font:inherit;padding:.2rem .4rem;
border:1px solid var(--ink)}
.filter[hidden]{display:none}
svg{max-width:100%;height:auto}
@media print{nav,.skip,.filter{display:none}header,main,footer{max-width:none}
a{color:var(--ink);text-decoration:none}h2{break-after:avoid}tr{break-inside:avoid}}
@page{size:A4;margin:15mm}
"""

SEARCH_JS = """// Filters the rows of each table marked data-filter as the reader types. Optional:
// without JavaScript the whole table is shown and the filter field stays hidden.
document.querySelectorAll('.filter').forEach(function (box) {
  var input = box.querySelector('input');
  var table = document.getElementById(box.getAttribute('data-for'));
  if (!input || !table) { return; }
  box.hidden = false;
  input.addEventListener('input', function () {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var text = row.textContent.toLowerCase();
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  });
});
"""
