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

import re
import secrets
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.checks import run_all
from shvo_cli.errors import ShvoError
from shvo_cli.findings import Finding, Severity
from shvo_cli.i18n import _
from shvo_cli.privacy import redact
from shvo_cli.records import model
from shvo_cli.records.change import (
    Actor,
    Change,
    ChangeRefused,
    apply,
    check_actor,
    check_input,
    claimed_warning,
)
from shvo_cli.records.process import StepRefused, choose, describe, open_transitions
from shvo_cli.records.repository import Repository, add_document, load_repository
from shvo_cli.yamlio.edit import Editor, render_flow, render_scalar
from shvo_cli.yamlio.read import parse_text, read_file

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ID_PATTERN = re.compile(r"REQ-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}\Z", re.ASCII)
FIELD_ORDER = ("kind", "id", "title", "description", "category", "assignment", "channel",
               "area", "scope", "systems", "municipalities", "state", "history")
EDITABLE = ("title", "description", "category", "assignment", "channel", "area", "systems",
            "municipalities")


class RequestError(ShvoError):
    """The request cannot be found or the change cannot be made; nothing was written."""


def new_id(year: int) -> str:
    return f"REQ-{year}-" + "".join(secrets.choice(CROCKFORD) for __ in range(6))


def check_id(raw: str) -> str:
    """Refuse anything but a well-formed id, so an id can never name a path."""
    if not isinstance(raw, str) or not ID_PATTERN.match(raw):
        shown = redact(repr(raw)) if len(raw) < 60 else repr(raw[:60]) + "…"
        raise RequestError(_("{shown} is not a request id (REQ-YYYY-XXXXXX)").format(
            shown=shown))
    return raw


def request_path(root: Path, request_id: str) -> Path:
    """The file of an existing request, refusing links and anything outside the records."""
    path = root / "requests" / f"{check_id(request_id)}.yaml"
    if path.is_symlink():
        raise RequestError(_("{path}: is a symbolic link; shvo changes only plain files "
                             "inside the records folder").format(path=path))
    if not path.is_file():
        raise RequestError(_("no request {id} (no file {path})").format(id=request_id,
                                                                         path=path))
    real_root = root.resolve()
    if real_root not in path.resolve().parents:
        raise RequestError(_("{path}: resolves outside the records folder {root}").format(
            path=path, root=root))
    return path


def context_files(root: Path, year: int, decisions: Sequence[str]) -> list[Path]:
    """The records a request's checks refer to — found by name, not by scanning."""
    names = ["organisation.yaml", "process.yaml", "systems.yaml", f"plans/plan-{year}.yaml"]
    names += [f"decisions/{d}.yaml" for d in decisions]
    return [root / n for n in names if (root / n).is_file()]


def load_context(root: Path, year: int, decisions: Sequence[str] = ()) -> Repository:
    """A repository holding only the context records (no requests)."""
    return load_repository(root, context_files(root, year, decisions))


def _cited(data: Any) -> list[str]:
    out: list[str] = []
    for entry in ((data or {}).get("history") or []) if isinstance(data, dict) else []:
        if isinstance(entry, dict):
            out += [d for d in (entry.get("decisions") or []) if isinstance(d, str)]
    return out


def check_change(root: Path, path: Path, text: str, year: int) -> list[Finding]:
    """Errors the new text would have, judged with the records it refers to."""
    doc = parse_text(path, text)
    repo = load_context(root, year, _cited(doc.data))
    add_document(repo, doc)
    findings = repo.findings + run_all(repo)
    return [f for f in findings if f.file == path and f.severity is Severity.ERROR]


def _refuse_if_invalid(root: Path, path: Path, text: str, year: int, refusal: str) -> None:
    """Refuse with the message ``refusal`` if the new text would have errors."""
    errors = check_change(root, path, text, year)
    if errors:
        raise ChangeRefused(refusal, errors)


def load_request(root: Path, request_id: str) -> tuple[Path, str, model.Request, Repository]:
    path = request_path(root, request_id)
    doc = read_file(path)
    if doc.data is None or doc.findings:
        raise RequestError(_("{file} cannot be read as a record: run shvo validate").format(
            file=path.name))
    year = int(request_id[4:8])
    repo = load_context(root, year, _cited(doc.data))
    add_document(repo, doc)
    errors = [f for f in repo.findings + run_all(repo)
              if f.file == path and f.severity is Severity.ERROR]
    if errors:
        raise ChangeRefused(_("{id} is invalid as it stands; fix it first").format(
            id=request_id), errors)
    req = repo.requests.get(request_id)
    if req is None:  # pragma: no cover - a clean file always builds
        raise RequestError(_("{file} does not hold request {id}").format(
            file=path.name, id=request_id))
    return path, path.read_bytes().decode("utf-8"), req, repo


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
    out = {"Shvo-Request": request_id, "Shvo-Transition": transition,
           "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
           "Shvo-Person": actor.person}
    if decisions:
        out["Shvo-Decision"] = ", ".join(decisions)
    return out


