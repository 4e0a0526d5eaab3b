"""Runs where staff work: nothing POSIX-only in the package, a change lock that works on
Windows too (filelock), and UTF-8 output whatever the code page."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
from pathlib import Path

import pytest

from shvo_cli.errors import ShvoError
from shvo_cli.store.files import change_lock

PACKAGE = Path(__file__).resolve().parents[1] / "shvo_cli"
POSIX_ONLY = {"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "crypt"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_posix_only_module(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
            for alias in node.names}
    used |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom)}
    assert used & POSIX_ONLY == set()


def test_the_lock_keeps_a_second_process_out(tmp_path: Path) -> None:
    other = [sys.executable, "-c",
             "import sys; from pathlib import Path; from shvo_cli.store.files import "
             "change_lock\ntry:\n with change_lock(Path(sys.argv[1]), timeout=0.3): "
             "print('got it')\nexcept Exception as e: print(type(e).__name__, e)",
             str(tmp_path)]
    with change_lock(tmp_path):
        held = subprocess.run(other, capture_output=True, text=True, encoding="utf-8",
                              check=True).stdout
    assert held.startswith("ShvoError another shvo command has been changing")
    free = subprocess.run(other, capture_output=True, text=True, encoding="utf-8",
                          check=True).stdout
    assert free.strip() == "got it"


def test_the_lock_is_released_after_a_refusal(tmp_path: Path) -> None:
    with pytest.raises(ShvoError), change_lock(tmp_path):
        raise ShvoError("refused")
    with change_lock(tmp_path, timeout=0.2):
        pass


def test_output_is_utf8_whatever_the_code_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from shvo_cli.cli.app import utf8_streams

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr("sys.stdout", stream)
    utf8_streams()
    stream.write("triage → triaged, Ödeshög\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "triage → triaged, Ödeshög\n"


def test_ci_installs_shvo_from_a_stated_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the bare name from the public index: a pinned commit of the repository shvo
    was installed from, or nothing (and the job asks for SHVO_PACKAGE)."""
    import json

    from shvo_cli.project import init

    class Dist:
        def __init__(self, origin: dict[str, object]) -> None:
            self.origin = origin

        def read_text(self, name: str) -> str:
            return json.dumps(self.origin)

    git = {"url": "https://git.example.org/shvo/shvo.git",
           "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567"}}
    monkeypatch.setattr("importlib.metadata.distribution", lambda name: Dist(git))
    files = init.planned_files()
    pinned = "shvo @ git+https://git.example.org/shvo/shvo.git@0123456789abcdef"
    assert pinned in files[".gitlab-ci.yml"].decode()
    assert pinned in files[".github/workflows/shvo.yml"].decode()
    monkeypatch.setattr("importlib.metadata.distribution",
                        lambda name: Dist({"url": "file:///home/x/shvo", "dir_info": {}}))
    files = init.planned_files()
    gitlab = files[".gitlab-ci.yml"].decode()
    assert 'SHVO_PACKAGE: ""' in gitlab and 'test -n "$SHVO_PACKAGE"' in gitlab
    assert "PIP_INDEX_URL" in gitlab
    for name in (".gitlab-ci.yml", ".github/workflows/shvo.yml", "README.md"):
        text = files[name].decode()
        assert "|| 'shvo'" not in text and "SHVO_PACKAGE: shvo\n" not in text
        assert "pypi.org" not in text
