"""Import SCB's population figures as a population record, in one step.

Staff download "Folkmängd efter region och år" (Statistikdatabasen, table BE0101N1) either
as JSON-stat 2.0, which PxWebApi v2 returns (PxWebApi v1's JSON-stat 1.x bundle is read
too), or as the CSV export whose rows read ``"1401 Härryda",40003``. Either becomes a record
under ``records/population/`` whose rows all carry the file's date and source.

What is refused, naming the file and line: anything but exactly the county's 49
municipalities (a row of another county, a code twice, one missing), a name that does not
match its code, figures that are missing, zero, negative or not whole, several periods or
contents without ``--period`` choosing one, and any personnummer or samordningsnummer (a
population file never holds one, but nothing that does is ever written). The county row
(``14 Västra Götalands län``) becomes the stated total; a country row (``00 Riket``) is
skipped. The record is validated like any other before it is written, atomically.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from shvo_cli.checks.population import check_table
from shvo_cli.county import COUNTY_CODE, COUNTY_NAME, MUNICIPALITIES
from shvo_cli.findings import Severity
from shvo_cli.i18n import _
from shvo_cli.paths import display_path as where
from shvo_cli.population.jsonstat import parse_jsonstat
from shvo_cli.population.scb_csv import (
    PopulationImportError,
    ScbFigures,
    decode,
    parse_csv,
    printable,
)
from shvo_cli.privacy import find_identity_numbers
from shvo_cli.records.layout import expected_kind, record_path
from shvo_cli.records.locate import discover
from shvo_cli.records.repository import add_document, load_repository
from shvo_cli.store.files import atomic_write_text
from shvo_cli.yamlio.read import parse_text
from shvo_cli.yamlio.write import dump, modeline

MAX_BYTES = 5 * 1024 * 1024
"""The county's table is a few kilobytes; even all of Sweden's 290 municipalities by age
and sex stays far below this."""
SCHEMA_MODELINE = modeline("population")

__all__ = ["ImportResult", "PopulationImportError", "import_population", "parse_scb",
           "record_text", "reference_date"]


def parse_scb(label: str, raw: bytes, period: str | None = None) -> ScbFigures:
    """Read an SCB export (format and encoding detected) into checked figures."""
    text, encoding = decode(label, raw)
    hits = find_identity_numbers(text)
    if hits:
        raise PopulationImportError(_(
            "{label}:{line}: holds a {kind} (not repeated here); a population file never "
            "should, and nothing of it is imported").format(
                label=label, line=hits[0].line, kind=hits[0].kind))
    if text.lstrip().startswith(("{", "[")):
        found, collector = parse_jsonstat(label, text, period)
        fmt = "JSON-stat"
    else:
        found, collector = parse_csv(label, text, period)
        fmt = "CSV"
    rows, county, county_line = collector.finish()
    return ScbFigures(Path(label).name, fmt, encoding, found, rows, county, county_line)


_PERIOD = re.compile(r"([0-9]{4})(?:([MK])([0-9]{1,2}))?\Z", re.ASCII)


def reference_date(period: str | None, given: date | None) -> date:
    """``--date``, else the last day of the period: ``2024`` → 2024-12-31 (SCB's yearly
    figure is the population on 31 December), ``2024M06`` → 2024-06-30, ``2024K2`` →
    2024-06-30."""
    if given is not None:
        return given
    if period is None:
        raise PopulationImportError(_("the file does not say which period it holds: pass "
                                      "--date YYYY-MM-DD"))
    m = _PERIOD.match(period)
    month = 0
    if m is not None:
        kind, number = m.group(2), int(m.group(3) or 0)
        month = 12 if kind is None else number if kind == "M" else 3 * number
    if m is None or not 1 <= month <= 12 or int(m.group(1)) < 1:
        raise PopulationImportError(_("period {period!r} is not a year (2024), a month "
                                      "(2024M06) or a quarter (2024K2): pass --date "
                                      "YYYY-MM-DD").format(period=period))
    year = int(m.group(1))
    return date(year, month, calendar.monthrange(year, month)[1])


def record_text(figures: ScbFigures, ref: date, source: str | None = None) -> tuple[str, str]:
    """(record id, YAML text) of the population record for ``figures``."""
    record_id = f"population-{ref.isoformat()}"
    name = printable(figures.file_name)
    period = f", period {figures.period}" if figures.period else ""
    source = source or f"SCB Statistikdatabasen BE0101N1 (folkmängd{period}), imported from {name}"
    if figures.county_total is not None:
        stated, stated_source = figures.county_total, (
            f"SCB, county row '{COUNTY_CODE} {COUNTY_NAME}' of {name} "
            f"(line {figures.county_line})")
    else:
        stated, stated_source = figures.total, (
            f"sum of the 49 municipalities of {name}, which has no county row")
    data = {
        "kind": "population",
        "id": record_id,
        "reference_date": ref.isoformat(),
        "stated_total": stated,
        "stated_total_source": stated_source,
        "compiled_from": name,
        "municipalities": [
            {"code": r.code, "name": r.name, "association": MUNICIPALITIES[r.code][1],
             "population": r.population, "as_of": ref.isoformat(), "source": source}
            for r in figures.rows],
    }
    header = (f"{SCHEMA_MODELINE}\n"
              f"# Folkmängd of the 49 municipalities of {COUNTY_NAME} on {ref.isoformat()},\n"
              f"# written by `shvo population import` from {name}\n"
              f"# (SCB Statistikdatabasen, {figures.format}, {figures.encoding}{period}).\n"
              "# To change it, import a new export rather than editing figures by hand.\n")
    return record_id, header + dump(data)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    record_id: str
    reference_date: date
    figures: ScbFigures
    text: str
    replaced: bool
    written: bool


def import_population(root: Path, file: Path, *, ref: date | None = None,
                      source: str | None = None, period: str | None = None,
                      force: bool = False, dry_run: bool = False,
                      label: str | None = None) -> ImportResult:
    """Read ``file``, build the record, check it as ``validate`` would, and write it to
    ``root/population/<id>.yaml`` (unless ``dry_run``). An existing record is replaced
    only with ``force``; every refusal leaves the records untouched."""
    shown = label or str(file)
    try:
        if not file.is_file():
            raise PopulationImportError(_("{file}: no such file").format(file=shown))
        if file.stat().st_size > MAX_BYTES:
            raise PopulationImportError(_("{file}: over {size} MiB: not a population export")
                                        .format(file=shown, size=MAX_BYTES // (1024 * 1024)))
        raw = file.read_bytes()
    except OSError as exc:
        raise PopulationImportError(_("{file}: cannot be read ({error})").format(
            file=shown, error=exc.strerror)) from None
    if source is not None and not source.strip():
        raise PopulationImportError(_("--source must not be empty"))
    figures = parse_scb(shown, raw, period)
    when = reference_date(figures.period, ref)
    record_id, text = record_text(figures, when, source)
    if find_identity_numbers(text):
        raise PopulationImportError(_("the file name or --source holds a personnummer or "
                                      "samordningsnummer; nothing written"))
    target = record_path(root, "population", record_id)
    exists = target.exists()
    if exists and not force and not dry_run:
        raise PopulationImportError(_("{file} already exists; pass --force to replace it")
                                    .format(file=where(target)))
    _check_before_writing(root, target, text)
    if not dry_run:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    return ImportResult(target, record_id, when, figures, text, exists, not dry_run)


def _check_before_writing(root: Path, target: Path, text: str) -> None:
    """The record must pass ``shvo validate`` (schema, the 49, names, no id clash with
    another population file) before it lands."""
    others = [p for p in discover(root, ("population",))
              if expected_kind(root, p) == "population" and p != target] if root.is_dir() else []
    repo = load_repository(root, others)
    add_document(repo, parse_text(target, text))
    errors = [f for f in repo.findings if f.file == target and f.severity is Severity.ERROR]
    errors += [f for t in repo.populations if t.ref.file == target
               for f in check_table(t) if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise PopulationImportError(_("the record built would not validate ({code} at "
                                      "{file}:{line}: {message}); nothing written").format(
                                          code=first.code, file=target.name, line=first.line,
                                          message=first.message))
