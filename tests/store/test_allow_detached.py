"""A detached HEAD: every changing command refuses it (a commit there is lost at the next
checkout) and names the way out; with ``--allow-detached`` the change is committed on the
detached HEAD, which then points at it, and no branch moves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from shvo_cli.cli.app import app
from tests.conftest import Run
from tests.requests.test_request import GITS, git, new, repo

Shvo = Callable[..., Run]
__all__ = ["repo"]


def _note(root: Path, rid: str) -> list[str]:
    return ["request", "note", rid, "Anteckning", "--by", GITS, "--date", "2025-07-02",
            "--records", str(root)]


def _new(root: Path, rid: str) -> list[str]:
    return ["request", "new", "--records", str(root), "--no-input", "--date", "2025-07-02",
            "--title", "Ny rapport", "--category", "maintenance", "--channel", "support"]


def _incident(root: Path, rid: str) -> list[str]:
    return ["incident", "new", "--title", "Ingen inloggning", "--system", "SAMSA",
            "--started", "2025-08-04T09:00", "--text", "Ingen kan logga in.", "--by", GITS,
            "--records", str(root)]


def _decision(root: Path, rid: str) -> list[str]:
    return ["decision", "add", "--records", str(root), "--no-input", "--body", "GITS",
            "--type", "other", "--reference", "Minnesanteckningar", "--outcome", "noted",
            "--summary", "Noterat", "--by", GITS, "--date", "2025-07-03"]


COMMANDS = {"request note": _note, "request new": _new, "incident new": _incident,
            "decision add": _decision}


def _state(root: Path) -> tuple[str, str, str]:
    return (git(root, "rev-parse", "HEAD").strip(), git(root, "status", "--porcelain"),
            git(root, "rev-parse", "main").strip())


@pytest.fixture
def detached(shvo: Shvo, repo: Path) -> tuple[Path, str]:
    """The records with one request, checked out as a detached HEAD."""
    rid = new(shvo, repo)
    git(repo, "checkout", "-q", "--detach")
    return repo, rid


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_refused_without_the_option_and_the_message_names_it(
        shvo: Shvo, detached: tuple[Path, str], name: str) -> None:
    root, rid = detached
    before = _state(root)
    run = shvo(*COMMANDS[name](root, rid))
    assert run.exit_code == 2, run.stderr
    assert "HEAD is detached" in run.stderr and "--allow-detached" in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert _state(root) == before


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_committed_on_the_detached_head_with_the_option(
        shvo: Shvo, detached: tuple[Path, str], name: str) -> None:
    root, rid = detached
    head, __, main = _state(root)
    run = shvo(*COMMANDS[name](root, rid), "--allow-detached")
    assert run.exit_code == 0, run.stderr
    after, status, main_after = _state(root)
    assert after != head and status == ""  # committed, and the work tree agrees with it
    assert main_after == main  # no branch moved
    assert git(root, "rev-parse", f"{after}^").strip() == head
    detached_head = git(root, "rev-parse", "--abbrev-ref", "HEAD").strip()
    assert detached_head == "HEAD"  # still detached: the commit is reachable from HEAD
    assert git(root, "merge-base", "--is-ancestor", after, "HEAD") == ""
    changed = git(root, "show", "--name-only", "--format=", after).split()
    assert changed and all(p.startswith("records/") for p in changed)


def test_the_option_is_for_one_run_only(shvo: Shvo, detached: tuple[Path, str]) -> None:
    """Tests and the fuzzer run many commands in one process: a run with the option must
    not let the next one, without it, commit on a detached HEAD."""
    root, rid = detached
    assert shvo(*_note(root, rid), "--allow-detached").exit_code == 0
    before = _state(root)
    run = shvo(*_note(root, rid))
    assert run.exit_code == 2 and "--allow-detached" in run.stderr
    assert _state(root) == before


def test_on_a_branch_the_option_changes_nothing(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    main = git(repo, "rev-parse", "main").strip()
    assert shvo(*_note(repo, rid), "--allow-detached").exit_code == 0
    assert git(repo, "rev-parse", "main^").strip() == main
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"


def test_the_refusal_in_swedish_names_the_option(shvo: Shvo,
                                                  detached: tuple[Path, str]) -> None:
    root, rid = detached
    run = shvo("--lang", "sv", *_note(root, rid))
    assert run.exit_code == 2
    assert "HEAD är frikopplat" in run.stderr and "--allow-detached" in run.stderr


def _leaves(command: object, path: tuple[str, ...] = ()) -> list[tuple[str, object]]:
    subs = getattr(command, "commands", None)
    if not subs:
        return [(" ".join(path), command)]
    return [leaf for name, sub in subs.items() for leaf in _leaves(sub, (*path, name))]


def test_every_command_that_commits_takes_the_option() -> None:
    """Every command with --commit/--no-commit can commit, so each takes --allow-detached;
    and the state the option sets is reset by each of them (see common._remember_detached)."""
    tree = typer.main.get_command(app)
    committing = [(name, cmd) for name, cmd in _leaves(tree)
                  if any("--commit" in p.opts for p in getattr(cmd, "params", []))]
    assert len(committing) >= 20
    missing = [name for name, cmd in committing
               if not any("--allow-detached" in p.opts for p in getattr(cmd, "params", []))]
    assert missing == []
