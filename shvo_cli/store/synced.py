"""The two steps every durable write shares, whether ``files.atomic_write`` replaces a file
at once or the commit machinery stages it for a later rename: which permissions the new
content keeps, and getting the bytes onto the disk before any rename trusts them.

Apart from ``files`` and ``commit`` so that both can use it without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path


def kept_mode(path: Path) -> int:
    """The permissions a rewritten file keeps: its own, or 0o644 for a new one."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o644


def write_synced(fd: int, tmp: Path, data: bytes, mode: int) -> None:
    """``data`` into the open temporary file ``fd`` (closed after), flushed to disk, with
    ``mode``: what every write needs before its rename can be trusted."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, mode)
