"""The quarterly report for VVG and SITIV, as plain data.

Its words (title, positions, notes) are in the run's language; keys, ids and state ids are
not.

Everything is computed from the records and the as-of date only: request states are replayed
from their histories up to the as-of date, so a report "as of 30 June" reads the same next
year as it did on 30 June. Renderers (text, markdown, json, html) only lay this data out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.checks.validate import ValidationResult, validate
from shvo_cli.cycle.status import CycleError, check_year, cycle_status, quarter_bounds, quarter_of
from shvo_cli.i18n import _
from shvo_cli.records.model import Request
from shvo_cli.records.repository import Repository
from shvo_cli.requests.views import notify_for

MOVES = ("received", "decided", "escalated", "rejected", "released")


def _state_at(req: Request, day: date) -> str | None:
    """The request's state at the end of ``day`` (None if it did not exist yet)."""
    state = None
    for entry in req.history:
        if entry.date > day:
            break
        state = entry.to
    return state


def _entered_state(req: Request, day: date) -> date:
    """When the request entered the state it is in at ``day``."""
    since = req.history[0].date
    state = None
    for entry in req.history:
        if entry.date > day:
            break
        if entry.to != state:
            since, state = entry.date, entry.to
    return since


def _movement(repos_requests: list[Request], start: date, end: date) -> dict[str, int]:
    counts = dict.fromkeys(MOVES, 0)
    for req in repos_requests:
        for i, e in enumerate(req.history):
            if not start <= e.date <= end:
                continue
            if i == 0:
                counts["received"] += 1
            if e.decisions or e.transition in ("agree", "decline"):
                counts["decided"] += 1
            if e.transition == "escalate":
                counts["escalated"] += 1
            if e.to == "rejected" and e.transition is not None:
                counts["rejected"] += 1
            if e.to == "released" and e.transition is not None:
                counts["released"] += 1
    return counts


def _budget_by_payer(root: Path, year: int) -> dict[str, Any]:
    """VGR and the four kommunalförbund, as ``shvo budget split --by association`` gives."""
    try:
        from shvo_cli.budget.inputs import load_budget_records, population_in_force, select_budget
        from shvo_cli.budget.split import group_amounts, groups, split_budget

        repo = load_budget_records(root)
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


def build(repo: Repository, root: Path, year: int, quarter: int, as_of: date,
          validation: ValidationResult | None = None) -> dict[str, Any]:
    """The report's data for ``year``Q``quarter``, as of ``as_of``. Pass the result of
    validating ``root`` (whose repository can be ``repo``) to avoid reading it twice."""
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
                if r.history[0].date <= period_end]
    states = {r.id: _state_at(r, period_end) or "" for r in existing}
    terminal = {s.id for s in process.states.values() if s.terminal}
    open_reqs = [r for r in existing if states[r.id] not in terminal]

    waiting: list[dict[str, Any]] = []
    for r in open_reqs:
        state = process.states.get(states[r.id])
        if state is None or state.max_days is None:
            continue
        since = _entered_state(r, period_end)
        days = (period_end - since).days
        if days > state.max_days:
            waiting.append({"id": r.id, "title": r.title, "state": state.id,
                            "since": since.isoformat(), "days": days,
                            "max_days": state.max_days})
    waiting.sort(key=lambda w: (-w["days"], w["id"]))

    inventory = []
    for r in existing:
        if r.scope != "next-year" or r.history[0].date.year != year:
            continue
        position = next(((e.transition, e.decisions) for e in r.history
                         if e.transition in ("take-on", "not-take-on")
                         and e.date <= period_end), None)
        inventory.append({
            "id": r.id, "title": r.title, "state": states[r.id],
            "position": None if position is None else
            (_("taken on") if position[0] == "take-on" else _("not taken on")),
            "decisions": list(position[1]) if position else [],
            "to_budget": states[r.id] in ("taken-on", "approved", "in-progress")})

    touched: dict[str, list[str]] = {}
    for r in open_reqs:
        for s in r.systems:
            touched.setdefault(s, []).append(r.id)
    systems = [{**info, "open_requests": touched[info["system"]]}
               for info in notify_for(repo, tuple(sorted(touched)))]

    per_quarter = []
    for q in range(1, quarter_of(period_end) + 1 if period_end.year == year else 5):
        q_end = min(quarter_bounds(year, q)[1], as_of)
        counts = Counter(_state_at(r, q_end) or "" for r in repo.requests.values()
                         if r.history[0].date <= q_end)
        per_quarter.append({"quarter": f"{year}Q{q}",
                            "counts": {k: counts[k] for k in sorted(counts) if k}})

    plan = repo.plans.get(year)
    budget = repo.budgets.get(year)
    result = validation if validation is not None else validate(root)
    record_findings = [
        {"code": f.code, "severity": f.severity.value,
         "file": f.file.relative_to(root).as_posix() if f.file.is_relative_to(root)
         else f.file.name, "line": f.line, "message": f.message}
        for f in result.findings if not f.file.is_relative_to(root / "requests")]
    report = {
        "title": _("Quarterly report SHVO {year} Q{quarter}").format(year=year,
                                                                      quarter=quarter),
        "year": year, "quarter": f"{year}Q{quarter}",
        "period": {"start": start.isoformat(), "end": period_end.isoformat()},
        "as_of": as_of.isoformat(),
        "state_names": {st.id: st.name for st in process.states.values()},
        "plan": None if plan is None else {
            "id": plan.id, "status": plan.status,
            "adopted": plan.adoption_date.isoformat() if plan.adoption_date else None,
            "decision": plan.adoption_decision},
        "budget": None if budget is None else {
            "id": budget.id, "status": budget.status,
            "lines_total": sum(line.amount for line in budget.lines),
            "stated_total": budget.stated_total.get("amount"),
            "decision": budget.ref.doc.data.get("decision")},
        "validation": {"errors": result.errors, "warnings": result.warnings,
                       "findings": record_findings},
        "milestones": [{**asdict(m), "decided_on": m.decided_on.isoformat()
                        if m.decided_on else None, "quarters": list(m.quarters),
                        "waiting_on": list(m.waiting_on), "blocked_by": list(m.blocked_by)}
                       for m in cycle_status(repo, year, as_of)],
        "requests": {
            "total": len(existing), "open": len(open_reqs),
            "by_state": dict(sorted(Counter(states.values()).items())),
            "by_scope": dict(sorted(Counter(r.scope or "unscoped" for r in existing).items())),
            "by_category": dict(sorted(Counter(r.category for r in existing).items())),
            "movement": _movement(existing, start, period_end),
            "waiting_too_long": waiting,
        },
        "inventory": inventory,
        "systems": systems,
        "charts": {"requests_by_state": per_quarter,
                   "budget_by_payer": _budget_by_payer(root, year)},
    }
    from shvo_cli.cycle.drafts import plan_diff_summary

    summary = plan_diff_summary(repo, year, quarter)
    if summary is not None:  # Q3–Q4 with next year's plan drafted
        report["plan_diff"] = summary
    return report