def advance(root: Path, request_id: str, actor: Actor, when: date, *,
            to: str | None = None, transition: str | None = None, note: str | None = None,
            decisions: Sequence[str] = (), subregion: str | None = None,
            outcome: str | None = None, scope: str | None = None,
            assignment: str | None = None) -> Change:
    """Compute one step of the process for a request, refusing anything the rules forbid."""
    check_input({"note": note})
    path, text, req, repo = load_request(root, request_id)
    process = repo.process
    if process is None:
        raise RequestError(_("the process record is missing or invalid: run shvo validate"))
    t = choose(process, repo.organisation, req.state, scope or req.scope,
               transition=transition, to=to, role=actor.role)
    actor = check_actor(repo, actor, t.by)
    last = req.history[-1].date
    if when < last:
        raise StepRefused(_("date {date} is before the last history entry ({last})").format(
            date=when, last=last))
    r = t.requires
    missing = []
    if r.scope and not scope:
        missing.append("--scope within-plan|next-year|beyond-plan")
    if r.subregion and not subregion:
        missing.append(_("--subregion (the subregion lifting the request)"))
    if r.outcome and outcome != r.outcome:
        missing.append(f"--outcome {r.outcome}")
    if r.note and not note:
        missing.append(_("--note (the reason)"))
    if (r.decisions_all_of or r.decisions_one_of) and not decisions:
        bodies = r.decisions_all_of or r.decisions_one_of
        joiner = f" {_('and')} " if r.decisions_all_of else f" {_('or')} "
        missing.append(_("--decision DEC-… (a recorded decision by {bodies})").format(
            bodies=joiner.join(bodies)))
    if r.assignment and not (assignment or req.assignment):
        missing.append(_("--assignment (the plan assignment the work falls under)"))
    if missing:
        raise StepRefused(_("{transition!r} ({state} → {to}) needs {missing}").format(
            transition=t.id, state=req.state, to=t.to, missing=", ".join(missing)))
    if r.assignment:
        plan = repo.plans.get(req.year)
        if plan is None:
            raise StepRefused(_("work within the plan needs an assignment of the adopted "
                                "plan; the plan for {year} is missing (VVG adopts it)").format(
                year=req.year))
        if plan.status != "adopted":
            raise StepRefused(_("work within the plan needs an assignment of the adopted "
                                "plan; the plan for {year} is a {status} (VVG adopts "
                                "it)").format(year=req.year, status=plan.status))
    warnings = []
    if actor.claimed:
        warnings.append(claimed_warning(actor))
    ed = Editor(path, text)
    ed.set(["state"], t.to)
    if scope is not None:
        ed.set(["scope"], scope, after=["area", "channel", "assignment", "category"])
    if assignment is not None:
        ed.set(["assignment"], assignment, after=["category", "description", "title"])
    ed.append(["history"], _entry(when, t.id, t.to, actor, {
        "scope": scope, "subregion": subregion, "outcome": outcome,
        "decisions": list(decisions), "note": note}))
    ed.verify()
    _refuse_if_invalid(root, path, ed.result(), req.year, _(
        "{transition} of {id} refused: it would leave {file} invalid").format(
        transition=t.id, id=request_id, file=path.name))
    return Change(path, text, ed.result(), request_id, f"{request_id}: {req.state} → {t.to}",
                  _trailers(request_id, t.id, actor, decisions), body=note or "",
                  warnings=warnings)


def note(root: Path, request_id: str, actor: Actor, when: date, text_: str) -> Change:
    """A dated note in the history; the state does not change."""
    check_input({"note": text_})
    path, text, req, repo = load_request(root, request_id)
    actor = check_actor(repo, actor, None)
    if when < req.history[-1].date:
        raise StepRefused(_("date {date} is before the last history entry").format(date=when))
    ed = Editor(path, text)
    ed.append(["history"], _entry(when, None, req.state, actor, {"note": text_}))
    ed.verify()
    _refuse_if_invalid(root, path, ed.result(), req.year, _(
        "note on {id} refused: it would leave {file} invalid").format(
        id=request_id, file=path.name))
    return Change(path, text, ed.result(), request_id, f"{request_id}: note", _trailers(
        request_id, "note", actor), body=text_,
        display=_("{id}: note").format(id=request_id))


