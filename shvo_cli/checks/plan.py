"""Plan checks: adoption details agree with the status, assignment ids are unique."""

from __future__ import annotations

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.layout import yearly_id
from shvo_cli.records.repository import Repository


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for plan in repo.plans.values():
        if plan.id != yearly_id("plan", plan.year):
            out.append(plan.ref.at("S004", _("plan for {year} should have id 'plan-{year}', "
                                             "not {id!r}").format(year=plan.year, id=plan.id),
                                   "id"))
        if plan.status == "adopted" and plan.adoption_date is None:
            out.append(plan.ref.at("L001", _("plan is 'adopted' but has no adoption date"),
                                   "adoption", "date"))
        if plan.status == "draft" and plan.adoption_date is not None:
            out.append(plan.ref.at("L001", _("plan is a draft but has an adoption date "
                                             "({date})").format(date=plan.adoption_date),
                                   "adoption", "date"))
        if plan.adoption_date is not None and plan.adoption_date.year not in (
            plan.year - 1, plan.year
        ):
            out.append(plan.ref.at("L001", _("plan {year} adopted on {date}: expected in "
                                             "{previous} (Q4) or {year}").format(
                                   year=plan.year, date=plan.adoption_date,
                                   previous=plan.year - 1), "adoption", "date"))
        if plan.adoption_decision is not None and plan.adoption_decision not in repo.decisions \
                and plan.adoption_decision not in repo.broken_ids:
            out.append(plan.ref.at("R006", _("adoption decision {decision!r} does not exist")
                                   .format(decision=plan.adoption_decision),
                                   "adoption", "decision"))
        seen: set[str] = set()
        for i, item in enumerate(plan.ref.doc.data["assignments"]):
            if item["id"] in seen:
                out.append(plan.ref.at("R001", _("assignment id {id!r} is used twice").format(
                    id=item["id"]), "assignments", i, "id"))
            seen.add(item["id"])
        if repo.organisation is not None and plan.adoption_body not in repo.organisation.bodies:
            out.append(plan.ref.at("R004", _("unknown body {body!r}").format(
                body=plan.adoption_body), "adoption", "body"))
    for budget in repo.budgets.values():
        if budget.id != yearly_id("budget", budget.year):
            out.append(budget.ref.at("S004", _("budget for {year} should have id "
                                               "'budget-{year}', not {id!r}").format(
                year=budget.year, id=budget.id), "id"))
    return out
