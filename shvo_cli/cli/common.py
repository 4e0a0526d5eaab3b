"""Options shared by commands, and the one place records roots are resolved for the CLI."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from shvo_cli.paths import display_path

if TYPE_CHECKING:
    from shvo_cli.records.change import Actor, Change

RecordsOption = Annotated[
    str | None,
    typer.Option(
        "--records",
        help="Records folder (or a folder with shvo.yaml). Default: $SHVO_RECORDS, else the "
        "nearest shvo.yaml at or above the working directory.",
        show_default=False,
    ),
]


def records_root(option: str | None, ctx: typer.Context) -> Path:
    """Resolve the root from the command's option, else the global one, else discovery."""
    from shvo_cli.records.locate import find_records_root

    given = option or (ctx.obj or {}).get("records")
    return find_records_root(given, os.environ, Path.cwd())


def note(ctx: typer.Context, text: str) -> None:
    """A diagnostic for people (a summary line, "wrote …", a warning that is not an error):
    stderr, and nothing with --quiet. (Kept here for the commands that import it.)"""
    from shvo_cli.cli.console import note as console_note

    console_note(ctx, text)


# --- Changing commands: who acts, when, and what to tell when the change is done. ---------
# One owner for the options and helpers every changing command shares (request steps,
# decisions), so each command body only parses, calls, renders and exits.

ByOption = Annotated[str | None, typer.Option(
    "--by", metavar="EMAIL", help="Who acts (e-mail). Default: git config user.email.",
    show_default=False)]
AsOption = Annotated[str | None, typer.Option(
    "--as", metavar="ROLE", help="The role (body id) acted in, e.g. GITS, REF, DVS, VVG, "
    "SITIV, AG-UTV. Default: the only role that fits.", show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", metavar="DATE", help="Date of the step, YYYY-MM-DD. Default: today.",
    show_default=False)]
CommitOption = Annotated[bool | None, typer.Option(
    "--commit/--no-commit", help="Commit the changed file. Default: commit when the records "
    "are in a git work tree.", show_default=False)]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Include uncommitted hand edits of the file in the commit.")]
NoteOption = Annotated[str | None, typer.Option(
    "--note", metavar="TEXT", help="A note for the history.")]
NoInputOption = Annotated[bool, typer.Option(
    "--no-input", help="Never prompt; fail if a required option is missing.")]


_DETACHED = {"allowed": False}


def _remember_detached(value: bool) -> bool:
    """click calls this for every run of a command that declares --allow-detached, given
    or not, so the run's own answer always replaces the last run's (tests run many in one
    process); ``finish`` reads it, so no command body has to pass it along."""
    _DETACHED["allowed"] = bool(value)
    return value


AllowDetachedOption = Annotated[bool, typer.Option(
    "--allow-detached", callback=_remember_detached,
    help="Commit even when HEAD is detached (not on a branch). The commit is then reachable "
    "only from HEAD: create a branch for it (git switch -c NAME) before the next checkout.")]


def detached_allowed() -> bool:
    """Whether this run may commit on a detached HEAD (--allow-detached)."""
    return _DETACHED["allowed"]


def stdin_is_terminal() -> bool:
    """Prompt only when a person can answer (not in CI, not with piped input)."""
    import sys

    return sys.stdin.isatty()


def when(raw: str | None) -> date:
    """The date a step happened: today unless given; never in the future (a step recorded
    ahead of time would claim something that has not happened)."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.i18n import _
    from shvo_cli.records.source import parse_iso_date

    today = date.today()
    if raw is None:
        return today
    day = parse_iso_date(raw, "--date")
    if day > today:
        raise ShvoError(_("--date {date}: in the future (today is {today})").format(
            date=raw, today=today))
    return day


def actor(root: Path, by: str | None, role: str | None) -> Actor:
    """The acting person: --by, else git config user.email; refused without one."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.i18n import _
    from shvo_cli.records.change import Actor
    from shvo_cli.store import git

    person = by
    if person is None:
        top = git.work_tree(root)
        person = git.config(top, "user.email") if top is not None else None
    if not person:
        raise ShvoError(_("who is acting? pass --by EMAIL (or set git config user.email)"))
    return Actor(person, role)


