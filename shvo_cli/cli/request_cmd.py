"""``shvo request …``: the commands GITS case officers and the reference group use daily."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from shvo_cli.cli import common
from shvo_cli.cli.common import (
    AllowDetachedOption,
    AsOption,
    ByOption,
    CommitOption,
    DateOption,
    ForceOption,
    NoInputOption,
    NoteOption,
    RecordsOption,
    records_root,
)
from shvo_cli.cli.console import emit
from shvo_cli.cli.queue_view import MunicipalityOption, _codes
from shvo_cli.i18n import _
from shvo_cli.store.files import change_lock

request_app = typer.Typer(help="Create requests (ärenden) and move them through the process.",
                          no_args_is_help=True)

WithOption = Annotated[str | None, typer.Option(
    "--with", metavar="EMAIL", help="Consensus steps (6.3.1): e-mail of who concurred for the "
    "other body (GITS when REF acts).", show_default=False)]


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


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
    municipality: MunicipalityOption = None,
    from_mail: Annotated[Path | None, typer.Option(
        "--from-mail", help="Register one request per e-mail: an .eml file, a folder of them, "
        "or an mbox. Needs --category; the channel is email, the date the mail's.",
        show_default=False)] = None,
    no_input: NoInputOption = False,
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Register a new request in state 'received' and print its id.

    Prompts for what is missing when run on a terminal; with --no-input (or no terminal)
    every required option must be given: --title, --category, --channel.
    """
    from shvo_cli.cli.questions import request_fields
    from shvo_cli.requests import steps as request

    root = records_root(records, ctx)
    if from_mail is not None:
        from shvo_cli.cli.intake_view import register_mails

        return register_mails(root, common.actor(root, by, role), from_mail, category, commit)
    day = common.when(when)
    who = common.member_actor(root, by, role)  # before the first question, not after
    fields: dict[str, Any] = {
        "title": title, "description": description, "category": category,
        "assignment": assignment, "channel": channel, "area": area, "systems": systems}
    if not no_input and common.stdin_is_terminal():
        fields = request_fields(root, day, fields)
    common.require(fields, ("title", "category", "channel"))
    fields["systems"] = common.split_ids(fields["systems"])
    if municipality:
        fields["municipalities"] = _codes(municipality)
    with change_lock(root):
        common.finish(request.create(root, who, day, fields), commit, False, show_id=True)


def _step(ctx: typer.Context, records: str | None, request_id: str, by: str | None,
          role: str | None, when: str | None, commit: bool | None, force: bool,
          **kwargs: object) -> None:
    from shvo_cli.requests import steps as request
    root = records_root(records, ctx)
    actor, day = common.actor(root, by, role), common.when(when)
    with change_lock(root):
        change = request.advance(root, request_id, actor, day,
                                 **kwargs)  # type: ignore[arg-type]
        common.finish(change, commit, force)


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
    concurrence: WithOption = None,
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """Move a request to TO-STATE, if the process allows it from here, for this role, with
    every requirement met. Refusals say which steps are open."""
    _step(ctx, records, request_id, by, role, when, commit, force, to=to,
          transition=transition, decisions=decision or [], subregion=subregion,
          outcome=outcome, scope=scope, assignment=assignment, note=note,
          concurrence=concurrence)


