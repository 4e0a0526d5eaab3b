"""Issued invoice records: unchanged since issue, adding up, naming what they correct.

An invoice record is what a payer was sent. If its figures were edited afterwards the
records would no longer say what was invoiced, and the yearly reconciliation (which counts
the records) would settle the wrong amounts; so any difference from the record's own
checksum is an error, as is a sum that does not add up even when the checksum was redone.
"""

from __future__ import annotations

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.finance_model import InvoiceRecord
from shvo_cli.records.invoice_content import sum_problems, verify_checksum
from shvo_cli.records.repository import Repository


def check_record(rec: InvoiceRecord, known: set[str]) -> list[Finding]:
    """Every problem of one record; ``known`` are the ids of the invoice records there are."""
    out: list[Finding] = []
    data = rec.data
    if not verify_checksum(data):
        out.append(rec.ref.at("I001", _("{id} was changed after it was issued (its checksum "
                                        "no longer matches its content); an issued invoice "
                                        "never changes: restore it from git and correct "
                                        "with shvo invoice credit").format(id=rec.id),
                              "checksum"))
    for path, what in sum_problems(data):
        text = {"count": _("{id}: a payer's line amounts do not match the record's lines"),
                "amount": _("{id}: a payer's amount is not the sum of its line amounts"),
                "total": _("{id}: the total is not the sum of the payers' amounts")}[what]
        out.append(rec.ref.at("I002", text.format(id=rec.id), *path))
    expected = ("invoice-" if rec.type == "invoice" else "credit-") + rec.month
    if not rec.id.startswith(expected) or (rec.type == "invoice" and rec.id != expected):
        out.append(rec.ref.at("I004", _("{id}: a {type} record for {month} must be named "
                                        "{expected}").format(
            id=rec.id, type=rec.type, month=rec.month,
            expected=expected + ("" if rec.type == "invoice" else "-NN")), "id"))
    corrects = data.get("corrects")
    if rec.type == "credit" and (not corrects or corrects not in known):
        out.append(rec.ref.at("I003", _("{id} corrects {corrects}, which is not an issued "
                                        "invoice record").format(
            id=rec.id, corrects=corrects or "?"), "corrects" if corrects else "type"))
    return out


def check(repo: Repository) -> list[Finding]:
    known = {i for i, r in repo.invoices.items() if r.type == "invoice"} | {
        i for i in repo.broken_ids if i.startswith("invoice-")}
    out: list[Finding] = []
    for rec in repo.invoices.values():
        out += check_record(rec, known)
    return out + check_order(repo) + check_mapping(repo)


def check_mapping(repo: Repository) -> list[Finding]:
    """``outcome import`` refuses a mapping to a line no budget has; so does validate."""
    rec = repo.finance.get("outcome-mapping")
    if rec is None or not repo.budgets:
        return []
    lines = {ln.id for b in repo.budgets.values() for ln in b.lines}
    return [rec.ref.at("O001", _("account {account} is mapped to {line}, which no budget "
                                 "has").format(account=account, line=line), "accounts",
                       account)
            for account, line in rec.data.get("accounts", {}).items() if line not in lines]


def check_order(repo: Repository) -> list[Finding]:
    """Months are issued in order: an issued month with an earlier month of its year not
    issued is what ``invoice issue`` refuses, so a hand-written one is an error too."""
    issued: dict[str, set[int]] = {}
    for rec in repo.invoices.values():
        if rec.type == "invoice":
            issued.setdefault(rec.month[:4], set()).add(int(rec.month[5:7]))
    out: list[Finding] = []
    for rec in repo.invoices.values():
        if rec.type != "invoice":
            continue
        year, month = rec.month[:4], int(rec.month[5:7])
        missing = [f"{year}-{m:02d}" for m in range(1, month) if m not in issued[year]]
        if missing:
            out.append(rec.ref.at("I005", _("{id} is issued but {missing} is not: months are "
                                            "issued in order").format(
                id=rec.id, missing=", ".join(missing)), "month"))
    return out
