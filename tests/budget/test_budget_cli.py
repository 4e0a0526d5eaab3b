"""`shvo budget …` as a user meets it: outputs that add up, golden invoice files, refusals
with file and line, exit codes, and results on stdout apart from notes on stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RECORDS, Run

Shvo = Callable[..., Run]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scb"
LINES = ["operation-licence", "coordinators", "development", "support",
         "meetings-training-communication"]
AMOUNTS = [7_900_000, 5_100_000, 200_000, 2_400_000, 300_000]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", ["show", "split", "invoices", "reconcile"])
def test_every_budget_command_has_help(shvo: Shvo, name: str) -> None:
    run = shvo("budget", name, "--help")
    assert run.exit_code == 0
    assert len(run.stdout.split("\n\n")[1].strip()) > 20


@pytest.mark.parametrize("month", ["2025-01", "2025-12"])
def test_invoices_csv_match_the_golden_files(shvo: Shvo, month: str) -> None:
    run = shvo("budget", "invoices", "2025", "--month", month, "--format", "csv",
               "--records", str(RECORDS))
    assert run.exit_code == 0, run.stderr
    golden = GOLDEN / f"invoices-{month}.csv"
    if os.environ.get("SHVO_UPDATE_GOLDEN"):
        golden.write_bytes(run.stdout.encode("utf-8"))
    assert run.stdout.encode("utf-8") == golden.read_bytes()


def test_golden_invoices_add_up() -> None:
    """What the golden files hold, checked independently of the code that wrote them."""
    yearly: dict[str, int] = {}
    for month in ("01", "12"):
        data = rows((GOLDEN / f"invoices-2025-{month}.csv").read_text(encoding="utf-8"))
        assert [r["payer"] for r in data][:3] == ["VGR", "1401", "1402"]
        assert len(data) == 50
        for r in data:
            parts = [int(v) for k, v in r.items() if k.split(" ")[0] in LINES]
            assert len(parts) == 5 and sum(parts) == int(r["amount"])
            yearly[r["payer"]] = yearly.get(r["payer"], 0) + int(r["amount"])
        header = list(data[0])
        assert "meetings-training-communication [stated (no key)]" in header
        assert "operation-licence [key:it-service]" in header
    # January carries the leftover kronor: never less than December, at most 1 kr more
    jan = rows((GOLDEN / "invoices-2025-01.csv").read_text(encoding="utf-8"))
    dec = rows((GOLDEN / "invoices-2025-12.csv").read_text(encoding="utf-8"))
    for a, b in zip(jan, dec, strict=True):
        assert 0 <= int(a["amount"]) - int(b["amount"]) <= 1


def test_twelve_invoice_months_sum_to_the_split(shvo: Shvo) -> None:
    totals: dict[str, int] = {}
    grand = 0
    for m in range(1, 13):
        run = shvo("budget", "invoices", "--month", f"2025-{m:02d}", "--format", "json",
                   "--records", str(RECORDS))
        data = json.loads(run.stdout)
        assert data["month"] == f"2025-{m:02d}"
        assert sum(i["amount"] for i in data["invoices"]) == data["total"]["amount"]
        grand += data["total"]["amount"]
        for inv in data["invoices"]:
            totals[inv["payer"]] = totals.get(inv["payer"], 0) + inv["amount"]
    assert grand == 15_900_000
    split = json.loads(shvo("budget", "split", "--format", "json",
                            "--records", str(RECORDS)).stdout)
    assert {p["id"]: p["total"] for p in split["payers"]} == totals


def test_split_monthly_csv_is_the_full_year(shvo: Shvo) -> None:
    run = shvo("budget", "split", "2025", "--by", "municipality", "--monthly", "--format", "csv",
               "--records", str(RECORDS))
    assert run.exit_code == 0
    assert run.stdout.startswith("line,basis,payer,name,association,month,amount\n")
    assert "\r" not in run.stdout
    data = rows(run.stdout)
    assert len(data) == 5 * 50 * 12
    for line, amount in zip(LINES, AMOUNTS, strict=True):
        assert sum(int(r["amount"]) for r in data if r["line"] == line) == amount
    assert {r["basis"] for r in data if r["line"] == LINES[4]} == {"stated (no key)"}
    for month in ("2025-01", "2025-07", "2025-12"):
        assert len([r for r in data if r["month"] == month]) == 250
    again = shvo("budget", "split", "2025", "--by", "municipality", "--monthly", "--format",
                 "csv", "--records", str(RECORDS))
    assert again.stdout == run.stdout


def test_split_by_party_table(shvo: Shvo) -> None:
    run = shvo("budget", "split", "--by", "party", "--records", str(RECORDS))
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Budget 2025 split by party — budget-2025 (preliminary), "
                               "population population-2024-12-31")
    row = next(ln for ln in lines if ln.startswith("operation-licence "))
    assert "key:it-service" in row and "5 530 000" in row and "2 370 000" in row
    total = next(ln for ln in lines if ln.startswith("total"))
    assert "15 900 000" in total and "10 100 000" in total and "5 800 000" in total
    assert "meetings-training-communication: no financing key" in run.stdout
    assert "budget-2025 has 4 warnings (B001 ×3, B003)" in run.stderr


def test_split_by_association_csv_sums_per_kommunalforbund(shvo: Shvo) -> None:
    run = shvo("budget", "split", "--by", "association", "--format", "csv",
               "--records", str(RECORDS))
    data = rows(run.stdout)
    assert sorted({r["payer"] for r in data}) == ["FYRBODAL", "GR", "SJUHARAD", "SKARABORG",
                                                  "VGR"]
    vgk = sum(int(r["amount"]) for r in data if r["payer"] != "VGR")
    assert vgk == 5_800_000


def test_split_json(shvo: Shvo) -> None:
    run = shvo("budget", "split", "--by", "municipality", "--monthly", "--format", "json",
               "--records", str(RECORDS))
    data = json.loads(run.stdout)
    assert data["version"] == 1 and data["by"] == "municipality"
    assert data["population"] == {"id": "population-2024-12-31", "reference_date": "2024-12-31"}
    assert [ln["basis"] for ln in data["lines"]][-1] == "stated (no key)"
    assert data["total"] == 15_900_000
    goteborg = next(p for p in data["payers"] if p["id"] == "1480")
    assert goteborg["name"] == "Göteborg" and goteborg["association"] == "GR"
    assert sum(m["amount"] for m in goteborg["months"]) == goteborg["total"]
    assert "Göteborg" in run.stdout  # ensure_ascii=False


def test_stated_option(shvo: Shvo) -> None:
    run = shvo("budget", "split", "--by", "party", "--stated", "--format", "csv",
               "--records", str(RECORDS))
    assert {r["basis"] for r in rows(run.stdout)} == {"stated", "stated (no key)"}


def test_show_table_marks_differences(shvo: Shvo) -> None:
    run = shvo("budget", "show", "--records", str(RECORDS))
    assert run.exit_code == 0
    out = run.stdout
    assert "keys: salaries VGR 50 % / VGK 50 %; it-service VGR 70 % / VGK 30 %" in out
    stated = next(ln for ln in out.splitlines() if ln.startswith("stated total"))
    assert "16 000 000" in stated and "10 260 000" in stated and "5 740 000" in stated
    diff = next(ln for ln in out.splitlines() if ln.startswith("stated - lines"))
    assert "+100 000 *" in diff and "+160 000 *" in diff and "-60 000 *" in diff
    meetings = next(ln for ln in out.splitlines() if ln.startswith("meetings"))
    assert "stated (no key)" in meetings


def test_show_json(shvo: Shvo) -> None:
    data = json.loads(shvo("budget", "show", "2025", "--format", "json",
                           "--records", str(RECORDS)).stdout)
    assert data["totals"]["lines"]["amount"] == 15_900_000
    assert data["totals"]["stated"]["amount"] == 16_000_000
    assert data["totals"]["difference"] == {"amount": 100_000, "VGR": 160_000, "VGK": -60_000}
    assert data["lines"][4]["basis"] == "stated (no key)" and data["lines"][4]["key"] is None


def test_invoices_table_and_year_from_the_month(shvo: Shvo) -> None:
    run = shvo("budget", "invoices", "--month", "2025-06", "--records", str(RECORDS))
    assert run.exit_code == 0
    assert run.stdout.startswith("Invoice basis 2025-06 — budget-2025")
    assert "1480   Göteborg" in run.stdout
    assert "50 invoices" in run.stdout


def test_reconcile_after_importing_next_years_figures(shvo: Shvo, records: Path) -> None:
    imported = shvo("population", "import", str(FIXTURES / "be0101n1-2025-cp1252.csv"),
                    "--records", str(records))
    assert imported.exit_code == 0, imported.stderr
    run = shvo("budget", "reconcile", "2025", "--invoiced-with", "population-2024-12-31",
               "--actual", "population-2025-12-31", "--format", "csv",
               "--records", str(records))
    assert run.exit_code == 0, run.stderr
    data = rows(run.stdout)
    assert len(data) == 49
    assert sum(int(r["difference"]) for r in data) == 0
    assert sum(int(r["invoiced"]) for r in data) == 5_800_000
    assert any(int(r["difference"]) != 0 for r in data)
    for r in data:
        assert int(r["due"]) - int(r["invoiced"]) == int(r["difference"])
    table = shvo("budget", "reconcile", "--actual", "population-2025-12-31",
                 "--records", str(records))
    assert "invoiced on population-2024-12-31, due on population-2025-12-31" in table.stdout
    total = next(ln for ln in table.stdout.splitlines() if ln.startswith("total"))
    assert total.rstrip().endswith(" 0")
    js = json.loads(shvo("budget", "reconcile", "--actual", "population-2025-12-31",
                         "--format", "json", "--records", str(records)).stdout)
    assert js["total"] == {"invoiced": 5_800_000, "due": 5_800_000, "difference": 0}


def test_reconcile_needs_actual(shvo: Shvo) -> None:
    run = shvo("budget", "reconcile", "--records", str(RECORDS))
    assert run.exit_code == 2
    assert "--actual" in run.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["split", "2024"], "shvo: no budget for 2024 (budgets in the records: 2025)"),
    (["invoices", "2025", "--month", "2026-01"], "shvo: --month 2026-01 is not in the budget "
     "year 2025"),
    (["invoices", "--month", "2025-1"], "give a month as YYYY-MM"),
    (["invoices"], "--month YYYY-MM is required"),
    (["split", "--population", "population-1999-12-31"], "no population table "
     "'population-1999-12-31'"),
    (["reconcile", "--actual", "nope.yaml"], "nope.yaml: no such file"),
])
def test_usage_problems_exit_2_with_nothing_on_stdout(shvo: Shvo, args: list[str],
                                                      message: str) -> None:
    run = shvo("budget", *args, "--records", str(RECORDS))
    assert run.exit_code == 2
    assert run.stdout == ""
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_invalid_budget_exits_1_naming_file_and_line(shvo: Shvo, records: Path) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "shares: {VGR: 70, VGK: 30}\n  - id: development",
        "shares: {VGR: 70, VGK: 35}\n  - id: development"), encoding="utf-8")
    for command in (["show"], ["split"], ["invoices", "--month", "2025-01"],
                    ["reconcile", "--actual", "population-2024-12-31"]):
        run = shvo("budget", *command, "--records", str(records))
        assert run.exit_code == 1, command
        assert run.stdout == ""
        assert "budget for 2025 has errors; run shvo validate" in run.stderr
        assert "budget-2025.yaml:20:13: error[B005] key 'it-service' shares sum to 105 %" \
            in run.stderr


def test_schema_invalid_budget_is_not_reported_as_missing(shvo: Shvo, records: Path) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 7900000",
                                                             "amount: -7900000"),
                    encoding="utf-8")
    run = shvo("budget", "split", "2025", "--records", str(records))
    assert run.exit_code == 1
    assert "budget for 2025 is invalid; run shvo validate" in run.stderr
    assert "budget-2025.yaml:29:13: error[S001]" in run.stderr


def test_municipality_missing_from_the_table_is_refused(shvo: Shvo, records: Path) -> None:
    path = records / "population" / "population-2024-12-31.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  - code: "1452"')
    end = text.index('  - code: "1460"')
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    run = shvo("budget", "invoices", "--month", "2025-01", "--records", str(records))
    assert run.exit_code == 1
    assert "population table population-2024-12-31 has errors" in run.stderr
    assert "error[P003] 1452 Tranemo is missing from the table" in run.stderr


def test_population_from_a_file_outside_the_records(shvo: Shvo, records: Path,
                                                    tmp_path: Path) -> None:
    other = tmp_path / "population-2024-12-31.yaml"
    shutil.copy(records / "population" / "population-2024-12-31.yaml", other)
    run = shvo("budget", "split", "--population", str(other), "--format", "csv",
               "--records", str(records))
    base = shvo("budget", "split", "--format", "csv", "--records", str(records))
    assert run.exit_code == 0 and run.stdout == base.stdout
