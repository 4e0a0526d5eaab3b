"""Finance views as sheets: one table of cells per view, for ``--excel`` CSV and XLSX.

A sheet is what a finance officer opens: headers in the run's language (Swedish under
``--lang sv``), a line's name rather than its id, amounts as whole-krona numbers, and at the
foot the totals as values and a check row (total minus the sum of the rows: 0 when the sheet
adds up, so a reader who adds the column themselves can see it does). The stable English CSV
for scripts stays in :mod:`shvo_cli.render.budget`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from shvo_cli.budget.compare import Comparison
from shvo_cli.budget.invoicing import MONTHS, InvoiceBasis, Reconciliation, month_label
from shvo_cli.budget.split import Group, Split
from shvo_cli.i18n import _
from shvo_cli.render.cells import write_csv

Cell = str | int | None
Matrix = tuple[tuple[int, ...], ...]
Cube = tuple[tuple[tuple[int, ...], ...], ...]


@dataclass(frozen=True)
class Sheet:
    """One view: ``money`` are the column indexes holding kronor."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]
    money: frozenset[int]
    foot: list[list[Cell]] = field(default_factory=list)


def foot(rows: Sequence[Sequence[Cell]], money: Sequence[int], width: int,
          totals: dict[int, int]) -> list[list[Cell]]:
    """The totals row (values from the core) and the check row: total minus the rows' sum."""
    total: list[Cell] = [None] * width
    check: list[Cell] = [None] * width
    total[0], check[0] = _("total"), _("check (total - sum of rows, 0 = adds up)")
    for j in money:
        column = sum(int(r[j] or 0) for r in rows)
        total[j] = totals.get(j, column)
        check[j] = int(total[j] or 0) - column
    return [total, check]


def line_names(split: Split) -> list[str]:
    return [s.line.name for s in split.lines]


def split_sheet(split: Split, grouped: Sequence[Group], amounts: Matrix,
                months: Cube | None) -> Sheet:
    head = [_("payer"), _("name"), _("association")]
    if months is None:
        headers = [*head, *line_names(split), _("total")]
        rows: list[list[Cell]] = [
            [g.id, g.name, g.association or "", *[amounts[i][k] for i in
                                                 range(len(split.lines))],
             sum(row[k] for row in amounts)] for k, g in enumerate(grouped)]
    else:
        headers = [*head, _("month"), *line_names(split), _("total")]
        rows = [[g.id, g.name, g.association or "", month_label(split.budget.year, m + 1),
                 *[months[i][k][m] for i in range(len(split.lines))],
                 sum(line[k][m] for line in months)]
                for k, g in enumerate(grouped) for m in range(MONTHS)]
    first = len(headers) - len(split.lines) - 1
    money = list(range(first, len(headers)))
    totals = {first + i: sum(row) for i, row in enumerate(amounts)}
    totals[len(headers) - 1] = sum(map(sum, amounts))
    return Sheet(_("Budget {year} split").format(year=split.budget.year), headers, rows,
                 frozenset(money), foot(rows, money, len(headers), totals))


def invoices_sheet(basis: InvoiceBasis) -> Sheet:
    split = basis.split
    headers = [_("month"), _("payer"), _("name"), _("association"), _("amount"),
               *line_names(split), _("status")]
    status = _("planned") if not basis.issued else (
        _("issued {date} ({id})").format(date=basis.issued_on, id=basis.issued)
        + (" " + _("PRELIMINARY") if basis.preliminary else ""))
    rows: list[list[Cell]] = [[basis.label, inv.payer.id, inv.payer.name,
                               inv.payer.association or "", inv.amount, *inv.lines, status]
                              for inv in basis.invoices]
    money = list(range(4, len(headers) - 1))
    totals = {4: basis.total} | {5 + i: basis.line_total(i) for i in range(len(split.lines))}
    return Sheet(_("Invoice basis {month}").format(month=basis.label), headers, rows,
                 frozenset(money), foot(rows, money, len(headers), totals))


def reconcile_sheet(rec: Reconciliation) -> Sheet:
    names = line_names(rec.invoiced_split)
    headers = [_("code"), _("name"), _("association"), _("inhabitants (invoiced)"),
               _("inhabitants (actual)"), _("invoiced"), _("due"), _("difference"),
               *[_("difference: {line}").format(line=n) for n in names]]
    rows: list[list[Cell]] = [
        [r.payer.id, r.payer.name, r.payer.association or "", r.population_invoiced,
         r.population_actual, r.invoiced, r.due, r.difference, *r.line_differences]
        for r in rec.rows]
    money = list(range(5, len(headers)))
    totals = {5: rec.invoiced, 6: rec.due, 7: rec.difference}
    return Sheet(_("Reconciliation {year}").format(year=rec.invoiced_split.budget.year),
                 headers, rows, frozenset(money), foot(rows, money, len(headers), totals))


def compare_sheet(c: Comparison) -> Sheet:
    """``budget compare``: each payer next year against this year, the change split into the
    budget's effect and the population's (the columns sum exactly, as the view does)."""
    headers = [_("payer"), _("name"), _("association"), str(c.year), str(c.next),
               _("change"), _("budget effect"), _("population effect")]
    attrs = ("this_year", "next_year", "change", "budget_effect", "population_effect")
    rows: list[list[Cell]] = [[r.group.id, r.group.name, r.group.association or "",
                               *(getattr(r, a) for a in attrs)] for r in c.rows]
    money = list(range(3, len(headers)))
    totals = {3 + i: c.total(a) for i, a in enumerate(attrs)}
    return Sheet(_("Budget {year} against {next}").format(year=c.year, next=c.next),
                 headers, rows, frozenset(money), foot(rows, money, len(headers), totals))


def sources_sheet(sources: Sequence[tuple[str, str]]) -> Sheet:
    """What the figures come from: records (id and file) and the git commit."""
    return Sheet(_("Sources"), [_("source"), _("value")],
                 [[k, v] for k, v in sources], frozenset())


def excel_csv(sheet: Sheet) -> str:
    """``--excel``: the sheet as CSV Swedish Excel opens in columns."""
    return write_csv(sheet.headers, [*sheet.rows, *sheet.foot], excel=True)
