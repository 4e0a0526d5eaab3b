"""``shvo request log ID``: one request's timeline from git, beside its own history.

Each commit that touched the request's file — author, committer, date, signature, the step
it made and the entries it added — next to the history entries the file holds, with every
disagreement the audit finds flagged (same codes as ``shvo audit``), and what git cannot
vouch for said plainly: entries not committed yet, entries of the import baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shvo_cli.audit.run import AuditResult, FileEvent, Origin, audit
from shvo_cli.i18n import _
from shvo_cli.requests.steps import RequestError, check_id
from shvo_cli.yamlio.read import read_file


@dataclass(frozen=True)
class LogEntry:
    """A history entry of the file, with the commit that added it (None: not in git)."""

    index: int
    data: dict[str, Any]
    origin: Origin | None
    committed: bool


@dataclass
class RequestLog:
    request_id: str
    path: Path
    result: AuditResult
    events: list[FileEvent]
    entries: list[LogEntry]
    notes: list[str] = field(default_factory=list)


def request_log(root: Path, request_id: str) -> RequestLog:
    """The request's commits (oldest first) and entries; refuses an id that is not one."""
    rid = check_id(request_id)
    result = audit(root, only=f"requests/{rid}.yaml", with_signatures=True)
    path = root / "requests" / f"{rid}.yaml"
    if not result.events:
        raise RequestError(_("no commit touched {path}: the request has no git history (is "
                             "it committed, and are these the right records?)").format(path=path))
    notes: list[str] = []
    final = result.final
    committed = final.entries if final is not None and final.problem is None else []
    origins = result.final_origins
    entries = [LogEntry(i, e, origins[i] if i < len(origins) else None, True)
               for i, e in enumerate(committed)]
    last = result.events[-1]
    if last.status == "deleted":
        notes.append(_("the file was deleted by commit {commit}").format(
            commit=last.commit.short))
    if path.is_symlink() or not path.exists():
        if last.status != "deleted":
            notes.append(_("the file is missing from the working tree (deleted, not "
                           "committed)"))
    else:
        doc = read_file(path)
        data = doc.data if isinstance(doc.data, dict) else None
        history = data.get("history") if data is not None else None
        if not isinstance(history, list) or not all(isinstance(e, dict) for e in history) \
                or (final is not None and final.problem is not None):
            notes.append(_("the working-tree file cannot be read as a request: run shvo "
                           "validate"))
        elif history[:len(committed)] != committed:
            notes.append(_("the working-tree file's history differs from the committed one "
                           "(an uncommitted hand edit of past entries?)"))
        elif len(history) > len(committed):
            extra = len(history) - len(committed)
            notes.append((_("{count} entry is in the working tree but not committed: git "
                            "cannot vouch for it yet") if extra == 1 else
                          _("{count} entries are in the working tree but not committed: git "
                            "cannot vouch for them yet")).format(count=extra))
            entries += [LogEntry(i, e, None, False)
                        for i, e in enumerate(history) if i >= len(committed)]
    return RequestLog(rid, path, result, result.events, entries, notes)
