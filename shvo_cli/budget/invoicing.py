"""Twelve monthly invoices per payer, and the annual reconciliation against SCB's figures.

GITS invoices the agreed costs monthly; what it hands to finance must add up to the krona
in every direction. Each payer's share of each line is divided over the twelve months with
``allocate(amount, [1] * 12)`` (equal parts, whole kronor). The kronor a line leaves over are
placed in the months that follow the previous line's leftovers (the first line's in January
onwards), so that a payer's invoice for a month is exactly ``allocate(year, [1] * 12)`` of its
yearly total: equal invoices, the leftover kronor in the earliest months, never more than one
krona apart. Hence, with no further rounding anywhere:

* a payer's twelve invoices sum exactly to its share of the year, and so does each line;
* the invoices of one month, summed over the payers, are that month's total, and the twelve
  month totals sum exactly to the lines' total;
* the same records always give the same invoices.

The reconciliation compares what was invoiced on last year's population table with what is
due on SCB's actual figures; both divide the same VGK amounts, so the differences sum to 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from shvo_cli.budget.split import BudgetError, Group, Payer, Split
from shvo_cli.i18n import _
from shvo_cli.money import allocate
from shvo_cli.records.population_model import PopulationTable

MONTHS = 12
_EQUAL = [1] * MONTHS
_MONTH = re.compile(r"(\d{4})-(\d{2})\Z")


def month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def parse_month(text: str, year: int | None = None) -> tuple[int, int]:
    """``YYYY-MM`` as (year, month); with ``year``, the month must lie in that budget year
    (an invoice basis for a month of another year would divide the wrong budget)."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= MONTHS:
        raise BudgetError(_("--month {text!r}: give a month as YYYY-MM, e.g. 2025-01").format(
            text=text))
    y, mo = int(m.group(1)), int(m.group(2))
    if year is not None and y != year:
        raise BudgetError(_("--month {text} is not in the budget year {year}").format(
            text=text, year=year))
    return y, mo


def monthly_parts(amount: int, start: int = 0) -> list[int]:
    """A yearly amount as twelve monthly ones: equal parts, the kronor left over one each to
    the months from ``start`` (0 = January) on, wrapping round to January."""
    parts = allocate(amount, _EQUAL)
    return parts[-start:] + parts[:-start] if start % MONTHS else parts


def payer_months(amounts: Sequence[int]) -> list[list[int]]:
    """One payer's lines over the twelve months. Each line's leftover kronor start where the
    previous line's ended, so the months' sums are ``allocate(sum(amounts), [1] * 12)``."""
    out = []
    start = 0
    for amount in amounts:
        out.append(monthly_parts(amount, start))
        start = (start + amount % MONTHS) % MONTHS
    return out


@dataclass(frozen=True)
class Monthly:
    """``amounts[line][payer][month]`` (month 0 = January) of a split."""

    split: Split
    amounts: tuple[tuple[tuple[int, ...], ...], ...]

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(month_label(self.split.budget.year, m + 1) for m in range(MONTHS))

    def invoice(self, payer: int, month: int) -> int:
        """What ``payer`` is invoiced for ``month`` (0-based): the sum of its line parts."""
        return sum(line[payer][month] for line in self.amounts)


def monthly(split: Split) -> Monthly:
    """Each line over the months; an amendment from the month after its decision on."""
    from shvo_cli.budget.amendments import months_of

    per_payer = []
    for i in range(len(split.payers)):
        base = [row[i] for row in split.amounts]
        for line, __, parts in split.amendments:
            base[line] -= parts[i]
        months = payer_months(base)
        for line, start, parts in split.amendments:
            months[line] = [a + b for a, b in zip(months[line], months_of(parts[i], start),
                                                  strict=True)]
        per_payer.append(months)
    return Monthly(split, tuple(
        tuple(tuple(per_payer[i][line]) for i in range(len(split.payers)))
        for line in range(len(split.amounts))))


