"""Decisions as a table, JSON and a readable page (``shvo decision list|show``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from shvo_cli.i18n import N_, _
from shvo_cli.records.model import Decision
from shvo_cli.records.repository import Repository
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Page, Table

HEADINGS = (N_("id"), N_("date"), N_("body"), N_("type"), N_("outcome"), N_("concerns"),
            N_("minuted in"))


def _about(d: Decision) -> str:
    return ", ".join([*d.requests, *(x for x in (d.plan, d.budget) if x)])


def list_table(rows: Sequence[Decision]) -> Page:
    """One row per decision under a header row, columns aligned; then the count."""
    table = Table([_(h) for h in HEADINGS],
                  [[d.id, d.date.isoformat(), d.body, d.type, d.outcome or "", _about(d),
                    d.reference] for d in rows], pad_last=False)
    count = (_("{count} decision") if len(rows) == 1 else _("{count} decisions")).format(
        count=len(rows))
    return Page([table, count]) if rows else Page([count])


def list_json(rows: Sequence[Decision]) -> str:
    return json.dumps([{
        "id": d.id, "body": d.body, "date": d.date.isoformat(), "type": d.type,
        "outcome": d.outcome, "requests": list(d.requests), "plan": d.plan,
        "budget": d.budget, "reference": d.reference} for d in rows],
        ensure_ascii=False, indent=2) + "\n"


LIST: Formats = {"table": list_table, "json": list_json}


def show_text(repo: Repository, d: Decision) -> str:
    """The decision, what it concerns, and the request steps that cite it."""
    lines = [f"{d.id}  {d.body} {d.date}  {d.type}" + (f" ({d.outcome})" if d.outcome else ""),
             "  " + _("reference: {reference}").format(reference=d.reference)]
    summary = d.ref.doc.data.get("summary")
    if summary:
        lines.append(f"  {summary}")
    if d.plan:
        lines.append("  " + _("plan: {plan}").format(plan=d.plan))
    if d.budget:
        lines.append("  " + _("budget: {budget}").format(budget=d.budget))
    cited = [(r.id, e.date, e.transition) for r in repo.requests.values() for e in r.history
             if d.id in e.decisions]
    lines.append(_("Requests concerned: {requests}").format(requests=", ".join(d.requests))
                 if d.requests else _("Requests concerned: none"))
    lines += ["  " + _("cited by {request} {date} {step}").format(request=rid, date=day,
                                                                  step=step)
              for rid, day, step in sorted(cited)]
    return "\n".join(lines) + "\n"


SHOW: Formats = {"text": show_text}
