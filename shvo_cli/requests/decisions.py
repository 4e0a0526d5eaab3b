"""Recording decisions: ``shvo decision add`` and what a decision changes.

A decision record is written with the same guarantees as a request step (validated with the
records it refers to, atomic, committed with trailers). Adopting a plan sets the plan's
status, date and decision in the same commit; deciding a budget makes it ``decided`` — so the
status a report shows always traces back to a minuted decision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.checks import run_all
from shvo_cli.checks.decisions import deciding_bodies
from shvo_cli.errors import ShvoError
from shvo_cli.findings import Severity
from shvo_cli.i18n import _
from shvo_cli.privacy import find_identity_numbers, redact
from shvo_cli.records.change import Actor, Change, ChangeRefused, check_actor, claimed_warning
from shvo_cli.records.repository import Repository, add_document, load_repository
from shvo_cli.requests.steps import CROCKFORD
from shvo_cli.yamlio.edit import Editor, render_flow, render_scalar
from shvo_cli.yamlio.read import parse_text

DEC_PATTERN = re.compile(r"DEC-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}\Z", re.ASCII)
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

    exit_code = 1  # type: ignore[assignment]


def check_decision_id(raw: str) -> str:
    if not DEC_PATTERN.match(raw):
        raise DecisionError(_("{shown} is not a decision id (DEC-YYYY-XXXXXX)").format(
            shown=redact(repr(raw))))
    return raw


def new_decision_id(year: int, taken: set[str]) -> str:
    import secrets

    while True:
        candidate = f"DEC-{year}-" + "".join(secrets.choice(CROCKFORD) for __ in range(6))
        if candidate not in taken:
            return candidate


def _render(data: dict[str, Any]) -> str:
    lines = ["# yaml-language-server: $schema=../../schemas/decision.schema.json"]
    for key in ORDER:
        value = data.get(key)
        if value in (None, "", [], {}):
            continue
        if key == "concerns":
            lines.append("concerns:")
            for k, v in value.items():
                rendered = render_flow(v) if isinstance(v, list) else render_scalar(v)
                lines.append(f"  {k}: {rendered}")
            continue
        lines.append(f"{key}: {render_scalar(value)}")
    return "\n".join(lines) + "\n"


def _context(root: Path, requests: Sequence[str], plan: str | None,
             budget: str | None) -> Repository:
    names = ["organisation.yaml", "process.yaml", "systems.yaml"]
    names += [f"requests/{r}.yaml" for r in requests]
    if plan:
        names.append(f"plans/{plan}.yaml")
    if budget:
        names.append(f"budgets/{budget}.yaml")
    files = [root / n for n in names if (root / n).is_file()]
    return load_repository(root, files)


def add(root: Path, actor: Actor, when: date, *, body: str, type_: str, reference: str,
        outcome: str | None = None, summary: str | None = None,
        requests: Sequence[str] = (), plan: str | None = None,
        budget: str | None = None) -> Change:
    """Compute a new decision record (and the plan or budget it changes), refusing one that
    names unknown records or contradicts a request's history."""
    for name, value in (("reference", reference), ("summary", summary)):
        if value and find_identity_numbers(value):
            raise ChangeRefused(_("--{name} holds a personnummer or samordningsnummer; "
                                  "nothing written").format(name=name))
    if type_ not in TYPES:
        raise DecisionError(_("unknown decision type {type!r} (one of {types})").format(
            type=type_, types=", ".join(TYPES)))
    from shvo_cli.requests.steps import check_id

    for r in requests:
        check_id(r)
    for value, pattern, what in ((plan, r"plan-[0-9]{4}\Z", "plan"),
                                 (budget, r"budget-[0-9]{4}\Z", "budget")):
        if value is not None and not re.match(pattern, value, re.ASCII):
            raise DecisionError(_("--{what} {value!r}: expected {what}-YYYY").format(
                what=what, value=value))
    if type_ == "adopt-plan" and (plan is None or budget is not None):
        raise DecisionError(_("adopt-plan takes --plan plan-YYYY (and no --budget)"))
    if type_ == "decide-budget" and (budget is None or plan is not None):
        raise DecisionError(_("decide-budget takes --budget budget-YYYY (and no --plan)"))
    if type_ == "escalated-request" and (not requests or outcome not in ("approved",
                                                                        "rejected")):
        raise DecisionRefused(_("an escalated-request decision names the request (--request) "
                                "and its outcome (--outcome approved|rejected)"))
    repo = _context(root, requests, plan, budget)
    for r in requests:
        if r not in repo.requests:
            raise DecisionError(_("no request {id} (or it is invalid: run shvo "
                                  "validate)").format(id=r))
    if plan is not None and plan not in {p.id for p in repo.plans.values()}:
        raise DecisionError(_("no plan {plan} in {folder}").format(plan=plan,
                                                                   folder=root / "plans"))
    if budget is not None and budget not in {b.id for b in repo.budgets.values()}:
        raise DecisionError(_("no budget {budget} in {folder}").format(
            budget=budget, folder=root / "budgets"))
    allowed = deciding_bodies(repo.process).get(type_)
    if allowed is not None and body not in allowed:
        raise DecisionRefused(_("decisions of type {type} are taken by {allowed}, not "
                                "{body}").format(type=type_,
                                                 allowed=f" {_('or')} ".join(allowed),
                                                 body=body))
    actor = check_actor(repo, Actor(actor.person, actor.role or body, actor.claimed),
                            (body,))
    _no_contradiction(repo, type_, outcome, when, requests)
    decisions = root / "decisions"
    taken = {p.stem for p in decisions.glob("DEC-*.yaml")} if decisions.is_dir() else set()
    dec_id = new_decision_id(when.year, taken)
    path = decisions / f"{dec_id}.yaml"
    concerns: dict[str, Any] = {}
    if requests:
        concerns["requests"] = list(requests)
    if plan:
        concerns["plan"] = plan
    if budget:
        concerns["budget"] = budget
    text = _render({"kind": "decision", "id": dec_id, "body": body, "date": when.isoformat(),
                    "type": type_, "outcome": outcome, "concerns": concerns,
                    "reference": reference, "summary": summary})
    also = _effects(repo, type_, outcome, dec_id, when, plan, budget)
    _validate(root, path, text, also, requests, plan, budget)
    trailers = {"Shvo-Decision": dec_id, "Shvo-Decision-Type": type_,
                "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
                "Shvo-Person": actor.person}
    if requests:
        trailers["Shvo-Request"] = ", ".join(requests)
    rejected = outcome == "rejected"
    what = {"adopt-plan": f"{'does not adopt' if rejected else 'adopts'} {plan}",
            "decide-budget": f"{'does not decide' if rejected else 'decides'} {budget}"}.get(
        type_, type_ + (f" ({outcome})" if outcome else ""))
    warnings = [claimed_warning(actor)] if actor.claimed else []
    return Change(path, None, text, dec_id, f"{dec_id}: {body} {what}", trailers,
                  body=reference, warnings=warnings, also=also,
                  display=_shown(dec_id, body, type_, outcome, plan, budget))


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


