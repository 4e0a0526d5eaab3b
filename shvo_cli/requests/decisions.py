"""Recording decisions: ``shvo decision add`` and what a decision changes.

A decision record is written with the same guarantees as a request step (validated with the
records it refers to, atomic, committed with trailers). Adopting a plan sets the plan's
status, date and decision in the same commit; deciding a budget makes it ``decided`` — so the
status a report shows always traces back to a minuted decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from shvo_cli.checks import errors_in
from shvo_cli.checks.decisions import deciding_bodies
from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _
from shvo_cli.privacy import find_identity_numbers, redact
from shvo_cli.records import layout
from shvo_cli.records.change import (
    Actor,
    Change,
    ChangeRefused,
    actor_trailers,
    claimed_warning,
)
from shvo_cli.records.context import ChangeContext, ContextRecords
from shvo_cli.records.layout import DECISION_ID as DEC_PATTERN
from shvo_cli.records.repository import Repository
from shvo_cli.requests.steps import check_id
from shvo_cli.yamlio.edit import Editor
from shvo_cli.yamlio.read import YamlDocument, read_file
from shvo_cli.yamlio.write import new_record

TYPES = ("adopt-plan", "decide-budget", "position-new-needs", "escalated-request", "anchoring",
         "needs-inventory", "budget-basis", "final-report", "draft-verksamhetsplan",
         "adopt-verksamhetsplan", "other")
ORDER = ("kind", "id", "body", "date", "type", "outcome", "concerns", "reference", "summary")

# A decision about a request must follow the step that put the request before that body.
PRECEDING_STEP = {"escalated-request": "escalate", "position-new-needs": "inventory",
                  "anchoring": "refer-for-anchoring"}


class DecisionError(ShvoError):
    """The command names something that does not exist or is malformed (exit 2)."""


class DecisionRefused(ShvoError):
    """The records or the rules refuse this decision (exit 1, like a refused step)."""

    exit_code = ExitCode.FINDINGS


def check_decision_id(raw: str) -> str:
    if not DEC_PATTERN.match(raw):
        raise DecisionError(_("{shown} is not a decision id (DEC-YYYY-XXXXXX)").format(
            shown=redact(repr(raw))))
    return raw


def new_decision_id(year: int, taken: set[str]) -> str:
    while True:
        candidate = layout.new_id("decision", year)
        if candidate not in taken:
            return candidate


def _check_arguments(type_: str, reference: str, summary: str | None,
                     requests: Sequence[str], plan: str | None, budget: str | None) -> None:
    """Refuse malformed arguments before any record is read."""
    for name, value in (("reference", reference), ("summary", summary)):
        if value and find_identity_numbers(value):
            raise ChangeRefused(_("--{name} holds a personnummer or samordningsnummer; "
                                  "nothing written").format(name=name))
    if type_ not in TYPES:
        raise DecisionError(_("unknown decision type {type!r} (one of {types})").format(
            type=type_, types=", ".join(TYPES)))
    for r in requests:
        check_id(r)
    for value, pattern, what in ((plan, layout.PLAN_ID, "plan"),
                                 (budget, layout.BUDGET_ID, "budget")):
        if value is not None and not pattern.match(value):
            raise DecisionError(_("--{what} {value!r}: expected {what}-YYYY").format(
                what=what, value=value))
    if type_ == "adopt-plan" and (plan is None or budget is not None):
        raise DecisionError(_("adopt-plan takes --plan plan-YYYY (and no --budget)"))
    if type_ == "decide-budget" and (budget is None or plan is not None):
        raise DecisionError(_("decide-budget takes --budget budget-YYYY (and no --plan)"))


def _context(root: Path, requests: Sequence[str], plan: str | None,
             budget: str | None) -> tuple[ContextRecords, list[YamlDocument]]:
    """The records a decision is judged with, read once, and apart from them the plan and
    budget it may change (judged as they stand, then as the decision leaves them)."""
    named = [layout.record_path(root, "plan", plan)] if plan else []
    named += [layout.record_path(root, "budget", budget)] if budget else []
    others = [p for p in layout.files_in(root, "plan") if p not in named]
    records = ContextRecords.load(root, [
        *layout.context_paths(root),
        *(layout.record_path(root, "request", r) for r in requests), *others])
    return records, [read_file(p) for p in layout.existing(named)]


def _check_named(repo: Repository, requests: Sequence[str], plan: str | None,
                 budget: str | None) -> None:
    """Every request, plan and budget the decision names exists and is valid."""
    for r in requests:
        if r not in repo.requests:
            raise DecisionError(_("no request {id} (or it is invalid: run shvo "
                                  "validate)").format(id=r))
    if plan is not None and plan not in {p.id for p in repo.plans.values()}:
        raise DecisionError(_("no plan {plan} in {folder}").format(
            plan=plan, folder=layout.folder(repo.root, "plan")))
    if budget is not None and budget not in {b.id for b in repo.budgets.values()}:
        raise DecisionError(_("no budget {budget} in {folder}").format(
            budget=budget, folder=layout.folder(repo.root, "budget")))


def _check_body(repo: Repository, type_: str, body: str) -> None:
    allowed = deciding_bodies(repo.process).get(type_)
    if allowed is not None and body not in allowed:
        raise DecisionRefused(_("decisions of type {type} are taken by {allowed}, not "
                                "{body}").format(type=type_,
                                                 allowed=f" {_('or')} ".join(allowed),
                                                 body=body))


def _free_path(root: Path, year: int) -> tuple[str, Path]:
    taken = {p.stem for p in layout.files_in(root, "decision")}
    dec_id = new_decision_id(year, taken)
    return dec_id, layout.record_path(root, "decision", dec_id)


def add(root: Path, actor: Actor, when: date, *, body: str, type_: str, reference: str,
        outcome: str | None = None, summary: str | None = None,
        requests: Sequence[str] = (), plan: str | None = None,
        budget: str | None = None) -> Change:
    """Compute a new decision record (and the plan or budget it changes), refusing one that
    names unknown records or contradicts a request's history."""
    _check_arguments(type_, reference, summary, requests, plan, budget)
    records, subjects = _context(root, requests, plan, budget)
    repo = records.with_documents(subjects)
    _check_named(repo, requests, plan, budget)
    _check_body(repo, type_, body)
    ctx = ChangeContext(records, Actor(actor.person, actor.role or body, actor.claimed), when)
    actor = ctx.act((body,))
    _no_contradiction(repo, type_, outcome, when, requests)
    dec_id, path = _free_path(root, when.year)
    concerns = {"requests": list(requests), "plan": plan, "budget": budget}
    doc = new_record(path, "decision", {
        "kind": "decision", "id": dec_id, "body": body, "date": when.isoformat(),
        "type": type_, "outcome": outcome,
        "concerns": {k: v for k, v in concerns.items() if v},
        "reference": reference, "summary": summary}, ORDER)
    also, changed = _effects(repo, type_, outcome, dec_id, when, plan, budget)
    _validate(ctx, subjects, changed, doc)
    return Change(path, None, doc.text, dec_id, _subject(dec_id, body, type_, outcome, plan,
                                                         budget),
                  _trailers(dec_id, type_, actor, requests), body=reference,
                  warnings=[claimed_warning(actor)] if actor.claimed else [], also=also,
                  display=_shown(dec_id, body, type_, outcome, plan, budget))


