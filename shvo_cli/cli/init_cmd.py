"""``shvo init`` and ``shvo schema export``: setting up where records live."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.console import note


def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder for the new "
                                              "records repository.")],
    force: Annotated[bool, typer.Option(
        "--force", help="Add the missing files to a non-empty folder (never overwrites).")
    ] = False,
) -> None:
    """Start a records repository: starter records, schemas, pre-commit, GitLab CI, GitHub
    Actions, VS Code settings and a README. `shvo validate` passes on it straight away."""
    from shvo_cli.i18n import _
    from shvo_cli.project.init import init as run_init

    result = run_init(directory, force=force)
    for path in result.kept:
        note(ctx, _("kept existing {path}").format(path=path))
    if result.kept:
        note(ctx, _("wrote {count} files in {directory} (kept {kept} existing)").format(
            count=len(result.written), directory=directory, kept=len(result.kept)), err=False)
    else:
        note(ctx, _("wrote {count} files in {directory}").format(
            count=len(result.written), directory=directory), err=False)


schema_app = typer.Typer(help="The JSON Schemas of the record kinds.", no_args_is_help=True)


@schema_app.command("export")
def export(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where to write them.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write the JSON Schemas (2020-12) for editors and other tools, one file per kind."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.i18n import _
    from shvo_cli.records.schemas import KINDS, schema_dir
    from shvo_cli.store.files import atomic_write

    if directory.exists() and not directory.is_dir():
        raise ShvoError(_("{target} exists and is not a folder").format(target=directory))
    directory.mkdir(parents=True, exist_ok=True)
    existing = [directory / f"{k}.schema.json" for k in KINDS
                if (directory / f"{k}.schema.json").exists()]
    if existing and not force:
        raise ShvoError(_("{path} exists; pass --force to overwrite").format(
            path=existing[0]))
    for kind in KINDS:
        atomic_write(directory / f"{kind}.schema.json",
                     (schema_dir() / f"{kind}.schema.json").read_bytes())
    note(ctx, _("wrote {count} schemas to {directory}").format(count=len(KINDS),
                                                            directory=directory), err=False)
