"""All git access in one place: the git command line, arguments as a list, never a shell.

Every value a user supplies (a path, a message) goes after ``--`` or through standard input,
so nothing can be read as an option. Failures become :class:`GitError` with git's own words.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from shvo_cli.errors import ShvoError


class GitError(ShvoError):
    """git is missing, or refused what was asked of it."""


def _run(args: list[str], cwd: Path, *, stdin: str | None = None,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              text=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise GitError(f"git {args[0]} failed: {detail[-1] if detail else proc.returncode}")
    return proc


def work_tree(path: Path) -> Path | None:
    """The top of the git work tree holding ``path``, or None outside one."""
    folder = path if path.is_dir() else path.parent
    proc = _run(["rev-parse", "--show-toplevel"], folder, check=False)
    if proc.returncode != 0:
        return None
    return Path(proc.stdout.strip())


def config(top: Path, key: str) -> str | None:
    proc = _run(["config", "--get", key], top, check=False)
    value = proc.stdout.strip()
    return value or None


def is_tracked(top: Path, path: Path) -> bool:
    proc = _run(["ls-files", "--error-unmatch", "--", str(path)], top, check=False)
    return proc.returncode == 0


def has_changes(top: Path, path: Path) -> bool:
    """True if ``path`` differs from HEAD (staged or not): a hand edit not yet committed."""
    if not is_tracked(top, path):
        return path.exists()
    head = _run(["rev-parse", "--verify", "-q", "HEAD"], top, check=False)
    if head.returncode != 0:
        return True
    proc = _run(["diff", "--quiet", "HEAD", "--", str(path)], top, check=False)
    return proc.returncode != 0


def commit_file(top: Path, path: Path, message: str) -> str:
    """Commit exactly ``path`` (whatever else is staged stays staged) and return the hash."""
    return commit_files(top, [path], message)


def commit_files(top: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` together (a decision and the plan it adopts, say)."""
    names = [str(p) for p in paths]
    _run(["add", "--", *names], top)
    _run(["commit", "--quiet", "--file=-", "--only", "--", *names], top, stdin=message)
    return _run(["rev-parse", "HEAD"], top).stdout.strip()
