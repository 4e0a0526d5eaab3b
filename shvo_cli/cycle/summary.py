"""A short overview of a repository: what the records say, in numbers a reader checks first.

Pure: returns data; the CLI renders it. Used by ``make demo`` to show that the bundled
records were read and what they hold.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from shvo_cli.records.repository import Repository


@dataclass(frozen=True)
class Summary:
    plans: list[tuple[int, str, str]]  # year, status, adoption date or ""
    budgets: list[tuple[int, str, int, int | None]]  # year, status, sum of lines, stated
    populations: list[tuple[str, str, int, int, int | None]]  # id, date, rows, sum, stated
    requests_by_state: dict[str, int]
    decisions: int
    systems: int
    bodies: int
    members: int
    state_names: dict[str, str] = field(default_factory=dict)


def summarise(repo: Repository) -> Summary:
    return Summary(
        plans=[(p.year, p.status, str(p.adoption_date or ""))
               for p in sorted(repo.plans.values(), key=lambda p: p.year)],
        budgets=[(b.year, b.status, sum(line.amount for line in b.lines),
                  b.stated_total.get("amount"))
                 for b in sorted(repo.budgets.values(), key=lambda b: b.year)],
        populations=[(t.id, str(t.reference_date), len(t.municipalities),
                      sum(m.population for m in t.municipalities), t.stated_total)
                     for t in repo.populations],
        requests_by_state=dict(sorted(Counter(r.state for r in repo.requests.values()).items())),
        decisions=len(repo.decisions),
        systems=len(repo.systems),
        bodies=len(repo.organisation.bodies) if repo.organisation else 0,
        members=len(repo.organisation.members) if repo.organisation else 0,
        state_names={s.id: s.name for s in repo.process.states.values()}
        if repo.process else {},
    )
