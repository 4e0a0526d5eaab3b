"""Shared fixtures: a copy of the bundled records to break, and the CLI runner."""

from __future__ import annotations

import io
import os

# Tests read English messages unless they ask for Swedish; a Swedish locale on the machine
# running them must not change that.
os.environ["SHVO_LANG"] = "en"
# The parse cache of records outside git lives in the user's cache folder: tests keep theirs
# in a folder of their own, never in the home of whoever runs them.
os.environ["XDG_CACHE_HOME"] = os.path.join(
    __import__("tempfile").mkdtemp(prefix="shvo-test-cache-"), "cache")

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from shvo_cli import i18n
from shvo_cli.cli.app import app

# CI and `make test` run the same examples every time (a red build then means a change broke
# something, not that a new random example was drawn); SHVO_HYPOTHESIS_PROFILE=explore, or
# `pytest --hypothesis-profile=explore`, draws new ones.
settings.register_profile("shvo", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("SHVO_HYPOTHESIS_PROFILE", "shvo"))

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "records"
EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(autouse=True)
def english() -> None:
    """Every test starts in English, with the cache on; one that sets Swedish or
    ``--no-cache`` cannot leak it into the next."""
    from shvo_cli.records import cache

    i18n.set_language("en")
    cache.set_enabled(True)


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A private copy of the bundled records (and a shvo.yaml beside it)."""
    target = tmp_path / "repo" / "records"
    shutil.copytree(RECORDS, target)
    (tmp_path / "repo" / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    return target


class Run:
    """Result of one CLI call, with stdout and stderr kept apart."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def shvo() -> Callable[..., Run]:
    """Call the CLI in-process, as a user would type it."""
    runner = CliRunner()

    def call(*args: str, env: dict[str, str] | None = None) -> Run:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return call


def commit_records(top: Path, records: Path = RECORDS) -> Path:
    """A git repository at ``top`` holding a copy of ``records`` (and anything the caller
    already put there), committed by the fictional GITS case officer. Returns its records."""
    import subprocess

    if not (top / "records").exists():
        shutil.copytree(records, top / "records")
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    for args in (["init", "-q", "-b", "main"],
                 ["config", "user.email", "handlaggare@example.org"],
                 ["config", "user.name", "Exempel Handläggare"],
                 ["add", "-A"], ["commit", "-qm", "records"]):
        subprocess.run(["git", *args], cwd=top, check=True, capture_output=True)
    return top / "records"


class Tty(io.StringIO):
    """Standard error as a terminal, for output that only a person at one should see."""

    def isatty(self) -> bool:
        return True


def terminal_stderr(monkeypatch: pytest.MonkeyPatch) -> Tty:
    """Call inside the test body: pytest re-points sys.stderr at its capture after fixtures
    run, so a fixture could not do this."""
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    monkeypatch.delenv("CI", raising=False)
    return tty


def draft_plan(records: Path, *, drop_adoption: bool = True) -> None:
    """Put the bundled plan 2025 back to the draft the seed describes ("Ställningstagande i
    VVG: 2025-" is blank): the records adopt it by an example decision, DEC-2024-0001, which
    is removed too (``drop_adoption``), for tests of adopting it or of a draft plan."""
    plan = records / "plans" / "plan-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "status: adopted", "status: draft").replace(
        "  date: 2024-12-12\n  decision: DEC-2024-0001", "  date: null\n  decision: null"),
        encoding="utf-8")
    adoption = records / "decisions" / "DEC-2024-0001.yaml"
    if drop_adoption and adoption.exists():
        adoption.unlink()


def generated_records(top: Path, total: int) -> list[Path]:
    """A records folder of ``total`` generated requests (bench/gen.py) at ``top/records``,
    with its ``shvo.yaml``; the request files, sorted."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from gen import generate

    generate(top / "records", total)
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    return sorted((top / "records" / "requests").glob("*.yaml"))
