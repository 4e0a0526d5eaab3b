"""Next year's plan and budget in the cycle: whether drafts exist and what each waits on,
and each milestone's deadline as a date (the last day of its last quarter)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shvo_cli.cycle.status import quarter_bounds
from shvo_cli.records.repository import Repository


@dataclass(frozen=True)
class Draft:
    kind: str  # plan | budget
    id: str
    exists: bool
    status: str | None  # draft/adopted, preliminary/decided
    waiting_on: str | None  # body, or None when done
    action: str  # the command or decision it waits for


def deadline(year: int, quarters: tuple[int, ...]) -> date:
    return quarter_bounds(year, max(quarters))[1]


def next_year_drafts(repo: Repository, year: int) -> list[Draft]:
    nxt = year + 1
    plan = repo.plans.get(nxt)
    budget = repo.budgets.get(nxt)
    out = []
    if plan is None:
        out.append(Draft("plan", f"plan-{nxt}", False, None, "GITS",
                         f"shvo plan new {nxt} --from {year}"))
    elif plan.status != "adopted":
        out.append(Draft("plan", plan.id, True, plan.status, plan.adoption_body,
                         f"shvo decision add --type adopt-plan --plan {plan.id}"))
    else:
        out.append(Draft("plan", plan.id, True, plan.status, None,
                         f"{plan.adoption_decision} ({plan.adoption_date})"))
    if budget is None:
        out.append(Draft("budget", f"budget-{nxt}", False, None, "GITS",
                         f"shvo budget new {nxt} --from {year}"))
    elif budget.status != "decided":
        decider = str(budget.ref.doc.data.get("decided_by", "SITIV"))
        out.append(Draft("budget", budget.id, True, budget.status, decider,
                         f"shvo decision add --type decide-budget --budget {budget.id}"))
    else:
        out.append(Draft("budget", budget.id, True, budget.status, None,
                         budget.decision or ""))
    return out


def plan_diff_summary(repo: Repository, year: int, quarter: int) -> dict[str, object] | None:
    """In Q3–Q4, when next year's plan exists: what it changes against this year's, in
    counts (the full text is ``shvo plan diff``). None otherwise."""
    from shvo_cli.plan.views import plan_diff

    this, nxt = repo.plans.get(year), repo.plans.get(year + 1)
    if quarter < 3 or this is None or nxt is None:
        return None
    d = plan_diff(this, nxt, repo.budgets.get(year), repo.budgets.get(year + 1))
    return {"from": this.id, "to": nxt.id, "status": nxt.status,
            "needs": [r for n in d.needs for r in n["requests"]],
            "added": len(d.added), "retired": len(d.retired), "reworded": len(d.reworded),
            "budget_lines": len(d.budget), "sections": [s["number"] for s in d.sections]}
