"""Budget against outcome: the financial system's export mapped by a record, refused with
file:line when it does not fit, stored, and compared line by line with a forecast."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, commit_records

Shvo = Callable[..., Run]
MAPPING = """\
kind: outcome
id: outcome-mapping
type: mapping
source: "Exempel: GITS ekonomi (lokal inställning, fiktiva konton)"
columns: {account: Konto, month: Period, amount: Belopp}
accounts:
  "6540": operation-licence
  "7010": coordinators
  "6560": support
threshold_percent: 10
"""
EXPORT = ("Konto;Period;Belopp\n6540;2025-01;650 000,00\n6540;2025-02;700 000\n"
          "6540;202503;660000,49\n7010;2025-01-31;400000\n7010;2025-02;420000\n"
          "7010;2025-03;455000\n6560;2025-03;-1 000,50\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    top = tmp_path / "repo"
    (top / "records").mkdir(parents=True)
    import shutil

    from tests.conftest import RECORDS

    shutil.copytree(RECORDS, top / "records", dirs_exist_ok=True)
    (top / "records" / "outcome").mkdir()
    (top / "records" / "outcome" / "outcome-mapping.yaml").write_text(MAPPING, encoding="utf-8")
    return commit_records(top)


def run_import(shvo: Shvo, repo: Path, name: str, content: str | bytes) -> Run:
    path = repo.parent / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return shvo("outcome", "import", str(path), "--date", "2025-04-02",
                "--by", "handlaggare@example.org", "--records", str(repo))


def test_import_and_compare(shvo: Shvo, repo: Path) -> None:
    run = run_import(shvo, repo, "utfall.csv", EXPORT)
    assert run.exit_code == 0, run.stderr
    stored = (repo / "outcome" / "outcome-2025.yaml").read_text(encoding="utf-8")
    assert "through: 2025-03" in stored and "operation-licence:" in stored
    out = shvo("budget", "show", "2025", "--outcome", "--format", "json",
               "--records", str(repo))
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    lines = {x["id"]: x for x in data["lines"]}
    ops = lines["operation-licence"]
    assert ops["outcome"] == 2010000 and ops["forecast"] == 8040000
    assert ops["deviation"] == 140000 and ops["flagged"] is False
    assert lines["coordinators"]["outcome"] == 1275000
    assert lines["support"]["outcome"] == -1001 and lines["support"]["flagged"] is True
    table = shvo("budget", "show", "2025", "--outcome", "--records", str(repo)).stdout
    assert "! support" in table and "  operation-licence" in table
    strict = shvo("budget", "show", "2025", "--outcome", "--threshold", "1", "--format",
                  "json", "--records", str(repo)).stdout
    assert json.loads(strict)["lines"][0]["flagged"] is True


def test_xlsx_export_is_read(shvo: Shvo, repo: Path, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Konto", "Period", "Belopp"])
    ws.append(["6540", "2025-01", 100000])
    ws.append(["7010", "2025-02", "=1+1"])  # a formula: read as its (missing) saved value
    path = tmp_path / "utfall.xlsx"
    wb.save(path)
    run = shvo("outcome", "import", str(path), "--date", "2025-04-02",
               "--by", "handlaggare@example.org", "--records", str(repo))
    assert run.exit_code == 1 and "row 3" in run.stderr
    ws.delete_rows(3)
    wb.save(path)
    run = shvo("outcome", "import", str(path), "--date", "2025-04-02",
               "--by", "handlaggare@example.org", "--records", str(repo))
    assert run.exit_code == 0, run.stderr


@pytest.mark.parametrize(("content", "expected"), [
    ("Konto;Period;Belopp\n6540;2025-01;1\n9999;2025-01;5\n", "utfall.csv:3: account '9999'"),
    ("Konto;Period;Belopp\n6540;2025-13;1\n", "utfall.csv:2:"),
    ("Konto;Period;Belopp\n6540;2025-01;1\n6540;2026-01;1\n", "one year"),
    ("Konto;Period;Belopp\n6540;2025-01;=cmd|' /C calc'!A0\n", "not an amount"),
    ("Konto;Månad;Belopp\n6540;2025-01;1\n", "no column Period"),
    ("Konto;Period;Belopp\n", "no rows"),
    (b"Konto;Period;Belopp\n6540;2025-01;1\n\xff\xfe;;\n", "utfall.csv:3"),
])
def test_bad_exports_are_refused_with_their_place(shvo: Shvo, repo: Path,
                                                  content: str | bytes, expected: str) -> None:
    run = run_import(shvo, repo, "utfall.csv", content)
    assert run.exit_code == 1, run.stderr
    assert expected in run.stderr and "Traceback" not in run.stderr
    assert not (repo / "outcome" / "outcome-2025.yaml").exists()


def test_windows_1252_export(shvo: Shvo, repo: Path) -> None:
    content = "Konto;Period;Belopp;Kommentar\n6540;2025-01;1000;Härryda\n".encode("cp1252")
    run = run_import(shvo, repo, "utfall.csv", content)
    assert run.exit_code == 0, run.stderr


def test_no_mapping_no_outcome(shvo: Shvo, tmp_path: Path) -> None:
    repo = commit_records(tmp_path / "plain")
    (tmp_path / "e.csv").write_text(EXPORT, encoding="utf-8")
    run = shvo("outcome", "import", str(tmp_path / "e.csv"), "--records", str(repo),
               "--by", "handlaggare@example.org")
    assert run.exit_code == 2 and "outcome-mapping" in run.stderr
    shown = shvo("budget", "show", "2025", "--outcome", "--records", str(repo))
    assert shown.exit_code == 2 and "shvo outcome import" in shown.stderr


def test_report_section_builder(repo: Path, shvo: Shvo) -> None:
    from shvo_cli.finance.outcome import compare
    from shvo_cli.render.outcome import report_section

    assert run_import(shvo, repo, "utfall.csv", EXPORT).exit_code == 0
    lines = report_section(compare(repo, 2025))
    assert lines[0] == "## Budget against outcome"
    assert any("support" in x for x in lines)


def test_chart_svg_escapes_and_marks(repo: Path, shvo: Shvo) -> None:
    from shvo_cli.finance.outcome import compare
    from shvo_cli.render.outcome import chart_svg

    budget = repo / "budgets" / "budget-2025.yaml"
    text = budget.read_text(encoding="utf-8")
    budget.write_text(text.replace("name: Support (ta höjd för ev. ökat behov under året)",
                                   "name: \"<script>x</script>\""), encoding="utf-8")
    assert run_import(shvo, repo, "utfall.csv", EXPORT).exit_code == 0
    svg = chart_svg(compare(repo, 2025))
    assert svg.startswith("<svg") and "<script>" not in svg
    assert "! &lt;script&gt;x&lt;/script&gt;" in svg
    assert svg.count("<rect") == 10


def test_quarterly_report_shows_budget_against_outcome(repo: Path, shvo: Shvo) -> None:
    """Once an outcome is imported, the Q1 report (through March) carries it in every form,
    with the deviating line marked, and the HTML a chart of it; Q1 as of February, before
    the outcome's last month, does not."""
    assert run_import(shvo, repo, "utfall.csv", EXPORT).exit_code == 0
    base = ("cycle", "report", "--quarter", "2025Q1", "--records", str(repo))
    text = shvo(*base, "--as-of", "2025-03-31").stdout
    assert "Budget against outcome" in text and "Outcome through 2025-03 (3 of 12" in text
    assert "! Support" in text
    data = json.loads(shvo(*base, "--as-of", "2025-03-31", "--format", "json").stdout)
    support = next(x for x in data["outcome"]["lines"] if x["id"] == "support")
    assert support["flagged"] is True and support["outcome"] == -1001
    html = shvo(*base, "--as-of", "2025-03-31", "--format", "html").stdout
    assert html.count('aria-label="Budget against outcome"') == 1
    swedish = shvo("--lang", "sv", *base, "--as-of", "2025-03-31", "--format", "markdown")
    assert "Utfall till och med 2025-03" in swedish.stdout
    early = json.loads(shvo(*base, "--as-of", "2025-02-28", "--format", "json").stdout)
    assert early["outcome"] is None


@pytest.mark.parametrize("where", ["header", "cell", "account"])
def test_an_export_holding_an_identity_number_is_refused_without_echo(
        shvo: Shvo, repo: Path, where: str) -> None:
    """Issue 16: the guard holds for imports too: nothing stored, the number never repeated
    (an unknown account is otherwise quoted in the message)."""
    number = "19121212-1212"  # Skatteverket's published test number
    export = {"header": EXPORT.replace("Belopp", f"Belopp {number}"),
              "cell": EXPORT + f"7010;2025-03;1;{number}\n",
              "account": EXPORT + f"{number};2025-03;1\n"}[where]
    run = run_import(shvo, repo, "utfall.csv", export)
    assert run.exit_code != 0
    assert "personnummer" in run.stderr and number not in run.stdout + run.stderr
    assert "121212" not in run.stderr
    assert not (repo / "outcome" / "outcome-2025.yaml").exists()
