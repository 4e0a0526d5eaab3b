"""Shared fixtures: a copy of the bundled records to break, and the CLI runner."""

from __future__ import annotations

import os

# Tests read English messages unless they ask for Swedish; a Swedish locale on the machine
# running them must not change that.
os.environ["SHVO_LANG"] = "en"

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shvo_cli import i18n
from shvo_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "records"
EXAMPLES = Path(__file__).resolve().parent / "examples"


@pytest.fixture(autouse=True)
def english() -> None:
    """Every test starts in English; one that sets Swedish cannot leak it into the next."""
    i18n.set_language("en")


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
