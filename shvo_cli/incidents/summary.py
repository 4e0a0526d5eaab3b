"""Outages as data for people: the list, one outage, and the quarterly report's section.

The report section counts the outages that started in the period, their total and longest
downtime per affected system (an outage hitting two systems counts for each), and lists the
ones still open at the period's end. Downtime runs to the end, or to the period's end while
an outage is open; minutes are whole.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from shvo_cli.records.incident_model import Incident
from shvo_cli.records.repository import Repository


def as_data(inc: Incident, until: datetime) -> dict[str, Any]:
    """One outage with its updates, JSON-ready."""
    def minute(value: datetime | None) -> str | None:
        return value.strftime("%Y-%m-%dT%H:%M") if value is not None else None

    return {"id": inc.id, "title": inc.title, "systems": list(inc.systems),
            "started": minute(inc.started), "ended": minute(inc.ended), "state": inc.state,
            "downtime_minutes": inc.minutes(until),
            "updates": [{"at": minute(u.at), "person": u.person, "role": u.role,
                         "text": u.text, "actions_taken": list(u.taken),
                         "actions_planned": list(u.planned),
                         "informed": [{"who": i.who, "at": minute(i.at)} for i in u.informed]}
                        for u in inc.updates]}


def listing(repo: Repository, *, state: str | None = None,
            until: datetime) -> list[dict[str, Any]]:
    rows = [as_data(i, until) for i in sorted(repo.incidents.values(),
                                              key=lambda i: (i.started, i.id))
            if state is None or i.state == state]
    for r in rows:
        r.pop("updates")
    return rows


def report_section(repo: Repository, start: date, end: date) -> dict[str, Any]:
    """Outages that started from ``start`` to ``end``: per system count, total and longest
    downtime in minutes; and the outages open at ``end``."""
    first, last = datetime.combine(start, time.min), datetime.combine(end, time.max)
    per: dict[str, dict[str, Any]] = {}
    started = [i for i in repo.incidents.values() if first <= i.started <= last]
    for inc in sorted(started, key=lambda i: (i.started, i.id)):
        minutes = inc.minutes(last)
        for system in inc.systems:
            row = per.setdefault(system, {"system": system, "count": 0, "total_minutes": 0,
                                          "longest_minutes": 0, "longest": None})
            row["count"] += 1
            row["total_minutes"] += minutes
            if minutes > row["longest_minutes"]:
                row["longest_minutes"], row["longest"] = minutes, inc.id
    still_open = [{"id": i.id, "title": i.title, "systems": list(i.systems),
                   "started": i.started.strftime("%Y-%m-%dT%H:%M")}
                  for i in sorted(repo.incidents.values(), key=lambda i: (i.started, i.id))
                  if i.started <= last and (i.ended is None or i.ended > last)]
    return {"count": len(started), "by_system": [per[s] for s in sorted(per)],
            "open": still_open}
