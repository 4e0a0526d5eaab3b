"""Budget splits, invoice bases and reconciliations as people and spreadsheets read them.

* ``table``: aligned plain text (amounts as ``16 000 000``), a title line naming the budget,
  the population table and the basis, and a legend of the lines with their basis, so a
  printed page says where every figure came from. Plain text on purpose: it is the same in a
  terminal, a pipe and a test.
* ``csv``: stdlib csv, one header row, whole kronor as plain integers, ``\\n`` line ends,
  UTF-8; split rows are long (one row per line × payer [× month]) so a pivot table or
  ``GROUP BY`` can sum them; an invoice basis is one row per payer with a column per line.
* ``json``: ``{"version": 1, …}``, ``ensure_ascii=False``, indent 2, keys in a fixed order.

A line divided by its stated figures is marked wherever it appears: ``basis`` column or field,
``[stated (no key)]`` in a column header, or the legend.

Tables are for people and follow the run's language (headings, titles, notes, the basis and
status words); CSV headers and JSON keys and values are a machine format for finance and stay
English in every language, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from shvo_cli.budget.invoicing import MONTHS, InvoiceBasis, Reconciliation, month_label
from shvo_cli.budget.split import KEY, NO_KEY, STATED, BudgetView, Group, Split
from shvo_cli.findings import kr
from shvo_cli.i18n import N_, _
from shvo_cli.render.cells import write_csv

Matrix = tuple[tuple[int, ...], ...]
Cube = tuple[tuple[tuple[int, ...], ...], ...]


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> str:
    """Columns padded to their widest cell; the first ``left`` columns left-aligned (names),
    the rest right-aligned (amounts). A row of one empty cell is a rule."""
    widths = [len(h) for h in headers]
    for row in rows:
        for j, cell in enumerate(row):
            widths[j] = max(widths[j], len(cell))

    def fmt(row: Sequence[str]) -> str:
        cells = [c.ljust(widths[j]) if j < left else c.rjust(widths[j])
                 for j, c in enumerate(row)]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [fmt(headers), rule]
    out += [rule if list(row) == [""] else fmt(row) for row in rows]
    return "\n".join(out)


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Every cell through :func:`shvo_cli.render.cells.neutral` (no formula can run)."""
    return write_csv(header, rows)


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


_STATUS = {"preliminary": N_("preliminary"), "decided": N_("decided")}
_BASIS = {STATED: N_("stated"), NO_KEY: N_("stated (no key)"), "none": N_("none")}
_SPLIT_TITLE = {"party": N_("Budget {year} split by party"),
                "association": N_("Budget {year} split by association"),
                "municipality": N_("Budget {year} split by municipality")}


def _status(status: str) -> str:
    """A budget's status as a table shows it (JSON keeps the id)."""
    return _(_STATUS[status]) if status in _STATUS else status


def _basis(basis: str) -> str:
    """A line's basis as a table shows it: ``key:<id>`` keeps the key's id; CSV and JSON keep
    the basis as it is."""
    if basis.startswith(f"{KEY}:"):
        return _("key:{key}").format(key=basis[len(KEY) + 1:])
    return _(_BASIS[basis]) if basis in _BASIS else basis


def _title(split: Split, what: str) -> str:
    b, t = split.budget, split.table
    if split.use_stated:
        text = _("{what} — {budget} ({status}), population {population} (reference date "
                 "{date}), amounts by stated figures where the plan states them")
    else:
        text = _("{what} — {budget} ({status}), population {population} (reference date "
                 "{date}), amounts by key")
    return text.format(what=what, budget=b.id, status=_status(b.status), population=t.id,
                       date=t.reference_date)


def _legend(split: Split) -> str:
    width = max(len(s.line.id) for s in split.lines)
    bases = [_basis(s.basis) for s in split.lines]
    basis_width = max(18, *map(len, bases))
    rows = [f"  {s.line.id.ljust(width)}  {basis.ljust(basis_width)} {s.line.name}"
            for s, basis in zip(split.lines, bases, strict=True)]
    marks = [s.line.id for s in split.lines if s.keyless]
    note = ("\n" + _("{lines}: no financing key; divided by the plan's stated figures").format(
        lines=", ".join(marks)) if marks else "")
    return _("lines:") + "\n" + "\n".join(rows) + note


