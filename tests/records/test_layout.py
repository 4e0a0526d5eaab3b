"""The records folder layout, written down once in ``records/layout.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from shvo_cli.records import layout
from shvo_cli.records.locate import discover
from tests.conftest import RECORDS


def test_every_bundled_file_sits_where_its_kind_belongs() -> None:
    for path in discover(RECORDS):
        text = path.read_text(encoding="utf-8")
        kind = layout.expected_kind(RECORDS, path)
        assert kind is not None, path
        assert f"kind: {kind}\n" in text, path


def test_paths_are_built_from_kind_and_id(tmp_path: Path) -> None:
    assert layout.record_path(tmp_path, "request", "REQ-2025-0001") \
        == tmp_path / "requests" / "REQ-2025-0001.yaml"
    assert layout.record_path(tmp_path, "decision", "DEC-2025-0001") \
        == tmp_path / "decisions" / "DEC-2025-0001.yaml"
    assert layout.yearly_path(tmp_path, "plan", 2026) == tmp_path / "plans" / "plan-2026.yaml"
    assert layout.yearly_path(tmp_path, "budget", 2026) \
        == tmp_path / "budgets" / "budget-2026.yaml"
    assert layout.singleton_path(tmp_path, "process") == tmp_path / "process.yaml"
    with pytest.raises(ValueError):
        layout.singleton_path(tmp_path, "request")


@pytest.mark.parametrize(("rel", "kind"), [
    ("organisation.yaml", "organisation"), ("systems.yaml", "systems"),
    ("plans/plan-2025.yaml", "plan"), ("budgets/x.yaml", "budget"),
    ("population/p.yaml", "population"), ("requests/REQ-2025-0001.yaml", "request"),
    ("decisions/sub/DEC-2025-0001.yaml", "decision"), ("other.yaml", None),
    ("notes/x.yaml", None)])
def test_a_place_implies_a_kind(tmp_path: Path, rel: str, kind: str | None) -> None:
    assert layout.expected_kind(tmp_path, tmp_path / rel) == kind


def test_a_path_outside_the_records_implies_nothing(tmp_path: Path) -> None:
    assert layout.expected_kind(tmp_path / "records", tmp_path / "requests" / "x.yaml") is None


def test_yearly_ids_read_back() -> None:
    assert layout.year_of("budget", layout.yearly_id("budget", 2031)) == 2031
    assert layout.year_of("plan", "plan-2025") == 2025
    assert layout.year_of("budget", "budget-next") is None
    assert layout.year_of("budget", "plan-2025") is None
    assert layout.PLAN_ID.match("plan-2025") and not layout.PLAN_ID.match("plan-25")


@pytest.mark.parametrize("kind", ["request", "decision"])
def test_new_ids_match_their_pattern(kind: str) -> None:
    pattern = layout.REQUEST_ID if kind == "request" else layout.DECISION_ID
    ids = {layout.new_id(kind, 2025) for _ in range(50)}
    assert all(pattern.match(i) and i[4:8] == "2025" for i in ids)
    assert len(ids) == 50


def test_files_of_a_kind_are_listed_sorted(tmp_path: Path) -> None:
    assert layout.files_in(tmp_path, "plan") == []
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("plan-2026.yaml", "plan-2025.yml", "notes.txt"):
        (plans / name).write_text("kind: plan\n", encoding="utf-8")
    (plans / "sub.yaml").mkdir()
    assert [p.name for p in layout.files_in(tmp_path, "plan")] == ["plan-2025.yml",
                                                                    "plan-2026.yaml"]
