"""The records as frozen dataclasses, built only from schema-valid documents.

Because the schema has already vouched for shapes and types, the builders here index dicts
directly; they never guess. Each object keeps a :class:`SourceRef` so that checks and commands
can name the file and line a fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shvo_cli.records.request_model import History as History
from shvo_cli.records.request_model import HistoryEntry as HistoryEntry
from shvo_cli.records.request_model import Request as Request
from shvo_cli.records.request_model import build_request as build_request
from shvo_cli.records.source import SourceRef


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- organisation -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subregion:
    id: str
    name: str
    municipalities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    name: str
    type: str
    parent: str | None
    subregions: tuple[Subregion, ...]
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    email: str
    roles: frozenset[str]
    subregion: str | None
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Organisation:
    bodies: dict[str, Body]
    members: tuple[Member, ...]
    ref: SourceRef

    @property
    def subregions(self) -> dict[str, Subregion]:
        return {s.id: s for b in self.bodies.values() for s in b.subregions}

    def member(self, email: str) -> Member | None:
        """Look a person up by e-mail, case-insensitively (as mail systems compare them)."""
        wanted = email.casefold()
        return next((m for m in self.members if m.email.casefold() == wanted), None)


def build_organisation(data: dict[str, Any], ref: SourceRef) -> Organisation:
    bodies: dict[str, Body] = {}
    for i, b in enumerate(data["bodies"]):
        subs = tuple(Subregion(s["id"], s["name"], tuple(s.get("municipalities", ())))
                     for s in b.get("subregions", ()))
        bodies.setdefault(b["id"], Body(b["id"], b["name"], b["type"], b.get("parent"), subs,
                                        ref.child("bodies", i)))
    members = tuple(
        Member(m["name"], m["email"], frozenset(m["roles"]), m.get("subregion"),
               ref.child("members", i))
        for i, m in enumerate(data["members"])
    )
    return Organisation(bodies, members, ref)


# --- process ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class State:
    id: str
    name: str
    initial: bool
    terminal: bool
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Requirements:
    scope: bool = False
    assignment: bool = False
    subregion: bool = False
    note: bool = False
    outcome: str | None = None
    decisions_all_of: tuple[str, ...] = ()
    decisions_one_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Transition:
    id: str
    name: str | None
    sources: tuple[str, ...]
    to: str
    by: tuple[str, ...]
    scope: str | None
    requires: Requirements
    ref: SourceRef
    quarters: tuple[int, ...] = ()
    consensus: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    quarters: tuple[int, ...]
    body: str
    decision_type: str | None
    after: tuple[str, ...]
    text: str
    ref: SourceRef
    inferred: str | None = None


@dataclass(frozen=True, slots=True)
class Process:
    states: dict[str, State]
    transitions: dict[str, Transition]
    milestones: tuple[Milestone, ...]
    channels: frozenset[str]
    ref: SourceRef

    @property
    def initial(self) -> State | None:
        return next((s for s in self.states.values() if s.initial), None)


def build_process(data: dict[str, Any], ref: SourceRef) -> Process:
    states: dict[str, State] = {}
    for i, s in enumerate(data["states"]):
        states.setdefault(s["id"], State(s["id"], s["name"], bool(s.get("initial")),
                                         bool(s.get("terminal")), ref.child("states", i)))
    transitions: dict[str, Transition] = {}
    for i, t in enumerate(data["transitions"]):
        r = t.get("requires", {})
        d = r.get("decisions", {})
        req = Requirements(bool(r.get("scope")), bool(r.get("assignment")),
                           bool(r.get("subregion")), bool(r.get("note")), r.get("outcome"),
                           tuple(d.get("all_of", ())), tuple(d.get("one_of", ())))
        transitions.setdefault(t["id"], Transition(
            t["id"], t.get("name"), tuple(t["from"]), t["to"], tuple(t["by"]), t.get("scope"),
            req, ref.child("transitions", i), tuple(t.get("quarters", ())),
            tuple(t.get("consensus", ()))))
    milestones = tuple(
        Milestone(m["id"], tuple(m["quarters"]), m["body"], m.get("decision_type"),
                  tuple(m.get("after", ())), m["text"], ref.child("milestones", i),
                  m.get("inferred"))
        for i, m in enumerate(data["milestones"])
    )
    channels = frozenset(c["id"] for c in data.get("channels", ()))
    return Process(states, transitions, milestones, channels, ref)


# --- related systems --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class System:
    id: str
    name: str
    dependency: str
    notify: tuple[str, ...]
    operated_by: tuple[str, ...]
    ref: SourceRef


def build_systems(data: dict[str, Any], ref: SourceRef) -> list[System]:
    return [
        System(s["id"], s["name"], s["dependency"], tuple(s.get("notify", ())),
               tuple(s.get("operated_by", ())), ref.child("systems", i))
        for i, s in enumerate(data["systems"])
    ]


# --- plan -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assignment:
    id: str
    category: str
    text: str
    items: tuple[str, ...]
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    year: int
    title: str
    status: str
    adoption_body: str
    adoption_date: date | None
    adoption_decision: str | None
    assignments: dict[str, Assignment]
    ref: SourceRef


def build_plan(data: dict[str, Any], ref: SourceRef) -> Plan:
    assignments: dict[str, Assignment] = {}
    for i, a in enumerate(data["assignments"]):
        assignments.setdefault(a["id"], Assignment(a["id"], a["category"], a["text"],
                                                   tuple(a.get("items", ())),
                                                   ref.child("assignments", i)))
    adoption = data["adoption"]
    return Plan(data["id"], data["year"], data["title"], data["status"], adoption["body"],
                _date(adoption.get("date")), adoption.get("decision"), assignments, ref)


# --- budget -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FinancingKey:
    id: str
    text: str
    shares: dict[str, int]
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class BudgetLine:
    id: str
    name: str
    amount: int
    key: str | None
    stated: dict[str, int]
    staffing_percent: int | None
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class BudgetAmendment:
    """A change to a decided budget line, citing the SITIV decision that made it."""

    line: str
    amount: int
    decision: str
    date: date
    note: str | None
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Budget:
    id: str
    year: int
    status: str
    parties: tuple[str, ...]
    keys: dict[str, FinancingKey]
    lines: tuple[BudgetLine, ...]
    stated_total: dict[str, int]
    ref: SourceRef
    amendments: tuple[BudgetAmendment, ...] = ()
    population: str | None = None
    decision: str | None = None


def build_budget(data: dict[str, Any], ref: SourceRef) -> Budget:
    keys: dict[str, FinancingKey] = {}
    for i, k in enumerate(data["keys"]):
        keys.setdefault(k["id"], FinancingKey(k["id"], k.get("text", ""), dict(k["shares"]),
                                              ref.child("keys", i)))
    lines = tuple(
        BudgetLine(ln["id"], ln["name"], ln["amount"], ln["key"], dict(ln.get("stated", {})),
                   ln.get("staffing_percent"), ref.child("lines", i))
        for i, ln in enumerate(data["lines"])
    )
    amendments = tuple(
        BudgetAmendment(a["line"], a["amount"], a["decision"], date.fromisoformat(a["date"]),
                        a.get("note"), ref.child("amendments", i))
        for i, a in enumerate(data.get("amendments", ())))
    return Budget(data["id"], data["year"], data["status"], tuple(data["parties"]), keys, lines,
                  dict(data.get("stated_total", {})), ref, amendments, data.get("population"),
                  data.get("decision"))


# --- requests and decisions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    body: str
    date: date
    type: str
    outcome: str | None
    requests: tuple[str, ...]
    reference: str
    example: bool
    ref: SourceRef
    plan: str | None = field(default=None)
    budget: str | None = field(default=None)


def build_decision(data: dict[str, Any], ref: SourceRef) -> Decision:
    concerns = data.get("concerns", {})
    return Decision(data["id"], data["body"], date.fromisoformat(data["date"]), data["type"],
                    data.get("outcome"), tuple(concerns.get("requests", ())), data["reference"],
                    bool(data.get("example")), ref, concerns.get("plan"), concerns.get("budget"))
