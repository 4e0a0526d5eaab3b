"""`shvo population import`: SCB's exports (JSON-stat 2.0 and CSV, fixtures in
tests/fixtures/scb/ written from the formats' documentation) become a population record that
passes `shvo validate`; anything but exactly the county's 49 municipalities is refused with
file and line, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from shvo_cli.county import MUNICIPALITIES
from shvo_cli.population.importer import (
    PopulationImportError,
    import_population,
    parse_scb,
    reference_date,
)
from shvo_cli.yamlio.read import parse_text
from tests.conftest import Run

Shvo = Callable[..., Run]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scb"
CSV_2024 = FIXTURES / "be0101n1-2024.csv"
JSON_2024 = FIXTURES / "be0101n1-2024.json"
JSON_TWO = FIXTURES / "be0101n1-2023-2024.json"
CSV_2025 = FIXTURES / "be0101n1-2025-cp1252.csv"


def csv_text() -> str:
    return CSV_2024.read_bytes().decode("utf-8-sig")


def refused(raw: bytes | str, match: str, name: str = "scb.csv",
            period: str | None = None) -> None:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with pytest.raises(PopulationImportError, match=match):
        parse_scb(name, data, period)


# --- the fixtures ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [CSV_2024, JSON_2024])
def test_2024_fixtures_read_the_same(path: Path) -> None:
    figs = parse_scb(path.name, path.read_bytes())
    assert figs.period == "2024"
    assert [r.code for r in figs.rows] == sorted(MUNICIPALITIES)
    assert figs.county_total == figs.total == 1_772_821
    harryda = figs.rows[0]
    assert (harryda.code, harryda.name, harryda.population) == ("1401", "Härryda", 40003)
    assert figs.rows[-1].name == "Falköping"


def test_csv_fixture_details() -> None:
    figs = parse_scb("be0101n1-2024.csv", CSV_2024.read_bytes())
    assert (figs.format, figs.encoding) == ("CSV", "UTF-8 with BOM")
    assert figs.county_line == 5 and figs.rows[0].line == 6


def test_windows_1252_semicolon_with_total_dimension_columns() -> None:
    figs = parse_scb(CSV_2025.name, CSV_2025.read_bytes())
    assert (figs.encoding, figs.period, figs.county_total) == ("Windows-1252", "2025", None)
    assert figs.rows[2].name == "Öckerö"
    assert figs.total == 1_779_876


def test_json_stat_needs_a_period_when_it_holds_two() -> None:
    refused(JSON_TWO.read_bytes(), r"several periods \(2023, 2024\): choose one with --period",
            "x.json")
    refused(JSON_TWO.read_bytes(), r"no figures for period 2022", "x.json", "2022")


@pytest.mark.parametrize("period", ["2023", "2024"])
def test_json_stat_row_major_over_every_dimension(period: str) -> None:
    """Region is the middle dimension and time the innermost: picking the wrong stride would
    read 2023 for 2024 or one municipality's figure for the next."""
    figs = parse_scb("x.json", JSON_TWO.read_bytes(), period)
    expected = {r.code: r.population for r in parse_scb("y.json", JSON_2024.read_bytes()).rows}
    if period == "2023":
        expected = {c: p - p * 5 // 1000 for c, p in expected.items()}
    assert {r.code: r.population for r in figs.rows} == expected
    assert figs.county_total == sum(expected.values())


def test_json_stat_1_bundle_and_sparse_values() -> None:
    ds = json.loads(JSON_2024.read_text(encoding="utf-8"))
    dims = dict(ds["dimension"])
    dims.update(id=ds["id"], size=ds["size"], role=ds["role"])
    bundle = {"dataset": {"label": ds["label"], "dimension": dims,
                          "value": {str(i): v for i, v in enumerate(ds["value"])}}}
    figs = parse_scb("v1.json", json.dumps(bundle).encode())
    assert figs.total == 1_772_821 and figs.period == "2024"


def test_utf16_tab_separated_with_grouped_digits() -> None:
    lines = ["Folkmängd efter region och år", "region\t2024"]
    figs = parse_scb("x.csv", CSV_2024.read_bytes())
    lines += [f"{r.code} {r.name}\t{r.population:,}".replace(",", "\u00a0") for r in figs.rows]
    again = parse_scb("x.txt", ("\r\n".join(lines)).encode("utf-16"))
    assert again.encoding == "UTF-16"
    assert again.rows == tuple(r.__class__(r.code, r.name, r.population, r.line - 3)
                               for r in figs.rows)


def test_csv_with_several_periods_takes_period() -> None:
    text = csv_text().replace('"region","2024"', '"region","Folkmängd 2023","Folkmängd 2024"')
    text = "\n".join(line + ",1" if line.startswith('"1') or line.startswith('"0')
                     else line for line in text.splitlines())
    refused(text, r"scb.csv:3: figures for several periods \(2023, 2024\)")
    assert parse_scb("scb.csv", text.encode(), "2023").total == 1_772_821
    figs = parse_scb("scb.csv", text.encode(), "2024")
    assert figs.period == "2024" and figs.total == 49


def test_reference_dates() -> None:
    assert reference_date("2024", None) == date(2024, 12, 31)
    assert reference_date("2024M06", None) == date(2024, 6, 30)
    assert reference_date("2024K1", None) == date(2024, 3, 31)
    assert reference_date("2024", date(2025, 1, 1)) == date(2025, 1, 1)
    with pytest.raises(PopulationImportError, match="pass --date"):
        reference_date(None, None)


# --- refusals -------------------------------------------------------------------------------


def test_duplicate_row_names_both_lines() -> None:
    text = csv_text() + '"1480 Göteborg",1\r\n'
    refused(text, r"scb.csv:55: 1480 Göteborg appears twice \(first at line 36\)")


def test_breakdown_rows_are_explained() -> None:
    text = csv_text().replace('"region","2024"', '"region","kön","2024"')
    out = []
    for line in text.splitlines():
        if line.startswith('"1') or line.startswith('"0'):
            region, figure = line.rsplit(",", 1)
            out += [f'{region},"män",{figure}', f'{region},"kvinnor",{figure}']
        else:
            out.append(line)
    refused("\n".join(out), r"first at line 6\); the file breaks the figures down by kön: "
            "export the total only")


@pytest.mark.parametrize(("row", "message"), [
    ('"1384 Kungsbacka",85000', r"scb.csv:55: '1384 Kungsbacka' is not in Västra Götalands "
     r"län \(county code 14\)"),
    ('"13 Hallands län",340000', r"scb.csv:55: '13 Hallands län' is not in Västra Götalands"),
    ('"1400 Nowhere",5', r"scb.csv:55: '1400 Nowhere': code 1400 is not one of the 49"),
])
def test_rows_from_outside_the_county(row: str, message: str) -> None:
    refused(csv_text() + row + "\r\n", message)


@pytest.mark.parametrize(("figure", "message"), [
    ("0", r"scb.csv:6: 1401 Härryda: population 0"),
    ("-40003", r"scb.csv:6: 1401 Härryda: negative population '-40003'"),
    ("40003.5", r"scb.csv:6: 1401 Härryda: population '40003.5' is not a whole number"),
    ('"40003,5"', r"scb.csv:6: 1401 Härryda: population '40003,5' is not a whole number"),
    ("..", r"scb.csv:6: 1401 Härryda: no figure \('..'; SCB writes"),
    ("4e4", r"is not a whole number"),
])
def test_bad_figures(figure: str, message: str) -> None:
    refused(csv_text().replace('"1401 Härryda",40003', f'"1401 Härryda",{figure}'), message)


def test_name_that_does_not_match_its_code() -> None:
    refused(csv_text().replace('"1402 Partille"', '"1402 Partilla"'),
            r"scb.csv:7: code 1402 is Partille, not 'Partilla'")


def test_missing_municipalities_are_listed() -> None:
    text = "\n".join(line for line in csv_text().splitlines()
                     if not line.startswith(('"1452', '"1491')))
    refused(text, r"scb.csv: 2 of the county's 49 municipalities are missing: 1452 Tranemo, "
            "1491 Ulricehamn")


def test_stray_row_in_the_middle() -> None:
    text = csv_text().replace('"1402 Partille",41060', '"Partille",41060')
    refused(text, r"scb.csv:7: '\"Partille\",41060'|scb.csv:7: 'Partille,41060' is not a row")


def test_identity_number_is_refused_without_repeating_it() -> None:
    number = "19121212-1212"
    text = csv_text() + f'"Kontakt: {number}"\r\n'
    with pytest.raises(PopulationImportError) as exc:
        parse_scb("scb.csv", text.encode())
    assert "scb.csv:55: holds a personnummer" in str(exc.value)
    assert "1212" not in str(exc.value)


def test_not_an_scb_export() -> None:
    refused("hello,world\n1,2\n", r"scb.csv: no rows like")
    refused(b"\x00\x01\x02", r"NUL byte")


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["dimension"]["Region"]["category"].update(
        index=[*list(d["dimension"]["Region"]["category"]["index"])[:-1], "1401"]),
     r"x.json:\d+: dimension 'Region' lists '1401' twice"),
    (lambda d: d["value"].__setitem__(1, None), r"x.json:\d+: 1401 Härryda: no figure"),
    (lambda d: d["value"].__setitem__(1, 40003.5), r"40003.5 is not a whole number"),
    (lambda d: d["value"].pop(), r"'value' has 49 figures, the dimensions make 50"),
    (lambda d: d.update(size=[50, 2, 1]) or d["dimension"]["ContentsCode"]["category"].update(
        index={"BE0101N1": 0, "BE0101N2": 1}), r"dimension 'ContentsCode' has 2 contents"),
    (lambda d: d["dimension"]["Region"]["category"]["label"].update({"1402": "Partilla"}),
     r"x.json:\d+: code 1402 is Partille, not 'Partilla'"),
    (lambda d: d.update({"class": "collection"}), r"a JSON-stat 'collection'"),
])
def test_json_stat_refusals(change: Callable[[dict[str, object]], object],
                            message: str) -> None:
    data = json.loads(JSON_2024.read_text(encoding="utf-8"))
    change(data)
    if len(data["value"]) == 50 and data["size"] == [50, 2, 1]:
        data["value"] = data["value"] * 2
    refused(json.dumps(data, ensure_ascii=False, indent=2), message, "x.json")


