"""The checks of a request file's change: which version it is compared with, how the
committed past was changed (A001–A005), whether each new entry is a legal step (the codes
of ``shvo validate``), and — in ``request_people`` — who made it and when.

A version that cannot be read is not a reset. Each readable version is compared with the
last readable version of the same request before it — across unreadable commits, a
deletion and re-adding, or a move out of the folder and back — so a history cannot be
laundered by committing ``history: null`` (or any broken YAML) and then the history back,
altered. The unreadable version itself is an error (A018) unless a later commit that
restores the request names it in a ``Shvo-Repair:`` trailer and changes nothing of the
committed past: then it is a warning (A020), documented in docs/audit.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from shvo_cli.audit import rules
from shvo_cli.audit.history import FileChange, Step
from shvo_cli.audit.model import AuditFinding, FileEvent, Origin, Version, step_name
from shvo_cli.audit.request_people import check_people
from shvo_cli.audit.state import AuditPass
from shvo_cli.checks.requests import check_history
from shvo_cli.findings import finding
from shvo_cli.i18n import _

_REPAIR_SHA = re.compile(r"[0-9a-fA-F]{7,64}")
_REWRITES = ("A003", "A004", "A005")


@dataclass
class Lineage:
    """What the pass remembers of requests across commits."""

    good_before: dict[str, str | None] = field(default_factory=dict)
    """An unreadable blob → the last readable blob of the request before it."""
    pending: dict[str, list[int]] = field(default_factory=dict)
    """An unreadable blob → the A018 findings (indexes in ``out``) not yet repaired."""
    gone: dict[str, tuple[str | None, list[int]]] = field(default_factory=dict)
    """A request id whose file was deleted or moved away → its last readable blob."""


def _lineage(p: AuditPass) -> Lineage:
    found = p.notes.get("requests")
    if not isinstance(found, Lineage):
        found = p.notes["requests"] = Lineage()
    return found


def _readable(p: AuditPass, blob: str, path: str) -> bool:
    v = p.version(blob, path)
    return v.problem is None and v.request is not None


def _base(p: AuditPass, lin: Lineage, ch: FileChange, rid: str) -> tuple[str | None, list[int]]:
    """The last readable version before this change, and unrepaired A018s on the way."""
    if ch.old is None:
        return lin.gone.pop(rid, (None, []))
    if _readable(p, ch.old, ch.path):
        return ch.old, []
    return lin.good_before.get(ch.old), list(lin.pending.get(ch.old, []))


def check_requests(p: AuditPass, step: Step, changes: list[FileChange]) -> None:
    """Every change to a request file, compared with the request's last readable version."""
    added = {c.new: c.path for c in step.changes if c.old is None and c.new}
    for ch in changes:
        if p.kind(ch.path) == "request":
            moved = added.get(ch.old) if ch.new is None and ch.old else None
            _request(p, step, ch, moved)


def _request(p: AuditPass, step: Step, ch: FileChange, moved: str | None) -> None:
    c, rid, lin = step.commit, Path(ch.path).stem, _lineage(p)
    base, pending = _base(p, lin, ch, rid)
    old = p.version(base, ch.path) if base else None
    event = FileEvent(c, ch.path, "deleted" if ch.new is None else
                      "added" if ch.old is None else "changed",
                      old.request.state if old and old.request else None, None, [])
    if p.only is not None:
        p.events.append(event)
    if ch.new is None:
        if ch.old is None:
            return
        lin.gone[rid] = (base, pending)
        event.findings.append(p.add(
            "A002" if moved else "A001", c, ch.path, 0,
            _("{id}: the request file was moved to {path}; a request's file keeps its "
              "id's name for good").format(id=rid, path=moved) if moved else
            _("{id}: the request file was deleted; a request ends through the process "
              "(withdrawn, rejected), never by deletion").format(id=rid)))
        p.last = None
        return
    new = p.version(ch.new, ch.path)
    p.keep(ch.path, ch.new, new)
    p.last = (ch.new, ch.path)
    if new.problem is not None or new.request is None:
        event.findings.append(p.add("A018", c, ch.path, 1, f"{rid}: {new.problem}"))
        lin.good_before[ch.new] = base
        lin.pending[ch.new] = [*pending, len(p.out) - 1]
        p.origins[ch.new] = []
        return
    event.after = new.request.state
    first = len(p.out)
    _compare(p, step, FileChange(ch.path, ch.status, base, ch.new), rid, old, new, event)
    if pending:
        _repair(p, step, pending, first)


def _repair(p: AuditPass, step: Step, pending: list[int], first: int) -> None:
    """A restoring commit that names the unreadable commits (``Shvo-Repair: <sha> …``)
    and rewrote nothing of the past turns their errors into warnings."""
    named = _REPAIR_SHA.findall(step.commit.trailers.get("Shvo-Repair", ""))
    if not named or any(a.finding.code in _REWRITES for a in p.out[first:]):
        return
    for index in pending:
        broken = p.out[index]
        sha = broken.commit or ""
        if not any(sha.startswith(n.lower()) for n in named):
            continue
        f = broken.finding
        message = _("{finding} (repaired by {commit}, Shvo-Repair)").format(
            finding=f.message, commit=step.commit.short)
        p.out[index] = AuditFinding(finding("A020", f.file, f.line, f.column, message),
                                    broken.commit)