def group_monthly(mon: Monthly, grouped: Sequence[Group]
                  ) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """``[line][group][month]``: a group's months are the sums of its members' months, so
    VGK's month is exactly what the 49 municipalities are invoiced that month."""
    return tuple(
        tuple(tuple(sum(line[i][m] for i in g.members) for m in range(MONTHS))
              for g in grouped)
        for line in mon.amounts)


@dataclass(frozen=True, slots=True)
class Invoice:
    payer: Payer
    lines: tuple[int, ...]

    @property
    def amount(self) -> int:
        return sum(self.lines)


@dataclass(frozen=True)
class InvoiceBasis:
    """One month's invoice basis: one invoice per payer, each broken down by budget line."""

    split: Split
    year: int
    month: int
    invoices: tuple[Invoice, ...]
    issued: str | None = None
    """The invoice record this month was issued as (``shvo invoice issue``); None: planned."""
    issued_on: str | None = None
    preliminary: bool = False

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)

    @property
    def total(self) -> int:
        return sum(inv.amount for inv in self.invoices)

    def line_total(self, line: int) -> int:
        return sum(inv.lines[line] for inv in self.invoices)


def invoices(split: Split, month: int) -> InvoiceBasis:
    """The invoice basis for ``month`` (1-12) of the split's budget year."""
    if not 1 <= month <= MONTHS:
        raise BudgetError(_("month {month} is not 1-12").format(month=month))
    mon = monthly(split)
    rows = tuple(
        Invoice(payer, tuple(line[i][month - 1] for line in mon.amounts))
        for i, payer in enumerate(split.payers))
    return InvoiceBasis(split, split.budget.year, month, rows)


@dataclass(frozen=True, slots=True)
class ReconcileRow:
    payer: Payer
    population_invoiced: int
    population_actual: int
    invoiced: int
    due: int
    lines_invoiced: tuple[int, ...]
    lines_due: tuple[int, ...]

    @property
    def line_differences(self) -> tuple[int, ...]:
        return tuple(d - i for i, d in zip(self.lines_invoiced, self.lines_due, strict=True))

    @property
    def difference(self) -> int:
        """Due minus invoiced: positive, the municipality pays more; negative, it gets
        money back."""
        return self.due - self.invoiced


@dataclass(frozen=True)
class Reconciliation:
    invoiced_split: Split
    actual_split: Split
    rows: tuple[ReconcileRow, ...]

    @property
    def invoiced_table(self) -> PopulationTable:
        return self.invoiced_split.table

    @property
    def actual_table(self) -> PopulationTable:
        return self.actual_split.table

    @property
    def invoiced(self) -> int:
        return sum(r.invoiced for r in self.rows)

    @property
    def due(self) -> int:
        return sum(r.due for r in self.rows)

    @property
    def difference(self) -> int:
        return sum(r.difference for r in self.rows)


def reconcile(invoiced_split: Split, actual_split: Split,
              charged: Mapping[str, tuple[int, ...]] | None = None) -> Reconciliation:
    """Per municipality: what its twelve invoices charged (on the table they were computed
    with, or, with ``charged``, per payer id and line what was actually issued and is
    planned: :mod:`shvo_cli.invoices.ledger`), what the same year divided by the actual
    figures makes due, and the difference."""
    inv_mon = monthly(invoiced_split)
    actual = {p.id: (i, p) for i, p in enumerate(actual_split.payers) if p.municipal}
    rows = []
    for i, payer in enumerate(invoiced_split.payers):
        if not payer.municipal:
            continue
        j, now = actual[payer.id]
        lines = charged[payer.id] if charged is not None else tuple(
            sum(line[i]) for line in inv_mon.amounts)
        rows.append(ReconcileRow(
            payer, payer.population or 0, now.population or 0, sum(lines),
            actual_split.payer_total(j), lines,
            tuple(row[j] for row in actual_split.amounts)))
    return Reconciliation(invoiced_split, actual_split, tuple(rows))
