"""Population table checks: the county's 49 municipalities, once each, dated and summed.

The invoice basis divides the municipalities' share by population, so a missing, doubled
or foreign code moves money between municipalities. Mixed dates and a sum that differs from
the stated county total are legitimate (the bundled table has both) but must be visible.
"""

from __future__ import annotations

from shvo_cli.county import ASSOCIATIONS, MUNICIPALITIES
from shvo_cli.findings import Finding, kr
from shvo_cli.model import PopulationTable
from shvo_cli.repository import Repository


def check_table(table: PopulationTable) -> list[Finding]:
    """Every problem of one table; pure, so ``population import`` can reuse it."""
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for row in table.municipalities:
        where = f"{row.code} {row.name}"
        if row.code in seen:
            first = table.municipalities[seen[row.code]]
            out.append(row.ref.at("P002", f"municipality code {row.code} appears twice "
                                  f"(first at line {first.ref.line})", "code"))
            continue
        seen[row.code] = len(seen)
        known = MUNICIPALITIES.get(row.code)
        if known is None:
            out.append(row.ref.at("P001", f"{where}: code {row.code} is not one of the 49 "
                                  "municipalities of Västra Götaland", "code"))
            continue
        name, association = known
        if row.name != name:
            out.append(row.ref.at("P006", f"code {row.code} is {name}, not {row.name!r}",
                                  "name"))
        if row.association not in ASSOCIATIONS:
            out.append(row.ref.at("P007", f"{where}: unknown kommunalförbund "
                                  f"{row.association!r} (one of {', '.join(ASSOCIATIONS)})",
                                  "association"))
        elif row.association != association:
            out.append(row.ref.at("P008", f"{where} belongs to {association}, not "
                                  f"{row.association}", "association"))
        if row.as_of != table.reference_date:
            out.append(row.ref.at(
                "P004", f"{where}: figure {kr(row.population)} is dated {row.as_of}, not the "
                f"table's reference date {table.reference_date}", "as_of"))
    for code, (name, _) in MUNICIPALITIES.items():
        if code not in seen:
            out.append(table.ref.at("P003", f"{code} {name} is missing from the table",
                                    "municipalities"))
    if table.stated_total is not None:
        total = sum(r.population for r in table.municipalities)
        if total != table.stated_total:
            out.append(table.ref.at(
                "P005", f"rows sum to {kr(total)}, the stated total is "
                f"{kr(table.stated_total)} (difference {kr(total - table.stated_total)})",
                "stated_total"))
    return out


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for table in repo.populations:
        out += check_table(table)
    return out
