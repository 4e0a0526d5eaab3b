"""``shvo request …``: the commands GITS case officers and the reference group use daily."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.i18n import _
from shvo_cli.store.files import change_lock

request_app = typer.Typer(help="Create requests (ärenden) and move them through the process.",
                          no_args_is_help=True)

ByOption = Annotated[str | None, typer.Option(
    "--by", help="Who acts (e-mail). Default: git config user.email.", show_default=False)]
AsOption = Annotated[str | None, typer.Option(
    "--as", help="The role (body id) acted in, e.g. GITS, REF, DVS, VVG, SITIV, AG-UTV. "
    "Default: the only role that fits.", show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", help="Date of the step, YYYY-MM-DD. Default: today.", show_default=False)]
CommitOption = Annotated[bool | None, typer.Option(
    "--commit/--no-commit", help="Commit the changed file. Default: commit when the records "
    "are in a git work tree.", show_default=False)]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Include uncommitted hand edits of the file in the commit.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="A note for the history.")]


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


def _stdin_is_terminal() -> bool:
    """Prompt only when a person can answer (not in CI, not with piped input)."""
    return sys.stdin.isatty()


def _when(raw: str | None) -> date:
    """The date a step happened: today unless given; never in the future (a step recorded
    ahead of time would claim something that has not happened)."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.records.source import parse_iso_date

    today = date.today()
    if raw is None:
        return today
    day = parse_iso_date(raw, "--date")
    if day > today:
        raise ShvoError(_("--date {date}: in the future (today is {today})").format(
            date=raw, today=today))
    return day


def _actor(root: Path, by: str | None, role: str | None) -> object:
    from shvo_cli.errors import ShvoError
    from shvo_cli.requests.steps import Actor
    from shvo_cli.store import git

    person = by
    if person is None:
        top = git.work_tree(root)
        person = git.config(top, "user.email") if top is not None else None
    if not person:
        raise ShvoError(_("who is acting? pass --by EMAIL (or set git config user.email)"))
    return Actor(person, role)


def _finish(change: object, commit: bool | None, force: bool, *, show_id: bool = False) -> None:
    from shvo_cli.requests.steps import Change, apply

    assert isinstance(change, Change)
    for warning in change.warnings:
        typer.echo("shvo: " + _("warning: {warning}").format(warning=warning), err=True)
    shown = len(change.warnings)
    sha = apply(change, commit=commit, force=force)
    for warning in change.warnings[shown:]:  # what apply repaired first (an interrupted change)
        typer.echo("shvo: " + warning, err=True)
    if show_id:
        typer.echo(change.request_id)
    # What the change did, in the run's language; the commit message itself stays English.
    line = _("{summary} (committed {commit})").format(summary=change.shown, commit=sha[:10]) \
        if sha else _("{summary} (not committed)").format(summary=change.shown)
    typer.echo(line, err=show_id)


def _choose(prompt: str, options: list[tuple[str, str]], *, optional: bool = False) -> str | None:
    """A numbered choice on the terminal; the value or its number is accepted."""
    typer.echo(prompt + ":", err=True)
    for i, (value, label) in enumerate(options, 1):
        typer.echo(f"  {i:>2}. {value}  {label}", err=True)
    while True:
        answer = str(typer.prompt(_("Choice (empty: none)") if optional else _("Choice"),
                                  default="" if optional else None, show_default=False,
                                  err=True)).strip()
        if optional and not answer:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        if answer in {v for v, _ in options}:
            return answer
        typer.echo("  " + _("not one of the choices: {answer!r}").format(answer=answer),
                   err=True)


