"""Showing a path to a person: the one place that decides how a file is named in messages.

Relative to the working directory when the file is below it (clickable in a terminal and in
CI logs, and no machine-specific prefix in what is shared), absolute otherwise; never with
an identity number in it (a file may be named after one by mistake).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from shvo_cli.privacy import redact


def display_path(path: Path, line: int | None = None, *, cwd: Path | None = None) -> str:
    """``path`` (and ``:line``) as a person types it."""
    shown = _shown(str(path), str(cwd) if cwd is not None else None, os.getcwd())
    return shown if line is None else f"{shown}:{line}"


@functools.lru_cache(maxsize=4096)
def _shown(path: str, cwd: str | None, here: str) -> str:
    """Computed once per file: ten thousand findings in one file name it ten thousand
    times (``here`` is part of the key so a change of directory is not missed)."""
    shown = path
    try:
        rel = os.path.relpath(path, cwd if cwd is not None else here)
        if not rel.startswith(".."):
            shown = rel
    except ValueError:  # pragma: no cover - another drive on Windows
        pass
    return redact(shown)


def shared_path(path: Path, *, cwd: Path | None = None) -> str:
    """``path`` as outputs meant to be shared name it (SARIF, GitLab Code Quality, reports):
    relative to the repository — the folder holding ``.git``, else ``shvo.yaml`` — with
    forward slashes, never the machine's absolute path (which names a user and a disk)."""
    anchor = _anchor(str(Path(path).parent))
    if anchor is not None:
        return redact(Path(os.path.relpath(path, anchor)).as_posix())
    shown = display_path(path, cwd=cwd)
    return shown.replace("\\", "/") if not os.path.isabs(shown) else redact(Path(path).name)


@functools.lru_cache(maxsize=256)
def _anchor(folder: str) -> str | None:
    """The top of the repository holding ``folder`` (where ``.git`` is), else the folder of
    the nearest ``shvo.yaml``; None when neither is above it."""
    here = Path(folder)
    config: str | None = None
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return str(candidate)
        if config is None and (candidate / "shvo.yaml").is_file():
            config = str(candidate)
    return config


def relative_posix(root: Path, path: Path) -> str:
    """``path`` below ``root`` in the form records, reports and CI formats share (forward
    slashes on every system); the path itself when it is not below ``root``."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
