"""Changing requests: create, step through the process, note, edit — each change proven valid
before a byte is written.

A change is computed as new file text (``edit.Editor`` splices the old text so comments and
layout survive), then the request is checked together with just the records it refers to
(organisation, process, systems, its year's plan, the decisions it cites) — never the whole
repository, so a change costs the same with ten or ten thousand requests. Only a change with
no error in the request's file is written (atomically), and optionally committed.

Ids: ``REQ-<year>-<6 Crockford base32 characters>``, random. Two people creating requests on
two branches can never produce one id (no shared counter to conflict on), and an id is never
renumbered once issued — minutes, e-mails and decisions may already cite it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.checks import errors_in
from shvo_cli.errors import ShvoError
from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.privacy import redact
from shvo_cli.records import layout, model
from shvo_cli.records.change import (
    Actor,
    Change,
    ChangeRefused,
    actor_trailers,
    apply,
    check_input,
    claimed_warning,
)
from shvo_cli.records.context import ChangeContext, ContextRecords
from shvo_cli.records.process import StepRefused, choose, open_transitions
from shvo_cli.records.repository import Repository, load_repository
from shvo_cli.requests.requirements import (
    check_adopted_plan,
    concurrence_of,
    missing_options,
    own_subregion,
)
from shvo_cli.yamlio.edit import Editor
from shvo_cli.yamlio.read import YamlDocument, parse_text, read_file
from shvo_cli.yamlio.write import new_record

FIELD_ORDER = ("kind", "id", "title", "description", "category", "assignment", "channel",
               "area", "scope", "systems", "municipalities", "state", "history")
EDITABLE = ("title", "description", "category", "assignment", "channel", "area", "systems",
            "municipalities")


class RequestError(ShvoError):
    """The request cannot be found or the change cannot be made; nothing was written."""


def new_id(year: int) -> str:
    return layout.new_id("request", year)


def check_id(raw: str) -> str:
    """Refuse anything but a well-formed id, so an id can never name a path."""
    if not isinstance(raw, str) or not layout.REQUEST_ID.match(raw):
        shown = redact(repr(raw)) if len(raw) < 60 else repr(raw[:60]) + "…"
        raise RequestError(_("{shown} is not a request id (REQ-YYYY-XXXXXX)").format(
            shown=shown))
    return raw


def request_path(root: Path, request_id: str) -> Path:
    """The file of an existing request, refusing links and anything outside the records."""
    path = layout.record_path(root, "request", check_id(request_id))
    if path.is_symlink():
        raise RequestError(_("{path}: is a symbolic link; shvo changes only plain files "
                             "inside the records folder").format(path=path))
    if not path.is_file():  # name the nearest ids, not a file that does not exist
        from shvo_cli.records.ids import closest, file_ids

        near = closest(request_id, file_ids(root, "requests", "REQ-"))
        raise RequestError(_("no request {id}; did you mean {ids}?").format(
            id=request_id, ids=f" {_('or')} ".join(near)) if near else
            _("no request {id} (see shvo request list)").format(id=request_id))
    real_root = root.resolve()
    if real_root not in path.resolve().parents:
        raise RequestError(_("{path}: resolves outside the records folder {root}").format(
            path=path, root=root))
    return path


def _decision_files(root: Path, decisions: Iterable[str]) -> list[Path]:
    return [layout.record_path(root, "decision", d) for d in decisions]


def context_files(root: Path, year: int, decisions: Sequence[str]) -> list[Path]:
    """The records a request's checks refer to — found by name, not by scanning."""
    return layout.existing([*layout.context_paths(root), layout.yearly_path(root, "plan", year),
                            *_decision_files(root, decisions)])


def load_context(root: Path, year: int, decisions: Sequence[str] = ()) -> Repository:
    """A repository holding only the context records (no requests)."""
    return load_repository(root, context_files(root, year, decisions))


