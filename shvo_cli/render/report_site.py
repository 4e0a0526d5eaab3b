"""A quarterly report as a page of the public site (``shvo site build`` is given this
function by the CLI: the site package sits beside render, not above it): the same blocks,
charts and appendix as the report's own HTML (shvo_cli/render/report.py), inside the site's
frame, with no inline style (the site's Content-Security-Policy allows none)."""

from __future__ import annotations

import html
from typing import Any

from shvo_cli.render.report import appendix_lines, blocks, summary_lines
from shvo_cli.render.report_charts import svg_budget, svg_requests


def e(text: object) -> str:
    return html.escape(str(text), quote=True)

PRIVATE_RECORDS = ("organisation.yaml",)
"""Findings about these records may quote members' addresses: not on a public page."""


def report_body(data: dict[str, Any]) -> str:
    period = data["period"]
    out = [f"<p>Period {e(period['start'])} – {e(period['end'])}, per {e(data['as_of'])}.</p>",
           "<ul>", *[f"<li>{e(line)}</li>" for line in summary_lines(data)], "</ul>"]
    for b in blocks(data):
        out.append(f"<h2>{e(b.heading)}</h2>")
        if b.rows:
            out.append("<table><thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>'
                                                      for h in b.header)
                       + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in b.rows]
            out.append("</tbody></table>")
        out += [f"<p>{e(n)}</p>" for n in b.notes]
    out += ["<h2>Diagram</h2>", "<h3>Ärenden per status vid kvartalens slut</h3>",
            svg_requests(data), "<h3>Budget per betalare</h3>", svg_budget(data)]
    public = {**data, "validation": {**data["validation"], "findings": [
        f for f in data["validation"]["findings"] if f["file"] not in PRIVATE_RECORDS]}}
    out += ["<h2>Bilaga: valideringens fynd</h2>", "<ul>",
            *[f"<li>{e(line)}</li>" for line in appendix_lines(public)], "</ul>"]
    return "\n".join(out)
