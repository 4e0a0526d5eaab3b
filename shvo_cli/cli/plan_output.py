"""Writing the rendered förvaltningsplan: stdout for text formats, a file for Word."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from shvo_cli.cli.common import records_root
from shvo_cli.i18n import _


def render_document(ctx: typer.Context, records: str | None, year: int, fmt: str,
                    output: Path | None) -> None:
    from shvo_cli.errors import ShvoError
    from shvo_cli.plan.document import build
    from shvo_cli.plan.sections import plan_for
    from shvo_cli.records.layout import expected_kind
    from shvo_cli.records.locate import discover
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import plan as render
    from shvo_cli.store.files import atomic_write, atomic_write_text, check_output_path

    if fmt == "docx" and output is None:
        raise ShvoError(_("--format docx writes a file: pass -o FILE.docx"))
    target = check_output_path(output) if output is not None else None
    root = records_root(records, ctx)
    kinds = ("plan", "budget", "systems", "organisation")
    files = [p for p in discover(root, kinds) if expected_kind(root, p) in kinds]
    repo = load_repository(root, files)
    plan = plan_for(repo, year)
    doc = build(plan, repo.budgets.get(year), list(repo.systems.values()), repo.organisation)
    if fmt == "docx":
        from shvo_cli.render.plan_docx import as_docx

        stamp = plan.adoption_date or datetime(year, 1, 1).date()
        data = as_docx(doc, datetime(stamp.year, stamp.month, stamp.day))
        assert target is not None
        atomic_write(target, data)
        typer.echo(_("wrote {path}").format(path=target), err=True)
        return
    text = render.as_html(doc) if fmt == "html" else render.as_markdown(doc)
    if target is None:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(target, text)
        typer.echo(_("wrote {path}").format(path=target), err=True)
