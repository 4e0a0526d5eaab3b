"""The förvaltningsplan document as Markdown or self-contained HTML (printable on A4), and
``plan show`` / ``plan list`` as text or JSON.

Every text from the records is escaped for the format it lands in; the Word document is
:mod:`shvo_cli.render.plan_docx`, from the same blocks.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from shvo_cli.i18n import N_, _
from shvo_cli.plan.document import Bullets, Document, Heading, Para, Table
from shvo_cli.render.safe import one_line

_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def md(text: str) -> str:
    """Markdown-safe inline text: HTML specials escaped, emphasis and link marks escaped,
    one line."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^([#>+-]|\d+\.)(?=\s)", r"\\\1", text)


def _heading_text(h: Heading) -> str:
    return f"{h.number} {h.text}" if h.number else h.text


def as_markdown(doc: Document) -> str:
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["#" * (b.level + 1) + " " + md(_heading_text(b)), ""]
            if b.level == 0:
                continue
        elif isinstance(b, Para):
            out += [md(b.text), ""]
        elif isinstance(b, Bullets):
            for text, items in b.items:
                out.append("- " + md(text))
                out += ["  - " + md(i) for i in items]
            out.append("")
        else:
            if b.caption:
                out += [f"**{md(b.caption)}**", ""]
            cells = [md(c).replace("|", "\\|") for c in b.header]
            out.append("| " + " | ".join(cells) + " |")
            out.append("|" + "|".join("---:" if i in b.numeric else "---"
                                      for i in range(len(b.header))) + "|")
            out += ["| " + " | ".join(md(c).replace("|", "\\|") for c in row) + " |"
                    for row in b.rows]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


CSS = """body{font-family:Calibri,Arial,sans-serif;max-width:48em;margin:2em auto;line-height:1.4}
h1{font-size:1.8em}h2{font-size:1.35em;margin-top:1.4em}h3{font-size:1.15em}h4{font-size:1em}
table{border-collapse:collapse;margin:1em 0;width:100%}
th,td{border:1px solid #999;padding:.25em .5em;vertical-align:top}
td.n{text-align:right;white-space:nowrap}caption{font-weight:bold;text-align:left}
nav ol{list-style:none;padding-left:0}nav li.l2{padding-left:1.5em}nav li.l3{padding-left:3em}
@page{size:A4;margin:20mm}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:avoid}}"""


def _toc(doc: Document) -> list[str]:
    e = html.escape
    out = [f'<nav><h2>{e("Innehållsförteckning")}</h2><ol>']
    for i, h in enumerate(doc.headings):
        out.append(f'<li class="l{h.level}"><a href="#s{i}">{e(_heading_text(h))}</a></li>')
    return [*out, "</ol></nav>"]


def as_html(doc: Document) -> str:
    """One self-contained file: no scripts, no external resources, A4 print styles."""
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="sv">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(doc.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    index = 0
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level > 0 and index == 0:
            out += _toc(doc)  # after the title block
        if isinstance(b, Heading) and b.level == 0:
            out.append(f"<h1>{e(b.text)}</h1>")
        elif isinstance(b, Heading):
            tag = f"h{min(b.level + 1, 6)}"
            out.append(f'<{tag} id="s{index}">{e(_heading_text(b))}</{tag}>')
            index += 1
        elif isinstance(b, Para):
            out.append(f"<p>{e(b.text)}</p>")
        elif isinstance(b, Bullets):
            out.append("<ul>")
            for text, items in b.items:
                sub = "".join(f"<li>{e(i)}</li>" for i in items)
                out.append(f"<li>{e(text)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
            out.append("</ul>")
        elif isinstance(b, Table):
            out.append("<table>" + (f"<caption>{e(b.caption)}</caption>" if b.caption else ""))
            out.append("<tr>" + "".join(f"<th>{e(c)}</th>" for c in b.header) + "</tr>")
            for row in b.rows:
                out.append("<tr>" + "".join(
                    f'<td class="n">{e(c)}</td>' if i in b.numeric else f"<td>{e(c)}</td>"
                    for i, c in enumerate(row)) + "</tr>")
            out.append("</table>")
    return "\n".join([*out, "</body>", "</html>"]) + "\n"


# --- plan show / list ---------------------------------------------------------------------


def show_text(view: dict[str, Any]) -> str:
    """A plan for people: status, adoption, assignments by category with citing requests."""
    lines = [one_line(f"{view['title']} ({view['id']})"),
             _("Status: {status}").format(status=_(view["status"]))]
    a = view["adoption"]
    if a["date"]:
        lines.append(_("Adopted by {body} on {date} ({decision})").format(
            body=a["body"], date=a["date"], decision=a["decision"] or "–"))
    else:
        lines.append(_("Not adopted: waits on {body}").format(body=a["body"]))
    for cat in view["categories"]:
        lines += ["", one_line(f"{cat['seed']} {cat['name']}")]
        for item in cat["assignments"]:
            cited = ", ".join(item["requests"])
            lines.append(one_line(f"  - {item['text']}") + (f"  [{item['id']}]") +
                         (("  ← " + cited) if cited else ""))
    lines += ["", _("Governing documents:")]
    lines += [one_line(f"  - {d}") for d in view["governing_documents"]]
    for amendment in view["amendments"]:
        lines.append(one_line(_("Amended {date} by {decision}: {text}").format(**amendment)))
    return "\n".join(lines) + "\n"


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def list_text(rows: list[dict[str, Any]]) -> str:
    lines = [f"{r['year']}  {r['id']:<10} {_(r['status']):<9} "
             f"{r['adopted'] or '–':<10} {r['decision'] or '':<15} "
             + _("{count} assignments").format(count=r["assignments"]) for r in rows]
    return "\n".join(lines) + ("\n" if lines else "")


STATUSES = (N_("draft"), N_("adopted"), N_("preliminary"), N_("decided"))
"""Plan and budget statuses, translated where shown."""
