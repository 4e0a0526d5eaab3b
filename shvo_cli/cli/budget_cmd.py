"""``shvo budget …``: the budget as stated, split to each payer, monthly invoices, and the
annual reconciliation. Each command parses its options, calls the core, renders, exits."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, note, records_root
from shvo_cli.cli.console import echo, emit
from shvo_cli.cli.finance_out import ExcelOpt, OutOpt
from shvo_cli.cli.finance_out import show as show_finance
from shvo_cli.i18n import _

budget_app = typer.Typer(
    help="The budget down to each municipality's monthly invoice: show, split, invoices, "
    "reconcile. Whole kronor; every division adds up to the krona.",
    no_args_is_help=True,
)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class By(StrEnum):
    party = "party"
    association = "association"
    municipality = "municipality"


YearArg = Annotated[int | None, typer.Argument(
    help="Budget year. Default: the only budget in the records.", show_default=False,
    metavar="YEAR")]
PopulationOpt = Annotated[str | None, typer.Option(
    "--population", help="Population table id (population-2024-12-31) or record file. "
    "Default: the latest dated before 1 January of the budget year.", show_default=False)]
StatedOpt = Annotated[bool, typer.Option(
    "--stated", help="Divide the plan's stated per-party figures where a line states them, "
    "instead of what its financing key gives.")]
FormatOpt = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="table, csv, json or xlsx (with -o FILE).")]


def _notes(ctx: typer.Context, notes: tuple[str, ...]) -> None:
    """What the records' warnings say about the inputs: stderr, and nothing with --quiet."""
    for text in notes:
        note(ctx, "shvo: " + _("note: {note}; run shvo validate for details").format(note=text))


@budget_app.command("show")
def show(
    ctx: typer.Context,
    year: YearArg = None,
    output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="table or json.")] = ShowFormat.table,
    outcome: Annotated[bool, typer.Option(
        "--outcome", help="Per line: budget, outcome to date, share used, forecast at the "
        "current pace; deviations above the threshold marked !")] = False,
    threshold: Annotated[int | None, typer.Option(
        "--threshold", min=1, max=100, help="With --outcome: mark deviations above this "
        "percent. Default: the mapping's threshold_percent, else 10.",
        show_default=False)] = None,
    records: RecordsOption = None,
) -> None:
    """The budget's lines and keys: the split each key gives beside the split the plan
    states, differences marked, totals computed and stated."""
    if outcome:
        from shvo_cli.finance.outcome import compare
        from shvo_cli.render import outcome as shown

        c = compare(records_root(records, ctx), year, threshold)
        typer.echo(shown.to_json(c) if output_format is ShowFormat.json else shown.table(c),
                   nl=False)
        return
    from shvo_cli.budget import inputs as chosen
    from shvo_cli.budget import split as core
    from shvo_cli.paths import display_path

    repo = chosen.load_budget_records(records_root(records, ctx))
    budget = chosen.select_budget(repo, year)
    _notes(ctx, tuple(n for n in [chosen.summarise_warnings(
        budget.id, chosen.budget_warnings(repo, budget))] if n))
    from shvo_cli.render import budget_amend

    emit(budget_amend.SHOW, output_format.value, core.budget_view(budget),
         display_path(budget.ref.file), budget)


@budget_app.command("split")
def split(
    ctx: typer.Context,
    year: YearArg = None,
    by: Annotated[By, typer.Option(
        "--by", help="Report per party (VGR, VGK), per kommunalförbund, or per "
        "municipality.")] = By.municipality,
    monthly: Annotated[bool, typer.Option(
        "--monthly", help="Twelve monthly amounts per payer.")] = False,
    stated: StatedOpt = False,
    population: PopulationOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    excel: ExcelOpt = False,
    output: OutOpt = None,
    records: RecordsOption = None,
) -> None:
    """Each line's shares by party, VGK's share of each line divided over the 49
    municipalities by population, totals per kommunalförbund; --monthly for months."""
    from shvo_cli.budget import invoicing
    from shvo_cli.budget import split as core
    from shvo_cli.budget.inputs import prepare_split
    from shvo_cli.invoices import sources
    from shvo_cli.render import budget_split as render
    from shvo_cli.render import sheets

    root = records_root(records, ctx)
    prepared = prepare_split(root, year, population, stated)
    _notes(ctx, prepared.notes)
    s = prepared.split
    grouped = core.groups(s, by.value, prepared.names)
    amounts = core.group_amounts(s, grouped)
    months = invoicing.group_monthly(invoicing.monthly(s), grouped) if monthly else None
    show_finance(ctx, (render.SPLIT, output_format.value, (s, by.value, grouped, amounts, months)),
                 excel, output, lambda: sheets.split_sheet(s, grouped, amounts, months),
                 lambda: sources.describe(root, s))


@budget_app.command("invoices")
def invoices(
    ctx: typer.Context,
    year: YearArg = None,
    month: Annotated[str, typer.Option(
        "--month", help="The month to invoice, YYYY-MM, within the budget year.",
        show_default=False)] = "",
    stated: StatedOpt = False,
    population: PopulationOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    excel: ExcelOpt = False,
    output: OutOpt = None,
    records: RecordsOption = None,
) -> None:
    """The month's invoice basis: one row per payer (VGR and the 49 municipalities), the
    amount and its breakdown by budget line."""
    from shvo_cli.budget.split import BudgetError
    from shvo_cli.invoices import query, sources
    from shvo_cli.render import budget_amend, sheets

    if not month:
        raise BudgetError(_("--month YYYY-MM is required"))
    root = records_root(records, ctx)
    prepared, basis, issued = query.month_basis(root, year, month, population, stated)
    _notes(ctx, prepared.notes)
    warning = budget_amend.preliminary_warning(prepared.split.budget)
    if warning:
        echo("shvo: " + _("warning: {warning}").format(warning=warning), err=True)
    show_finance(ctx, (budget_amend.INVOICES, output_format.value, (basis, prepared.split.budget)),
                 excel, output, lambda: sheets.invoices_sheet(basis),
                 lambda: sources.describe(root, prepared.split, issued))


@budget_app.command("reconcile")
def reconcile(
    ctx: typer.Context,
    year: YearArg = None,
    invoiced_with: Annotated[str | None, typer.Option(
        "--invoiced-with", help="Population table the year was invoiced with (id or file). "
        "Default: the one in force for the year.", show_default=False)] = None,
    actual: Annotated[str, typer.Option(
        "--actual", help="Population table with SCB's actual figures (id or file).",
        show_default=False)] = "",
    stated: StatedOpt = False,
    output_format: FormatOpt = OutputFormat.table,
    excel: ExcelOpt = False,
    output: OutOpt = None,
    records: RecordsOption = None,
) -> None:
    """The annual reconciliation against SCB: per municipality, what was invoiced on the
    old figures, what is due on the new, and the difference (the differences sum to 0)."""
    from shvo_cli.budget.split import BudgetError
    from shvo_cli.invoices import query, sources
    from shvo_cli.render import budget_invoices as render
    from shvo_cli.render import sheets

    if not actual:
        raise BudgetError(_("--actual POPULATION is required (a table id or file)"))
    root = records_root(records, ctx)
    rec, notes, issued = query.year_reconciliation(root, year, invoiced_with, actual, stated)
    _notes(ctx, notes)
    show_finance(ctx, (render.RECONCILE, output_format.value, (rec,)), excel, output,
                 lambda: sheets.reconcile_sheet(rec),
                 lambda: sources.describe(root, rec.invoiced_split, issued, [
                     (_("actual population table"), rec.actual_table.id)]))