def edit(root: Path, request_id: str, actor: Actor, when: date, changes: dict[str, Any],
         note_: str | None = None) -> Change:
    """Change descriptive fields; the history records which, and the state stays."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise RequestError(_("nothing to change: give at least one of {options}").format(
            options=", ".join(f"--{f}" for f in EDITABLE)))
    check_input({**changes, "note": note_})
    path, text, req, repo = load_request(root, request_id)
    actor = check_actor(repo, actor, None)
    if when < req.history[-1].date:
        raise StepRefused(_("date {date} is before the last history entry").format(date=when))
    current = parse_text(path, text).data or {}
    changes = {k: v for k, v in changes.items()
               if (list(v) if isinstance(v, tuple) else v) != current.get(k, [] if isinstance(
                   v, list | tuple) else None)}
    if not changes:
        raise ChangeRefused(_("{id} already has those values; nothing to change").format(
            id=request_id))
    ed = Editor(path, text)
    for name, value in changes.items():
        ed.set([name], list(value) if isinstance(value, tuple) else value,
               after=[f for f in FIELD_ORDER[:FIELD_ORDER.index(name)][::-1]])
    ed.append(["history"], _entry(when, None, req.state, actor,
                                  {"edited": list(changes), "note": note_}))
    ed.verify()
    _refuse_if_invalid(root, path, ed.result(), req.year, _(
        "edit of {id} refused: it would leave {file} invalid").format(
        id=request_id, file=path.name))
    return Change(path, text, ed.result(), request_id,
                  f"{request_id}: edit {', '.join(changes)}",
                  _trailers(request_id, "edit", actor), body=note_ or "",
                  display=_("{id}: edit {fields}").format(id=request_id,
                                                          fields=", ".join(changes)))


def render_new(fields: dict[str, Any], entry: dict[str, Any]) -> str:
    """A new request file in the canonical field order, with its schema modeline."""
    lines = ["# yaml-language-server: $schema=../../schemas/request.schema.json"]
    for name in FIELD_ORDER:
        if name == "history":
            lines.append("history:")
            for i, (k, v) in enumerate(entry.items()):
                rendered = render_flow(v) if isinstance(v, dict | list) else render_scalar(v)
                lines.append(("  - " if i == 0 else "    ") + f"{k}: {rendered}")
            continue
        if name not in fields or fields[name] in (None, [], ()):
            continue
        value = fields[name]
        rendered = render_flow(list(value)) if isinstance(value, list | tuple) \
            else render_scalar(value)
        lines.append(f"{name}: {rendered}")
    return "\n".join(lines) + "\n"


def create(root: Path, actor: Actor, when: date, fields: dict[str, Any]) -> Change:
    """A new request in the initial state, with its first history entry."""
    check_input(fields)
    repo = load_context(root, when.year)
    process = repo.process
    if process is None or process.initial is None:
        raise RequestError(_("the process record is missing or invalid: run shvo validate"))
    if actor.role is None:
        actor = Actor(actor.person, "GITS", actor.claimed)  # seed 6.5: GITS receives all
    actor = check_actor(repo, actor, None)
    folder = root / "requests"
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise RequestError(_("{folder} is not a plain folder").format(folder=folder))
    for __ in range(20):
        request_id = new_id(when.year)
        path = folder / f"{request_id}.yaml"
        if not path.exists():
            break
    else:  # pragma: no cover - 32**6 ids a year
        raise RequestError(_("could not find a free request id"))
    initial = process.initial.id
    data = {"kind": "request", "id": request_id, **fields, "state": initial}
    text = render_new(data, _entry(when, None, initial, actor, {}))
    _refuse_if_invalid(root, path, text, when.year,
                       _("new request refused: it would leave {file} invalid").format(
                           file=path.name))
    warnings = []
    if actor.claimed:
        warnings.append(claimed_warning(actor))
    return Change(path, None, text, request_id, f"{request_id}: new request ({initial})",
                  _trailers(request_id, "new", actor), body=str(fields.get("title", "")),
                  warnings=warnings, display=_("{id}: new request ({state})").format(
                      id=request_id, state=initial))


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
    "check_actor",
    "check_id",
    "check_input",
    "claimed_warning",
    "create",
    "describe",
    "edit",
    "note",
    "steps_from",
]
