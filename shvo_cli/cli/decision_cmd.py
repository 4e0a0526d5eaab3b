"""``shvo decision …``: decisions as records, for the VVG secretary and SITIV."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.request_cmd import (
    AsOption,
    ByOption,
    CommitOption,
    DateOption,
    _actor,
    _choose,
    _finish,
    _stdin_is_terminal,
    _when,
)
from shvo_cli.i18n import _
from shvo_cli.store.files import change_lock

decision_app = typer.Typer(help="Decisions (beslut) of VVG, SITIV, REF and GITS as records.",
                           no_args_is_help=True)


class Fmt(StrEnum):
    table = "table"
    json = "json"


@decision_app.command("list")
def list_decisions(
    ctx: typer.Context,
    body: Annotated[str | None, typer.Option("--body", help="Only this body's.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only this year's.")] = None,
    output_format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
    records: RecordsOption = None,
) -> None:
    """Decisions by date: body, type, outcome, what they concern and where minuted."""
    from shvo_cli.records.repository import load_repository

    repo = load_repository(records_root(records, ctx))
    if body is not None and repo.organisation is not None \
            and body not in repo.organisation.bodies:
        from shvo_cli.errors import ShvoError

        raise ShvoError(_("--body {body!r}: not one of {bodies}").format(
            body=body, bodies=", ".join(repo.organisation.bodies)))
    rows = sorted((d for d in repo.decisions.values()
                   if (body is None or d.body == body)
                   and (year is None or d.date.year == year)),
                  key=lambda d: (d.date, d.id))
    if output_format is Fmt.json:
        typer.echo(json.dumps([{
            "id": d.id, "body": d.body, "date": d.date.isoformat(), "type": d.type,
            "outcome": d.outcome, "requests": list(d.requests), "plan": d.plan,
            "budget": d.budget, "reference": d.reference} for d in rows],
            ensure_ascii=False, indent=2))
        return
    for d in rows:
        about = ", ".join([*d.requests, *(x for x in (d.plan, d.budget) if x)])
        typer.echo(f"{d.id:<15} {d.date}  {d.body:<5} {d.type:<22} "
                   f"{d.outcome or '':<9} {about}  [{d.reference}]")
    typer.echo((_("{count} decision") if len(rows) == 1 else _("{count} decisions")).format(
        count=len(rows)))


@decision_app.command("show")
def show_decision(
    ctx: typer.Context,
    decision_id: Annotated[str, typer.Argument(metavar="ID")],
    records: RecordsOption = None,
) -> None:
    """One decision with everything it concerns, and the request steps that cite it."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.records.repository import load_repository
    from shvo_cli.requests.decisions import check_decision_id

    check_decision_id(decision_id)
    repo = load_repository(records_root(records, ctx))
    d = repo.decisions.get(decision_id)
    if d is None:
        raise ShvoError(_("no decision {id}").format(id=decision_id))
    lines = [f"{d.id}  {d.body} {d.date}  {d.type}" + (f" ({d.outcome})" if d.outcome else ""),
             "  " + _("reference: {reference}").format(reference=d.reference)]
    summary = d.ref.doc.data.get("summary")
    if summary:
        lines.append(f"  {summary}")
    if d.plan:
        lines.append("  " + _("plan: {plan}").format(plan=d.plan))
    if d.budget:
        lines.append("  " + _("budget: {budget}").format(budget=d.budget))
    cited = [(r.id, e.date, e.transition) for r in repo.requests.values() for e in r.history
             if d.id in e.decisions]
    lines.append(_("Requests concerned: {requests}").format(requests=", ".join(d.requests))
                 if d.requests else _("Requests concerned: none"))
    lines += ["  " + _("cited by {request} {date} {step}").format(request=rid, date=day,
                                                                  step=step)
              for rid, day, step in sorted(cited)]
    typer.echo("\n".join(lines))


@decision_app.command("add")
def add_decision(
    ctx: typer.Context,
    body: Annotated[str | None, typer.Option("--body", help="VVG, SITIV, REF or GITS.")] = None,
    type_: Annotated[str | None, typer.Option(
        "--type", help="adopt-plan, decide-budget, position-new-needs, escalated-request, "
        "anchoring, needs-inventory, budget-basis, final-report, draft-verksamhetsplan, "
        "adopt-verksamhetsplan or other.")] = None,
    reference: Annotated[str | None, typer.Option(
        "--reference", help="Where it is minuted, e.g. 'Protokoll VVG 2025-11-20, § 4'.")
    ] = None,
    outcome: Annotated[str | None, typer.Option(
        "--outcome", help="approved, rejected or noted.")] = None,
    summary: Annotated[str | None, typer.Option("--summary")] = None,
    request: Annotated[list[str] | None, typer.Option(
        "--request", help="A request it concerns; repeat for several.")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="plan-YYYY it concerns.")] = None,
    budget: Annotated[str | None, typer.Option(
        "--budget", help="budget-YYYY it concerns.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input")] = False,
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
    step: Annotated[str | None, typer.Option(
        "--step", help="Then take this step (transition) on each --request, citing the new "
        "decision, e.g. vvg-approve or take-on: one commit each.", show_default=False)
    ] = None,
) -> None:
    """Record a decision. Adopting a plan (adopt-plan --plan) sets the plan's status;
    deciding a budget (decide-budget --budget) makes it final — in the same commit."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.requests import decisions as decision

    root = records_root(records, ctx)
    if not no_input and _stdin_is_terminal():
        if body is None:
            body = _choose(_("Body"), [("VVG", "Vårdsamverkan Västra Götaland"),
                                    ("SITIV", "Styrgrupp IT i Väst"),
                                    ("REF", "Referensgrupp SHVO"), ("GITS", "")])
        if type_ is None:
            type_ = _choose(_("Type"), [(t, "") for t in decision.TYPES])
        if reference is None:
            reference = typer.prompt(_("Reference (minutes, §)"), err=True)
    missing = [f"--{n}" for n, v in (("body", body), ("type", type_),
                                     ("reference", reference)) if not v]
    if missing:
        raise ShvoError(_("missing {options}").format(options=", ".join(missing)))
    assert body and type_ and reference
    if step and not request:
        raise ShvoError(_("--step needs --request: the requests the decision concerns"))
    actor, day = _actor(root, by, role), _when(when)
    with change_lock(root):
        change = decision.add(root, actor, day, body=body,  # type: ignore[arg-type]
                              type_=type_, reference=reference, outcome=outcome,
                              summary=summary, requests=request or [], plan=plan,
                              budget=budget)
        _finish(change, commit, False, show_id=True)
        if step:
            from shvo_cli.cli.readers_cmd import take_steps
            take_steps(root, actor, day, step, request or [], change.request_id, commit)
