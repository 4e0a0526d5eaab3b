"""Next year's budget (``budget new``) and changes to a decided one (``budget amend``).

A decided budget is never edited in place: a change is an amendment appended to it that
cites the decision of the deciding body (SITIV), so the budget shows what was decided and
every change after it. Both are computed as a :class:`~shvo_cli.records.change.Change`,
validated with the records, written atomically and committed.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.budget.split import BudgetError
from shvo_cli.checks.validate import errors_if_written
from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.change import Actor, Change, ChangeRefused, check_actor, check_input
from shvo_cli.records.repository import Repository, load_repository
from shvo_cli.yamlio.edit import Editor
from shvo_cli.yamlio.write import dump

HEADER = "# yaml-language-server: $schema=../../schemas/budget.schema.json\n"
_KRONOR = re.compile(r"[+-]?[0-9]+\Z", re.ASCII)


class BudgetRefused(ShvoError):
    """The rules refuse the change (a decided budget edited in place, a decision of the
    wrong body); nothing written. Exit 1."""

    exit_code = ExitCode.FINDINGS


def _files(root: Path) -> list[Path]:
    files = [root / n for n in ("organisation.yaml", "process.yaml")]
    for folder in ("plans", "budgets", "decisions", "population"):
        if (root / folder).is_dir():
            files += sorted((root / folder).glob("*.yaml"))
    return [f for f in files if f.is_file()]


def _validated(root: Path, path: Path, text: str) -> None:
    errors = errors_if_written(root, _files(root), path, text)
    if errors:
        raise ChangeRefused(_("budget change refused: it would leave the records invalid"),
                            errors)


def _budget(repo: Repository, year: int, what: str) -> Any:
    budget = repo.budgets.get(year)
    if budget is None:
        have = ", ".join(str(y) for y in sorted(repo.budgets)) or _("none")
        raise BudgetError(_("{what} {year}: no budget for {year} (budgets: {have})").format(
            what=what, year=year, have=have))
    return budget


def _trailers(actor: Actor, budget_id: str) -> dict[str, str]:
    return {"Shvo-Budget": budget_id,
            "Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
            "Shvo-Person": actor.person}


def new_budget(root: Path, actor: Actor, year: int, next_year: int, *,
               force: bool = False) -> Change:
    """A preliminary budget for ``next_year``: this year's lines (as decided, amendments
    included), keys and staffing; the latest population table. Stated figures are carried
    only for lines with no key (nothing else says how to divide them)."""
    repo = load_repository(root, _files(root))
    source = _budget(repo, year, "--from")
    path = root / "budgets" / f"budget-{next_year}.yaml"
    if next_year in repo.budgets or path.exists():
        raise BudgetRefused(_("budget-{year} already exists").format(year=next_year))
    if next_year != year + 1 and not force:
        raise BudgetError(_("{next} is not the year after {year}: pass --force to make a "
                            "budget for {next} from {year}").format(next=next_year, year=year))
    actor = check_actor(repo, actor, ("GITS",))
    data = copy.deepcopy(source.ref.doc.data)
    for key in ("decision", "stated_total", "amendments", "population"):
        data.pop(key, None)
    changes: dict[str, int] = {}
    for a in source.amendments:
        changes[a.line] = changes.get(a.line, 0) + a.amount
    for line in data["lines"]:
        line["amount"] += changes.get(line["id"], 0)
        if line.get("key") is not None:
            line.pop("stated", None)
    latest = max(repo.populations, key=lambda t: (t.reference_date, t.id), default=None)
    data.update({"id": f"budget-{next_year}", "year": next_year, "status": "preliminary",
                 "carried_from": year,
                 "source": f"Utkast till budget {next_year} från budget-{year} (shvo budget "
                           "new)"})
    if latest is not None:
        data["population"] = latest.id
    order = ("kind", "id", "year", "decided_by", "status", "carried_from", "currency",
             "source", "population", "parties", "keys", "lines")
    data = {**{k: data[k] for k in order if k in data}, **data}
    text = HEADER + dump(data)
    _validated(root, path, text)
    return Change(path, None, text, f"budget-{next_year}",
                  f"budget-{next_year}: preliminary draft from budget-{year}",
                  _trailers(actor, f"budget-{next_year}"),
                  display=_("budget-{next}: preliminary draft made from budget-{year}").format(
                      next=next_year, year=year))


def parse_kronor(raw: str) -> int:
    """A whole number of kronor, signed: 400000, +400000, -50000 (spaces allowed)."""
    cleaned = raw.replace(" ", "").replace("\u00a0", "")
    if not _KRONOR.match(cleaned):
        raise BudgetError(_("--amount {raw!r}: give whole kronor, e.g. 400000 or -50000 "
                            "(no decimals, no 'kr')").format(raw=raw))
    value = int(cleaned)
    if value == 0:
        raise BudgetError(_("--amount 0 changes nothing"))
    return value


def amend_budget(root: Path, actor: Actor, year: int, *, line: str, amount: str,
                 decision: str | None, note: str | None = None) -> Change:
    """Append an amendment to a decided budget, citing the deciding body's decision."""
    check_input({"note": note} if note else {})
    kronor = parse_kronor(amount)
    if not decision:
        raise BudgetError(_("--decision DEC-… is required: a decided budget changes only by "
                            "a decision"))
    repo = load_repository(root, _files(root))
    budget = _budget(repo, year, "YEAR")
    target = next((ln for ln in budget.lines if ln.id == line), None)
    if target is None:
        raise BudgetError(_("no line {line!r} in budget-{year} (lines: {lines})").format(
            line=line, year=year, lines=", ".join(ln.id for ln in budget.lines)))
    if budget.status != "decided":
        raise BudgetRefused(_("budget-{year} is preliminary: change the draft itself, or "
                              "decide it first (amendments are for a decided budget)").format(
            year=year))
    decided_by = budget.ref.doc.data.get("decided_by", "SITIV")
    d = repo.decisions.get(decision)
    if d is None:
        raise BudgetError(_("no decision {id} (record it first with shvo decision add)")
                          .format(id=decision))
    if d.body != decided_by or d.outcome == "rejected":
        raise BudgetRefused(_("{id} is a decision of {body}{rejected}: a change to the budget "
                              "needs an approving {decider} decision").format(
            id=decision, body=d.body, rejected=" (rejected)" if d.outcome == "rejected" else "",
            decider=decided_by))
    total = target.amount + sum(a.amount for a in budget.amendments if a.line == line)
    if total + kronor < 0:
        raise BudgetRefused(_("line {line!r} would fall below 0 kr").format(line=line))
    actor = check_actor(repo, actor, ("GITS", decided_by))
    entry: dict[str, Any] = {"line": line, "amount": kronor, "decision": decision,
                             "date": d.date.isoformat()}
    if note:
        entry["note"] = note
    path = budget.ref.file
    old = path.read_bytes().decode("utf-8")
    new = _append_amendment(path, old, entry)
    _validated(root, path, new)
    sign = "+" if kronor > 0 else ""
    return Change(path, old, new, f"budget-{year}",
                  f"budget-{year}: amend {line} {sign}{kronor} by {decision}",
                  _trailers(actor, f"budget-{year}") | {"Shvo-Decision": decision},
                  display=_("budget-{year}: {line} {amount} kr by {decision}").format(
                      year=year, line=line, amount=f"{sign}{kronor}", decision=decision))


def _append_amendment(path: Path, old: str, entry: dict[str, Any]) -> str:
    """Append surgically (the decided text stays byte for byte as it was)."""
    ed = Editor(path, old)
    if "amendments" in ed.expected:
        ed.append(["amendments"], entry, flow_keys=())
    else:
        block = "amendments:\n" + "".join(
            ("  - " if i == 0 else "    ") + dump({k: v}).strip() + "\n"
            for i, (k, v) in enumerate(entry.items()))
        text = ed.text if ed.text.endswith("\n") else ed.text + "\n"
        ed.text = text + block
        ed.expected["amendments"] = [entry]
    ed.verify()
    return ed.result()


def when_effective(decided: date, year: int) -> int:
    """The first month (1-12) an amendment reaches invoices: the month after its decision,
    or January when decided before the budget year; 13 when too late for the year."""
    if decided.year < year:
        return 1
    if decided.year > year:
        return 13
    return decided.month + 1