def _trailers(dec_id: str, type_: str, actor: Actor, requests: Sequence[str]) -> dict[str, str]:
    trailers = {"Shvo-Decision": dec_id, "Shvo-Decision-Type": type_, **actor_trailers(actor)}
    if requests:
        trailers["Shvo-Request"] = ", ".join(requests)
    return trailers


def _subject(dec_id: str, body: str, type_: str, outcome: str | None, plan: str | None,
             budget: str | None) -> str:
    """The commit subject: English, as the audit parses it."""
    rejected = outcome == "rejected"
    what = {"adopt-plan": f"{'does not adopt' if rejected else 'adopts'} {plan}",
            "decide-budget": f"{'does not decide' if rejected else 'decides'} {budget}"}.get(
        type_, type_ + (f" ({outcome})" if outcome else ""))
    return f"{dec_id}: {body} {what}"


def _shown(dec_id: str, body: str, type_: str, outcome: str | None, plan: str | None,
           budget: str | None) -> str:
    """The new decision as told to the person recording it (the commit subject stays
    English)."""
    rejected = outcome == "rejected"
    if type_ == "adopt-plan":
        message = _("{id}: {body} does not adopt {plan}") if rejected \
            else _("{id}: {body} adopts {plan}")
        return message.format(id=dec_id, body=body, plan=plan)
    if type_ == "decide-budget":
        message = _("{id}: {body} does not decide {budget}") if rejected \
            else _("{id}: {body} decides {budget}")
        return message.format(id=dec_id, body=body, budget=budget)
    return f"{dec_id}: {body} {type_}" + (f" ({outcome})" if outcome else "")


