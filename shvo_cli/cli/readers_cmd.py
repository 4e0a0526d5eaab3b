"""``shvo agenda`` and ``shvo digest``: the meeting pack of a body, and a plain-text summary
of what changed and what waits, for people who read rather than run shvo."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import echo
from shvo_cli.cli.queue_view import as_of_day
from shvo_cli.i18n import _


class AgendaFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


def _write(output: Path | None, payload: str | bytes) -> None:
    from shvo_cli.errors import ShvoError
    from shvo_cli.store.files import atomic_write, check_output_path

    if output is None:
        if isinstance(payload, bytes):
            raise ShvoError(_("--format docx writes a file: add -o FILE.docx"))
        echo(payload, nl=False)
        return
    target = check_output_path(output)
    atomic_write(target, payload if isinstance(payload, bytes) else payload.encode("utf-8"))
    echo(_("wrote {path}").format(path=target), err=True)


def agenda(
    ctx: typer.Context,
    body: Annotated[str, typer.Argument(metavar="BODY", help="REF, VVG, SITIV or DVS.")],
    meeting: Annotated[str | None, typer.Option(
        "--date", help="The meeting date (YYYY-MM-DD). Default: today.", show_default=False)
    ] = None,
    output_format: Annotated[AgendaFormat, typer.Option(
        "--format", "-f", help="markdown, html or docx (Word; needs -o).")
    ] = AgendaFormat.markdown,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to this file instead of stdout.")] = None,
    records: RecordsOption = None,
) -> None:
    """The meeting pack of a body: every request awaiting its position (title, description,
    scope, assignment, related systems and who must be told, history in brief), the
    milestones due, and decision drafts with the commands that record them afterwards."""
    from shvo_cli.cycle.agenda import build, check_body
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import agenda as render

    check_body(body)
    day = as_of_day(meeting)
    data = build(load_repository(records_root(records, ctx)), body, day)
    fmt = output_format.value
    _write(output, render.as_docx(data) if fmt == "docx" else
           render.as_html(data) if fmt == "html" else render.as_markdown(data))


def digest(
    ctx: typer.Context,
    to: Annotated[str, typer.Option(
        "--to", help="A body (GITS, REF, DVS, VVG, SITIV …) or a member's e-mail address.")],
    since: Annotated[str | None, typer.Option(
        "--since", help="Changes after this date (YYYY-MM-DD). Default: the last 7 days.",
        show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Up to this date (YYYY-MM-DD). Default: today.", show_default=False)
    ] = None,
    records: RecordsOption = None,
) -> None:
    """A plain-text summary of what changed and what waits on a body or person, ready to
    paste into an e-mail or newsletter. shvo sends nothing itself."""
    from shvo_cli.cycle.digest import build
    from shvo_cli.records.repository import load_repository
    from shvo_cli.records.source import parse_iso_date
    from shvo_cli.render.digest import as_text

    start = parse_iso_date(since, "--since") if since is not None else None
    repo = load_repository(records_root(records, ctx))
    echo(as_text(build(repo, to, start, as_of_day(as_of))), nl=False)


def take_steps(root: Path, actor: object, day: object, step: str, request_ids: list[str],
               decision_id: str, commit: bool | None) -> None:
    """``decision add --step``: the step the meeting decided, on each request, citing the
    decision just recorded (which is committed first: a refused step leaves it in place)."""
    from shvo_cli.cli.common import finish
    from shvo_cli.requests import steps

    for rid in request_ids:
        finish(steps.advance(root, rid, actor, day, transition=step,  # type: ignore[arg-type]
                              decisions=[decision_id]), commit, False)
