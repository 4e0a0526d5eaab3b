"""``shvo invoice issue`` and ``shvo invoice credit``: a month's invoices become a record.

Issuing computes the month exactly as ``budget invoices`` shows it (the ledger: issued months
as recorded, open months planned on the records in force), then writes it once, with what it
came from: the budget and its status, the population table, the SHA-256 of both files and
the records' commit. Refused, with nothing written: a month already issued, a month before
which a month of the year is still open (invoices go out in order), a month that has not
begun by the issue date, and a year whose budget is not decided unless ``--preliminary``
(then the record and every output say so). A credit note never edits the record it
corrects; it is a new record with negative amounts that cites it.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.budget import inputs
from shvo_cli.budget.invoicing import parse_month
from shvo_cli.budget.split import split_budget
from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.invoices import ledger as ledger_mod
from shvo_cli.invoices.record import Issued, render
from shvo_cli.money import allocate
from shvo_cli.records.change import Actor, Change, check_actor, check_input, claimed_warning
from shvo_cli.records.repository import Repository, add_document
from shvo_cli.records.schemas import validate_document
from shvo_cli.store import git
from shvo_cli.yamlio.read import parse_text

ROLES = ("GITS", "SITIV")
"""Who issues invoices: GITS, which invoices the agreed costs, or SITIV's finance."""


class InvoiceRefused(ShvoError):
    """The rules refuse this issue or credit; nothing written (exit 1)."""

    exit_code = 1  # type: ignore[assignment]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _head(root: Path) -> str | None:
    top = git.work_tree(root)
    return git.resolve_commit(top, "HEAD") if top is not None else None


def _check_order(records: list[Issued], year: int, month: int, when: date) -> None:
    issued = {r.month for r in records if r.type == "invoice"}
    label = f"{year}-{month:02d}"
    if month in issued:
        raise InvoiceRefused(_("{month} is already issued (invoice-{month}); an issued month "
                               "is never issued again: correct it with shvo invoice credit")
                             .format(month=label))
    missing = [f"{year}-{m:02d}" for m in range(1, month) if m not in issued]
    if missing:
        raise InvoiceRefused(_("{month} cannot be issued before {missing}: months are issued "
                               "in order").format(month=label, missing=", ".join(missing)))
    if date(year, month, 1) > when:
        raise InvoiceRefused(_("{month} has not begun on {date}: a month is issued from its "
                               "first day").format(month=label, date=when))


def _validated(path: Path, text: str) -> None:
    """The record as written must pass its own schema and checks: shvo never writes what
    validate would refuse."""
    from shvo_cli.checks.invoices import check_record

    doc = parse_text(path, text)
    found = list(doc.findings) + validate_document(doc, "invoice")
    if not found:
        repo = Repository(root=path.parent.parent)
        add_document(repo, doc)
        rec = next(iter(repo.invoices.values()))
        found = check_record(rec, {rec.id, rec.data.get("corrects", "")})
    if found:  # pragma: no cover - a bug in shvo, not in the user's input
        raise ShvoError(_("internal error: the invoice record would be invalid: {message}")
                        .format(message=found[0].message))


def _change(root: Path, data: dict[str, Any], actor: Actor, summary: str,
            display: str) -> Change:
    path = root / "invoices" / f"{data['id']}.yaml"
    text = render(data)
    _validated(path, text)
    trailers = {"Shvo-Invoice": data["id"],
                "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
                "Shvo-Person": actor.person}
    warnings = [claimed_warning(actor)] if actor.claimed else []
    return Change(path, None, text, data["id"], summary, trailers, warnings=warnings,
                  display=display)