def _head(split: Split) -> dict[str, Any]:
    b, t = split.budget, split.table
    return {"version": 1, "budget": b.id, "year": b.year, "status": b.status,
            "population": {"id": t.id, "reference_date": t.reference_date.isoformat()},
            "amounts": "stated" if split.use_stated else "key"}


def _lines_json(split: Split) -> list[dict[str, Any]]:
    return [{"id": s.line.id, "name": s.line.name, "amount": s.line.amount, "basis": s.basis,
             "parties": dict(s.parties)} for s in split.lines]


# --- budget show ----------------------------------------------------------------------------


def _opt(value: int | None) -> str:
    return "-" if value is None else kr(value)


def _signed(value: int) -> str:
    return ("+" if value > 0 else "") + kr(value)


def show_table(view: BudgetView, file: str) -> str:
    b = view.budget
    parties = b.parties
    out = [_("Budget {year} — {id} ({status}), {file}").format(
        year=b.year, id=b.id, status=_status(b.status), file=file)]
    out.append(_("keys: {keys}").format(keys="; ".join(
        f"{k.id} " + " / ".join(f"{p} {k.shares.get(p, 0)} %" for p in parties)
        for k in b.keys.values())))
    headers = [_("line"), _("basis"), _("amount")]
    for p in parties:
        headers += [_("{party} split").format(party=p), _("{party} stated").format(party=p)]
    rows: list[list[str]] = []
    for s in view.lines:
        row = [s.line.id, _basis(s.basis), kr(s.line.amount)]
        for p in parties:
            diff = s.difference(p)
            mark = " *" if diff else ""
            row += [_opt(s.split[p] if s.split else None),
                    (kr(s.stated[p]) if p in s.stated else "-") + mark]
        rows.append(row)
    rows.append([""])
    total_row = [_("sum of lines"), "", kr(view.lines_amount)]
    stated_row = [_("stated total"), "", _opt(b.stated_total.get("amount"))]
    diff_row = [_("stated - lines"), "", ""]
    if "amount" in b.stated_total:
        d = b.stated_total["amount"] - view.lines_amount
        diff_row[2] = _signed(d) + (" *" if d else "")
    for p in parties:
        lines_stated = view.stated_lines_total(p)
        total_row += [_opt(view.split_total(p)), _opt(lines_stated)]
        stated_row += ["", _opt(b.stated_total.get(p))]
        if p in b.stated_total and lines_stated is not None:
            d = b.stated_total[p] - lines_stated
            diff_row += ["", _signed(d) + (" *" if d else "")]
        else:
            diff_row += ["", ""]
    rows += [total_row, stated_row, diff_row]
    out.append("")
    out.append(_table(headers, rows, left=2))
    out.append("")
    out.append(_("split: what the split commands divide (the line's key; its stated figures "
                 "where it has no key)."))
    out.append(_("* stated differs: per line, stated vs split; in the totals, the stated "
                 "total vs the sum of the lines."))
    for s in view.lines:
        if s.basis == NO_KEY:
            out.append(_("{line}: no financing key; divided by its stated figures.").format(
                line=s.line.id))
        elif s.split is None:
            out.append(_("{line}: no key and no stated figure for every party: cannot be "
                         "divided.").format(line=s.line.id))
    return "\n".join(out) + "\n"


