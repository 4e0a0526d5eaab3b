"""What the records hold, at a glance (``shvo summary``)."""

from __future__ import annotations

from pathlib import Path

from shvo_cli.cycle.summary import Summary
from shvo_cli.findings import kr
from shvo_cli.i18n import _, language
from shvo_cli.render.formats import Formats


def _budget_lines(s: Summary) -> list[str]:
    lines = []
    for year, status, total, stated in s.budgets:
        if stated is not None and stated != total:
            lines.append(_("Budget {year}: {status}, lines sum to {total} kr, stated total "
                           "{stated} kr").format(year=year, status=_(status), total=kr(total),
                                                 stated=kr(stated)))
        else:
            lines.append(_("Budget {year}: {status}, lines sum to {total} kr").format(
                year=year, status=_(status), total=kr(total)))
    return lines


def summary_text(root: Path, s: Summary) -> str:
    """Plans, budgets, population tables, requests by state, decisions and systems."""
    lines = [_("Records: {root}").format(root=root)]
    for y, status, d in s.plans:
        lines.append(_("Plan {year}: {status} (adopted {date})").format(
            year=y, status=_(status), date=d) if d
            else _("Plan {year}: {status}").format(year=y, status=_(status)))
    lines += _budget_lines(s)
    for pid, ref_date, rows, total, stated in s.populations:
        if stated is not None and stated != total:
            lines.append(_("Population {id}: {rows} municipalities, {total} inhabitants "
                           "(stated {stated}), reference date {date}").format(
                id=pid, rows=rows, total=kr(total), stated=kr(stated), date=ref_date))
        else:
            lines.append(_("Population {id}: {rows} municipalities, {total} inhabitants, "
                           "reference date {date}").format(
                id=pid, rows=rows, total=kr(total), date=ref_date))
    named = language() == "sv"  # Swedish names the states; English keeps the ids it types
    states = ", ".join(f"{s.state_names.get(k, k) if named else k} {v}"
                       for k, v in s.requests_by_state.items()) or _("none")
    lines.append(_("Requests: {count} ({states})").format(
        count=sum(s.requests_by_state.values()), states=states))
    lines.append(_("Decisions: {decisions}; related systems: {systems}; bodies: {bodies}; "
                   "members: {members}").format(decisions=s.decisions, systems=s.systems,
                                                bodies=s.bodies, members=s.members))
    return "\n".join(lines) + "\n"


FORMATS: Formats = {"text": summary_text}
