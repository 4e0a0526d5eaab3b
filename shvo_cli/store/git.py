"""All git access in one place: the git command line, arguments as a list, never a shell.

Every value a user supplies (a path, a message) goes after ``--`` or through standard input,
so nothing can be read as an option. Failures become :class:`GitError` with git's own words.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
import threading
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.store.gitraw import RawChange as RawChange  # re-exported: it was defined here
from shvo_cli.store.gitraw import diff_records


class GitError(ShvoError):
    """git is missing, or refused what was asked of it."""


def _run(args: list[str], cwd: Path, *, stdin: str | None = None,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        # UTF-8 both ways, not the locale's code page: on Windows that is cp1252, which
        # would garble Swedish commit messages and names git writes and reads as UTF-8.
        proc = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", env=env,
                              check=False)
    except FileNotFoundError:
        raise GitError(_("git is not installed or not on PATH")) from None
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise GitError(_("git {command} failed: {detail}").format(
            command=args[0], detail=detail[-1] if detail else proc.returncode))
    return proc


def work_tree(path: Path, *, strict: bool = False) -> Path | None:
    """The top of the git work tree holding ``path``, or None outside one. With ``strict``,
    a repository git refuses to work in ("dubious ownership") is an error, not "no git":
    a change must not be written there and left uncommitted."""
    folder = path if path.is_dir() else path.parent
    proc = _run(["rev-parse", "--show-toplevel"], folder, check=False)
    if proc.returncode != 0:
        if strict and "dubious ownership" in proc.stderr:
            raise GitError(_("git refuses to work in {folder}: it belongs to another user "
                             "(\"dubious ownership\"). If you trust it: git config --global "
                             "--add safe.directory {folder}; nothing was changed").format(
                                 folder=folder))
        return None
    return Path(proc.stdout.strip())


def run_isolated(args: list[str], top: Path, *, stdin: bytes | None = None,
                 env: dict[str, str] | None = None,
                 check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run a git command of a change in its own process group, so a Ctrl-C or a closed
    terminal reaches shvo (which finishes or rolls back the step) and not git halfway
    through writing a ref or the index."""
    full = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    extra: dict[str, object] = {"start_new_session": True} if os.name == "posix" else {
        "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    try:
        proc = subprocess.run(["git", *args], cwd=top, input=stdin, capture_output=True,
                              env=full, check=False, **extra)  # type: ignore[call-overload]
    except FileNotFoundError:
        raise GitError(_("git is not installed or not on PATH")) from None
    if check and proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        command = "commit" if args[0] in ("commit-tree", "write-tree") else args[0]
        raise GitError(_("git {command} failed: {detail}").format(
            command=command, detail=detail[-1] if detail else proc.returncode))
    assert isinstance(proc, subprocess.CompletedProcess)
    return proc


def config(top: Path, key: str) -> str | None:
    proc = _run(["config", "--get", key], top, check=False)
    value = proc.stdout.strip()
    return value or None


def is_tracked(top: Path, path: Path) -> bool:
    proc = _run(["ls-files", "--error-unmatch", "--", str(path)], top, check=False)
    return proc.returncode == 0


def has_changes(top: Path, path: Path) -> bool:
    """True if ``path`` differs from HEAD (staged or not): a hand edit not yet committed.
    Compared as three blob ids — HEAD's, the index's, the work tree's (through git's own
    filters) — which costs the same however large the repository is; HEAD's and the index's
    come from one ``cat-file --batch-check``."""
    name = Path(os.path.relpath(os.path.realpath(path), os.path.realpath(top))).as_posix()
    if "\n" in name:  # the batch protocol is one name a line: ask one at a time
        known = [_run(["rev-parse", "--verify", "-q", spec], top, check=False).stdout.strip()
                 for spec in (f"HEAD:{name}", f":0:{name}")]
    else:
        known = _run(["cat-file", "--batch-check=%(objectname)"], top,
                     stdin=f"HEAD:{name}\n:0:{name}\n", check=False).stdout.split("\n")
    head_blob, index_blob = [*known, "", ""][:2]
    if not is_object_id(index_blob):
        return path.exists()
    if head_blob != index_blob or not path.exists():
        return True
    work = _run(["hash-object", f"--path={name}", "--", str(path)], top, check=False)
    return work.stdout.strip() != index_blob


def commit_files(top: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` together (a decision and the plan it adopts, say)."""
    names = [str(p) for p in paths]
    _run(["add", "--", *names], top)
    _run(["commit", "--quiet", "--file=-", "--only", "--", *names], top, stdin=message)
    return _run(["rev-parse", "HEAD"], top).stdout.strip()


# --- reading history (audit) -------------------------------------------------------------
#
# The audit reads what git stored, not what git would show a person: replacement refs and
# grafts could swap a commit for another, and .mailmap could rename an author. Every reading
# command below runs with those switched off, with literal pathspecs (a records folder named
# ``:(glob)*`` is a name, not magic), and never with a user value in an option's place: refs
# are resolved to object ids first (after ``--end-of-options``), paths go after ``--``.

_NO_GRAFTS = os.path.join(os.sep, "nonexistent", "shvo-no-grafts")
_READ_ENV = {"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_NO_REPLACE_OBJECTS": "1",
             "GIT_LITERAL_PATHSPECS": "1", "GIT_GRAFT_FILE": _NO_GRAFTS,
             "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat"}
_HEX = frozenset("0123456789abcdef")
LEAN = ("-c", "core.packedGitWindowSize=16m", "-c", "core.packedGitLimit=64m",
        "-c", "core.deltaBaseCacheLimit=32m")
"""For a process that reads a whole long history: git maps at most 64 MiB of pack files at
a time and caches 32 MiB of delta bases (defaults: 8 GiB and 96 MiB), so its resident memory
stays bounded (150 MiB instead of 340 at 50 000 commits) at no measurable cost in time."""


def _read_env() -> dict[str, str]:
    return {**os.environ, **_READ_ENV}


def _read(args: list[str], cwd: Path, *, stdin: bytes | None = None,
          check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run a reading git command, bytes in and out (paths and names need not be UTF-8)."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              env=_read_env(), check=False)
    except FileNotFoundError:
        raise GitError(_("git is not installed or not on PATH")) from None
    if check and proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(_("git {command} failed: {detail}").format(
            command=args[0], detail=detail[-1] if detail else proc.returncode))
    return proc


def is_object_id(value: str) -> bool:
    """A full object id (SHA-1 or SHA-256), as git prints them."""
    return len(value) in (40, 64) and set(value) <= _HEX


def resolve_commit(top: Path, rev: str) -> str | None:
    """The commit ``rev`` names, or None. ``rev`` is never read as an option, whatever it
    starts with (``--end-of-options``, git 2.24+)."""
    if not rev or "\n" in rev or "\x00" in rev:
        return None
    proc = _read(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
                 top, check=False)
    sha = proc.stdout.decode("ascii", "replace").strip()
    return sha if proc.returncode == 0 and is_object_id(sha) else None


def is_ancestor(top: Path, ancestor: str, descendant: str) -> bool:
    """True if ``ancestor`` is reachable from ``descendant`` (both object ids)."""
    proc = _read(["merge-base", "--is-ancestor", ancestor, descendant], top, check=False)
    return proc.returncode == 0


def rev_list(top: Path, tip: str, exclude: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Every commit reachable from ``tip`` (and not from ``exclude``), parents before
    children, each with its parents: the whole walk in one process."""
    args = ["rev-list", "--reverse", "--topo-order", "--parents", "--end-of-options", tip]
    if exclude is not None:
        args.append(f"^{exclude}")
    out = _read(args, top).stdout.decode("ascii")
    rows = []
    for line in out.splitlines():
        sha, *parents = line.split()
        rows.append((sha, tuple(parents)))
    return rows


def shallow_commits(top: Path) -> set[str]:
    """Commits whose parents this clone does not have (a shallow clone's boundary)."""
    proc = _read(["rev-parse", "--is-shallow-repository"], top, check=False)
    if proc.stdout.strip() != b"true":
        return set()
    path = _read(["rev-parse", "--git-path", "shallow"], top).stdout.decode().strip()
    try:
        text = (top / path).read_text(encoding="ascii")
    except OSError:
        return set()
    return set(text.split())


def diff_tree(top: Path, pairs: list[tuple[str, str | None]],
              paths: list[str]) -> dict[str, list[RawChange]]:
    """What each commit changed below ``paths``, against the given parent (the first parent
    for merges; None for a root commit), for every commit in one ``git diff-tree`` process."""
    return dict(diff_tree_stream(top, pairs, paths))


def diff_tree_stream(top: Path, pairs: list[tuple[str, str | None]],
                     paths: list[str]) -> Generator[tuple[str, list[RawChange]], None, None]:
    """As :func:`diff_tree`, but yielded as git writes it (commits that changed nothing are
    skipped): the caller works on the first commits while git diffs the later ones, so on a
    long history git's diffing is not waited for on top of the caller's work. Closing the
    generator ends the process."""
    if not pairs:
        return
    stdin = "".join(f"{c} {p}\n" if p else f"{c}\n" for c, p in pairs).encode("ascii")
    with tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(
                ["git", *LEAN, "diff-tree", "--stdin", "-r", "-z", "--root", "--no-renames",
                 "--no-abbrev", "--no-color", "--no-ext-diff", "--", *paths], cwd=top,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=_read_env())
        except FileNotFoundError:
            raise GitError(_("git is not installed or not on PATH")) from None

        def feed() -> None:
            try:
                assert proc.stdin is not None
                proc.stdin.write(stdin)
                proc.stdin.close()
            except OSError:  # the process died first: reported below
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            yield from diff_records(cast(io.BufferedReader, proc.stdout))
            if proc.wait() != 0:
                err.seek(0)
                detail = err.read().decode("utf-8", "replace").strip().splitlines()
                raise GitError(_("git {command} failed: {detail}").format(
                    command="diff-tree", detail=detail[-1] if detail else proc.returncode))
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            writer.join()
            cast(io.BufferedReader, proc.stdout).close()


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    """git's verdict on a commit's signature: ``%G?`` (G good, B bad, U good but of unknown
    validity, X/Y expired, R revoked, E cannot be checked, N none), signer and key."""

    status: str
    signer: str
    key: str


def signatures(top: Path, commits: list[str]) -> dict[str, SignatureInfo]:
    """Signature status of each commit, verified by git (gpg or ssh, as configured), in one
    ``git log --no-walk --stdin`` process."""
    if not commits:
        return {}
    stdin = ("\n".join(commits) + "\n").encode("ascii")
    raw = _read(["log", "--no-walk=unsorted", "--stdin", "--no-show-signature", "--no-color",
                 "--format=%H%x1f%G?%x1f%GS%x1f%GK%x1e"], top, stdin=stdin).stdout
    out: dict[str, SignatureInfo] = {}
    for record in raw.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) == 4 and is_object_id(fields[0]):
            out[fields[0]] = SignatureInfo(fields[1] or "N", fields[2], fields[3])
    return out


def read_ref(top: Path, ref: str) -> str | None:
    proc = _read(["rev-parse", "--verify", "--quiet", "--end-of-options", ref], top,
                 check=False)
    sha = proc.stdout.decode("ascii", "replace").strip()
    return sha if proc.returncode == 0 and is_object_id(sha) else None


def object_exists(top: Path, sha: str) -> bool:
    return _read(["cat-file", "-e", f"{sha}^{{commit}}"], top, check=False).returncode == 0


def update_ref(top: Path, ref: str, sha: str, message: str) -> None:
    """Point ``ref`` at ``sha`` (both shvo's own values, never a user's)."""
    _run(["update-ref", "-m", message, ref, sha], top)


@dataclass(frozen=True, slots=True)
class GitObject:
    oid: str
    type: str
    data: bytes


class CatFile:
    """One ``git cat-file --batch`` process for every object a run reads: commits, trees and
    blobs, by id or as ``<commit>:<path>``. Use it in a ``with`` block, so the process never
    outlives the command."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> CatFile:
        try:
            self._proc = subprocess.Popen(["git", *LEAN, "cat-file", "--batch"], cwd=self.top,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.DEVNULL, env=_read_env())
        except FileNotFoundError:
            raise GitError(_("git is not installed or not on PATH")) from None
        return self

    def __exit__(self, *exc: object) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
        except OSError:  # pragma: no cover - the process died first
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    def fetch(self, names: list[str]) -> list[GitObject | None]:
        """The objects ``names`` name, in order; None for a name that names nothing (or
        that cannot be asked for: the batch protocol is one name a line)."""
        proc = self._proc
        if proc is None or proc.stdin is None or proc.stdout is None:
            raise GitError(_("git cat-file is not running"))
        asked = [n for n in names if "\n" not in n and n]
        stdin = proc.stdin
        payload = ("".join(f"{n}\n" for n in asked)).encode("utf-8", "surrogateescape")

        def write() -> None:
            try:
                stdin.write(payload)
                stdin.flush()
            except OSError:  # the reader reports the failure
                pass

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        found: dict[int, GitObject | None] = {}
        read = proc.stdout
        try:
            for index in range(len(asked)):
                header = read.readline()
                if not header:
                    raise GitError(_("git cat-file ended early"))
                fields = header.split()
                if len(fields) != 3 or not fields[2].isdigit() \
                        or not is_object_id(fields[0].decode("ascii", "replace")):
                    found[index] = None
                    continue
                size = int(fields[2])
                data = read.read(size)
                read.read(1)
                found[index] = GitObject(fields[0].decode("ascii"), fields[1].decode("ascii"),
                                         data)
        finally:
            writer.join()
        results = iter(found[i] for i in range(len(asked)))
        return [next(results) if "\n" not in n and n else None for n in names]


def unstage(top: Path, paths: list[Path]) -> None:
    """Take ``paths`` out of the index again after a failed commit, so a refused change
    cannot slip into the user's next commit."""
    head = _run(["rev-parse", "--verify", "-q", "HEAD"], top, check=False)
    if head.returncode == 0:
        _run(["reset", "-q", "--", *[str(p) for p in paths]], top, check=False)
    else:
        _run(["rm", "-q", "--cached", "--ignore-unmatch", "--", *[str(p) for p in paths]],
             top, check=False)