@request_app.command("new")
def new(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option("--title", help="Short title.")] = None,
    category: Annotated[str | None, typer.Option(
        "--category", help="maintenance, sustaining-development or new-development.")] = None,
    assignment: Annotated[str | None, typer.Option(
        "--assignment", help="The plan assignment (uppdrag) it falls under.")] = None,
    channel: Annotated[str | None, typer.Option(
        "--channel", help="working-group, support, reference-group or email.")] = None,
    area: Annotated[str | None, typer.Option(
        "--area", help="in-discharge, sip, outpatient, it-service or other.")] = None,
    systems: Annotated[str | None, typer.Option(
        "--systems", help="Related systems touched, comma-separated ids (see shvo systems "
        "list).")] = None,
    description: Annotated[str | None, typer.Option("--description", help="Free text.")] = None,
    no_input: Annotated[bool, typer.Option(
        "--no-input", help="Never prompt; fail if a required option is missing.")] = False,
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
) -> None:
    """Register a new request in state 'received' and print its id.

    Prompts for what is missing when run on a terminal; with --no-input (or no terminal)
    every required option must be given: --title, --category, --channel.
    """
    from shvo_cli.errors import ShvoError
    from shvo_cli.requests import steps as request

    root = records_root(records, ctx)
    day = _when(when)
    interactive = not no_input and _stdin_is_terminal()
    if interactive:
        ctx_repo = request.load_context(root, day.year)
        plan = ctx_repo.plans.get(day.year)
        process = ctx_repo.process
        if title is None:
            title = typer.prompt(_("Title"), err=True)
        if category is None:
            category = _choose(_("Category"), [
                ("maintenance", "4.1 vidmakthållande"),
                ("sustaining-development", "4.2 vidareutveckling nödvändig för vidmakthållande"),
                ("new-development", "4.3 nyutveckling")])
        if assignment is None and plan is not None:
            assignment = _choose(_("Plan assignment (uppdrag)"), [
                (a.id, a.text[:70]) for a in plan.assignments.values()
                if a.category == category], optional=True)
        if channel is None and process is not None:
            channel = _choose(_("Came in by"), [(c, "") for c in sorted(process.channels)])
        if area is None:
            area = _choose(_("Area"), [(a, "") for a in ("in-discharge", "sip", "outpatient",
                                                      "it-service", "other")], optional=True)
        if systems is None:
            systems = typer.prompt(_("Related systems (comma-separated ids, empty: none)"),
                                   default="", show_default=False, err=True)
        if description is None:
            description = typer.prompt(_("Description (empty: none)"), default="",
                                       show_default=False, err=True) or None
    missing = [f"--{n}" for n, v in (("title", title), ("category", category),
                                     ("channel", channel)) if not v]
    if missing:
        raise ShvoError(_("missing {options} (or run on a terminal without --no-input to be "
                          "asked)").format(options=", ".join(missing)))
    fields = {"title": title, "description": description, "category": category,
              "assignment": assignment, "channel": channel, "area": area,
              "systems": [s.strip() for s in (systems or "").split(",") if s.strip()]}
    actor = _actor(root, by, role)
    with change_lock(root):
        change = request.create(root, actor, day, fields)  # type: ignore[arg-type]
        _finish(change, commit, False, show_id=True)


def _step(ctx: typer.Context, records: str | None, request_id: str, by: str | None,
          role: str | None, when: str | None, commit: bool | None, force: bool,
          **kwargs: object) -> None:
    from shvo_cli.requests import steps as request
    root = records_root(records, ctx)
    actor, day = _actor(root, by, role), _when(when)
    with change_lock(root):
        change = request.advance(root, request_id, actor, day,  # type: ignore[arg-type]
                                 **kwargs)  # type: ignore[arg-type]
        _finish(change, commit, force)


DecisionOption = Annotated[list[str] | None, typer.Option(
    "--decision", help="A decision record id (DEC-…); repeat for several.", show_default=False)]


@request_app.command("advance")
def advance(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    to: Annotated[str, typer.Argument(metavar="TO-STATE", help="The state to move to.")],
    transition: Annotated[str | None, typer.Option(
        "--transition", help="Name the transition when several lead to TO-STATE.")] = None,
    decision: DecisionOption = None,
    subregion: Annotated[str | None, typer.Option(
        "--subregion", help="Subregion lifting an escalation (GR, FYRBODAL, …).")] = None,
    outcome: Annotated[str | None, typer.Option(
        "--outcome", help="Acceptance test outcome: passed or failed.")] = None,
    scope: Annotated[str | None, typer.Option(
        "--scope", help="within-plan, next-year or beyond-plan (set when triaging).")] = None,
    assignment: Annotated[str | None, typer.Option(
        "--assignment", help="Plan assignment, if the request does not name one yet.")] = None,
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    records: RecordsOption = None,
) -> None:
    """Move a request to TO-STATE, if the process allows it from here, for this role, with
    every requirement met. Refusals say which steps are open."""
    _step(ctx, records, request_id, by, role, when, commit, force, to=to,
          transition=transition, decisions=decision or [], subregion=subregion,
          outcome=outcome, scope=scope, assignment=assignment, note=note)


@request_app.command("triage")
def triage(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    scope: Annotated[str, typer.Option(
        "--scope", help="within-plan, next-year or beyond-plan.")],
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    records: RecordsOption = None,
) -> None:
    """GITS's first assessment: received → triaged, with the request's scope."""
    _step(ctx, records, request_id, by, role, when, commit, force, transition="triage",
          scope=scope, note=note)


@request_app.command("escalate")
def escalate(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    subregion: Annotated[str, typer.Option("--subregion", help="The subregion lifting it.")],
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    records: RecordsOption = None,
) -> None:
    """No consensus: lift the request through subregional collaboration to VVG."""
    _step(ctx, records, request_id, by, role, when, commit, force, transition="escalate",
          subregion=subregion, note=note)


class Verdict(StrEnum):
    approve = "approve"
    reject = "reject"