def _compare(p: AuditPass, step: Step, ch: FileChange, rid: str, old: Version | None,
             new: Version, event: FileEvent) -> None:
    """What the commit appended to the request, and what it did to the committed past."""
    assert new.request is not None and ch.new is not None
    old_keys = old.keys if old is not None else []
    prefix = 0
    while prefix < min(len(old_keys), len(new.keys)) and old_keys[prefix] == new.keys[prefix]:
        prefix += 1
    old_set = Counter(old_keys)
    added = [i for i in range(prefix, len(new.keys)) if new.keys[i] not in old_set]
    if prefix < len(old_keys):
        edited = _rewrite(p, step, ch.path, rid, old_keys, new, prefix, event)
        added = [i for i in added if i != edited]
    others = [(b, p.version(b, ch.path)) for b in step.others.get(ch.path, []) if b]
    branch = {k for __, o in others for k in o.keys}
    mine = [i for i in added if new.keys[i] not in branch]
    _origin(p, step, ch, new, old, others, prefix, set(mine))
    repo = p.context(step, new.request)
    event.entries = [(i, new.line(i), new.entries[i]) for i in added] \
        if p.only is not None else []
    if repo.process is not None and "organisation" not in repo.broken:
        _legality(p, step, ch.path, old, new, set(added), event)
    check_people(p, step, ch, rid, old, new, mine, others, repo, event)


def _legality(p: AuditPass, step: Step, path: str, old: Version | None, new: Version,
              checked: set[int], event: FileEvent) -> None:
    """The new entries are legal steps: the codes of ``shvo validate``, once each."""
    repo = p.context(step, new.request) if new.request is not None else None
    assert repo is not None and repo.process is not None and new.request is not None
    before_keys: set[tuple[str, str]] | None = None
    for f in check_history(repo, new.request, repo.process):
        seen = (f.code, path, f.message)
        if seen in p.seen:  # reported once, at the commit that brought it
            continue
        index = new.entry_at(f.line)
        if index is None:
            if before_keys is None:
                before_keys = set()
                if old is not None and old.request is not None:
                    before_keys = {(g.code, g.message) for g in check_history(
                        repo, old.request, repo.process)}
            if (f.code, f.message) in before_keys:
                continue
        elif index not in checked:
            continue
        p.seen.add(seen)
        event.findings.append(p.add(f.code, step.commit, path, f.line, f.message, f.column))
    _adoption(p, step, path, new, checked, event)


def _adoption(p: AuditPass, step: Step, path: str, new: Version, checked: set[int],
              event: FileEvent) -> None:
    """Work within the plan is approved only within an adopted plan (H010, as validate):
    judged with the decisions as they stood in this commit."""
    repo = p.context(step, new.request) if new.request is not None else None
    if repo is None or new.request is None or not any(
            rules.approves(repo.process, new.request.history[i].transition) for i in checked):
        return
    adopted = rules.adoptions(p.data(b, d) for d, b in step.after.decisions.items())
    for i, message in rules.unadopted_approvals(new.request, sorted(checked), adopted,
                                                repo.process):
        event.findings.append(p.add("H010", step.commit, path, new.line(i), message))


def _origin(p: AuditPass, step: Step, ch: FileChange, new: Version, old: Version | None,
            others: list[tuple[str, Version]], prefix: int, mine: set[int]) -> None:
    """Which commit added each entry of the new version (for backdating and the log)."""
    assert ch.new is not None
    c = step.commit
    day = c.committer.when.date()
    sources = ([(ch.old, old)] if ch.old and old else []) + others
    out: list[Origin | None] = []
    for i, key in enumerate(new.keys):
        found: Origin | None = None
        if i in mine:
            found = (c.sha, day)
        else:
            for blob, version in sources:
                if key in version.keys:
                    known = p.origins.get(blob, [])
                    j = version.keys.index(key) if i >= prefix else i
                    found = known[j] if j < len(known) else None
                    break
            else:
                found = (c.sha, day)
        out.append(found)
    p.origins[ch.new] = out


def _rewrite(p: AuditPass, step: Step, path: str, rid: str, old_keys: list[str],
             new: Version, i: int, event: FileEvent) -> int | None:
    """Report how the committed past was changed; return the index of an edited entry."""
    c = step.commit
    new_set, old_set = Counter(new.keys), Counter(old_keys)
    if i < len(new.keys) and new.keys[i] not in old_set and old_keys[i] not in new_set:
        event.findings.append(p.add(
            "A003", c, path, new.line(i), _(
                "{id}: history entry {number} ({step}) was changed after it was "
                "committed; history is only ever appended").format(
                    id=rid, number=i + 1, step=step_name(new.entries[i], i))))
        return i
    missing = sum((old_set - new_set).values())
    if missing:
        event.findings.append(p.add(
            "A005", c, path, new.line(min(i, len(new.keys) - 1)),
            (_("{id}: {count} committed history entry was removed; history is only ever "
               "appended") if missing == 1 else
             _("{id}: {count} committed history entries were removed; history is only "
               "ever appended")).format(id=rid, count=missing)))
    else:
        event.findings.append(p.add(
            "A004", c, path, new.line(i), _(
                "{id}: committed history entries were reordered (from entry {number}); "
                "history is only ever appended").format(id=rid, number=i + 1)))
    return None
