"""The tree of a change's commit: HEAD's tree with a few files replaced or added.

A commit of one request must not cost what the whole repository costs. Git stores a folder
as one tree object listing its entries, so only the folders on the changed paths (the root,
``records``, ``records/requests``) get new trees; every other tree id is reused as it is.
Those few trees are read as git stores them (one ``git cat-file --batch`` for all of them),
edited as bytes — the changed entry found by binary search, since git keeps a tree's entries
sorted — and written back with ``git hash-object -t tree``. With 50 000 requests in one
folder that is a few milliseconds of byte copying, where listing the folder as text
(``ls-tree``), parsing every line and sorting it again (``mktree``) took about ten times as
long, and where a temporary index built from HEAD (``read-tree``) would hold every file of
the repository.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path

from shvo_cli.i18n import _
from shvo_cli.store import git

TREE_MODE = b"40000"
_PLAIN = (b"100644", b"100755")


def new_tree(top: Path, head: str | None,
             changes: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The id of HEAD's tree with ``changes`` (path → blob id) applied, written to the object
    store, and the mode each changed file gets: an executable file stays executable, any
    other file (new, or a link or folder before) becomes a plain one."""
    folders = {""}
    for name in changes:
        parts = name.split("/")[:-1]
        folders.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    raws = _read_trees(top, head, sorted(folders))
    size = len(next(iter(changes.values()))) // 2  # bytes of an object id (SHA-1 or SHA-256)
    modes: dict[str, str] = {}
    made: dict[str, str] = {}
    for folder in sorted(folders, key=_depth, reverse=True):
        raw = raws.get(folder) or b""
        for name, blob in changes.items():
            if _parent(name) == folder:
                raw, mode = _put(raw, size, _base(name), None, blob)
                modes[name] = mode.decode("ascii")
        for sub, tree in made.items():
            if sub and _parent(sub) == folder:
                raw = _put(raw, size, _base(sub), TREE_MODE, tree)[0]
        made[folder] = git.run_isolated(["hash-object", "-t", "tree", "-w", "--stdin"], top,
                                        stdin=raw).stdout.decode().strip()
    return made[""], modes


def _depth(folder: str) -> int:
    return folder.count("/") + 1 if folder else 0


def _parent(name: str) -> str:
    return name.rpartition("/")[0]


def _base(name: str) -> bytes:
    return name.rpartition("/")[2].encode("utf-8", "surrogateescape")


def _read_trees(top: Path, head: str | None, folders: list[str]) -> dict[str, bytes]:
    """HEAD's tree object of each folder that HEAD has as a folder (raw, as git stores it)."""
    if head is None:
        return {}
    specs = [f"{head}:{f}" if f else f"{head}^{{tree}}" for f in folders]
    if any("\n" in s for s in specs):  # the batch protocol is one name a line
        found: dict[str, bytes] = {}
        for folder, spec in zip(folders, specs, strict=True):
            one = git.run_isolated(["cat-file", "tree", spec], top, check=False)
            if one.returncode == 0:
                found[folder] = one.stdout
        return found
    out = git.run_isolated(["cat-file", "--batch"], top,
                           stdin="".join(f"{s}\n" for s in specs).encode(
                               "utf-8", "surrogateescape")).stdout
    trees: dict[str, bytes] = {}
    pos = 0
    for folder in folders:
        end = out.index(b"\n", pos)
        fields = out[pos:end].split(b" ")
        pos = end + 1
        if len(fields) == 3 and fields[2].isdigit() and fields[1] in (b"tree", b"blob",
                                                                      b"commit", b"tag"):
            length = int(fields[2])
            if fields[1] == b"tree":
                trees[folder] = out[pos:pos + length]
            pos += length + 1
    return trees


def _starts(raw: bytes, size: int) -> list[int]:
    """Where each entry (``<mode> <name>\\0<id>``) of a raw tree begins."""
    entry = re.compile(rb"[0-7]+ [^\0]+\0.{%d}" % size, re.S)
    starts: list[int] = []
    pos = 0
    for match in entry.finditer(raw):
        if match.start() != pos:
            break
        starts.append(pos)
        pos = match.end()
    if pos != len(raw):
        raise git.GitError(_("git could not read a tree of HEAD: run git fsck"))
    return starts


def _key(raw: bytes, start: int) -> bytes:
    """An entry's place in git's order: its name, a folder's with '/' after it."""
    space = raw.index(b" ", start)
    name = raw[space + 1:raw.index(b"\0", space)]
    return name + b"/" if raw[start:space] == TREE_MODE else name


def _put(raw: bytes, size: int, name: bytes, mode: bytes | None,
         oid: str) -> tuple[bytes, bytes]:
    """``raw`` with the entry ``name`` set to ``oid`` (replacing a file or folder of that
    name) in its sorted place; ``mode`` None: a file keeping its executable bit."""
    starts = _starts(raw, size)
    ends = [*starts[1:], len(raw)]
    indices = range(len(starts))
    cuts: list[tuple[int, int]] = []
    old = b""
    for key in (name, name + b"/"):
        i = bisect_left(indices, key, key=lambda j: _key(raw, starts[j]))
        if i < len(starts) and _key(raw, starts[i]) == key:
            cuts.append((starts[i], ends[i]))
            old = raw[starts[i]:raw.index(b" ", starts[i])]
    if mode is None:
        mode = old if old in _PLAIN else _PLAIN[0]
    new_key = name + b"/" if mode == TREE_MODE else name
    at = bisect_left(indices, new_key, key=lambda j: _key(raw, starts[j]))
    split = starts[at] if at < len(starts) else len(raw)
    entry = mode + b" " + name + b"\0" + bytes.fromhex(oid)
    return _kept(raw, 0, split, cuts) + entry + _kept(raw, split, len(raw), cuts), mode


def _kept(raw: bytes, low: int, high: int, cuts: list[tuple[int, int]]) -> bytes:
    """``raw[low:high]`` without the entries cut (each lies wholly inside or outside)."""
    pieces = []
    pos = low
    for start, end in sorted(cuts):
        if low <= start < high:
            pieces.append(raw[pos:start])
            pos = end
    pieces.append(raw[pos:high])
    return b"".join(pieces)