def _no_contradiction(repo: Repository, type_: str, outcome: str | None, when: date,
                      requests: Sequence[str]) -> None:
    process = repo.process
    for r in requests:
        req = repo.requests[r]
        needed = PRECEDING_STEP.get(type_)
        if needed is not None and not any(e.transition == needed and e.date <= when
                                          for e in req.history):
            raise DecisionRefused(_("{id} has no '{step}' step on or before {date}: a {type} "
                                    "decision about it contradicts its history").format(
                id=r, step=needed, date=when, type=type_))
        if process is None or outcome is None:
            continue
        terminal = process.states.get(req.state)
        if terminal is not None and terminal.terminal:
            raise DecisionRefused(_("{id} is already {state}; a new decision about it "
                                    "contradicts its history").format(id=r, state=req.state))


def _edited(path: Path, edits: Sequence[tuple[list[str], str, list[str]]],
            ) -> tuple[tuple[Path, str, str], YamlDocument]:
    """Apply ``(field path, value, after)`` edits to a record file, proven to read back."""
    old = path.read_bytes().decode("utf-8")
    ed = Editor(path, old)
    for where, value, after in edits:
        ed.set(where, value, after=after)
    doc = ed.verify()
    return (path, old, ed.result()), doc


def _effects(repo: Repository, type_: str, outcome: str | None, dec_id: str, when: date,
             plan: str | None, budget: str | None,
             ) -> tuple[list[tuple[Path, str, str]], list[YamlDocument]]:
    """The plan or budget file edits a decision makes, as (path, old, new), with the new
    texts parsed."""
    p = next((x for x in repo.plans.values() if x.id == plan), None) \
        if type_ == "adopt-plan" else None
    b = next((x for x in repo.budgets.values() if x.id == budget), None) \
        if type_ == "decide-budget" else None
    if p is not None and p.status == "adopted":
        raise DecisionRefused(_("{plan} is already adopted ({date}, {decision})").format(
            plan=plan, date=p.adoption_date, decision=p.adoption_decision))
    if b is not None and b.status == "decided":
        raise DecisionRefused(_("{budget} is already decided").format(budget=budget))
    if outcome == "rejected" or (p is None and b is None):
        return [], []
    if p is not None:
        edit, doc = _edited(p.ref.file, [(["status"], "adopted", []),
                                         (["adoption", "date"], when.isoformat(), []),
                                         (["adoption", "decision"], dec_id, ["date", "body"])])
    else:
        assert b is not None
        edit, doc = _edited(b.ref.file, [(["status"], "decided", []),
                                         (["decision"], dec_id, ["status"])])
    return [edit], [doc]


def _validate(ctx: ChangeContext, subjects: Sequence[YamlDocument],
              changed: Sequence[YamlDocument], doc: YamlDocument) -> None:
    """Judge the new decision with the plan or budget as it leaves them."""
    new = {d.path: d for d in changed}
    repo = ctx.records.with_documents([*(new.get(d.path, d) for d in subjects), doc])
    errors = errors_in(repo, {doc.path, *new})
    if errors:
        raise ChangeRefused(_("decision refused: it would leave the records invalid"), errors)
