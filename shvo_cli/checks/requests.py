"""Requests and decisions against the process, the plan, the organisation and each other.

A request's history is its audit trail inside the file: it must be a chain of legal
transitions, in date order, each made by a body allowed to make it and carrying what the
process requires (a decision by VVG, the subregion that lifted it, a test outcome …),
ending in the state the request says it is in.
"""

from __future__ import annotations

from shvo_cli.checks.decisions import check_citations
from shvo_cli.checks.steps import check_note, check_step, check_text, cited_decisions
from shvo_cli.county import MUNICIPALITIES
from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.records.cache import CheckMemo
from shvo_cli.records.model import HistoryEntry, Process, Request, Transition
from shvo_cli.records.process import role_allows
from shvo_cli.records.repository import Repository


def _check_fields(req: Request, entry: HistoryEntry, t: Transition) -> list[Finding]:
    """What the transition requires the entry (or the request) to say."""
    out: list[Finding] = []
    r = t.requires

    def need(text: str, **values: object) -> None:
        out.append(entry.ref.at("H005", text.format(id=req.id, transition=t.id, **values)))

    if r.scope and entry.scope is None:
        need(_("{id}: transition {transition!r} requires the scope it sets (within-plan, "
               "next-year or beyond-plan)"))
    if r.assignment and req.assignment is None:
        need(_("{id}: transition {transition!r} requires the request to name its plan "
               "assignment ('assignment')"))
    if r.note and entry.note is None:
        need(_("{id}: transition {transition!r} requires a note giving the reason"))
    if r.subregion and entry.subregion is None:
        need(_("{id}: transition {transition!r} requires the subregion that lifts the "
               "request ('subregion')"))
    if r.outcome is not None and entry.outcome != r.outcome:
        if entry.outcome:
            need(_("{id}: transition {transition!r} requires the acceptance-test outcome "
                   "'{outcome}' (entry says {given!r})"), outcome=r.outcome,
                 given=entry.outcome)
        else:
            need(_("{id}: transition {transition!r} requires the acceptance-test outcome "
                   "'{outcome}'"), outcome=r.outcome)
    return out


def _check_cited(repo: Repository, req: Request, entry: HistoryEntry, t: Transition,
                 ) -> tuple[list[Finding], set[str]]:
    """Each decision the entry cites exists, predates it and is by a body the transition
    wants; returns the findings and the bodies that decided."""
    out: list[Finding] = []
    bodies_deciding: set[str] = set()
    wanted = t.requires.decisions_all_of + t.requires.decisions_one_of
    for i, dec_id, decision in cited_decisions(repo, req, entry, out):
        bodies_deciding.add(decision.body)
        if decision.date > entry.date:
            out.append(entry.ref.at("H005", _("{id}: cites {decision} of {decision_date}, "
                                              "which is after this entry ({date})").format(
                                    id=req.id, decision=dec_id, decision_date=decision.date,
                                    date=entry.date), "decisions", i))
        if wanted and decision.body not in wanted:
            out.append(entry.ref.at("H009", _("{id}: {decision} was taken by {body}; "
                                              "transition {transition!r} needs a decision by "
                                              "{wanted}").format(
                                    id=req.id, decision=dec_id, body=decision.body,
                                    transition=t.id, wanted=_(" and ").join(wanted)),
                                    "decisions", i))
    return out, bodies_deciding


def _check_decisions(repo: Repository, req: Request, entry: HistoryEntry, t: Transition,
                     ) -> list[Finding]:
    """The cited decisions, and the decisions the transition needs but the entry lacks."""
    r = t.requires
    out, bodies_deciding = _check_cited(repo, req, entry, t)
    if any(d in repo.broken_ids for d in entry.decisions):
        return out  # a cited decision failed its schema: its body is unknown
    missing = [b for b in r.decisions_all_of if b not in bodies_deciding]
    if missing:
        out.append(entry.ref.at("H005", _("{id}: transition {transition!r} requires a "
                                          "recorded decision by {bodies} ('decisions: "
                                          "[DEC-…]')").format(
            id=req.id, transition=t.id, bodies=_(" and ").join(missing))))
    if r.decisions_one_of and not bodies_deciding & set(r.decisions_one_of):
        out.append(entry.ref.at("H005", _("{id}: transition {transition!r} requires a "
                                          "recorded decision by {bodies}").format(
            id=req.id, transition=t.id, bodies=_(" or ").join(r.decisions_one_of))))
    return out


def _check_requirements(repo: Repository, req: Request, entry: HistoryEntry, t: Transition,
                        ) -> list[Finding]:
    out = _check_fields(req, entry, t)
    if entry.subregion is not None and repo.organisation is not None \
            and entry.subregion not in repo.organisation.subregions:
        out.append(entry.ref.at("R005", _("{id}: unknown subregion {subregion!r} (one of "
                                          "{known})").format(
                                id=req.id, subregion=entry.subregion,
                                known=", ".join(repo.organisation.subregions)),
                                "subregion"))
    return out + _check_decisions(repo, req, entry, t)


