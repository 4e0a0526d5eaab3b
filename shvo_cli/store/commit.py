"""A change as one atomic commit: the commit is the point of truth.

The new commit is built beside everything else — blobs written with ``hash-object -w``, new
trees for only the folders on the changed paths (``store.trees``), ``commit-tree`` — while the
work-tree files and the user's index are untouched. The new files and the new index are
prepared as temporary files next to their targets (so a full disk or a read-only folder
fails here, before anything changed). Then one ``update-ref`` with the old value (compare
and swap) makes the commit, and two renames bring the work tree and the index up to date.

So after an interruption at any instant either nothing happened, or the commit happened
and only renames were left to do. A journal in the git directory names what was in flight;
the next change (under the same change lock, so the shvo that wrote it is gone) finishes
or removes it and says so (:func:`recover`). The index is locked the way git locks it
(``index.lock``, created exclusively) with shvo's mark inside, so a lock left by a killed
shvo is recognised and one held by any other program is never removed.

SIGINT, SIGTERM and SIGHUP are held while a change is written: before the commit point the
change is rolled back, after it the renames finish; then :class:`Interrupted` is raised.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import N_, _
from shvo_cli.privacy import find_identity_numbers
from shvo_cli.store import git, trees
from shvo_cli.store.signals import hold_signals
from shvo_cli.store.synced import kept_mode, write_synced

JOURNAL = "shvo-change.json"
NEW_INDEX = "shvo-index.new"
LOCK_MARK = b"shvo change lock pid="
_ZERO = "0" * 40
_STATES = (("MERGE_HEAD", N_("a merge is in progress (git merge --continue or --abort)")),
           ("CHERRY_PICK_HEAD", N_("a cherry-pick is in progress")),
           ("REVERT_HEAD", N_("a revert is in progress")),
           ("rebase-merge", N_("a rebase is in progress (git rebase --continue or --abort)")),
           ("rebase-apply", N_("a rebase or git am is in progress")))


class CommitRefused(ShvoError):
    """The repository is in a state where a change cannot be committed safely; nothing
    was changed. Exit 2."""


@dataclass(frozen=True)
class Repo:
    top: Path
    gitdir: Path


_OPENED: dict[str, Repo] = {}


def open_repo(top: Path) -> Repo:
    """The work tree and its git directory, asked of git once per process (a change asks
    to recover, then to commit; every git process costs a start-up, dearest on Windows)."""
    known = _OPENED.get(str(top))
    if known is not None and known.gitdir.is_dir():
        return known
    out = git.run_isolated(["rev-parse", "--absolute-git-dir"], top).stdout
    repo = _OPENED[str(top)] = Repo(top, Path(out.decode("utf-8", "surrogateescape").strip()))
    return repo


# --- checks before anything changes -------------------------------------------------------

def preflight(repo: Repo, paths: list[Path], *, allow_detached: bool = False) -> str:
    """The ref the commit goes to; refuses states in which a commit would be lost or
    mixed with someone else's work."""
    for name, why in _STATES:
        if (repo.gitdir / name).exists():
            raise CommitRefused(_("{why}: finish it first; nothing was changed").format(
                why=_(why)))
    ref = git.run_isolated(["symbolic-ref", "-q", "HEAD"], repo.top, check=False)
    if ref.returncode not in (0, 1):
        git.run_isolated(["symbolic-ref", "HEAD"], repo.top)  # raises with git's words
    if ref.returncode != 0 and not allow_detached:
        raise CommitRefused(_("HEAD is detached (not on a branch): a commit made here is lost "
                              "at the next checkout. Switch to a branch first (git switch "
                              "main), or pass --allow-detached to commit here anyway; nothing "
                              "was changed"))
    rels = [rel(repo, p) for p in paths]
    listed = git.run_isolated(["ls-files", "-v", "-z", "--", *rels], repo.top).stdout
    for item in listed.split(b"\0"):
        if item[:1] == b"S" or (item[:1].islower() and item[:1] != b"h"):
            name = item[2:].decode("utf-8", "replace")
            raise CommitRefused(_("{file} is marked skip-worktree or assume-unchanged in git "
                                  "(sparse checkout?): shvo cannot see or commit it safely; "
                                  "git update-index --no-skip-worktree --no-assume-unchanged "
                                  "{file}; nothing was changed").format(file=name))
    tracked = {i[2:].decode("utf-8", "surrogateescape") for i in listed.split(b"\0") if i}
    for name in rels:
        if name in tracked:
            continue
        ignored = git.run_isolated(["check-ignore", "-v", "--no-index", "--", name],
                                   repo.top, check=False)
        if ignored.returncode == 0:
            rule = ignored.stdout.decode("utf-8", "replace").split("\t")[0]
            raise CommitRefused(_("{file} is ignored by git ({rule}): it could not be "
                                  "committed; change the ignore rule; nothing was changed")
                                .format(file=name, rule=rule))
    return ref.stdout.decode().strip() if ref.returncode == 0 else "HEAD"


