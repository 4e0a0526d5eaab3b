"""Tab completes values from the records: ids, states, scopes, categories, systems,
municipality codes; cheaply (file names and a line scan, never the records machinery)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shvo_cli.cli.completion import candidates
from shvo_cli.records import ids
from shvo_cli.records.layout import FILE_KIND, FOLDER_KIND
from tests.conftest import RECORDS

SHVO = Path(sys.executable).parent / "shvo"


def values(name: str, typed: str) -> list[str]:
    return [v for v, _ in candidates(RECORDS, name, typed)]


def test_ids_and_names_from_the_records() -> None:
    assert values("request_id", "req-2025-000") == [f"REQ-2025-000{i}" for i in (1, 2, 3, 4)]
    assert values("decision", "DEC") == ["DEC-2024-0001", "DEC-2025-0001", "DEC-2025-0002"]
    assert values("state", "in-") == ["in-working-group", "in-progress"]
    assert values("scope", "") == ["within-plan", "next-year", "beyond-plan"]
    assert values("category", "m") == ["maintenance"]
    assert values("systems", "SAMSA,mel") == ["SAMSA,MELIOR-DENODO"]
    assert values("system_id", "millen") == ["MILLENIUM-SAMVY"]
    assert "1401" in values("municipality", "14") and len(values("municipality", "")) == 49
    assert dict(candidates(RECORDS, "scope", "next"))["next-year"] == (
        "Omhändertas i kommande års förvaltningsplan")
    assert values("title", "") == []  # free text completes nothing


def test_layout_agrees_with_the_repository() -> None:
    assert set(ids.FOLDERS) == set(FOLDER_KIND)
    assert {v: k for k, v in ids.FILES.items()} == FILE_KIND


def test_broken_records_complete_nothing(tmp_path: Path) -> None:
    (tmp_path / "process.yaml").write_bytes(b"\xff\xfe states: [")
    assert candidates(tmp_path, "state", "") == []
    assert candidates(tmp_path, "request_id", "") == []


def complete(words: str, cwd: Path, **env: str) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    proc = subprocess.run([str(SHVO)], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", check=True,
                          env={**os.environ, "_SHVO_COMPLETE": "complete_bash",
                               "COMP_WORDS": words, "COMP_CWORD": str(cword), **env})
    return proc.stdout.split()


@pytest.mark.skipif(not SHVO.exists(), reason="the shvo console script is not installed")
def test_the_shell_gets_ids(records: Path, tmp_path: Path) -> None:
    top = records.parent  # holds shvo.yaml (records: records)
    assert complete("shvo request show REQ-2025-000", top)[:2] == ["REQ-2025-0001",
                                                                  "REQ-2025-0002"]
    assert complete("shvo request advance REQ-2025-0001 rel", top) == ["released"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert complete(f"shvo request list --records {records} --scope n", elsewhere) == [
        "next-year"]
    assert complete("shvo systems show SIP", elsewhere, SHVO_RECORDS=str(records)) == [
        "SIP-1177"]
    assert complete("shvo request show REQ", elsewhere) == []  # no records: nothing


def test_completion_does_not_load_the_records_machinery(records: Path) -> None:
    code = ("import sys\nsys.argv = ['shvo']\nfrom shvo_cli.cli.app import run\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print('LOADED' if 'shvo_cli.records.repository' in sys.modules else 'LEAN')")
    out = subprocess.run([sys.executable, "-c", code], cwd=records.parent, capture_output=True,
                         text=True, encoding="utf-8", check=True,
                         env={**os.environ, "_SHVO_COMPLETE": "complete_bash",
                              "COMP_WORDS": "shvo request show REQ", "COMP_CWORD": "3"}).stdout
    assert out.split()[-1] == "LEAN" and "REQ-2025-0001" in out
