"""Changing plans: next year's draft (``plan new``) and the edits people make (``plan
edit``), each computed as a :class:`~shvo_cli.records.change.Change` that is validated with
the records before anything is written, then written atomically and committed.

An adopted plan is not edited as if it had always said so: a change to it needs a VVG
decision, and the plan records the amendment (date, decision, what changed) beside it.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.checks.validate import errors_if_written
from shvo_cli.i18n import _
from shvo_cli.plan.sections import (
    PlanError,
    PlanRefused,
    Section,
    data_of,
    find_section,
    plan_for,
    requests_citing,
)
from shvo_cli.records.change import (
    Actor,
    Change,
    ChangeRefused,
    check_actor,
    check_input,
    claimed_warning,
)
from shvo_cli.records.repository import Repository, load_repository
from shvo_cli.yamlio.read import parse_text
from shvo_cli.yamlio.write import dump

HEADER = "# yaml-language-server: $schema=../../schemas/plan.schema.json\n"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z", re.ASCII)
CATEGORIES = ("maintenance", "sustaining-development", "new-development")


def _leading_comments(text: str) -> str:
    out = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        out.append(line)
    return "".join(out) or HEADER


def validated(repo_root: Path, path: Path, text: str) -> None:
    """Refuse a plan text that would leave the records with an error in that file."""
    errors = errors_if_written(repo_root, _context_files(repo_root), path, text)
    if errors:
        raise ChangeRefused(_("plan change refused: it would leave the records invalid"),
                            errors)


def _context_files(root: Path) -> list[Path]:
    files = [root / n for n in ("organisation.yaml", "process.yaml", "systems.yaml")]
    for folder in ("plans", "decisions", "requests", "budgets"):
        if (root / folder).is_dir():
            files += sorted((root / folder).glob("*.yaml"))
    return [f for f in files if f.is_file()]


def _needs(repo: Repository, year: int) -> list[dict[str, Any]]:
    """Needs VVG took on for next year (requests of ``year`` in ``taken-on``), each as a
    proposed assignment under its category that links to the request."""
    out = []
    for req in sorted(repo.requests.values(), key=lambda r: r.id):
        if req.state == "taken-on" and req.year == year:
            out.append({"id": "need-" + req.id.lower(), "category": req.category,
                        "text": req.title, "requests": [req.id]})
    return out


def new_plan(root: Path, actor: Actor, year: int, next_year: int, *, from_draft: bool = False,
             force: bool = False) -> Change:
    """Next year's draft from ``year``'s plan: texts, assignments, governing documents
    carried; needs taken on proposed as assignments; status draft."""
    repo = load_repository(root, _context_files(root))
    source = plan_for(repo, year, "--from")
    if next_year in repo.plans or (root / "plans" / f"plan-{next_year}.yaml").exists():
        raise PlanRefused(_("plan-{year} already exists; edit it with shvo plan edit").format(
            year=next_year))
    if next_year != year + 1 and not force:
        raise PlanError(_("{next} is not the year after {year}: pass --force to make a plan "
                          "for {next} from {year}").format(next=next_year, year=year))
    if source.status != "adopted" and not from_draft:
        raise PlanRefused(_("plan-{year} is not adopted (status {status}): adopt it first, "
                            "or pass --from-draft").format(year=year, status=source.status))
    actor = check_actor(repo, actor, ("GITS",))
    data = copy.deepcopy(data_of(source))
    data.update({"id": f"plan-{next_year}", "year": next_year, "status": "draft",
                 "title": data["title"].replace(str(year), str(next_year)),
                 "adoption": {"body": source.adoption_body, "date": None, "decision": None},
                 "carried_from": year})
    data.pop("amendments", None)
    taken = {a["id"] for a in data["assignments"]}
    needs = [n for n in _needs(repo, year) if n["id"] not in taken]
    data["assignments"] += needs
    path = root / "plans" / f"plan-{next_year}.yaml"
    text = HEADER + dump(_ordered(data))
    validated(root, path, text)
    proposed = ", ".join(n["requests"][0] for n in needs) or "none"
    return _change(path, None, text, actor, f"plan-{next_year}",
                   f"plan-{next_year}: draft from plan-{year}",
                   _("plan-{next}: draft made from plan-{year}; needs taken on, proposed as "
                     "assignments: {count}").format(next=next_year, year=year, count=len(needs)),
                   f"Needs taken on, proposed as assignments: {proposed}")


ORDER = ("kind", "id", "year", "title", "subtitle", "owner", "status", "carried_from",
         "adoption", "amendments")


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: data[k] for k in ORDER if k in data}
    out.update({k: v for k, v in data.items() if k not in out})
    return out


def _change(path: Path, old: str | None, text: str, actor: Actor, plan_id: str, summary: str,
            shown: str, body: str = "") -> Change:
    trailers = {"Shvo-Plan": plan_id,
                "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
                "Shvo-Person": actor.person}
    warnings = [claimed_warning(actor)] if actor.claimed else []
    return Change(path, old, text, plan_id, summary, trailers, body=body, warnings=warnings,
                  display=shown)


def _edit_assignments(data: dict[str, Any], repo: Repository, plan_year: int,
                      add: tuple[str, str, str] | None, retire: str | None) -> list[str]:
    done: list[str] = []
    ids = {a["id"] for a in data["assignments"]}
    if add is not None:
        new_id, category, text = add
        if not SLUG.match(new_id):
            raise PlanError(_("--id {id!r}: use lower-case letters, digits and single "
                              "hyphens").format(id=new_id))
        if category not in CATEGORIES:
            raise PlanError(_("--category {category!r}: one of {categories}").format(
                category=category, categories=", ".join(CATEGORIES)))
        if new_id in ids:
            raise PlanRefused(_("assignment {id!r} already exists").format(id=new_id))
        data["assignments"].append({"id": new_id, "category": category, "text": text})
        done.append(f"add assignment {new_id}")
    if retire is not None:
        if retire not in ids:
            raise PlanError(_("no assignment {id!r} in plan-{year}").format(
                id=retire, year=plan_year))
        plan = repo.plans[plan_year]
        citing = requests_citing(repo, plan).get(retire)
        if citing:
            raise PlanRefused(_("assignment {id!r} is cited by {requests}; it cannot be "
                                "retired while requests fall under it").format(
                id=retire, requests=", ".join(citing)))
        data["assignments"] = [a for a in data["assignments"] if a["id"] != retire]
        done.append(f"retire assignment {retire}")
    return done


def _set_section(data: dict[str, Any], section: Section, paragraphs: list[str]) -> None:
    target: Any = data
    for step in section.path[:-1]:
        target = target.setdefault(step, {})
    last = section.path[-1]
    target[last] = " ".join(paragraphs) if last == "text" else paragraphs


def edit_plan(root: Path, actor: Actor, year: int, *, add: tuple[str, str, str] | None = None,
              retire: str | None = None, section: str | None = None,
              text: list[str] | None = None, decision: str | None = None,
              when: date | None = None) -> Change:
    """Add or retire an assignment, or replace a text section. An adopted plan takes the
    change only with a VVG decision, recorded as an amendment."""
    check_input({"text": text or [], "add-assignment": add[2] if add else "x"})
    if add is None and retire is None and section is None:
        raise PlanError(_("nothing to change: pass --add-assignment, --retire or --section"))
    if section is not None and not text:
        raise PlanError(_("--section needs --text (one per paragraph)"))
    repo = load_repository(root, _context_files(root))
    plan = plan_for(repo, year)
    data = copy.deepcopy(data_of(plan))
    done = _edit_assignments(data, repo, year, add, retire)
    if section is not None:
        chosen = find_section(section)
        _set_section(data, chosen, list(text or []))
        done.append(f"replace section {chosen.number} {chosen.key}")
    allowed: tuple[str, ...] = ("GITS",)
    if plan.status == "adopted":
        _amendment(repo, plan.year, data, decision, "; ".join(done))
        allowed = ("GITS", "VVG")
    elif decision is not None:
        raise PlanError(_("--decision is for amending an adopted plan; plan-{year} is a "
                          "draft").format(year=year))
    actor = check_actor(repo, actor, allowed)
    path = plan.ref.file
    old = path.read_bytes().decode("utf-8")
    new = _spliced(path, old, data_of(plan), data, add, retire, section) \
        or _leading_comments(old) + dump(_ordered(data))
    validated(root, path, new)
    summary = f"plan-{year}: " + "; ".join(done)
    return _change(path, old, new, actor, f"plan-{year}", summary,
                   _("plan-{year} changed: {what}").format(year=year, what="; ".join(done)),
                   body=f"Amended by {decision}" if decision else "")


def _spliced(path: Path, old: str, before: dict[str, Any], data: dict[str, Any],
             add: tuple[str, str, str] | None, retire: str | None,
             section: str | None) -> str | None:
    """The edit in the file's own text (comments and layout kept), or None to rewrite."""
    from shvo_cli.plan import splice

    if old.startswith("\ufeff") or "\r\n" in old:
        return None
    text: str | None = old
    state = copy.deepcopy(before)
    if retire is not None and text is not None:
        index = next(i for i, a in enumerate(state["assignments"]) if a["id"] == retire)
        del state["assignments"][index]
        text = splice.remove_item(path, text, ["assignments"], index, state)
    if add is not None and text is not None:
        item = data["assignments"][-1]
        state["assignments"].append(item)
        text = splice.append_item(path, text, ["assignments"], item, state)
    if section is not None and text is not None:
        chosen = find_section(section)
        target: Any = data
        for step in chosen.path:
            target = target[step]
        holder: Any = state
        for step in chosen.path[:-1]:
            holder = holder.get(step) if isinstance(holder, dict) else None
        if not isinstance(holder, dict) or chosen.path[-1] not in holder:
            return None
        holder[chosen.path[-1]] = copy.deepcopy(target)
        text = splice.replace_value(path, text, list(chosen.path), target, state)
    if text is not None and "amendments" in data:
        state["amendments"] = copy.deepcopy(data["amendments"])
        if "amendments" in before:
            text = splice.append_item(path, text, ["amendments"], data["amendments"][-1],
                                      state)
        else:
            text = _with_first_amendment(path, text, data["amendments"][-1], state)
    return text if text is not None and parse_text(path, text).data == data else None


