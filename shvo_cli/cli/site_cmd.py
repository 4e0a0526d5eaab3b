"""``shvo site build``: the public static site (Swedish) for gitsvg.se, vardsamverkan.se or
SOFIA."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import echo
from shvo_cli.cli.queue_view import as_of_day
from shvo_cli.i18n import _

site_app = typer.Typer(help="The public static site.", no_args_is_help=True)


@site_app.command("build")
def build(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="The folder to write to.")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The date the site shows the records as of (YYYY-MM-DD). Default: "
        "today.", show_default=False)] = None,
    source_url: Annotated[str | None, typer.Option(
        "--source-url", help="Where the records can be read, with {commit} for the commit, "
        "e.g. https://example.org/shvo/blob/{commit}/ — each page then links its records.",
        show_default=False)] = None,
    records: RecordsOption = None,
) -> None:
    """Build the static site: the plan, the cycle with dates, requests by state and by
    related system, the quarterly reports and each municipality's cost. Swedish, no
    JavaScript needed, accessible and printable."""
    from shvo_cli import i18n
    from shvo_cli.render.report_site import report_body
    from shvo_cli.site.build import build_site, write_site
    from shvo_cli.site.shell import Source
    from shvo_cli.store import git

    root = records_root(records, ctx)
    top = git.work_tree(root)
    commit = git.resolve_commit(top, "HEAD") if top is not None else None
    run_language = i18n.language()
    i18n.set_language("sv")  # the site is Swedish whatever the run's language
    try:
        files = build_site(root, as_of_day(as_of), Source(commit, source_url), report_body)
    finally:
        i18n.set_language(run_language)
    write_site(files, output)
    echo(_("wrote {count} files to {path}").format(count=len(files), path=output),
               err=True)
