"""The quarterly report laid out as text, Markdown, JSON or one self-contained HTML file.

Swedish, because its readers are VVG and SITIV. The HTML embeds its style and its charts
(inline SVG): it loads nothing from anywhere, opens offline and prints on A4.
"""

from __future__ import annotations

import html
import json
from typing import Any

from shvo_cli.findings import kr
from shvo_cli.render.safe import markdown, one_line

STATUS = {"done": "klar", "due": "pågår (detta kvartal)", "overdue": "försenad",
          "upcoming": "kommande"}
MOVES = {"received": "inkomna", "decided": "beslutade", "escalated": "lyfta till VVG",
         "rejected": "avslagna", "released": "driftsatta"}
PALETTE = ["#1f5f8b", "#4f9d69", "#d08c2b", "#a23b72", "#6c757d", "#2a9d8f", "#e76f51",
           "#264653", "#8ab17d", "#b5838d", "#457b9d", "#f4a261", "#9c6644", "#577590",
           "#bc4749", "#7209b7"]


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _plan_line(data: dict[str, Any]) -> str:
    p = data["plan"]
    if p is None:
        return "Förvaltningsplan: saknas"
    if p["status"] == "adopted":
        return f"Förvaltningsplan {p['id']}: fastställd {p['adopted']} ({p['decision']})"
    return f"Förvaltningsplan {p['id']}: utkast (VVG har inte tagit ställning)"


def _budget_line(data: dict[str, Any]) -> str:
    b = data["budget"]
    if b is None:
        return "Budget: saknas"
    status = "beslutad" + (f" ({b['decision']})" if b["decision"] else "") \
        if b["status"] == "decided" else "förhandsbeslutad"
    extra = ""
    if b["stated_total"] is not None and b["stated_total"] != b["lines_total"]:
        extra = f"; angiven totalsumma {kr(b['stated_total'])} kr"
    return f"Budget {b['id']}: {status}, raderna summerar till {kr(b['lines_total'])} kr{extra}"


def _milestone_rows(data: dict[str, Any]) -> list[list[str]]:
    rows = []
    for m in data["milestones"]:
        quarters = "–".join(f"K{q}" for q in (m["quarters"][0], m["quarters"][-1])) \
            if len(m["quarters"]) > 1 else f"K{m['quarters'][0]}"
        done = f"{m['decision']} {m['decided_on']}" if m["decision"] else ""
        wait = ", ".join(m["waiting_on"]) if m["status"] != "done" else ""
        rows.append([m["id"], quarters, m["body"], STATUS[m["status"]], done, wait])
    return rows


