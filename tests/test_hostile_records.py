"""Records that are hostile or careless in shape: every field that commands iterate may be
empty or null, lists keyed by id may repeat an id, numbers may be absurdly long. The schema
or validate reports each, and every command reports the finding instead of crashing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, commit_records

Shvo = Callable[..., Run]
RID = "REQ-2025-0001"
GITS = "handlaggare@example.org"


def _history(text: str, replacement: str) -> str:
    return re.sub(r"history:\n(.|\n)*", replacement, text)


MUTATIONS: dict[str, Callable[[str], str]] = {
    "history-null": lambda t: _history(t, "history: null\n"),
    "history-empty": lambda t: _history(t, "history:\n"),
    "history-empty-list": lambda t: _history(t, "history: []\n"),
    "null-entry": lambda t: t.replace("history:\n", "history:\n  - null\n", 1),
    "decisions-null": lambda t: t.replace("    scope: within-plan\n",
                                          "    scope: within-plan\n    decisions: null\n", 1),
    "decisions-empty": lambda t: t.replace("    scope: within-plan\n",
                                           "    scope: within-plan\n    decisions:\n", 1),
}

COMMANDS: dict[str, list[str]] = {
    "show": ["show", RID],
    "note": ["note", RID, "Anteckning", "--by", GITS, "--date", "2025-07-02"],
    "advance": ["advance", RID, "in-progress", "--by", GITS, "--date", "2025-07-02"],
    "edit": ["edit", RID, "--title", "Ny titel", "--by", GITS, "--date", "2025-07-02"],
    "log": ["log", RID],
}


@pytest.fixture
def broken_repo(tmp_path: Path, records: Path) -> Callable[[str], Path]:
    def make(mutation: str) -> Path:
        path = records / "requests" / f"{RID}.yaml"
        path.write_text(MUTATIONS[mutation](path.read_text(encoding="utf-8")),
                        encoding="utf-8")
        return commit_records(records.parent, records)
    return make


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_validate_refuses_empty_or_null(shvo: Shvo, broken_repo: Callable[[str], Path],
                                        mutation: str) -> None:
    root = broken_repo(mutation)
    run = shvo("validate", "--records", str(root))
    assert run.exit_code == 1, run.stdout
    assert f"{RID}.yaml" in run.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_commands_report_instead_of_crashing(shvo: Shvo, broken_repo: Callable[[str], Path],
                                             mutation: str, command: str) -> None:
    root = broken_repo(mutation)
    before = (root / "requests" / f"{RID}.yaml").read_bytes()
    run = shvo("request", *COMMANDS[command], "--records", str(root))
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert run.exit_code in (0, 1, 2), run.stderr
    if command != "log":
        assert run.exit_code != 0 or command == "show"
    assert (root / "requests" / f"{RID}.yaml").read_bytes() == before


# --- ids unique in every list keyed by id ----------------------------------------------------

@pytest.mark.parametrize(("old", "new"), [
    ("  - id: it-service\n", "  - id: salaries\n"),          # a financing key
    ("  - id: support\n", "  - id: coordinators\n"),         # a budget line
])
def test_duplicate_ids_in_a_budget_are_an_error(shvo: Shvo, records: Path, old: str,
                                                new: str) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = shvo("validate", "--records", str(records))
    assert run.exit_code == 1
    assert "error[R001]" in run.stdout and "is used twice in" in run.stdout


# --- lengths and sizes --------------------------------------------------------------------

def test_a_title_of_120_kb_is_an_error(shvo: Shvo, records: Path) -> None:
    path = records / "requests" / f"{RID}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", "title: " + "x" * 120_000, text, count=1,
                           flags=re.M), encoding="utf-8")
    run = shvo("validate", "--records", str(records))
    assert run.exit_code == 1 and "error[S010]" in run.stdout
    assert "x" * 100 not in run.stdout


def test_a_changing_command_refuses_an_overlong_title(shvo: Shvo, records: Path) -> None:
    root = commit_records(records.parent, records)
    run = shvo("request", "new", "--records", str(root), "--no-input", "--date", "2025-07-01",
               "--title", "x" * 501, "--category", "maintenance", "--channel", "support",
               "--by", GITS)
    assert run.exit_code == 1 and "at most 500" in run.stderr


@pytest.mark.parametrize("name", ["be0101n1-2024.csv", "be0101n1-2024.json"])
def test_a_5000_digit_population_figure_is_refused_by_name(name: str) -> None:
    from shvo_cli.population.importer import parse_scb
    from shvo_cli.population.scb_csv import PopulationImportError

    path = Path(__file__).resolve().parent / "fixtures" / "scb" / name
    raw = path.read_bytes().replace(b"40003", b"4" * 5000, 1)
    with pytest.raises(PopulationImportError, match="a figure of 5000 digits is not a "
                                                    "population"):
        parse_scb(name, raw)


def test_a_kind_that_is_not_text_is_a_finding_not_a_crash(shvo: Shvo, records: Path) -> None:
    """Found by tests/fuzz_records.py (seed 16, run 220)."""
    path = records / "budgets" / "budget-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: budget", "kind: {}"),
                    encoding="utf-8")
    run = shvo("validate", "--records", str(records))
    assert run.exit_code == 1 and "internal error" not in run.stderr
