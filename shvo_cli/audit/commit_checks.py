"""Checks of a commit as a whole and of the records that are not requests: signatures
(``--require-signed``), identity numbers ever committed, and changes to an adopted plan,
a decided budget or a recorded decision. Each is one function over (pass, step, changes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shvo_cli.audit import invoice_rules
from shvo_cli.audit.history import FileChange, Step
from shvo_cli.audit.model import SIGNATURE
from shvo_cli.audit.state import AuditPass
from shvo_cli.i18n import _


def check_signature(p: AuditPass, step: Step, changes: list[FileChange]) -> None:
    """With ``--require-signed``, every commit that changed the records is signed, by a
    key git trusts."""
    if not p.require_signed or p.only is not None:
        return
    c, path = step.commit, changes[0].path
    sig = c.signature
    if sig is None or sig.status == "N":
        p.add("A014", c, path, 0, _("the commit is not signed (--require-signed)"))
    elif sig.status != "G":
        what = SIGNATURE.get(sig.status)
        status = (_("git status {status}, key {key}") if sig.key
                  else _("git status {status}")).format(status=sig.status, key=sig.key)
        p.add("A015", c, path, 0, _(
            "the commit carries {signature} ({status}): its author cannot be trusted "
            "(--require-signed)").format(signature=_(what) if what else "", status=status))


def check_identity_numbers(p: AuditPass, step: Step, changes: list[FileChange]) -> None:
    """An identity number that was ever committed stays in the history: say where."""
    if p.only is not None:
        return
    for ch in changes:
        if p.kind(ch.path) is None:
            continue
        if p.numbers_in(ch.old, ch.path):
            continue
        for hit in p.numbers_in(ch.new, ch.path) or ():
            p.add("N001" if hit.kind == "personnummer" else "N002", step.commit, ch.path,
                  hit.line, _("a valid {kind} was committed here; it stays in the git "
                              "history until that history is rewritten (the number is not "
                              "repeated here)").format(kind=hit.kind), hit.column)


def _guarded_message(kind: str, status: object, deleted: bool) -> tuple[str, str] | None:
    if kind == "plan" and status == "adopted":
        return "A011", (_("{id}: the adopted plan was deleted; an adopted plan changes only "
                          "by a new VVG decision") if deleted else
                        _("{id}: the adopted plan was changed ({fields}); an adopted plan "
                          "changes only by a new VVG decision"))
    if kind == "budget" and status == "decided":
        return "A012", (_("{id}: the decided budget was deleted; a decided budget changes "
                          "only by a new SITIV decision") if deleted else
                        _("{id}: the decided budget was changed ({fields}); a decided budget "
                          "changes only by a new SITIV decision"))
    if kind == "decision":
        return "A013", (_("{id}: a recorded decision was deleted; the requests citing it "
                          "were judged by what it said") if deleted else
                        _("{id}: a recorded decision was changed ({fields}); the requests "
                          "citing it were judged by what it said"))
    return None


def _amended(kind: str, old: dict[str, Any], new: dict[str, Any] | None,
             fields: list[str]) -> bool:
    """The lawful change to an adopted plan or a decided budget: amendments appended (each
    citing its decision, which validate checks), the earlier ones untouched; a budget's other
    fields never change."""
    if new is None or "amendments" not in fields or kind not in ("plan", "budget"):
        return False
    before, after = old.get("amendments") or [], new.get("amendments") or []
    if not isinstance(before, list) or not isinstance(after, list) \
            or len(after) <= len(before) or after[:len(before)] != before:
        return False
    return kind == "plan" or fields == ["amendments"]


def check_invoices(p: AuditPass, step: Step, changes: list[FileChange]) -> None:
    """Issued invoice records never change after their commit (rules in
    :mod:`shvo_cli.audit.invoice_rules`); a credit note is a new record."""
    if p.only is not None:
        return
    for ch in changes:
        if p.kind(ch.path) != "invoice":
            continue
        hit = invoice_rules.judge(p.data(ch.old, ch.path), p.data(ch.new, ch.path),
                                  Path(ch.path).stem)
        if hit is not None:
            doc = p.doc(ch.new, ch.path)
            line = doc.locate_key([hit[1][0]])[0] if doc is not None and doc.data else 0
            p.add(hit[0], step.commit, ch.path, line, hit[2])


def check_guarded(p: AuditPass, step: Step, changes: list[FileChange]) -> None:
    """An adopted plan, a decided budget and a recorded decision change only by a new
    decision: any other change to them is flagged."""
    if p.only is not None:
        return
    for ch in changes:
        kind = p.kind(ch.path)
        if kind not in ("plan", "budget", "decision"):
            continue
        old, new = p.data(ch.old, ch.path), p.data(ch.new, ch.path)
        if old is None or old == new:
            continue
        fields = sorted(k for k in {*old, *(new or {})} if old.get(k) != (new or {}).get(k))
        if _amended(kind, old, new, fields):
            continue
        chosen = _guarded_message(kind, old.get("status"), new is None)
        if chosen is None:
            continue
        doc = p.doc(ch.new, ch.path)
        line = doc.locate_key([fields[0]])[0] if doc is not None and new and fields else 0
        rid = old.get("id", Path(ch.path).stem)
        p.add(chosen[0], step.commit, ch.path, line,
              chosen[1].format(id=rid, fields=", ".join(fields)))
