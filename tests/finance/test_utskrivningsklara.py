"""Utskrivningsklara: aggregate days only; person-level files refused without echoing the
data; the basis is days × the price the records state, and there is no default price."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, commit_records

Shvo = Callable[..., Run]
PRICE = """\
kind: utskrivningsklara
id: uk-price-2025
type: price
year: 2025
price_per_day: 8000
source: "Exempel: fiktiv siffra för test, inte överenskommelsens"
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return commit_records(tmp_path / "repo")


def imp(shvo: Shvo, repo: Path, content: str) -> Run:
    path = repo.parent / "statistik.csv"
    path.write_text(content, encoding="utf-8")
    return shvo("utskrivningsklara", "import", str(path), "--date", "2025-04-02",
                "--by", "handlaggare@example.org", "--records", str(repo))


def test_import_and_basis(shvo: Shvo, repo: Path) -> None:
    run = imp(shvo, repo, "Kommunkod;Månad;Dagar\n1480;2025-03;120\nBorås;2025-03;14\n")
    assert run.exit_code == 0, run.stderr
    no_price = shvo("budget", "utskrivningsklara", "2025-03", "--records", str(repo))
    assert no_price.exit_code == 2 and "uk-price-2025.yaml" in no_price.stderr
    (repo / "utskrivningsklara" / "uk-price-2025.yaml").write_text(PRICE, encoding="utf-8")
    out = shvo("budget", "utskrivningsklara", "2025-03", "--format", "json",
               "--records", str(repo))
    data = json.loads(out.stdout)
    rows = {r["code"]: r for r in data["municipalities"]}
    assert rows["1480"]["amount"] == 960000 and rows["1490"]["days"] == 14
    assert len(rows) == 49 and data["total"] == 134 * 8000
    table = shvo("budget", "utskrivningsklara", "2025-03", "--records", str(repo)).stdout
    assert "Göteborg" in table and "960 000" in table
    assert shvo("validate", "--records", str(repo)).exit_code == 0


PERSONAL = [
    "Personnummer;Kommunkod;Månad;Dagar\n19121212-1212;1480;2025-03;3\n",
    "Kommunkod;Månad;Dagar;Anteckning\n1480;2025-03;3;19121212-1212\n",
    "Namn;Kommunkod;Månad;Dagar\nTolvan Tolvansson;1480;2025-03;3\n",
    "Kommunkod;Månad;Dagar;Född\n1480;2025-03;3;1912-12-12\n",
    "Kommunkod;Månad;Dagar\n1480;2025-03;3\n1480;2025-03;5\n",
    "Patient;Kommunkod;Månad;Dagar\nP1;1480;2025-03;3\n",
]


@pytest.mark.parametrize("content", PERSONAL)
def test_person_level_files_are_refused_without_echo(shvo: Shvo, repo: Path,
                                                     content: str) -> None:
    run = imp(shvo, repo, content)
    assert run.exit_code == 1
    assert "nothing stored" in run.stderr
    for secret in ("19121212", "1212-1212", "Tolvan", "1912-12-12", "P1;"):
        assert secret not in run.stderr + run.stdout
    assert not (repo / "utskrivningsklara").exists()


@pytest.mark.parametrize("content", ["Kommunkod;Månad;Dagar\n9999;2025-03;1\n",
                                     "Kommunkod;Månad;Dagar\n1480;2025-03;-1\n",
                                     "Kommun;Dagar\n1480;1\n",
                                     "Kommunkod;Månad;Dagar\n1480;2025-03;1\n1401;2025-04;1\n"])
def test_bad_aggregate_files(shvo: Shvo, repo: Path, content: str) -> None:
    run = imp(shvo, repo, content)
    assert run.exit_code == 1 and "Traceback" not in run.stderr
    assert not (repo / "utskrivningsklara").exists()
