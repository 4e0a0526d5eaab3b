"""The quarterly report for VVG and SITIV, as plain data.

It leads with what happened and what needs the readers: the decisions of the quarter, the
requests decided, released, rejected and escalated in it (each by title), what awaits VVG
and SITIV now, the cycle with its deadlines as dates. Counts, charts and the validation
findings (an appendix) follow.

Its words (title, positions, names of ids) are in the run's language; keys and ids are not.
``names`` carries the name of every id the report holds, so no renderer shows an id alone.

Everything is computed from the records and the as-of date only: request states are replayed
from their histories up to the as-of date, so a report "as of 30 June" reads the same next
year as it did on 30 June. Renderers (text, markdown, json, html) only lay this data out.

The report is a list of sections (``SECTIONS``): each is a small function of a
:class:`ReportContext` returning the data under its key. A new section is one more function
and one more line in the list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.checks.validate import ValidationResult, validate
from shvo_cli.cycle.status import CycleError, check_year, cycle_status, quarter_bounds, quarter_of
from shvo_cli.i18n import _
from shvo_cli.incidents.summary import report_section as outage_summary
from shvo_cli.records import layout
from shvo_cli.records.model import Request
from shvo_cli.records.repository import Repository
from shvo_cli.requests.names import name_of, names
from shvo_cli.requests.queues import Waiting, queue, state_at
from shvo_cli.requests.views import notify_for

MOVES = ("received", "decided", "escalated", "rejected", "released")
READERS = ("VVG", "SITIV")
"""The bodies the report is written for; "what awaits" is shown for each."""


@dataclass(frozen=True)
class ReportContext:
    """What every section may read: the records, the period and the requests in it."""

    repo: Repository
    root: Path
    year: int
    quarter: int
    start: date
    end: date  # the period's last day: the quarter's end or the as-of date, the earlier
    as_of: date
    existing: list[Request]  # requests received by ``end``, by id
    states: dict[str, str]  # request id -> state at ``end``
    open: list[Request]
    validation: ValidationResult
    names: dict[str, dict[str, str]]
    memo: dict[str, Any] = field(default_factory=dict)
    """Results sections share (the open requests' queue, the quarter's moves), made once."""

    def waiting(self) -> list[Waiting]:
        """Every open request at the period's end with whom it waits on, longest first."""
        if "waiting" not in self.memo:
            self.memo["waiting"] = queue(self.repo, self.end)
        return list(self.memo["waiting"])


def _context(repo: Repository, root: Path, year: int, quarter: int, as_of: date,
             validation: ValidationResult | None) -> ReportContext:
    check_year(repo, year, as_of)
    start, end = quarter_bounds(year, quarter)
    if start > as_of:
        raise CycleError(_("{quarter} starts after --as-of {date}").format(
            quarter=f"{year}Q{quarter}", date=as_of))
    period_end = min(end, as_of)
    process = repo.process
    if process is None:
        raise CycleError(_("the process record is missing or invalid: run shvo validate"))
    existing = [r for r in sorted(repo.requests.values(), key=lambda r: r.id)
                if r.history.first_date() <= period_end]
    states = {r.id: state_at(r, period_end) or "" for r in existing}
    terminal = {s.id for s in process.states.values() if s.terminal}
    return ReportContext(repo, root, year, quarter, start, period_end, as_of, existing, states,
                         [r for r in existing if states[r.id] not in terminal],
                         validation if validation is not None else validate(root), names(repo))


def _titles(ctx: ReportContext, ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"id": i, "title": ctx.repo.requests[i].title if i in ctx.repo.requests else ""}
            for i in ids]