def _effects(repo: Repository, type_: str, outcome: str | None, dec_id: str, when: date,
             plan: str | None, budget: str | None) -> list[tuple[Path, str, str]]:
    """The plan or budget file edits a decision makes, as (path, old, new)."""
    out: list[tuple[Path, str, str]] = []
    if type_ == "adopt-plan" and plan is not None:
        p = next(x for x in repo.plans.values() if x.id == plan)
        if p.status == "adopted":
            raise DecisionRefused(_("{plan} is already adopted ({date}, {decision})").format(
                plan=plan, date=p.adoption_date, decision=p.adoption_decision))
    if type_ == "decide-budget" and budget is not None:
        b = next(x for x in repo.budgets.values() if x.id == budget)
        if b.status == "decided":
            raise DecisionRefused(_("{budget} is already decided").format(budget=budget))
    if outcome == "rejected":
        return out
    if type_ == "adopt-plan" and plan is not None:
        path = p.ref.file
        old = path.read_bytes().decode("utf-8")
        ed = Editor(path, old)
        ed.set(["status"], "adopted")
        ed.set(["adoption", "date"], when.isoformat())
        ed.set(["adoption", "decision"], dec_id, after=["date", "body"])
        ed.verify()
        out.append((path, old, ed.result()))
    if type_ == "decide-budget" and budget is not None:
        b = next(x for x in repo.budgets.values() if x.id == budget)
        path = b.ref.file
        old = path.read_bytes().decode("utf-8")
        ed = Editor(path, old)
        ed.set(["status"], "decided")
        ed.set(["decision"], dec_id, after=["status"])
        ed.verify()
        out.append((path, old, ed.result()))
    return out


def _validate(root: Path, path: Path, text: str, also: list[tuple[Path, str, str]],
              requests: Sequence[str], plan: str | None, budget: str | None) -> None:
    names = ["organisation.yaml", "process.yaml", "systems.yaml"]
    names += [f"requests/{r}.yaml" for r in requests]
    if budget:
        names.append(f"budgets/{budget}.yaml")
    changed = {p: new for p, __, new in also}
    files = [root / n for n in names if (root / n).is_file()]
    files += sorted((root / "plans").glob("*.yaml")) if (root / "plans").is_dir() else []
    repo = load_repository(root, [f for f in files if f not in changed])
    for p, new in changed.items():
        add_document(repo, parse_text(p, new))
    add_document(repo, parse_text(path, text))
    watched = {path, *changed}
    errors = [f for f in repo.findings + run_all(repo)
              if f.file in watched and f.severity is Severity.ERROR]
    if errors:
        raise ChangeRefused(_("decision refused: it would leave the records invalid"), errors)
