"""``shvo invoice …``: issued invoices as records (issue, list, show, credit)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from shvo_cli.cli.common import (
    AllowDetachedOption,
    AsOption,
    ByOption,
    CommitOption,
    DateOption,
    RecordsOption,
    records_root,
)
from shvo_cli.cli.common import actor as _actor
from shvo_cli.cli.common import finish as _finish
from shvo_cli.cli.common import when as _when
from shvo_cli.cli.finance_out import ExcelOpt, OutOpt, emit, spreadsheet
from shvo_cli.store.files import change_lock

invoice_app = typer.Typer(
    help="Issued invoices as records: what each payer was actually invoiced, per budget "
    "line, never recomputed. Issue a month, list, show, credit.", no_args_is_help=True)

MonthArg = Annotated[str, typer.Argument(metavar="YEAR-MM", help="The month, e.g. 2025-01.")]


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@invoice_app.command("issue")
def issue(
    ctx: typer.Context,
    month: MonthArg,
    preliminary: Annotated[bool, typer.Option(
        "--preliminary", help="Issue on a budget that is not yet decided; the record and "
        "every output say preliminary.")] = False,
    population: Annotated[str | None, typer.Option(
        "--population", help="Population table id or file. Default: the one in force.",
        show_default=False)] = None,
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Issue a month's invoices: the figures budget invoices shows become a record, in
    order, once. Refused, nothing written: a month already issued, an earlier month still
    open, a year without a decided budget (unless --preliminary)."""
    from shvo_cli.invoices import issue as core

    root = records_root(records, ctx)
    actor, day = _actor(root, by, role), _when(when)
    with change_lock(root):
        change = core.issue(root, actor, day, month,
                            preliminary=preliminary, population=population)
        _finish(change, commit, False, show_id=True)


@invoice_app.command("credit")
def credit(
    ctx: typer.Context,
    month: MonthArg,
    payer: Annotated[str, typer.Option("--payer", help="Municipality code or VGR.")] = "",
    reason: Annotated[str, typer.Option("--reason", help="Why the invoice is credited.")] = "",
    amount: Annotated[int | None, typer.Option(
        "--amount", help="Kronor to credit. Default: all that is left of the invoice.",
        show_default=False)] = None,
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """A credit note for one payer's issued invoice: a new record citing the one it
    corrects (which never changes); the reconciliation counts it."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.i18n import _
    from shvo_cli.invoices import issue as core

    if not payer or not reason:
        raise ShvoError(_("--payer and --reason are required"))
    root = records_root(records, ctx)
    actor, day = _actor(root, by, role), _when(when)
    with change_lock(root):
        change = core.credit(root, actor, day, month, payer, reason,
                             amount)
        _finish(change, commit, False, show_id=True)


@invoice_app.command("list")
def list_records(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Only this year's.")] = None,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", "-f", help="table or json.")] = ListFormat.table,
    records: RecordsOption = None,
) -> None:
    """The issued months and credit notes, in order."""
    from shvo_cli.invoices import query
    from shvo_cli.render import invoices as render

    rows = query.listing(records_root(records, ctx), year)
    typer.echo(render.listing(rows, output_format.value), nl=False)


@invoice_app.command("show")
def show(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(
        metavar="YEAR-MM|ID", help="The month (YEAR-MM) or the record id.")],
    output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="table, json, csv or xlsx (with -o FILE).")] = ShowFormat.table,
    excel: ExcelOpt = False,
    output: OutOpt = None,
    records: RecordsOption = None,
) -> None:
    """One issued record: per payer, the amount and its lines, and what it came from."""
    from shvo_cli.invoices import query, sources
    from shvo_cli.render import invoices as render

    root = records_root(records, ctx)
    rec = query.find(root, key)
    names = query.line_names(root, rec.year)
    out = spreadsheet(output_format.value, excel, lambda: render.show_sheet(rec, names),
                      lambda: sources.describe(root, None, [rec]))
    if out is None and output_format is ShowFormat.json:
        out = render.show_json(rec)
    elif out is None and output_format is ShowFormat.csv:
        out = render.show_csv(rec)
    elif out is None:
        out = render.show_table(rec, names)
    emit(ctx, out, output)
