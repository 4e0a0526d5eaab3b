"""``shvo incident …``: outages (driftstopp, seed 6.4) as records, for GITS, KSD and Peak."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import typer

from shvo_cli.cli.common import (
    AllowDetachedOption,
    ByOption,
    CommitOption,
    RecordsOption,
    actor,
    finish,
    records_root,
)
from shvo_cli.store.files import change_lock

incident_app = typer.Typer(help="Outages (driftstopp, seed 6.4): start, updates, end.",
                           no_args_is_help=True)

AsRole = Annotated[str | None, typer.Option(
    "--as", help="The role acted in: GITS, KSD (applikationsleverans) or PEAK.",
    show_default=False)]
AtOption = Annotated[str | None, typer.Option(
    "--at", help="Time of this update, YYYY-MM-DDTHH:MM. Default: now.", show_default=False)]
TextOption = Annotated[str, typer.Option("--text", help="The assessment (bedömning) now.")]
TakenOption = Annotated[list[str] | None, typer.Option(
    "--done", help="An action taken; repeat for several.", show_default=False)]
PlannedOption = Annotated[list[str] | None, typer.Option(
    "--planned", help="An action planned; repeat for several.", show_default=False)]
ToldOption = Annotated[list[str] | None, typer.Option(
    "--told", help="Who was told at this time (an organisation or role, never a patient); "
    "repeat for several.", show_default=False)]


class Format(StrEnum):
    text = "text"
    json = "json"


def _moment(raw: str | None, option: str) -> datetime:
    from shvo_cli.incidents.core import parse_minute

    if raw is None:
        return datetime.now().replace(second=0, microsecond=0)
    return parse_minute(raw, option)


@incident_app.command("new")
def new(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", help="Short description of the stop.")],
    system: Annotated[list[str], typer.Option(
        "--system", help="An affected system (id in systems.yaml); repeat for several.")],
    started: Annotated[str, typer.Option("--started", help="Start, YYYY-MM-DDTHH:MM.")],
    text: TextOption, at: AtOption = None, done: TakenOption = None,
    planned: PlannedOption = None, told: ToldOption = None, by: ByOption = None,
    role: AsRole = None, commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Record a new outage with its first assessment."""
    from shvo_cli.incidents import core
    root = records_root(records, ctx)
    start = _moment(started, "--started")
    with change_lock(root):
        change = core.open_incident(root, actor(root, by, role),
                                    title=title, systems=system, started=start,
                                    at=_moment(at, "--at") if at else start, text=text,
                                    taken=done or [], planned=planned or [], told=told or [])
        finish(change, commit, False, show_id=True)


@incident_app.command("update")
def update(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="Outage id (INC-…).")],
    text: TextOption,
    at: AtOption = None, done: TakenOption = None, planned: PlannedOption = None,
    told: ToldOption = None, by: ByOption = None, role: AsRole = None,
    commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Append an update: assessment, actions taken and planned, who was told."""
    from shvo_cli.incidents import core
    root = records_root(records, ctx)
    with change_lock(root):
        finish(core.update(root, incident_id, actor(root, by, role),
                            at=_moment(at, "--at"), text=text, taken=done or [],
                            planned=planned or [], told=told or []), commit, False)


@incident_app.command("close")
def close(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="Outage id (INC-…).")],
    ended: Annotated[str, typer.Option("--ended", help="When service came back, "
                                       "YYYY-MM-DDTHH:MM.")],
    text: TextOption, at: AtOption = None, done: TakenOption = None,
    planned: PlannedOption = None, told: ToldOption = None, by: ByOption = None,
    role: AsRole = None, commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Close the outage: its end time and a last update."""
    from shvo_cli.incidents import core
    root = records_root(records, ctx)
    end = _moment(ended, "--ended")
    with change_lock(root):
        finish(core.update(root, incident_id, actor(root, by, role),
                            at=_moment(at, "--at") if at else end, text=text,
                            taken=done or [], planned=planned or [], told=told or [],
                            ended=end), commit, False)


@incident_app.command("list")
def list_cmd(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option("--state", help="open or closed.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    at: AtOption = None, records: RecordsOption = None,
) -> None:
    """Every outage, oldest first, with its downtime (up to --at while open)."""
    from shvo_cli.incidents.summary import listing
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render.incidents import listing as render

    repo = load_repository(records_root(records, ctx))
    typer.echo(render(listing(repo, state=state, until=_moment(at, "--at")), fmt.value),
               nl=False)


@incident_app.command("show")
def show(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="Outage id (INC-…).")],
    fmt: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    at: AtOption = None, records: RecordsOption = None,
) -> None:
    """One outage with its whole dialogue of updates."""
    from shvo_cli.incidents import core
    from shvo_cli.incidents.summary import as_data
    from shvo_cli.render.incidents import detail

    inc = core.load_incident(records_root(records, ctx), incident_id)[2]
    typer.echo(detail(as_data(inc, _moment(at, "--at")), fmt.value), nl=False)

