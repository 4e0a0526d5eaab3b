"""Options shared by commands, and the one place records roots are resolved for the CLI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

RecordsOption = Annotated[
    str | None,
    typer.Option(
        "--records",
        help="Records folder (or a folder with shvo.yaml). Default: $SHVO_RECORDS, else the "
        "nearest shvo.yaml at or above the working directory.",
        show_default=False,
    ),
]


def records_root(option: str | None, ctx: typer.Context) -> Path:
    """Resolve the root from the command's option, else the global one, else discovery."""
    from shvo_cli.records.repository import find_records_root

    given = option or (ctx.obj or {}).get("records")
    return find_records_root(given, os.environ, Path.cwd())


def note(ctx: typer.Context, text: str) -> None:
    """A diagnostic for people (a summary line, "wrote …", a warning that is not an error):
    stderr, and nothing with --quiet. (Kept here for the commands that import it.)"""
    from shvo_cli.cli.console import note as console_note

    console_note(ctx, text)
