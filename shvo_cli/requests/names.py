"""What people call the ids of the records: states, scopes, categories, milestones, decision
types, outcomes and systems.

Readers' outputs (the quarterly report, agendas, digests, the public site) never show an id
alone in Swedish: they show the name. States and scopes are named in process.yaml and systems
in systems.yaml (the seed's Swedish, shown as written there in every language); categories,
milestones, decision types and outcomes are named here, in the run's language. An id nothing
names is shown as it is, so a new id in the records never breaks a report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shvo_cli.i18n import N_, _, language
from shvo_cli.records.model import Decision
from shvo_cli.records.repository import Repository

CATEGORIES = {
    "maintenance": N_("Maintenance (4.1)"),
    "sustaining-development": N_("Development needed to keep the service going (4.2)"),
    "new-development": N_("New development (4.3)"),
}
"""The plan's three kinds of assignment (seed 4.1–4.3)."""

MILESTONES = {
    "inventory-needs": N_("Inventory of new needs"),
    "position-new-needs": N_("VVG's position on new needs"),
    "budget-basis": N_("Basis for next year's budget"),
    "decide-budget": N_("SITIV's position on the budget"),
    "adopt-plan": N_("VVG adopts the plan"),
    "final-report": N_("Final report on the year's work"),
    "draft-verksamhetsplan": N_("Preparing the verksamhetsplan"),
    "adopt-verksamhetsplan": N_("SITIV adopts the verksamhetsplan"),
}
"""The annual cycle's milestones (seed 6.3.2), named after the seed's sentences."""

DECISION_TYPES = {
    "adopt-plan": N_("Adoption of the plan"),
    "decide-budget": N_("Decision on the budget"),
    "position-new-needs": N_("Position on new needs"),
    "escalated-request": N_("Decision on an escalated request"),
    "anchoring": N_("Anchoring beyond the plan"),
    "needs-inventory": N_("Inventory of new needs"),
    "budget-basis": N_("Basis for the budget"),
    "final-report": N_("Final report"),
    "draft-verksamhetsplan": N_("Draft verksamhetsplan"),
    "adopt-verksamhetsplan": N_("Adoption of the verksamhetsplan"),
    "other": N_("Other decision"),
}

OUTCOMES = {"approved": N_("approved"), "rejected": N_("rejected"), "noted": N_("noted")}

AREAS = {"in-discharge": N_("in- and discharge"), "sip": N_("coordinated individual plan (SIP)"),
         "outpatient": N_("outpatient care"), "it-service": N_("the IT service"),
         "other": N_("other")}
"""The areas of the collaboration a request concerns (seed 1: in- and discharge, SIP,
outpatient care, and the IT service SAMSA)."""

UNSCOPED = N_("not yet assessed")

ACRONYMS = frozenset({"VVG", "SITIV", "GITS", "KSD", "VGR", "VGK"})
"""Bodies the seed itself calls by their acronym; every other body is shown by its name."""


def names(repo: Repository) -> dict[str, dict[str, str]]:
    """Every id a reader may meet, with its name in the run's language (or the records')."""
    process = repo.process
    states = {s.id: s.name for s in process.states.values()} if process else {}
    scopes: dict[str, str] = {}
    if process is not None:
        raw: Any = (process.ref.doc.data or {}).get("scopes", [])
        scopes = {s["id"]: str(s.get("name") or s["id"]) for s in raw
                  if isinstance(s, dict) and isinstance(s.get("id"), str)}
    scopes["unscoped"] = _(UNSCOPED)
    milestones = {k: _(v) for k, v in MILESTONES.items()}
    if process is not None:
        milestones.update({m.id: m.id for m in process.milestones if m.id not in MILESTONES})
    return {
        "states": states,
        "scopes": scopes,
        "categories": {k: _(v) for k, v in CATEGORIES.items()},
        "milestones": milestones,
        "decision_types": {k: _(v) for k, v in DECISION_TYPES.items()},
        "outcomes": {k: _(v) for k, v in OUTCOMES.items()},
        "systems": {s.id: s.name for s in repo.systems.values()},
        "areas": {k: _(v) for k, v in AREAS.items()},
        "channels": _channels(repo),
        "bodies": _bodies(repo),
    }


def _channels(repo: Repository) -> dict[str, str]:
    raw: Any = (repo.process.ref.doc.data or {}).get("channels", []) if repo.process else []
    return {c["id"]: str(c.get("name") or c["id"]) for c in raw
            if isinstance(c, dict) and isinstance(c.get("id"), str)}


def _bodies(repo: Repository) -> dict[str, str]:
    org = repo.organisation
    if org is None:
        return {}
    return {b.id: b.id if b.id in ACRONYMS else b.name for b in org.bodies.values()}


def name_of(table: dict[str, str], key: str | None) -> str:
    """The name of ``key`` in one of the tables of :func:`names`, else the key itself."""
    if key is None:
        return ""
    return table.get(key, key)


def in_words(repo: Repository) -> Callable[[str, str | None], str | None]:
    """For outputs people read: in Swedish the name of an id (``word("states",
    "in-progress")`` → "Pågående"), elsewhere the id itself, which is also the word the
    commands take. Machine formats (JSON, CSV) never use this: their values stay ids."""
    table = names(repo) if language() == "sv" else None

    def word(kind: str, key: str | None) -> str | None:
        if key is None or table is None:
            return key
        return table[kind].get(key, key)

    return word


def decisions_in_words(repo: Repository, rows: list[Decision]) -> list[Decision]:
    """Decisions as a person reads them in the run's language: type and outcome by name in
    Swedish (for the table; the records and JSON keep the ids)."""
    from dataclasses import replace

    word = in_words(repo)
    return [replace(d, type=word("decision_types", d.type) or d.type,
                    outcome=word("outcomes", d.outcome)) for d in rows]
