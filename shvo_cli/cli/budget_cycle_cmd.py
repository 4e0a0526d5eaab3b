"""``shvo budget new | amend | compare``: next year's budget, changes to a decided budget,
and next year against this year per payer. Registered on the ``budget`` group."""

from __future__ import annotations

from typing import Annotated

import typer

from shvo_cli.cli.budget_cmd import By, OutputFormat, budget_app
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
from shvo_cli.cli.console import echo
from shvo_cli.cli.finance_out import ExcelOpt, OutOpt
from shvo_cli.i18n import _
from shvo_cli.store.files import change_lock


@budget_app.command("new")
def new(
    ctx: typer.Context,
    next_year: Annotated[int, typer.Argument(help="The new budget's year.", metavar="NEXT")],
    from_year: FromYearOption,
    force: ForceNextOption = False,
    by: ByOption = None, role: AsOption = None, commit: CommitOption = None,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """Next year's budget as a preliminary draft: this year's lines (amendments included),
    keys and staffing; the latest population table; committed."""
    from shvo_cli.budget.cycle import new_budget

    root = records_root(records, ctx)
    with change_lock(root):
        change = new_budget(root, actor(root, by, role), from_year,
                            next_year, force=force)
        finish(change, commit, False)


@budget_app.command("amend")
def amend(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="Budget year.", metavar="YEAR")],
    line: Annotated[str, typer.Option("--line", help="Line id, e.g. development.",
                                      show_default=False)],
    amount: Annotated[str, typer.Option(
        "--amount", help="Whole kronor added to the line (negative to take away).",
        show_default=False)],
    decision: Annotated[str | None, typer.Option(
        "--decision", help="The SITIV decision that makes the change (DEC-…).")] = None,
    amendment_note: Annotated[str | None, typer.Option("--note", help="What it is for.")
                              ] = None,
    by: ByOption = None, role: AsOption = None, commit: CommitOption = None,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """Append an amendment to a decided budget, citing SITIV's decision; invoices from the
    month after the decision take it up."""
    from shvo_cli.budget.cycle import amend_budget

    root = records_root(records, ctx)
    with change_lock(root):
        change = amend_budget(root, actor(root, by, role), year,
                              line=line, amount=amount, decision=decision,
                              note=amendment_note)
        finish(change, commit, False)


@budget_app.command("compare")
def compare(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="This year.", metavar="YEAR")],
    next_year: Annotated[int, typer.Argument(help="Next year.", metavar="NEXT")],
    by: Annotated[By, typer.Option("--by", help="party, association or municipality.")
                  ] = By.municipality,
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="table, csv, json or xlsx (with -o FILE).")
    ] = OutputFormat.table,
    excel: ExcelOpt = False,
    output: OutOpt = None,
    records: RecordsOption = None,
) -> None:
    """Each payer next year against this year, split into the effect of the budget change
    and of the population change; sums exact to the krona."""
    from shvo_cli.budget.compare import compare as core
    from shvo_cli.cli.finance_out import emit, spreadsheet
    from shvo_cli.render import plan_diff as render
    from shvo_cli.render import sheets

    c = core(records_root(records, ctx), year, next_year, by.value)
    if c.preliminary:
        echo("shvo: " + _("warning: {warning}").format(warning=_(
            "preliminary (not decided): {budgets}; figures may change").format(
            budgets=", ".join(c.preliminary))), err=True)
    out = spreadsheet(output_format.value, excel, lambda: sheets.compare_sheet(c),
                      lambda: [(_("budgets"), f"budget-{year}, budget-{next_year}"),
                               (_("population tables"), f"{c.this_table}, {c.next_table}")])
    if out is None:
        out = {OutputFormat.csv: render.compare_csv, OutputFormat.json: render.compare_json,
               }.get(output_format, render.compare_table)(c)
    emit(ctx, out, output)
