"""A change is one atomic commit: unusual git states are refused with nothing changed, a
write that fails at any point leaves either nothing changed or the commit made, and what a
killed shvo left in flight is finished or removed by the next command, which says so."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shvo_cli.store import commit as atomic
from shvo_cli.store import git as store_git
from tests.conftest import Run
from tests.requests.test_request import GITS, git, new, repo, step

Shvo = Callable[..., Run]
__all__ = ["repo"]


def state(root: Path) -> tuple[str, str, str]:
    """HEAD, git status, and the index: what a person would look at."""
    return (git(root, "rev-parse", "HEAD").strip(), git(root, "status", "--porcelain"),
            git(root, "ls-files", "-s"))


def leftovers(root: Path) -> list[str]:
    gitdir = Path(git(root, "rev-parse", "--absolute-git-dir").strip())
    found = [p.name for p in gitdir.iterdir() if p.name.startswith(("shvo-", "index.lock"))]
    found += [p.name for p in (root / "requests").iterdir() if p.name.endswith(".shvo-new")]
    return found


def note(shvo: Shvo, root: Path, rid: str, text: str = "Anteckning") -> Run:
    return step(shvo, root, "note", rid, text, "--by", GITS, "--date", "2025-07-02", ok=False)


@pytest.fixture
def one(shvo: Shvo, repo: Path) -> tuple[Path, str]:
    return repo, new(shvo, repo)


# --- unusual git states: a clear message, nothing changed -----------------------------------

def test_detached_head_is_refused(shvo: Shvo, one: tuple[Path, str]) -> None:
    root, rid = one
    git(root, "checkout", "-q", "--detach")
    before = state(root)
    run = note(shvo, root, rid)
    assert run.exit_code == 2 and "HEAD is detached" in run.stderr
    assert state(root) == before and leftovers(root) == []


@pytest.mark.parametrize("marker", ["MERGE_HEAD", "rebase-merge", "rebase-apply",
                                    "CHERRY_PICK_HEAD"])
def test_mid_merge_or_rebase_is_refused(shvo: Shvo, one: tuple[Path, str], marker: str) -> None:
    root, rid = one
    gitdir = Path(git(root, "rev-parse", "--absolute-git-dir").strip())
    head = git(root, "rev-parse", "HEAD").strip()
    if marker.startswith("rebase"):
        (gitdir / marker).mkdir()
    else:
        (gitdir / marker).write_text(head + "\n", encoding="ascii")
    before = state(root)
    run = note(shvo, root, rid)
    assert run.exit_code == 2 and "in progress" in run.stderr
    assert state(root) == before


def test_dubious_ownership_is_refused_not_written_uncommitted(
        shvo: Shvo, one: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    root, rid = one
    path = root / "requests" / f"{rid}.yaml"
    text = path.read_bytes()
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    run = note(shvo, root, rid)
    monkeypatch.delenv("GIT_TEST_ASSUME_DIFFERENT_OWNER")
    assert run.exit_code == 2 and "dubious ownership" in run.stderr
    assert path.read_bytes() == text and git(root, "status", "--porcelain") == ""


def test_skip_worktree_request_is_refused(shvo: Shvo, one: tuple[Path, str]) -> None:
    root, rid = one
    git(root, "update-index", "--skip-worktree", f"requests/{rid}.yaml")
    before = state(root)
    run = note(shvo, root, rid)
    assert run.exit_code == 2 and "skip-worktree" in run.stderr
    assert state(root) == before


def test_request_hidden_by_gitignore_says_why(shvo: Shvo, repo: Path) -> None:
    (repo / "requests" / ".gitignore").write_text("REQ-*.yaml\n", encoding="utf-8")
    git(repo, "add", "requests/.gitignore")
    git(repo, "commit", "-qm", "ignore")
    before, files = state(repo), sorted((repo / "requests").iterdir())
    run = shvo("request", "new", "--records", str(repo), "--no-input", "--date", "2025-07-01",
               "--title", "Ny", "--category", "maintenance", "--channel", "support")
    assert run.exit_code == 2 and "ignored by git" in run.stderr and ".gitignore" in run.stderr
    assert state(repo) == before and sorted((repo / "requests").iterdir()) == files


def test_someone_elses_staged_change_stays_staged(shvo: Shvo, one: tuple[Path, str]) -> None:
    root, rid = one
    other = root / "NOTES.md"
    other.write_text("utkast\n", encoding="utf-8")
    git(root, "add", "NOTES.md")
    assert note(shvo, root, rid).exit_code == 0
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == \
        [f"records/requests/{rid}.yaml"]
    assert git(root, "status", "--porcelain") == "A  records/NOTES.md\n"


# --- a failure at every write: nothing changed, or the commit made ---------------------------

WRITES = ["hash-object", "read-tree", "update-index", "write-tree", "commit-tree",
          "update-ref", "stage", "journal", "copy-index", "replace"]


def _inject(monkeypatch: pytest.MonkeyPatch, at: int) -> list[str]:
    """Raise ENOSPC at the ``at``-th write shvo makes during the change."""
    seen: list[str] = []

    def fail(name: str) -> None:
        seen.append(name)
        if len(seen) == at:
            raise OSError(errno.ENOSPC, "No space left on device (injected)")

    real_run, real_stage = store_git.run_isolated, atomic._stage_file
    real_journal, real_replace = atomic._write_journal, os.replace
    real_copy = atomic.shutil.copyfile

    def run(args: list[str], top: Path, **kw: Any) -> Any:
        if args[0] in WRITES:
            fail(args[0])
        return real_run(args, top, **kw)

    def stage(*args: Any) -> None:
        fail("stage")
        real_stage(*args)

    def journal(repo: atomic.Repo, record: dict[str, object]) -> None:
        fail("journal")
        real_journal(repo, record)

    def replace(a: Any, b: Any) -> None:
        fail("replace")
        real_replace(a, b)

    def copy(a: Any, b: Any) -> Any:
        fail("copy-index")
        return real_copy(a, b)

    monkeypatch.setattr(store_git, "run_isolated", run)
    monkeypatch.setattr(atomic, "_stage_file", stage)
    monkeypatch.setattr(atomic, "_write_journal", journal)
    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic.shutil, "copyfile", copy)
    return seen


def test_a_full_disk_at_every_write_leaves_nothing_to_mend(
        shvo: Shvo, one: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    root, rid = one
    outcomes = []
    at = 1
    while True:
        before = state(root)
        with monkeypatch.context() as m:
            seen = _inject(m, at)
            run = note(shvo, root, rid, f"Anteckning {at}")
        after = state(root)
        if run.exit_code == 0 and len(seen) < at:
            break  # no write left to fail at
        assert run.exit_code in (0, 2), run.stderr
        assert "Traceback" not in run.stderr
        fix = note(shvo, root, rid, f"Efter {at}")  # the next command finds a clean tree
        assert fix.exit_code == 0, fix.stderr
        assert git(root, "status", "--porcelain") == "" and leftovers(root) == []
        outcomes.append("nothing" if after == before else "committed")
        at += 1
    assert at > 8 and "nothing" in outcomes


# --- a killed shvo: the next command finishes or removes what it left -----------------------

def test_killed_after_the_commit_is_finished_by_the_next_command(
        shvo: Shvo, one: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    root, rid = one

    def killed(*args: object) -> None:
        raise SystemExit(137)  # as if killed: nothing after the commit point ran

    with monkeypatch.context() as m:
        m.setattr(atomic, "_finish", killed)
        m.setattr(atomic, "_undo", lambda *a: None)
        assert note(shvo, root, rid, "Första").exit_code == 137
    assert "Första" not in (root / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert "Första" in git(root, "show", f"HEAD:records/requests/{rid}.yaml")
    run = note(shvo, root, rid, "Andra")
    assert run.exit_code == 0 and "interrupted after its commit" in run.stderr
    text = (root / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert "Första" in text and "Andra" in text
    assert git(root, "status", "--porcelain") == "" and leftovers(root) == []


def test_killed_before_the_commit_leaves_nothing(
        shvo: Shvo, one: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    root, rid = one
    before = state(root)
    real = atomic._prepare_index

    def prepare_then_die(*args: Any) -> Path:
        real(*args)
        raise SystemExit(137)

    with monkeypatch.context() as m:
        m.setattr(atomic, "_prepare_index", prepare_then_die)
        m.setattr(atomic, "_undo", lambda *a: None)
        assert note(shvo, root, rid, "Första").exit_code == 137
    assert state(root)[0] == before[0] and leftovers(root)  # a journal, a lock, a temp file
    run = note(shvo, root, rid, "Andra")
    assert run.exit_code == 0 and "before its commit" in run.stderr
    assert "Första" not in (root / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert git(root, "status", "--porcelain") == "" and leftovers(root) == []


def test_a_foreign_index_lock_is_never_removed(shvo: Shvo, one: tuple[Path, str]) -> None:
    root, rid = one
    gitdir = Path(git(root, "rev-parse", "--absolute-git-dir").strip())
    (gitdir / "index.lock").write_bytes(b"DIRC another git is writing")
    before = state(root)[0]
    run = note(shvo, root, rid)
    assert run.exit_code == 2 and "another git program" in run.stderr
    assert (gitdir / "index.lock").exists() and state(root)[0] == before
    (gitdir / "index.lock").write_bytes(atomic.LOCK_MARK + b"999999")
    run = note(shvo, root, rid)
    assert run.exit_code == 0 and "index.lock" in run.stderr
    assert not (gitdir / "index.lock").exists()


# --- signals: finish or roll back, then one line and 130/143 --------------------------------

@pytest.mark.parametrize(("where", "committed"), [("_prepare_index", False),
                                                   ("_finish", True)])
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130),
                                              (signal.SIGHUP, 129)])
def test_a_signal_finishes_or_rolls_back(shvo: Shvo, one: tuple[Path, str],
                                         monkeypatch: pytest.MonkeyPatch, where: str,
                                         committed: bool, signum: int, code: int) -> None:
    root, rid = one
    before = state(root)[0]
    real = getattr(atomic, where)

    def signalled(*args: Any) -> Any:
        os.kill(os.getpid(), signum)
        return real(*args)

    monkeypatch.setattr(atomic, where, signalled)
    run = note(shvo, root, rid, "Avbruten")
    assert run.exit_code == code
    assert run.stderr.count("\n") == 1 and "interrupted" in run.stderr
    assert (state(root)[0] != before) == committed
    assert git(root, "status", "--porcelain") == "" and leftovers(root) == []