def decisions_section(ctx: ReportContext) -> list[dict[str, Any]]:
    """The decisions taken in the quarter: body, date, what, and the minute reference."""
    n = ctx.names
    out = []
    for d in sorted(ctx.repo.decisions.values(), key=lambda d: (d.date, d.id)):
        if not ctx.start <= d.date <= ctx.end:
            continue
        summary = (d.ref.doc.data or {}).get("summary")
        out.append({"id": d.id, "body": d.body, "date": d.date.isoformat(), "type": d.type,
                    "what": name_of(n["decision_types"], d.type),
                    "outcome": d.outcome, "outcome_name": name_of(n["outcomes"], d.outcome),
                    "reference": d.reference,
                    "summary": summary if isinstance(summary, str) else None,
                    "requests": _titles(ctx, d.requests), "plan": d.plan, "budget": d.budget})
    return out


def _moves_of(req: Request, start: date, end: date) -> dict[str, date]:
    """The first day in the period each kind of move happened to ``req``."""
    seen: dict[str, date] = {}
    for i, e in enumerate(req.history):
        if not start <= e.date <= end:
            continue
        kinds = [k for k, hit in (
            ("received", i == 0),
            ("decided", bool(e.decisions) or e.transition in ("agree", "decline")),
            ("escalated", e.transition == "escalate"),
            ("rejected", e.to == "rejected" and e.transition is not None),
            ("released", e.to == "released" and e.transition is not None)) if hit]
        for k in kinds:
            seen.setdefault(k, e.date)
    return seen


def moved_section(ctx: ReportContext) -> dict[str, list[dict[str, str]]]:
    """The requests received, decided, escalated, rejected and released in the quarter."""
    if "moved" in ctx.memo:
        return dict(ctx.memo["moved"])
    out: dict[str, list[dict[str, str]]] = {k: [] for k in MOVES}
    for req in ctx.existing:
        if not req.history.any_between(ctx.start, ctx.end):
            continue  # most requests did not move this quarter: leave their entries unbuilt
        for kind, day in _moves_of(req, ctx.start, ctx.end).items():
            out[kind].append({"id": req.id, "title": req.title, "date": day.isoformat(),
                              "state": ctx.states[req.id]})
    for rows in out.values():
        rows.sort(key=lambda r: (r["date"], r["id"]))
    ctx.memo["moved"] = out
    return dict(out)


def _waiting_row(w: Waiting) -> dict[str, Any]:
    return {"id": w.id, "title": w.title, "state": w.state, "since": w.since.isoformat(),
            "days": w.days, "service_level_days": w.max_days, "overdue": w.overdue,
            "waiting_on": list(w.waiting_on)}


def milestones_section(ctx: ReportContext) -> list[dict[str, Any]]:
    """The year's cycle, each milestone with its window and deadline as dates."""
    out = []
    for m in cycle_status(ctx.repo, ctx.year, ctx.as_of):
        out.append({"id": m.id, "body": m.body,
                    "quarters": list(m.quarters),
                    "from": quarter_bounds(ctx.year, min(m.quarters))[0].isoformat(),
                    "deadline": quarter_bounds(ctx.year, max(m.quarters))[1].isoformat(),
                    "status": m.status, "decision": m.decision,
                    "decided_on": m.decided_on.isoformat() if m.decided_on else None,
                    "waiting_on": list(m.waiting_on), "blocked_by": list(m.blocked_by),
                    "text": m.text, "inferred": m.inferred})
    return out


def awaiting_section(ctx: ReportContext) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """What waits on VVG and on SITIV at the period's end: requests whose next step is
    theirs, and milestones of the cycle due or overdue that wait on them."""
    cycle = milestones_section(ctx)
    out = {}
    for body in READERS:
        out[body] = {
            "requests": [_waiting_row(w) for w in ctx.waiting() if body in w.waiting_on],
            "milestones": [{"id": m["id"], "deadline": m["deadline"],
                            "status": m["status"]} for m in cycle
                           if m["status"] in ("due", "overdue") and body in m["waiting_on"]]}
    return out


def plan_section(ctx: ReportContext) -> dict[str, Any] | None:
    plan = ctx.repo.plans.get(ctx.year)
    return None if plan is None else {
        "id": plan.id, "status": plan.status,
        "adopted": plan.adoption_date.isoformat() if plan.adoption_date else None,
        "decision": plan.adoption_decision}


