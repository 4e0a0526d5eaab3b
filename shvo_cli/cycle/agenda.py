"""The meeting pack for one body (REF, VVG, SITIV, DVS) on a meeting date, as plain data.

Every open request whose next step is that body's (the process record's ``by``), with what
the meeting needs to take a position: title, description, scope, the plan assignment, the
related systems and who must be told, the history in brief, the steps open to the body; the
milestones of the annual cycle due on it; and a decision draft for each, which the secretary
fills in and records after the meeting with ``shvo decision add`` and (for a request) the
step with ``shvo request advance``.

The same records and date always give the same agenda: nothing depends on the clock.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shvo_cli.cycle.status import CycleError, cycle_status, quarter_bounds
from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.model import Request, Transition
from shvo_cli.records.process import open_transitions
from shvo_cli.records.repository import Repository
from shvo_cli.requests.names import name_of, names
from shvo_cli.requests.queues import NOT_WAITING, Waiting, queue, scope_at
from shvo_cli.requests.views import notify_for

BODIES = ("REF", "VVG", "SITIV", "DVS")
"""The bodies that meet and take positions on requests (seed 6.3.1–6.3.2)."""
DECISION_TYPE = {"vvg-approve": "escalated-request", "vvg-reject": "escalated-request",
                 "take-on": "position-new-needs", "not-take-on": "position-new-needs",
                 "include-in-plan": "adopt-plan", "anchor": "anchoring",
                 "refuse-anchoring": "anchoring"}
"""The decision type a step's decision record is suggested to have (an interpretation of
the types in the decision schema; the secretary may choose another)."""
HISTORY_BRIEF = 6
"""How many of the latest history entries the agenda shows per request."""


class AgendaError(ShvoError):
    """An agenda asked for a body that does not meet on requests."""


def check_body(body: str) -> str:
    if body not in BODIES:
        raise AgendaError(_("agenda for {body!r}: not one of {bodies}").format(
            body=body, bodies=", ".join(BODIES)))
    return body


def _history(req: Request, day: date, n: dict[str, dict[str, str]],
             transitions: dict[str, Transition]) -> list[dict[str, str]]:
    shown = [e for e in req.history if e.date <= day][-HISTORY_BRIEF:]
    out = []
    for e in shown:
        t = transitions.get(e.transition or "")
        step = (t.name if t is not None and t.name else
                _("step to {state}").format(state=name_of(n["states"], e.to))
                if e.transition else _("edit") if e.edited else _("registered"))
        out.append({"date": e.date.isoformat(), "step": step, "state": e.to,
                    "state_name": name_of(n["states"], e.to), "by": e.role,
                    "note": e.note or ""})
    return out


def _option(t: Transition, req: Request, body: str, day: date,
            n: dict[str, dict[str, str]]) -> dict[str, Any]:
    """One step the body may take, with the commands that record it after the meeting."""
    decided = body in t.requires.decisions_all_of or body in t.requires.decisions_one_of
    when = f"--date {day.isoformat()}"
    extras = "".join(flag for flag, needed in (
        (" --subregion …", t.requires.subregion), (' --note "…"', t.requires.note),
        (" --assignment …", t.requires.assignment and not req.assignment)) if needed)
    advance = f"shvo request advance {req.id} {t.to} --transition {t.id} --as {body} {when}"
    cmd = [advance + extras]
    if decided:
        kind = DECISION_TYPE.get(t.id, "other")
        outcome = "rejected" if t.to == "rejected" else "approved"
        record = (f"shvo decision add --body {body} --type {kind} --outcome {outcome} "
                  f"--request {req.id}")
        minutes = f'{when} --reference "Protokoll {body} {day.isoformat()}, § …"'
        # One command records the decision and the step citing it, unless the step needs
        # more than the decision (then: the decision, and the step with its id).
        cmd = [f"{record} --step {t.id} --as {body} {minutes}"] if not extras else [
            f"{record} {minutes}", f"{advance} --decision DEC-…{extras}"]
    return {"transition": t.id, "name": t.name or name_of(n["states"], t.to), "to": t.to,
            "to_name": name_of(n["states"], t.to), "needs_decision": decided,
            "commands": cmd}


def _item(repo: Repository, w: Waiting, body: str, day: date,
          n: dict[str, dict[str, str]]) -> dict[str, Any]:
    req = repo.requests[w.id]
    data = req.ref.doc.data or {}
    plan = repo.plans.get(req.year)
    assignment = plan.assignments.get(req.assignment) if plan and req.assignment else None
    process = repo.process
    assert process is not None
    scope = scope_at(req, day)
    steps = [t for t in open_transitions(process, w.state, scope)
             if body in t.by and t.to not in NOT_WAITING]
    return {"id": req.id, "title": req.title,
            "description": str(data.get("description") or ""),
            "state": w.state, "state_name": name_of(n["states"], w.state),
            "since": w.since.isoformat(), "days": w.days, "service_level_days": w.max_days,
            "overdue": w.overdue, "scope": scope, "scope_name": name_of(n["scopes"], scope),
            "category": req.category, "category_name": name_of(n["categories"], req.category),
            "assignment": req.assignment,
            "assignment_text": "" if assignment is None else assignment.text + (
                ": " + "; ".join(assignment.items) if assignment.items else ""),
            "systems": notify_for(repo, req.systems),
            "history": _history(req, day, n, process.transitions),
            "options": [_option(t, req, body, day, n) for t in steps]}


def _milestones(repo: Repository, body: str, day: date,
                n: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    try:
        cycle = cycle_status(repo, day.year, day)
    except CycleError:
        return []
    out = []
    for m in cycle:
        if m.status not in ("due", "overdue") or body not in (m.body, *m.waiting_on):
            continue
        kind = next((x.decision_type for x in repo.process.milestones if x.id == m.id), None) \
            if repo.process else None
        out.append({"id": m.id, "name": name_of(n["milestones"], m.id), "body": m.body,
                    "status": m.status, "text": m.text,
                    "deadline": quarter_bounds(day.year, max(m.quarters))[1].isoformat(),
                    "blocked_by": [name_of(n["milestones"], b) for b in m.blocked_by],
                    "commands": [] if m.body != body or kind is None else [
                        f"shvo decision add --body {body} --type {kind} --date "
                        f'{day.isoformat()} --reference "Protokoll {body} '
                        f'{day.isoformat()}, § …"']})
    return out


def build(repo: Repository, body: str, day: date) -> dict[str, Any]:
    """The agenda of ``body``'s meeting on ``day``."""
    check_body(body)
    if repo.process is None:
        raise AgendaError(_("the process record is missing or invalid: run shvo validate"))
    n = names(repo)
    org = repo.organisation
    body_name = org.bodies[body].name if org is not None and body in org.bodies else body
    items = [_item(repo, w, body, day, n) for w in queue(repo, day, body=body)]
    items.sort(key=lambda i: i["id"])
    return {"title": _("Agenda {body} {date}").format(body=body_name, date=day.isoformat()),
            "body": body, "body_name": body_name, "date": day.isoformat(),
            "items": items, "milestones": _milestones(repo, body, day, n)}
