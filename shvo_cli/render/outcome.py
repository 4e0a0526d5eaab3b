"""Budget against outcome as a table, JSON, and a section for the quarterly report.

Deviations above the threshold are marked ``!`` in the table (``flagged`` in JSON) so the
mark survives a pipe, a printout and a screen reader; no colour is needed to see them.
"""

from __future__ import annotations

import json

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
