"""The tree of a change's commit, built by editing only the folders on the changed paths,
is exactly the tree git itself writes for the same files (a full index from HEAD, the files
updated, ``git write-tree``): same id, so the same order, modes and reuse of every other
folder, whatever the names, and ``git fsck`` finds nothing wrong with it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from shvo_cli.store import trees

ENV = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(top: Path, *args: str, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=top, input=stdin, capture_output=True,
                          check=True, env={**ENV, **(env or {})}).stdout.decode().strip()


def make_repo(top: Path, files: dict[str, str], *, executable: tuple[str, ...] = (),
              object_format: str = "sha1") -> str | None:
    """A repository holding ``files`` in one commit; its HEAD (None when ``files`` is
    empty: no commit yet)."""
    git(top, "init", "-q", f"--object-format={object_format}")
    for name, text in files.items():
        path = top / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if name in executable:
            path.chmod(0o755)
    if not files:
        return None
    git(top, "add", "-A")
    git(top, "commit", "-qm", "start")
    return git(top, "rev-parse", "HEAD")


def blob(top: Path, text: str) -> str:
    return git(top, "hash-object", "-w", "--stdin", stdin=text.encode())


def expected(top: Path, head: str | None, changes: dict[str, str],
             modes: dict[str, str]) -> str:
    """What git writes: HEAD read into a whole index, the files set, write-tree."""
    index = {"GIT_INDEX_FILE": str(top / ".git" / "expected-index")}
    if head:
        git(top, "read-tree", head, env=index)
    for name, oid in changes.items():
        git(top, "update-index", "--add", "--replace", "--cacheinfo", f"{modes[name]},{oid},{name}",
            env=index)
    return git(top, "write-tree", env=index)


def check(top: Path, head: str | None, texts: dict[str, str]) -> dict[str, str]:
    changes = {name: blob(top, text) for name, text in texts.items()}
    tree, modes = trees.new_tree(top, head, changes)
    assert tree == expected(top, head, changes, modes)
    git(top, "fsck", "--no-dangling", "--strict")
    return modes


MANY = {f"records/requests/REQ-2025-{i:04d}.yaml": f"id: {i}\n" for i in range(0, 400, 3)}
NEIGHBOURS = {"a": "file a\n", "a.b": "x\n", "a-b/c": "in a folder\n", "a0": "y\n",
              "b/c/d.yaml": "deep\n", "ä.yaml": "utf-8\n", "records/x.yaml": "x\n"}


@pytest.mark.parametrize("texts", [
    {"records/requests/REQ-2025-0003.yaml": "changed\n"},           # replace, big folder
    {"records/requests/REQ-2025-0004.yaml": "new\n"},               # insert between
    {"records/requests/REQ-2025-9999.yaml": "last\n",               # append, and first
     "records/requests/REQ-2025-0000-a.yaml": "first\n"},
    {"records/decisions/DEC-2025-0001.yaml": "new folder\n",        # two folders at once
     "records/requests/REQ-2025-0006.yaml": "changed\n"},
    {"records/new/deeper/still/file.yaml": "nested new folders\n"},
    {"top.yaml": "at the root\n"},
])
def test_same_tree_as_git_in_a_large_folder(tmp_path: Path, texts: dict[str, str]) -> None:
    head = make_repo(tmp_path, {**MANY, "README": "r\n"})
    assert set(check(tmp_path, head, texts).values()) == {"100644"}


@pytest.mark.parametrize("name", ["a", "a.b", "a-b", "a-b/c", "a0", "a/c", "a-", "b/c/e.yaml",
                                  "ä.yaml", "records/x.yaml", "records.yaml", "records-/x"])
def test_names_keep_git_order(tmp_path: Path, name: str) -> None:
    """Git sorts a folder's name as if it ended in '/': a, a-b, a.b, a/ ... one wrong byte
    of order would give another tree id (and fsck would refuse it)."""
    head = make_repo(tmp_path, NEIGHBOURS)
    check(tmp_path, head, {name: "changed or new\n"})


def test_a_file_replaces_a_folder_of_the_same_name(tmp_path: Path) -> None:
    head = make_repo(tmp_path, {"x/inner.yaml": "a\n", "x.yaml": "b\n", "y": "c\n"})
    check(tmp_path, head, {"x": "now a file\n"})


def test_an_executable_file_stays_executable(tmp_path: Path) -> None:
    head = make_repo(tmp_path, {"run.sh": "echo\n", "plain.yaml": "a: 1\n"},
                     executable=("run.sh",))
    modes = check(tmp_path, head, {"run.sh": "echo two\n", "plain.yaml": "a: 2\n",
                                   "new.yaml": "b: 1\n"})
    assert modes == {"run.sh": "100755", "plain.yaml": "100644", "new.yaml": "100644"}


def test_the_first_commit_has_no_head(tmp_path: Path) -> None:
    make_repo(tmp_path, {})
    check(tmp_path, None, {"records/requests/REQ-2025-0001.yaml": "first\n"})


def test_a_folder_name_with_a_line_break(tmp_path: Path) -> None:
    """The batch protocol reads one name a line: such a folder is read on its own."""
    head = make_repo(tmp_path, {"odd\nname/a.yaml": "a\n", "odd\nname/c.yaml": "c\n"})
    check(tmp_path, head, {"odd\nname/b.yaml": "b\n"})


def test_sha256_repository(tmp_path: Path) -> None:
    head = make_repo(tmp_path, dict(list(MANY.items())[:20]), object_format="sha256")
    assert head is not None and len(head) == 64
    check(tmp_path, head, {"records/requests/REQ-2025-0004.yaml": "new\n"})


def test_a_damaged_tree_is_an_error_not_a_wrong_commit() -> None:
    raw = b"100644 a\0" + b"\x01" * 20 + b"100644 b\0" + b"\x02" * 5
    with pytest.raises(trees.git.GitError):
        trees._starts(raw, 20)