def _with_first_amendment(path: Path, text: str, entry: dict[str, Any],
                          expected: dict[str, Any]) -> str | None:
    body = "".join(("  - " if i == 0 else "    ") + dump({k: v}).strip() + "\n"
                   for i, (k, v) in enumerate(entry.items()))
    new = (text if text.endswith("\n") else text + "\n") + "amendments:\n" + body
    doc = parse_text(path, new)
    return new if not doc.findings and doc.data == expected else None


def _amendment(repo: Repository, year: int, data: dict[str, Any], decision: str | None,
               what: str) -> None:
    plan = repo.plans[year]
    if decision is None:
        raise PlanRefused(_("plan-{year} is adopted ({date}, {adopted}); it is not edited in "
                            "place: record the VVG decision that changes it with --decision "
                            "DEC-…").format(year=year, date=plan.adoption_date,
                                            adopted=plan.adoption_decision))
    d = repo.decisions.get(decision)
    if d is None:
        raise PlanError(_("no decision {id} (record it first with shvo decision add)").format(
            id=decision))
    if d.body != plan.adoption_body or d.outcome == "rejected":
        raise PlanRefused(_("{id} is a decision of {body}{rejected}; an adopted plan is "
                            "amended by an approving {adopter} decision").format(
            id=decision, body=d.body, rejected=" (rejected)" if d.outcome == "rejected" else "",
            adopter=plan.adoption_body))
    if plan.adoption_date is not None and d.date < plan.adoption_date:
        raise PlanRefused(_("{id} ({date}) predates the adoption ({adopted})").format(
            id=decision, date=d.date, adopted=plan.adoption_date))
    data.setdefault("amendments", []).append(
        {"date": d.date.isoformat(), "decision": decision, "text": what})
