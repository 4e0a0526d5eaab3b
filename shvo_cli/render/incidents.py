"""Outages (driftstopp) as a table, a readable dialogue, JSON, and the report's section.

Tables and the dialogue are for people, in the run's language; JSON keeps the same English
keys in every language. Record text goes through ``one_line`` so no escape sequence from a
record reaches the terminal.
"""

from __future__ import annotations

import json
from typing import Any

from shvo_cli.i18n import _
from shvo_cli.render.safe import one_line


def duration(minutes: int) -> str:
    """'2 h 25 min' (minutes are whole)."""
    hours, rest = divmod(minutes, 60)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest) if hours \
        else _("{minutes} min").format(minutes=rest)


def listing(rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return _("No outages.") + "\n"
    state = {"open": _("open"), "closed": _("closed")}
    lines = [f"{r['id']}  {state[r['state']]:<8} {r['started']}  "
             f"{duration(r['downtime_minutes']):>12}  {' '.join(r['systems'])}  "
             f"{one_line(r['title'])}" for r in rows]
    return "\n".join(lines) + "\n"


def detail(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    state = _("open") if data["state"] == "open" else _("closed")
    lines = [f"{data['id']}  {one_line(data['title'])}",
             _("state: {state}, started {started}, ended {ended}, downtime {downtime}").format(
                 state=state, started=data["started"], ended=data["ended"] or "–",
                 downtime=duration(data["downtime_minutes"])),
             _("systems: {systems}").format(systems=", ".join(data["systems"])), ""]
    for u in data["updates"]:
        lines.append(f"  {u['at']}  {u['person']} ({u['role']})")
        lines.append(f"    {one_line(u['text'])}")
        lines += ["    " + _("done: {action}").format(action=one_line(a))
                  for a in u["actions_taken"]]
        lines += ["    " + _("planned: {action}").format(action=one_line(a))
                  for a in u["actions_planned"]]
        lines += ["    " + _("told: {who} at {at}").format(who=one_line(i["who"]), at=i["at"])
                  for i in u["informed"]]
    return "\n".join(lines) + "\n"


def report_section(data: dict[str, Any]) -> tuple[str, list[list[str]], list[str], list[str]]:
    """(heading, rows, header, notes) of the quarterly report's outage section (seed 6.4)."""
    o = data.get("outages") or {"count": 0, "by_system": [], "open": []}
    rows = [[s["system"], str(s["count"]), duration(s["total_minutes"]),
             duration(s["longest_minutes"]) + (f" ({s['longest']})" if s["longest"] else "")]
            for s in o["by_system"]]
    notes = [(_("1 outage started in the period.") if o["count"] == 1 else
              _("{count} outages started in the period.")).format(count=o["count"])]
    # Notes reach Markdown unescaped: only pattern-checked values (ids, times) go in them.
    notes += [_("Open: {id} since {started} ({systems})").format(
        id=i["id"], started=i["started"], systems=", ".join(i["systems"])) for i in o["open"]]
    return (_("Outages (driftstopp, 6.4)"), rows,
            [_("system"), _("outages"), _("total downtime"), _("longest")], notes)
