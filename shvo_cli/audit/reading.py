"""The history read as the audit goes: ``diff-tree`` runs beside the audit, which judges the
first commits while git still diffs the later ones, and commit objects and blobs are read
from ``cat-file`` a chunk at a time — the next chunk while this one is judged — so neither
the time nor the memory of an audit pays for the whole history at once.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from shvo_cli.audit.history import (
    _REGULAR,
    FileChange,
    HistoryError,
    Snapshot,
    Step,
    _advance,
    _boundary,
    _Paths,
    parse_commit,
)
from shvo_cli.i18n import _
from shvo_cli.store import git
from shvo_cli.store.gitraw import RawChange

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
             stream: Iterator[tuple[str, list[RawChange]]],
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
        raw: list[RawChange] = []
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


def _nothing() -> Generator[Step, None, None]:
    yield from ()


class History:
    """The walk's commits that changed the records, read lazily, oldest first (``steps``),
    and every blob they name (``blob``). Only one chunk of commits' objects is in memory
    at a time, so the memory of an audit does not grow with the length of the history."""

    def __init__(self, top: Path, rel: str, tip: str, base: str | None, walked: int,
                 cat: git.CatFile) -> None:
        self.top, self.rel, self.tip, self.base, self.walked = top, rel, tip, base, walked
        self.cat = cat
        self.lock = threading.Lock()
        self.steps: Generator[Step, None, None] = _nothing()
        self.chunk: dict[str, bytes] = {}
        self.kept: dict[str, bytes] = {}
        """The context records' blobs (organisation, process, decisions): few, and asked
        for again and again, so kept for the whole pass."""

    def fetch(self, names: list[str]) -> list[git.GitObject | None]:
        """Objects from the one ``cat-file`` process (one thread at a time)."""
        with self.lock:
            return self.cat.fetch(names)

    def blob(self, oid: str) -> bytes | None:
        """A blob's bytes: from the chunk in hand, or read again from git."""
        data = self.chunk.get(oid)
        if data is None:
            data = self.kept.get(oid)
        if data is None:
            obj = self.fetch([oid])[0]
            data = obj.data if obj is not None and obj.type == "blob" else None
        return data


def _context_blobs(chunk: list[_Touched]) -> set[str]:
    """The context records' blobs a chunk's commits are judged by (snapshots are shared
    between commits, so each is looked at once)."""
    snapshots = {id(s): s for t in chunk for s in (t.before, t.after)}
    return {oid for s in snapshots.values()
            for oid in (s.organisation, s.process, *s.decisions.values()) if oid}


@dataclass(slots=True)
class _Asked:
    """What one chunk asks ``cat-file`` for: its commits, then these blobs, then the merges'
    other parents' versions of the paths they changed."""

    chunk: list[_Touched]
    wanted: list[str]
    context: list[str]
    merges: list[tuple[str, str, str]]

    @property
    def names(self) -> list[str]:
        return [t.sha for t in self.chunk] + self.wanted + self.context + [
            f"{p}:{path}" for __, path, p in self.merges]


def _ask(h: History, chunk: list[_Touched]) -> _Asked:
    wanted = sorted({oid for t in chunk for c in t.changes for oid in (c.old, c.new) if oid}
                    - h.kept.keys())
    return _Asked(chunk, wanted, sorted(_context_blobs(chunk) - h.kept.keys()),
                  [(t.sha, c.path, p) for t in chunk for c in t.changes for p in t.parents[1:]])


def _chunk_steps(h: History, asked: _Asked, objects: list[git.GitObject | None],
                 verdicts: Mapping[str, git.SignatureInfo] | None) -> list[Step]:
    """One chunk's steps, from the objects read for it."""
    chunk, wanted, context = asked.chunk, asked.wanted, asked.context
    commits, objects = objects[:len(chunk)], objects[len(chunk):]
    h.chunk = {}
    for oid, obj in zip(wanted, objects, strict=False):
        if obj is not None and obj.type == "blob":
            h.chunk[oid] = obj.data
    for oid, obj in zip(context, objects[len(wanted):], strict=False):
        if obj is not None and obj.type == "blob":
            h.kept[oid] = obj.data
    others: dict[tuple[str, str], list[str | None]] = {}
    for (merge, path, __), obj in zip(asked.merges, objects[len(wanted) + len(context):],
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


def _steps(h: History, touched: Iterator[_Touched],
           with_signatures: bool) -> Generator[Step, None, None]:
    """The steps, a chunk at a time; the next chunk's objects are read (by a second thread,
    from ``cat-file``) while this chunk's steps are judged."""
    verdicts: Mapping[str, git.SignatureInfo] | None = None
    if with_signatures:
        everything = list(touched)
        verdicts = git.signatures(h.top, [t.sha for t in everything])
        touched = iter(everything)
    with ThreadPoolExecutor(max_workers=1) as reader:
        chunk = list(islice(touched, CHUNK))
        asked = _ask(h, chunk)
        pending = reader.submit(h.fetch, asked.names)
        while chunk:
            objects = pending.result()
            chunk = list(islice(touched, CHUNK))
            following = _ask(h, chunk)
            if chunk:
                pending = reader.submit(h.fetch, following.names)
            yield from _chunk_steps(h, asked, objects, verdicts)
            asked = following
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
            try:
                yield history
            finally:
                history.steps.close()
    finally:
        stream.close()
