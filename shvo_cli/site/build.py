"""``shvo site build``: the public static site, written to a folder.

Pages: start, the plan, the annual cycle with dates, requests by state (one page each) and by
related system (one page each), the quarterly reports of the year so far, and each
municipality's cost this year and next. Every page names its source records and the commit
they were read at. The output depends only on the records, the commit and the as-of date:
the same inputs give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.checks.validate import ValidationResult, validate
from shvo_cli.cycle.report import build as build_report
from shvo_cli.cycle.status import CycleError, quarter_bounds, quarter_of
from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.model import Request
from shvo_cli.records.repository import Repository
from shvo_cli.requests.names import names
from shvo_cli.site import content
from shvo_cli.site.assets import CSS, SEARCH_JS
from shvo_cli.site.shell import Source, e, page

SLUG = re.compile(r"[^a-z0-9-]+")
ReportBody = Callable[[dict[str, Any]], str]
"""Lays a quarterly report's data out as the body of a page (render/report_site.py)."""


class SiteError(ShvoError):
    """The output folder cannot be used."""


def slug(text: str) -> str:
    """A file name from an id: lower case, letters, digits and hyphens."""
    return SLUG.sub("-", text.lower()).strip("-") or "x"


class Site:
    """The pages of one build, kept in memory until all are made, then written."""

    def __init__(self, repo: Repository, day: date, source: Source) -> None:
        self.repo, self.day, self.source = repo, day, source
        self.names = names(repo)
        self.files: dict[str, str] = {"site.css": CSS, "search.js": SEARCH_JS}

    def add(self, path: str, title: str, body: str, records: list[str]) -> None:
        depth = path.count("/")
        self.files[path] = page(path=path, title=title, body=body, records=records,
                                source=self.source, depth=depth, built=self.day.isoformat())


def _sorted_requests(repo: Repository) -> list[Request]:
    return sorted(repo.requests.values(), key=lambda r: (r.history.first_date(), r.id))


def _request_pages(site: Site, rows: dict[str, str]) -> None:
    """One page per state, and an overview with the count of each."""
    n = site.names
    by_state: dict[str, list[str]] = {}
    for req in _sorted_requests(site.repo):
        by_state.setdefault(req.state, []).append(req.id)
    order = list(site.repo.process.states) if site.repo.process else []
    states = [s for s in order if s in by_state] + sorted(set(by_state) - set(order))
    items = []
    for state in states:
        name = n["states"].get(state, state)
        path = f"arenden/{slug(state)}.html"
        body = content.request_table("t", f"Ärenden med status {name}",
                                     (rows[i] for i in by_state[state]))
        site.add(path, f"Ärenden: {name}", body, ["requests/", "process.yaml"])
        items.append(f'<li><a href="{path}">{e(name)}</a>: {len(by_state[state])}</li>')
    body = ("<p>Ärenden om förändringar i IT-tjänsten SAMSA, efter status. Varje ärende visas "
            "med titel, omfattning, status och datum.</p><ul>" + "".join(items) + "</ul>")
    site.add("arenden.html", "Ärenden", body, ["requests/", "process.yaml"])


def _system_pages(site: Site, rows: dict[str, str]) -> None:
    touching: dict[str, list[str]] = {}
    for req in _sorted_requests(site.repo):
        for s in req.systems:
            touching.setdefault(s, []).append(req.id)
    items = []
    for system in sorted(site.repo.systems.values(), key=lambda s: s.name.lower()):
        ids = touching.get(system.id, [])
        path = f"system/{slug(system.id)}.html"
        body = (f"<p>{e(system.dependency)}</p>"
                + content.request_table("t", f"Ärenden som berör {system.name}",
                                        (rows[i] for i in ids)))
        site.add(path, system.name, body, ["systems.yaml", "requests/"])
        items.append(f'<li><a href="{path}">{e(system.name)}</a>: {len(ids)} ärenden</li>')
    body = ("<p>Närliggande system, IT-komponenter, IT-tjänster och projekt "
            "(förvaltningsplanen avsnitt 7), med de ärenden som berör vart och ett.</p><ul>"
            + "".join(items) + "</ul>")
    site.add("system.html", "Närliggande system", body, ["systems.yaml"])


