"""One invalid example per finding code (tests/examples/invalid/<case>/), and the bundled
records as the valid example: each case must produce its findings at their lines, and no
error it does not expect."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from shvo_cli.checks.validate import validate
from shvo_cli.findings import CODES, Severity
from tests.conftest import EXAMPLES, RECORDS

CASES = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())

# The bundled records hold exactly these warnings (seed facts, domain.md): the budget's
# stated totals and keyless line, the population table's mixed dates and total.
BUNDLED = [
    ("B003", "budgets/budget-2025.yaml", 52),
    ("B001", "budgets/budget-2025.yaml", 55),
    ("B001", "budgets/budget-2025.yaml", 56),
    ("B001", "budgets/budget-2025.yaml", 57),
    ("P005", "population/population-2024-12-31.yaml", 9),
    ("P004", "population/population-2024-12-31.yaml", 35),
    ("P004", "population/population-2024-12-31.yaml", 65),
    ("P004", "population/population-2024-12-31.yaml", 131),
    ("P004", "population/population-2024-12-31.yaml", 173),
    ("P004", "population/population-2024-12-31.yaml", 257),
]


def _rows(root: Path) -> list[tuple[str, str, int, str, Severity]]:
    result = validate(root)
    return [(f.code, f.file.relative_to(root).as_posix(), f.line, f.message, f.severity)
            for f in result.findings]


def test_bundled_records_show_exactly_the_seed_facts() -> None:
    rows = _rows(RECORDS)
    assert [(c, f, ln) for c, f, ln, _, _ in rows] == BUNDLED
    assert all(s is Severity.WARNING for *_, s in rows)
    messages = " | ".join(m for _, _, _, m, _ in rows)
    assert "16 000 000" in messages and "15 900 000" in messages
    assert "Möten, utbildning, kommunikation" in messages


def test_every_code_has_an_invalid_example() -> None:
    covered = {c.name.split("-")[0] for c in CASES} | {"Y008", "Y012", "Y015"}  # Y015: test_hostile
    assert covered == {c for c in CODES if not c.startswith("A")}  # A: git-history tests


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_example(case: Path, records: Path) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    for rel in spec.get("remove", []):
        (records / rel).unlink()
    if (case / "records").is_dir():  # a case that only removes files has none (git keeps
        shutil.copytree(case / "records", records, dirs_exist_ok=True)  # no empty folders)
    before = {r[:4] for r in _rows(RECORDS)}
    new = [r for r in _rows(records) if r[:4] not in before]
    expected = [(e["code"], e["file"], e["line"]) for e in spec["expect"]]
    for code, file, line in expected:
        assert any(c == code and f == file and line in (-1, ln) for c, f, ln, _, _ in new), (
            f"expected {code} at {file}:{line}, got {[(c, f, ln) for c, f, ln, _, _ in new]}")
    unexpected = [r for r in new if r[4] is Severity.ERROR
                  and not any(r[0] == c and r[1] == f for c, f, _ in expected)]
    assert unexpected == []


def test_file_too_large(records: Path) -> None:
    big = records / "requests" / "REQ-2025-0010.yaml"
    big.write_text("kind: request\n" + "# fyllnad\n" * 120_000, encoding="utf-8")
    rows = [r for r in _rows(records) if r[1] == "requests/REQ-2025-0010.yaml"]
    assert [(c, ln) for c, _, ln, _, _ in rows] == [("Y008", 1)]


def test_unreadable_file(records: Path) -> None:
    os.symlink(records / "nowhere.yaml", records / "requests" / "REQ-2025-0011.yaml")
    rows = [r for r in _rows(records) if r[1] == "requests/REQ-2025-0011.yaml"]
    assert [c for c, *_ in rows] == ["Y012"]


def test_records_left_untouched(records: Path) -> None:
    """Validation reads; it never writes a record."""
    before = {p: p.read_bytes() for p in records.rglob("*.yaml")}
    validate(records)
    assert {p: p.read_bytes() for p in records.rglob("*.yaml")} == before


VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_example(case: Path, records: Path) -> None:
    """Variations that are right must add no finding (and may clear seed warnings)."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    shutil.copytree(case / "records", records, dirs_exist_ok=True)
    before = {r[:4] for r in _rows(RECORDS)}
    rows = _rows(records)
    assert [r[:3] for r in rows if r[:4] not in before] == []
    assert [r[:3] for r in rows if r[0] in spec.get("absent", [])] == []
