"""Requests and decisions against the process, the plan, the organisation and each other.

A request's history is its audit trail inside the file: it must be a chain of legal
transitions, in date order, each made by a body allowed to make it and carrying what the
process requires (a decision by VVG, the subregion that lifted it, a test outcome …),
ending in the state the request says it is in.
"""

from __future__ import annotations

from shvo_cli.county import MUNICIPALITIES
from shvo_cli.findings import Finding
from shvo_cli.model import HistoryEntry, Process, Request, Transition
from shvo_cli.process import role_allows
from shvo_cli.repository import Repository


def _check_requirements(repo: Repository, req: Request, entry: HistoryEntry, t: Transition,
                        ) -> list[Finding]:
    out: list[Finding] = []
    r = t.requires
    here = entry.ref

    def need(field: str, what: str) -> None:
        out.append(here.at("H005", f"{req.id}: transition {t.id!r} requires {what}"))

    if r.scope and entry.scope is None:
        need("scope", "the scope it sets (within-plan, next-year or beyond-plan)")
    if r.assignment and req.assignment is None:
        need("assignment", "the request to name its plan assignment ('assignment')")
    if r.note and entry.note is None:
        need("note", "a note giving the reason")
    if r.subregion and entry.subregion is None:
        need("subregion", "the subregion that lifts the request ('subregion')")
    if r.outcome is not None and entry.outcome != r.outcome:
        need("outcome", f"the acceptance-test outcome '{r.outcome}'"
             + (f" (entry says {entry.outcome!r})" if entry.outcome else ""))
    if entry.subregion is not None and repo.organisation is not None \
            and entry.subregion not in repo.organisation.subregions:
        out.append(here.at("R005", f"{req.id}: unknown subregion {entry.subregion!r} (one of "
                           f"{', '.join(repo.organisation.subregions)})", "subregion"))
    bodies_deciding: set[str] = set()
    for i, dec_id in enumerate(entry.decisions):
        decision = repo.decisions.get(dec_id)
        if decision is None:
            if dec_id not in repo.broken_ids:
                out.append(here.at("R006", f"{req.id}: decision {dec_id} does not exist",
                                   "decisions", i))
            continue
        bodies_deciding.add(decision.body)
        if decision.date > entry.date:
            out.append(here.at("H005", f"{req.id}: cites {dec_id} of {decision.date}, which "
                               f"is after this entry ({entry.date})", "decisions", i))
        wanted = r.decisions_all_of + r.decisions_one_of
        if wanted and decision.body not in wanted:
            out.append(here.at("H009", f"{req.id}: {dec_id} was taken by {decision.body}; "
                               f"transition {t.id!r} needs a decision by "
                               f"{' and '.join(wanted)}", "decisions", i))
    if any(d in repo.broken_ids for d in entry.decisions):
        return out  # a cited decision failed its schema: its body is unknown
    missing = [b for b in r.decisions_all_of if b not in bodies_deciding]
    if missing:
        need("decisions", "a recorded decision by " + " and ".join(missing)
             + " ('decisions: [DEC-…]')")
    if r.decisions_one_of and not bodies_deciding & set(r.decisions_one_of):
        need("decisions", "a recorded decision by " + " or ".join(r.decisions_one_of))
    return out


def _check_actor(repo: Repository, req: Request, entry: HistoryEntry,
                 allowed: tuple[str, ...] | None) -> list[Finding]:
    out: list[Finding] = []
    org = repo.organisation
    if org is None:
        return out
    if entry.role not in org.bodies:
        out.append(entry.ref.at("R004", f"{req.id}: unknown role {entry.role!r}", "by", "role"))
        return out
    if allowed is not None and not role_allows(entry.role, allowed, org):
        out.append(entry.ref.at("H006", f"{req.id}: {entry.role} may not make this "
                                f"transition (allowed: {', '.join(allowed)})", "by", "role"))
    if org.members:
        member = org.member(entry.person)
        if member is None:
            out.append(entry.ref.at("H007", f"{req.id}: {entry.person} is not a member of the "
                                    "organisation", "by", "person"))
        elif entry.role not in member.roles:
            out.append(entry.ref.at("H007", f"{req.id}: {entry.person} does not hold role "
                                    f"{entry.role} (holds {', '.join(sorted(member.roles))})",
                                    "by", "role"))
    return out


