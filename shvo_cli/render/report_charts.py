"""The quarterly report's charts: inline SVG for HTML, bars of text for text and Markdown.

Colours are the Okabe–Ito palette, which people with the common kinds of colour-vision
deficiency can tell apart; every segment and bar also carries its count as text, every
tooltip names states by name (never by id), and each chart is followed by a table with the
same figures (its text alternative).
"""

from __future__ import annotations

import html
from typing import Any

from shvo_cli.findings import kr
from shvo_cli.i18n import _

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000"]
"""Okabe & Ito (2008), "Color Universal Design"; black last."""
DARK = {"#0072B2", "#000000"}
"""Fills on which a count is written in white rather than black (contrast ≥ 4.5:1)."""


def colour(i: int) -> str:
    return OKABE_ITO[i % len(OKABE_ITO)]


def ink(fill: str) -> str:
    return "#ffffff" if fill in DARK else "#000000"


def bar(value: int, top: int, width: int = 30) -> str:
    if top <= 0:
        return ""
    full = value * width * 8 // top
    return "█" * (full // 8) + ("▏▎▍▌▋▊▉"[full % 8 - 1] if full % 8 else "")


def quarter_label(quarter: str) -> str:
    """"2025Q2" as people write it: 2025 Q2 in English, 2025 K2 (kvartal) in Swedish."""
    year, n = quarter.split("Q")
    return f"{year} " + _("Q{n}").format(n=n)


def chart_states(data: dict[str, Any]) -> list[str]:
    """The states present in any quarter, in the process record's order (unknown ids last)."""
    present = {k for q in data["charts"]["requests_by_state"] for k in q["counts"]}
    order = list(data["names"]["states"])
    return [s for s in order if s in present] + sorted(present - set(order))


def paint(i: int) -> str:
    """The fill of the i-th series: a palette colour, then (past eight series) the same
    colours hatched, so that no two series look alike."""
    return colour(i) if i < len(OKABE_ITO) else f"url(#hatch{i})"


def _hatches(count: int) -> str:
    """SVG patterns for the series past the palette: diagonal stripes on white."""
    return "".join(
        f'<pattern id="hatch{i}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{colour(i)}"/></pattern>'
        for i in range(len(OKABE_ITO), count))


def charts_text(data: dict[str, Any]) -> list[str]:
    names = data["names"]["states"]
    out = [_("Requests by state at the end of each quarter")]
    for q in data["charts"]["requests_by_state"]:
        parts = ", ".join(f"{names.get(k, k)} {v}" for k, v in q["counts"].items())
        label = quarter_label(q["quarter"])
        out.append(f"  {label}: {parts}" if parts
                   else "  " + _("{quarter}: none").format(quarter=label))
    b = data["charts"]["budget_by_payer"]
    out += ["", _("Budget by payer (kr)")]
    if b["note"]:
        out.append(f"  {b['note']}")
    top = max((p["amount"] for p in b["payers"]), default=0)
    for p in b["payers"]:
        out.append(f"  {p['name']:<26} {kr(p['amount']):>12}  {bar(p['amount'], top)}")
    return out


def _segment(x: int, y: int, w: int, h: int, fill: str, label: str, n: int) -> str:
    e = html.escape
    halo = "" if fill in DARK else ' stroke="#ffffff" stroke-width="3" paint-order="stroke"'
    text = (f'<text x="{x + w // 2}" y="{y + h // 2 + 4}" text-anchor="middle" '
            f'fill="{ink(fill)}"{halo}>{n}</text>') if h >= 14 else ""
    return (f'<g><rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}" '
            f'stroke="#ffffff"><title>{e(label)}: {n}</title></rect>{text}</g>')


def svg_requests(data: dict[str, Any]) -> str:
    quarters = data["charts"]["requests_by_state"]
    names = data["names"]["states"]
    states = chart_states(data)
    fills = {s: paint(i) for i, s in enumerate(states)}
    top = max((sum(q["counts"].values()) for q in quarters), default=0) or 1
    width, height, bar_w = 520, 220, 60
    label = html.escape(_("Requests by state at the end of each quarter"), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" '
             f'role="img" aria-label="{label}">']
    if len(states) > len(OKABE_ITO):
        parts.append(f"<defs>{_hatches(len(states))}</defs>")
    for i, q in enumerate(quarters):
        x, y = 40 + i * (bar_w + 40), height
        for s in states:
            n = q["counts"].get(s, 0)
            if n:
                h = n * (height - 30) // top
                y -= h
                parts.append(_segment(x, y, bar_w, h, fills[s], names.get(s, s), n))
        total = sum(q["counts"].values())
        parts.append(f'<text x="{x + bar_w // 2}" y="{y - 4}" text-anchor="middle">'
                     f'{total}</text>')
        parts.append(f'<text x="{x + bar_w // 2}" y="{height + 16}" text-anchor="middle">'
                     f'{html.escape(quarter_label(q["quarter"]))}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key"><svg width="12" height="12" aria-hidden="true">'
                     f'<rect width="12" height="12" fill="{fills[s]}" stroke="#222"/></svg> '
                     f'{html.escape(names.get(s, s))}</span>' for s in states)
    return "".join(parts) + f'<p class="legend">{legend}</p>' + _requests_table(data, states)


def _requests_table(data: dict[str, Any], states: list[str]) -> str:
    """The stacked chart's figures as a table: its text alternative."""
    e = html.escape
    names = data["names"]["states"]
    quarters = data["charts"]["requests_by_state"]
    head = "".join(f'<th scope="col">{e(quarter_label(q["quarter"]))}</th>' for q in quarters)
    rows = "".join(
        f'<tr><th scope="row">{e(names.get(s, s))}</th>'
        + "".join(f"<td>{q['counts'].get(s, 0)}</td>" for q in quarters) + "</tr>"
        for s in states)
    return (f'<table class="alt"><caption>{e(_("The chart as a table"))}</caption>'
            f'<thead><tr><th scope="col">{e(_("state"))}</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def svg_budget(data: dict[str, Any]) -> str:
    e = html.escape
    b = data["charts"]["budget_by_payer"]
    if not b["payers"]:
        return f"<p>{e(b['note'] or _('No budget.'))}</p>"
    top = max(p["amount"] for p in b["payers"]) or 1
    rows = len(b["payers"])
    label = e(_("Budget by payer"), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 620 {rows * 28 + 10}" '
             f'role="img" aria-label="{label}">']
    for i, p in enumerate(b["payers"]):
        y = 5 + i * 28
        w = p["amount"] * 330 // top
        parts.append(f'<text x="0" y="{y + 16}">{e(p["name"])}</text>'
                     f'<rect x="190" y="{y}" width="{w}" height="20" fill="{colour(i)}">'
                     f'<title>{e(p["name"])}: {kr(p["amount"])} kr</title></rect>'
                     f'<text x="{195 + w}" y="{y + 16}">{kr(p["amount"])} kr</text>')
    parts.append("</svg>")
    table = "".join(f'<tr><th scope="row">{e(p["name"])}</th><td>{kr(p["amount"])}</td></tr>'
                    for p in b["payers"])
    return "".join(parts) + (
        f'<table class="alt"><caption>{e(_("The chart as a table"))}</caption>'
        f'<thead><tr><th scope="col">{e(_("payer"))}</th><th scope="col">kr</th></tr>'
        f"</thead><tbody>{table}</tbody></table>")
