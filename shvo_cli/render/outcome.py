"""Budget against outcome as a table, JSON, and a section for the quarterly report.

Deviations above the threshold are marked ``!`` in the table (``flagged`` in JSON) so the
mark survives a pipe, a printout and a screen reader; no colour is needed to see them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from shvo_cli.finance.outcome import Comparison
from shvo_cli.findings import kr
from shvo_cli.i18n import _, decimal
from shvo_cli.render.safe import markdown, one_line


def _signed(value: int) -> str:
    return ("+" if value > 0 else "") + kr(value)


def _rows(c: Comparison) -> list[list[str]]:
    return [[("! " if c.flagged(x) else "  ") + x.id, kr(x.budget), kr(x.outcome),
             decimal(x.used_tenths()) + " %", kr(x.forecast), _signed(x.deviation)]
            for x in c.lines]


def _headers() -> list[str]:
    return [_("line"), _("budget"), _("outcome to date"), _("used"), _("forecast"),
            _("deviation")]


def _title(c: Comparison) -> str:
    return _("Budget against outcome {year} — {budget} ({status}), outcome through {month} "
             "({months} of 12 months); forecast at the current pace").format(
        year=c.budget.year, budget=c.budget.id, status=c.budget.status, month=c.through,
        months=c.months)


def table(c: Comparison) -> str:
    rows = _rows(c)
    headers = _headers()
    widths = [max(len(r[j]) for r in [headers, *rows]) for j in range(len(headers))]
    lines = ["  ".join(v.ljust(w) if j == 0 else v.rjust(w)
                       for j, (v, w) in enumerate(zip(r, widths, strict=True))).rstrip()
             for r in [headers, *rows]]
    total = sum(x.budget for x in c.lines), sum(x.outcome for x in c.lines)
    out = [_title(c), "", lines[0], "  ".join("-" * w for w in widths), *lines[1:], "",
           _("total: budget {budget}, outcome {outcome}").format(budget=kr(total[0]),
                                                                outcome=kr(total[1])),
           _("! forecast deviates from the budget by more than {percent} %").format(
               percent=c.threshold), "", _("lines:")]
    out += [f"  {x.id}  {one_line(x.name)}" for x in c.lines]
    return "\n".join(out) + "\n"


def to_json(c: Comparison) -> str:
    return json.dumps({
        "version": 1, "budget": c.budget.id, "year": c.budget.year, "through": c.through,
        "months": c.months, "threshold_percent": c.threshold,
        "lines": [{"id": x.id, "name": x.name, "budget": x.budget, "outcome": x.outcome,
                   "used_tenths_percent": x.used_tenths(), "forecast": x.forecast,
                   "deviation": x.deviation, "flagged": c.flagged(x)} for x in c.lines]},
        ensure_ascii=False, indent=2) + "\n"


def report_section(c: Comparison) -> list[str]:
    """Markdown lines for the quarterly report (a heading, a table, the flagged lines): a
    separate builder so the report can include it without knowing the comparison."""
    out = [f"## {_('Budget against outcome')}", "", markdown(_title(c)), "",
           "| " + " | ".join(_headers()) + " |", "|---|---:|---:|---:|---:|---:|"]
    out += ["| " + " | ".join(markdown(v.strip()) for v in r) + " |" for r in _rows(c)]
    flagged = [x.name for x in c.lines if c.flagged(x)]
    if flagged:
        out += ["", markdown(_("Deviating by more than {percent} %: {lines}").format(
            percent=c.threshold, lines=", ".join(flagged)))]
    return out


def chart_svg(c: Comparison, width: int = 640) -> str:
    """Budget against outcome of ``c`` as an inline SVG bar chart (see :func:`bars_svg`)."""
    return bars_svg([(x.name, x.budget, x.outcome, x.forecast, c.flagged(x)) for x in c.lines],
                    width)


def bars_svg(rows: Sequence[tuple[str, int, int, int, bool]], width: int = 640) -> str:
    """Budget against outcome as an inline SVG bar chart for the HTML report: per line
    ``(name, budget, outcome, forecast, flagged)``, the budget as an outlined bar, the
    outcome to date filled, the forecast as a tick; a flagged line is labelled with ``!``.
    Text escaped; no script, no external resource, so it prints and passes a strict
    content policy."""
    from html import escape

    label_w, row_h, bar_h = 220, 28, 12
    scale_max = max([1, *(max(b, o, f) for __, b, o, f, __f in rows)])
    plot = width - label_w - 10

    def px(value: int) -> int:
        return max(0, value) * plot // scale_max

    height = row_h * len(rows) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'role="img" aria-label="{escape(_("Budget against outcome"))}" '
           'font-family="sans-serif" font-size="11">']
    for i, (label, budget, outcome, forecast, flagged) in enumerate(rows):
        y = 10 + i * row_h
        name = ("! " if flagged else "") + one_line(label)
        out.append(f'<text x="0" y="{y + bar_h}">{escape(name[:34])}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{px(budget)}" height="{bar_h}" '
                   'fill="none" stroke="#555"/>')
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{px(outcome)}" '
                   f'height="{bar_h - 4}" fill="#0072B2"/>')
        fx = label_w + px(forecast)
        out.append(f'<line x1="{fx}" y1="{y - 2}" x2="{fx}" y2="{y + bar_h + 2}" '
                   'stroke="#D55E00" stroke-width="2"/>')
    legend = escape(_("outline: budget; filled: outcome to date; red tick: forecast"))
    out.append(f'<text x="{label_w}" y="{height - 6}">{legend}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
