"""The records' git history as data: which commits changed which record files, who made
them (as stored in the commit objects), and the file contents before and after.

A whole history costs a fixed handful of git processes, however long it is: ``rev-list``
for the walk, one ``diff-tree --stdin`` for what every commit changed below the records,
one ``cat-file --batch`` for every commit object, tree and blob read, and (only when
signatures matter) one ``log --no-walk --stdin`` for git's verdict on them. The history is
streamed: ``diff-tree`` runs beside the audit, which judges the first commits while git
still diffs the later ones, and the commit objects and blobs are read a chunk at a time, so
neither time nor memory pays for the whole history at once. Authors are read
from the raw commit objects, with replacement refs and grafts off and no ``.mailmap``, so a
name cannot be made to look like someone else's after the fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from itertools import islice
from pathlib import Path

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.store import git

SHVO_TRAILERS = ("Shvo-Request", "Shvo-Transition", "Shvo-Role", "Shvo-Person",
                 "Shvo-Decision", "Shvo-Repair")
_TRAILER = re.compile(r"([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)\Z")
_PERSON = re.compile(r"(.*?) ?<([^<>]*)> (-?[0-9]+) ([+-])([0-9]{2})([0-9]{2})\Z")
_REGULAR = ("100644", "100755")


class HistoryError(ShvoError):
    """The history cannot be read as asked (not a git work tree, a bad range, a shallow
    clone missing the commits asked about)."""


@dataclass(frozen=True, slots=True)
class Identity:
    """An author or committer line exactly as stored in the commit object."""

    name: str
    email: str
    when: datetime

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(slots=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: Identity
    committer: Identity
    subject: str
    trailers: dict[str, str]
    """shvo's ``Shvo-*`` trailers from the message's last paragraph (last value wins)."""
    signed: bool
    """The object carries a signature (``gpgsig``); whether it verifies is ``signature``."""
    signature: git.SignatureInfo | None = None

    @property
    def short(self) -> str:
        return self.sha[:10]


@dataclass(frozen=True, slots=True)
class FileChange:
    """A record file a commit changed: its blob at the first parent and at the commit
    (None where the file was absent, or is not a regular file)."""

    path: str
    status: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The records a step is judged against, as blob ids at one commit. Shared between
    commits that did not change them (copy on write), so a long history costs little."""

    organisation: str | None = None
    process: str | None = None
    decisions: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Step:
    """One commit that changed the records, with what it changed and its context."""

    commit: Commit
    changes: list[FileChange]
    before: Snapshot
    """The records at the first parent (at the commit itself for a root commit)."""
    after: Snapshot
    others: dict[str, list[str | None]] = field(default_factory=dict)
    """For a merge: each changed path's blob at the other parents."""
    position: int = 0
    """The commit's place in the walk (for progress)."""


def _identity(raw: bytes) -> Identity:
    text = raw.decode("utf-8", "replace")
    m = _PERSON.match(text)
    if m is None:
        return Identity(text, "", datetime.fromtimestamp(0, UTC))
    offset = timedelta(hours=int(m[5]), minutes=int(m[6]))
    tz = timezone(-offset if m[4] == "-" else offset)
    try:
        when = datetime.fromtimestamp(int(m[3]), tz)
    except (OverflowError, OSError, ValueError):
        when = datetime.fromtimestamp(0, UTC)
    return Identity(m[1], m[2], when)


def parse_trailers(message: str) -> dict[str, str]:
    """The ``Shvo-*`` trailers of the message's last paragraph."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", message.strip()) if p.strip()]
    if len(paragraphs) < 2:
        return {}
    out: dict[str, str] = {}
    canonical = {k.casefold(): k for k in SHVO_TRAILERS}
    for line in paragraphs[-1].splitlines():
        m = _TRAILER.match(line.strip())
        if m and m[1].casefold() in canonical:
            out[canonical[m[1].casefold()]] = m[2].strip()
    return out


def parse_commit(sha: str, raw: bytes) -> Commit:
    """A commit object's headers and message, as stored (no mailmap, no replacement)."""
    head, __, body = raw.partition(b"\n\n")
    parents: list[str] = []
    author = committer = Identity("", "", datetime.fromtimestamp(0, UTC))
    signed = False
    for line in head.split(b"\n"):
        if line.startswith(b" "):
            continue
        key, __, value = line.partition(b" ")
        if key == b"parent":
            parents.append(value.decode("ascii", "replace"))
        elif key == b"author":
            author = _identity(value)
        elif key == b"committer":
            committer = _identity(value)
        elif key in (b"gpgsig", b"gpgsig-sha256"):
            signed = True
    message = body.decode("utf-8", "replace")
    subject = message.split("\n", 1)[0].strip()
    return Commit(sha, tuple(parents), author, committer, subject, parse_trailers(message),
                  signed)