def _bar(value: int, top: int, width: int = 30) -> str:
    if top <= 0:
        return ""
    full = value * width * 8 // top
    return "█" * (full // 8) + ("▏▎▍▌▋▊▉"[full % 8 - 1] if full % 8 else "")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    rows = [[one_line(str(c)) for c in r] for r in rows]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in rows]
    return out


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    def esc(c: object) -> str:
        return markdown(str(c))

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return out


def _sections(data: dict[str, Any]) -> list[tuple[str, list[list[str]], list[str], list[str]]]:
    """(heading, rows, header, notes) for each tabular section, shared by text and md."""
    names = data["state_names"]
    r = data["requests"]
    out: list[tuple[str, list[list[str]], list[str], list[str]]] = []
    out.append(("Årscykeln (förvaltningsmodellen)", _milestone_rows(data),
                ["milstolpe", "kvartal", "organ", "status", "klar genom", "väntar på"], []))
    out.append(("Ärenden per status", [[names.get(k, k), str(v)] for k, v in
                                        r["by_state"].items()], ["status", "antal"],
                [f"{r['total']} ärenden, varav {r['open']} öppna"]))
    out.append(("Ärenden per omfattning", [[k, str(v)] for k, v in r["by_scope"].items()],
                ["omfattning", "antal"], []))
    out.append(("Ärenden per kategori", [[k, str(v)] for k, v in r["by_category"].items()],
                ["kategori", "antal"], []))
    out.append(("Rörelse under kvartalet", [[MOVES[k], str(v)] for k, v in
                                             r["movement"].items()], ["händelse", "antal"], []))
    out.append(("Ärenden som väntat längre än processen medger",
                [[w["id"], names.get(w["state"], w["state"]), w["since"], str(w["days"]),
                  str(w["max_days"]), w["title"]] for w in r["waiting_too_long"]],
                ["ärende", "status", "sedan", "dagar", "högst", "titel"],
                [] if r["waiting_too_long"] else ["Inga."]))
    out.append(("Inventering inför kommande år",
                [[i["id"], names.get(i["state"], i["state"]), i["position"] or "ej tagen",
                  ", ".join(i["decisions"]), "ja" if i["to_budget"] else "nej", i["title"]]
                 for i in data["inventory"]],
                ["ärende", "status", "VVG:s ställningstagande", "beslut", "till budget",
                 "titel"], [] if data["inventory"] else ["Inga behov inventerade."]))
    out.append(("Närliggande system som berörs av öppna ärenden",
                [[s["system"], ", ".join(s["open_requests"]),
                  ", ".join(s["tell"]) or "ägare anges inte i förvaltningsobjektet"]
                 for s in data["systems"]], ["system", "ärenden", "informera"],
                [] if data["systems"] else ["Inga."]))
    return out


def _findings_lines(data: dict[str, Any]) -> list[str]:
    v = data["validation"]
    lines = [f"Validering: {v['errors']} fel, {v['warnings']} varningar"]
    lines += [f"  {f['file']}:{f['line']} {f['code']} {f['message']}" for f in v["findings"]]
    return lines


def _charts_text(data: dict[str, Any]) -> list[str]:
    names = data["state_names"]
    out = ["Ärenden per status vid kvartalens slut"]
    for q in data["charts"]["requests_by_state"]:
        parts = ", ".join(f"{names.get(k, k)} {v}" for k, v in q["counts"].items())
        out.append(f"  {q['quarter']}: {parts or 'inga'}")
    b = data["charts"]["budget_by_payer"]
    out += ["", "Budget per betalare (kr)"]
    if b["note"]:
        out.append(f"  {b['note']}")
    top = max((p["amount"] for p in b["payers"]), default=0)
    for p in b["payers"]:
        out.append(f"  {p['name']:<26} {kr(p['amount']):>12}  {_bar(p['amount'], top)}")
    return out


def as_text(data: dict[str, Any]) -> str:
    out = [data["title"], "=" * len(data["title"]),
           f"Period {data['period']['start']} – {data['period']['end']}, per {data['as_of']}",
           "", _plan_line(data), _budget_line(data), *_findings_lines(data)]
    for heading, rows, header, notes in _sections(data):
        out += ["", heading, "-" * len(heading)]
        out += _table(header, rows) if rows else []
        out += notes
    out += ["", *_charts_text(data)]
    return "\n".join(out) + "\n"


def as_markdown(data: dict[str, Any]) -> str:
    out = [f"# {data['title']}", "",
           f"Period {data['period']['start']} – {data['period']['end']}, per {data['as_of']}.",
           "", f"- {_plan_line(data)}", f"- {_budget_line(data)}"]
    v = data["validation"]
    out.append(f"- Validering: {v['errors']} fel, {v['warnings']} varningar")
    out += [f"  - `{f['file']}:{f['line']}` {f['code']}: {markdown(f['message'])}"
            for f in v["findings"]]
    for heading, rows, header, notes in _sections(data):
        out += ["", f"## {heading}", ""]
        out += _md_table(header, rows) if rows else []
        out += ([""] if rows and notes else []) + notes
    out += ["", "## Diagram", "", "```text", *_charts_text(data), "```"]
    return "\n".join(out) + "\n"


def _svg_requests(data: dict[str, Any]) -> str:
    quarters = data["charts"]["requests_by_state"]
    states = sorted({k for q in quarters for k in q["counts"]})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(states)}
    top = max((sum(q["counts"].values()) for q in quarters), default=0) or 1
    width, height, bar = 520, 220, 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" '
             f'role="img" aria-label="Ärenden per status vid kvartalens slut">']
    for i, q in enumerate(quarters):
        x, y = 40 + i * (bar + 40), height
        for s in states:
            n = q["counts"].get(s, 0)
            if not n:
                continue
            h = n * (height - 20) // top
            y -= h
            parts.append(f'<rect x="{x}" y="{y}" width="{bar}" height="{h}" '
                         f'fill="{colour[s]}"><title>{html.escape(s)}: {n}</title></rect>')
        parts.append(f'<text x="{x + bar // 2}" y="{height + 16}" text-anchor="middle">'
                     f'{q["quarter"]}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{colour[s]}"></i>'
                     f'{html.escape(data["state_names"].get(s, s))}</span>' for s in states)
    return "".join(parts) + f'<p class="legend">{legend}</p>'


