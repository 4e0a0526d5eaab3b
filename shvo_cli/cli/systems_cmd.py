"""``shvo systems …``: the dependency register and the open requests touching each system."""

from __future__ import annotations

from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.i18n import _

systems_app = typer.Typer(help="Related systems (seed section 7) and the requests touching "
                          "them.", no_args_is_help=True)


@systems_app.command("list")
def list_systems(ctx: typer.Context, records: RecordsOption = None) -> None:
    """Every related system, with how many open requests touch it."""
    from shvo_cli.records.repository import load_repository
    from shvo_cli.requests.views import touching

    repo = load_repository(records_root(records, ctx))
    width = max((len(s) for s in repo.systems), default=2)
    for sid, system in repo.systems.items():
        count = len(touching(repo, sid))
        typer.echo(f"{sid:<{width}}  " + _("{count:>3} open").format(count=count)
                   + f"  {system.name}")


@systems_app.command("show")
def show_system(
    ctx: typer.Context,
    system_id: Annotated[str, typer.Argument(metavar="SYSTEM", help="System id.")],
    records: RecordsOption = None,
) -> None:
    """The system's dependency text, whom to tell, and every open request that touches it."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.records.repository import load_repository
    from shvo_cli.requests.views import notify_for, touching

    repo = load_repository(records_root(records, ctx))
    system = repo.systems.get(system_id)
    if system is None:
        from shvo_cli.records.ids import closest

        near = closest(system_id, repo.systems)
        raise ShvoError(_("unknown system {system!r}; did you mean {ids}?").format(
            system=system_id, ids=f" {_('or')} ".join(near)) if near else
            _("unknown system {system!r} (see shvo systems list)").format(system=system_id))
    [info] = notify_for(repo, (system_id,))
    lines = [f"{system.id}  {system.name}", "", f"  {system.dependency}", ""]
    lines.append(_("Who must be told: {whom}").format(
        whom=", ".join(info["tell"]) or _("owner not named in the records")))
    rows = touching(repo, system_id)
    if not rows:
        lines += ["", _("Open requests (0):\n  none")]
    else:
        lines += ["", _("Open requests ({count}):").format(count=len(rows))]
        width = max(len(r.id) for r in rows)
        lines += [f"  {r.id:<{width}}  {r.state:<16} {r.title}" for r in rows]
    typer.echo("\n".join(lines))
