"""``shvo cycle …``: where the year stands, and the quarterly report for VVG and SITIV."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.i18n import N_, _

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


STATUS = {"done": N_("done"), "due": N_("due now"), "overdue": N_("OVERDUE"),
          "upcoming": N_("upcoming")}


@cycle_app.command("status")
def status(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Argument(help="Cycle year (default: the as-of year).")
                    ] = None,
    as_of: AsOfOption = None, records: RecordsOption = None,
) -> None:
    """Each milestone of the year's cycle — done (by which decision), due this quarter,
    overdue, upcoming — and what is waiting on whom."""
    from shvo_cli.cycle.drafts import deadline
    from shvo_cli.cycle.status import cycle_status
    from shvo_cli.records.repository import load_repository

    day = _as_of(as_of)
    cycle_year = year if year is not None else day.year
    repo = load_repository(records_root(records, ctx))
    rows = cycle_status(repo, cycle_year, day)
    typer.echo(_("Cycle {year} as of {date}").format(year=cycle_year, date=day))
    width = max(len(m.id) for m in rows) if rows else 10
    for m in rows:
        quarters = "–".join(_("Q{n}").format(n=q) for q in (m.quarters[0], m.quarters[-1])) \
            if len(m.quarters) > 1 else _("Q{n}").format(n=m.quarters[0])
        if m.status == "done":
            detail = f"{m.decision} ({m.decided_on})"
        elif m.blocked_by:
            detail = _("waiting on {bodies} (after {milestones})").format(
                bodies=", ".join(m.waiting_on), milestones=", ".join(m.blocked_by))
        else:
            detail = _("waiting on {bodies}").format(bodies=", ".join(m.waiting_on))
        typer.echo(f"  {m.id:<{width}}  {quarters:<6} {deadline(cycle_year, m.quarters)}  "
                   f"{m.body:<6} {_(STATUS[m.status]):<9} {detail}")
    _drafts(repo, cycle_year)


def _drafts(repo: object, year: int) -> None:
    """Next year's plan and budget: drafted or not, and what each waits on."""
    from shvo_cli.cycle.drafts import next_year_drafts

    typer.echo(_("Next year ({year}):").format(year=year + 1))
    for d in next_year_drafts(repo, year):  # type: ignore[arg-type]
        if not d.exists:
            line = _("{id}: not drafted yet — waits on {body}: {action}")
        elif d.waiting_on:
            line = _("{id}: {status} — waits on {body}: {action}")
        else:
            line = _("{id}: {status} ({action})")
        typer.echo("  " + line.format(id=d.id, status=_(d.status or ""), body=d.waiting_on,
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
    from shvo_cli.render.report import render
    from shvo_cli.store.files import atomic_write_text, check_output_path

    day = _as_of(as_of)
    year, q = parse_quarter(quarter) if quarter is not None else (day.year, quarter_of(day))
    target = check_output_path(output) if output is not None else None
    root = records_root(records, ctx)
    checked = validate(root)
    text = render(core.build(checked.repository, root, year, q, day, checked),
                  output_format.value)
    if target is None:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(target, text)
        typer.echo(_("wrote {path}").format(path=target), err=True)
