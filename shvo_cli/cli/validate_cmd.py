"""``shvo validate``: every problem in every record file, at its line."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import emit, note, progress


class FindingFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"


def validate(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(
        help="Only report on these files or folders (references still resolve against all "
        "records).", show_default=False)] = None,
    output_format: Annotated[FindingFormat, typer.Option(
        "--format", "-f", help="text (path:line:col: severity[CODE] message), json, or "
        "github (workflow annotations), gitlab (Code Quality JSON) or sarif (2.1.0).")
    ] = FindingFormat.text,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 on warnings too.")] = False,
    records: RecordsOption = None,
) -> None:
    """Check every record file: YAML, schema, references, budget, population, process,
    request histories and patient data.

    Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict),
    2 usage or environment problem (no records found, unreadable path).
    """
    from shvo_cli.checks.validate import validate as run_validate
    from shvo_cli.i18n import _
    from shvo_cli.records.locate import check_paths
    from shvo_cli.render import findings as render

    root = records_root(records, ctx)
    only = check_paths(root, paths) if paths else None
    with progress(ctx, "shvo validate", _("shvo validate: {done}/{total} files")) as tick:
        result = run_validate(root, only, progress=tick)
    emit(render.FORMATS, output_format.value, result)
    if output_format is not FindingFormat.json:
        note(ctx, render.summary_line(result))
    raise typer.Exit(int(result.exit_code(strict)))
