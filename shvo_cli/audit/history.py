"""The records' git history as data: which commits changed which record files, who made
them (as stored in the commit objects), and the file contents before and after.

A whole history costs a fixed handful of git processes, however long it is: ``rev-list``
for the walk, one ``diff-tree --stdin`` for what every commit changed below the records,
one ``cat-file --batch`` for every commit object, tree and blob read, and (only when
signatures matter) one ``log --no-walk --stdin`` for git's verdict on them. How the history is read
as the audit goes: ``reading.py``. Authors are read
from the raw commit objects, with replacement refs and grafts off and no ``.mailmap``, so a
name cannot be made to look like someone else's after the fact.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from shvo_cli.errors import ShvoError
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


_EPOCH = datetime.fromtimestamp(0, UTC)


@functools.lru_cache(maxsize=256)
def _zone(sign: str, hours: str, minutes: str) -> timezone:
    """A commit's time zone (a history has a handful: one object each)."""
    offset = timedelta(hours=int(hours), minutes=int(minutes))
    return timezone(-offset if sign == "-" else offset)


def _identity(raw: bytes) -> Identity:
    text = raw.decode("utf-8", "replace")
    m = _PERSON.match(text)
    if m is None:
        return Identity(text, "", _EPOCH)
    try:
        when = datetime.fromtimestamp(int(m[3]), _zone(m[4], m[5], m[6]))
    except (OverflowError, OSError, ValueError):
        when = _EPOCH
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
    author = committer = Identity("", "", _EPOCH)
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
