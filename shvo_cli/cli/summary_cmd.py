"""``shvo summary``: what the records hold, at a glance."""

from __future__ import annotations

import typer

from shvo_cli.cli.common import RecordsOption, records_root


def summary(ctx: typer.Context, records: RecordsOption = None) -> None:
    """Plans, budgets, population tables, requests by state, decisions and systems.

    Reads the records without judging them; run `shvo validate` for that.
    """
    from shvo_cli.findings import kr
    from shvo_cli.repository import load_repository
    from shvo_cli.summary import summarise

    root = records_root(records, ctx)
    s = summarise(load_repository(root))
    lines = [f"Records: {root}"]
    lines += [f"Plan {y}: {status}" + (f" (adopted {d})" if d else "")
              for y, status, d in s.plans]
    for year, status, total, stated in s.budgets:
        extra = f", stated total {kr(stated)} kr" if stated is not None and stated != total \
            else ""
        lines.append(f"Budget {year}: {status}, lines sum to {kr(total)} kr{extra}")
    for pid, ref_date, rows, total, stated in s.populations:
        extra = f" (stated {kr(stated)})" if stated is not None and stated != total else ""
        lines.append(f"Population {pid}: {rows} municipalities, {kr(total)} "
                     f"inhabitants{extra}, reference date {ref_date}")
    states = ", ".join(f"{k} {v}" for k, v in s.requests_by_state.items()) or "none"
    lines.append(f"Requests: {sum(s.requests_by_state.values())} ({states})")
    lines.append(f"Decisions: {s.decisions}; related systems: {s.systems}; bodies: "
                 f"{s.bodies}; members: {s.members}")
    typer.echo("\n".join(lines))
