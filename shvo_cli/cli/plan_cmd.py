"""``shvo plan …``: the förvaltningsplan — list, show, next year's draft, edits, the diff
VVG reads before adopting, and the document itself (Markdown, HTML, Word)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import (
    AllowDetachedOption,
    AsOption,
    ByOption,
    CommitOption,
    ForceNextOption,
    FromYearOption,
    RecordsOption,
    actor,
    finish,
    records_root,
)
from shvo_cli.store.files import change_lock

plan_app = typer.Typer(help="The förvaltningsplan: list, show, new (next year's draft), edit, "
                       "diff and render (Markdown, HTML, Word).", no_args_is_help=True)

YearArg = Annotated[int, typer.Argument(help="Plan year.", metavar="YEAR")]


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"


class DocFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


def _repo(ctx: typer.Context, records: str | None) -> object:
    from shvo_cli.records.repository import load_repository

    return load_repository(records_root(records, ctx))


@plan_app.command("list")
def list_plans(ctx: typer.Context, output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="text or json.")] = ShowFormat.text,
        records: RecordsOption = None) -> None:
    """Every plan: year, status, adoption date and decision, number of assignments."""
    from shvo_cli.plan.views import plan_rows
    from shvo_cli.render import plan as render

    rows = plan_rows(_repo(ctx, records))  # type: ignore[arg-type]
    out = render.as_json(rows) if output_format is ShowFormat.json else render.list_text(rows)
    typer.echo(out, nl=False)


@plan_app.command("show")
def show(ctx: typer.Context, year: YearArg, output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="text or json.")] = ShowFormat.text,
        records: RecordsOption = None) -> None:
    """Status, adoption (decision, date), assignments by category with the requests that
    cite each, governing documents."""
    from shvo_cli.plan.sections import plan_for
    from shvo_cli.plan.views import plan_view
    from shvo_cli.render import plan as render

    repo = _repo(ctx, records)
    view = plan_view(repo, plan_for(repo, year))  # type: ignore[arg-type]
    out = render.as_json(view) if output_format is ShowFormat.json else render.show_text(view)
    typer.echo(out, nl=False)


@plan_app.command("new")
def new(
    ctx: typer.Context,
    next_year: Annotated[int, typer.Argument(help="The new plan's year.", metavar="NEXT")],
    from_year: FromYearOption,
    from_draft: Annotated[bool, typer.Option(
        "--from-draft", help="Start from a plan VVG has not adopted yet.")] = False,
    force: ForceNextOption = False,
    by: ByOption = None, role: AsOption = None, commit: CommitOption = None,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """Next year's draft: texts and assignments carried over, needs VVG took on proposed
    as assignments (linked to their requests), status draft; committed."""
    from shvo_cli.plan.changes import new_plan

    root = records_root(records, ctx)
    with change_lock(root):
        change = new_plan(root, actor(root, by, role), from_year,
                          next_year, from_draft=from_draft, force=force)
        finish(change, commit, False)


@plan_app.command("edit")
def edit(
    ctx: typer.Context, year: YearArg,
    add_assignment: Annotated[str | None, typer.Option(
        "--add-assignment", help="Text of a new assignment (with --id and --category).")
    ] = None,
    assignment_id: Annotated[str | None, typer.Option("--id", help="Id of the new "
                                                      "assignment, e.g. digital-signature.")
                             ] = None,
    category: Annotated[str | None, typer.Option(
        "--category", help="maintenance, sustaining-development or new-development.")] = None,
    retire: Annotated[str | None, typer.Option("--retire", help="Assignment id to retire.")
                      ] = None,
    section: Annotated[str | None, typer.Option(
        "--section", help="Text section to replace (key or number, e.g. gits or 6.1).")
    ] = None,
    text: Annotated[list[str] | None, typer.Option(
        "--text", help="The section's new text; repeat once per paragraph.")] = None,
    decision: Annotated[str | None, typer.Option(
        "--decision", help="The VVG decision that amends an adopted plan.")] = None,
    by: ByOption = None, role: AsOption = None, commit: CommitOption = None,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """Add or retire an assignment, or replace a text section. An adopted plan changes
    only with a VVG decision (--decision), recorded as an amendment."""
    from shvo_cli.plan.changes import edit_plan
    from shvo_cli.plan.sections import PlanError

    if add_assignment is not None and not (assignment_id and category):
        from shvo_cli.i18n import _

        raise PlanError(_("--add-assignment needs --id and --category"))
    add = (assignment_id, category, add_assignment) if add_assignment is not None else None
    root = records_root(records, ctx)
    with change_lock(root):
        change = edit_plan(root, actor(root, by, role), year,
                           add=add, retire=retire, section=section,  # type: ignore[arg-type]
                           text=text, decision=decision)
        finish(change, commit, False)


@plan_app.command("diff")
def diff(ctx: typer.Context, year: YearArg,
         next_year: Annotated[int, typer.Argument(help="The later plan.", metavar="NEXT")],
         output_format: Annotated[DiffFormat, typer.Option(
             "--format", "-f", help="text, markdown or html.")] = DiffFormat.text,
         records: RecordsOption = None) -> None:
    """What changes from YEAR to NEXT, in Swedish, by section: assignments added, retired,
    reworded; budget lines changed; the needs taken on."""
    from shvo_cli.plan.sections import plan_for
    from shvo_cli.plan.views import plan_diff
    from shvo_cli.render import plan_diff as render

    repo = _repo(ctx, records)
    d = plan_diff(plan_for(repo, year), plan_for(repo, next_year, "NEXT"),  # type: ignore
                  repo.budgets.get(year), repo.budgets.get(next_year))  # type: ignore
    out = render.diff_html(d) if output_format is DiffFormat.html else render.diff_text(
        d, output_format is DiffFormat.markdown)
    typer.echo(out, nl=False)


@plan_app.command("render")
def render_plan(ctx: typer.Context, year: YearArg,
                output_format: Annotated[DocFormat, typer.Option(
                    "--format", "-f", help="markdown, html (self-contained, prints on A4) "
                    "or docx (Word; needs -o).")] = DocFormat.markdown,
                output: Annotated[Path | None, typer.Option(
                    "-o", "--output", help="Write to this file instead of stdout.")] = None,
                records: RecordsOption = None) -> None:
    """The förvaltningsplan itself, from the records, in the seed's structure (1 Inledning
    … 9 Referenser och länkar)."""
    from shvo_cli.cli.plan_output import render_document

    render_document(ctx, records, year, output_format.value, output)