def cited_decisions(data: Any) -> list[str]:
    """The decision ids a request's history cites (records it is judged with)."""
    out: list[str] = []
    for entry in ((data or {}).get("history") or []) if isinstance(data, dict) else []:
        if isinstance(entry, dict):
            out += [d for d in (entry.get("decisions") or []) if isinstance(d, str)]
    return out


def _errors(records: ContextRecords, doc: YamlDocument) -> tuple[Repository, list[Finding]]:
    """The request document judged with its context (and the decisions it cites)."""
    records.include(_decision_files(records.root, cited_decisions(doc.data)))
    repo = records.with_documents([doc])
    return repo, errors_in(repo, {doc.path})


def check_change(root: Path, path: Path, text: str, year: int) -> list[Finding]:
    """Errors the new text would have, judged with the records it refers to."""
    doc = parse_text(path, text)
    return _errors(ContextRecords.load(root, context_files(root, year, ())), doc)[1]


def _refuse_if_invalid(ctx: ChangeContext, doc: YamlDocument, refusal: str) -> None:
    """Refuse with the message ``refusal`` if the new text would have errors."""
    errors = _errors(ctx.records, doc)[1]
    if errors:
        raise ChangeRefused(refusal, errors)


@dataclass
class Subject:
    """The request a change starts from: its file, its text as it stands, its model."""

    path: Path
    text: str
    request: model.Request
    repo: Repository


def _read_request(root: Path, request_id: str) -> tuple[ContextRecords, Subject]:
    """The request and its context, each read once; a request with errors is refused."""
    path = request_path(root, request_id)
    doc = read_file(path)
    if doc.data is None or doc.findings:
        raise RequestError(_("{file} cannot be read as a record: run shvo validate").format(
            file=path.name))
    records = ContextRecords.load(root, context_files(root, int(request_id[4:8]), ()))
    repo, errors = _errors(records, doc)
    if errors:
        raise ChangeRefused(_("{id} is invalid as it stands; fix it first").format(
            id=request_id), errors)
    req = repo.requests.get(request_id)
    if req is None:  # pragma: no cover - a clean file always builds
        raise RequestError(_("{file} does not hold request {id}").format(
            file=path.name, id=request_id))
    return records, Subject(path, path.read_bytes().decode("utf-8"), req, repo)


def load_request(root: Path, request_id: str) -> tuple[Path, str, model.Request, Repository]:
    """(file, text, request, repository) of a request that is valid as it stands."""
    s = _read_request(root, request_id)[1]
    return s.path, s.text, s.request, s.repo


def _begin(root: Path, request_id: str, actor: Actor,
           when: date) -> tuple[ChangeContext, Subject]:
    """The context of a change to an existing request."""
    records, subject = _read_request(root, request_id)
    return ChangeContext(records, actor, when), subject


def _entry(when: date, transition: str | None, to: str, actor: Actor,
           extra: dict[str, Any]) -> dict[str, Any]:
    assert actor.role is not None
    entry: dict[str, Any] = {"date": when.isoformat()}
    if transition is not None:
        entry["transition"] = transition
    entry["to"] = to
    entry["by"] = {"person": actor.person, "role": actor.role}
    if actor.claimed:
        entry["by"]["claimed"] = True
    entry.update({k: v for k, v in extra.items() if v not in (None, [], ())})
    return entry


def _trailers(request_id: str, transition: str, actor: Actor,
              decisions: Sequence[str] = ()) -> dict[str, str]:
    out = {"Shvo-Request": request_id, "Shvo-Transition": transition, **actor_trailers(actor)}
    if decisions:
        out["Shvo-Decision"] = ", ".join(decisions)
    return out


