"""Changing outage records: open, append an update, close — each proven valid first.

Seed 6.4: "Vid driftstopp har Peak Networks, GITS och applikationsleverans löpande dialog kring
vidtagna och planerade åtgärder, bedömningar och informationsflöde, till och från berörda
verksamheter." So the parties of that dialogue (GITS, KSD, PEAK) write the record; each update
is appended (what was assessed, done, planned, and who was told when), never edited. Text is
checked like every other input: plain, and never a personnummer.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from shvo_cli.checks import run_all
from shvo_cli.checks.validate import errors_if_written
from shvo_cli.errors import ShvoError
from shvo_cli.findings import Severity
from shvo_cli.i18n import _
from shvo_cli.records.change import Actor, Change, ChangeRefused, check_actor, check_input
from shvo_cli.records.incident_model import Incident
from shvo_cli.records.repository import Repository, load_repository
from shvo_cli.yamlio.edit import Editor
from shvo_cli.yamlio.read import read_file
from shvo_cli.yamlio.write import render_flow, render_scalar

PARTIES = ("GITS", "KSD", "PEAK")
"""The bodies of 6.4's dialogue: GITS, applikationsleverans (KSD) and Peak Networks."""
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ID = re.compile(r"INC-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}\Z", re.ASCII)
MINUTE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}\Z", re.ASCII)


class IncidentError(ShvoError):
    """The outage cannot be found or the change cannot be made; nothing was written."""


def parse_minute(raw: str, option: str) -> datetime:
    """'YYYY-MM-DDTHH:MM' exactly, as the records write it."""
    try:
        if MINUTE.match(raw):
            return datetime.fromisoformat(raw)
    except ValueError:
        pass
    raise IncidentError(_("{option} {value!r}: not a time (YYYY-MM-DDTHH:MM)").format(
        option=option, value=raw))


def _minute(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def _context_files(root: Path) -> list[Path]:
    return [root / n for n in ("organisation.yaml", "systems.yaml") if (root / n).is_file()]


def _context(root: Path, extra: Sequence[Path] = ()) -> Repository:
    return load_repository(root, _context_files(root) + list(extra))


def _refuse_if_invalid(root: Path, path: Path, text: str, refusal: str) -> None:
    errors = errors_if_written(root, _context_files(root), path, text)
    if errors:
        raise ChangeRefused(refusal, errors)


def _update(at: datetime, actor: Actor, text: str, taken: Sequence[str],
            planned: Sequence[str], told: Sequence[str]) -> dict[str, Any]:
    check_input({"text": text, "done": list(taken), "planned": list(planned),  # option names
                 "told": list(told)})
    entry: dict[str, Any] = {"at": _minute(at), "by": {"person": actor.person,
                                                         "role": actor.role}, "text": text}
    if taken:
        entry["actions_taken"] = list(taken)
    if planned:
        entry["actions_planned"] = list(planned)
    if told:
        entry["informed"] = [{"who": w, "at": _minute(at)} for w in told]
    return entry


def _trailers(inc_id: str, action: str, actor: Actor) -> dict[str, str]:
    return {"Shvo-Incident": inc_id, "Shvo-Action": action,
            "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
            "Shvo-Person": actor.person}


def open_incident(root: Path, actor: Actor, *, title: str, systems: Sequence[str],
                  started: datetime, at: datetime, text: str, taken: Sequence[str] = (),
                  planned: Sequence[str] = (), told: Sequence[str] = ()) -> Change:
    """A new outage record with its first update."""
    check_input({"title": title, "system": list(systems)})  # named as the option, --system
    actor = check_actor(_context(root), actor, PARTIES)
    folder = root / "incidents"
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise IncidentError(_("{folder} is not a plain folder").format(folder=folder))
    taken_ids = {p.stem for p in folder.glob("INC-*.yaml")} if folder.is_dir() else set()
    inc_id = f"INC-{started.year}-" + "".join(secrets.choice(CROCKFORD) for __ in range(6))
    while inc_id in taken_ids:  # pragma: no cover - 32**6 ids a year
        inc_id = f"INC-{started.year}-" + "".join(secrets.choice(CROCKFORD) for __ in range(6))
    path = folder / f"{inc_id}.yaml"
    lines = ["# yaml-language-server: $schema=../../schemas/incident.schema.json",
             "kind: incident", f"id: {inc_id}", f"title: {render_scalar(title)}",
             f"systems: {render_flow(list(systems))}", f"started: {_minute(started)}",
             "ended: null", "state: open", "updates:"]
    first = _update(at, actor, text, taken, planned, told)
    for i, (k, v) in enumerate(first.items()):
        shown = render_flow(v) if isinstance(v, dict | list) else render_scalar(v)
        lines.append(("  - " if i == 0 else "    ") + f"{k}: {shown}")
    new_text = "\n".join(lines) + "\n"
    _refuse_if_invalid(root, path, new_text, _("new outage refused: it would leave {file} "
                                               "invalid").format(file=path.name))
    return Change(path, None, new_text, inc_id, f"{inc_id}: outage opened",
                  _trailers(inc_id, "open", actor), body=title,
                  display=_("{id}: outage opened").format(id=inc_id))


def incident_path(root: Path, inc_id: str) -> Path:
    if not ID.match(inc_id):
        raise IncidentError(_("{id!r} is not an outage id (INC-YYYY-XXXXXX)").format(
            id=inc_id[:60]))
    path = root / "incidents" / f"{inc_id}.yaml"
    if path.is_symlink() or not path.is_file():
        raise IncidentError(_("no outage {id} (no plain file {path})").format(id=inc_id,
                                                                             path=path))
    return path


def load_incident(root: Path, inc_id: str) -> tuple[Path, str, Incident]:
    path = incident_path(root, inc_id)
    repo = _context(root, [path])
    errors = [f for f in repo.findings + run_all(repo)
              if f.file == path and f.severity is Severity.ERROR]
    inc = repo.incidents.get(inc_id)
    if errors or inc is None:
        raise ChangeRefused(_("{id} is invalid as it stands; fix it first").format(id=inc_id),
                            errors)
    return path, read_file(path).text or "", inc


def update(root: Path, inc_id: str, actor: Actor, *, at: datetime, text: str,
           taken: Sequence[str] = (), planned: Sequence[str] = (), told: Sequence[str] = (),
           ended: datetime | None = None) -> Change:
    """Append an update; with ``ended`` the outage is closed in the same change."""
    path, old, inc = load_incident(root, inc_id)
    actor = check_actor(_context(root), actor, PARTIES)
    if inc.state == "closed":
        raise ChangeRefused(_("{id} is closed; open a new outage for a new stop").format(
            id=inc_id))
    last = inc.updates[-1].at
    if at < last:
        raise ChangeRefused(_("--at {at} is before the last update ({last})").format(
            at=_minute(at), last=_minute(last)))
    ed = Editor(path, old)
    if ended is not None:
        ed.set(["ended"], _minute(ended))
        ed.set(["state"], "closed")
    ed.append(["updates"], _update(at, actor, text, taken, planned, told))
    ed.verify()
    action = "close" if ended is not None else "update"
    _refuse_if_invalid(root, path, ed.result(), _("{action} of {id} refused: it would leave "
                                                  "{file} invalid").format(
        action=action, id=inc_id, file=path.name))
    return Change(path, old, ed.result(), inc_id, f"{inc_id}: outage {action}",
                  _trailers(inc_id, action, actor), body=text,
                  display=(_("{id}: outage closed") if ended is not None
                           else _("{id}: outage updated")).format(id=inc_id))
