"""``shvo summary``: what the records hold, at a glance."""

from __future__ import annotations

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import emit


def summary(ctx: typer.Context, records: RecordsOption = None) -> None:
    """Plans, budgets, population tables, requests by state, decisions and systems.

    Reads the records without judging them; run `shvo validate` for that.
    """
    from shvo_cli.cycle.summary import summarise
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import summary as render

    root = records_root(records, ctx)
    emit(render.FORMATS, "text", root, summarise(load_repository(root)))