def advance(root: Path, request_id: str, actor: Actor, when: date, *,
            to: str | None = None, transition: str | None = None, note: str | None = None,
            decisions: Sequence[str] = (), subregion: str | None = None,
            outcome: str | None = None, scope: str | None = None,
            assignment: str | None = None, concurrence: str | None = None) -> Change:
    """Compute one step of the process for a request, refusing anything the rules forbid."""
    check_input({"note": note})
    ctx, s = _begin(root, request_id, actor, when)
    req = s.request
    if ctx.repo.process is None:
        raise RequestError(_("the process record is missing or invalid: run shvo validate"))
    t = choose(ctx.repo.process, ctx.repo.organisation, req.state, scope or req.scope,
               transition=transition, to=to, role=actor.role)
    actor = ctx.act(t.by)
    last = req.history[-1].date
    if when < last:
        raise StepRefused(_("date {date} is before the last history entry ({last})").format(
            date=when, last=last))
    subregion = own_subregion(ctx.repo, actor, subregion) \
        if t.requires.subregion or subregion else None
    concurring = concurrence_of(t, actor, concurrence)
    missing = missing_options(t, req, scope=scope, subregion=subregion, outcome=outcome, note=note,
                       decisions=decisions, assignment=assignment)
    if t.consensus and concurring is None:
        missing.insert(0, _("--with EMAIL (who concurred for {bodies})").format(
            bodies=_(" and ").join(b for b in t.consensus if b != actor.role)))
    if missing:
        raise StepRefused(_("{transition!r} ({state} → {to}) needs {missing}").format(
            transition=t.id, state=req.state, to=t.to, missing=", ".join(missing)))
    if t.requires.assignment:
        check_adopted_plan(ctx.repo, req)
    ed = Editor(s.path, s.text)
    ed.set(["state"], t.to)
    if scope is not None:
        ed.set(["scope"], scope, after=["area", "channel", "assignment", "category"])
    if assignment is not None:
        ed.set(["assignment"], assignment, after=["category", "description", "title"])
    ed.append(["history"], _entry(when, t.id, t.to, actor, {
        "concurrence": concurring, "scope": scope, "subregion": subregion, "outcome": outcome,
        "decisions": list(decisions), "note": note}))
    _refuse_if_invalid(ctx, ed.verify(), _(
        "{transition} of {id} refused: it would leave {file} invalid").format(
        transition=t.id, id=request_id, file=s.path.name))
    return Change(s.path, s.text, ed.result(), request_id,
                  f"{request_id}: {req.state} → {t.to}",
                  _trailers(request_id, t.id, actor, decisions), body=note or "",
                  warnings=[claimed_warning(actor)] if actor.claimed else [])


def note(root: Path, request_id: str, actor: Actor, when: date, text_: str, *,
         decisions: Sequence[str] = (), awaiting_meeting: str | None = None) -> Change:
    """A dated note in the history; the state does not change. It may cite decisions taken
    after the step they concern (appended, never an edit of the past; clears D001), or say
    the request now awaits a meeting of REF or VVG (pauses GITS's service-level clock)."""
    check_input({"note": text_})
    ctx, s = _begin(root, request_id, actor, when)
    actor = ctx.act(None)
    if when < s.request.history[-1].date:
        raise StepRefused(_("date {date} is before the last history entry").format(date=when))
    ed = Editor(s.path, s.text)
    ed.append(["history"], _entry(when, None, s.request.state, actor, {
        "note": text_, "decisions": list(decisions), "awaiting_meeting": awaiting_meeting}))
    _refuse_if_invalid(ctx, ed.verify(), _(
        "note on {id} refused: it would leave {file} invalid").format(
        id=request_id, file=s.path.name))
    return Change(s.path, s.text, ed.result(), request_id, f"{request_id}: note", _trailers(
        request_id, "note", actor, decisions), body=text_,
        display=_("{id}: note").format(id=request_id))


