"""The process definition must be a sound state machine before any history is judged by it."""

from __future__ import annotations

from collections import Counter

from shvo_cli.findings import Finding
from shvo_cli.model import Process
from shvo_cli.repository import Repository


def _duplicates(repo: Repository, process: Process) -> list[Finding]:
    out = []
    doc = process.ref.doc.data
    for section, what in (("states", "state"), ("transitions", "transition"),
                          ("milestones", "milestone")):
        counts = Counter(item["id"] for item in doc.get(section, ()))
        seen: set[str] = set()
        for i, item in enumerate(doc.get(section, ())):
            if counts[item["id"]] > 1 and item["id"] in seen:
                out.append(process.ref.at("F007", f"{what} id {item['id']!r} is defined twice",
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


def check_process(process: Process, bodies: set[str] | None) -> list[Finding]:
    """Structural soundness; ``bodies`` is None when the organisation could not be read."""
    out: list[Finding] = []
    initials = [s for s in process.states.values() if s.initial]
    if len(initials) != 1:
        out.append(process.ref.at("F005", f"{len(initials)} initial states "
                                  f"({', '.join(s.id for s in initials) or 'none'}); "
                                  "exactly one must be marked initial", "states"))
    for t in process.transitions.values():
        for i, source in enumerate(t.sources):
            if source not in process.states:
                out.append(t.ref.at("F003", f"transition {t.id!r} starts from unknown state "
                                    f"{source!r}", "from", i))
            elif process.states[source].terminal:
                out.append(t.ref.at("F002", f"transition {t.id!r} leaves terminal state "
                                    f"{source!r}; terminal states are final", "from", i))
        if t.to not in process.states:
            out.append(t.ref.at("F003", f"transition {t.id!r} leads to unknown state "
                                f"{t.to!r}", "to"))
        if bodies is not None:
            for i, body in enumerate(t.by):
                if body not in bodies:
                    out.append(t.ref.at("F004", f"transition {t.id!r} may be made by unknown "
                                        f"body {body!r}", "by", i))
            for body in (*t.requires.decisions_all_of, *t.requires.decisions_one_of):
                if body not in bodies:
                    out.append(t.ref.at("F004", f"transition {t.id!r} requires a decision by "
                                        f"unknown body {body!r}", "requires"))
    if bodies is not None:
        for m in process.milestones:
            if m.body not in bodies:
                out.append(m.ref.at("F004", f"milestone {m.id!r} names unknown body "
                                    f"{m.body!r}", "body"))
    milestone_ids = {m.id for m in process.milestones}
    for m in process.milestones:
        for i, after in enumerate(m.after):
            if after not in milestone_ids:
                out.append(m.ref.at("F003", f"milestone {m.id!r} comes after unknown "
                                    f"milestone {after!r}", "after", i))
    if len(initials) == 1:
        reachable = _reachable(process, initials[0].id)
        for state in process.states.values():
            if state.id not in reachable:
                out.append(state.ref.at("F001", f"state {state.id!r} cannot be reached from "
                                        f"the initial state {initials[0].id!r}", "id"))
    terminals = {s.id for s in process.states.values() if s.terminal}
    for state in process.states.values():
        if not state.terminal and not (_reachable(process, state.id) & terminals):
            out.append(state.ref.at("F006", f"from state {state.id!r} no terminal state can "
                                    "be reached: requests would be stuck there", "id"))
    return out


def check(repo: Repository) -> list[Finding]:
    if repo.process is None:
        return []
    bodies = set(repo.organisation.bodies) if repo.organisation is not None else None
    return _duplicates(repo, repo.process) + check_process(repo.process, bodies)
