"""Requests as tables, CSV, JSON and a readable timeline."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from shvo_cli.render.safe import one_line
from shvo_cli.request_views import Detail, Row

COLUMNS = ("id", "state", "scope", "category", "created", "updated", "systems", "title")


def _cells(r: Row) -> list[str]:
    return [r.id, r.state, r.scope or "", r.category, r.created.isoformat(),
            r.updated.isoformat(), " ".join(r.systems), one_line(r.title)]


def listing(rows: list[Row], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(COLUMNS, _cells(r), strict=True)) | {
            "systems": list(r.systems), "example": r.example} for r in rows],
            ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(_cells(r) for r in rows)
        return buf.getvalue()
    table = [list(COLUMNS)] + [_cells(r) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1]
             for row in table]
    lines.append(f"{len(rows)} request{'' if len(rows) == 1 else 's'}")
    return "\n".join(lines) + "\n"


def _entry_line(h: dict[str, Any]) -> str:
    by = h.get("by", {})
    step = h.get("transition") or ("edit " + ", ".join(h["edited"]) if h.get("edited")
                                   else "note" if h.get("note") else "new")
    extra = [f"{k}: {h[k]}" for k in ("scope", "subregion", "outcome", "assignment")
             if h.get(k)]
    if h.get("decisions"):
        extra.append("decisions: " + ", ".join(h["decisions"]))
    line = f"  {h.get('date')}  {step:<24} → {h.get('to')}  ({by.get('role')}, " \
           f"{by.get('person')})"
    if extra:
        line += "  [" + "; ".join(extra) + "]"
    if h.get("note"):
        line += f"\n{' ' * 14}{h['note']}"
    return line


def detail_text(view: Detail) -> str:
    f = view.fields
    out = [f"{f.get('id')}  {one_line(str(f.get('title')))}", ""]
    for key in ("state", "scope", "category", "assignment", "channel", "area", "systems",
                "municipalities", "example"):
        if f.get(key) not in (None, [], False):
            value = f[key]
            out.append(f"  {key + ':':<16}{', '.join(value) if isinstance(value, list) else value}")
    if f.get("description"):
        out += ["", f"  {f['description']}"]
    out += ["", "History:"] + [_entry_line(h) for h in view.history]
    out += ["", "Open steps:"]
    out += [f"  {s['transition']:<24} → {s['to']:<16} by {', '.join(s['by'])}"
            + (f"  needs {', '.join(s['requires'])}" if s["requires"] else "")
            for s in view.open_steps] or ["  none (final state)"]
    if view.notify:
        out += ["", "Who must be told (related systems):"]
        out += [f"  {n['system']} ({n['name']}): "
                + (", ".join(n["tell"]) if n["tell"] else "owner not named in the records")
                for n in view.notify]
    return "\n".join(out) + "\n"


def detail_json(view: Detail) -> str:
    return json.dumps({**view.fields, "history": view.history, "open_steps": view.open_steps,
                       "notify": view.notify}, ensure_ascii=False, indent=2) + "\n"
