"""Rules ``audit`` checks on the history that ``validate`` checks on the files.

Whatever a changing command refuses, a hand edit or a merge can still commit; ``validate``
reports it on today's files and ``audit`` at the commit that brought it. Work is approved
only within an adopted plan (seed 1, 6.3.2: VVG fastställer förvaltningsplanen): at the
commit adding an approval, a VVG ``adopt-plan`` decision for the request's year must exist
in the records and be dated on or before the step. Pure functions: data in, findings out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from shvo_cli.i18n import _
from shvo_cli.records.model import Process, Request


def adoptions(decisions: Iterable[Mapping[str, Any] | None]) -> dict[str, date]:
    """Plan id → the earliest date VVG adopted it, from decision records as committed."""
    out: dict[str, date] = {}
    for d in decisions:
        if not isinstance(d, Mapping) or d.get("type") != "adopt-plan" \
                or d.get("body") != "VVG" or d.get("outcome") == "rejected":
            continue
        plan = (d.get("concerns") or {}).get("plan") if isinstance(d.get("concerns"),
                                                                  Mapping) else None
        try:
            day = date.fromisoformat(str(d.get("date")))
        except ValueError:
            continue
        if isinstance(plan, str) and (plan not in out or day < out[plan]):
            out[plan] = day
    return out


def approves(process: Process | None, transition: str | None) -> bool:
    """Does this step approve work within a plan (its transition requires an assignment)?"""
    t = process.transitions.get(transition or "") if process is not None else None
    return t is not None and t.requires.assignment


def unadopted_approvals(req: Request, indexes: Iterable[int], adopted: Mapping[str, date],
                        process: Process | None) -> list[tuple[int, str]]:
    """(entry index, message) for each approval among ``indexes`` made before the plan of
    the request's year was adopted by a recorded VVG decision."""
    plan = f"plan-{req.year}"
    out: list[tuple[int, str]] = []
    for i in indexes:
        entry = req.history[i]
        if not approves(process, entry.transition):
            continue
        day = adopted.get(plan)
        if day is None or day > entry.date:
            when = (_("no VVG decision adopting it was recorded") if day is None
                    else _("VVG adopted it only on {date}").format(date=day))
            out.append((i, _("{id}: {transition!r} on {date} approves work within {plan}, "
                             "which was not adopted then ({when})").format(
                id=req.id, transition=entry.transition, date=entry.date, plan=plan,
                when=when)))
    return out
