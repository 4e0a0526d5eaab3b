"""Utskrivningsklara (seed §3): the billing basis from aggregate days only, never patients.

GITS supports "ekonomisk modell och fakturering för utskrivningsklara patienter". shvo holds
only the aggregate: days of payment responsibility per municipality and month (imported from
the IT service's statistics export) and the price per day the parties set, stated in the
records with its source (``uk-price-YYYY``; there is no default). The basis for a month is,
per municipality, days × price, whole kronor.

An export with person-level content is refused before anything is stored, and the refusal
names the file, the line and the column but never the data: a column named like an identity
number, a name or a date of birth; any cell holding a personnummer or samordningsnummer; a
full date outside the month column (a date of birth?); or more than one row for a
municipality and month (one row per patient, not an aggregate).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.county import MUNICIPALITIES, municipality_code
from shvo_cli.errors import ShvoError
from shvo_cli.finance.tabular import ExportError, Table, holds_identity_numbers, read_table
from shvo_cli.i18n import _
from shvo_cli.paths import display_path
from shvo_cli.records.change import Actor, Change, check_actor, claimed_warning
from shvo_cli.records.layout import expected_kind
from shvo_cli.records.locate import discover
from shvo_cli.records.repository import Repository, load_repository
from shvo_cli.yamlio.write import dump

KIND = "utskrivningsklara"
COLUMNS = {"municipality": ("kommunkod", "kommun", "municipality", "code"),
           "month": ("månad", "period", "month"),
           "days": ("dagar", "betalningsansvarsdagar", "days")}
PERSONAL = re.compile(r"person|pnr|personnr|samordning|namn|name|födelse|fodelse|birth|"
                      r"patient|ssn|id-?nr|identitet", re.IGNORECASE)
_FULL_DATE = re.compile(r"\d{4}-?\d{2}-?\d{2}|\d{1,2}/\d{1,2}/\d{2,4}")
_MONTH = re.compile(r"(\d{4})-?(\d{2})(?:-\d{2})?\Z")


class PersonalDataRefused(ShvoError):
    """The export holds, or may hold, person-level data: nothing stored (exit 1)."""

    exit_code = 1  # type: ignore[assignment]


class BasisError(ShvoError):
    """No price or no days for the month (exit 2)."""


def _refuse(where: str, why: str) -> PersonalDataRefused:
    return PersonalDataRefused(_("{where}: refused, nothing stored: {why}. shvo holds only "
                                 "days per municipality and month, never data about "
                                 "patients (the content is not repeated here)").format(
        where=where, why=why))


def screen(path: Path, table: Table) -> dict[str, str]:
    """Refuse person-level content; return the header of each column needed."""
    shown = display_path(path)
    if holds_identity_numbers(table):
        raise _refuse(shown, _("it holds a personnummer or samordningsnummer"))
    for j, header in enumerate(table.headers, start=1):
        if PERSONAL.search(header):
            raise _refuse(f"{shown}:1", _("column {column} is named like personal data "
                                         "(identity number, name, date of birth, patient)")
                          .format(column=j))
    found: dict[str, str] = {}
    for what, names in COLUMNS.items():
        hit = next((h for h in table.headers if h.strip().casefold() in names), None)
        if hit is None:
            raise ExportError(_("{file}: no {what} column (one of {names})").format(
                file=shown, what=what, names=", ".join(names)))
        found[what] = hit
    for row in table.rows:
        for j, (header, value) in enumerate(row.cells.items(), start=1):
            if header != found["month"] and _FULL_DATE.search(value):
                raise _refuse(row.where, _("column {column} holds a date (a date of birth?)")
                              .format(column=j))
    return found


def _code(text: str, where: str) -> str:
    code = municipality_code(text)
    if code is not None:
        return code
    raise ExportError(_("{where}: not one of the 49 municipalities").format(where=where))


def parse_days(path: Path) -> tuple[dict[str, dict[str, int]], bytes]:
    """``{YYYY-MM: {code: days}}`` from an aggregate export, or a refusal."""
    table = read_table(path)
    cols = screen(path, table)
    out: dict[str, dict[str, int]] = {}
    for row in table.rows:
        m = _MONTH.match(row.cells.get(cols["month"], "").strip())
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise ExportError(_("{where}: the month column does not hold a month (YYYY-MM)")
                              .format(where=row.where))
        month = f"{m.group(1)}-{m.group(2)}"
        code = _code(row.cells.get(cols["municipality"], ""), row.where)
        raw_days = row.cells.get(cols["days"], "").replace(" ", "")
        if not raw_days.isdigit() or len(raw_days) > 7:
            raise ExportError(_("{where}: days must be a whole number, 0 or more").format(
                where=row.where))
        if code in out.setdefault(month, {}):
            raise _refuse(row.where, _("a second row for one municipality and month: one row "
                                       "per patient is not an aggregate"))
        out[month][code] = int(raw_days)
    if not out:
        raise ExportError(_("{file}: no rows").format(file=display_path(path)))
    return out, table.data


def load(root: Path) -> Repository:
    files = [p for p in discover(root, (KIND, "organisation"))
             if expected_kind(root, p) in (KIND, "organisation")]
    return load_repository(root, files)


def import_days(root: Path, path: Path, actor: Actor, when: date) -> Change:
    months, raw = parse_days(path)  # refuses person-level data before anything else
    repo = load(root)
    actor = check_actor(repo, actor, ("GITS", "SITIV"))
    if len(months) > 1:
        raise ExportError(_("{file}: holds {count} months; import one month per file").format(
            file=display_path(path), count=len(months)))
    (month, days), = months.items()
    data: dict[str, Any] = {
        "kind": KIND, "id": f"uk-days-{month}", "type": "days", "month": month,
        "imported": when.isoformat(), "file": path.name,
        "file_sha256": hashlib.sha256(raw).hexdigest(), "days": dict(sorted(days.items()))}
    target = root / KIND / f"uk-days-{month}.yaml"
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    text = ("# yaml-language-server: $schema=../../schemas/utskrivningsklara.schema.json\n"
            + dump(data))
    trailers = {"Shvo-Utskrivningsklara": f"uk-days-{month}",
                "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
                "Shvo-Person": actor.person}
    return Change(target, old, text, f"uk-days-{month}",
                  f"uk-days-{month}: import days of payment responsibility from {path.name}",
                  trailers, warnings=[claimed_warning(actor)] if actor.claimed else [],
                  display=_("uk-days-{month}: days for {month} imported").format(month=month))


@dataclass(frozen=True, slots=True)
class BasisRow:
    code: str
    name: str
    days: int
    amount: int


@dataclass(frozen=True)
class Basis:
    month: str
    price: int
    source: str
    rows: tuple[BasisRow, ...]

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.rows)


def basis(root: Path, month: str) -> Basis:
    m = _MONTH.match(month.strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or len(month.strip()) != 7:
        raise BasisError(_("{month!r}: give a month as YYYY-MM").format(month=month[:20]))
    repo = load(root)
    price = repo.finance.get(f"uk-price-{m.group(1)}")
    if price is None or "price_per_day" not in price.data or "source" not in price.data:
        raise BasisError(_("no price per day for {year} in the records: the parties set it; "
                           "record it with its source in {file}").format(
            year=m.group(1), file=display_path(root / KIND / f"uk-price-{m.group(1)}.yaml")))
    days = repo.finance.get(f"uk-days-{month}")
    if days is None:
        raise BasisError(_("no days for {month}: import the statistics export with shvo "
                           "utskrivningsklara import FILE").format(month=month))
    each = int(price.data["price_per_day"])
    counted: dict[str, int] = days.data.get("days", {})
    rows = tuple(BasisRow(code, name, counted.get(code, 0), counted.get(code, 0) * each)
                 for code, (name, __) in sorted(MUNICIPALITIES.items()))
    return Basis(month, each, str(price.data["source"]), rows)
