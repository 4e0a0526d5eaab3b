"""``shvo budget statement``: a statement per municipality for its contact (registered on
the budget command group in app.py)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, note, records_root
from shvo_cli.cli.finance_out import OutOpt, emit
from shvo_cli.i18n import _


class StatementFormat(StrEnum):
    html = "html"
    markdown = "markdown"
    xlsx = "xlsx"


SUFFIX = {"html": ".html", "markdown": ".md", "xlsx": ".xlsx"}


def _swedish_unless_asked(ctx: typer.Context) -> None:
    """Swedish by default: the readers are municipal contacts; ``--lang en`` still wins."""
    from shvo_cli import i18n

    if ctx.find_root().params.get("lang") is None:
        i18n.set_language("sv")


def _render(s: object, fmt: str) -> str | bytes:
    from shvo_cli.invoices.statement import Statement
    from shvo_cli.render import statement as render
    from shvo_cli.render.xlsx import workbook

    assert isinstance(s, Statement)
    if fmt == "xlsx":
        return workbook(render.sheets(s))
    return render.to_markdown(s) if fmt == "markdown" else render.to_html(s)


def statement(
    ctx: typer.Context,
    municipality: Annotated[str | None, typer.Argument(
        metavar="MUNICIPALITY", help="Code (1480) or name (Göteborg).",
        show_default=False)] = None,
    year: Annotated[int | None, typer.Argument(
        metavar="YEAR", help="Budget year. Default: the only budget.", show_default=False)
    ] = None,
    output_format: Annotated[StatementFormat, typer.Option(
        "--format", "-f", help="html (printable on A4), markdown or xlsx.")
    ] = StatementFormat.html,
    all_: Annotated[bool, typer.Option(
        "--all", help="All 49 municipalities, one file each, into the folder -o DIR.")
    ] = False,
    actual: Annotated[str | None, typer.Option(
        "--actual", help="Population table with SCB's actual figures: include the "
        "reconciliation.", show_default=False)] = None,
    output: OutOpt = None,
    records: RecordsOption = None,
) -> None:
    """A municipality's statement: its share of each budget line and the key behind it,
    its population figure, its twelve invoices (issued or planned), the reconciliation
    when made, and the commit the figures come from. Swedish unless --lang en."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.invoices import statement as core

    _swedish_unless_asked(ctx)
    fmt = output_format.value
    if all_ == (municipality is not None) or (all_ and not output):
        raise ShvoError(_("name one MUNICIPALITY, or pass --all -o DIR"))
    ctx_ = core.context(records_root(records, ctx), year, actual)
    if not all_:
        assert municipality is not None
        emit(ctx, _render(core.build(ctx_, core.municipality_code(municipality)), fmt), output)
        return
    assert output is not None
    written = core.write_all(Path(output), ctx_, lambda s: _render(s, fmt), SUFFIX[fmt])
    note(ctx, "shvo: " + _("wrote {count} statements to {folder}").format(
        count=written, folder=output))