def test_json_syntax_error_names_line_and_column() -> None:
    refused('{\n  "version": "2.0",\n  "class": dataset\n}', r"x.json:3:12: not valid JSON",
            "x.json")


def test_duplicate_json_key() -> None:
    text = JSON_2024.read_text(encoding="utf-8").replace('"1402": 2,', '"1401": 2,', 1)
    refused(text, r"x.json:\d+: key '1401' appears twice in one JSON object", "x.json")


# --- writing the record ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [CSV_2025, JSON_2024])
def test_import_writes_a_record_that_validates(shvo: Shvo, records: Path, path: Path) -> None:
    target = records / "population" / ("population-2025-12-31.yaml" if path == CSV_2025
                                       else "population-2024-12-31.yaml")
    args = ["population", "import", str(path), "--records", str(records)]
    if path == JSON_2024:
        args.append("--force")
    run = shvo(*args)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith(("wrote ", "replaced "))
    assert f"{target.stem}, 49 municipalities" in run.stdout
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/population.schema"
                           ".json\n# Folkmängd of the 49 municipalities")
    assert f"from {path.name}" in text
    data = parse_text(target, text).data
    assert data["id"] == target.stem and len(data["municipalities"]) == 49
    assert {m["as_of"] for m in data["municipalities"]} == {data["reference_date"]}
    assert data["municipalities"][0]["source"].startswith("SCB Statistikdatabasen BE0101N1")
    check = shvo("validate", "--records", str(records))
    assert check.exit_code == 0
    assert "0 errors" in check.stderr
    assert str(target.name) not in check.stdout  # no finding of any kind in the new file


