"""The year's invoices as they stand: issued months as recorded, the other months planned.

An issued month is never recomputed: its figures come from its record, whatever population
table or budget is in force today. The months not yet issued are planned so that, per payer
and budget line, the year adds up to the share the records in force give: what is left of
that share after the issued months (and any credit notes) is divided over the open months
with :func:`shvo_cli.money.allocate`, the leftover kronor staggered across lines exactly as
:func:`shvo_cli.budget.invoicing.payer_months` does. With no month issued this is exactly the
plain twelve-month division, krona for krona.

So a population import or a budget change after three issued months changes only April to
December, and when the year has been issued each payer has been invoiced its share on the
figures in force; the yearly reconciliation (``budget reconcile``) then counts what was
actually issued (:func:`charged`) against SCB's actual figures, and its differences sum to 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from shvo_cli.budget.invoicing import MONTHS, Invoice, InvoiceBasis
from shvo_cli.budget.split import BudgetError, InvalidRecordsError, Split
from shvo_cli.findings import Severity
from shvo_cli.i18n import _
from shvo_cli.invoices.record import Issued, read
from shvo_cli.money import allocate
from shvo_cli.paths import display_path as where
from shvo_cli.records.layout import expected_kind
from shvo_cli.records.locate import discover
from shvo_cli.records.repository import Repository, load_repository


def spread(amount: int, n: int, start: int = 0) -> list[int]:
    """``amount`` over ``n`` months, equal parts, the leftover kronor from month ``start``
    on; a negative amount (more was issued than is now due) is spread as credits."""
    if n <= 0:
        return []
    parts = allocate(abs(amount), [1] * n)
    if amount < 0:
        parts = [-p for p in parts]
    s = start % n
    return parts[-s:] + parts[:-s] if s else parts


def load_invoice_records(root: Path) -> Repository:
    """The invoice records only, refused if any has an error: a record edited after issue
    must not feed a reconciliation."""
    from shvo_cli.checks.invoices import check

    files = [p for p in discover(root, ("invoice",)) if expected_kind(root, p) == "invoice"]
    repo = load_repository(root, files)
    errors = [f for f in (*repo.findings, *check(repo))
              if f.severity is Severity.ERROR and f.code not in ("R009",)]
    if errors:
        f = sorted(errors, key=lambda x: x.sort_key())[0]
        raise InvalidRecordsError(_("invoice records have errors; run shvo validate:\n  "
                                    "{where}: {message}").format(
            where=where(f.file, f.line), message=f.message))
    return repo


def year_records(repo: Repository, year: int) -> list[Issued]:
    out = [read(r.data) for r in repo.invoices.values()]
    return sorted((r for r in out if r.year == year), key=lambda r: (r.month, r.id))


@dataclass(frozen=True)
class Ledger:
    """``amounts[payer][line][month]`` (month 0 = January), net of credit notes."""

    split: Split
    records: tuple[Issued, ...]
    amounts: tuple[tuple[tuple[int, ...], ...], ...]

    @property
    def issued(self) -> dict[int, Issued]:
        return {r.month: r for r in self.records if r.type == "invoice"}

    @property
    def credits(self) -> tuple[Issued, ...]:
        return tuple(r for r in self.records if r.type == "credit")

    def charged(self) -> dict[str, tuple[int, ...]]:
        """Per payer id, per line (the split's order): the year as issued and planned."""
        return {p.id: tuple(sum(line) for line in self.amounts[i])
                for i, p in enumerate(self.split.payers)}

    def basis(self, month: int) -> InvoiceBasis:
        """The month's invoices: as issued if it was, else as planned."""
        year = self.split.budget.year
        record = self.issued.get(month)
        ids = [s.line.id for s in self.split.lines]
        if record is None:
            rows = tuple(Invoice(p, tuple(line[month - 1] for line in self.amounts[i]))
                         for i, p in enumerate(self.split.payers))
            return InvoiceBasis(self.split, year, month, rows)
        extra = [x for x in record.line_ids if x not in ids]
        if extra:
            raise BudgetError(_("{id} was issued with lines the budget no longer has ({lines}): "
                                "see shvo invoice show {month}").format(
                id=record.id, lines=", ".join(extra), month=f"{year}-{month:02d}"))
        rows = tuple(Invoice(p, tuple(c.lines.get(x, 0) for x in ids) if (
            c := record.payer(p.id)) else tuple(0 for __ in ids))
            for p in self.split.payers)
        return InvoiceBasis(self.split, year, month, rows, issued=record.id,
                            issued_on=record.issued, preliminary=record.preliminary)


def _recorded(split: Split, records: Sequence[Issued]) -> list[list[list[int]]]:
    ids = [s.line.id for s in split.lines]
    out = [[[0] * MONTHS for __ in ids] for __ in split.payers]
    for r in records:
        for i, p in enumerate(split.payers):
            c = r.payer(p.id)
            if c is None:
                continue
            for j, lid in enumerate(ids):
                out[i][j][r.month - 1] += c.lines.get(lid, 0)
    return out


def build(split: Split, records: Iterable[Issued]) -> Ledger:
    """Issued months from their records; open months planned from what is left of each
    payer's share of each line, in proportion to the budget's own monthly plan (so an
    amendment still starts the month after its decision, and with nothing issued the plan
    is exactly :func:`shvo_cli.budget.invoicing.monthly`)."""
    from shvo_cli.budget.invoicing import monthly

    plan = monthly(split).amounts
    recs = tuple(r for r in records if r.year == split.budget.year)
    issued = {r.month for r in recs if r.type == "invoice"}
    open_months = [m for m in range(MONTHS) if m + 1 not in issued]
    table = _recorded(split, recs)
    for i in range(len(split.payers)):
        start = 0
        for j, row in enumerate(split.amounts):
            left = row[i] - sum(table[i][j])
            weights = [plan[j][i][m] for m in open_months]
            if left >= 0 and weights and min(weights) >= 0 and sum(weights) > 0:
                parts = allocate(left, weights)
            else:
                parts = spread(left, len(open_months), start)
            for m, part in zip(open_months, parts, strict=True):
                table[i][j][m] += part
            if open_months:
                start = (start + left % len(open_months)) % len(open_months)
    return Ledger(split, recs, tuple(tuple(tuple(line) for line in payer) for payer in table))
