"""``shvo audit``, ``shvo codeowners`` and ``shvo request log``: git history as evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from shvo_cli.cli import console
from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import note
from shvo_cli.cli.validate_cmd import FindingFormat
from shvo_cli.i18n import _


def audit(
    ctx: typer.Context,
    range_: Annotated[str | None, typer.Option(
        "--range", help="Commits to audit, A..B as git reads it (e.g. origin/main..HEAD for a "
        "pull request). Default: the whole history of HEAD.", show_default=False)] = None,
    output_format: Annotated[FindingFormat, typer.Option(
        "--format", "-f", help="As shvo validate: text (path:line:col: severity[CODE] "
        "message), json, github (workflow annotations), gitlab (Code Quality JSON) or sarif.")
    ] = FindingFormat.text,
    require_signed: Annotated[bool, typer.Option(
        "--require-signed", help="Every commit must carry a good signature, and roles are "
        "checked against the signer instead of the self-asserted author.")] = False,
    since_verified: Annotated[bool, typer.Option(
        "--since-verified", help="Audit from the commit last recorded as audited (--record) "
        "to HEAD; an error if that commit is no longer an ancestor of HEAD.")] = False,
    record: Annotated[bool, typer.Option(
        "--record", help="After a clean run over the whole history (or --since-verified), "
        "remember HEAD as audited (ref refs/shvo/audited).")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress counter and no summary line.")] = False,
    records: RecordsOption = None,
) -> None:
    """Check every commit that changed the records against the process and the roles.

    History only appended, each step legal and made by a person holding the role (by the
    organisation records of the time), dates consistent with the commits, hand edits and
    changes to adopted plans and decided budgets flagged. Exit status as shvo validate:
    0 clean, 1 errors (or warnings with --strict), 2 not a git repository or a bad range.
    """
    from shvo_cli.audit import run as core
    from shvo_cli.errors import ShvoError
    from shvo_cli.render import audit as render

    if record and range_ is not None:
        raise ShvoError(_("--record needs the whole history (or --since-verified), not "
                          "--range"))
    quiet = quiet or console.quiet(ctx)
    root = records_root(records, ctx)
    with console.progress(ctx, "shvo audit", _("shvo audit: {done}/{total} commits"),
                          silent=quiet) as tick:
        result = core.audit(root, range_=range_, since_verified=since_verified,
                            require_signed=require_signed, progress=tick)
    console.emit(render.FORMATS, output_format.value, result)
    if not quiet and output_format is not FindingFormat.json:
        console.echo(render.summary_line(result), err=True)
    code = result.exit_code(strict)
    if record and code == 0:
        _record(result, quiet)
    raise typer.Exit(int(code))


def _record(result: object, quiet: bool) -> None:
    """Remember a clean run's tip as audited, and say so unless quiet."""
    from shvo_cli.audit import run as core

    assert isinstance(result, core.AuditResult)
    core.record(result)
    if not quiet:
        console.echo("shvo: " + _("recorded {commit} as audited ({ref})").format(
            commit=result.tip[:10], ref=core.AUDITED_REF), err=True)


def codeowners(
    ctx: typer.Context,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Where to write ('-' for standard output). Default: CODEOWNERS "
        "at the top of the repository.", show_default=False)] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; exit 1 if the file is missing or out of date (CI).")
    ] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite a CODEOWNERS file shvo did not generate.")] = False,
    records: RecordsOption = None,
) -> None:
    """Write CODEOWNERS from the organisation records: who must approve changes to which
    records (VVG: organisation, process, plans; SITIV: budgets; each decision: the body that
    took it), so the git host enforces at merge time what shvo audit verifies afterwards."""
    from shvo_cli.audit import codeowners as core

    root = records_root(records, ctx)
    to_stdout = output == "-"
    plan = core.plan(root, None if output is None or to_stdout else Path(output))
    for warning in plan.warnings:
        note(ctx, "shvo: " + _("warning: {warning}").format(warning=warning))
    if to_stdout:
        console.echo(plan.text, nl=False)
        raise typer.Exit(0)
    if check:
        raise typer.Exit(_check(ctx, plan))
    _write(ctx, plan, output, force)


def _check(ctx: typer.Context, plan: Any) -> int:
    """``codeowners --check``: 0 when the file is as the records say, 1 (and why) if not."""
    if plan.up_to_date:
        note(ctx, "shvo: " + _("{path} is up to date").format(path=plan.path))
        return 0
    state = _("{path} is missing: run shvo codeowners") if plan.current is None else \
        _("{path} is out of date: run shvo codeowners")
    console.echo("shvo: " + state.format(path=plan.path), err=True)
    return 1


def _write(ctx: typer.Context, plan: Any, output: str | None, force: bool) -> None:
    """Write CODEOWNERS unless it is current; never over a file shvo did not generate."""
    from shvo_cli.audit import codeowners as core
    from shvo_cli.errors import ShvoError
    from shvo_cli.store.files import atomic_write_text

    if plan.current is not None and not core.is_generated(plan.current) and not force:
        raise ShvoError(_("{path} was not generated by shvo (no '{header}' header); pass "
                          "--force to replace it, or --output elsewhere").format(
            path=plan.path, header=core.GENERATED))
    if plan.up_to_date:
        note(ctx, "shvo: " + _("{path} is up to date").format(path=plan.path))
        return
    if not plan.path.parent.is_dir():
        raise ShvoError(_("--output {output}: no such folder {folder}").format(
            output=output, folder=plan.path.parent))
    atomic_write_text(plan.path, plan.text)
    note(ctx, "shvo: " + _("wrote {path}").format(path=plan.path))


def request_log(ctx: typer.Context, request_id: str, json_format: bool,
                records: str | None) -> None:
    """``shvo request log``: registered in request_cmd.py, implemented here."""
    from shvo_cli.audit.request_log import request_log as core_log
    from shvo_cli.render import audit as render

    log = core_log(records_root(records, ctx), request_id)
    console.emit(render.LOG_FORMATS, "json" if json_format else "text", log)
    errors = any(f.severity.value == "error" for e in log.events for f in e.findings)
    raise typer.Exit(1 if errors else 0)
