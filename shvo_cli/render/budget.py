"""Budget splits, invoice bases and reconciliations as people and spreadsheets read them.

* ``table``: aligned plain text (amounts as ``16 000 000``), a title line naming the budget,
  the population table and the basis, and a legend of the lines with their basis, so a
  printed page says where every figure came from. A :class:`Page` of text and tables: plain
  text in a pipe, a file and a test (the same every run), drawn with rich on a terminal.
  The show, split, invoice and reconcile views live in this module, ``budget_split`` and
  ``budget_invoices``; what they share is here.
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

from shvo_cli.budget.split import KEY, NO_KEY, STATED, BudgetView, Split
from shvo_cli.findings import kr
from shvo_cli.i18n import N_, _
from shvo_cli.render.cells import write_csv
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Line, Page, Table

Matrix = tuple[tuple[int, ...], ...]
Cube = tuple[tuple[tuple[int, ...], ...], ...]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1,
          styles: Sequence[str | None] = ()) -> Table:
    """Columns padded to their widest cell, a rule under the headers; the first ``left``
    columns left-aligned (names), the rest right-aligned (amounts). A row of one empty cell
    is a rule. Rows after the last rule are totals (bold on a terminal), rows marked ``*``
    (stated differs) warnings."""
    rules = [i for i, row in enumerate(rows) if list(row) == [""]]
    hints = list(styles) or ["warning" if any(c.endswith(" *") for c in row) else None
                             for row in rows]
    if rules:
        hints = [h if h is not None or i < rules[-1] else "total" for i, h in enumerate(hints)]
    return Table(headers, rows, align="l" * left + "r" * (len(headers) - left), styles=hints,
                 header_rule=True)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Every cell through :func:`shvo_cli.render.cells.neutral` (no formula can run)."""
    return write_csv(header, rows)


def json_text(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


_STATUS = {"preliminary": N_("preliminary"), "decided": N_("decided")}
_BASIS = {STATED: N_("stated"), NO_KEY: N_("stated (no key)"), "none": N_("none")}
SPLIT_TITLE = {"party": N_("Budget {year} split by party"),
                "association": N_("Budget {year} split by association"),
                "municipality": N_("Budget {year} split by municipality")}


def status_label(status: str) -> str:
    """A budget's status as a table shows it (JSON keeps the id)."""
    return _(_STATUS[status]) if status in _STATUS else status


def basis_label(basis: str) -> str:
    """A line's basis as a table shows it: ``key:<id>`` keeps the key's id; CSV and JSON keep
    the basis as it is."""
    if basis.startswith(f"{KEY}:"):
        return _("key:{key}").format(key=basis[len(KEY) + 1:])
    return _(_BASIS[basis]) if basis in _BASIS else basis


def title_line(split: Split, what: str) -> str:
    b, t = split.budget, split.table
    if split.use_stated:
        text = _("{what} — {budget} ({status}), population {population} (reference date "
                 "{date}), amounts by stated figures where the plan states them")
    else:
        text = _("{what} — {budget} ({status}), population {population} (reference date "
                 "{date}), amounts by key")
    return text.format(what=what, budget=b.id, status=status_label(b.status), population=t.id,
                       date=t.reference_date)


def legend(split: Split) -> str:
    width = max(len(s.line.id) for s in split.lines)
    bases = [basis_label(s.basis) for s in split.lines]
    basis_width = max(18, *map(len, bases))
    rows = [f"  {s.line.id.ljust(width)}  {basis.ljust(basis_width)} {s.line.name}"
            for s, basis in zip(split.lines, bases, strict=True)]
    marks = [s.line.id for s in split.lines if s.keyless]
    note = ("\n" + _("{lines}: no financing key; divided by the plan's stated figures").format(
        lines=", ".join(marks)) if marks else "")
    return _("lines:") + "\n" + "\n".join(rows) + note


def head(split: Split) -> dict[str, Any]:
    b, t = split.budget, split.table
    return {"version": 1, "budget": b.id, "year": b.year, "status": b.status,
            "population": {"id": t.id, "reference_date": t.reference_date.isoformat()},
            "amounts": "stated" if split.use_stated else "key"}


def lines_json(split: Split) -> list[dict[str, Any]]:
    return [{"id": s.line.id, "name": s.line.name, "amount": s.line.amount, "basis": s.basis,
             "parties": dict(s.parties)} for s in split.lines]


def line_header(split: Split) -> list[str]:
    return [f"{s.line.id} [{s.basis}]" for s in split.lines]


# --- budget show ----------------------------------------------------------------------------


def optional(value: int | None) -> str:
    return "-" if value is None else kr(value)


def signed(value: int) -> str:
    return ("+" if value > 0 else "") + kr(value)


def show_table(view: BudgetView, file: str) -> Page:
    b = view.budget
    parties = b.parties
    out: list[str | Line | Table] = [_("Budget {year} — {id} ({status}), {file}").format(
        year=b.year, id=b.id, status=status_label(b.status), file=file)]
    out.append(_("keys: {keys}").format(keys="; ".join(
        f"{k.id} " + " / ".join(f"{p} {k.shares.get(p, 0)} %" for p in parties)
        for k in b.keys.values())))
    headers = [_("line"), _("basis"), _("amount")]
    for p in parties:
        headers += [_("{party} split").format(party=p), _("{party} stated").format(party=p)]
    rows: list[list[str]] = []
    for s in view.lines:
        row = [s.line.id, basis_label(s.basis), kr(s.line.amount)]
        for p in parties:
            diff = s.difference(p)
            mark = " *" if diff else ""
            row += [optional(s.split[p] if s.split else None),
                    (kr(s.stated[p]) if p in s.stated else "-") + mark]
        rows.append(row)
    rows.append([""])
    total_row = [_("sum of lines"), "", kr(view.lines_amount)]
    stated_row = [_("stated total"), "", optional(b.stated_total.get("amount"))]
    diff_row = [_("stated - lines"), "", ""]
    if "amount" in b.stated_total:
        d = b.stated_total["amount"] - view.lines_amount
        diff_row[2] = signed(d) + (" *" if d else "")
    for p in parties:
        lines_stated = view.stated_lines_total(p)
        total_row += [optional(view.split_total(p)), optional(lines_stated)]
        stated_row += ["", optional(b.stated_total.get(p))]
        if p in b.stated_total and lines_stated is not None:
            d = b.stated_total[p] - lines_stated
            diff_row += ["", signed(d) + (" *" if d else "")]
        else:
            diff_row += ["", ""]
    rows += [total_row, stated_row, diff_row]
    out.append("")
    out.append(table(headers, rows, left=2))
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
    return Page(out)


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
    return json_text({"version": 1, "budget": b.id, "year": b.year, "status": b.status,
                  "file": file, "parties": list(b.parties),
                  "keys": [{"id": k.id, "text": k.text, "shares": dict(k.shares)}
                           for k in b.keys.values()],
                  "lines": lines, "totals": totals})


SHOW: Formats = {"table": show_table, "json": show_json}
"""``shvo budget show --format``."""
