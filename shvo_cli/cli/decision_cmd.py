"""``shvo decision …``: decisions as records, for the VVG secretary and SITIV."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from shvo_cli.cli import common
from shvo_cli.cli.common import (
    AllowDetachedOption,
    AsOption,
    ByOption,
    CommitOption,
    DateOption,
    NoInputOption,
    RecordsOption,
    records_root,
)
from shvo_cli.cli.console import emit
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
    output_format: Annotated[Fmt, typer.Option("--format", "-f", help="table or json.")
                             ] = Fmt.table,
    records: RecordsOption = None,
) -> None:
    """Decisions by date: body, type, outcome, what they concern and where minuted."""
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import decisions as render
    from shvo_cli.requests.names import decisions_in_words

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
    if output_format is Fmt.table:
        rows = decisions_in_words(repo, rows)
    emit(render.LIST, output_format.value, rows)


@decision_app.command("show")
def show_decision(
    ctx: typer.Context,
    decision_id: Annotated[str, typer.Argument(metavar="ID", help="Decision id.")],
    records: RecordsOption = None,
) -> None:
    """One decision with everything it concerns, and the request steps that cite it."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import decisions as render
    from shvo_cli.requests.decisions import check_decision_id

    check_decision_id(decision_id)
    repo = load_repository(records_root(records, ctx))
    d = repo.decisions.get(decision_id)
    if d is None:
        raise ShvoError(_("no decision {id}").format(id=decision_id))
    emit(render.SHOW, "text", repo, d)


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
    summary: Annotated[str | None, typer.Option(
        "--summary", help="What was decided, in a sentence or two.")] = None,
    request: Annotated[list[str] | None, typer.Option(
        "--request", help="A request it concerns; repeat for several.")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="plan-YYYY it concerns.")] = None,
    budget: Annotated[str | None, typer.Option(
        "--budget", help="budget-YYYY it concerns.")] = None,
    no_input: NoInputOption = False,
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
    step: Annotated[str | None, typer.Option(
        "--step", help="Then take this step (transition) on each --request, citing the new "
        "decision, e.g. vvg-approve or take-on: one commit each.", show_default=False)
    ] = None,
) -> None:
    """Record a decision. Adopting a plan (adopt-plan --plan) sets the plan's status;
    deciding a budget (decide-budget --budget) makes it final — in the same commit."""
    from shvo_cli.cli.questions import decision_fields
    from shvo_cli.errors import ShvoError
    from shvo_cli.requests import decisions as decision

    root, day = records_root(records, ctx), common.when(when)
    who = common.member_actor(root, by, role)  # before the first question, not after
    f: dict[str, Any] = {"body": body, "type_": type_, "reference": reference,
                         "outcome": outcome, "summary": summary, "requests": request or [],
                         "plan": plan, "budget": budget}
    if not no_input and common.stdin_is_terminal():
        f = decision_fields(root, day, f)
    common.require(f, ("body", "type_", "reference"))
    if step and not f["requests"]:
        raise ShvoError(_("--step needs --request: the requests the decision concerns"))
    with change_lock(root):
        change = decision.add(root, who, day, **f)
        common.finish(change, commit, False, show_id=True)
        if step:
            from shvo_cli.cli.readers_cmd import take_steps

            take_steps(root, who, day, step, f["requests"], change.request_id, commit)
