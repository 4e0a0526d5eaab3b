"""Shared fixtures: a copy of the bundled records to break, and the CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shvo_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "records"
EXAMPLES = Path(__file__).resolve().parent / "examples"


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
