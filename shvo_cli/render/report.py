"""The quarterly report laid out as text, Markdown, JSON or one self-contained HTML file.

In the run's language: Swedish for VVG and SITIV (``--lang sv``), English otherwise. State
names come from process.yaml and are shown as they are written there. The HTML embeds its
style and its charts (inline SVG): it loads nothing from anywhere, opens offline and prints
on A4.
"""

from __future__ import annotations

import html
import json
from typing import Any

from shvo_cli.findings import kr
from shvo_cli.i18n import N_, _, language
from shvo_cli.render.safe import markdown, one_line

STATUS = {"done": N_("done"), "due": N_("due (this quarter)"), "overdue": N_("overdue"),
          "upcoming": N_("upcoming")}
MOVES = {"received": N_("requests received"), "decided": N_("requests decided"),
         "escalated": N_("escalated to VVG"), "rejected": N_("requests rejected"),
         "released": N_("changes released")}
PALETTE = ["#1f5f8b", "#4f9d69", "#d08c2b", "#a23b72", "#6c757d", "#2a9d8f", "#e76f51",
           "#264653", "#8ab17d", "#b5838d", "#457b9d", "#f4a261", "#9c6644", "#577590",
           "#bc4749", "#7209b7"]


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _plan_line(data: dict[str, Any]) -> str:
    p = data["plan"]
    if p is None:
        return _("Plan: missing")
    if p["status"] == "adopted":
        return _("Plan {id}: adopted {date} ({decision})").format(
            id=p["id"], date=p["adopted"], decision=p["decision"])
    return _("Plan {id}: draft (VVG has not taken a position)").format(id=p["id"])


def _budget_line(data: dict[str, Any]) -> str:
    b = data["budget"]
    if b is None:
        return _("Budget: missing")
    if b["status"] != "decided":
        status = _("preliminary")
    elif b["decision"]:
        status = _("decided ({decision})").format(decision=b["decision"])
    else:
        status = _("decided")
    if b["stated_total"] is not None and b["stated_total"] != b["lines_total"]:
        return _("Budget {id}: {status}, the lines add up to {total} kr; stated total "
                 "{stated} kr").format(id=b["id"], status=status, total=kr(b["lines_total"]),
                                       stated=kr(b["stated_total"]))
    return _("Budget {id}: {status}, the lines add up to {total} kr").format(
        id=b["id"], status=status, total=kr(b["lines_total"]))


def _quarter(n: int) -> str:
    """A quarter of the year as people write it: Q2 in English, K2 (kvartal) in Swedish."""
    return _("Q{n}").format(n=n)


def _period(data: dict[str, Any]) -> str:
    return _("Period {start} – {end}, as of {as_of}").format(
        start=data["period"]["start"], end=data["period"]["end"], as_of=data["as_of"])


def _validation(data: dict[str, Any]) -> str:
    v = data["validation"]
    return _("Validation: {errors} errors, {warnings} warnings").format(
        errors=v["errors"], warnings=v["warnings"])


def _milestone_rows(data: dict[str, Any]) -> list[list[str]]:
    rows = []
    for m in data["milestones"]:
        quarters = "–".join(_quarter(q) for q in (m["quarters"][0], m["quarters"][-1])) \
            if len(m["quarters"]) > 1 else _quarter(m["quarters"][0])
        done = f"{m['decision']} {m['decided_on']}" if m["decision"] else ""
        wait = ", ".join(m["waiting_on"]) if m["status"] != "done" else ""
        rows.append([m["id"], quarters, m["body"], _(STATUS[m["status"]]), done, wait])
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
    count = _("count")
    total = (_("{total} request, of which {open} open") if r["total"] == 1
             else _("{total} requests, of which {open} open")).format(total=r["total"],
                                                                        open=r["open"])
    out.append((_("The annual cycle"), _milestone_rows(data),
                [_("milestone"), _("quarter"), _("body"), _("status"), _("done by"),
                 _("waiting on")], []))
    out.append((_("Requests by state"), [[names.get(k, k), str(v)] for k, v in
                                         r["by_state"].items()], [_("state"), count],
                [total]))
    out.append((_("Requests by scope"), [[k, str(v)] for k, v in r["by_scope"].items()],
                [_("scope"), count], []))
    out.append((_("Requests by category"), [[k, str(v)] for k, v in r["by_category"].items()],
                [_("category"), count], []))
    out.append((_("Movement during the quarter"),
                [[_(MOVES[k]), str(v)] for k, v in r["movement"].items()],
                [_("event"), count], []))
    out.append((_("Requests waiting longer than the process allows"),
                [[w["id"], names.get(w["state"], w["state"]), w["since"], str(w["days"]),
                  str(w["max_days"]), w["title"]] for w in r["waiting_too_long"]],
                [_("request"), _("state"), _("since"), _("days"), _("at most"), _("title")],
                [] if r["waiting_too_long"] else [_("None.")]))
    out.append((_("Inventory for the coming year"),
                [[i["id"], names.get(i["state"], i["state"]), i["position"] or _("not taken"),
                  ", ".join(i["decisions"]), _("yes") if i["to_budget"] else _("no"),
                  i["title"]] for i in data["inventory"]],
                [_("request"), _("state"), _("VVG's position"), _("decisions"),
                 _("to budget"), _("title")],
                [] if data["inventory"] else [_("No needs inventoried.")]))
    out.append((_("Related systems touched by open requests"),
                [[s["system"], ", ".join(s["open_requests"]),
                  ", ".join(s["tell"]) or _("owner not named in the records")]
                 for s in data["systems"]], [_("system"), _("requests"), _("inform")],
                [] if data["systems"] else [_("None.")]))
    return out


