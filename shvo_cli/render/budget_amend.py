"""What ``budget show`` adds for amendments, and the mark an invoice basis from a
preliminary budget carries (table and JSON in the output itself; every format on stderr)."""

from __future__ import annotations

import json

from shvo_cli.budget.invoicing import InvoiceBasis
from shvo_cli.budget.split import BudgetView
from shvo_cli.i18n import _
from shvo_cli.plan.document import kronor
from shvo_cli.records.model import Budget
from shvo_cli.render.budget import show_json, show_table
from shvo_cli.render.budget_invoices import invoices_csv, invoices_json, invoices_table
from shvo_cli.render.formats import Formats
from shvo_cli.render.safe import one_line
from shvo_cli.render.table import Page


def amendment_lines(budget: Budget) -> list[str]:
    if not budget.amendments:
        return []
    out = ["", _("Amendments (appended; each cites its decision):")]
    for a in budget.amendments:
        sign = "+" if a.amount > 0 else ""
        out.append(one_line(f"  {a.date}  {a.decision}  {a.line}  {sign}{kronor(a.amount)}"
                            + (f"  {a.note}" if a.note else "")))
    return out


def with_amendments(out: str, budget: Budget, fmt: str) -> str:
    if not budget.amendments:
        return out
    if fmt == "json":
        data = json.loads(out)
        data["amendments"] = [{"line": a.line, "amount": a.amount, "decision": a.decision,
                               "date": a.date.isoformat(), "note": a.note}
                              for a in budget.amendments]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return out + "\n".join(amendment_lines(budget)) + "\n"


def preliminary_warning(budget: Budget) -> str | None:
    if budget.status == "decided":
        return None
    return _("{id} is preliminary (not decided by {body}): these invoices are provisional"
             ).format(id=budget.id, body=budget.ref.doc.data.get("decided_by", "SITIV"))


def mark_preliminary(out: str, budget: Budget, fmt: str) -> str:
    """The warning inside the output where the format allows it (CSV stays plain data)."""
    warning = preliminary_warning(budget)
    if warning is None or fmt == "csv":
        return out
    if fmt == "json":  # a machine format: the same bytes in every language
        data = json.loads(out)
        data["preliminary"] = True
        data["warning"] = (f"{budget.id} is preliminary (not decided by "
                           f"{budget.ref.doc.data.get('decided_by', 'SITIV')}): these "
                           "invoices are provisional")
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return out + "\n! " + warning + "\n"


def show_table_amended(view: BudgetView, file: str, budget: Budget) -> Page:
    return show_table(view, file).add(*amendment_lines(budget))


def show_json_amended(view: BudgetView, file: str, budget: Budget) -> str:
    return with_amendments(show_json(view, file), budget, "json")


SHOW: Formats = {"table": show_table_amended, "json": show_json_amended}
"""``budget show``: the view, then the amendments appended to the budget."""


def _marked_table(basis: InvoiceBasis, budget: Budget) -> Page:
    warning = preliminary_warning(budget)
    page = invoices_table(basis)
    return page.add("", "! " + warning) if warning else page


INVOICES: Formats = {
    "table": _marked_table,
    "csv": lambda basis, budget: invoices_csv(basis),
    "json": lambda basis, budget: mark_preliminary(invoices_json(basis), budget, "json")}
"""``budget invoices``: the basis, marked where it comes from a preliminary budget."""
