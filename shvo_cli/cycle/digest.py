"""A digest for one body or person: what changed since a date and what waits on them now.

Plain data for a plain-text summary to paste into an e-mail or a newsletter; shvo sends
nothing itself. The same records, dates and recipient always give the same digest.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shvo_cli.cycle.status import CycleError, cycle_status
from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.repository import Repository
from shvo_cli.requests.names import name_of, names
from shvo_cli.requests.queues import queue, roles_of

DEFAULT_DAYS = 7
"""Without --since, the digest covers the week up to the as-of date."""


class DigestError(ShvoError):
    """A digest for a recipient the records do not know, or a period that runs backwards."""


def recipients(repo: Repository, to: str) -> tuple[str, ...]:
    """The bodies ``to`` names: a body id, or the bodies of a member's e-mail address."""
    if "@" in to:
        roles = roles_of(repo, to)
        if not roles:
            raise DigestError(_("--to {to}: not a member of any body in organisation.yaml")
                              .format(to=to))
        return roles
    known = set(repo.organisation.bodies) if repo.organisation is not None else set()
    if to not in known:
        raise DigestError(_("--to {to!r}: not one of {options}, nor an e-mail address").format(
            to=to, options=", ".join(sorted(known))))
    return (to,)


def _changes(repo: Repository, since: date, day: date,
             n: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    out = []
    for req in sorted(repo.requests.values(), key=lambda r: r.id):
        moves = [{"date": e.date.isoformat(), "state_name": name_of(n["states"], e.to),
                  "by": e.role}
                 for e in req.history if since < e.date <= day]
        if moves:
            out.append({"id": req.id, "title": req.title, "moves": moves})
    return out


def build(repo: Repository, to: str, since: date | None, day: date) -> dict[str, Any]:
    """What changed after ``since`` up to ``day``, and what waits on ``to`` at ``day``."""
    start = since if since is not None else day - timedelta(days=DEFAULT_DAYS)
    if start > day:
        raise DigestError(_("--since {since} is after --as-of {day}").format(since=start,
                                                                              day=day))
    bodies = recipients(repo, to)
    n = names(repo)
    decisions = [{"id": d.id, "date": d.date.isoformat(), "body": d.body,
                  "what": name_of(n["decision_types"], d.type),
                  "outcome": name_of(n["outcomes"], d.outcome), "reference": d.reference}
                 for d in sorted(repo.decisions.values(), key=lambda d: (d.date, d.id))
                 if start < d.date <= day]
    try:
        cycle = cycle_status(repo, day.year, day)
    except CycleError:
        cycle = []
    return {"to": to, "bodies": list(bodies), "since": start.isoformat(),
            "as_of": day.isoformat(),
            "changed": _changes(repo, start, day, n), "decisions": decisions,
            "waiting": [{"id": w.id, "title": w.title, "state_name": name_of(n["states"],
                                                                             w.state),
                         "days": w.days, "overdue": w.overdue}
                        for w in queue(repo, day, bodies=bodies)],
            "milestones": [{"name": name_of(n["milestones"], m.id), "status": m.status}
                           for m in cycle if m.status in ("due", "overdue")
                           and set(bodies) & {m.body, *m.waiting_on}]}