def _check_actor(repo: Repository, req: Request, entry: HistoryEntry,
                 allowed: tuple[str, ...] | None) -> list[Finding]:
    out: list[Finding] = []
    org = repo.organisation
    if org is None:
        return out
    if entry.role not in org.bodies:
        out.append(entry.ref.at("R004", _("{id}: unknown role {role!r}").format(
            id=req.id, role=entry.role), "by", "role"))
        return out
    if allowed is not None and not role_allows(entry.role, allowed, org):
        out.append(entry.ref.at("H006", _("{id}: {role} may not make this transition "
                                          "(allowed: {allowed})").format(
                                id=req.id, role=entry.role, allowed=", ".join(allowed)),
                                "by", "role"))
    if org.members:
        member = org.member(entry.person)
        if member is None:
            out.append(entry.ref.at("H007", _("{id}: {person} is not a member of the "
                                              "organisation").format(
                                    id=req.id, person=entry.person), "by", "person"))
        elif entry.role not in member.roles:
            out.append(entry.ref.at("H007", _("{id}: {person} does not hold role {role} "
                                              "(holds {roles})").format(
                                    id=req.id, person=entry.person, role=entry.role,
                                    roles=", ".join(sorted(member.roles))), "by", "role"))
    return out


def _check_transition(req: Request, entry: HistoryEntry, t: Transition, state: str,
                      scope: str | None) -> list[Finding]:
    """The entry's transition can be made from the state reached, leads where the entry
    says, and fits the request's scope."""
    out: list[Finding] = []
    if state not in t.sources:
        out.append(entry.ref.at("H002", _("{id}: transition {transition!r} cannot be made "
                                          "from state {state!r} (only from {sources})")
                                .format(id=req.id, transition=t.id, state=state,
                                        sources=", ".join(t.sources)), "transition"))
    if entry.to != t.to:
        out.append(entry.ref.at("H002", _("{id}: transition {transition!r} leads to "
                                          "{to!r}, not {given!r}").format(
                                id=req.id, transition=t.id, to=t.to, given=entry.to),
                                "to"))
    if t.scope is not None and scope != t.scope:
        text = (_("{id}: transition {transition!r} is for requests {scope}; this one is "
                  "{given}") if scope
                else _("{id}: transition {transition!r} is for requests {scope}; this one "
                       "is not yet scoped"))
        out.append(entry.ref.at("H008", text.format(id=req.id, transition=t.id,
                                                    scope=t.scope, given=scope),
                                "transition"))
    return out


def _check_end(req: Request, process: Process, state: str, scope: str | None,
               ) -> list[Finding]:
    """The request's state and scope are where its history leads."""
    out: list[Finding] = []
    if state != req.state:
        out.append(req.ref.at("H004", _("{id}: state is {state!r} but the history ends in "
                                        "{ends!r}").format(id=req.id, state=req.state,
                                                           ends=state), "state"))
    if req.state not in process.states:
        out.append(req.ref.at("H002", _("{id}: unknown state {state!r}").format(
            id=req.id, state=req.state), "state"))
    if scope != req.scope:
        if req.scope is None:
            message = _("{id}: the request names no scope but its history sets {sets!r}; "
                        "add 'scope: {sets}'").format(id=req.id, sets=scope)
        elif scope is None:
            message = _("{id}: scope is {scope!r} but no history entry sets a scope (the "
                        "triage step sets it)").format(id=req.id, scope=req.scope)
        else:
            message = _("{id}: scope is {scope!r} but the history sets {sets!r}").format(
                id=req.id, scope=req.scope, sets=scope)
        out.append(req.ref.at("H004", message, *(("scope",) if req.scope else ())))
    return out


def _check_step(repo: Repository, req: Request, process: Process, entry: HistoryEntry,
                state: str, scope: str | None) -> tuple[list[Finding], str]:
    """One entry after the first, made from ``state``: its findings and the state after it."""
    if entry.transition is None:
        out: list[Finding] = []
        if entry.to != state or (entry.note is None and not entry.edited
                                 and not entry.decisions):
            out.append(entry.ref.at(
                "H002", _("{id}: an entry without a transition must be a note or an edit "
                          "that stays in state {state!r} ('to: {state}', with 'note' or "
                          "'edited')").format(id=req.id, state=state)))
            state = entry.to
        return out + _check_actor(repo, req, entry, None) + check_note(repo, req, entry), state
    t = process.transitions.get(entry.transition)
    if t is None:
        return [entry.ref.at("H002", _("{id}: unknown transition {transition!r}")
                             .format(id=req.id, transition=entry.transition),
                             "transition")], entry.to
    return (_check_transition(req, entry, t, state, scope)
            + _check_actor(repo, req, entry, t.by)
            + _check_requirements(repo, req, entry, t)
            + check_step(repo, req, entry, t)), t.to


