"""What ``plan list``, ``plan show`` and ``plan diff`` report, as plain data.

The diff is what VVG reads before adopting next year's plan: by section, the assignments
added, retired and reworded, the text sections changed, the budget lines changed, and the
needs taken on (assignments proposed for a request).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shvo_cli.plan.sections import SECTIONS, data_of, requests_citing, section_text
from shvo_cli.records.model import Budget, Plan
from shvo_cli.records.repository import Repository


def plan_rows(repo: Repository) -> list[dict[str, Any]]:
    return [{"year": p.year, "id": p.id, "status": p.status,
             "adopted": p.adoption_date.isoformat() if p.adoption_date else None,
             "decision": p.adoption_decision, "assignments": len(p.assignments)}
            for p in sorted(repo.plans.values(), key=lambda p: p.year)]


def plan_view(repo: Repository, plan: Plan) -> dict[str, Any]:
    data = data_of(plan)
    cited = requests_citing(repo, plan)
    cats = []
    for cat in data.get("categories", []):
        cats.append({"id": cat["id"], "seed": cat.get("seed", ""), "name": cat["name"],
                     "assignments": [
                         {"id": a["id"], "text": " ".join(a["text"].split()),
                          "items": list(a.get("items", [])),
                          "requests": sorted({*cited.get(a["id"], []), *a.get("requests", [])})}
                         for a in data["assignments"] if a["category"] == cat["id"]]})
    return {"id": plan.id, "year": plan.year, "title": data["title"], "status": plan.status,
            "adoption": {"body": plan.adoption_body,
                         "date": plan.adoption_date.isoformat() if plan.adoption_date else None,
                         "decision": plan.adoption_decision},
            "carried_from": data.get("carried_from"),
            "categories": cats,
            "governing_documents": [" ".join(d["title"].split())
                                    for d in data.get("governing_documents", [])],
            "amendments": list(data.get("amendments", []))}


@dataclass
class PlanDiff:
    old: int
    new: int
    added: list[dict[str, Any]] = field(default_factory=list)
    retired: list[dict[str, Any]] = field(default_factory=list)
    reworded: list[dict[str, Any]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    budget: list[dict[str, Any]] = field(default_factory=list)
    needs: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def empty(self) -> bool:
        return not (self.added or self.retired or self.reworded or self.sections
                    or self.budget)


def _text(a: dict[str, Any]) -> str:
    items = "; ".join(a.get("items", []))
    return " ".join(a["text"].split()) + (f" ({items})" if items else "")


def _category_names(data: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: f"{c.get('seed', '')} {c['name']}".strip()
            for c in data.get("categories", [])}


def _budget_lines(old: Budget | None, new: Budget | None) -> list[dict[str, Any]]:
    before = {ln.id: ln for ln in old.lines} if old else {}
    after = {ln.id: ln for ln in new.lines} if new else {}
    out = []
    for line_id in [*before, *(i for i in after if i not in before)]:
        a, b = before.get(line_id), after.get(line_id)
        amount_a = a.amount if a else None
        amount_b = (b.amount + sum(x.amount for x in new.amendments if x.line == line_id)
                    if b and new else None)
        if amount_a != amount_b or (a and b and (a.key != b.key or a.name != b.name)):
            known = b or a
            out.append({"line": line_id, "name": known.name if known else line_id,
                        "old": amount_a, "new": amount_b,
                        "old_key": a.key if a else None, "new_key": b.key if b else None})
    return out


def plan_diff(old: Plan, new: Plan, old_budget: Budget | None,
              new_budget: Budget | None) -> PlanDiff:
    a, b = data_of(old), data_of(new)
    diff = PlanDiff(old.year, new.year)
    names = _category_names(b) | {k: v for k, v in _category_names(a).items()
                                  if k not in _category_names(b)}
    before = {x["id"]: x for x in a["assignments"]}
    after = {x["id"]: x for x in b["assignments"]}
    for item_id, item in after.items():
        row = {"id": item_id, "category": names.get(item["category"], item["category"]),
               "text": _text(item), "requests": list(item.get("requests", []))}
        if item_id not in before:
            diff.added.append(row)
            if row["requests"]:
                diff.needs.append(row)
        elif _text(before[item_id]) != row["text"] or before[item_id]["category"] != \
                item["category"]:
            diff.reworded.append({**row, "old_text": _text(before[item_id])})
    diff.retired = [{"id": i, "category": names.get(x["category"], x["category"]),
                     "text": _text(x)} for i, x in before.items() if i not in after]
    for section in SECTIONS:
        old_text = [" ".join(t.split()) for t in section_text(a, section)]
        new_text = [" ".join(t.split()) for t in section_text(b, section)]
        if old_text != new_text:
            diff.sections.append({"number": section.number, "heading": section.heading,
                                  "old": old_text, "new": new_text})
    diff.budget = _budget_lines(old_budget, new_budget)
    return diff
