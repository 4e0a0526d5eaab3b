"""Amendments in the split and the invoices: an amendment's kronor are divided like its
line (by the line's key, or by its stated figures when it has none), VGK's part over the
municipalities by population, and over the months from the one after its decision to
December. Every division goes through :func:`shvo_cli.money.allocate`; a negative amendment
is divided as its size and negated, so parts still sum exactly to it.
"""

from __future__ import annotations

from collections.abc import Sequence

from shvo_cli.money import allocate
from shvo_cli.records.model import Budget


def signed_allocate(total: int, weights: Sequence[int]) -> list[int]:
    if total >= 0:
        return allocate(total, weights)
    return [-part for part in allocate(-total, weights)]


def first_month(budget: Budget, index: int) -> int:
    """1-12: the month after the decision (January if decided before the year); 13 if the
    decision falls after the year, when no invoice of the year can take it up."""
    decided = budget.amendments[index].date
    if decided.year < budget.year:
        return 1
    if decided.year > budget.year:
        return 13
    return decided.month + 1


def amendment_rows(budget: Budget, weights: Sequence[int], municipal: str
                   ) -> tuple[tuple[int, int, tuple[int, ...]], ...]:
    """(line index, first month, amount per payer) for each amendment the year takes up,
    payers ordered as :func:`shvo_cli.budget.split.split_budget` orders them."""
    index = {ln.id: i for i, ln in enumerate(budget.lines)}
    out = []
    for n, amendment in enumerate(budget.amendments):
        start = first_month(budget, n)
        if start > 12 or amendment.line not in index:
            continue
        line = budget.lines[index[amendment.line]]
        key = budget.keys.get(line.key) if line.key else None
        shares = [key.shares.get(p, 0) if key else line.stated.get(p, 0)
                  for p in budget.parties]
        parties = dict(zip(budget.parties, signed_allocate(amendment.amount, shares),
                           strict=True))
        row: list[int] = []
        for party in budget.parties:
            if party == municipal:
                row += signed_allocate(parties[party], weights)
            else:
                row.append(parties[party])
        out.append((index[amendment.line], start, tuple(row)))
    return tuple(out)


def months_of(amount: int, start: int) -> list[int]:
    """An amendment's part for one payer over the months ``start``..12 (equal parts)."""
    weights = [0] * (start - 1) + [1] * (13 - start)
    return signed_allocate(amount, weights)
