"""git's raw output read into data, apart from running git (``git.py``): a change of
``diff-tree --raw -z``, and a stream of them, commit by commit."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawChange:
    """One line of ``git diff-tree --raw``: a file's blob before and after a commit."""

    path: str
    status: str
    old_mode: str
    new_mode: str
    old: str | None
    new: str | None


def _change(meta: bytes, path: bytes) -> RawChange:
    old_mode, new_mode, old, new, status = meta[1:].decode("ascii").split(" ")
    return RawChange(path.decode("utf-8", "surrogateescape"), status[:1], old_mode, new_mode,
                     None if set(old) == {"0"} else old, None if set(new) == {"0"} else new)


def diff_records(out: io.BufferedReader) -> Iterator[tuple[str, list[RawChange]]]:
    """(commit, changes) from ``diff-tree --stdin -z`` output as it comes, read in large
    pieces (a commit's header is its id; each change is ``:modes ids status`` then the
    path)."""
    rest = b""
    sha: str | None = None
    changes: list[RawChange] = []
    meta: bytes | None = None
    while True:
        chunk = out.read1(1 << 20)
        tokens = (rest + chunk).split(b"\x00")
        rest = tokens.pop() if chunk else b""
        for token in tokens:
            if meta is not None:
                changes.append(_change(meta, token))
                meta = None
            elif token.startswith(b":"):
                meta = token
            elif token:
                if sha is not None:
                    yield sha, changes
                sha, changes = token.split()[0].decode("ascii"), []
        if not chunk:
            break
    if sha is not None:
        yield sha, changes