def budget_section(ctx: ReportContext) -> dict[str, Any] | None:
    budget = ctx.repo.budgets.get(ctx.year)
    return None if budget is None else {
        "id": budget.id, "status": budget.status,
        "lines_total": sum(line.amount for line in budget.lines),
        "stated_total": budget.stated_total.get("amount"),
        "decision": budget.ref.doc.data.get("decision")}


def requests_section(ctx: ReportContext) -> dict[str, Any]:
    """Counts: by state, scope and category, the quarter's movement, who waits too long."""
    moved = moved_section(ctx)
    return {
        "total": len(ctx.existing), "open": len(ctx.open),
        "by_state": dict(sorted(Counter(ctx.states.values()).items())),
        "by_scope": dict(sorted(Counter(r.scope or "unscoped" for r in ctx.existing).items())),
        "by_category": dict(sorted(Counter(r.category for r in ctx.existing).items())),
        "movement": {k: len(v) for k, v in moved.items()},
        "waiting_too_long": [_waiting_row(w) for w in ctx.waiting() if w.overdue],
        "service_levels": _service_levels(ctx.repo),
    }


def _service_levels(repo: Repository) -> dict[str, str] | None:
    """Who set GITS's service levels and when (a local setting, not the plan's rule)."""
    levels = repo.service_levels
    return None if levels is None else {"set_by": levels.set_by,
                                        "set_on": levels.set_on.isoformat(),
                                        "reference": levels.reference}


def plan_diff_section(ctx: ReportContext) -> dict[str, object] | None:
    """In Q3–Q4 with next year's plan drafted: what it changes, in counts."""
    from shvo_cli.cycle.drafts import plan_diff_summary

    return plan_diff_summary(ctx.repo, ctx.year, ctx.quarter)


def outcome_section(ctx: ReportContext) -> dict[str, Any] | None:
    """Budget against outcome (utfall), where an outcome of the year has been imported and
    reaches no further than the period: per line budget, outcome to date, share used, the
    forecast at the current pace and whether it deviates above the threshold."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.finance.outcome import compare

    try:
        c = compare(ctx.root, ctx.year)
    except ShvoError:  # no outcome imported for the year (or no budget): no section
        return None
    if c.through > ctx.end.isoformat()[:7]:
        return None
    return {"through": c.through, "months": c.months, "threshold_percent": c.threshold,
            "lines": [{"id": x.id, "name": x.name, "budget": x.budget, "outcome": x.outcome,
                       "used_tenths": x.used_tenths(), "forecast": x.forecast,
                       "deviation": x.deviation, "flagged": c.flagged(x)} for x in c.lines]}


def outages_section(ctx: ReportContext) -> dict[str, Any]:
    """Outages (driftstopp, seed 6.4) started in the period, and those still open."""
    return outage_summary(ctx.repo, ctx.start, ctx.end)


def inventory_section(ctx: ReportContext) -> list[dict[str, Any]]:
    """Needs inventoried for the coming year and VVG's position on each."""
    out = []
    for r in ctx.existing:
        if r.scope != "next-year" or r.history.first_date().year != ctx.year:
            continue
        position = next(((e.transition, e.decisions) for e in r.history
                         if e.transition in ("take-on", "not-take-on")
                         and e.date <= ctx.end), None)
        out.append({
            "id": r.id, "title": r.title, "state": ctx.states[r.id],
            "position": None if position is None else
            (_("taken on") if position[0] == "take-on" else _("not taken on")),
            "decisions": list(position[1]) if position else [],
            "to_budget": ctx.states[r.id] in ("taken-on", "approved", "in-progress")})
    return out


def systems_section(ctx: ReportContext) -> list[dict[str, Any]]:
    """Related systems touched by open requests, and whom to tell (seed section 7)."""
    touched: dict[str, list[str]] = {}
    for r in ctx.open:
        for s in r.systems:
            touched.setdefault(s, []).append(r.id)
    return [{**info, "open_requests": touched[info["system"]]}
            for info in notify_for(ctx.repo, tuple(sorted(touched)))]


