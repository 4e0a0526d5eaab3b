"""Budget against outcome (utfall): importing the financial system's export, and comparing.

The export's columns and accounts are mapped to budget lines by ``outcome-mapping`` in the
records, a local setting that names whose it is; shvo ships none, since an account plan is
not in the seed. ``shvo outcome import FILE`` reads a CSV or XLSX year-to-date export, refuses
an unknown account, a line the budget does not have, a period outside one year or an amount
that is not one (each with ``file:line`` or ``file:row``), and stores the year's outcome per
line and month as ``outcome-YYYY`` (replacing the previous import: each export is the year to
date; git keeps the earlier ones).

``budget show YEAR --outcome`` compares, per line: the budget, the outcome to date, the share
used, a forecast for the year at the current pace (outcome × 12 ÷ months elapsed, integer
arithmetic rounded half up) and the forecast's deviation from the budget, highlighted above
the mapping's ``threshold_percent``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.budget import inputs
from shvo_cli.errors import ShvoError
from shvo_cli.finance.tabular import ExportError, read_table
from shvo_cli.i18n import _
from shvo_cli.paths import display_path
from shvo_cli.records.change import Actor, Change, check_actor, claimed_warning
from shvo_cli.records.finance_model import FinanceRecord
from shvo_cli.records.layout import expected_kind
from shvo_cli.records.locate import discover
from shvo_cli.records.model import Budget
from shvo_cli.records.repository import Repository, load_repository
from shvo_cli.yamlio.write import dump

MAPPING_ID = "outcome-mapping"
DEFAULT_THRESHOLD = 10
_PERIOD = re.compile(r"(\d{4})-?(\d{2})(?:-\d{2})?\Z")


class OutcomeError(ShvoError):
    """No mapping, no outcome for the year, or an option that does not fit (exit 2)."""


def load(root: Path) -> Repository:
    kinds = ("outcome", "budget", "organisation")
    files = [p for p in discover(root, kinds) if expected_kind(root, p) in kinds]
    return load_repository(root, files)


def mapping(repo: Repository) -> FinanceRecord:
    rec = repo.finance.get(MAPPING_ID)
    if rec is None:
        raise OutcomeError(_("no {id} in {folder}: it says which export columns and accounts "
                             "are which budget line (see docs/finance.md)").format(
            id=MAPPING_ID, folder=display_path(repo.root / "outcome")))
    return rec


def _month(text: str, where: str) -> tuple[int, int]:
    m = _PERIOD.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ExportError(_("{where}: {value!r} is not a month (YYYY-MM, YYYYMM or a date)")
                          .format(where=where, value=text[:20]))
    return int(m.group(1)), int(m.group(2))


def parse_export(path: Path, mapped: FinanceRecord, budget_lines: set[str]
                 ) -> tuple[int, int, dict[str, list[int]], bytes]:
    """(year, last month, kronor per line and month, the file's bytes) or an ExportError."""
    from shvo_cli.finance.tabular import holds_identity_numbers, parse_kronor

    cols: dict[str, str] = mapped.data["columns"]
    accounts: dict[str, str] = mapped.data["accounts"]
    unknown = sorted({v for v in accounts.values() if v not in budget_lines})
    if unknown:
        raise ExportError(_("{file}: accounts are mapped to lines the budget does not have: "
                            "{lines}").format(file=display_path(mapped.ref.file),
                                              lines=", ".join(unknown)))
    table = read_table(path)
    if holds_identity_numbers(table):  # never stored, never repeated in a message
        raise ExportError(_("{file}: holds a personnummer or samordningsnummer; an outcome "
                            "export has accounts and amounts only (nothing stored, the "
                            "content is not repeated here)").format(file=display_path(path)))
    missing = [c for c in cols.values() if c not in table.headers]
    if missing:
        raise ExportError(_("{file}: no column {columns} (the mapping's columns; the file has "
                            "{have})").format(file=display_path(path), columns=", ".join(missing),
                                              have=", ".join(table.headers)[:200]))
    sums: dict[str, list[int]] = {}
    years: set[int] = set()
    last = 0
    for row in table.rows:
        account = row.cells.get(cols["account"], "")
        line = accounts.get(account)
        if line is None:
            raise ExportError(_("{where}: account {account!r} is not in the mapping "
                                "({file})").format(where=row.where, account=account[:20],
                                                   file=display_path(mapped.ref.file)))
        year, month = _month(row.cells.get(cols["month"], ""), row.where)
        years.add(year)
        if len(years) > 1:
            raise ExportError(_("{where}: {year} — an export holds one year").format(
                where=row.where, year=year))
        amount = parse_kronor(row.cells.get(cols["amount"], ""), row.where)
        sums.setdefault(line, [0] * 12)[month - 1] += amount
        last = max(last, month)
    if not years:
        raise ExportError(_("{file}: no rows").format(file=display_path(path)))
    return years.pop(), last, {k: v[:last] for k, v in sorted(sums.items())}, table.data


def import_file(root: Path, path: Path, actor: Actor, when: date) -> Change:
    repo = load(root)
    mapped = mapping(repo)
    actor = check_actor(repo, actor, ("GITS", "SITIV"))
    lines = {ln.id for b in repo.budgets.values() for ln in b.lines}
    year, last, sums, raw = parse_export(path, mapped, lines)
    if year not in repo.budgets:
        raise OutcomeError(_("the export is for {year}, which has no budget").format(year=year))
    data: dict[str, Any] = {
        "kind": "outcome", "id": f"outcome-{year}", "type": "outcome", "year": year,
        "through": f"{year}-{last:02d}", "imported": when.isoformat(), "file": path.name,
        "file_sha256": hashlib.sha256(raw).hexdigest(), "lines": sums}
    target = root / "outcome" / f"outcome-{year}.yaml"
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    text = "# yaml-language-server: $schema=../../schemas/outcome.schema.json\n" + dump(data)
    trailers = {"Shvo-Outcome": f"outcome-{year}",
                "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
                "Shvo-Person": actor.person}
    return Change(target, old, text, f"outcome-{year}",
                  f"outcome-{year}: import {path.name} through {year}-{last:02d}", trailers,
                  warnings=[claimed_warning(actor)] if actor.claimed else [],
                  display=_("outcome-{year}: outcome through {month} imported").format(
                      year=year, month=f"{year}-{last:02d}"))


@dataclass(frozen=True, slots=True)
class LineOutcome:
    id: str
    name: str
    budget: int
    outcome: int
    forecast: int

    @property
    def deviation(self) -> int:
        return self.forecast - self.budget

    def used_tenths(self) -> int:
        """Share of the budget used, in tenths of a percent, rounded half up."""
        return (self.outcome * 2000 + self.budget) // (2 * self.budget) if self.budget else 0


@dataclass(frozen=True)
class Comparison:
    budget: Budget
    through: str
    months: int
    threshold: int
    lines: tuple[LineOutcome, ...]

    def flagged(self, line: LineOutcome) -> bool:
        return abs(line.deviation) * 100 > self.threshold * line.budget


def compare(root: Path, year: int | None, threshold: int | None = None) -> Comparison:
    repo = load(root)
    budget = inputs.select_budget(inputs.load_budget_records(root), year)
    rec = repo.finance.get(f"outcome-{budget.year}")
    if rec is None:
        raise OutcomeError(_("no outcome for {year}: import one with shvo outcome import FILE")
                           .format(year=budget.year))
    mapped = repo.finance.get(MAPPING_ID)
    limit = threshold or (mapped.data.get("threshold_percent") if mapped else None) \
        or DEFAULT_THRESHOLD
    months = int(str(rec.data["through"])[5:7])
    got: dict[str, list[int]] = rec.data.get("lines", {})
    out = []
    for line in budget.lines:
        spent = sum(got.get(line.id, []))
        forecast = (spent * 24 + months) // (2 * months)
        out.append(LineOutcome(line.id, line.name, line.amount, spent, forecast))
    return Comparison(budget, str(rec.data["through"]), months, int(limit), tuple(out))