def issue(root: Path, actor: Actor, when: date, month_text: str, *,
          preliminary: bool = False, population: str | None = None) -> Change:
    """The month's invoices as a new record, or a refusal."""
    year, month = parse_month(month_text)
    repo = inputs.load_budget_records(root)
    budget = inputs.select_budget(repo, year)
    decided = budget.status == "decided"
    if not decided and not preliminary:
        raise InvoiceRefused(_("the {year} budget is {status}, not decided: pass "
                               "--preliminary to issue on it (the record and every output "
                               "will say preliminary)").format(year=year, status=budget.status))
    actor = check_actor(repo, actor, ROLES)
    table = inputs.population_in_force(repo, year, population)
    split = split_budget(budget, table, inputs.party_names(repo))
    records = ledger_mod.year_records(ledger_mod.load_invoice_records(root), year)
    _check_order(records, year, month, when)
    basis = ledger_mod.build(split, records).basis(month)
    label = f"{year}-{month:02d}"
    data: dict[str, Any] = {
        "kind": "invoice", "id": f"invoice-{label}", "type": "invoice", "month": label,
        "issued": when.isoformat(), "issued_by": f"{actor.person} ({actor.role})",
        "preliminary": True if not decided else None, "budget": budget.id,
        "budget_status": budget.status, "budget_sha256": _sha(budget.ref.file),
        "amendment": getattr(budget, "amendment", None), "population": table.id,
        "population_reference_date": table.reference_date.isoformat(),
        "population_sha256": _sha(table.ref.file), "source_commit": _head(root),
        "lines": [s.line.id for s in split.lines],
        "invoices": [{"payer": inv.payer.id, "name": inv.payer.name, "amount": inv.amount,
                      "lines": list(inv.lines)} for inv in basis.invoices],
        "total": basis.total}
    data = {k: v for k, v in data.items() if v is not None}
    mark = " (preliminary)" if not decided else ""
    return _change(root, data, actor, f"invoice-{label}: issue invoices for {label}{mark}",
                   (_("invoice-{month}: invoices for {month} issued, preliminary") if not decided
                    else _("invoice-{month}: invoices for {month} issued")).format(month=label))


def credit(root: Path, actor: Actor, when: date, month_text: str, payer: str, reason: str,
           amount: int | None = None) -> Change:
    """A credit note for one payer's issued invoice of a month: the whole of it, or
    ``amount`` kronor divided over its lines in proportion (largest remainder)."""
    check_input({"reason": reason})
    if payer != "VGR" and not (len(payer) == 4 and payer.isascii() and payer.isdigit()):
        raise InvoiceRefused(_("--payer {payer!r}: a municipality code (1480) or VGR").format(
            payer=payer[:20]))
    year, month = parse_month(month_text)
    label = f"{year}-{month:02d}"
    repo = ledger_mod.load_invoice_records(root)
    target = repo.invoices.get(f"invoice-{label}")
    if target is None:
        raise InvoiceRefused(_("{month} has not been issued: only an issued invoice can be "
                               "credited").format(month=label))
    org_repo = inputs.load_budget_records(root)
    actor = check_actor(org_repo, actor, ROLES)
    from shvo_cli.invoices.record import read

    issued = read(target.data)
    charged = issued.payer(payer)
    if charged is None:
        raise InvoiceRefused(_("{payer} was not invoiced in {id}").format(
            payer=payer, id=target.id))
    already = sum(c.amount for r in ledger_mod.year_records(repo, year)
                  if r.type == "credit" and r.data.get("corrects") == target.id
                  and (c := r.payer(payer)) is not None)
    open_amount = charged.amount + already
    wanted = open_amount if amount is None else amount
    if wanted <= 0 or wanted > open_amount:
        raise InvoiceRefused(_("--amount must be 1 to {open} kronor (what is left of {payer}'s "
                               "invoice after earlier credit notes)").format(
            open=open_amount, payer=payer))
    weights = [max(charged.lines[x], 0) for x in issued.line_ids]
    parts = [-p for p in allocate(wanted, weights)]
    taken = {r.id for r in repo.invoices.values()}
    n = next(i for i in range(1, 10000) if f"credit-{label}-{i:02d}" not in taken)
    cid = f"credit-{label}-{n:02d}"
    data: dict[str, Any] = {
        "kind": "invoice", "id": cid, "type": "credit", "month": label,
        "issued": when.isoformat(), "issued_by": f"{actor.person} ({actor.role})",
        "corrects": target.id, "reason": reason, "source_commit": _head(root),
        "lines": list(issued.line_ids),
        "invoices": [{"payer": payer, "name": charged.name, "amount": sum(parts),
                      "lines": parts}],
        "total": sum(parts)}
    data = {k: v for k, v in data.items() if v is not None}
    return _change(root, data, actor, f"{cid}: credit {payer} {wanted} kr of {target.id}",
                   _("{id}: credit note of {amount} kr to {payer} for {corrects}").format(
                       id=cid, amount=wanted, payer=charged.name, corrects=target.id))