def member_actor(root: Path, by: str | None, role: str | None) -> Actor:
    """The acting person, checked against the organisation's members before any question
    is asked: answering seven questions only to be refused at the end wastes a person's
    time. The full check (role, step) still happens when the change is computed."""
    from shvo_cli.i18n import _
    from shvo_cli.records.process import StepRefused
    from shvo_cli.records.repository import load_repository

    who = actor(root, by, role)
    org_file = root / "organisation.yaml"
    org = load_repository(root, [org_file]).organisation if org_file.is_file() else None
    if org is None or not org.members:
        return who  # recorded as claimed later, with a warning
    member = org.member(who.person)
    if member is None:
        raise StepRefused(_(
            "{person} is not a member of the organisation ({file} lists who may act): set "
            "your address with git config user.email ADDRESS, or pass --by ADDRESS, using a "
            "member's address").format(person=who.person, file=display_path(org_file)))
    if role is not None and role not in member.roles:
        raise StepRefused(_("{person} does not hold role {role} (holds {roles})").format(
            person=who.person, role=role, roles=", ".join(sorted(member.roles))))
    return who


def finish(change: Change, commit: bool | None, force: bool, *, show_id: bool = False) -> None:
    """Apply a computed change and say what it did, in the run's language (the commit
    message itself stays English); a new record's id goes to stdout for scripts."""
    from shvo_cli.cli.console import echo
    from shvo_cli.i18n import _
    from shvo_cli.records.change import apply

    for warning in change.warnings:
        echo("shvo: " + _("warning: {warning}").format(warning=warning), err=True)
    shown = len(change.warnings)
    sha = apply(change, commit=commit, force=force, allow_detached=detached_allowed())
    for warning in change.warnings[shown:]:  # what apply repaired first (an interrupted change)
        echo("shvo: " + warning, err=True)
    if show_id:
        echo(change.request_id)
    line = _("{summary} (committed {commit})").format(summary=change.shown, commit=sha[:10]) \
        if sha else _("{summary} (not committed)").format(summary=change.shown)
    echo(line, err=show_id)


def import_with(ctx: typer.Context, records: str | None, file: Path,
                importer: Callable[[Path, Path, Actor, date], Change], *, by: str | None,
                role: str | None, day: str | None, commit: bool | None) -> None:
    """What every ``… import FILE`` command does: the records, who acts and on which day,
    then ``importer(root, file, actor, day)`` under the change lock, applied and reported."""
    from shvo_cli.store.files import change_lock

    root = records_root(records, ctx)
    who, on = actor(root, by, role), when(day)
    with change_lock(root):
        finish(importer(root, file, who, on), commit, False)


def require(fields: Mapping[str, object], names: tuple[str, ...]) -> None:
    """Refuse before any work when a required option is missing (no terminal to ask on)."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.i18n import _

    missing = ["--" + n.rstrip("_").replace("_", "-") for n in names if not fields.get(n)]
    if missing:
        raise ShvoError(_("missing {options} (or run on a terminal without --no-input to be "
                          "asked)").format(options=", ".join(missing)))


def split_ids(raw: object) -> list[str]:
    """A comma-separated list of ids as given to an option ("SAMSA, HSA")."""
    return [s.strip() for s in str(raw or "").split(",") if s.strip()]


# --- Next year's records from this year's (plan new, budget new). ---------------------------

FromYearOption = Annotated[int, typer.Option(
    "--from", metavar="YEAR", help="The year to start from (YEAR).", show_default=False)]
ForceNextOption = Annotated[bool, typer.Option(
    "--force", help="Allow NEXT other than the year after --from.")]