def _changed(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The requested values that differ from what the request holds."""
    return {k: v for k, v in changes.items()
            if (list(v) if isinstance(v, tuple) else v) != current.get(k, [] if isinstance(
                v, list | tuple) else None)}


def edit(root: Path, request_id: str, actor: Actor, when: date, changes: dict[str, Any],
         note_: str | None = None) -> Change:
    """Change descriptive fields; the history records which, and the state stays."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise RequestError(_("nothing to change: give at least one of {options}").format(
            options=", ".join(f"--{f}" for f in EDITABLE)))
    check_input({**changes, "note": note_})
    ctx, s = _begin(root, request_id, actor, when)
    actor = ctx.act(None)
    if when < s.request.history[-1].date:
        raise StepRefused(_("date {date} is before the last history entry").format(date=when))
    ed = Editor(s.path, s.text)
    changes = _changed(ed.expected, changes)
    if not changes:
        raise ChangeRefused(_("{id} already has those values; nothing to change").format(
            id=request_id))
    for name, value in changes.items():
        ed.set([name], list(value) if isinstance(value, tuple) else value,
               after=[f for f in FIELD_ORDER[:FIELD_ORDER.index(name)][::-1]])
    ed.append(["history"], _entry(when, None, s.request.state, actor,
                                  {"edited": list(changes), "note": note_}))
    _refuse_if_invalid(ctx, ed.verify(), _(
        "edit of {id} refused: it would leave {file} invalid").format(
        id=request_id, file=s.path.name))
    return Change(s.path, s.text, ed.result(), request_id,
                  f"{request_id}: edit {', '.join(changes)}",
                  _trailers(request_id, "edit", actor), body=note_ or "",
                  display=_("{id}: edit {fields}").format(id=request_id,
                                                          fields=", ".join(changes)))


def _free_path(root: Path, year: int) -> tuple[str, Path]:
    """A new request id of ``year`` whose file does not exist yet."""
    folder = layout.folder(root, "request")
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise RequestError(_("{folder} is not a plain folder").format(folder=folder))
    for __ in range(20):
        request_id = new_id(year)
        path = layout.record_path(root, "request", request_id)
        if not path.exists():
            return request_id, path
    raise RequestError(_("could not find a free request id"))  # pragma: no cover - 32**6


def create(root: Path, actor: Actor, when: date, fields: dict[str, Any]) -> Change:
    """A new request in the initial state, with its first history entry."""
    check_input(fields)
    records = ContextRecords.load(root, context_files(root, when.year, ()))
    process = records.repo.process
    if process is None or process.initial is None:
        raise RequestError(_("the process record is missing or invalid: run shvo validate"))
    if actor.role is None:
        actor = Actor(actor.person, "GITS", actor.claimed)  # seed 6.5: GITS receives all
    ctx = ChangeContext(records, actor, when)
    actor = ctx.act(None)
    request_id, path = _free_path(root, when.year)
    initial = process.initial.id
    doc = new_record(path, "request", {
        "kind": "request", "id": request_id, **fields, "state": initial,
        "history": [_entry(when, None, initial, actor, {})]}, FIELD_ORDER)
    _refuse_if_invalid(ctx, doc, _("new request refused: it would leave {file} "
                                   "invalid").format(file=path.name))
    return Change(path, None, doc.text, request_id, f"{request_id}: new request ({initial})",
                  _trailers(request_id, "new", actor), body=str(fields.get("title", "")),
                  warnings=[claimed_warning(actor)] if actor.claimed else [],
                  display=_("{id}: new request ({state})").format(id=request_id,
                                                                  state=initial))


def steps_from(repo: Repository, req: model.Request) -> list[model.Transition]:
    """What can happen next, for ``request show``."""
    if repo.process is None:
        return []
    return open_transitions(repo.process, req.state, req.scope)


__all__ = [
    "Actor",
    "Change",
    "ChangeRefused",
    "RequestError",
    "StepRefused",
    "advance",
    "apply",
    "check_id",
    "create",
    "edit",
    "load_request",
    "note",
    "steps_from",
]
