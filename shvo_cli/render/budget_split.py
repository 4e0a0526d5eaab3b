"""``shvo budget split`` as a table, CSV and JSON (conventions: :mod:`shvo_cli.render.budget`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shvo_cli.budget.invoicing import MONTHS, month_label
from shvo_cli.budget.split import Group, Split
from shvo_cli.findings import kr
from shvo_cli.i18n import _
from shvo_cli.render.budget import (
    SPLIT_TITLE,
    Cube,
    Matrix,
    basis_label,
    csv_text,
    head,
    json_text,
    legend,
    lines_json,
    table,
    title_line,
)
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Line, Page, Table


def split_table(split: Split, by: str, grouped: Sequence[Group], amounts: Matrix,
                months: Cube | None) -> Page:
    out: list[str | Line | Table] = [
        title_line(split, _(SPLIT_TITLE[by]).format(year=split.budget.year)), ""]
    total = _("total")
    if months is not None:
        labels = [month_label(split.budget.year, m + 1) for m in range(MONTHS)]
        headers = [_("payer"), _("name"), *[lab[5:] for lab in labels], _("year")]
        rows = []
        for g, group in enumerate(grouped):
            per_month = [sum(line[g][m] for line in months) for m in range(MONTHS)]
            rows.append([group.id, group.name, *map(kr, per_month), kr(sum(per_month))])
        col = [sum(line[g][m] for line in months for g in range(len(grouped)))
               for m in range(MONTHS)]
        rows += [[""], [total, "", *map(kr, col), kr(sum(col))]]
        out.append(table(headers, rows, left=2))
    elif by == "municipality":
        headers = [_("payer"), _("name"), *[s.line.id for s in split.lines], total]
        rows = [[group.id, group.name, *[kr(row[g]) for row in amounts],
                 kr(sum(row[g] for row in amounts))] for g, group in enumerate(grouped)]
        rows += [[""], [total, "", *[kr(sum(row)) for row in amounts],
                        kr(sum(map(sum, amounts)))]]
        out.append(table(headers, rows, left=2))
    else:
        headers = [_("line"), _("basis"), _("amount"), *[g.id for g in grouped]]
        rows = [[s.line.id, basis_label(s.basis), kr(s.line.amount), *map(kr, amounts[i])]
                for i, s in enumerate(split.lines)]
        rows += [[""], [total, "", kr(sum(s.line.amount for s in split.lines)),
                        *[kr(sum(row[g] for row in amounts)) for g in range(len(grouped))]]]
        out.append(table(headers, rows, left=2))
        if by == "association":
            out.append("")
            out += [f"  {g.id:<10} " + _(
                "{name}, {count} municipalities, {inhabitants} inhabitants").format(
                    name=g.name, count=len(g.members), inhabitants=kr(g.population or 0))
                    for g in grouped if g.association]
    out += ["", legend(split)]
    return Page(out)


def split_csv(split: Split, _by: str, grouped: Sequence[Group], amounts: Matrix,
              months: Cube | None) -> str:
    header = ["line", "basis", "payer", "name", "association"]
    rows: list[list[object]] = []
    if months is None:
        header.append("amount")
        for i, s in enumerate(split.lines):
            for g, group in enumerate(grouped):
                rows.append([s.line.id, s.basis, group.id, group.name, group.association or "",
                             amounts[i][g]])
    else:
        header += ["month", "amount"]
        labels = [month_label(split.budget.year, m + 1) for m in range(MONTHS)]
        for i, s in enumerate(split.lines):
            for g, group in enumerate(grouped):
                head = [s.line.id, s.basis, group.id, group.name, group.association or ""]
                rows += [[*head, labels[m], months[i][g][m]] for m in range(MONTHS)]
    return csv_text(header, rows)


def split_json(split: Split, by: str, grouped: Sequence[Group], amounts: Matrix,
               months: Cube | None) -> str:
    payers = []
    labels = [month_label(split.budget.year, m + 1) for m in range(MONTHS)]
    for g, group in enumerate(grouped):
        entry: dict[str, Any] = {
            "id": group.id, "name": group.name, "association": group.association,
            "population": group.population, "total": sum(row[g] for row in amounts),
            "lines": {s.line.id: amounts[i][g] for i, s in enumerate(split.lines)}}
        if months is not None:
            entry["months"] = [
                {"month": labels[m], "amount": sum(line[g][m] for line in months),
                 "lines": {s.line.id: months[i][g][m] for i, s in enumerate(split.lines)}}
                for m in range(MONTHS)]
        payers.append(entry)
    return json_text(head(split) | {"by": by, "lines": lines_json(split), "payers": payers,
                                 "total": sum(map(sum, amounts))})


SPLIT: Formats = {"table": split_table, "csv": split_csv, "json": split_json}
"""``shvo budget split --format``: each takes (split, by, groups, amounts, months)."""
