"""Amendments: an adopted plan and a decided budget change only by a decision, appended.

``shvo budget amend`` and ``shvo plan edit --decision`` refuse what these checks report, so a
hand-written amendment is held to the same rules: it cites an existing, approving decision of
the body that decides (SITIV for a budget, VVG for a plan), dated as the amendment, on a
decided budget or adopted plan, and a budget amendment names an existing line and leaves it
at 0 kr or more. Proposed assignments must link to requests that exist.
"""

from __future__ import annotations

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.model import Budget
from shvo_cli.records.repository import Repository


def _budget(repo: Repository, budget: Budget) -> list[Finding]:
    out: list[Finding] = []
    decider = budget.ref.doc.data.get("decided_by", "SITIV")
    totals = {ln.id: ln.amount for ln in budget.lines}
    for i, a in enumerate(budget.amendments):
        where = ("amendments", i)
        if budget.status != "decided":
            out.append(budget.ref.at("B010", _("{id} is not decided: a preliminary budget is "
                                               "changed directly, not amended").format(
                id=budget.id), *where))
        if a.line not in totals:
            out.append(budget.ref.at("B010", _("amendment names line {line!r}, which the "
                                               "budget does not have").format(line=a.line),
                                     *where, "line"))
        else:
            totals[a.line] += a.amount
            if totals[a.line] < 0:
                out.append(budget.ref.at("B010", _("amendment takes line {line!r} below 0 kr")
                                         .format(line=a.line), *where, "amount"))
        d = repo.decisions.get(a.decision)
        if d is None:
            if a.decision not in repo.broken_ids:
                out.append(budget.ref.at("R006", _("decision {decision} does not exist")
                                         .format(decision=a.decision), *where, "decision"))
            continue
        if d.body != decider or d.outcome == "rejected":
            out.append(budget.ref.at("B010", _("{decision} is a decision of {body}{rejected}; "
                                               "a budget amendment needs an approving "
                                               "{decider} decision").format(
                decision=d.id, body=d.body, decider=decider,
                rejected=" (rejected)" if d.outcome == "rejected" else ""),
                *where, "decision"))
        elif d.date != a.date:
            out.append(budget.ref.at("B010", _("amendment dated {date}, its decision {decision} "
                                               "is dated {decision_date}").format(
                date=a.date, decision=d.id, decision_date=d.date), *where, "date"))
    return out


def _plans(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for plan in repo.plans.values():
        data = plan.ref.doc.data
        for i, item in enumerate(data["assignments"]):
            for j, rid in enumerate(item.get("requests", [])):
                # a changing command reads only the records it needs: a request file that
                # exists but was not read is not unknown
                if rid not in repo.requests and rid not in repo.broken_ids \
                        and "request" not in repo.broken \
                        and not (repo.root / "requests" / f"{rid}.yaml").is_file():
                    out.append(plan.ref.at("R007", _("assignment {id!r} links to {request}, "
                                                     "which does not exist").format(
                        id=item["id"], request=rid), "assignments", i, "requests", j))
        for i, a in enumerate(data.get("amendments", [])):
            if plan.status != "adopted":
                out.append(plan.ref.at("L002", _("{id} is not adopted: a draft is changed "
                                                 "directly, not amended").format(id=plan.id),
                                       "amendments", i))
            d = repo.decisions.get(a["decision"])
            if d is None:
                if a["decision"] not in repo.broken_ids:
                    out.append(plan.ref.at("R006", _("decision {decision} does not exist")
                                           .format(decision=a["decision"]),
                                           "amendments", i, "decision"))
            elif d.body != plan.adoption_body or d.outcome == "rejected":
                out.append(plan.ref.at("L002", _("{decision} is a decision of {body}; an "
                                                 "adopted plan is amended by an approving "
                                                 "{adopter} decision").format(
                    decision=d.id, body=d.body, adopter=plan.adoption_body),
                    "amendments", i, "decision"))
            elif d.date.isoformat() != a["date"]:
                out.append(plan.ref.at("L002", _("amendment dated {date}, its decision "
                                                 "{decision} is dated {decision_date}").format(
                    date=a["date"], decision=d.id, decision_date=d.date),
                    "amendments", i, "date"))
    return out


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    if "decision" in repo.broken:
        return out
    for budget in repo.budgets.values():
        out += _budget(repo, budget)
    return out + _plans(repo)
