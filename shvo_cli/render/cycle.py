"""Where the year's cycle stands (``shvo cycle status``): one row per milestone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from shvo_cli.cycle.drafts import deadline
from shvo_cli.cycle.status import MilestoneStatus
from shvo_cli.i18n import N_, _
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Page, Table

STATUS = {"done": N_("done"), "due": N_("due now"), "overdue": N_("OVERDUE"),
          "upcoming": N_("upcoming")}
STYLE = {"done": "ok", "due": "warning", "overdue": "error", "upcoming": None}
HEADINGS = (N_("milestone"), N_("quarter"), N_("deadline"), N_("body"), N_("status"),
            N_("detail"))


def _quarters(m: MilestoneStatus) -> str:
    """The quarters, with ``*`` when the plan names none and they are a reading of it."""
    if len(m.quarters) > 1:
        text = "–".join(_("Q{n}").format(n=q) for q in (m.quarters[0], m.quarters[-1]))
    else:
        text = _("Q{n}").format(n=m.quarters[0])
    return text + "*" if m.inferred else text


def _detail(m: MilestoneStatus) -> str:
    if m.status == "done":
        return f"{m.decision} ({m.decided_on})"
    if m.blocked_by:
        return _("waiting on {bodies} (after {milestones})").format(
            bodies=", ".join(m.waiting_on), milestones=", ".join(_name(b) for b in m.blocked_by))
    return _("waiting on {bodies}").format(bodies=", ".join(m.waiting_on))


def _name(milestone: str) -> str:
    """A milestone as its readers say it: its name in Swedish (never the bare id), its id
    in English, where it is also the word the records and the commands use."""
    from shvo_cli.i18n import language
    from shvo_cli.requests.names import MILESTONES

    if language() == "sv" and milestone in MILESTONES:
        return _(MILESTONES[milestone])
    return milestone


def _label(m: MilestoneStatus) -> str:
    return _name(m.id)


def status_table(rows: Sequence[MilestoneStatus], year: int, day: date) -> Page:
    """The title line, then each milestone: id, quarters, body, status (coloured on a
    terminal: overdue red, due yellow, done green) and what it waits for."""
    label = _label
    width = max(len(label(m)) for m in rows) if rows else 10
    table = Table([_(h) for h in HEADINGS],
                  [[label(m).ljust(width) + " ", _quarters(m).ljust(6),
                    deadline(year, m.quarters).isoformat() + " ", m.body.ljust(6),
                    _(STATUS[m.status]).ljust(9), _detail(m)] for m in rows],
                  styles=[STYLE[m.status] for m in rows], gap=" ", indent="  ",
                  pad_last=False, strip=False, show_headers=False)
    page = Page([_("Cycle {year} as of {date}").format(year=year, date=day)])
    if rows:
        page.add(table)
    if any(m.inferred for m in rows):
        page.add(_("  * quarter inferred: the plan names none (see process.yaml)"))
    return page


STATUS_FORMATS: Formats = {"table": status_table}