@request_app.command("triage")
def triage(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    scope: Annotated[str, typer.Option(
        "--scope", help="within-plan, next-year or beyond-plan.")],
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """GITS's first assessment: received → triaged, with the request's scope."""
    _step(ctx, records, request_id, by, role, when, commit, force, transition="triage",
          scope=scope, note=note)


@request_app.command("escalate")
def escalate(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    subregion: Annotated[str | None, typer.Option(
        "--subregion", help="The subregion lifting it. Default: the representative's own.",
        show_default=False)] = None,
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    allow_detached: AllowDetachedOption = False,
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
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    verdict: Annotated[Verdict, typer.Argument(help="approve or reject.")],
    decision: DecisionOption = None,
    assignment: Annotated[str | None, typer.Option(
        "--assignment", help="Plan assignment, if the request does not name one yet.")] = None,
    concurrence: WithOption = None,
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    allow_detached: AllowDetachedOption = False,
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
          decisions=decision or [], assignment=assignment, note=note, concurrence=concurrence)


@request_app.command("release")
def release(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """Put a tested change into production, once the reference group has been informed."""
    _step(ctx, records, request_id, by, role, when, commit, force, transition="release",
          note=note)


@request_app.command("note")
def note_cmd(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    decision: Annotated[list[str] | None, typer.Option(
        "--decision", help="Cite a decision taken after the step it concerns (DEC-…); "
        "repeat for several.", show_default=False)] = None,
    awaiting: Annotated[str | None, typer.Option(
        "--awaiting-meeting", help="REF or VVG: the request now waits for that body's "
        "meeting (pauses GITS's service-level clock until the next entry).",
        show_default=False)] = None,
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, force: ForceOption = False, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Add a dated note to the request's history (the state does not change)."""
    from shvo_cli.requests import steps as request
    root = records_root(records, ctx)
    actor, day = common.actor(root, by, role), common.when(when)
    with change_lock(root):
        common.finish(request.note(root, request_id, actor, day, text,
                                   decisions=decision or [], awaiting_meeting=awaiting),
                      commit, force)


@request_app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    title: Annotated[str | None, typer.Option("--title", help="New short title.")] = None,
    description: Annotated[str | None, typer.Option(
        "--description", help="New free text.")] = None,
    systems: Annotated[str | None, typer.Option(
        "--systems", help="Comma-separated system ids (replaces the list).")] = None,
    assignment: Annotated[str | None, typer.Option(
        "--assignment", help="The plan assignment (uppdrag) it falls under.")] = None,
    area: Annotated[str | None, typer.Option(
        "--area", help="in-discharge, sip, outpatient, it-service or other.")] = None,
    municipality: MunicipalityOption = None,
    note: NoteOption = None, by: ByOption = None, role: AsOption = None,
    when: DateOption = None, commit: CommitOption = None, force: ForceOption = False,
    allow_detached: AllowDetachedOption = False,
    records: RecordsOption = None,
) -> None:
    """Change descriptive fields; the history records which. The state changes only
    through advance."""
    from shvo_cli.requests import steps as request
    root = records_root(records, ctx)
    changes = {"title": title, "description": description, "assignment": assignment,
               "area": area,
               "systems": None if systems is None else
               [s.strip() for s in systems.split(",") if s.strip()],
               "municipalities": None if municipality is None else _codes(municipality)}
    actor, day = common.actor(root, by, role), common.when(when)
    with change_lock(root):
        common.finish(request.edit(root, request_id, actor, day, changes,
                             note), commit, force)


@request_app.command("list")
def list_cmd(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option("--state", help="Only requests in this state.")
                     ] = None,
    category: Annotated[str | None, typer.Option(
        "--category", help="Only requests of this category.")] = None,
    scope: Annotated[str | None, typer.Option(
        "--scope", help="Only requests of this scope.")] = None,
    system: Annotated[str | None, typer.Option(
        "--system", help="Only requests touching this related system.")] = None,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", "-f", help="table, json or csv.")] = ListFormat.table,
    records: RecordsOption = None,
    waiting_on: Annotated[str | None, typer.Option(
        "--waiting-on", help="Open requests whose next step is this body's (GITS, REF, DVS, "
        "VVG, SITIV, AG-UTV …), or 'me': the bodies you belong to.")] = None,
    overdue: Annotated[bool, typer.Option(
        "--overdue", help="Only open requests in a state longer than its service level.")
    ] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The queue as it stood on this date (YYYY-MM-DD). Default: today.")
    ] = None,
    municipality: Annotated[str | None, typer.Option(
        "--municipality", help="Only requests concerning this municipality (kommunkod).")
    ] = None,
    by: ByOption = None,
) -> None:
    """List requests, oldest first, filtered by state, category, scope, related system or
    municipality; with --waiting-on, --overdue or --as-of: the work queue of open requests,
    longest waiting first."""
    from shvo_cli.cli.queue_view import show_queue
    from shvo_cli.records.repository import load_repository
    from shvo_cli.render import requests as render
    from shvo_cli.requests.views import rows_in_words, select

    filters = {"state": state, "category": category, "scope": scope, "system": system,
               "municipality": municipality}
    if waiting_on or overdue or as_of:
        show_queue(records_root(records, ctx), output_format.value, waiting_on=waiting_on,
                   overdue=overdue, as_of=as_of, by=by, filters=filters)
        return
    repo = load_repository(records_root(records, ctx))
    rows = select(repo, **filters)
    emit(render.LIST, output_format.value,
         rows_in_words(repo, rows) if output_format is ListFormat.table else rows)


@request_app.command("show")
def show(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="text or json.")] = ShowFormat.text,
    records: RecordsOption = None,
) -> None:
    """Everything about one request: fields, history as a timeline, the steps open from
    here and who may take them, and who must be told (owners of the related systems)."""
    from shvo_cli.render import requests as render
    from shvo_cli.requests import steps as request
    from shvo_cli.requests.views import detail, detail_in_words

    root = records_root(records, ctx)
    path = request.request_path(root, request.check_id(request_id))
    view = detail(root, path, request_id)
    if output_format is not ShowFormat.json:
        year = int(request_id[4:8])
        view = detail_in_words(request.load_context(root, year), view, year)
    emit(render.SHOW, output_format.value, view)


@request_app.command("log")
def log_cmd(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(metavar="ID", help="Request id.")],
    output_format: Annotated[ShowFormat, typer.Option(
        "--format", "-f", help="text or json.")] = ShowFormat.text,
    records: RecordsOption = None,
) -> None:
    """The request's timeline from git: each commit that changed it (author, committer,
    date, signature, the step and the entries it added) beside the file's own history, with
    every disagreement flagged (codes as shvo audit). Exit 1 if any is an error."""
    from shvo_cli.cli.audit_cmd import request_log

    request_log(ctx, request_id, output_format is ShowFormat.json, records)