def show_json(view: BudgetView, file: str) -> str:
    b = view.budget
    lines = []
    for s in view.lines:
        lines.append({
            "id": s.line.id, "name": s.line.name, "amount": s.line.amount, "key": s.line.key,
            "basis": s.basis, "split": s.split, "stated": s.stated,
            "differences": {p: d for p in b.parties if (d := s.difference(p))}})
    totals: dict[str, Any] = {
        "lines": {"amount": view.lines_amount,
                  "split": {p: view.split_total(p) for p in b.parties},
                  "stated": {p: view.stated_lines_total(p) for p in b.parties}},
        "stated": dict(b.stated_total),
    }
    diffs: dict[str, int] = {}
    if "amount" in b.stated_total:
        diffs["amount"] = b.stated_total["amount"] - view.lines_amount
    for p in b.parties:
        lines_stated = view.stated_lines_total(p)
        if p in b.stated_total and lines_stated is not None:
            diffs[p] = b.stated_total[p] - lines_stated
    totals["difference"] = diffs
    return _json({"version": 1, "budget": b.id, "year": b.year, "status": b.status,
                  "file": file, "parties": list(b.parties),
                  "keys": [{"id": k.id, "text": k.text, "shares": dict(k.shares)}
                           for k in b.keys.values()],
                  "lines": lines, "totals": totals})


# --- budget split ---------------------------------------------------------------------------


def split_table(split: Split, by: str, grouped: Sequence[Group], amounts: Matrix,
                months: Cube | None) -> str:
    out = [_title(split, _(_SPLIT_TITLE[by]).format(year=split.budget.year)), ""]
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
        out.append(_table(headers, rows, left=2))
    elif by == "municipality":
        headers = [_("payer"), _("name"), *[s.line.id for s in split.lines], total]
        rows = [[group.id, group.name, *[kr(row[g]) for row in amounts],
                 kr(sum(row[g] for row in amounts))] for g, group in enumerate(grouped)]
        rows += [[""], [total, "", *[kr(sum(row)) for row in amounts],
                        kr(sum(map(sum, amounts)))]]
        out.append(_table(headers, rows, left=2))
    else:
        headers = [_("line"), _("basis"), _("amount"), *[g.id for g in grouped]]
        rows = [[s.line.id, _basis(s.basis), kr(s.line.amount), *map(kr, amounts[i])]
                for i, s in enumerate(split.lines)]
        rows += [[""], [total, "", kr(sum(s.line.amount for s in split.lines)),
                        *[kr(sum(row[g] for row in amounts)) for g in range(len(grouped))]]]
        out.append(_table(headers, rows, left=2))
        if by == "association":
            out.append("")
            out += [f"  {g.id:<10} " + _(
                "{name}, {count} municipalities, {inhabitants} inhabitants").format(
                    name=g.name, count=len(g.members), inhabitants=kr(g.population or 0))
                    for g in grouped if g.association]
    out += ["", _legend(split)]
    return "\n".join(out) + "\n"


