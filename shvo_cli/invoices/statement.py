"""A statement per municipality (kostnadsunderlag): what it pays and why, for its contact.

Everything comes from the same split and ledger as the invoices, so a statement can never
disagree with ``budget invoices`` or ``invoice show``: per budget line, the line's amount,
its key in the plan's words, the municipalities' (VGK's) share and this municipality's part
of it; its population figure with date and source (noted when older than the table's
reference date); its twelve invoices, issued or planned; the reconciliation when SCB's
actual figures are given; and the commit the figures come from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from shvo_cli import county
from shvo_cli.budget import inputs
from shvo_cli.budget.invoicing import MONTHS, ReconcileRow, reconcile
from shvo_cli.budget.split import MUNICIPAL_PARTY, BudgetError, Split, split_budget
from shvo_cli.county import ASSOCIATIONS, MUNICIPALITIES
from shvo_cli.i18n import _
from shvo_cli.invoices import ledger
from shvo_cli.invoices.record import Issued
from shvo_cli.invoices.sources import head_commit, uncommitted
from shvo_cli.paths import display_path
from shvo_cli.records.population_model import Municipality


@dataclass(frozen=True, slots=True)
class LinePart:
    name: str
    amount: int
    key_text: str | None
    vgk_percent: int | None
    vgk_amount: int
    part: int


@dataclass(frozen=True, slots=True)
class MonthLine:
    month: str
    amount: int
    issued: str | None
    """The record id it was issued as, or None: planned."""
    issued_on: str | None
    credits: int


@dataclass(frozen=True)
class Statement:
    code: str
    name: str
    association: str
    year: int
    budget_id: str
    budget_status: str
    table_id: str
    reference_date: date
    row: Municipality
    county_population: int
    lines: tuple[LinePart, ...]
    months: tuple[MonthLine, ...]
    reconciliation: ReconcileRow | None
    actual_table: str | None
    commit: str | None
    dirty: bool
    files: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(x.part for x in self.lines)

    @property
    def invoiced(self) -> int:
        return sum(m.amount + m.credits for m in self.months)

    @property
    def preliminary(self) -> bool:
        return self.budget_status != "decided"

    @property
    def stale(self) -> bool:
        """The figure is older than the table's reference date (as for Tranemo)."""
        return self.row.as_of < self.reference_date


@dataclass(frozen=True)
class Context:
    """What every statement of a year shares: read once for ``--all``."""

    root: Path
    split: Split
    ledger: ledger.Ledger
    actual: Split | None
    commit: str | None
    dirty: bool


def municipality_code(given: str) -> str:
    """A code (``1480``) or a name (``Göteborg``, any case) as the code."""
    code = county.municipality_code(given)
    if code is not None:
        return code
    raise BudgetError(_("{given!r} is not one of the 49 municipalities of Västra Götaland "
                        "(give its code, e.g. 1480, or its name)").format(given=given[:40]))


def context(root: Path, year: int | None, actual: str | None = None) -> Context:
    repo = inputs.load_budget_records(root)
    budget = inputs.select_budget(repo, year)
    table = inputs.population_in_force(repo, budget.year)
    names = inputs.party_names(repo)
    split = split_budget(budget, table, names)
    records = ledger.year_records(ledger.load_invoice_records(root), budget.year)
    new = split_budget(budget, inputs.resolve_population(repo, actual), names) if actual \
        else None
    return Context(root, split, ledger.build(split, records), new, head_commit(root),
                   uncommitted(root))


def _months(ctx: Context, i: int) -> tuple[MonthLine, ...]:
    issued = ctx.ledger.issued
    credits: dict[int, int] = {}
    for r in ctx.ledger.credits:
        c = r.payer(ctx.split.payers[i].id)
        if c is not None:
            credits[r.month] = credits.get(r.month, 0) + c.amount
    out = []
    for m in range(1, MONTHS + 1):
        month_sum = sum(line[m - 1] for line in ctx.ledger.amounts[i])
        rec: Issued | None = issued.get(m)
        out.append(MonthLine(f"{ctx.split.budget.year}-{m:02d}",
                             month_sum - credits.get(m, 0),
                             rec.id if rec else None, rec.issued if rec else None,
                             credits.get(m, 0)))
    return tuple(out)


def build(ctx: Context, code: str) -> Statement:
    split = ctx.split
    i = next(k for k, p in enumerate(split.payers) if p.id == code)
    row = next(m for m in split.table.municipalities if m.code == code)
    budget = split.budget
    parts = []
    for j, share in enumerate(split.lines):
        key = budget.keys.get(share.line.key) if share.line.key else None
        parts.append(LinePart(share.line.name, share.line.amount,
                              key.text if key else None,
                              key.shares.get(MUNICIPAL_PARTY) if key else None,
                              share.parties.get(MUNICIPAL_PARTY, 0), split.amounts[j][i]))
    rec_row = None
    if ctx.actual is not None:
        rec = reconcile(split, ctx.actual, ctx.ledger.charged())
        rec_row = next(r for r in rec.rows if r.payer.id == code)
    name, association = MUNICIPALITIES[code]
    return Statement(
        code, name, ASSOCIATIONS.get(association, association), budget.year, budget.id,
        budget.status, split.table.id, split.table.reference_date, row,
        sum(p.population or 0 for p in split.payers if p.municipal), tuple(parts),
        _months(ctx, i), rec_row, ctx.actual.table.id if ctx.actual else None, ctx.commit,
        ctx.dirty, (display_path(budget.ref.file), display_path(split.table.ref.file)))


def file_name(s: Statement, suffix: str) -> str:
    """``2025-1480-goteborg.html``: sortable by code, readable, ASCII for every file system."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", s.name).encode("ascii", "ignore").decode().lower()
    slug = "".join(c if c.isalnum() else "-" for c in plain).strip("-")
    return f"{s.year}-{s.code}-{slug}{suffix}"


def write_all(folder: Path, ctx: Context, render: Callable[[Statement], str | bytes],
              suffix: str) -> int:
    """One statement per municipality into ``folder`` (created if missing). Plain writes,
    not fsynced one by one: they are outputs made again from the records at will, and 98
    fsyncs were a quarter of the run."""
    if folder.exists() and not folder.is_dir():
        raise BudgetError(_("{folder}: not a folder").format(folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    for code in sorted(MUNICIPALITIES):
        s = build(ctx, code)
        out = render(s)
        (folder / file_name(s, suffix)).write_bytes(
            out if isinstance(out, bytes) else out.encode("utf-8"))
    return len(MUNICIPALITIES)
