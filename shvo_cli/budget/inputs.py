"""Which budget and which population table a budget command divides, read from the
records and refused with ``validate``'s findings (file and line) if they have errors.

Dividing money from a table that does not add up would hide the error inside an invoice, so
a budget or population table with errors stops the command (exit 1, as ``validate``); a year
with no budget or an unknown table is a usage problem (exit 2). Nothing here depends on the
date it runs: without a year the only budget is used, and the population table in force is
chosen by the budget year (see ``docs/budget.md``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from shvo_cli.budget.split import (
    MUNICIPAL_PARTY,
    BudgetError,
    InvalidRecordsError,
    Split,
    split_budget,
)
from shvo_cli.checks import budget as budget_checks
from shvo_cli.checks.population import check_table
from shvo_cli.findings import Finding, Severity
from shvo_cli.i18n import _
from shvo_cli.paths import display_path as where
from shvo_cli.privacy import redact
from shvo_cli.records import layout
from shvo_cli.records.layout import expected_kind
from shvo_cli.records.locate import discover
from shvo_cli.records.model import Budget
from shvo_cli.records.population_model import PopulationTable
from shvo_cli.records.repository import Repository, add_document, load_repository
from shvo_cli.yamlio.read import YamlDocument, read_file


def _finding_text(f: Finding) -> str:
    return (f"{where(f.file, f.line)}:{f.column}: {f.severity.value}[{f.code}] "
            f"{redact(f.message)}")


def _refuse(what: str, findings: Sequence[Finding]) -> InvalidRecordsError:
    shown = [_finding_text(f) for f in findings[:5]]
    more = ("\n  " + _("… and {count} more").format(count=len(findings) - 5)
            if len(findings) > 5 else "")
    return InvalidRecordsError(_("{problem}; run shvo validate:").format(problem=what)
                               + "\n  " + "\n  ".join(shown) + more)


# --- reading --------------------------------------------------------------------------------

_KINDS_NEEDED = {"budget", "population", "organisation"}


def load_budget_records(root: Path) -> Repository:
    """Only the files a budget needs (budgets, population tables, the organisation for the
    parties' names): a broken request elsewhere must not stop invoicing, and reading ten
    thousand requests to divide five lines would be waste."""
    files = [p for p in discover(root, _KINDS_NEEDED) if expected_kind(root, p) in _KINDS_NEEDED]
    return load_repository(root, files)


def _errors_in(repo: Repository, path: Path, extra: Iterable[Finding] = ()) -> list[Finding]:
    """Errors located in one file. R-codes concern other records (a plan, a member) and do
    not make this file's figures wrong, so they do not block a division."""
    out = [f for f in (*repo.findings, *extra)
           if f.file == path and f.severity is Severity.ERROR and not f.code.startswith("R")]
    out.sort(key=Finding.sort_key)
    return out


def _warnings_in(repo: Repository, path: Path, extra: Iterable[Finding] = ()) -> list[Finding]:
    return [f for f in (*repo.findings, *extra)
            if f.file == path and f.severity is Severity.WARNING]


def _broken_docs(repo: Repository, kind: str) -> list[YamlDocument]:
    """Documents of ``kind`` that failed to load into the model (schema or YAML errors)."""
    loaded = {b.ref.file for b in repo.budgets.values()} | {
        t.ref.file for t in repo.populations}
    out = []
    for doc in repo.documents:
        if doc.path in loaded:
            continue
        data_kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        if data_kind == kind or (data_kind is None and expected_kind(repo.root, doc.path) == kind):
            out.append(doc)
    return out


def _doc_errors(repo: Repository, doc: YamlDocument) -> list[Finding]:
    return _errors_in(repo, doc.path) or [f for f in repo.findings if f.file == doc.path]


def _doc_year(doc: YamlDocument) -> int | None:
    year = doc.data.get("year") if isinstance(doc.data, dict) else None
    if isinstance(year, int) and not isinstance(year, bool):
        return year
    return layout.year_of("budget", doc.path.stem)


def select_budget(repo: Repository, year: int | None) -> Budget:
    """The budget for ``year``; without a year, the only budget there is (never "this year":
    a report must not change meaning with the date it is run)."""
    broken = {y: doc for doc in _broken_docs(repo, "budget") if (y := _doc_year(doc))}
    if year is None:
        years = sorted(set(repo.budgets) | set(broken))
        if not years:
            raise BudgetError(_("no budget in {folder}").format(
                folder=where(layout.folder(repo.root, "budget"))))
        if len(years) > 1:
            raise BudgetError(_("several budgets ({years}): name the YEAR").format(
                years=", ".join(map(str, years))))
        year = years[0]
    budget = repo.budgets.get(year)
    if budget is None:
        if year in broken:
            raise _refuse(_("budget for {year} is invalid").format(year=year),
                          _doc_errors(repo, broken[year]))
        if not repo.budgets:
            raise BudgetError(_("no budget for {year} (budgets in the records: none)")
                              .format(year=year))
        raise BudgetError(_("no budget for {year} (budgets in the records: {have})").format(
            year=year, have=", ".join(map(str, sorted(repo.budgets)))))
    errors = _errors_in(repo, budget.ref.file, budget_checks.check(repo))
    if errors:
        raise _refuse(_("budget for {year} has errors").format(year=year), errors)
    if MUNICIPAL_PARTY not in budget.parties:
        raise BudgetError(_("{where}: {id} has no party {party}: nothing to divide over the "
                            "municipalities").format(
                                where=where(budget.ref.file, budget.ref.child("parties").line),
                                id=budget.id, party=MUNICIPAL_PARTY))
    return budget


def budget_warnings(repo: Repository, budget: Budget) -> list[Finding]:
    return _warnings_in(repo, budget.ref.file, budget_checks.check(repo))


def _checked_table(repo: Repository, table: PopulationTable) -> PopulationTable:
    errors = _errors_in(repo, table.ref.file, check_table(table))
    if errors:
        raise _refuse(_("population table {id} has errors").format(id=table.id), errors)
    return table


def table_warnings(repo: Repository, table: PopulationTable) -> list[Finding]:
    return _warnings_in(repo, table.ref.file, check_table(table))


def _table_from_file(repo: Repository, path: Path) -> PopulationTable:
    """A population record named by path; one inside the records is the one already read."""
    wanted = Path(os.path.abspath(path))
    for table in repo.populations:
        if Path(os.path.abspath(table.ref.file)) == wanted:
            return _checked_table(repo, table)
    if not path.is_file():
        raise BudgetError(_("{path}: no such file").format(path=path))
    alone = Repository(root=wanted.parent)
    add_document(alone, read_file(wanted))
    if not alone.populations:
        errors = [f for f in alone.findings if f.severity is Severity.ERROR]
        if not errors:
            raise BudgetError(_("{file}: not a population record").format(file=where(wanted)))
        raise _refuse(_("{file} is not a valid population record").format(file=where(wanted)),
                      errors)
    return _checked_table(alone, alone.populations[0])


def resolve_population(repo: Repository, given: str) -> PopulationTable:
    """A population table by record id (``population-2024-12-31``) or by a record file's path."""
    for table in repo.populations:
        if table.id == given:
            return _checked_table(repo, table)
    for doc in _broken_docs(repo, "population"):
        data_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        if given in (data_id, doc.path.stem):
            raise _refuse(_("population table {id} is invalid").format(id=given),
                          _doc_errors(repo, doc))
    if given.endswith((".yaml", ".yml")) or os.sep in given or "/" in given:
        return _table_from_file(repo, Path(given))
    if not repo.populations:
        raise BudgetError(_("no population table {given!r} (tables in the records: none)")
                          .format(given=given))
    raise BudgetError(_("no population table {given!r} (tables in the records: {have})").format(
        given=given, have=", ".join(sorted(t.id for t in repo.populations))))


def _doc_reference_date(doc: YamlDocument) -> date | None:
    value = doc.data.get("reference_date") if isinstance(doc.data, dict) else None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def population_in_force(repo: Repository, year: int, given: str | None = None
                        ) -> PopulationTable:
    """The table a year's invoices divide by: ``given``, else the table with the latest
    reference date before 1 January of the year (SCB's count of 31 December the year
    before). A broken table that could be the one in force stops the run rather than
    letting an older table be used silently."""
    if given:
        return resolve_population(repo, given)
    start = date(year, 1, 1)
    candidates = [t for t in repo.populations if t.reference_date < start]
    best = max((t.reference_date for t in candidates), default=None)
    for doc in _broken_docs(repo, "population"):
        ref = _doc_reference_date(doc)
        if ref is None or (ref < start and (best is None or ref >= best)):
            raise _refuse(_("population table {file} is invalid and may be the one in force "
                            "for {year}").format(file=where(doc.path), year=year),
                          _doc_errors(repo, doc))
    if best is None:
        have = ", ".join(f"{t.id}" for t in sorted(repo.populations, key=lambda t: t.id))
        if not have:
            raise BudgetError(_("no population table dated before {start} for the {year} "
                                "budget (tables: none); pass --population ID").format(
                                    start=start, year=year))
        raise BudgetError(_("no population table dated before {start} for the {year} budget "
                            "(tables: {have}); pass --population ID").format(
                                start=start, year=year, have=have))
    chosen = [t for t in candidates if t.reference_date == best]
    if len(chosen) > 1:
        raise BudgetError(_("several population tables dated {date} ({ids}): pass "
                            "--population ID").format(
                                date=best, ids=", ".join(t.id for t in chosen)))
    return _checked_table(repo, chosen[0])


def party_names(repo: Repository) -> dict[str, str]:
    return {b.id: b.name for b in repo.organisation.bodies.values()} if repo.organisation else {}


def summarise_warnings(label: str, warnings: Sequence[Finding]) -> str | None:
    """``population-2024-12-31 has 6 warnings (P004 ×5, P005)``: what a reader of an invoice
    basis should know the records say, without repeating ``validate``."""
    if not warnings:
        return None
    counts = Counter(f.code for f in warnings)
    codes = ", ".join(f"{c} ×{n}" if n > 1 else c for c, n in sorted(counts.items()))
    if len(warnings) == 1:
        return _("{label} has 1 warning ({codes})").format(label=label, codes=codes)
    return _("{label} has {count} warnings ({codes})").format(
        label=label, count=len(warnings), codes=codes)


@dataclass(frozen=True)
class Prepared:
    """A split ready to render, with what the records' warnings say about its inputs."""

    split: Split
    names: dict[str, str]
    notes: tuple[str, ...]


def prepare_split(root: Path, year: int | None, population: str | None = None,
                  use_stated: bool = False) -> Prepared:
    """Read the records, pick the budget and the population table in force, refuse either
    if it has errors, and divide."""
    repo = load_budget_records(root)
    budget = select_budget(repo, year)
    table = population_in_force(repo, budget.year, population or budget.population)
    names = party_names(repo)
    split = split_budget(budget, table, names, use_stated)
    return Prepared(split, names, _notes(repo, budget, (table,)))


def _notes(repo: Repository, budget: Budget, tables: Iterable[PopulationTable]
           ) -> tuple[str, ...]:
    found = [summarise_warnings(budget.id, budget_warnings(repo, budget))]
    found += [summarise_warnings(t.id, table_warnings(repo, t)) for t in tables]
    return tuple(n for n in found if n)


def invoicing_reading(budget: Budget) -> str:
    """How the budget reads 5.2 (docs/budget.md): monthly with a yearly true-up against SCB
    (the default, shvo's first reading), or a key updated yearly with no true-up."""
    setting = budget.ref.doc.data.get("invoicing") or {}
    return str(setting.get("reading", "monthly-with-true-up"))


def prepare_reconcile(root: Path, year: int | None, invoiced_with: str | None, actual: str,
                      use_stated: bool = False) -> tuple[Split, Split, tuple[str, ...]]:
    """The same budget divided by the table invoiced with (default: the one in force) and
    by the actual figures."""
    repo = load_budget_records(root)
    budget = select_budget(repo, year)
    if invoicing_reading(budget) == "key-updated-yearly":
        raise BudgetError(_("{id} reads 5.2 as a key updated yearly from SCB, with no true-up "
                            "('invoicing: reading: key-updated-yearly'): there is nothing to "
                            "reconcile").format(id=budget.id))
    old = population_in_force(repo, budget.year, invoiced_with)
    new = resolve_population(repo, actual)
    names = party_names(repo)
    return (split_budget(budget, old, names, use_stated),
            split_budget(budget, new, names, use_stated),
            _notes(repo, budget, (old, new) if new is not old else (old,)))
