"""What git's index says about the work tree, read without writing anything."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from shvo_cli.store.git import _read_env


def _parse(out: bytes) -> dict[str, bytes]:
    dirty: set[bytes] = set()
    cached: dict[bytes, bytes] = {}
    for record in out.split(b"\0"):
        meta, _tab, name = record.partition(b"\t")
        parts = meta.split(b" ")
        if len(parts) != 4:
            continue
        if parts[0] != b"H" or parts[1] not in (b"100644", b"100755") or parts[3] != b"0":
            dirty.add(name)
            continue
        cached[name] = parts[2]
    out_ids: dict[str, bytes] = {}
    for name, oid in cached.items():
        if name in dirty:
            continue
        try:
            out_ids[os.fsdecode(name)] = bytes.fromhex(oid.decode("ascii"))
        except ValueError:
            continue
    return out_ids


def clean_blobs_later(folder: Path) -> Callable[[], dict[str, bytes]]:
    """Start asking git which files below ``folder`` hold exactly what the index holds, and
    return the function that collects the answer: the object ids by path relative to
    ``folder`` (``/``-separated). Started early, git works on the other core while shvo
    loads its cache.

    One ``git ls-files -v -s -c -m -d`` reads the index once and checks the work tree
    against that same reading (git's stat check, which compares size, modification and
    change time and inode, and re-reads a racily clean file): a file counts only if it is
    listed as cached (``H``), regular, at stage 0 and not also listed as changed or deleted.
    Skip-worktree (``S``), assume-unchanged (lower case) and unmerged files never count.
    Two separate git commands could see the index change between them. Outside a work
    tree, or if git fails, none: every file is then read and hashed."""
    try:
        proc = subprocess.Popen(
            ["git", "ls-files", "-z", "-v", "-s", "-c", "-m", "-d", "--", "."], cwd=folder,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            env=_read_env())
    except OSError:
        return dict

    def collect() -> dict[str, bytes]:
        out, _err = proc.communicate()
        return _parse(out) if proc.returncode == 0 else {}

    return collect