def _tree_entries(data: bytes, oid_len: int) -> Iterable[tuple[str, str, str]]:
    """(mode, name, oid) of a raw tree object."""
    i = 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\x00", space)
        mode = data[i:space].decode("ascii")
        name = data[space + 1:nul].decode("utf-8", "surrogateescape")
        oid = data[nul + 1:nul + 1 + oid_len].hex()
        i = nul + 1 + oid_len
        yield mode.rjust(6, "0"), name, oid


class _Paths:
    """Where the records' files are, relative to the top of the work tree."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.prefix = f"{rel}/" if rel else ""
        self.organisation = f"{self.prefix}organisation.yaml"
        self.process = f"{self.prefix}process.yaml"
        self.decisions = f"{self.prefix}decisions/"

    def is_context(self, path: str) -> bool:
        return path in (self.organisation, self.process) or path.startswith(self.decisions)


def _advance(snap: Snapshot, changes: list[FileChange], paths: _Paths) -> Snapshot:
    relevant = [c for c in changes if paths.is_context(c.path)]
    if not relevant:
        return snap
    org, proc = snap.organisation, snap.process
    decisions: dict[str, str] | None = None
    for c in relevant:
        if c.path == paths.organisation:
            org = c.new
        elif c.path == paths.process:
            proc = c.new
        else:
            if decisions is None:
                decisions = dict(snap.decisions)
            if c.new is None:
                decisions.pop(c.path, None)
            else:
                decisions[c.path] = c.new
    return Snapshot(org, proc, snap.decisions if decisions is None else decisions)


def _boundary(cat: git.CatFile, commit: str, paths: _Paths) -> Snapshot:
    """The context records at a commit outside the walk (the parent a range starts from),
    read from its trees through the same cat-file process."""
    org, proc, folder = cat.fetch([f"{commit}:{paths.organisation}", f"{commit}:{paths.process}",
                                   f"{commit}:{paths.decisions.rstrip('/')}"])
    decisions: dict[str, str] = {}
    pending = [(paths.decisions, folder)]
    while pending:
        prefix, tree = pending.pop()
        if tree is None or tree.type != "tree":
            continue
        subtrees = []
        for mode, name, oid in _tree_entries(tree.data, len(tree.oid) // 2):
            if mode in _REGULAR:
                decisions[prefix + name] = oid
            elif mode == "040000":
                subtrees.append((f"{prefix}{name}/", oid))
        for (sub_prefix, __), obj in zip(subtrees, cat.fetch([o for __, o in subtrees]),
                                        strict=True):
            pending.append((sub_prefix, obj))
    return Snapshot(org.oid if org is not None and org.type == "blob" else None,
                    proc.oid if proc is not None and proc.type == "blob" else None, decisions)


CHUNK = 512
"""Commits whose objects are read from ``cat-file`` in one round trip: large enough that the
round trips cost nothing, small enough that the blobs in hand stay a few megabytes."""


@dataclass(slots=True)
class _Touched:
    position: int
    sha: str
    parents: tuple[str, ...]
    changes: list[FileChange]
    before: Snapshot
    after: Snapshot


def _touched(cat: git.CatFile, order: list[tuple[str, tuple[str, ...]]],
             stream: Iterator[tuple[str, list[git.RawChange]]],
             paths: _Paths) -> Iterator[_Touched]:
    """The commits of the walk that changed something watched, oldest first, with what they
    changed and the context records before and after — read as git diffs them."""
    in_walk = {sha for sha, __ in order}
    snapshots: dict[str, Snapshot] = {}
    for __, parents in order:
        for p in parents[:1]:
            if p not in in_walk and p not in snapshots:
                snapshots[p] = _boundary(cat, p, paths)
    pending = next(stream, None)
    for position, (sha, parents) in enumerate(order):
        raw: list[git.RawChange] = []
        if pending is not None and pending[0] == sha:
            raw = pending[1]
            pending = next(stream, None)
        changes = [FileChange(r.path, r.status,
                              r.old if r.old_mode in _REGULAR else None,
                              r.new if r.new_mode in _REGULAR else None)
                   for r in raw if r.path.startswith(paths.prefix)]
        before = snapshots[parents[0]] if parents else Snapshot()
        after = snapshots[sha] = _advance(before, changes, paths)
        if changes:
            yield _Touched(position, sha, parents, changes,
                           before if parents else after, after)
    if pending is not None:  # pragma: no cover - git diffs only the commits it was given
        raise HistoryError(_("git diff-tree named commit {commit} out of order")
                           .format(commit=pending[0][:10]))


class History:
    """The walk's commits that changed the records, read lazily, oldest first (``steps``),
    and every blob they name (``blob``). Only one chunk of commits' objects is in memory
    at a time, so the memory of an audit does not grow with the length of the history."""

    def __init__(self, top: Path, rel: str, tip: str, base: str | None, walked: int,
                 cat: git.CatFile) -> None:
        self.top, self.rel, self.tip, self.base, self.walked = top, rel, tip, base, walked
        self.cat = cat
        self.steps: Iterator[Step] = iter(())
        self.chunk: dict[str, bytes] = {}
        self.kept: dict[str, bytes] = {}
        """The context records' blobs (organisation, process, decisions): few, and asked
        for again and again, so kept for the whole pass."""

    def blob(self, oid: str) -> bytes | None:
        """A blob's bytes: from the chunk in hand, or read again from git."""
        data = self.chunk.get(oid)
        if data is None:
            data = self.kept.get(oid)
        if data is None:
            obj = self.cat.fetch([oid])[0]
            data = obj.data if obj is not None and obj.type == "blob" else None
        return data


