"""Decisions and the records they govern must tell the same story.

A decision recorded in ``decisions/`` and the request history that cites it are two accounts
of one event; an auditor asking "who decided this?" must get one answer. So: a decision's
listed requests cite it, a cited decision lists the request, outcomes match the step, the
right body takes each kind of decision, and an adopted plan or decided budget points at the
decision that did it.
"""

from __future__ import annotations

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.model import Decision, Process, Request
from shvo_cli.records.repository import Repository

REJECTING_STATES = frozenset({"rejected"})


def deciding_bodies(process: Process | None) -> dict[str, tuple[str, ...]]:
    """Which body takes each decision type, from the process records (milestones), plus
    escalated requests (VVG decides, seed 6.3.1) and anchoring (VVG and SITIV, seed 6.3.2)."""
    out: dict[str, tuple[str, ...]] = {"escalated-request": ("VVG",),
                                       "anchoring": ("VVG", "SITIV")}
    if process is not None:
        for m in process.milestones:
            if m.decision_type:
                out[m.decision_type] = (m.body,)
    return out


def _check_escalated(d: Decision, cited: set[str]) -> list[Finding]:
    """VVG takes a position on a request lifted to it (seed 6.3.1): a record of it without
    the position tells an auditor nothing, and one tied to no request is about nothing."""
    out: list[Finding] = []
    if d.outcome not in {"approved", "rejected"}:
        out.append(d.ref.at("D006", _("{id}: a decision on an escalated request says whether "
                                      "it is approved or rejected (outcome: approved or "
                                      "outcome: rejected)").format(id=d.id), "type"))
    if not d.requests and d.id not in cited:
        out.append(d.ref.at("D007", _("{id}: a decision on an escalated request names no "
                                      "request (concerns: requests: [REQ-…]) and no request "
                                      "cites it").format(id=d.id), "type"))
    return out


def _check_decision(repo: Repository, d: Decision, bodies: dict[str, tuple[str, ...]],
                    cited: set[str]) -> list[Finding]:
    out: list[Finding] = []
    allowed = bodies.get(d.type)
    if allowed is not None and d.body not in allowed:
        out.append(d.ref.at("D004", _("{id}: a {type} decision is taken by {allowed}, not "
                                      "{body}").format(
                            id=d.id, type=d.type, allowed=_(" or ").join(allowed),
                            body=d.body), "body"))
    if d.type == "escalated-request":
        out += _check_escalated(d, cited)
    for i, req_id in enumerate(d.requests):
        req = repo.requests.get(req_id)
        if req is None:
            continue
        if not any(d.id in e.decisions for e in req.history):
            out.append(d.ref.at("D001", _("{id} concerns {request}, but its history does not "
                                          "cite the decision (record the step with --decision "
                                          "{id})").format(id=d.id, request=req_id),
                                "concerns", "requests", i))
    return out


def check_citations(repo: Repository, req: Request) -> list[Finding]:
    """The decisions one request's history cites agree with it (D002, D003). Per request,
    so ``shvo validate`` keeps the findings of an unchanged request in its memo."""
    out: list[Finding] = []
    process = repo.process
    if not any(c in repo.decisions for c in req.history.cited_decisions()):
        return out  # most requests cite no decision: leave their entries unbuilt
    for entry in req.history:
        for i, dec_id in enumerate(entry.decisions):
            d = repo.decisions.get(dec_id)
            if d is None:
                continue
            if d.requests and req.id not in d.requests:
                out.append(entry.ref.at(
                    "D002", _("{id} cites {decision}, which concerns {requests} only")
                    .format(id=req.id, decision=dec_id, requests=", ".join(d.requests)),
                    "decisions", i))
            t = process.transitions.get(entry.transition or "") if process else None
            if t is None or d.outcome is None:
                continue
            rejects = t.to in REJECTING_STATES
            if (d.outcome == "approved" and rejects) or (d.outcome == "rejected"
                                                         and not rejects):
                text = (_("{id}: step {step!r} (rejects) cites {decision}, whose outcome "
                          "is {outcome}") if rejects
                        else _("{id}: step {step!r} (goes ahead) cites {decision}, whose "
                               "outcome is {outcome}"))
                out.append(entry.ref.at(
                    "D003", text.format(id=req.id, step=t.id, decision=dec_id,
                                        outcome=d.outcome), "decisions", i))
    return out


def _check_adoptions(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for plan in repo.plans.values():
        dec_id = plan.adoption_decision
        d = repo.decisions.get(dec_id) if dec_id else None
        if d is None:
            continue
        if d.type != "adopt-plan" or (d.plan is not None and d.plan != plan.id):
            text = (_("{id} names {decision} as its adoption, but that is a {type} decision "
                      "about {about}") if d.plan
                    else _("{id} names {decision} as its adoption, but that is a {type} "
                           "decision"))
            out.append(plan.ref.at("D005", text.format(id=plan.id, decision=d.id, type=d.type,
                                                       about=d.plan),
                                   "adoption", "decision"))
        elif plan.adoption_date is not None and plan.adoption_date != d.date:
            out.append(plan.ref.at("D005", _("{id} says adopted {date}, {decision} is dated "
                                             "{decision_date}").format(
                                   id=plan.id, date=plan.adoption_date, decision=d.id,
                                   decision_date=d.date), "adoption", "date"))
    for budget in repo.budgets.values():
        raw = budget.ref.doc.data.get("decision")
        if budget.status == "decided" and raw is None:
            out.append(budget.ref.at("D005", _("{id} is decided but names no decision "
                                               "('decision: DEC-…')").format(id=budget.id),
                                     "status"))
        d = repo.decisions.get(raw) if isinstance(raw, str) else None
        if isinstance(raw, str) and d is None and raw not in repo.broken_ids:
            out.append(budget.ref.at("R006", _("{id}: decision {decision} does not exist")
                                     .format(id=budget.id, decision=raw), "decision"))
        if d is not None and (d.type != "decide-budget" or (d.budget is not None
                                                            and d.budget != budget.id)):
            text = (_("{id} names {decision}, a {type} decision about {about}") if d.budget
                    else _("{id} names {decision}, a {type} decision"))
            out.append(budget.ref.at("D005", text.format(id=budget.id, decision=d.id,
                                                         type=d.type, about=d.budget),
                                     "decision"))
    return out


def check(repo: Repository) -> list[Finding]:
    bodies = deciding_bodies(repo.process)
    out: list[Finding] = []
    cited: set[str] = set()
    if any(d.type == "escalated-request" and not d.requests for d in repo.decisions.values()):
        cited = {c for r in repo.requests.values() for c in r.history.cited_decisions()}
    for d in repo.decisions.values():
        out += _check_decision(repo, d, bodies, cited)
    out += _check_adoptions(repo)
    return out