def check_history(repo: Repository, req: Request, process: Process) -> list[Finding]:
    """Walk the history as the process engine would have, reporting every departure."""
    out: list[Finding] = []
    initial = process.initial
    if initial is None:
        return out
    first = req.history[0]
    if first.transition is not None or first.to != initial.id:
        out.append(first.ref.at("H001", f"{req.id}: history must start with an entry "
                                f"'to: {initial.id}' without a transition"))
    out += _check_actor(repo, req, first, None)
    state = first.to
    scope = first.scope
    previous = first
    for entry in req.history[1:]:
        if entry.date < previous.date:
            out.append(entry.ref.at("H003", f"{req.id}: entry dated {entry.date} comes after "
                                    f"one dated {previous.date}", "date"))
        previous = entry
        if entry.scope is not None:
            scope = entry.scope
        if entry.transition is None:
            if entry.to != state or (entry.note is None and not entry.edited):
                out.append(entry.ref.at(
                    "H002", f"{req.id}: an entry without a transition must be a note or an "
                    f"edit that stays in state {state!r} ('to: {state}', with 'note' or "
                    "'edited')"))
                state = entry.to
            out += _check_actor(repo, req, entry, None)
            continue
        t = process.transitions.get(entry.transition)
        if t is None:
            out.append(entry.ref.at("H002", f"{req.id}: unknown transition "
                                    f"{entry.transition!r}", "transition"))
            state = entry.to
            continue
        if state not in t.sources:
            out.append(entry.ref.at("H002", f"{req.id}: transition {t.id!r} cannot be made "
                                    f"from state {state!r} (only from "
                                    f"{', '.join(t.sources)})", "transition"))
        if entry.to != t.to:
            out.append(entry.ref.at("H002", f"{req.id}: transition {t.id!r} leads to "
                                    f"{t.to!r}, not {entry.to!r}", "to"))
        if t.scope is not None and scope != t.scope:
            out.append(entry.ref.at("H008", f"{req.id}: transition {t.id!r} is for requests "
                                    f"{t.scope}; this one is {scope or 'not yet scoped'}",
                                    "transition"))
        out += _check_actor(repo, req, entry, t.by)
        out += _check_requirements(repo, req, entry, t)
        state = t.to
    if state != req.state:
        out.append(req.ref.at("H004", f"{req.id}: state is {req.state!r} but the history "
                              f"ends in {state!r}", "state"))
    if req.state not in process.states:
        out.append(req.ref.at("H002", f"{req.id}: unknown state {req.state!r}", "state"))
    if scope != req.scope:
        out.append(req.ref.at("H004", f"{req.id}: scope is {req.scope!r} but the history "
                              f"sets {scope!r}", *(("scope",) if req.scope else ())))
    return out


def _check_request(repo: Repository, req: Request) -> list[Finding]:
    out: list[Finding] = []
    if "systems" not in repo.broken and "systems" in repo.seen_kinds:
        for i, system in enumerate(req.systems):
            if system not in repo.systems:
                out.append(req.ref.at("R003", f"{req.id}: unknown related system {system!r}",
                                      "systems", i))
    for i, code in enumerate(req.municipalities):
        if code not in MUNICIPALITIES:
            out.append(req.ref.at("R012", f"{req.id}: {code} is not a municipality of "
                                  "Västra Götaland", "municipalities", i))
    if req.assignment is not None and "plan" not in repo.broken \
            and req.year not in repo.broken_plan_years:
        plan = repo.plans.get(req.year)
        if plan is None:
            out.append(req.ref.at("R010", f"{req.id}: no plan for {req.year} to find "
                                  f"assignment {req.assignment!r} in", "assignment"))
        elif req.assignment not in plan.assignments:
            out.append(req.ref.at("R002", f"{req.id}: {plan.id} has no assignment "
                                  f"{req.assignment!r}", "assignment"))
        elif plan.assignments[req.assignment].category != req.category:
            out.append(req.ref.at(
                "R008", f"{req.id}: category {req.category!r} but assignment "
                f"{req.assignment!r} is {plan.assignments[req.assignment].category!r}",
                "category"))
    process = repo.process
    if process is not None:
        if process.channels and req.channel not in process.channels:
            out.append(req.ref.at("R011", f"{req.id}: unknown channel {req.channel!r} (one of "
                                  f"{', '.join(sorted(process.channels))})", "channel"))
        if "organisation" not in repo.broken:
            out += check_history(repo, req, process)
    return out


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for req in repo.requests.values():
        out += _check_request(repo, req)
    for decision in repo.decisions.values():
        if repo.organisation is not None and decision.body not in repo.organisation.bodies:
            out.append(decision.ref.at("R004", f"{decision.id}: unknown body "
                                       f"{decision.body!r}", "body"))
        for i, req_id in enumerate(decision.requests):
            if req_id not in repo.requests and req_id not in repo.broken_ids:
                out.append(decision.ref.at("R007", f"{decision.id}: request {req_id} does "
                                           "not exist", "concerns", "requests", i))
    return out