def check_history(repo: Repository, req: Request, process: Process) -> list[Finding]:
    """Walk the history as the process engine would have, reporting every departure."""
    out: list[Finding] = []
    initial = process.initial
    if initial is None:
        return out
    first = req.history[0]
    if first.transition is not None or first.to != initial.id:
        out.append(first.ref.at("H001", _("{id}: history must start with an entry "
                                          "'to: {initial}' without a transition").format(
                                id=req.id, initial=initial.id)))
    out += _check_actor(repo, req, first, None)
    state, scope, previous = first.to, first.scope, first
    for entry in req.history[1:]:
        if entry.date < previous.date:
            out.append(entry.ref.at("H003", _("{id}: entry dated {date} comes after one dated "
                                              "{previous}").format(
                                    id=req.id, date=entry.date, previous=previous.date),
                                    "date"))
        previous = entry
        if entry.scope is not None:
            scope = entry.scope
        found, state = _check_step(repo, req, process, entry, state, scope)
        out += found
    return out + _check_end(req, process, state, scope)


def _check_request(repo: Repository, req: Request) -> list[Finding]:
    out: list[Finding] = check_text(req) + check_citations(repo, req)
    if "systems" not in repo.broken and "systems" in repo.seen_kinds:
        for i, system in enumerate(req.systems):
            if system not in repo.systems:
                out.append(req.ref.at("R003", _("{id}: unknown related system {system!r}")
                                      .format(id=req.id, system=system), "systems", i))
    for i, code in enumerate(req.municipalities):
        if code not in MUNICIPALITIES:
            out.append(req.ref.at("R012", _("{id}: {code} is not a municipality of Västra "
                                            "Götaland").format(id=req.id, code=code),
                                  "municipalities", i))
    if req.assignment is not None and "plan" not in repo.broken \
            and req.year not in repo.broken_plan_years:
        plan = repo.plans.get(req.year)
        if plan is None:
            out.append(req.ref.at("R010", _("{id}: no plan for {year} to find assignment "
                                            "{assignment!r} in").format(
                                  id=req.id, year=req.year, assignment=req.assignment),
                                  "assignment"))
        elif req.assignment not in plan.assignments:
            out.append(req.ref.at("R002", _("{id}: {plan} has no assignment {assignment!r}")
                                  .format(id=req.id, plan=plan.id, assignment=req.assignment),
                                  "assignment"))
        elif plan.assignments[req.assignment].category != req.category:
            out.append(req.ref.at(
                "R008", _("{id}: category {category!r} but assignment {assignment!r} is "
                          "{assignment_category!r}").format(
                    id=req.id, category=req.category, assignment=req.assignment,
                    assignment_category=plan.assignments[req.assignment].category),
                "category"))
    process = repo.process
    if process is not None:
        if process.channels and req.channel not in process.channels:
            out.append(req.ref.at("R011", _("{id}: unknown channel {channel!r} (one of "
                                            "{known})").format(
                                  id=req.id, channel=req.channel,
                                  known=", ".join(sorted(process.channels))), "channel"))
        if "organisation" not in repo.broken:
            out += check_history(repo, req, process)
    return out


def _check_requests(repo: Repository, memo: CheckMemo | None) -> list[Finding]:
    """Each request's own checks, taken from ``memo`` for a request whose file and context
    are unchanged since they were made."""
    out: list[Finding] = []
    for req in repo.requests.values():
        file = req.ref.file
        dig = repo.digests.get(str(file)) if memo is not None else None
        if memo is None or dig is None:
            out += _check_request(repo, req)
            req.history.release()
            continue
        kept = memo.lookup(str(file), dig)
        if kept is not None:
            out += [finding(code, file, line, col, msg) for code, line, col, msg in kept]
            continue
        found = _check_request(repo, req)
        req.history.release()
        out += found
        if all(f.file == file for f in found):
            memo.store(str(file), dig, tuple((f.code, f.line, f.column, f.message)
                                             for f in found))
    return out


def check(repo: Repository, memo: CheckMemo | None = None) -> list[Finding]:
    out = _check_requests(repo, memo)
    for decision in repo.decisions.values():
        if repo.organisation is not None and decision.body not in repo.organisation.bodies:
            out.append(decision.ref.at("R004", _("{id}: unknown body {body!r}").format(
                id=decision.id, body=decision.body), "body"))
        for i, req_id in enumerate(decision.requests):
            if req_id not in repo.requests and req_id not in repo.broken_ids:
                out.append(decision.ref.at("R007", _("{id}: request {request} does not exist")
                                           .format(id=decision.id, request=req_id),
                                           "concerns", "requests", i))
    return out