def rel(repo: Repo, path: Path) -> str:
    return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(repo.top))).as_posix()


# --- building the commit ------------------------------------------------------------------

def _head(repo: Repo, ref: str) -> str | None:
    proc = git.run_isolated(["rev-parse", "--verify", "-q", ref], repo.top, check=False)
    return proc.stdout.decode().strip() or None if proc.returncode == 0 else None


def build(repo: Repo, head: str | None, files: list[tuple[str, bytes]],
          message: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The new commit (HEAD plus the blobs), and each file's (mode, blob, name); written
    to the object store only, where nothing refers to it yet. Only the trees of the folders
    on the changed paths are rebuilt (:mod:`shvo_cli.store.trees`), so the cost does not grow
    with the rest of the repository."""
    blobs = {name: git.run_isolated(["hash-object", "-w", "--stdin", f"--path={name}"],
                                    repo.top, stdin=data).stdout.decode().strip()
             for name, data in files}
    tree, modes = trees.new_tree(repo.top, head, blobs)
    args = ["commit-tree", tree]
    if head:
        args += ["-p", head]
    if git.config(repo.top, "commit.gpgsign") in ("true", "yes", "on", "1"):
        args.append("-S")
    sha = git.run_isolated(args, repo.top, stdin=message.encode("utf-8")).stdout
    return sha.decode().strip(), [(modes[name], blob, name) for name, blob in blobs.items()]


# --- the lock, the journal, the commit point ----------------------------------------------

@contextlib.contextmanager
def index_lock(repo: Repo) -> Iterator[Path]:
    """``index.lock`` as git takes it (created exclusively), marked as shvo's."""
    lock = repo.gitdir / "index.lock"
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise CommitRefused(_("another git program is using this repository ({lock} "
                              "exists); when it has finished, try again; nothing was "
                              "changed").format(lock=lock)) from None
    try:
        os.write(fd, LOCK_MARK + str(os.getpid()).encode())
    finally:
        os.close(fd)
    try:
        yield lock
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def _tmp_name(path: Path) -> Path:
    """Where a file's new content waits for the commit: beside it (same file system, so the
    rename is atomic), under a fixed name the journal lists before it is written."""
    return path.parent / f".{path.name}.shvo-new"


def _stage_file(path: Path, tmp: Path, data: bytes) -> None:
    """The new content beside its target, flushed to disk; renamed in place later."""
    mode = kept_mode(path)
    path.parent.mkdir(exist_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        write_synced(fd, tmp, data, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_journal(repo: Repo, record: dict[str, object]) -> None:
    path = repo.gitdir / JOURNAL
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _prepare_index(repo: Repo, entries: list[tuple[str, str, str]]) -> Path:
    new = repo.gitdir / NEW_INDEX
    current = repo.gitdir / "index"
    if current.exists():
        shutil.copyfile(current, new)
    else:
        new.unlink(missing_ok=True)
    git.run_isolated(["update-index", "--add", "-z", "--index-info"], repo.top,
                     env={"GIT_INDEX_FILE": str(new)},
                     stdin=b"".join(f"{m} {b}\t{n}".encode() + b"\0" for m, b, n in entries))
    return new


def commit(top: Path, files: list[tuple[Path, bytes]], message: str, *,
           allow_detached: bool = False) -> str:
    """Commit exactly ``files`` (path, new content) on top of HEAD, atomically, and bring
    the work tree and the index up to date. Whatever else is staged stays staged."""
    if find_identity_numbers(message):
        raise CommitRefused(_("the commit message holds a personnummer or samordningsnummer; "
                              "git history must never hold patient data (nothing was changed)"))
    repo = open_repo(top)
    with hold_signals() as held:
        ref = preflight(repo, [p for p, __ in files], allow_detached=allow_detached)
        head = _head(repo, ref)
        named = [(rel(repo, p), d) for p, d in files]
        sha, entries = build(repo, head, named, message)
        held.check(done=False)
        staged = [(_tmp_name(path), path) for path, __ in files]
        try:
            # The journal first: whatever exists of the change from here on, it names.
            _write_journal(repo, {"pid": os.getpid(), "time": time.time(), "ref": ref,
                                  "old": head, "new": sha,
                                  "files": [[str(t), str(p)] for t, p in staged]})
            for (tmp, path), (__, data) in zip(staged, files, strict=True):
                _stage_file(path, tmp, data)
            with index_lock(repo):
                new_index = _prepare_index(repo, entries)
                held.check(done=False)
                subject = message.split("\n", 1)[0]
                git.run_isolated(["update-ref", "-m", f"commit: {subject}", ref, sha,
                                  head or _ZERO], repo.top)
                _finish(repo, staged, new_index)
        except BaseException:
            _undo(repo, staged)
            raise
        held.check(done=True)
    return sha


def _finish(repo: Repo, staged: list[tuple[Path, Path]], new_index: Path) -> None:
    """After the commit point: only renames, then the journal goes."""
    for tmp, path in staged:
        os.replace(tmp, path)
    os.replace(new_index, repo.gitdir / "index")
    (repo.gitdir / JOURNAL).unlink(missing_ok=True)


def _undo(repo: Repo, staged: list[tuple[Path, Path]]) -> None:
    """Before the commit point: remove what was prepared (the journal last)."""
    journal = repo.gitdir / JOURNAL
    if journal.exists():
        record = json.loads(journal.read_text(encoding="utf-8"))
        if _head(repo, str(record["ref"])) == record["new"]:
            return  # the commit happened: leave the journal for recover() to finish
    for tmp, __ in staged:
        tmp.unlink(missing_ok=True)
    (repo.gitdir / NEW_INDEX).unlink(missing_ok=True)
    journal.unlink(missing_ok=True)


# --- the next command repairs ---------------------------------------------------------------

def _scratch(repo: Repo) -> list[Path]:
    """shvo's own temporary files in the git directory that no change in flight uses (the
    journal is handled first): a half-written journal, a prepared index, an index a killed
    ``git update-index`` was writing (its lock, once old enough that git is done with it)."""
    found = [p for p in (repo.gitdir / "shvo-change.tmp", repo.gitdir / NEW_INDEX)
             if p.exists()]
    found += [p for p in repo.gitdir.glob("shvo-index.tree.*")]  # shvo before this version
    lock = repo.gitdir / f"{NEW_INDEX}.lock"
    with contextlib.suppress(OSError):
        if time.time() - lock.stat().st_mtime > 5:
            found.append(lock)
    return found


def _stale_lock(repo: Repo, lock: Path) -> bool:
    """A lock shvo wrote (its mark inside) — called under the change lock, so the shvo
    that wrote it is gone. Anything else in the lock is another program's: left alone."""
    try:
        return lock.read_bytes().startswith(LOCK_MARK)
    except OSError:
        return False


_NOTES: list[str] = []


def take_notes() -> list[str]:
    """What :func:`recover` did since last asked, for the command to say."""
    notes = list(_NOTES)
    _NOTES.clear()
    return notes


def recover(top: Path) -> str | None:
    """Finish or undo a change a killed shvo left in flight; say what was done (None:
    nothing was left; the note is also kept for :func:`take_notes`). Call under the change
    lock, before the records are read."""
    said = _recover(open_repo(top))
    if said is not None:
        _NOTES.append(said)
    return said


def _recover(repo: Repo) -> str | None:
    journal = repo.gitdir / JOURNAL
    lock = repo.gitdir / "index.lock"
    said: str | None = None
    if journal.exists():
        try:
            record = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
        files = [(Path(t), Path(p)) for t, p in record.get("files", [])]
        new = record.get("new")
        if new and _head(repo, str(record.get("ref", "HEAD"))) == new:
            for tmp, path in files:
                if tmp.exists():
                    os.replace(tmp, path)
            index = repo.gitdir / NEW_INDEX
            if index.exists():
                os.replace(index, repo.gitdir / "index")
            said = _("an earlier change was interrupted after its commit {commit}: finished "
                     "it (work tree and index brought up to date)").format(commit=new[:10])
        else:
            for tmp, __ in files:
                tmp.unlink(missing_ok=True)
            (repo.gitdir / NEW_INDEX).unlink(missing_ok=True)
            said = _("an earlier change was interrupted before its commit: removed what it "
                     "had prepared (nothing had changed)")
        journal.unlink(missing_ok=True)
    for leftover in _scratch(repo):
        leftover.unlink(missing_ok=True)
        said = said or _("removed temporary files left by an interrupted shvo change")
    if lock.exists() and _stale_lock(repo, lock):
        lock.unlink(missing_ok=True)
        said = said or _("removed git's index.lock left by an interrupted shvo change")
    return said
