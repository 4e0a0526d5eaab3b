"""``shvo cache clear``: remove the parse cache of a records folder.

The cache can never change a result (see :mod:`shvo_cli.records.cache`), so clearing it is
only ever needed to reclaim space or to time a cold run; ``--no-cache`` skips it for one run.
"""

from __future__ import annotations

import typer

from shvo_cli.cli.common import RecordsOption, note, records_root

cache_app = typer.Typer(help="The parse cache that makes repeated runs fast.",
                        no_args_is_help=True)


@cache_app.command("clear")
def clear(ctx: typer.Context, records: RecordsOption = None) -> None:
    """Remove the cached parses of the records folder (they are rebuilt on the next run)."""
    from shvo_cli.i18n import _
    from shvo_cli.paths import display_path
    from shvo_cli.records import cache

    removed = cache.clear(records_root(records, ctx))
    for path in removed:
        note(ctx, _("removed {file}").format(file=display_path(path)))
    if not removed:
        note(ctx, _("no cache to remove"))
