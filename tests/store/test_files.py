"""Atomic writes: the target is either old or new, temp files never linger."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shvo_cli.store import files


def test_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o600)
    files.atomic_write_text(target, "ny: å\n")
    assert target.read_text(encoding="utf-8") == "ny: å\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_failure_leaves_old_file_and_no_temp(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError):
        files.atomic_write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
