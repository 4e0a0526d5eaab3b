"""``shvo outcome import``: the financial system's export as the year's outcome record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import (
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
from shvo_cli.store.files import change_lock

outcome_app = typer.Typer(
    help="Outcome (utfall): import the financial system's export; compare with shvo "
    "budget show YEAR --outcome.", no_args_is_help=True)


@outcome_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV or XLSX export.")],
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
) -> None:
    """Read the year-to-date export (columns and accounts mapped by outcome-mapping in the
    records) and store it as outcome-YYYY. Unknown accounts, periods or amounts: refused
    with file:line, nothing stored."""
    from shvo_cli.finance import outcome

    root = records_root(records, ctx)
    actor, day = _actor(root, by, role), _when(when)
    with change_lock(root):
        change = outcome.import_file(root, file, actor, day)
        _finish(change, commit, False)
