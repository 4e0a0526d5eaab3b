"""Swedish output of the validation core: findings, their titles, the summary line, usage
errors, ``summary`` and ``init``. Codes, JSON keys, lines and ids never change with the
language; English stays exactly as it was."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli import i18n
from shvo_cli.findings import CODES, title
from shvo_cli.money import AllocationError, allocate
from tests.conftest import RECORDS, Run

Shvo = Callable[..., Run]
TEXT_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): "
                       r"(?P<sev>\w+)\[(?P<code>\w+)\] (?P<message>.*)$")


def _parsed(stdout: str) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in stdout.splitlines():
        m = TEXT_LINE.match(line)
        assert m, line
        rows.append((m["file"], m["line"], m["col"], m["sev"], m["code"]))
    return rows


def test_validate_in_swedish_keeps_codes_and_lines(shvo: Shvo) -> None:
    en = shvo("--lang", "en", "validate", "--records", str(RECORDS))
    sv = shvo("--lang", "sv", "validate", "--records", str(RECORDS))
    assert en.exit_code == sv.exit_code == 0
    assert len(sv.stdout.splitlines()) == 10
    assert _parsed(sv.stdout) == _parsed(en.stdout)
    assert [c for *_, c in _parsed(sv.stdout)] == ["B003", "B001", "B001", "B001", "P005",
                                                    "P004", "P004", "P004", "P004", "P004"]
    assert "angiven totalsumma 16 000 000 skiljer sig från radernas summa 15 900 000" \
        in sv.stdout
    assert "tabellens referensdatum 2024-12-31" in sv.stdout  # dates stay ISO
    assert "Möten, utbildning, kommunikation" in sv.stdout  # record text is not translated
    assert "differs" not in sv.stdout and "figure" not in sv.stdout
    assert sv.stderr.strip() == "15 filer kontrollerade: 0 fel, 10 varningar"
    assert en.stderr.strip() == "15 files checked: 0 errors, 10 warnings"


def test_english_is_unchanged(shvo: Shvo) -> None:
    run = shvo("--lang", "en", "validate", "--records", str(RECORDS))
    first = run.stdout.splitlines()[1]
    assert first.endswith("warning[B001] stated total 16 000 000 differs from the sum of the "
                          "lines 15 900 000 (stated is 100 000 more)")
    assert "figure 27 862 is dated 2023-12-31, not the table's reference date 2024-12-31" \
        in run.stdout


def test_json_in_swedish_keeps_every_key(shvo: Shvo) -> None:
    en = json.loads(shvo("--lang", "en", "validate", "--format", "json",
                         "--records", str(RECORDS)).stdout)
    sv = json.loads(shvo("--lang", "sv", "validate", "--format", "json",
                         "--records", str(RECORDS)).stdout)
    assert set(sv) == set(en) == {"version", "records", "files", "summary", "findings"}
    assert sv["summary"] == en["summary"] == {"errors": 0, "warnings": 10}
    assert sv["files"] == en["files"] == 15
    for s, e in zip(sv["findings"], en["findings"], strict=True):
        assert set(s) == set(e) == {"file", "line", "column", "severity", "code", "title",
                                    "message"}
        assert (s["file"], s["line"], s["column"], s["severity"], s["code"]) == \
            (e["file"], e["line"], e["column"], e["severity"], e["code"])
        assert s["title"] != e["title"] and s["message"] != e["message"]
    assert en["findings"][0]["title"] == "stated split matches no financing key"
    assert sv["findings"][0]["title"] == \
        "angiven fördelning stämmer inte med någon fördelningsnyckel"
    assert sv["findings"][0]["severity"] == "warning"


def test_b003_decimal_sign_follows_language(shvo: Shvo) -> None:
    en = shvo("--lang", "en", "validate", "--records", str(RECORDS)).stdout.splitlines()[0]
    sv = shvo("--lang", "sv", "validate", "--records", str(RECORDS)).stdout.splitlines()[0]
    assert "(VGR 66.7 % : VGK 33.3 %)" in en and "66,7" not in en
    assert "(VGR 66,7 % : VGK 33,3 %)" in sv and "66.7" not in sv
    assert "raden 'Möten, utbildning, kommunikation' har ingen fördelningsnyckel" in sv
    assert "VGR 200 000 / VGK 100 000" in sv  # kronor with spaces in both languages


def test_ci_formats_in_swedish(shvo: Shvo) -> None:
    github = shvo("--lang", "sv", "validate", "--format", "github", "--records", str(RECORDS))
    first = github.stdout.splitlines()[0]
    assert first.startswith("::warning file=records/budgets/budget-2025.yaml,line=52,col=13,"
                            "title=B003 angiven fördelning stämmer inte med någon "
                            "fördelningsnyckel::raden ")
    assert "66%2C7 %25" not in first and "66,7 %25" in first  # data: only '%' escaped
    assert github.stderr.strip() == "15 filer kontrollerade: 0 fel, 10 varningar"
    sarif = json.loads(shvo("--lang", "sv", "validate", "--format", "sarif",
                            "--records", str(RECORDS)).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {"B001", "B003", "P004", "P005"}
    assert rules["P005"]["shortDescription"]["text"] == \
        "raderna summerar inte till angiven totalsumma"
    assert rules["P005"]["defaultConfiguration"]["level"] == "warning"
    gitlab = json.loads(shvo("--lang", "sv", "validate", "--format", "gitlab",
                             "--records", str(RECORDS)).stdout)
    assert gitlab[0]["check_name"] == "B003" and gitlab[0]["description"].startswith(
        "B003 raden ")


def test_no_records_found_in_swedish(shvo: Shvo, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHVO_RECORDS", raising=False)
    sv = shvo("--lang", "sv", "validate")
    assert sv.exit_code == 2
    assert sv.stderr.startswith("shvo: inga handlingar hittades: ingen shvo.yaml i ")
    assert "ange --records MAPP eller sätt SHVO_RECORDS" in sv.stderr
    en = shvo("--lang", "en", "validate")
    assert en.exit_code == 2
    assert en.stderr.startswith("shvo: no records found: no shvo.yaml in ")


def test_missing_path_in_swedish(shvo: Shvo) -> None:
    run = shvo("--lang", "sv", "validate", "--records", str(RECORDS), "finns-inte.yaml")
    assert run.exit_code == 2
    assert "finns-inte.yaml: filen eller mappen finns inte" in run.stderr


def test_record_findings_in_swedish(shvo: Shvo, records: Path) -> None:
    req = records / "requests" / "REQ-2025-0001.yaml"
    text = req.read_text(encoding="utf-8")
    req.write_text(text.replace("category: new-development", "category: nyutveckling\n"
                                "unused: 1"), encoding="utf-8")
    (records / "requests" / "REQ-2025-0099.yaml").write_text(
        "kind: request\nid: REQ-2025-0099\nid: REQ-2025-0098\n", encoding="utf-8")
    run = shvo("--lang", "sv", "validate", "--records", str(records))
    assert run.exit_code == 1
    assert "error[Y002] dubblerad nyckel 'id': YAML skulle i tysthet bara behålla den sista" \
        in run.stdout
    # the common schema violations are worded by shvo, in the run's language
    assert "error[S001] category: bryter mot schemat: \"nyutveckling\" är inte något av" \
        in run.stdout
    assert "error[S001] fältet 'unused' är inte tillåtet i en handling av typen request" \
        in run.stdout
    assert re.search(r"\d+ filer kontrollerade: \d+ fel, \d+ varningar$", run.stderr.strip())
    en = shvo("--lang", "en", "validate", "--records", str(records))
    assert "error[S001] category: \"nyutveckling\" is not one of" in en.stdout
    assert "error[S001] field 'unused' is not allowed in a request record" in en.stdout


def test_summary_in_swedish(shvo: Shvo) -> None:
    sv = shvo("--lang", "sv", "summary", "--records", str(RECORDS))
    assert sv.exit_code == 0
    assert "Förvaltningsplan 2025: fastställd" in sv.stdout  # statuses in Swedish
    assert "Budget 2025: förhandsbeslutad, raderna summerar till 15 900 000 kr, angiven " \
        "totalsumma 16 000 000 kr" in sv.stdout
    assert "49 kommuner, 1 773 069 invånare" in sv.stdout
    assert "Ärenden: 4 (" in sv.stdout
    en = shvo("--lang", "en", "summary", "--records", str(RECORDS))
    assert "Plan 2025: adopted" in en.stdout and "49 municipalities" in en.stdout


def test_init_in_swedish(shvo: Shvo, tmp_path: Path) -> None:
    run = shvo("--lang", "sv", "init", str(tmp_path / "ny"))
    assert run.exit_code == 0 and run.stdout.startswith("skrev ")
    again = shvo("--lang", "sv", "init", str(tmp_path / "ny"))
    assert again.exit_code == 2
    assert "är inte tom; ange --force" in again.stderr


def test_every_title_is_translated() -> None:
    english = {code: title(code) for code in CODES}
    assert english == {code: info.title for code, info in CODES.items()}
    i18n.set_language("sv")
    swedish = {code: title(code) for code in CODES}
    assert all(swedish[c] and swedish[c] != english[c] for c in CODES)


def test_core_errors_in_swedish() -> None:
    i18n.set_language("sv")
    with pytest.raises(AllocationError, match="vikterna summerar till noll"):
        allocate(100, [0, 0])
    i18n.set_language("en")
    with pytest.raises(AllocationError, match="weights sum to zero"):
        allocate(100, [0, 0])
