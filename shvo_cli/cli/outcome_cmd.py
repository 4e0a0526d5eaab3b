"""``shvo outcome import``: the financial system's export as the year's outcome record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import (
    AllowDetachedOption,
    AsOption,
    ByOption,
    CommitOption,
    DateOption,
    RecordsOption,
    import_with,
)

outcome_app = typer.Typer(
    help="Outcome (utfall): import the financial system's export; compare with shvo "
    "budget show YEAR --outcome.", no_args_is_help=True)


@outcome_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV or XLSX export.")],
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Read the year-to-date export (columns and accounts mapped by outcome-mapping in the
    records) and store it as outcome-YYYY. Unknown accounts, periods or amounts: refused
    with file:line, nothing stored."""
    from shvo_cli.finance import outcome

    import_with(ctx, records, file, outcome.import_file, by=by, role=role, day=when,
                commit=commit)
