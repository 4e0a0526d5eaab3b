"""Read-only views of requests for ``request list``, ``request show`` and ``systems``.

Pure data out; the renderers decide how it looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import N_, _, language
from shvo_cli.records.model import Request
from shvo_cli.records.process import open_transitions
from shvo_cli.records.repository import Repository, add_document
from shvo_cli.requests.queues import Waiting, check_municipality, queue
from shvo_cli.yamlio.read import read_file


class Row(NamedTuple):
    """One line of ``request list`` (a tuple: ten thousand are made per listing)."""

    id: str
    state: str
    scope: str | None
    category: str
    title: str
    created: date
    updated: date
    systems: tuple[str, ...]
    example: bool


def row(req: Request) -> Row:
    return Row(req.id, req.state, req.scope, req.category, req.title, req.history.first_date(),
               req.history.last_date(), req.systems, req.example)


def is_open(repo: Repository, req: Request) -> bool:
    state = repo.process.states.get(req.state) if repo.process is not None else None
    return state is None or not state.terminal


def check_filters(repo: Repository, *, state: str | None, category: str | None,
                  scope: str | None, system: str | None) -> None:
    """A filter value that names nothing is a typo, not an empty result."""
    known = {
        "state": set(repo.process.states) if repo.process else None,
        "category": {"maintenance", "sustaining-development", "new-development"},
        "scope": {"within-plan", "next-year", "beyond-plan"},
        "system": set(repo.systems) if repo.systems else None,
    }
    for name, value in (("state", state), ("category", category), ("scope", scope),
                        ("system", system)):
        options = known[name]
        if value is not None and options is not None and value not in options:
            raise ShvoError(_("--{name} {value!r}: not one of {options}").format(
                name=name, value=value, options=", ".join(sorted(options))))


def select(repo: Repository, *, state: str | None = None, category: str | None = None,
           scope: str | None = None, system: str | None = None,
           municipality: str | None = None) -> list[Row]:
    """Requests matching every given filter, oldest first (ties by id)."""
    check_filters(repo, state=state, category=category, scope=scope, system=system)
    if municipality is not None:
        check_municipality(municipality)
    rows = [row(r) for r in repo.requests.values()
            if (state is None or r.state == state)
            and (category is None or r.category == category)
            and (scope is None or r.scope == scope)
            and (system is None or system in r.systems)
            and (municipality is None or municipality in r.municipalities)]
    return sorted(rows, key=lambda r: (r.created, r.id))


@dataclass(frozen=True)
class Detail:
    fields: dict[str, Any]
    history: list[dict[str, Any]]
    open_steps: list[dict[str, Any]]
    notify: list[dict[str, Any]]
    needs: list[list[str]] = field(default_factory=list)
    """What each open step requires, as people read it in the run's language (the
    ``requires`` of ``open_steps`` stay English: they are part of the JSON)."""


REQUIREMENT = {"scope": N_("scope"), "assignment": N_("assignment"),
               "subregion": N_("subregion"), "note": N_("note")}


def notify_for(repo: Repository, systems: tuple[str, ...]) -> list[dict[str, Any]]:
    """Who must be told when a change touches these systems (seed section 7)."""
    out = []
    for sid in systems:
        system = repo.systems.get(sid)
        if system is None:
            continue
        whom = list(system.notify)
        if repo.organisation is not None:
            whom += [repo.organisation.bodies[b].name for b in system.operated_by
                     if b in repo.organisation.bodies]
        out.append({"system": sid, "name": system.name, "tell": whom,
                    "dependency": system.dependency})
    return out


def detail(root: Path, path: Path, request_id: str) -> Detail:
    """All of one request, with the steps open from its state and whom to tell."""
    from shvo_cli.requests.steps import load_context

    doc = read_file(path)
    year = int(request_id[4:8])
    cited = [d for h in ((doc.data or {}).get("history") or []) if isinstance(h, dict)
             for d in (h.get("decisions") or []) if isinstance(d, str)]
    repo = load_context(root, year, cited)
    add_document(repo, doc)
    req = repo.requests.get(request_id)
    if req is None:
        raise ShvoError(_("{file} is not a valid request record: run shvo validate "
                          "{path}").format(file=path.name, path=path))
    data = dict(doc.data)
    history = data.pop("history", [])
    steps = []
    shown: list[list[str]] = []
    if repo.process is not None:
        for t in open_transitions(repo.process, req.state, req.scope):
            needs = [k for k, v in (("scope", t.requires.scope),
                                    ("assignment", t.requires.assignment),
                                    ("subregion", t.requires.subregion),
                                    ("note", t.requires.note)) if v]
            said = [_(REQUIREMENT[k]) for k in needs]
            if t.requires.outcome:
                needs.append(f"outcome {t.requires.outcome}")
                said.append(_("outcome {outcome}").format(outcome=t.requires.outcome))
            if t.consensus:  # 6.3.1: both sides of the consensus are named
                others = [b for b in t.consensus if b not in t.by]
                needs.append("concurrence of " + " and ".join(others))
                said.append(_("concurrence of {bodies} (--with)").format(
                    bodies=f" {_('and')} ".join(others)))
            for bodies, word, conj in ((t.requires.decisions_all_of, "and", _("and")),
                                       (t.requires.decisions_one_of, "or", _("or"))):
                if bodies:
                    needs.append("decision by " + f" {word} ".join(bodies))
                    said.append(_("decision by {bodies}").format(
                        bodies=f" {conj} ".join(bodies)))
            steps.append({"transition": t.id, "to": t.to, "by": list(t.by),
                          "requires": needs})
            shown.append(said)
    return Detail(data, history, steps, notify_for(repo, req.systems), shown)


def touching(repo: Repository, system_id: str) -> list[Row]:
    """Open requests that name a system."""
    return [row(r) for r in sorted(repo.requests.values(), key=lambda r: r.id)
            if system_id in r.systems and is_open(repo, r)]


def work_queue(repo: Repository, day: date, *, bodies: tuple[str, ...] | None = None,
               overdue: bool = False, state: str | None = None, category: str | None = None,
               scope: str | None = None, system: str | None = None,
               municipality: str | None = None) -> list[Waiting]:
    """Open requests as of ``day``, waiting on ``bodies``, overdue only if asked, and
    matching the list filters (``state`` is the state on ``day``); longest waiting first."""
    check_filters(repo, state=state, category=category, scope=scope, system=system)
    if municipality is not None:
        check_municipality(municipality)

    def keep(r: Request) -> bool:
        return ((category is None or r.category == category)
                and (scope is None or r.scope == scope)
                and (system is None or system in r.systems)
                and (municipality is None or municipality in r.municipalities))

    rows = queue(repo, day, bodies=bodies, overdue=overdue, keep=keep)
    return [w for w in rows if state is None or w.state == state]


def rows_in_words(repo: Repository, rows: list[Row]) -> list[Row]:
    """The rows as a person reads them in the run's language (states, scopes and
    categories by name in Swedish); the table format only."""
    from shvo_cli.requests.names import in_words

    word = in_words(repo)
    return [r._replace(state=word("states", r.state) or r.state,
                       scope=word("scopes", r.scope),
                       category=word("categories", r.category) or r.category) for r in rows]


def detail_in_words(repo: Repository, view: Detail, year: int) -> Detail:
    """``request show`` as a person reads it in Swedish: state, scope, category, channel
    and area by name, the assignment in the words of ``year``'s plan (text format only)."""
    from dataclasses import replace

    from shvo_cli.requests.names import in_words

    word = in_words(repo)
    fields = dict(view.fields)
    for key, kind in (("state", "states"), ("scope", "scopes"), ("category", "categories"),
                      ("channel", "channels"), ("area", "areas")):
        if isinstance(fields.get(key), str):
            fields[key] = word(kind, fields[key])
    plan = repo.plans.get(year)
    assignment = plan.assignments.get(str(fields.get("assignment"))) if plan else None
    if assignment is not None and language() == "sv":
        fields["assignment"] = f"{assignment.text} ({assignment.id})"
    return replace(view, fields=fields)
