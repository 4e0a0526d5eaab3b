"""Sections of the quarterly report that appear only when there is something to say: next
year's plan against this year's (Q3–Q4, once drafted) and the budget against its outcome
(once an outcome is imported)."""

from __future__ import annotations

import html
from typing import Any

from shvo_cli.findings import kr
from shvo_cli.i18n import _, language
from shvo_cli.render.report_block import Block


def plan_diff_blocks(data: dict[str, Any]) -> list[Block]:
    """Next year's plan against this year's, in counts (``shvo plan diff`` has the text)."""
    d = data.get("plan_diff")
    if not d:
        return []
    rows = [[_("needs taken on"), ", ".join(d["needs"]) or "0"],
            [_("assignments added"), str(d["added"])],
            [_("assignments retired"), str(d["retired"])],
            [_("assignments reworded"), str(d["reworded"])],
            [_("budget lines changed"), str(d["budget_lines"])],
            [_("text sections changed"), ", ".join(d["sections"]) or "0"]]
    return [Block(_("{to} against {from_}").format(to=d["to"], from_=d["from"]),
                  [_("what changes"), _("how many, or which")], rows,
                  [_("Details: shvo plan diff")])]


def outcome_blocks(data: dict[str, Any]) -> list[Block]:
    """Budget against outcome, where an outcome has been imported (``! `` marks a line whose
    forecast deviates from its budget by more than the threshold)."""
    o = data.get("outcome")
    if not o:
        return []
    rows = [[("! " if x["flagged"] else "") + x["name"], kr(x["budget"]), kr(x["outcome"]),
             f"{x['used_tenths'] // 10},{x['used_tenths'] % 10} %" if language() == "sv"
             else f"{x['used_tenths'] // 10}.{x['used_tenths'] % 10} %",
             kr(x["forecast"]), ("+" if x["deviation"] > 0 else "") + kr(x["deviation"])]
            for x in o["lines"]]
    note = _("Outcome through {month} ({months} of 12 months); forecast at the current pace; "
             "! deviates by more than {percent} %.").format(
        month=o["through"], months=o["months"], percent=o["threshold_percent"])
    return [Block(_("Budget against outcome"),
                  [_("line"), _("budget"), _("outcome to date"), _("used"), _("forecast"),
                   _("deviation")], rows, [note])]


def outcome_chart(data: dict[str, Any]) -> list[str]:
    o = data.get("outcome")
    if not o:
        return []
    from shvo_cli.render.outcome import bars_svg

    return [f"<h3>{html.escape(_('Budget against outcome'))}</h3>", bars_svg(
        [(x["name"], x["budget"], x["outcome"], x["forecast"], x["flagged"])
         for x in o["lines"]])]
