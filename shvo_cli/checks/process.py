"""The process definition must be a sound state machine before any history is judged by it."""

from __future__ import annotations

from collections import Counter

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.model import Process, Transition
from shvo_cli.records.repository import Repository


def _duplicates(repo: Repository, process: Process) -> list[Finding]:
    out = []
    doc = process.ref.doc.data
    for section, text in (("states", _("state id {id!r} is defined twice")),
                          ("transitions", _("transition id {id!r} is defined twice")),
                          ("milestones", _("milestone id {id!r} is defined twice"))):
        counts = Counter(item["id"] for item in doc.get(section, ()))
        seen: set[str] = set()
        for i, item in enumerate(doc.get(section, ())):
            if counts[item["id"]] > 1 and item["id"] in seen:
                out.append(process.ref.at("F007", text.format(id=item["id"]),
                                          section, i, "id"))
            seen.add(item["id"])
    return out


def _reachable(process: Process, start: str) -> set[str]:
    seen = {start}
    frontier = [start]
    while frontier:
        state = frontier.pop()
        for t in process.transitions.values():
            if state in t.sources and t.to not in seen:
                seen.add(t.to)
                frontier.append(t.to)
    return seen


def _check_transition(t: Transition, process: Process, bodies: set[str] | None,
                      ) -> list[Finding]:
    """A transition joins known states, never leaves a terminal one, and names known
    bodies."""
    out: list[Finding] = []
    for i, source in enumerate(t.sources):
        if source not in process.states:
            out.append(t.ref.at("F003", _("transition {id!r} starts from unknown state "
                                          "{state!r}").format(id=t.id, state=source),
                                "from", i))
        elif process.states[source].terminal:
            out.append(t.ref.at("F002", _("transition {id!r} leaves terminal state "
                                          "{state!r}; terminal states are final").format(
                                id=t.id, state=source), "from", i))
    if t.to not in process.states:
        out.append(t.ref.at("F003", _("transition {id!r} leads to unknown state "
                                      "{state!r}").format(id=t.id, state=t.to), "to"))
    if bodies is None:
        return out
    for i, body in enumerate(t.by):
        if body not in bodies:
            out.append(t.ref.at("F004", _("transition {id!r} may be made by unknown "
                                          "body {body!r}").format(id=t.id, body=body),
                                "by", i))
    for body in (*t.requires.decisions_all_of, *t.requires.decisions_one_of):
        if body not in bodies:
            out.append(t.ref.at("F004", _("transition {id!r} requires a decision by "
                                          "unknown body {body!r}").format(
                                id=t.id, body=body), "requires"))
    for i, body in enumerate(t.consensus):
        if body not in bodies:
            out.append(t.ref.at("F004", _("transition {id!r} names unknown body "
                                          "{body!r} in its consensus").format(
                                id=t.id, body=body), "consensus", i))
    return out


def _check_milestones(process: Process, bodies: set[str] | None) -> list[Finding]:
    """Milestones name known bodies and come after known milestones."""
    out: list[Finding] = []
    if bodies is not None:
        for m in process.milestones:
            if m.body not in bodies:
                out.append(m.ref.at("F004", _("milestone {id!r} names unknown body {body!r}")
                                    .format(id=m.id, body=m.body), "body"))
    milestone_ids = {m.id for m in process.milestones}
    for m in process.milestones:
        for i, after in enumerate(m.after):
            if after not in milestone_ids:
                out.append(m.ref.at("F003", _("milestone {id!r} comes after unknown "
                                              "milestone {after!r}").format(id=m.id,
                                                                            after=after),
                                    "after", i))
    return out


def _check_reachability(process: Process, initial: str | None) -> list[Finding]:
    """Every state can be reached from the initial one, and can reach a terminal one."""
    out: list[Finding] = []
    if initial is not None:
        reachable = _reachable(process, initial)
        for state in process.states.values():
            if state.id not in reachable:
                out.append(state.ref.at("F001", _("state {id!r} cannot be reached from the "
                                                  "initial state {initial!r}").format(
                                        id=state.id, initial=initial), "id"))
    terminals = {s.id for s in process.states.values() if s.terminal}
    for state in process.states.values():
        if not state.terminal and not (_reachable(process, state.id) & terminals):
            out.append(state.ref.at("F006", _("from state {id!r} no terminal state can be "
                                              "reached: requests would be stuck there")
                                    .format(id=state.id), "id"))
    return out


def check_process(process: Process, bodies: set[str] | None) -> list[Finding]:
    """Structural soundness; ``bodies`` is None when the organisation could not be read."""
    out: list[Finding] = []
    initials = [s for s in process.states.values() if s.initial]
    if len(initials) != 1:
        text = (_("{count} initial states ({states}); exactly one must be marked initial")
                if initials else _("0 initial states (none); exactly one must be marked "
                                   "initial"))
        out.append(process.ref.at("F005", text.format(
            count=len(initials), states=", ".join(s.id for s in initials)), "states"))
    for t in process.transitions.values():
        out += _check_transition(t, process, bodies)
    out += _check_milestones(process, bodies)
    return out + _check_reachability(process, initials[0].id if len(initials) == 1 else None)


def check(repo: Repository) -> list[Finding]:
    if repo.process is None:
        return []
    bodies = set(repo.organisation.bodies) if repo.organisation is not None else None
    return _duplicates(repo, repo.process) + check_process(repo.process, bodies)
