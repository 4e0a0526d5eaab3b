"""Population table checks: the county's 49 municipalities, once each, dated and summed.

The invoice basis divides the municipalities' share by population, so a missing, doubled
or foreign code moves money between municipalities. Mixed dates and a sum that differs from
the stated county total are legitimate (the bundled table has both) but must be visible.
"""

from __future__ import annotations

from shvo_cli.county import ASSOCIATIONS, MUNICIPALITIES
from shvo_cli.findings import Finding, kr
from shvo_cli.i18n import _
from shvo_cli.records.population_model import PopulationTable
from shvo_cli.records.repository import Repository


def check_table(table: PopulationTable) -> list[Finding]:
    """Every problem of one table; pure, so ``population import`` can reuse it."""
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for row in table.municipalities:
        where = f"{row.code} {row.name}"
        if row.code in seen:
            first = table.municipalities[seen[row.code]]
            out.append(row.ref.at("P002", _("municipality code {code} appears twice (first at "
                                            "line {line})").format(code=row.code,
                                                                   line=first.ref.line),
                                  "code"))
            continue
        seen[row.code] = len(seen)
        known = MUNICIPALITIES.get(row.code)
        if known is None:
            out.append(row.ref.at("P001", _("{where}: code {code} is not one of the 49 "
                                            "municipalities of Västra Götaland").format(
                where=where, code=row.code), "code"))
            continue
        name, association = known
        if row.name != name:
            out.append(row.ref.at("P006", _("code {code} is {name}, not {given!r}").format(
                code=row.code, name=name, given=row.name), "name"))
        if row.association not in ASSOCIATIONS:
            out.append(row.ref.at("P007", _("{where}: unknown kommunalförbund {given!r} (one "
                                            "of {known})").format(
                where=where, given=row.association, known=", ".join(ASSOCIATIONS)),
                "association"))
        elif row.association != association:
            out.append(row.ref.at("P008", _("{where} belongs to {association}, not {given}")
                                  .format(where=where, association=association,
                                          given=row.association), "association"))
        if row.as_of != table.reference_date:
            out.append(row.ref.at(
                "P004", _("{where}: figure {population} is dated {date}, not the table's "
                          "reference date {reference_date}").format(
                    where=where, population=kr(row.population), date=row.as_of,
                    reference_date=table.reference_date), "as_of"))
    for code, (name, _association) in MUNICIPALITIES.items():
        if code not in seen:
            out.append(table.ref.at("P003", _("{code} {name} is missing from the table")
                                    .format(code=code, name=name), "municipalities"))
    if table.stated_total is not None:
        total = sum(r.population for r in table.municipalities)
        if total != table.stated_total:
            out.append(table.ref.at(
                "P005", _("rows sum to {total}, the stated total is {stated} (difference "
                          "{difference})").format(
                    total=kr(total), stated=kr(table.stated_total),
                    difference=kr(total - table.stated_total)), "stated_total"))
    return out


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for table in repo.populations:
        out += check_table(table)
    return out