def _context_blobs(chunk: list[_Touched]) -> set[str]:
    """The context records' blobs a chunk's commits are judged by (snapshots are shared
    between commits, so each is looked at once)."""
    snapshots = {id(s): s for t in chunk for s in (t.before, t.after)}
    return {oid for s in snapshots.values()
            for oid in (s.organisation, s.process, *s.decisions.values()) if oid}


def _chunk_steps(h: History, chunk: list[_Touched],
                 verdicts: Mapping[str, git.SignatureInfo] | None) -> list[Step]:
    """Read one chunk's commit objects and blobs in one round trip; its steps."""
    wanted = sorted({oid for t in chunk for c in t.changes for oid in (c.old, c.new) if oid}
                    - h.kept.keys())
    context = sorted(_context_blobs(chunk) - h.kept.keys())
    merge_names = [(t.sha, c.path, p) for t in chunk for c in t.changes for p in t.parents[1:]]
    names = [t.sha for t in chunk] + wanted + context + [f"{p}:{path}"
                                                          for __, path, p in merge_names]
    objects = h.cat.fetch(names)
    commits, objects = objects[:len(chunk)], objects[len(chunk):]
    h.chunk = {}
    for oid, obj in zip(wanted, objects, strict=False):
        if obj is not None and obj.type == "blob":
            h.chunk[oid] = obj.data
    for oid, obj in zip(context, objects[len(wanted):], strict=False):
        if obj is not None and obj.type == "blob":
            h.kept[oid] = obj.data
    others: dict[tuple[str, str], list[str | None]] = {}
    for (merge, path, __), obj in zip(merge_names, objects[len(wanted) + len(context):],
                                      strict=True):
        found = obj.oid if obj is not None and obj.type == "blob" else None
        if obj is not None and found is not None:
            h.chunk[found] = obj.data
        others.setdefault((merge, path), []).append(found)
    steps = []
    for t, obj in zip(chunk, commits, strict=True):
        if obj is None:  # pragma: no cover - rev-list just named it
            raise HistoryError(_("commit {commit} cannot be read").format(commit=t.sha[:10]))
        commit = parse_commit(t.sha, obj.data)
        if verdicts is not None:
            commit.signature = verdicts.get(t.sha)
        steps.append(Step(commit, t.changes, t.before, t.after,
                          {c.path: others[(t.sha, c.path)] for c in t.changes
                           if (t.sha, c.path) in others}, t.position))
    return steps


def _steps(h: History, touched: Iterator[_Touched], with_signatures: bool) -> Iterator[Step]:
    verdicts: Mapping[str, git.SignatureInfo] | None = None
    if with_signatures:
        everything = list(touched)
        verdicts = git.signatures(h.top, [t.sha for t in everything])
        touched = iter(everything)
    while chunk := list(islice(touched, CHUNK)):
        yield from _chunk_steps(h, chunk, verdicts)
    h.chunk = {}


@contextmanager
def read_history(top: Path, rel: str, tip: str, base: str | None, *, only: str | None = None,
                 with_signatures: bool = False) -> Iterator[History]:
    """Every commit from ``base`` (exclusive) to ``tip`` that changed the records below
    ``rel`` (or, with ``only``, that one file), oldest first, with the blobs to judge it —
    read while the caller judges them: git diffs later commits meanwhile."""
    paths = _Paths(rel)
    order = git.rev_list(top, tip, base)
    shallow = git.shallow_commits(top)
    cut = [sha for sha, __ in order if sha in shallow]
    if cut:
        raise HistoryError(_("this is a shallow clone: the history before {commit} is "
                             "missing, so it cannot be audited (fetch it all: git fetch "
                             "--unshallow, or fetch-depth: 0 in CI)").format(commit=cut[0][:10]))
    # The whole records' changes are filtered here, not by a pathspec: git matches a
    # pathspec against every entry of every tree it compares (a third of its time at
    # 50 000 commits), and a records repository holds little besides the records.
    watched = [paths.organisation, paths.process, paths.decisions.rstrip("/"),
               only] if only is not None else []
    stream = git.diff_tree_stream(top, [(sha, parents[0] if parents else None)
                                        for sha, parents in order], [w for w in watched if w])
    try:
        with git.CatFile(top) as cat:
            history = History(top, rel, tip, base, len(order), cat)
            history.steps = _steps(history, _touched(cat, order, stream, paths),
                                   with_signatures)
            yield history
    finally:
        stream.close()
