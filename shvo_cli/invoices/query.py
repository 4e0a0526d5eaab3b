"""Finding invoice records for ``invoice list`` and ``invoice show``, and the month views
``budget invoices`` and ``budget reconcile`` take from the ledger."""

from __future__ import annotations

import re
from pathlib import Path

from shvo_cli.budget import inputs
from shvo_cli.budget.invoicing import InvoiceBasis, Reconciliation, parse_month, reconcile
from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.invoices import ledger
from shvo_cli.invoices.record import Issued, read

_ID = re.compile(r"(invoice-|credit-)?[0-9]{4}-[0-9]{2}(-[0-9]{2,4})?\Z")


class InvoiceNotFound(ShvoError):
    """No such invoice record (exit 2)."""


def listing(root: Path, year: int | None = None) -> list[Issued]:
    repo = ledger.load_invoice_records(root)
    out = [read(r.data) for r in repo.invoices.values()]
    return sorted((r for r in out if year is None or r.year == year),
                  key=lambda r: (r.year, r.month, r.type != "invoice", r.id))


def find(root: Path, key: str) -> Issued:
    """A record by id or by month (``2025-01`` is ``invoice-2025-01``)."""
    if not _ID.match(key):
        raise InvoiceNotFound(_("{key!r}: give a month YYYY-MM or a record id "
                                "(invoice-YYYY-MM, credit-YYYY-MM-NN)").format(key=key[:40]))
    wanted = key if key.startswith(("invoice-", "credit-")) else f"invoice-{key}"
    repo = ledger.load_invoice_records(root)
    rec = repo.invoices.get(wanted)
    if rec is None:
        raise InvoiceNotFound(_("no invoice record {id}: that month has not been issued")
                              .format(id=wanted))
    return read(rec.data)


def line_names(root: Path, year: int) -> dict[str, str]:
    """Budget line names by id, for showing a record; empty when there is no budget."""
    repo = inputs.load_budget_records(root)
    budget = repo.budgets.get(year)
    return {line.id: line.name for line in budget.lines} if budget is not None else {}


def month_basis(root: Path, year: int | None, month: str, population: str | None,
                stated: bool) -> tuple[inputs.Prepared, InvoiceBasis, list[Issued]]:
    """``budget invoices``: the issued figures for an issued month, else the planned ones."""
    month_year, __ = parse_month(month)
    prepared = inputs.prepare_split(root, year or month_year, population, stated)
    __, number = parse_month(month, prepared.split.budget.year)
    records = ledger.year_records(ledger.load_invoice_records(root),
                                  prepared.split.budget.year)
    return prepared, ledger.build(prepared.split, records).basis(number), records


def year_reconciliation(root: Path, year: int | None, invoiced_with: str | None,
                        actual: str, stated: bool
                        ) -> tuple[Reconciliation, tuple[str, ...], list[Issued]]:
    """``budget reconcile``: what was actually issued (and is planned for open months)
    against what SCB's figures make due."""
    old, new, notes = inputs.prepare_reconcile(root, year, invoiced_with, actual, stated)
    records = ledger.year_records(ledger.load_invoice_records(root), old.budget.year)
    charged = ledger.build(old, records).charged()
    return reconcile(old, new, charged), notes, records