_DECIDE = {
    ("escalated", "approve"): "vvg-approve", ("escalated", "reject"): "vvg-reject",
    ("inventoried", "approve"): "take-on", ("inventoried", "reject"): "not-take-on",
    ("taken-on", "approve"): "include-in-plan",
    ("anchoring", "approve"): "anchor", ("anchoring", "reject"): "refuse-anchoring",
    ("triaged", "approve"): "agree", ("triaged", "reject"): "decline",
}


@request_app.command("decide")
def decide(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    verdict: Annotated[Verdict, typer.Argument(help="approve or reject.")],
    decision: DecisionOption = None,
    assignment: Annotated[str | None, typer.Option("--assignment")] = None,
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    records: RecordsOption = None,
) -> None:
    """Record a position: REF's consensus on a triaged request, VVG's decision on an
    escalated one or on a need for next year, VVG and SITIV anchoring work beyond the plan."""
    from shvo_cli.requests import steps as request
    root = records_root(records, ctx)
    req = request.load_request(root, request_id)[2]
    transition = _DECIDE.get((req.state, verdict.value))
    if transition is None:
        raise request.StepRefused(_("{id} is {state}: there is nothing to {verdict} (see shvo "
                                    "request show {id})").format(id=request_id, state=req.state,
                                                                  verdict=verdict.value))
    _step(ctx, records, request_id, by, role, when, commit, force, transition=transition,
          decisions=decision or [], assignment=assignment, note=note)


@request_app.command("release")
def release(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    records: RecordsOption = None,
) -> None:
    """Put a tested change into production, once the reference group has been informed."""
    _step(ctx, records, request_id, by, role, when, commit, force, transition="release",
          note=note)


@request_app.command("note")
def note_cmd(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, force: ForceOption = False, records: RecordsOption = None,
) -> None:
    """Add a dated note to the request's history (the state does not change)."""
    from shvo_cli.requests import steps as request
    root = records_root(records, ctx)
    actor, day = _actor(root, by, role), _when(when)
    with change_lock(root):
        _finish(request.note(root, request_id, actor, day, text),  # type: ignore[arg-type]
                commit, force)


@request_app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    title: Annotated[str | None, typer.Option("--title")] = None,
    description: Annotated[str | None, typer.Option("--description")] = None,
    systems: Annotated[str | None, typer.Option(
        "--systems", help="Comma-separated system ids (replaces the list).")] = None,
    assignment: Annotated[str | None, typer.Option("--assignment")] = None,
    area: Annotated[str | None, typer.Option("--area")] = None,
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    records: RecordsOption = None,
) -> None:
    """Change descriptive fields; the history records which. The state changes only
    through advance."""
    from shvo_cli.requests import steps as request
    root = records_root(records, ctx)
    changes = {"title": title, "description": description, "assignment": assignment,
               "area": area,
               "systems": None if systems is None else
               [s.strip() for s in systems.split(",") if s.strip()]}
    actor, day = _actor(root, by, role), _when(when)
    with change_lock(root):
        _finish(request.edit(root, request_id, actor, day, changes,  # type: ignore[arg-type]
                             note), commit, force)


@request_app.command("list")
def list_cmd(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option("--state")] = None,
    category: Annotated[str | None, typer.Option("--category")] = None,
    scope: Annotated[str | None, typer.Option("--scope")] = None,
    system: Annotated[str | None, typer.Option("--system")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    records: RecordsOption = None,
) -> None:
    """List requests, oldest first, filtered by state, category, scope or related system."""
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import requests as render
    from shvo_cli.requests.views import select

    repo = load_repository(records_root(records, ctx))
    rows = select(repo, state=state, category=category, scope=scope, system=system)
    typer.echo(render.listing(rows, output_format.value), nl=False)


@request_app.command("show")
def show(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    output_format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
    records: RecordsOption = None,
) -> None:
    """Everything about one request: fields, history as a timeline, the steps open from
    here and who may take them, and who must be told (owners of the related systems)."""
    from shvo_cli.render import requests as render
    from shvo_cli.requests import steps as request
    from shvo_cli.requests.views import detail

    root = records_root(records, ctx)
    path = request.request_path(root, request.check_id(request_id))
    view = detail(root, path, request_id)
    typer.echo(render.detail_text(view) if output_format is ShowFormat.text
               else render.detail_json(view), nl=False)


@request_app.command("log")
def log_cmd(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID")],
    output_format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
    records: RecordsOption = None,
) -> None:
    """The request's timeline from git: each commit that changed it (author, committer,
    date, signature, the step and the entries it added) beside the file's own history, with
    every disagreement flagged (codes as shvo audit). Exit 1 if any is an error."""
    from shvo_cli.cli.audit_cmd import request_log

    request_log(ctx, request_id, output_format is ShowFormat.json, records)
