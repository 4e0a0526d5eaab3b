"""``shvo cycle …``: where the year stands, and the quarterly report for VVG and SITIV."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import echo, emit, note, progress
from shvo_cli.i18n import _

cycle_app = typer.Typer(help="The annual cycle (förvaltningsmodellen) and quarterly report.",
                        no_args_is_help=True)

AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="The date the report is made as of (YYYY-MM-DD). Default: today. The same "
    "records and --as-of always give the same output.", show_default=False)]


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


def _as_of(raw: str | None) -> date:
    from shvo_cli.records.source import parse_iso_date

    if raw is None:
        return date.today()
    return parse_iso_date(raw, "--as-of")


@cycle_app.command("status")
def status(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Argument(help="Cycle year (default: the as-of year).")
                    ] = None,
    as_of: AsOfOption = None, records: RecordsOption = None,
) -> None:
    """Each milestone of the year's cycle — done (by which decision), due this quarter,
    overdue, upcoming — and what is waiting on whom."""
    from shvo_cli.cycle.status import cycle_status
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import cycle as render

    day = _as_of(as_of)
    cycle_year = year if year is not None else day.year
    repo = load_repository(records_root(records, ctx))
    emit(render.STATUS_FORMATS, "table", cycle_status(repo, cycle_year, day), cycle_year, day)
    _drafts(repo, cycle_year)


def _drafts(repo: object, year: int) -> None:
    """Next year's plan and budget: drafted or not, and what each waits on."""
    from shvo_cli.cycle.drafts import next_year_drafts

    echo(_("Next year ({year}):").format(year=year + 1))
    for d in next_year_drafts(repo, year):  # type: ignore[arg-type]
        if not d.exists:
            line = _("{id}: not drafted yet — waits on {body}: {action}")
        elif d.waiting_on:
            line = _("{id}: {status} — waits on {body}: {action}")
        else:
            line = _("{id}: {status} ({action})")
        echo("  " + line.format(id=d.id, status=_(d.status or ""), body=d.waiting_on,
                                      action=d.action))


@cycle_app.command("report")
def report(
    ctx: typer.Context,
    quarter: Annotated[str | None, typer.Option(
        "--quarter", help="YYYYQn, e.g. 2025Q2. Default: the as-of quarter.")] = None,
    as_of: AsOfOption = None,
    output_format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="text, markdown (web site, SOFIA), json, or html (one "
        "self-contained file that opens offline and prints on A4).")] = ReportFormat.text,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to this file instead of stdout.")] = None,
    records: RecordsOption = None,
) -> None:
    """The quarterly report for VVG and SITIV: plan and budget status, the cycle, requests
    (by state, movement, waiting too long), next year's inventory, related systems, charts."""
    from shvo_cli.checks.validate import validate
    from shvo_cli.cycle import report as core
    from shvo_cli.cycle.status import parse_quarter, quarter_of
    from shvo_cli.render.report import FORMATS, render
    from shvo_cli.store.files import atomic_write_text, check_output_path

    day = _as_of(as_of)
    year, q = parse_quarter(quarter) if quarter is not None else (day.year, quarter_of(day))
    target = check_output_path(output) if output is not None else None
    root = records_root(records, ctx)
    with progress(ctx, "shvo cycle report",
                  _("shvo cycle report: {done}/{total} files")) as tick:
        checked = validate(root, progress=tick)
    data = core.build(checked.repository, root, year, q, day, checked)
    if target is None:
        emit(FORMATS, output_format.value, data)
    else:
        atomic_write_text(target, render(data, output_format.value))
        note(ctx, _("wrote {path}").format(path=target))
