"""Requests as tables, CSV, JSON and a readable timeline.

Tables and the timeline are for people and follow the run's language; CSV and JSON are a
machine format, with the same English column names and keys in every language.
"""

from __future__ import annotations

import json
from typing import Any

from shvo_cli.i18n import N_, _
from shvo_cli.render.cells import write_csv
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Page, Table
from shvo_cli.requests.queues import municipality_name
from shvo_cli.requests.views import Detail, Row
from shvo_cli.text import one_line

COLUMNS = ("id", "state", "scope", "category", "created", "updated", "systems", "title")
HEADINGS = (N_("id"), N_("state"), N_("scope"), N_("category"), N_("created"), N_("updated"),
            N_("systems"), N_("title"))
"""The table's headings (COLUMNS, as people read them)."""
LABELS = {"state": N_("state:"), "scope": N_("scope:"), "category": N_("category:"),
          "assignment": N_("assignment:"), "channel": N_("channel:"), "area": N_("area:"),
          "systems": N_("systems:"), "municipalities": N_("municipalities:"),
          "example": N_("example:"), "subregion": N_("subregion:"), "outcome": N_("outcome:"),
          "decisions": N_("decisions:")}


def _cells(r: Row) -> list[str]:
    return [r.id, r.state, r.scope or "", r.category, r.created.isoformat(),
            r.updated.isoformat(), " ".join(r.systems), one_line(r.title)]


def list_json(rows: list[Row]) -> str:
    return json.dumps([dict(zip(COLUMNS, _cells(r), strict=True)) | {
        "systems": list(r.systems), "example": r.example} for r in rows],
        ensure_ascii=False, indent=2) + "\n"


def list_csv(rows: list[Row]) -> str:
    """Every cell through :func:`shvo_cli.render.cells.neutral` (no formula can run)."""
    return write_csv(COLUMNS, [_cells(r) for r in rows])


def list_table(rows: list[Row]) -> Page:
    """Aligned columns under their headings, the title last and unpadded; then the count."""
    count = (_("{count} request") if len(rows) == 1 else _("{count} requests")).format(
        count=len(rows))
    return Page([Table([_(h) for h in HEADINGS], [_cells(r) for r in rows], pad_last=False,
                       strip=False), count])


LIST: Formats = {"table": list_table, "json": list_json, "csv": list_csv}
"""``shvo request list --format``."""


def _entry_line(h: dict[str, Any]) -> str:
    by = h.get("by", {})
    step = h.get("transition") or (
        _("edit {fields}").format(fields=", ".join(h["edited"])) if h.get("edited")
        else _("note") if h.get("note") else _("new"))
    extra = [f"{_(LABELS[k])} {h[k]}" for k in ("scope", "subregion", "outcome", "assignment")
             if h.get(k)]
    if h.get("decisions"):
        extra.append(f"{_(LABELS['decisions'])} " + ", ".join(h["decisions"]))
    concurring = h.get("concurrence")
    if isinstance(concurring, dict):  # 6.3.1: GITS together with REF, both sides shown
        extra.append(_("in consensus with {role} ({person})").format(
            role=concurring.get("role"), person=concurring.get("person")))
    if h.get("awaiting_meeting"):
        extra.append(_("awaiting a {body} meeting").format(body=h["awaiting_meeting"]))
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
            shown = ", ".join(value) if isinstance(value, list) else value
            if key == "municipalities" and isinstance(value, list):
                shown = ", ".join(municipality_name(str(c)) for c in value)
            if value is True:
                shown = _("True")  # a yes/no field as the record writes it
            out.append(f"  {_(LABELS[key]):<16}{shown}")
    if f.get("description"):
        out += ["", f"  {f['description']}"]
    out += ["", _("History:")] + [_entry_line(h) for h in view.history]
    out += ["", _("Open steps:")]
    said = view.needs or [s["requires"] for s in view.open_steps]
    out += [f"  {s['transition']:<24} → {s['to']:<16} "
            + _("by {bodies}").format(bodies=", ".join(s["by"]))
            + ("  " + _("needs {requirements}").format(requirements=", ".join(needs))
               if needs else "")
            for s, needs in zip(view.open_steps, said, strict=True)] \
        or ["  " + _("none (final state)")]
    if view.notify:
        out += ["", _("Who must be told (related systems):")]
        out += [f"  {n['system']} ({n['name']}): "
                + (", ".join(n["tell"]) if n["tell"] else _("owner not named in the records"))
                for n in view.notify]
    return "\n".join(out) + "\n"


def detail_json(view: Detail) -> str:
    return json.dumps({**view.fields, "history": view.history, "open_steps": view.open_steps,
                       "notify": view.notify}, ensure_ascii=False, indent=2) + "\n"


SHOW: Formats = {"text": detail_text, "json": detail_json}
"""``shvo request show --format``."""
