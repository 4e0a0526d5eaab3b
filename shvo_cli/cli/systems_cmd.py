"""``shvo systems …``: the dependency register and the open requests touching each system."""

from __future__ import annotations

from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import emit
from shvo_cli.i18n import _

systems_app = typer.Typer(help="Related systems (seed section 7) and the requests touching "
                          "them.", no_args_is_help=True)


@systems_app.command("list")
def list_systems(ctx: typer.Context, records: RecordsOption = None) -> None:
    """Every related system, with how many open requests touch it."""
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import systems as render

    emit(render.LIST, "table", load_repository(records_root(records, ctx)))


@systems_app.command("show")
def show_system(
    ctx: typer.Context,
    system_id: Annotated[str, typer.Argument(metavar="SYSTEM", help="System id.")],
    records: RecordsOption = None,
) -> None:
    """The system's dependency text, whom to tell, and every open request that touches it."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import systems as render

    repo = load_repository(records_root(records, ctx))
    if system_id not in repo.systems:
        from shvo_cli.records.ids import closest

        near = closest(system_id, repo.systems)
        raise ShvoError(_("unknown system {system!r}; did you mean {ids}?").format(
            system=system_id, ids=f" {_('or')} ".join(near)) if near else
            _("unknown system {system!r} (see shvo systems list)").format(system=system_id))
    emit(render.SHOW, "text", repo, system_id)