def _budget_by_payer(repo: Repository, year: int) -> dict[str, Any]:
    """VGR and the four kommunalförbund, as ``shvo budget split --by association`` gives
    (from the repository already read: reading the budget files again would re-list every
    request file)."""
    try:
        from shvo_cli.budget.inputs import population_in_force, select_budget
        from shvo_cli.budget.split import group_amounts, groups, split_budget

        budget = select_budget(repo, year)
        split = split_budget(budget, population_in_force(repo, year))
        grouped = groups(split, "association")
        amounts = group_amounts(split, grouped)
        totals = [sum(row[i] for row in amounts) for i in range(len(grouped))]
        return {"payers": [{"id": g.id, "name": g.name, "amount": t}
                           for g, t in zip(grouped, totals, strict=True)],
                "total": sum(totals), "note": None}
    except Exception as exc:
        return {"payers": [], "total": 0,
                "note": _("budget split unavailable: {error}").format(error=exc)}


def charts_section(ctx: ReportContext) -> dict[str, Any]:
    """Requests by state at the end of each quarter so far, and the budget by payer."""
    per_quarter = []
    last = quarter_of(ctx.end) if ctx.end.year == ctx.year else 4
    for q in range(1, last + 1):
        q_end = min(quarter_bounds(ctx.year, q)[1], ctx.as_of)
        counts = Counter(state_at(r, q_end) or "" for r in ctx.repo.requests.values()
                         if r.history.first_date() <= q_end)
        per_quarter.append({"quarter": f"{ctx.year}Q{q}",
                            "counts": {k: counts[k] for k in sorted(counts) if k}})
    return {"requests_by_state": per_quarter,
            "budget_by_payer": _budget_by_payer(ctx.repo, ctx.year)}


def validation_section(ctx: ReportContext) -> dict[str, Any]:
    """The findings in the records (requests excepted: they have their own checks)."""
    root, result = ctx.root, ctx.validation
    findings = [
        {"code": f.code, "severity": f.severity.value,
         "file": f.file.relative_to(root).as_posix() if f.file.is_relative_to(root)
         else f.file.name, "line": f.line, "message": f.message}
        for f in result.findings if not f.file.is_relative_to(layout.folder(root, "request"))]
    return {"errors": result.errors, "warnings": result.warnings, "findings": findings}


Section = Callable[[ReportContext], Any]
SECTIONS: list[tuple[str, Section]] = [
    ("decisions", decisions_section),
    ("moved", moved_section),
    ("awaiting", awaiting_section),
    ("milestones", milestones_section),
    ("plan", plan_section),
    ("budget", budget_section),
    ("requests", requests_section),
    ("inventory", inventory_section),
    ("systems", systems_section),
    ("outages", outages_section),
    ("plan_diff", plan_diff_section),
    ("outcome", outcome_section),
    ("charts", charts_section),
    ("validation", validation_section),
]
"""The report's sections, in the order the data carries them (renderers choose the order
they are read in)."""


def build(repo: Repository, root: Path, year: int, quarter: int, as_of: date,
          validation: ValidationResult | None = None) -> dict[str, Any]:
    """The report's data for ``year``Q``quarter``, as of ``as_of``. Pass the result of
    validating ``root`` (whose repository can be ``repo``) to avoid reading it twice."""
    ctx = _context(repo, root, year, quarter, as_of, validation)
    data: dict[str, Any] = {
        "title": _("Quarterly report SHVO {year} Q{quarter}").format(year=year,
                                                                      quarter=quarter),
        "year": year, "quarter": f"{year}Q{quarter}",
        "period": {"start": ctx.start.isoformat(), "end": ctx.end.isoformat()},
        "as_of": as_of.isoformat(),
        "names": ctx.names,
        "state_names": ctx.names["states"],
    }
    for key, section in SECTIONS:
        data[key] = section(ctx)
    return data