def _findings_lines(data: dict[str, Any]) -> list[str]:
    v = data["validation"]
    lines = [_validation(data)]
    lines += [f"  {f['file']}:{f['line']} {f['code']} {f['message']}" for f in v["findings"]]
    return lines


def _charts_text(data: dict[str, Any]) -> list[str]:
    names = data["state_names"]
    out = [_("Requests by state at the end of each quarter")]
    for q in data["charts"]["requests_by_state"]:
        parts = ", ".join(f"{names.get(k, k)} {v}" for k, v in q["counts"].items())
        out.append(f"  {q['quarter']}: {parts}" if parts
                   else "  " + _("{quarter}: none").format(quarter=q["quarter"]))
    b = data["charts"]["budget_by_payer"]
    out += ["", _("Budget by payer (kr)")]
    if b["note"]:
        out.append(f"  {b['note']}")
    top = max((p["amount"] for p in b["payers"]), default=0)
    for p in b["payers"]:
        out.append(f"  {p['name']:<26} {kr(p['amount']):>12}  {_bar(p['amount'], top)}")
    return out


def as_text(data: dict[str, Any]) -> str:
    out = [data["title"], "=" * len(data["title"]), _period(data),
           "", _plan_line(data), _budget_line(data), *_findings_lines(data)]
    for heading, rows, header, notes in _sections(data):
        out += ["", heading, "-" * len(heading)]
        out += _table(header, rows) if rows else []
        out += notes
    out += ["", *_charts_text(data)]
    return "\n".join(out) + "\n"


def as_markdown(data: dict[str, Any]) -> str:
    out = [f"# {data['title']}", "", _period(data) + ".",
           "", f"- {_plan_line(data)}", f"- {_budget_line(data)}"]
    v = data["validation"]
    out.append(f"- {_validation(data)}")
    out += [f"  - `{f['file']}:{f['line']}` {f['code']}: {markdown(f['message'])}"
            for f in v["findings"]]
    for heading, rows, header, notes in _sections(data):
        out += ["", f"## {heading}", ""]
        out += _md_table(header, rows) if rows else []
        out += ([""] if rows and notes else []) + notes
    out += ["", f"## {_('Charts')}", "", "```text", *_charts_text(data), "```"]
    return "\n".join(out) + "\n"


def _svg_requests(data: dict[str, Any]) -> str:
    quarters = data["charts"]["requests_by_state"]
    states = sorted({k for q in quarters for k in q["counts"]})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(states)}
    top = max((sum(q["counts"].values()) for q in quarters), default=0) or 1
    width, height, bar = 520, 220, 60
    label = html.escape(_("Requests by state at the end of each quarter"), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" '
             f'role="img" aria-label="{label}">']
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
        return f"<p>{html.escape(b['note'] or _('No budget.'))}</p>"
    top = max(p["amount"] for p in b["payers"]) or 1
    rows = len(b["payers"])
    label = html.escape(_("Budget by payer"), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 620 {rows * 28 + 10}" '
             f'role="img" aria-label="{label}">']
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


CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
"""The report needs nothing but its own inline style and inline SVG: no script runs and
nothing is loaded from elsewhere, whatever a record's text holds."""


def as_html(data: dict[str, Any]) -> str:
    e = html.escape
    out = ['<!DOCTYPE html>', f'<html lang="{language()}">', "<head>",
           '<meta charset="utf-8">', f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
           f"<title>{e(data['title'])}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{e(data['title'])}</h1>", f"<p>{e(_period(data))}.</p>",
           f'<section id="status"><h2>{e(_("Plan and budget"))}</h2><ul>',
           f"<li>{e(_plan_line(data))}</li>", f"<li>{e(_budget_line(data))}</li>"]
    v = data["validation"]
    out.append(f"<li>{e(_validation(data))}<ul>")
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
    out += [f'<section id="charts"><h2>{e(_("Charts"))}</h2>',
            f"<h3>{e(_('Requests by state at the end of each quarter'))}</h3>",
            _svg_requests(data),
            f"<h3>{e(_('Budget by payer'))}</h3>", _svg_budget(data), "</section>",
            "</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(data: dict[str, Any], fmt: str) -> str:
    return {"text": as_text, "markdown": as_markdown, "json": as_json,
            "html": as_html}[fmt](data)
