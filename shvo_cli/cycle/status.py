"""Where the annual cycle stands (förvaltningsmodellen, seed 6.3.2), as of a given date.

The milestones are data in ``process.yaml``; a milestone is done when a decision of its type,
by its body, dated in the cycle's year and on or before the as-of date exists. Everything is a
function of the records and the as-of date, so the same inputs always give the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.layout import yearly_id
from shvo_cli.records.model import Decision, Milestone
from shvo_cli.records.repository import Repository


class CycleError(ShvoError):
    """An unknown year or quarter, or an as-of date the cycle cannot be judged at."""


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(1)
    return start, end


_QUARTER = re.compile(r"([0-9]{4})Q([1-4])\Z", re.ASCII)


def parse_quarter(raw: str) -> tuple[int, int]:
    m = _QUARTER.match(raw)
    if m is None:
        raise CycleError(_("--quarter {value!r}: write it as YYYYQn, e.g. 2025Q2").format(
            value=raw))
    return int(m.group(1)), int(m.group(2))


@dataclass(frozen=True)
class MilestoneStatus:
    id: str
    body: str
    quarters: tuple[int, ...]
    text: str
    status: str  # done | due | overdue | upcoming
    decision: str | None
    decided_on: date | None
    waiting_on: tuple[str, ...]  # bodies the milestone waits for (itself or prerequisites)
    blocked_by: tuple[str, ...]  # prerequisite milestones not done
    inferred: str | None = None  # why the quarters are a reading, where the plan names none


def _done_by(m: Milestone, year: int, as_of: date, decisions: list[Decision]) -> Decision | None:
    target_plan, target_budget = yearly_id("plan", year + 1), yearly_id("budget", year + 1)
    for d in decisions:
        if d.type != m.decision_type or d.body != m.body or d.date.year != year \
                or d.date > as_of or d.outcome == "rejected":
            continue
        if d.plan is not None and m.decision_type == "adopt-plan" and d.plan != target_plan:
            continue
        if d.budget is not None and m.decision_type == "decide-budget" \
                and d.budget != target_budget:
            continue
        return d
    return None


def check_year(repo: Repository, year: int, as_of: date) -> None:
    if year not in repo.plans:
        if not repo.plans:
            raise CycleError(_("no plan for {year} (plans: none)").format(year=year))
        known = ", ".join(str(y) for y in sorted(repo.plans))
        raise CycleError(_("no plan for {year} (plans: {known})").format(year=year,
                                                                          known=known))
    if as_of < date(year, 1, 1):
        raise CycleError(_("--as-of {date} is before the plan year {year}").format(
            date=as_of, year=year))


def cycle_status(repo: Repository, year: int, as_of: date) -> list[MilestoneStatus]:
    """Each milestone of the year's cycle: done (by which decision), due this quarter,
    overdue, or upcoming, and who it waits on."""
    check_year(repo, year, as_of)
    if repo.process is None:
        raise CycleError(_("the process record is missing or invalid: run shvo validate"))
    decisions = sorted(repo.decisions.values(), key=lambda d: (d.date, d.id))
    done = {m.id: _done_by(m, year, as_of, decisions) for m in repo.process.milestones}
    by_id = {m.id: m for m in repo.process.milestones}
    out = []
    for m in repo.process.milestones:
        d = done[m.id]
        blocked = tuple(a for a in m.after if a in done and done[a] is None)
        if d is not None:
            status = "done"
        else:
            first = quarter_bounds(year, min(m.quarters))[0]
            last = quarter_bounds(year, max(m.quarters))[1]
            status = "overdue" if as_of > last else "due" if as_of >= first else "upcoming"
        waiting = () if d is not None else (
            tuple(dict.fromkeys(by_id[b].body for b in blocked)) or (m.body,))
        out.append(MilestoneStatus(m.id, m.body, m.quarters, m.text, status,
                                   d.id if d else None, d.date if d else None, waiting,
                                   blocked, m.inferred))
    return out
