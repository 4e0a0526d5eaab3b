"""Budget, invoices and population import in Swedish: tables, notes and refusals follow
``--lang sv``; the numbers, finding codes, CSV headers and JSON keys never change with it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli import i18n
from shvo_cli.budget.inputs import summarise_warnings
from tests.conftest import RECORDS, Run

Shvo = Callable[..., Run]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scb"
AMOUNT = re.compile(r"[+-]?\d{1,3}(?: \d{3})*(?!\d)")


def both(shvo: Shvo, *args: str) -> tuple[Run, Run]:
    """The same command in English and in Swedish."""
    en = shvo(*args)
    sv = shvo("--lang", "sv", *args)
    return en, sv


def test_budget_show_in_swedish_has_swedish_headings_and_the_same_numbers(shvo: Shvo) -> None:
    en, sv = both(shvo, "budget", "show", "2025", "--records", str(RECORDS))
    assert en.exit_code == sv.exit_code == 0
    for text in ("Budget 2025 — budget-2025 (förhandsbeslutad)", "nycklar: salaries VGR 50 %",
                 "fördelningsgrund", "VGR fördelat", "VGK angivet", "summa rader",
                 "angiven totalsumma", "angiven fördelning (ingen nyckel)",
                 "nyckel:it-service", "ingen fördelningsnyckel"):
        assert text in sv.stdout, text
    for text in ("sum of lines", "stated total", "preliminary", "key:it-service"):
        assert text not in sv.stdout, text
    assert AMOUNT.findall(sv.stdout) == AMOUNT.findall(en.stdout)
    assert "16 000 000" in sv.stdout and "+100 000 *" in sv.stdout
    assert "shvo: obs: budget-2025 har" in sv.stderr
    assert re.search(r"har \d+ varningar \(B001", sv.stderr)


def test_budget_show_in_english_is_unchanged(shvo: Shvo) -> None:
    run = shvo("budget", "show", "2025", "--records", str(RECORDS))
    assert run.stdout.startswith("Budget 2025 — budget-2025 (preliminary), ")
    assert "line  " in run.stdout and "VGR split  VGR stated" in run.stdout
    assert "\nsum of lines " in run.stdout and "\nstated total " in run.stdout
    assert "stated (no key)" in run.stdout
    assert "summa" not in run.stdout and "obs:" not in run.stderr
    assert "shvo: note: budget-2025 has" in run.stderr


@pytest.mark.parametrize("args", [
    ["invoices", "--month", "2025-01", "--format", "csv"],
    ["invoices", "--month", "2025-12", "--format", "json"],
    ["split", "--format", "csv"],
    ["split", "--by", "association", "--monthly", "--format", "csv"],
    ["split", "--by", "party", "--stated", "--format", "json"],
    ["show", "--format", "json"],
    ["reconcile", "--actual", "population-2024-12-31", "--format", "csv"],
    ["reconcile", "--actual", "population-2024-12-31", "--format", "json"],
])
def test_machine_formats_are_byte_identical_in_both_languages(shvo: Shvo,
                                                              args: list[str]) -> None:
    en, sv = both(shvo, "budget", *args, "--records", str(RECORDS))
    assert en.exit_code == sv.exit_code == 0
    assert sv.stdout.encode("utf-8") == en.stdout.encode("utf-8")


def test_invoice_csv_keeps_its_english_header_in_swedish(shvo: Shvo) -> None:
    sv = shvo("--lang", "sv", "budget", "invoices", "--month", "2025-01", "--format", "csv",
              "--records", str(RECORDS))
    header = sv.stdout.splitlines()[0]
    assert header.startswith("month,payer,name,association,amount,operation-licence [key:")
    assert header.endswith("meetings-training-communication [stated (no key)]")


def test_split_invoice_and_reconcile_tables_in_swedish(shvo: Shvo) -> None:
    split = shvo("--lang", "sv", "budget", "split", "--by", "association", "--records",
                 str(RECORDS))
    assert split.stdout.startswith("Budget 2025 fördelad per kommunalförbund — budget-2025 "
                                   "(förhandsbeslutad), folkmängd population-2024-12-31 "
                                   "(referensdatum 2024-12-31), belopp enligt "
                                   "fördelningsnyckel\n")
    assert "Göteborgsregionen, 12 kommuner, 1 001 824 invånare" in split.stdout
    assert "\nrader:\n" in split.stdout and "\ntotalt " in split.stdout
    invoices = shvo("--lang", "sv", "budget", "invoices", "--month", "2025-01", "--records",
                    str(RECORDS))
    assert invoices.stdout.startswith("Fakturaunderlag 2025-01 — ")
    assert "betalare  namn" in invoices.stdout and "50 fakturor" in invoices.stdout
    assert "841 667" in invoices.stdout
    rec = shvo("--lang", "sv", "budget", "reconcile", "--actual", "population-2024-12-31",
               "--stated", "--records", str(RECORDS))
    assert rec.stdout.startswith("Avstämning 2025 — budget-2025 (förhandsbeslutad): "
                                 "fakturerat enligt population-2024-12-31")
    assert "förvaltningsplanens angivna fördelning" in rec.stdout.splitlines()[0]
    for heading in ("kod", "kommunalförbund", "invånare (fakturerat)", "att betala",
                    "differens"):
        assert heading in rec.stdout
    assert "kommunen får tillbaka pengar" in rec.stdout


def test_quiet_drops_the_notes_in_both_languages(shvo: Shvo) -> None:
    for lang in ("en", "sv"):
        run = shvo("--lang", lang, "--quiet", "budget", "show", "--records", str(RECORDS))
        assert run.exit_code == 0 and run.stderr == "" and run.stdout


@pytest.mark.parametrize(("args", "en", "sv"), [
    (["split", "2024"], "shvo: no budget for 2024 (budgets in the records: 2025)",
     "shvo: ingen budget för 2024 (budgetar bland handlingarna: 2025)"),
    (["invoices", "2025", "--month", "2026-01"],
     "shvo: --month 2026-01 is not in the budget year 2025",
     "shvo: --month 2026-01 ligger inte i budgetåret 2025"),
    (["invoices", "--month", "2025-1"], "give a month as YYYY-MM",
     "ange en månad som ÅÅÅÅ-MM"),
    (["invoices"], "--month YYYY-MM is required", "--month ÅÅÅÅ-MM krävs"),
    (["reconcile"], "--actual POPULATION is required", "--actual POPULATION krävs"),
    (["split", "--population", "population-1999-12-31"],
     "no population table 'population-1999-12-31' (tables in the records: ",
     "ingen folkmängdstabell 'population-1999-12-31' (tabeller bland handlingarna: "),
    (["split", "--by", "municipality", "--population", "nope.yaml"],
     "nope.yaml: no such file", "nope.yaml: filen finns inte"),
])
def test_usage_refusals_in_swedish(shvo: Shvo, args: list[str], en: str, sv: str) -> None:
    english, swedish = both(shvo, "budget", *args, "--records", str(RECORDS))
    assert english.exit_code == swedish.exit_code == 2
    assert english.stdout == swedish.stdout == ""
    assert en in english.stderr
    assert sv in swedish.stderr


def test_budget_with_errors_is_refused_in_swedish_with_the_codes_unchanged(
        shvo: Shvo, records: Path) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "shares: {VGR: 70, VGK: 30}\n  - id: development",
        "shares: {VGR: 70, VGK: 35}\n  - id: development"), encoding="utf-8")
    run = shvo("--lang", "sv", "budget", "split", "--records", str(records))
    assert run.exit_code == 1 and run.stdout == ""
    assert "shvo: budgeten för 2025 har fel; kör shvo validate:" in run.stderr
    assert "budget-2025.yaml:20:13: error[B005]" in run.stderr


def _bad_csv(tmp_path: Path) -> tuple[Path, int]:
    source = (FIXTURES / "be0101n1-2024.csv").read_text(encoding="utf-8-sig")
    lines = source.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith('"1402 Partille"'))
    lines[at] = '"1402 Partille",0'
    bad = tmp_path / "folkmangd.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad, at + 1


def test_refused_population_import_in_swedish_names_file_and_line(
        shvo: Shvo, records: Path, tmp_path: Path) -> None:
    bad, line = _bad_csv(tmp_path)
    before = sorted(p.name for p in (records / "population").iterdir())
    en, sv = both(shvo, "population", "import", str(bad), "--records", str(records))
    assert en.exit_code == sv.exit_code == 2
    assert f"{bad}:{line}: 1402 Partille: population 0; every municipality has inhabitants" \
        in en.stderr
    assert f"{bad}:{line}: 1402 Partille: folkmängd 0; varje kommun har invånare" in sv.stderr
    assert sorted(p.name for p in (records / "population").iterdir()) == before


def test_jsonstat_with_two_periods_is_refused_in_swedish(shvo: Shvo, records: Path) -> None:
    run = shvo("--lang", "sv", "population", "import", str(FIXTURES / "be0101n1-2023-2024.json"),
               "--records", str(records))
    assert run.exit_code == 2
    assert "värden för flera perioder (2023, 2024): välj en med --period" in run.stderr


def test_population_import_reports_in_swedish_and_writes_the_same_record(
        shvo: Shvo, tmp_path: Path) -> None:
    written = {}
    for lang in ("en", "sv"):
        root = tmp_path / lang / "records"
        shutil.copytree(RECORDS, root)
        run = shvo("--lang", lang, "population", "import",
                   str(FIXTURES / "be0101n1-2025-cp1252.csv"), "--records", str(root))
        assert run.exit_code == 0, run.stderr
        written[lang] = (run.stdout, (root / "population" / "population-2025-12-31.yaml")
                         .read_bytes())
    assert written["sv"][1] == written["en"][1]
    assert re.search(r": population-2025-12-31, 49 municipalities, [\d ]+ inhabitants on "
                     r"2025-12-31", written["en"][0])
    assert re.search(r"^skrev .*population-2025-12-31\.yaml: population-2025-12-31, "
                     r"49 kommuner, [\d ]+ invånare den 2025-12-31", written["sv"][0])
    again = shvo("--lang", "sv", "population", "import",
                 str(FIXTURES / "be0101n1-2025-cp1252.csv"), "--records",
                 str(tmp_path / "sv" / "records"))
    assert again.exit_code == 2
    assert "finns redan; ange --force för att ersätta den" in again.stderr


def test_dry_run_note_in_swedish(shvo: Shvo, records: Path) -> None:
    run = shvo("--lang", "sv", "population", "import", str(FIXTURES / "be0101n1-2024.json"),
               "--dry-run", "--records", str(records))
    assert run.exit_code == 0
    assert run.stdout.startswith("# yaml-language-server: $schema=")
    assert "shvo: provkörning, inte skrivet till " in run.stderr
    assert "49 kommuner" in run.stderr and "(länsraden stämmer)" in run.stderr


def test_warning_summary_counts_in_both_languages() -> None:
    from shvo_cli.findings import Finding, Severity

    one = [Finding("P005", Severity.WARNING, Path("p.yaml"), 1, 1, "x")]
    i18n.set_language("sv")
    assert summarise_warnings("population-x", one) == "population-x har 1 varning (P005)"
    assert summarise_warnings("population-x", one * 3) == \
        "population-x har 3 varningar (P005 ×3)"
    i18n.set_language("en")
    assert summarise_warnings("population-x", one) == "population-x has 1 warning (P005)"
