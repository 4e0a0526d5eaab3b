"""``shvo budget invoices`` and ``shvo budget reconcile`` as tables, CSV and JSON
(conventions: :mod:`shvo_cli.render.budget`)."""

from __future__ import annotations

from shvo_cli.budget.invoicing import InvoiceBasis, Reconciliation
from shvo_cli.findings import kr
from shvo_cli.i18n import _
from shvo_cli.render.budget import (
    csv_text,
    head,
    json_text,
    legend,
    line_header,
    lines_json,
    signed,
    status_label,
    table,
    title_line,
)
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Line, Page, Table

# --- budget invoices ------------------------------------------------------------------------


def invoices_table(basis: InvoiceBasis) -> Page:
    split = basis.split
    out: list[str | Line | Table] = [
        title_line(split, _("Invoice basis {month}").format(month=basis.label))]
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
    out.append(table(headers, rows, left=2))
    out += ["", legend(split)]
    return Page(out)


def invoices_csv(basis: InvoiceBasis) -> str:
    header = ["month", "payer", "name", "association", "amount", *line_header(basis.split)]
    rows = [[basis.label, inv.payer.id, inv.payer.name, inv.payer.association or "",
             inv.amount, *inv.lines] for inv in basis.invoices]
    return csv_text(header, rows)


def invoices_json(basis: InvoiceBasis) -> str:
    split = basis.split
    invoices = [{"payer": inv.payer.id, "name": inv.payer.name,
                 "association": inv.payer.association, "amount": inv.amount,
                 "lines": {s.line.id: inv.lines[i] for i, s in enumerate(split.lines)}}
                for inv in basis.invoices]
    issued = ({"record": basis.issued, "date": basis.issued_on,
               "preliminary": basis.preliminary} if basis.issued else None)
    return json_text(head(split) | {
        "month": basis.label, "issued": issued, "lines": lines_json(split),
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
    return text.format(year=b.year, budget=b.id, status=status_label(b.status),
                       invoiced=rec.invoiced_table.id, actual=rec.actual_table.id)


def reconcile_table(rec: Reconciliation) -> Page:
    out: list[str | Line | Table] = [_reconcile_title(rec), ""]
    headers = [_("code"), _("name"), _("association"), _("inhabitants (invoiced)"),
               _("inhabitants (actual)"), _("invoiced"), _("due"), _("difference")]
    rows = [[r.payer.id, r.payer.name, r.payer.association or "", kr(r.population_invoiced),
             kr(r.population_actual), kr(r.invoiced), kr(r.due), signed(r.difference)]
            for r in rec.rows]
    rows += [[""], [_("total"), "", "", kr(sum(r.population_invoiced for r in rec.rows)),
                    kr(sum(r.population_actual for r in rec.rows)), kr(rec.invoiced),
                    kr(rec.due), signed(rec.difference)]]
    out.append(table(headers, rows, left=3))
    out += ["", _("difference = due - invoiced: positive, the municipality pays more; "
                  "negative, it is paid back. Other parties' shares do not depend on "
                  "population."),
            "", legend(rec.invoiced_split)]
    return Page(out)


def reconcile_csv(rec: Reconciliation) -> str:
    header = ["code", "name", "association", "population_invoiced", "population_actual",
              "invoiced", "due", "difference",
              *[f"difference {h}" for h in line_header(rec.invoiced_split)]]
    rows = [[r.payer.id, r.payer.name, r.payer.association or "", r.population_invoiced,
             r.population_actual, r.invoiced, r.due, r.difference, *r.line_differences]
            for r in rec.rows]
    return csv_text(header, rows)


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
    top = head(split)
    del top["population"]
    return json_text(top | {
        "invoiced_with": {"id": rec.invoiced_table.id,
                          "reference_date": rec.invoiced_table.reference_date.isoformat()},
        "actual": {"id": rec.actual_table.id,
                   "reference_date": rec.actual_table.reference_date.isoformat()},
        "lines": lines_json(split), "municipalities": rows,
        "total": {"invoiced": rec.invoiced, "due": rec.due, "difference": rec.difference}})


INVOICES: Formats = {"table": invoices_table, "csv": invoices_csv, "json": invoices_json}
"""``shvo budget invoices --format``."""

RECONCILE: Formats = {"table": reconcile_table, "csv": reconcile_csv, "json": reconcile_json}
"""``shvo budget reconcile --format``."""
