"""What git's index says about the work tree, read without writing anything."""

from __future__ import annotations

import os
from pathlib import Path

from shvo_cli.store.git import GitError, _read


def clean_blobs(folder: Path) -> dict[str, bytes]:
    """The object ids of the files below ``folder`` whose work-tree content is what the
    index holds, by path relative to ``folder``: regular files at stage 0, neither
    skip-worktree nor assume-unchanged, and not reported changed by ``git diff-files``
    (git's own stat check, which re-reads a racily clean file). Outside a work tree, or if
    git fails, none: every file is then read and hashed. The parse cache keys a clean file
    by this id without reading it — the check ``git status`` itself relies on."""
    try:
        listed = _read(["ls-files", "-s", "-v", "-z", "--", "."], folder, check=False)
        if listed.returncode != 0:
            return {}
        changed = _read(["diff-files", "--name-only", "--relative", "-z", "--", "."], folder,
                        check=False)
    except GitError:
        return {}
    if changed.returncode != 0:
        return {}
    dirty = set(changed.stdout.split(b"\0"))
    out: dict[str, bytes] = {}
    for record in listed.stdout.split(b"\0"):
        meta, _tab, name = record.partition(b"\t")
        parts = meta.split(b" ")
        if (len(parts) != 4 or parts[0] != b"H" or parts[1] not in (b"100644", b"100755")
                or parts[3] != b"0" or name in dirty):
            continue
        try:
            out[os.fsdecode(name)] = bytes.fromhex(parts[2].decode("ascii"))
        except ValueError:
            continue
    return out