def split_csv(split: Split, grouped: Sequence[Group], amounts: Matrix,
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
    return _csv(header, rows)


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
    return _json(_head(split) | {"by": by, "lines": _lines_json(split), "payers": payers,
                                 "total": sum(map(sum, amounts))})


# --- budget invoices ------------------------------------------------------------------------


def invoices_table(basis: InvoiceBasis) -> str:
    split = basis.split
    out = [_title(split, _("Invoice basis {month}").format(month=basis.label))]
    if basis.issued:
        out.append((_("ISSUED {date} as {id}, PRELIMINARY: the figures below are the issued "
                      "ones") if basis.preliminary else _("issued {date} as {id}: the figures "
                      "below are the issued ones")).format(date=basis.issued_on, id=basis.issued))
    out.append("")
    headers = [_("payer"), _("name"), _("amount"), *[s.line.id for s in split.lines]]
    rows = [[inv.payer.id, inv.payer.name, kr(inv.amount), *map(kr, inv.lines)]
            for inv in basis.invoices]
    rows += [[""], [_("total"), _("{count} invoices").format(count=len(basis.invoices)),
                    kr(basis.total),
                    *[kr(basis.line_total(i)) for i in range(len(split.lines))]]]
    out.append(_table(headers, rows, left=2))
    out += ["", _legend(split)]
    return "\n".join(out) + "\n"


def _line_header(split: Split) -> list[str]:
    return [f"{s.line.id} [{s.basis}]" for s in split.lines]


def invoices_csv(basis: InvoiceBasis) -> str:
    header = ["month", "payer", "name", "association", "amount", *_line_header(basis.split)]
    rows = [[basis.label, inv.payer.id, inv.payer.name, inv.payer.association or "",
             inv.amount, *inv.lines] for inv in basis.invoices]
    return _csv(header, rows)


def invoices_json(basis: InvoiceBasis) -> str:
    split = basis.split
    invoices = [{"payer": inv.payer.id, "name": inv.payer.name,
                 "association": inv.payer.association, "amount": inv.amount,
                 "lines": {s.line.id: inv.lines[i] for i, s in enumerate(split.lines)}}
                for inv in basis.invoices]
    issued = ({"record": basis.issued, "date": basis.issued_on,
               "preliminary": basis.preliminary} if basis.issued else None)
    return _json(_head(split) | {
        "month": basis.label, "issued": issued, "lines": _lines_json(split),
        "invoices": invoices,
        "total": {"amount": basis.total,
                  "lines": {s.line.id: basis.line_total(i) for i, s in enumerate(split.lines)}}})


# --- budget reconcile -----------------------------------------------------------------------


def _reconcile_title(rec: Reconciliation) -> str:
    split = rec.invoiced_split
    b = split.budget
    if split.use_stated:
        text = _("Reconciliation {year} — {budget} ({status}): invoiced on {invoiced}, due on "
                 "{actual}, amounts by stated figures where the plan states them")
    else:
        text = _("Reconciliation {year} — {budget} ({status}): invoiced on {invoiced}, due on "
                 "{actual}, amounts by key")
    return text.format(year=b.year, budget=b.id, status=_status(b.status),
                       invoiced=rec.invoiced_table.id, actual=rec.actual_table.id)


def reconcile_table(rec: Reconciliation) -> str:
    out = [_reconcile_title(rec), ""]
    headers = [_("code"), _("name"), _("association"), _("inhabitants (invoiced)"),
               _("inhabitants (actual)"), _("invoiced"), _("due"), _("difference")]
    rows = [[r.payer.id, r.payer.name, r.payer.association or "", kr(r.population_invoiced),
             kr(r.population_actual), kr(r.invoiced), kr(r.due), _signed(r.difference)]
            for r in rec.rows]
    rows += [[""], [_("total"), "", "", kr(sum(r.population_invoiced for r in rec.rows)),
                    kr(sum(r.population_actual for r in rec.rows)), kr(rec.invoiced),
                    kr(rec.due), _signed(rec.difference)]]
    out.append(_table(headers, rows, left=3))
    out += ["", _("difference = due - invoiced: positive, the municipality pays more; "
                  "negative, it is paid back. Other parties' shares do not depend on "
                  "population."),
            "", _legend(rec.invoiced_split)]
    return "\n".join(out) + "\n"


def reconcile_csv(rec: Reconciliation) -> str:
    header = ["code", "name", "association", "population_invoiced", "population_actual",
              "invoiced", "due", "difference",
              *[f"difference {h}" for h in _line_header(rec.invoiced_split)]]
    rows = [[r.payer.id, r.payer.name, r.payer.association or "", r.population_invoiced,
             r.population_actual, r.invoiced, r.due, r.difference, *r.line_differences]
            for r in rec.rows]
    return _csv(header, rows)


def reconcile_json(rec: Reconciliation) -> str:
    split = rec.invoiced_split
    ids = [s.line.id for s in split.lines]
    rows = [{"code": r.payer.id, "name": r.payer.name, "association": r.payer.association,
             "population_invoiced": r.population_invoiced,
             "population_actual": r.population_actual, "invoiced": r.invoiced, "due": r.due,
             "difference": r.difference,
             "lines": {ids[i]: {"invoiced": r.lines_invoiced[i], "due": r.lines_due[i],
                                "difference": r.line_differences[i]}
                       for i in range(len(ids))}}
            for r in rec.rows]
    head = _head(split)
    del head["population"]
    return _json(head | {
        "invoiced_with": {"id": rec.invoiced_table.id,
                          "reference_date": rec.invoiced_table.reference_date.isoformat()},
        "actual": {"id": rec.actual_table.id,
                   "reference_date": rec.actual_table.reference_date.isoformat()},
        "lines": _lines_json(split), "municipalities": rows,
        "total": {"invoiced": rec.invoiced, "due": rec.due, "difference": rec.difference}})
