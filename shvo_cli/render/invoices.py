"""Issued invoice records for people (table), scripts (json, csv) and finance (sheets).

A preliminary record says PRELIMINARY in every format; a credit note shows what it corrects
and why. Names come from the record as issued, never bare codes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from shvo_cli.findings import kr
from shvo_cli.i18n import _
from shvo_cli.invoices.record import Issued
from shvo_cli.render.cells import write_csv
from shvo_cli.render.safe import one_line
from shvo_cli.render.sheets import Cell, Sheet, foot


def _kind(r: Issued) -> str:
    text = _("credit note") if r.type == "credit" else _("invoices")
    return text + (" (" + _("PRELIMINARY") + ")" if r.preliminary else "")


def listing(records: Sequence[Issued], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{"id": r.id, "type": r.type, "month": f"{r.year}-{r.month:02d}",
                            "issued": r.issued, "preliminary": r.preliminary,
                            "corrects": r.data.get("corrects"), "total": r.total,
                            "payers": len(r.charged)} for r in records],
                          ensure_ascii=False, indent=2) + "\n"
    lines = [f"{r.id:<22} {r.year}-{r.month:02d}  {r.issued}  {kr(r.total):>12}  {_kind(r)}"
             + (f"  → {r.data['corrects']}" if r.data.get("corrects") else "")
             for r in records]
    lines.append((_("{count} record") if len(records) == 1 else _("{count} records")).format(
        count=len(records)))
    return "\n".join(lines) + "\n"


def _names(r: Issued, lines: Mapping[str, str]) -> list[str]:
    return [lines.get(x, x) for x in r.line_ids]


def show_table(r: Issued, lines: Mapping[str, str]) -> str:
    d = r.data
    out = [f"{r.id}  {_kind(r)}  {r.year}-{r.month:02d}",
           _("issued {date} by {who}").format(date=r.issued, who=d.get("issued_by", "?"))]
    if r.preliminary:
        out.append(_("PRELIMINARY: issued on a budget that was not decided"))
    if d.get("corrects"):
        out.append(_("corrects {id}: {reason}").format(id=d["corrects"],
                                                       reason=one_line(str(d.get("reason")))))
    if d.get("budget"):
        out.append(_("budget {budget} ({status}), population {population} (reference date "
                     "{date})").format(budget=d["budget"], status=d.get("budget_status"),
                                       population=d.get("population"),
                                       date=d.get("population_reference_date")))
    if d.get("source_commit"):
        out.append(_("figures read at commit {commit}").format(commit=d["source_commit"]))
    out.append("")
    names = _names(r, lines)
    for c in r.charged:
        out.append(f"  {c.payer:<5} {one_line(c.name):<22} {kr(c.amount):>12}")
    out.append(f"  {_('total'):<28} {kr(r.total):>12}")
    out += ["", _("lines:")] + [f"  {x}  {n}" for x, n in zip(r.line_ids, names, strict=True)]
    return "\n".join(one_line(x) for x in out) + "\n"  # record text: no control characters


def show_json(r: Issued) -> str:
    return json.dumps(dict(r.data), ensure_ascii=False, indent=2) + "\n"


def show_csv(r: Issued) -> str:
    head = ["record", "month", "payer", "name", "amount", *r.line_ids]
    rows = [[r.id, f"{r.year}-{r.month:02d}", c.payer, c.name, c.amount,
             *[c.lines[x] for x in r.line_ids]] for c in r.charged]
    return write_csv(head, rows)


def show_sheet(r: Issued, lines: Mapping[str, str]) -> Sheet:
    headers = [_("record"), _("month"), _("payer"), _("name"), _("amount"), *_names(r, lines)]
    rows: list[list[Cell]] = [[r.id + (" " + _("PRELIMINARY") if r.preliminary else ""),
                               f"{r.year}-{r.month:02d}", c.payer, c.name, c.amount,
                               *[c.lines[x] for x in r.line_ids]] for c in r.charged]
    money = list(range(4, len(headers)))
    return Sheet(r.id, headers, rows, frozenset(money),
                 foot(rows, money, len(headers), {4: r.total}))
