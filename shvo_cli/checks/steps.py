"""Rules on single history steps that a changing command also enforces at input.

``request decide``/``advance`` refuse work within a draft plan, a consensus step without the
other side, and a DVS representative lifting a request for another subregion; a hand-written
file or a merge can reach the same state without the command, so ``validate`` (and, through
``check_history``, ``audit``) reports it here. A step the seed ties to quarters (6.3.2) and
dated outside them is a warning: the date may be right and the meeting late.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.change import MULTILINE
from shvo_cli.records.model import Decision, HistoryEntry, Request, Transition
from shvo_cli.records.repository import Repository
from shvo_cli.text import first_hidden


def quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def approves_work(t: Transition) -> bool:
    """A step that approves work within a plan: the process requires its assignment."""
    return t.requires.assignment


def check_plan_adopted(repo: Repository, req: Request, entry: HistoryEntry,
                       t: Transition) -> list[Finding]:
    """Approval needs the plan adopted by that date (seed 1, 6.3.2: VVG fastställer)."""
    plan = repo.plans.get(req.year)
    if not approves_work(t) or plan is None:
        return []  # a missing plan is R010's finding
    if plan.status == "adopted" and plan.adoption_date is not None \
            and plan.adoption_date <= entry.date:
        return []
    when = (_("adopted only on {date}").format(date=plan.adoption_date)
            if plan.status == "adopted" and plan.adoption_date else _("a {status}").format(
                status=plan.status))
    return [entry.ref.at("H010", _("{id}: {transition!r} on {date} approves work within "
                                   "{plan}, which was not adopted then ({when}); VVG adopts "
                                   "the plan first").format(
        id=req.id, transition=t.id, date=entry.date, plan=plan.id, when=when), "transition")]


def check_consensus(repo: Repository, req: Request, entry: HistoryEntry,
                    t: Transition) -> list[Finding]:
    """6.3.1: GITS together with the reference group take the position; both sides named."""
    if not t.consensus or entry.role not in t.consensus or entry.role not in t.by:
        return []  # a role outside the consensus is H006's finding
    others = [b for b in t.consensus if b != entry.role]
    conc = entry.concurrence
    if conc is None:
        return [entry.ref.at("H011", _("{id}: {transition!r} is a consensus of {bodies}; the "
                                       "entry names no concurrence by {others} "
                                       "('concurrence: {{person: …, role: …}}')").format(
            id=req.id, transition=t.id, bodies=_(" and ").join(t.consensus),
            others=_(" and ").join(others)))]
    person, role = conc
    if role not in others:
        return [entry.ref.at("H011", _("{id}: {transition!r} needs the concurrence of "
                                       "{others}, not {role}").format(
            id=req.id, transition=t.id, others=_(" and ").join(others), role=role),
            "concurrence", "role")]
    org = repo.organisation
    member = org.member(person) if org is not None and org.members else None
    if org is not None and org.members and (member is None or role not in member.roles):
        return [entry.ref.at("H007", _("{id}: {person} does not hold role {role} (named as "
                                       "concurring)").format(id=req.id, person=person,
                                                              role=role),
                             "concurrence", "person")]
    return []


def check_own_subregion(repo: Repository, req: Request, entry: HistoryEntry) -> list[Finding]:
    """A DVS representative lifts a request for the subregion they represent."""
    org = repo.organisation
    if entry.subregion is None or org is None or not org.members \
            or entry.subregion not in org.subregions:
        return []  # an unknown subregion is R005's finding
    member = org.member(entry.person)
    if member is None or member.subregion is None or member.subregion == entry.subregion:
        return []
    return [entry.ref.at("H012", _("{id}: {person} represents {own}, but the entry lifts the "
                                   "request for {given}").format(
        id=req.id, person=entry.person, own=member.subregion, given=entry.subregion),
        "subregion")]


def check_quarter(req: Request, entry: HistoryEntry, t: Transition) -> list[Finding]:
    if not t.quarters or quarter(entry.date) in t.quarters:
        return []
    return [entry.ref.at("H013", _("{id}: {transition!r} is dated {date} (quarter {q}); the "
                                   "plan ties it to quarter {quarters}").format(
        id=req.id, transition=t.id, date=entry.date, q=quarter(entry.date),
        quarters="–".join(str(q) for q in (t.quarters[0], t.quarters[-1]))
        if len(t.quarters) > 1 else str(t.quarters[0])), "date")]


def cited_decisions(repo: Repository, req: Request, entry: HistoryEntry,
                    out: list[Finding]) -> Iterator[tuple[int, str, Decision]]:
    """The decisions ``entry`` cites, with their positions, as the caller checks them; one
    that does not exist is R006 in ``out`` at its place (one in a record that could not be
    read has that record's finding already), so steps and notes report it alike."""
    for i, dec_id in enumerate(entry.decisions):
        decision = repo.decisions.get(dec_id)
        if decision is not None:
            yield i, dec_id, decision
        elif dec_id not in repo.broken_ids:
            out.append(entry.ref.at("R006", _("{id}: decision {decision} does not exist")
                                    .format(id=req.id, decision=dec_id), "decisions", i))


def check_note(repo: Repository, req: Request, entry: HistoryEntry) -> list[Finding]:
    """A note may cite a decision taken after the step it concerns (D001 then clears), but
    not one dated after the note itself, nor one that does not exist."""
    out: list[Finding] = []
    for i, dec_id, d in cited_decisions(repo, req, entry, out):
        if d.date > entry.date:
            out.append(entry.ref.at("H014", _("{id}: the note of {date} cites {decision} of "
                                              "{decision_date}, which is after it").format(
                id=req.id, date=entry.date, decision=dec_id, decision_date=d.date),
                "decisions", i))
    return out


def check_text(req: Request) -> list[Finding]:
    """Text a command refuses at input is reported on a hand-written file too: a line break
    or tab in a one-line field here (control characters, bidirectional overrides and the
    like are Y014, found in every record when it is read)."""
    out: list[Finding] = []
    data = req.ref.doc.data
    fields: list[tuple[str, object, tuple[str | int, ...]]] = [
        (name, data.get(name), (name,)) for name in ("title", "description")]
    fields += [("note", h.get("note"), ("history", i, "note"))
               for i, h in enumerate(data.get("history", [])) if isinstance(h, dict)]
    for name, value, where in fields:
        if not isinstance(value, str):
            continue
        if first_hidden(value) is not None:
            continue  # Y014, reported for every field of every record when it is read
        bad = re.search("[\n\t]", value) if name not in MULTILINE else None
        if bad is not None:
            out.append(req.ref.doc.at("R014", list(where), _(
                "{id}: {field} holds the control character U+{code:04X}; write plain text")
                .format(id=req.id, field=name, code=ord(bad.group()))))
    return out


def check_step(repo: Repository, req: Request, entry: HistoryEntry,
               t: Transition) -> list[Finding]:
    """Every rule of this module on one step."""
    return (check_plan_adopted(repo, req, entry, t) + check_consensus(repo, req, entry, t)
            + check_own_subregion(repo, req, entry) + check_quarter(req, entry, t))
