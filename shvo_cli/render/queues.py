"""Work queues (``shvo request list --waiting-on/--overdue/--as-of``) as a table, CSV or JSON.

The table is for people, in the run's language, with state names; CSV and JSON keep the
English keys and ids in every language (CSV cells cannot start a formula).
"""

from __future__ import annotations

import json
from typing import Any

from shvo_cli.i18n import _
from shvo_cli.render.safe import one_line
from shvo_cli.requests.queues import Waiting

COLUMNS = ("id", "state", "since", "days", "service_level_days", "overdue", "waiting_on", "title")


def _record(w: Waiting) -> dict[str, Any]:
    return {"id": w.id, "state": w.state, "since": w.since.isoformat(), "days": w.days,
            "service_level_days": w.max_days, "overdue": w.overdue,
            "waiting_on": list(w.waiting_on), "title": w.title}


def _cell(value: object) -> str:
    text = one_line(" ".join(value) if isinstance(value, list) else
                    "" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _table(rows: list[Waiting], state_names: dict[str, str], as_of: str) -> str:
    head = [_("id"), _("state"), _("since"), _("days"), _("service level"), _("waiting on")]
    table = [head] + [[w.id, one_line(state_names.get(w.state, w.state)), w.since.isoformat(),
                       str(w.days) + (" !" if w.overdue else ""),
                       "" if w.max_days is None else str(w.max_days),
                       ", ".join(w.waiting_on)] for w in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    titles = [_("title")] + [one_line(w.title) for w in rows]
    lines = ["  ".join(c.ljust(n) for c, n in zip(r, widths, strict=True)) + "  " + t
             for r, t in zip(table, titles, strict=True)]
    late = sum(w.overdue for w in rows)
    lines.append(_("{count} open requests as of {date}, {late} overdue (!)").format(
        count=len(rows), date=as_of, late=late))
    return "\n".join(lines) + "\n"


def queue_listing(rows: list[Waiting], fmt: str, state_names: dict[str, str],
                  as_of: str) -> str:
    if fmt == "json":
        return json.dumps([_record(w) for w in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        from shvo_cli.render.cells import write_csv

        return write_csv(COLUMNS, [[_cell(v) for v in _record(w).values()] for w in rows])
    return _table(rows, state_names, as_of)
