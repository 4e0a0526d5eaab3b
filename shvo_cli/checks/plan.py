"""Plan checks: adoption details agree with the status, assignment ids are unique."""

from __future__ import annotations

from shvo_cli.findings import Finding
from shvo_cli.repository import Repository


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for plan in repo.plans.values():
        if plan.id != f"plan-{plan.year}":
            out.append(plan.ref.at("S004", f"plan for {plan.year} should have id "
                                   f"'plan-{plan.year}', not {plan.id!r}", "id"))
        if plan.status == "adopted" and plan.adoption_date is None:
            out.append(plan.ref.at("L001", "plan is 'adopted' but has no adoption date",
                                   "adoption", "date"))
        if plan.status == "draft" and plan.adoption_date is not None:
            out.append(plan.ref.at("L001", f"plan is a draft but has an adoption date "
                                   f"({plan.adoption_date})", "adoption", "date"))
        if plan.adoption_date is not None and plan.adoption_date.year not in (
            plan.year - 1, plan.year
        ):
            out.append(plan.ref.at("L001", f"plan {plan.year} adopted on "
                                   f"{plan.adoption_date}: expected in {plan.year - 1} (Q4) "
                                   f"or {plan.year}", "adoption", "date"))
        if plan.adoption_decision is not None and plan.adoption_decision not in repo.decisions \
                and plan.adoption_decision not in repo.broken_ids:
            out.append(plan.ref.at("R006", f"adoption decision {plan.adoption_decision!r} "
                                   "does not exist", "adoption", "decision"))
        seen: set[str] = set()
        for i, item in enumerate(plan.ref.doc.data["assignments"]):
            if item["id"] in seen:
                out.append(plan.ref.at("R001", f"assignment id {item['id']!r} is used twice",
                                       "assignments", i, "id"))
            seen.add(item["id"])
        if repo.organisation is not None and plan.adoption_body not in repo.organisation.bodies:
            out.append(plan.ref.at("R004", f"unknown body {plan.adoption_body!r}",
                                   "adoption", "body"))
    for budget in repo.budgets.values():
        if budget.id != f"budget-{budget.year}":
            out.append(budget.ref.at("S004", f"budget for {budget.year} should have id "
                                     f"'budget-{budget.year}', not {budget.id!r}", "id"))
    return out