def test_import_refuses_to_overwrite_without_force(shvo: Shvo, records: Path) -> None:
    target = records / "population" / "population-2024-12-31.yaml"
    before = target.read_bytes()
    run = shvo("population", "import", str(JSON_2024), "--records", str(records))
    assert run.exit_code == 2
    assert "population-2024-12-31.yaml already exists; pass --force to replace it" in run.stderr
    assert target.read_bytes() == before


def test_import_with_date_source_and_period(shvo: Shvo, records: Path) -> None:
    run = shvo("population", "import", str(JSON_TWO), "--period", "2023", "--date",
               "2024-01-01", "--source", "SCB, hämtad av GITS", "--records", str(records))
    assert run.exit_code == 0, run.stderr
    data = parse_text(Path("x.yaml"), (records / "population" / "population-2024-01-01.yaml")
                      .read_text(encoding="utf-8")).data
    assert data["reference_date"] == "2024-01-01"
    assert {m["source"] for m in data["municipalities"]} == {"SCB, hämtad av GITS"}
    assert data["stated_total"] == 1_763_978


def test_dry_run_writes_nothing(shvo: Shvo, records: Path) -> None:
    run = shvo("population", "import", str(CSV_2025), "--dry-run", "--records", str(records))
    assert run.exit_code == 0
    assert run.stdout.startswith("# yaml-language-server:")
    assert "dry run, not written" in run.stderr
    assert not (records / "population" / "population-2025-12-31.yaml").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "31/12/2024"], "--date '31/12/2024': give a date as YYYY-MM-DD"),
    (["--source", " "], "--source must not be empty"),
])
def test_bad_options(shvo: Shvo, records: Path, args: list[str], message: str) -> None:
    run = shvo("population", "import", str(CSV_2025), *args, "--records", str(records))
    assert run.exit_code == 2 and message in run.stderr


