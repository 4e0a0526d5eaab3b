"""The förvaltningsplan's sections as the seed numbers them, and finding a plan by year.

The plan record keeps the seed's Swedish text section by section; this module is the one
place that says which record field holds which numbered section, so that ``plan render``,
``plan edit --section`` and ``plan diff`` agree on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.model import Plan
from shvo_cli.records.repository import Repository


class PlanError(ShvoError):
    """A plan command cannot run as asked (unknown year, bad option). Exit 2."""

    exit_code = ExitCode.USAGE


class PlanRefused(ShvoError):
    """The records or the rules refuse the change (an adopted plan, a cited assignment).
    Exit 1; nothing written."""

    exit_code = ExitCode.FINDINGS


@dataclass(frozen=True)
class Section:
    """A text section: its seed number, Swedish heading, and where the record keeps it."""

    key: str
    number: str
    heading: str
    path: tuple[str, ...]


# Headings as the seed's table of contents spells them.
HEADINGS: dict[str, str] = {
    "1": "Inledning", "2": "Mål", "3": "Övergripande uppdrag", "4": "Uppdrag",
    "5": "Budget och finansiering", "5.1": "Budget", "5.2": "Finansieringsmodell",
    "6": "Förvaltningsorganisation", "6.1": "GITS", "6.2": "Läns gemensam referensgrupp SHVO",
    "6.3": "Ärendeprocess",
    "6.3.1": "Ärenden som identifieras och ryms inom gällande förvaltningsplan",
    "6.3.2": "Ärenden som behöver omhändertas i kommande års förvaltningsplan",
    "6.4": "Daglig drift och underhåll", "6.5": "Ändringshantering och utveckling",
    "6.6": "Kommunikation",
    "7": "Närliggande System/IT-komponenter/IT-tjänster/Projekt", "8": "Förkortningar",
    "9": "Referenser och länkar",
}

SECTIONS: tuple[Section, ...] = (
    Section("introduction", "1", HEADINGS["1"], ("introduction",)),
    Section("goals", "2", HEADINGS["2"], ("goals",)),
    Section("mission", "3", HEADINGS["3"], ("mission",)),
    Section("budget", "5.1", HEADINGS["5.1"], ("texts", "budget")),
    Section("financing", "5.2", HEADINGS["5.2"], ("texts", "financing")),
    Section("gits", "6.1", HEADINGS["6.1"], ("texts", "gits")),
    Section("reference_group", "6.2", HEADINGS["6.2"], ("texts", "reference_group")),
    Section("process", "6.3", HEADINGS["6.3"], ("texts", "process")),
    Section("process_within_plan", "6.3.1", HEADINGS["6.3.1"],
            ("texts", "process_within_plan")),
    Section("process_next_year", "6.3.2", HEADINGS["6.3.2"], ("texts", "process_next_year")),
    Section("operations", "6.4", HEADINGS["6.4"], ("texts", "operations")),
    Section("change_management", "6.5", HEADINGS["6.5"], ("texts", "change_management")),
    Section("communication", "6.6", HEADINGS["6.6"], ("communication", "text")),
    Section("systems", "7", HEADINGS["7"], ("texts", "systems")),
    Section("abbreviations", "8", HEADINGS["8"], ("texts", "abbreviations")),
    Section("references", "9", HEADINGS["9"], ("references",)),
)
BY_KEY = {s.key: s for s in SECTIONS}


def section_text(data: dict[str, Any], section: Section) -> list[str]:
    """The section's paragraphs (one string for communication's single text)."""
    value: Any = data
    for step in section.path:
        if not isinstance(value, dict) or step not in value:
            return []
        value = value[step]
    return [value] if isinstance(value, str) else list(value)


def find_section(key: str) -> Section:
    found = BY_KEY.get(key) or next((s for s in SECTIONS if s.number == key), None)
    if found is None:
        raise PlanError(_("--section {key!r}: not a text section (one of {keys})").format(
            key=key, keys=", ".join(s.key for s in SECTIONS)))
    return found


def plan_for(repo: Repository, year: int, what: str = "YEAR") -> Plan:
    """The plan for ``year``, or a clear refusal naming the years there are."""
    plan = repo.plans.get(year)
    if plan is not None:
        return plan
    if year in repo.broken_plan_years:
        raise PlanRefused(_("the plan for {year} is invalid: run shvo validate").format(
            year=year))
    have = ", ".join(str(y) for y in sorted(repo.plans)) or _("none")
    raise PlanError(_("{what} {year}: no plan for {year} (plans: {have})").format(
        what=what, year=year, have=have))


def data_of(plan: Plan) -> dict[str, Any]:
    """The plan record as read (schema-valid), for the text sections the model leaves out."""
    data: dict[str, Any] = plan.ref.doc.data
    return data


def requests_citing(repo: Repository, plan: Plan) -> dict[str, list[str]]:
    """Assignment id -> the requests of the plan's year that name it (sorted)."""
    out: dict[str, list[str]] = {}
    for req in sorted(repo.requests.values(), key=lambda r: r.id):
        if req.assignment and req.year == plan.year:
            out.setdefault(req.assignment, []).append(req.id)
    return out
