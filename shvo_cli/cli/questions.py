"""The questions ``shvo request new`` and ``shvo decision add`` ask on a terminal.

Only what is missing is asked, and each answer is checked when it is given (see prompts.py).
A decision is asked for everything its type needs (the plan an adopt-plan decision adopts,
the request and outcome of an escalated request), so it is not refused after the last
question.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.cli import prompts
from shvo_cli.cli.prompts import Option
from shvo_cli.i18n import N_, _
from shvo_cli.records import ids
from shvo_cli.requests.names import AREAS

DECISION_TYPES = {
    "adopt-plan": N_("adopt the management plan"),
    "decide-budget": N_("decide the budget"),
    "position-new-needs": N_("position on new needs for the coming year"),
    "escalated-request": N_("position on an escalated request"),
    "anchoring": N_("anchoring of work beyond the plan"),
    "needs-inventory": N_("inventory of new needs"),
    "budget-basis": N_("basis for the coming year's budget"),
    "final-report": N_("final report"),
    "draft-verksamhetsplan": N_("draft verksamhetsplan"),
    "adopt-verksamhetsplan": N_("adopt the verksamhetsplan"),
    "other": N_("other")}
OUTCOMES = {"approved": N_("approved"), "rejected": N_("rejected"), "noted": N_("noted")}
# What each decision type needs beyond body, type and reference (checks/decisions.py D006
# and requests/decisions.py refuse a decision without it).
NEEDS = {"adopt-plan": "plan", "decide-budget": "budget", "escalated-request": "request"}


def _options(named: dict[str, str], translate: bool = False) -> list[Option]:
    return [Option(k, _(v) if translate else v) for k, v in named.items()]


def request_fields(root: Path, day: date, given: dict[str, Any]) -> dict[str, Any]:
    """Ask for each field of a new request that was not given as an option."""
    from shvo_cli.requests.steps import load_context

    fields = dict(given)
    if fields["title"] is None:
        fields["title"] = prompts.text(_("Title"), expected=_("a short title of the request"),
                                       field="title")
    if fields["category"] is None:
        fields["category"] = prompts.choose(_("Category"), _options(ids.categories(root)),
                                            what=_("category"))
    plan = load_context(root, day.year).plans.get(day.year)
    if fields["assignment"] is None and plan is not None:
        fields["assignment"] = prompts.choose(_("Plan assignment (uppdrag)"), [
            Option(a.id, a.text[:70]) for a in plan.assignments.values()
            if a.category == fields["category"]], what=_("assignment"), optional=True)
    if fields["channel"] is None:
        fields["channel"] = prompts.choose(_("Came in by"), _options(ids.channels(root)),
                                           what=_("channel"))
    if fields["area"] is None:
        fields["area"] = prompts.choose(_("Area"), _options(AREAS, translate=True),
                                        what=_("area"), optional=True)
    if fields["systems"] is None:
        fields["systems"] = ",".join(prompts.ids(
            _("Related systems (comma-separated ids, empty: none)"), ids.systems(root),
            what=_("system"), hint=_("see shvo systems list")))
    if fields["description"] is None:
        fields["description"] = prompts.text(_("Description (empty: none)"), expected="",
                                             field="description", optional=True)
    return fields


def _body(root: Path, day: date, type_: str) -> str:
    from shvo_cli.checks.decisions import deciding_bodies
    from shvo_cli.requests.steps import load_context

    named = ids.bodies(root)
    allowed = deciding_bodies(load_context(root, day.year).process).get(type_)
    if allowed is not None and len(allowed) == 1:
        prompts.tell(_("Body: {body} (decisions of this type are taken by {body})").format(
            body=allowed[0]))
        return allowed[0]
    options = [Option(b, named.get(b, "")) for b in (allowed or named)]
    chosen = prompts.choose(_("Body"), options, what=_("body"))
    assert chosen is not None
    return chosen


def decision_fields(root: Path, day: date, given: dict[str, Any]) -> dict[str, Any]:
    """Ask for what a decision needs: its type first, since the type decides which body
    takes it and what else it must name."""
    f = dict(given)
    if f["type_"] is None:
        f["type_"] = prompts.choose(_("Type"), _options(DECISION_TYPES, translate=True),
                                    what=_("decision type"))
    type_ = f["type_"]
    if f["body"] is None:
        f["body"] = _body(root, day, type_)
    if f["reference"] is None:
        f["reference"] = prompts.text(_("Reference (minutes, §)"), expected=_(
            "where it is minuted, e.g. Protokoll VVG 2025-11-20, § 4"), field="reference")
    need = NEEDS.get(type_)
    if need == "plan" and f["plan"] is None:
        f["plan"] = prompts.one_id(_("Plan it adopts (e.g. plan-2026)"), dict.fromkeys(
            ids.file_ids(root, "plans", "plan-"), ""), what=_("plan"), hint=_("a plan-YYYY"))
    if need == "budget" and f["budget"] is None:
        f["budget"] = prompts.one_id(_("Budget it decides (e.g. budget-2026)"), dict.fromkeys(
            ids.file_ids(root, "budgets", "budget-"), ""), what=_("budget"),
            hint=_("a budget-YYYY"))
    if not f["requests"] and type_ in {"escalated-request", "position-new-needs",
                                       "anchoring"}:
        f["requests"] = prompts.ids(_("Requests it concerns (comma-separated ids)") + (
            "" if need == "request" else " " + _("(empty: none)")), dict.fromkeys(
            ids.file_ids(root, "requests", "REQ-"), ""), what=_("request"),
            hint=_("see shvo request list"), optional=need != "request")
    if f["outcome"] is None:
        escalated = type_ == "escalated-request"
        f["outcome"] = prompts.choose(_("Outcome"), _options(
            {k: v for k, v in OUTCOMES.items() if not escalated or k != "noted"},
            translate=True), what=_("outcome"), optional=not escalated)
    if f["summary"] is None:
        f["summary"] = prompts.text(_("Summary (empty: none)"), expected="", field="summary",
                                    optional=True)
    return f