def test_refused_file_writes_nothing(shvo: Shvo, records: Path, tmp_path: Path) -> None:
    bad = tmp_path / "scb.csv"
    bad.write_text(csv_text() + '"1480 Göteborg",1\n', encoding="utf-8")
    before = sorted(p.name for p in (records / "population").iterdir())
    run = shvo("population", "import", str(bad), "--date", "2030-12-31",
               "--records", str(records))
    assert run.exit_code == 2
    assert run.stdout == ""
    assert f"shvo: {bad}:55: 1480 Göteborg appears twice (first at line 36)" in run.stderr
    assert sorted(p.name for p in (records / "population").iterdir()) == before


def test_missing_file(shvo: Shvo, records: Path) -> None:
    run = shvo("population", "import", "nope.csv", "--records", str(records))
    assert run.exit_code == 2 and "nope.csv: no such file" in run.stderr


def test_id_claimed_by_another_file_is_refused(records: Path) -> None:
    folder = records / "population"
    (folder / "population-2024-12-31.yaml").rename(folder / "table.yaml")
    with pytest.raises(PopulationImportError, match=r"would not validate \(R001"):
        import_population(records, JSON_2024)
    assert not (folder / "population-2024-12-31.yaml").exists()


def test_identity_number_in_source_is_never_written(records: Path) -> None:
    with pytest.raises(PopulationImportError, match="personnummer"):
        import_population(records, CSV_2025, source="ref 19121212-1212")
    assert not (records / "population" / "population-2025-12-31.yaml").exists()
