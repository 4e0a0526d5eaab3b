"""``git.has_changes``: whether a file differs from HEAD, staged or not — what decides that a
change refuses to commit over a hand edit. HEAD's and the index's blob come from one git
process; a name with a line break (which that protocol cannot carry) is asked one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from shvo_cli.store import git as store_git
from tests.store.test_trees import git, make_repo


@pytest.mark.parametrize("name", ["records/requests/REQ-2025-0001.yaml", "odd\nname.yaml",
                                  "mellanslag och å.yaml"])
def test_clean_edited_staged_and_removed(tmp_path: Path, name: str) -> None:
    make_repo(tmp_path, {name: "a: 1\n", "other.yaml": "b: 1\n"})
    path = tmp_path / name
    assert not store_git.has_changes(tmp_path, path)
    path.write_text("a: 2\n", encoding="utf-8")
    assert store_git.has_changes(tmp_path, path)            # edited, not staged
    git(tmp_path, "add", "--", name)
    assert store_git.has_changes(tmp_path, path)            # staged
    git(tmp_path, "commit", "-qm", "edit")
    assert not store_git.has_changes(tmp_path, path)
    path.unlink()
    assert store_git.has_changes(tmp_path, path)            # removed by hand


def test_untracked_and_absent_files(tmp_path: Path) -> None:
    make_repo(tmp_path, {"other.yaml": "b: 1\n"})
    new = tmp_path / "new.yaml"
    assert not store_git.has_changes(tmp_path, new)         # nothing there, nothing to lose
    new.write_text("c: 1\n", encoding="utf-8")
    assert store_git.has_changes(tmp_path, new)


def test_staged_but_work_tree_back_to_head(tmp_path: Path) -> None:
    make_repo(tmp_path, {"x.yaml": "a: 1\n"})
    path = tmp_path / "x.yaml"
    path.write_text("a: 2\n", encoding="utf-8")
    git(tmp_path, "add", "x.yaml")
    path.write_text("a: 1\n", encoding="utf-8")
    assert store_git.has_changes(tmp_path, path)            # the index still differs


def test_before_the_first_commit(tmp_path: Path) -> None:
    make_repo(tmp_path, {})
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    git(tmp_path, "add", "x.yaml")
    assert store_git.has_changes(tmp_path, path)