def _svg_budget(data: dict[str, Any]) -> str:
    b = data["charts"]["budget_by_payer"]
    if not b["payers"]:
        return f"<p>{html.escape(b['note'] or 'Ingen budget.')}</p>"
    top = max(p["amount"] for p in b["payers"]) or 1
    rows = len(b["payers"])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 620 {rows * 28 + 10}" '
             'role="img" aria-label="Budget per betalare">']
    for i, p in enumerate(b["payers"]):
        y = 5 + i * 28
        w = p["amount"] * 330 // top
        parts.append(f'<text x="0" y="{y + 16}">{html.escape(p["name"])}</text>'
                     f'<rect x="190" y="{y}" width="{w}" height="20" fill="{PALETTE[i]}"/>'
                     f'<text x="{195 + w}" y="{y + 16}">{kr(p["amount"])} kr</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f6}svg{max-width:100%;height:auto;font-size:12px}
.legend .key{margin-right:1rem;white-space:nowrap}.legend i{display:inline-block;width:.8rem;
height:.8rem;margin-right:.3rem;vertical-align:middle}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}
@page{size:A4;margin:15mm}"""


def as_html(data: dict[str, Any]) -> str:
    e = html.escape
    out = ['<!DOCTYPE html>', '<html lang="sv">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(data['title'])}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{e(data['title'])}</h1>",
           f"<p>Period {e(data['period']['start'])} – {e(data['period']['end'])}, "
           f"per {e(data['as_of'])}.</p>",
           '<section id="status"><h2>Plan och budget</h2><ul>',
           f"<li>{e(_plan_line(data))}</li>", f"<li>{e(_budget_line(data))}</li>"]
    v = data["validation"]
    out.append(f"<li>Validering: {v['errors']} fel, {v['warnings']} varningar<ul>")
    out += [f"<li><code>{e(f['file'])}:{f['line']}</code> {e(f['code'])}: {e(f['message'])}"
            "</li>" for f in v["findings"]]
    out.append("</ul></li></ul></section>")
    for i, (heading, rows, header, notes) in enumerate(_sections(data)):
        out.append(f'<section id="s{i + 1}"><h2>{e(heading)}</h2>')
        if rows:
            out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header)
                       + "</tr></thead><tbody>")
            out += ["<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>"
                    for r in rows]
            out.append("</tbody></table>")
        out += [f"<p>{e(n)}</p>" for n in notes]
        out.append("</section>")
    out += ['<section id="charts"><h2>Diagram</h2>',
            "<h3>Ärenden per status vid kvartalens slut</h3>", _svg_requests(data),
            "<h3>Budget per betalare</h3>", _svg_budget(data), "</section>",
            "</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(data: dict[str, Any], fmt: str) -> str:
    return {"text": as_text, "markdown": as_markdown, "json": as_json,
            "html": as_html}[fmt](data)
