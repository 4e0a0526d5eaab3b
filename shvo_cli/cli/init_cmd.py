"""``shvo init`` and ``shvo schema export``: setting up where records live."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder for the new "
                                              "records repository.")],
    force: Annotated[bool, typer.Option(
        "--force", help="Add the missing files to a non-empty folder (never overwrites).")
    ] = False,
) -> None:
    """Start a records repository: starter records, schemas, pre-commit, GitLab CI, GitHub
    Actions, VS Code settings and a README. `shvo validate` passes on it straight away."""
    from shvo_cli.init import init as run_init

    result = run_init(directory, force=force)
    for path in result.kept:
        typer.echo(f"kept existing {path}", err=True)
    typer.echo(f"wrote {len(result.written)} files in {directory}"
               + (f" (kept {len(result.kept)} existing)" if result.kept else ""))


schema_app = typer.Typer(help="The JSON Schemas of the record kinds.", no_args_is_help=True)


@schema_app.command("export")
def export(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where to write them.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write the JSON Schemas (2020-12) for editors and other tools, one file per kind."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.files import atomic_write
    from shvo_cli.schemas import KINDS, schema_dir

    if directory.exists() and not directory.is_dir():
        raise ShvoError(f"{directory} exists and is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    existing = [directory / f"{k}.schema.json" for k in KINDS
                if (directory / f"{k}.schema.json").exists()]
    if existing and not force:
        raise ShvoError(f"{existing[0]} exists; pass --force to overwrite")
    for kind in KINDS:
        atomic_write(directory / f"{kind}.schema.json",
                     (schema_dir() / f"{kind}.schema.json").read_bytes())
    typer.echo(f"wrote {len(KINDS)} schemas to {directory}")
