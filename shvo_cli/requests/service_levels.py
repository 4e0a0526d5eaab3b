"""How long a request has waited in its state, against GITS's service levels.

The plan sets no time limits; GITS may set its own (``settings/service-levels.yaml``, a local
setting naming who set it and when). Waiting for a meeting of REF or VVG is not GITS's
delay: from an entry marked ``awaiting_meeting`` until the next entry the clock is paused.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shvo_cli.records.model import Request
from shvo_cli.records.settings import ServiceLevels


def days_waiting(req: Request, day: date) -> tuple[str | None, date, int, int]:
    """(state, entered, days counted, days paused) for the state ``req`` is in at ``day``."""
    state: str | None = None
    since = req.history.first_date()
    paused = 0
    pause_from: date | None = None
    for entry in req.history:
        if entry.date > day:
            break
        if pause_from is not None:
            paused += (entry.date - pause_from).days
            pause_from = None
        if entry.to != state:
            state, since, paused = entry.to, entry.date, 0
        if entry.awaiting_meeting is not None:
            pause_from = entry.date
    if pause_from is not None:
        paused += (day - pause_from).days
    elapsed = (day - since).days
    return state, since, elapsed - paused, paused


def past_service_level(requests: list[Request], levels: ServiceLevels | None,
                       day: date) -> list[dict[str, Any]]:
    """Open requests waiting longer than GITS's service level for their state, oldest first."""
    if levels is None:
        return []
    out: list[dict[str, Any]] = []
    for req in requests:
        state, since, days, paused = days_waiting(req, day)
        limit = levels.days.get(state or "")
        if limit is not None and days > limit:
            out.append({"id": req.id, "title": req.title, "state": state,
                        "since": since.isoformat(), "days": days, "paused_days": paused,
                        "service_level_days": limit})
    out.sort(key=lambda w: (-w["days"], w["id"]))
    return out