def _costs(repo: Repository, root: Path, year: int) -> list[dict[str, Any]]:
    from shvo_cli.budget.inputs import party_names, population_in_force, select_budget
    from shvo_cli.budget.split import split_budget

    out = []
    for y in (year, year + 1):
        if y not in repo.budgets:
            continue
        try:
            budget = select_budget(repo, y)
            split = split_budget(budget, population_in_force(repo, y), party_names(repo))
        except ShvoError as exc:
            out.append({"year": y, "note": f"Kostnaden kan inte beräknas: {exc}",
                        "payers": [], "status": ""})
            continue
        payers = [{"code": p.id, "name": p.name, "association": p.association or "",
                   "amount": split.payer_total(i)}
                  for i, p in enumerate(split.payers) if p.municipal]
        status = "beslutad" if budget.status == "decided" else "preliminär"
        out.append({"year": y, "note": None, "payers": payers, "status": status})
    return out


def _report_pages(site: Site, root: Path, checked: ValidationResult,
                  report_body: ReportBody) -> list[str]:
    year, out = site.day.year, list[str]()
    if year not in site.repo.plans:
        return out
    for q in range(1, quarter_of(site.day) + 1):
        if quarter_bounds(year, q)[0] > site.day:
            break
        end = min(quarter_bounds(year, q)[1], site.day)
        try:
            data = build_report(site.repo, root, year, q, end, checked)
        except CycleError:
            continue
        path = f"rapporter/{year}q{q}.html"
        site.add(path, data["title"], report_body(data),
                 ["process.yaml", "decisions/", "requests/", f"plans/plan-{year}.yaml"])
        out.append(f'<li><a href="{path}">{e(data["title"])}</a> (per {end.isoformat()})</li>')
    return out


def build_site(root: Path, day: date, source: Source, report_body: ReportBody,
               checked: ValidationResult | None = None) -> dict[str, str]:
    """Every file of the site: path (relative, with /) -> text."""
    checked = checked if checked is not None else validate(root)
    repo = checked.repository
    site = Site(repo, day, source)
    n = site.names
    rows = {r.id: content.request_row(r, n) for r in repo.requests.values()}
    _request_pages(site, rows)
    _system_pages(site, rows)
    reports = _report_pages(site, root, checked, report_body)
    site.add("rapporter.html", "Kvartalsrapporter",
             "<p>Kvartalsrapporter till VVG och SITIV.</p><ul>" + "".join(reports) + "</ul>"
             if reports else "<p>Inga kvartalsrapporter för året ännu.</p>",
             ["process.yaml", "decisions/"])
    _fixed_pages(site, root)
    return site.files


def _fixed_pages(site: Site, root: Path) -> None:
    from shvo_cli.cycle.report import ReportContext, milestones_section

    repo, day, n = site.repo, site.day, site.names
    year = day.year
    site.add("plan.html", f"Förvaltningsplan {year}", content.plan_body(repo, year, n),
             [f"plans/plan-{year}.yaml"])
    milestones: list[dict[str, Any]] = []
    if year in repo.plans and repo.process is not None:
        ctx = ReportContext(repo, root, year, quarter_of(day), day, day, day, [], {}, [],
                            ValidationResult(root, 0, [], repo), n)
        milestones = milestones_section(ctx)
    site.add("cykel.html", f"Årscykeln {year}", content.cycle_body(milestones, n, year),
             ["process.yaml", "decisions/"])
    site.add("kostnader.html", "Kostnad per kommun",
             content.costs_body(_costs(repo, root, year)),
             [f"budgets/budget-{year}.yaml", "population/"])
    terminal = {s.id for s in repo.process.states.values() if s.terminal} \
        if repo.process else set()
    open_count = sum(1 for r in repo.requests.values() if r.state not in terminal)
    upcoming = next((n["milestones"].get(m["id"], m["id"]) + " (senast " + m["deadline"] + ")"
                     for m in milestones if m["status"] != "done"), None)
    site.add("index.html", "Förvaltning av SAMSA",
             content.start_body(repo, day, n, open_count, upcoming), ["plans/", "requests/"])


def write_site(files: dict[str, str], out: Path) -> None:
    """Write the files below ``out`` (created if missing; files of an older build with the
    same names are replaced, others left alone)."""
    from shvo_cli.store.files import atomic_write_text

    if out.exists() and not out.is_dir():
        raise SiteError(_("{path}: exists and is not a folder").format(path=out))
    for rel, text in sorted(files.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
