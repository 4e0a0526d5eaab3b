"""What ``budget show`` adds for amendments, and the mark an invoice basis from a
preliminary budget carries (table and JSON in the output itself; every format on stderr)."""

from __future__ import annotations

import json

from shvo_cli.i18n import _
from shvo_cli.plan.document import kronor
from shvo_cli.records.model import Budget
from shvo_cli.render.safe import one_line


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
