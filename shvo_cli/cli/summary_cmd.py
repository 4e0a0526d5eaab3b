"""``shvo summary``: what the records hold, at a glance."""

from __future__ import annotations

import typer

from shvo_cli.cli.common import RecordsOption, records_root


def summary(ctx: typer.Context, records: RecordsOption = None) -> None:
    """Plans, budgets, population tables, requests by state, decisions and systems.

    Reads the records without judging them; run `shvo validate` for that.
    """
    from shvo_cli.cycle.summary import summarise
    from shvo_cli.findings import kr
    from shvo_cli.i18n import _
    from shvo_cli.records.repository import load_repository

    root = records_root(records, ctx)
    s = summarise(load_repository(root))
    lines = [_("Records: {root}").format(root=root)]
    for y, status, d in s.plans:
        lines.append(_("Plan {year}: {status} (adopted {date})").format(
            year=y, status=status, date=d) if d
            else _("Plan {year}: {status}").format(year=y, status=status))
    for year, status, total, stated in s.budgets:
        if stated is not None and stated != total:
            lines.append(_("Budget {year}: {status}, lines sum to {total} kr, stated total "
                           "{stated} kr").format(year=year, status=status, total=kr(total),
                                                 stated=kr(stated)))
        else:
            lines.append(_("Budget {year}: {status}, lines sum to {total} kr").format(
                year=year, status=status, total=kr(total)))
    for pid, ref_date, rows, total, stated in s.populations:
        if stated is not None and stated != total:
            lines.append(_("Population {id}: {rows} municipalities, {total} inhabitants "
                           "(stated {stated}), reference date {date}").format(
                id=pid, rows=rows, total=kr(total), stated=kr(stated), date=ref_date))
        else:
            lines.append(_("Population {id}: {rows} municipalities, {total} inhabitants, "
                           "reference date {date}").format(
                id=pid, rows=rows, total=kr(total), date=ref_date))
    states = ", ".join(f"{k} {v}" for k, v in s.requests_by_state.items()) or _("none")
    lines.append(_("Requests: {count} ({states})").format(
        count=sum(s.requests_by_state.values()), states=states))
    lines.append(_("Decisions: {decisions}; related systems: {systems}; bodies: {bodies}; "
                   "members: {members}").format(decisions=s.decisions, systems=s.systems,
                                                bodies=s.bodies, members=s.members))
    typer.echo("\n".join(lines))
