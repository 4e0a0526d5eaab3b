"""``budget compare``: what each payer pays next year against this year, split into the
effect of the budget change and the effect of the population change.

    budget effect     = next budget on this year's table − this budget on this year's table
    population effect = next budget on next year's table − next budget on this year's table

Each term is a difference of exact splits (every division through ``money.allocate``), so
per payer the two effects sum exactly to the change, the budget effects sum to the change
of the total, and the population effects sum to 0 over the municipalities — to the krona.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shvo_cli.budget.inputs import (
    load_budget_records,
    party_names,
    population_in_force,
    select_budget,
)
from shvo_cli.budget.split import BudgetError, Group, Split, group_amounts, groups, split_budget
from shvo_cli.i18n import _


@dataclass(frozen=True)
class CompareRow:
    group: Group
    this_year: int
    next_year: int
    budget_effect: int
    population_effect: int

    @property
    def change(self) -> int:
        return self.next_year - self.this_year


@dataclass(frozen=True)
class Comparison:
    year: int
    next: int
    this_table: str
    next_table: str
    preliminary: tuple[str, ...]
    rows: tuple[CompareRow, ...]

    def total(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.rows)


def _totals(split: Split, grouped: tuple[Group, ...]) -> list[int]:
    per_line = group_amounts(split, grouped)
    return [sum(line[g] for line in per_line) for g in range(len(grouped))]


def compare(root: Path, year: int, next_year: int, by: str = "municipality") -> Comparison:
    repo = load_budget_records(root)
    this = select_budget(repo, year)
    nxt = select_budget(repo, next_year)
    if this.parties != nxt.parties:
        raise BudgetError(_("budget-{year} and budget-{next} have different parties; they "
                            "cannot be compared payer by payer").format(year=year,
                                                                      next=next_year))
    names = party_names(repo)
    old_table = population_in_force(repo, this.year, this.population)
    new_table = population_in_force(repo, nxt.year, nxt.population)
    base = split_budget(this, old_table, names)
    budget_only = split_budget(nxt, old_table, names)
    full = split_budget(nxt, new_table, names)
    grouped = groups(base, by, names)
    a, b, c = (_totals(s, grouped) for s in (base, budget_only, full))
    rows = tuple(CompareRow(g, a[i], c[i], b[i] - a[i], c[i] - b[i])
                 for i, g in enumerate(grouped))
    preliminary = tuple(x.id for x in (this, nxt) if x.status != "decided")
    return Comparison(year, next_year, old_table.id, new_table.id, preliminary, rows)
