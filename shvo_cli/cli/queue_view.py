"""The work-queue half of ``shvo request list``: what waits on a body (or on me), what is
overdue against the service levels, as of a date, for a municipality."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.console import echo
from shvo_cli.i18n import _

MunicipalityOption = Annotated[list[str] | None, typer.Option(
    "--municipality", help="Kommunkod of a municipality the request concerns, e.g. 1487; "
    "repeat or separate by commas for several (on edit: replaces the list).",
    show_default=False)]


def _codes(values: list[str]) -> list[str]:
    """Kommunkoder from repeated or comma-separated --municipality values."""
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def me(root: Path, by: str | None) -> str | None:
    """Who "me" is: --by, else git config user.email of the records' work tree."""
    from shvo_cli.store import git

    if by:
        return by
    top = git.work_tree(root)
    return git.config(top, "user.email") if top is not None else None


def as_of_day(raw: str | None) -> date:
    from shvo_cli.records.source import parse_iso_date

    return date.today() if raw is None else parse_iso_date(raw, "--as-of")


def show_queue(root: Path, fmt: str, *, waiting_on: str | None, overdue: bool,
               as_of: str | None, by: str | None, filters: dict[str, str | None]) -> None:
    """Select the queue and print it; refusals are ShvoErrors (exit 2)."""
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render.queues import queue_listing
    from shvo_cli.requests.queues import bodies_for
    from shvo_cli.requests.views import work_queue

    day = as_of_day(as_of)
    repo = load_repository(root)
    bodies = bodies_for(repo, waiting_on, me(root, by)) if waiting_on else None
    rows = work_queue(repo, day, bodies=bodies, overdue=overdue, **filters)
    names = {s.id: s.name for s in repo.process.states.values()} if repo.process else {}
    echo(queue_listing(rows, fmt, names, day.isoformat()), nl=False)
    if waiting_on and fmt == "table":
        echo(_("waiting on: {bodies}").format(bodies=", ".join(bodies or ())), err=True)
