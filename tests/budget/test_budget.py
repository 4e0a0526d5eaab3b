"""The budget core: which budget and table apply, and that every division adds up to the
krona — for the bundled 2025 budget and, with hypothesis, for any populations and amounts."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shvo_cli.budget import inputs as chosen
from shvo_cli.budget import invoicing
from shvo_cli.budget import split as core
from shvo_cli.county import MUNICIPALITIES
from shvo_cli.errors import ExitCode
from shvo_cli.money import allocate
from shvo_cli.records.model import Budget
from shvo_cli.records.population_model import PopulationTable
from tests.conftest import RECORDS

REPO = chosen.load_budget_records(RECORDS)
BUDGET = REPO.budgets[2025]
TABLE = REPO.populations[0]
CODES = sorted(MUNICIPALITIES)


def table_with(populations: list[int], table_id: str = "population-test") -> PopulationTable:
    """The bundled table with other figures (in code order)."""
    rows = sorted(TABLE.municipalities, key=lambda m: m.code)
    return dataclasses.replace(TABLE, id=table_id, municipalities=tuple(
        dataclasses.replace(m, population=p) for m, p in zip(rows, populations, strict=True)))


def budget_with(amounts: list[int], vgk_of_keyless: int) -> Budget:
    """The bundled budget with other line amounts; the keyless line states VGK's figure."""
    lines = []
    for line, amount in zip(BUDGET.lines, amounts, strict=True):
        if line.key is None:
            vgk = min(vgk_of_keyless, amount)
            line = dataclasses.replace(line, amount=amount,
                                       stated={"VGR": amount - vgk, "VGK": vgk})
        else:
            line = dataclasses.replace(line, amount=amount)
        lines.append(line)
    return dataclasses.replace(BUDGET, lines=tuple(lines))


populations = st.lists(st.integers(1, 1_000_000), min_size=49, max_size=49)
amounts = st.lists(st.integers(0, 10**9), min_size=5, max_size=5)


def municipal(split: core.Split) -> list[int]:
    return [i for i, p in enumerate(split.payers) if p.municipal]


# --- the 2025 budget ----------------------------------------------------------------------


def test_2025_lines_split_by_key_and_the_keyless_line_by_its_stated_figures() -> None:
    split = core.split_budget(BUDGET, TABLE)
    bases = {s.line.id: s.basis for s in split.lines}
    assert bases == {"operation-licence": "key:it-service", "coordinators": "key:salaries",
                     "development": "key:development", "support": "key:development",
                     "meetings-training-communication": "stated (no key)"}
    assert [s.parties for s in split.lines] == [
        {"VGR": 5_530_000, "VGK": 2_370_000}, {"VGR": 2_550_000, "VGK": 2_550_000},
        {"VGR": 140_000, "VGK": 60_000}, {"VGR": 1_680_000, "VGK": 720_000},
        {"VGR": 200_000, "VGK": 100_000}]
    assert [p.id for p in split.payers] == ["VGR", *CODES]
    assert split.payers[0].name == "VGR"  # no organisation given: the id


def test_2025_every_line_adds_up() -> None:
    split = core.split_budget(BUDGET, TABLE, chosen.party_names(REPO))
    assert split.payers[0].name == "Västra Götalandsregionen"
    for share, row in zip(split.lines, split.amounts, strict=True):
        assert sum(row) == share.line.amount
        assert sum(row[i] for i in municipal(split)) == share.parties["VGK"]
        assert row[0] == share.parties["VGR"]
    assert split.total == 15_900_000  # the lines, not the stated 16 000 000
    assert split.payer_total(0) == 10_100_000
    assert sum(split.payer_total(i) for i in municipal(split)) == 5_800_000


def test_2025_goteborg_share_of_operation() -> None:
    split = core.split_budget(BUDGET, TABLE)
    weights = [m.population for m in sorted(TABLE.municipalities, key=lambda m: m.code)]
    expected = allocate(2_370_000, weights)
    assert list(split.amounts[0][1:]) == expected
    goteborg = [p.id for p in split.payers].index("1480")
    assert split.amounts[0][goteborg] == expected[CODES.index("1480")]


def test_stated_option_uses_the_plans_figures() -> None:
    stated = core.split_budget(BUDGET, TABLE, use_stated=True)
    assert [s.basis for s in stated.lines] == ["stated"] * 4 + ["stated (no key)"]
    # in 2025 each keyed line's stated figures equal its key's split, so amounts agree
    assert stated.amounts == core.split_budget(BUDGET, TABLE).amounts
    line = dataclasses.replace(BUDGET.lines[0], stated={"VGR": 5_000_000, "VGK": 2_900_000})
    changed = dataclasses.replace(BUDGET, lines=(line, *BUDGET.lines[1:]))
    assert core.split_budget(changed, TABLE, use_stated=True).lines[0].parties["VGK"] \
        == 2_900_000
    assert core.split_budget(changed, TABLE).lines[0].parties["VGK"] == 2_370_000


def test_stated_falls_back_to_the_key_where_a_line_states_no_figure() -> None:
    line = dataclasses.replace(BUDGET.lines[0], stated={})
    changed = dataclasses.replace(BUDGET, lines=(line, *BUDGET.lines[1:]))
    assert core.split_budget(changed, TABLE, use_stated=True).lines[0].basis == \
        "key:it-service"


def test_keyless_line_without_stated_figures_is_refused_naming_its_line() -> None:
    line = dataclasses.replace(BUDGET.lines[4], stated={"VGR": 300_000})
    changed = dataclasses.replace(BUDGET, lines=(*BUDGET.lines[:4], line))
    with pytest.raises(core.BudgetError, match=r"budget-2025.yaml:48: line 'Möten, utbildning"):
        core.split_budget(changed, TABLE)


def test_ties_go_to_the_lower_municipality_code() -> None:
    split = core.split_budget(budget_with([0, 0, 0, 0, 2], 1), table_with([7] * 49))
    row = split.amounts[4]
    assert row[1] == 1 and sum(row[2:]) == 0  # 1401 gets the single krona


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(populations, amounts, st.integers(0, 10**9))
def test_any_split_adds_up_to_the_krona(pops: list[int], amt: list[int], keyless: int) -> None:
    split = core.split_budget(budget_with(amt, keyless), table_with(pops))
    munis = municipal(split)
    for share, row in zip(split.lines, split.amounts, strict=True):
        assert sum(row) == share.line.amount
        assert sum(row[i] for i in munis) == share.parties["VGK"]
        assert all(isinstance(a, int) and a >= 0 for a in row)
    assert split.total == sum(amt)


@settings(max_examples=150, deadline=None)
@given(populations, amounts, st.data())
def test_larger_population_never_gets_a_smaller_share(pops: list[int], amt: list[int],
                                                       data: st.DataObject) -> None:
    split = core.split_budget(budget_with(amt, amt[4] // 3), table_with(pops))
    i = data.draw(st.integers(0, 48))
    j = data.draw(st.integers(0, 48))
    if pops[i] > pops[j]:
        for row in split.amounts:
            assert row[1 + i] >= row[1 + j]
        assert split.payer_total(1 + i) >= split.payer_total(1 + j)


@settings(max_examples=100, deadline=None)
@given(populations, amounts)
def test_same_inputs_same_amounts(pops: list[int], amt: list[int]) -> None:
    a = core.split_budget(budget_with(amt, 5), table_with(pops))
    b = core.split_budget(budget_with(list(amt), 5), table_with(list(pops)))
    assert a.amounts == b.amounts
    assert invoicing.monthly(a).amounts == invoicing.monthly(b).amounts


@settings(max_examples=100, deadline=None)
@given(populations, amounts)
def test_twelve_months_add_up_every_way(pops: list[int], amt: list[int]) -> None:
    split = core.split_budget(budget_with(amt, amt[4] // 3), table_with(pops))
    mon = invoicing.monthly(split)
    for i in range(len(split.payers)):
        invoices = [mon.invoice(i, m) for m in range(12)]
        assert sum(invoices) == split.payer_total(i)
        # equal invoices, the leftover kronor in the earliest months
        assert invoices == allocate(split.payer_total(i), [1] * 12)
        for line, row in zip(mon.amounts, split.amounts, strict=True):
            assert sum(line[i]) == row[i]
            assert max(line[i]) - min(line[i]) <= 1
    month_totals = [sum(mon.invoice(i, m) for i in range(len(split.payers)))
                    for m in range(12)]
    assert sum(month_totals) == sum(amt)
    for m in range(12):
        basis = invoicing.invoices(split, m + 1)
        assert basis.total == month_totals[m]
        assert sum(basis.line_total(k) for k in range(5)) == basis.total


def test_2025_monthly_invoices() -> None:
    split = core.split_budget(BUDGET, TABLE)
    jan = invoicing.invoices(split, 1)
    dec = invoicing.invoices(split, 12)
    assert jan.invoices[0].payer.id == "VGR"
    assert jan.invoices[0].amount == 841_667 and dec.invoices[0].amount == 841_666
    assert sum(invoicing.invoices(split, m).total for m in range(1, 13)) == 15_900_000
    for i in range(50):
        year = [invoicing.invoices(split, m).invoices[i].amount for m in range(1, 13)]
        assert sum(year) == split.payer_total(i)


@settings(max_examples=100, deadline=None)
@given(populations, populations, amounts)
def test_reconciliation_differences_sum_to_zero(old: list[int], new: list[int],
                                                amt: list[int]) -> None:
    budget = budget_with(amt, amt[4] // 3)
    a = core.split_budget(budget, table_with(old))
    b = core.split_budget(budget, table_with(new))
    rec = invoicing.reconcile(a, b)
    assert len(rec.rows) == 49
    assert rec.difference == 0
    assert rec.invoiced == rec.due == sum(s.parties["VGK"] for s in a.lines)
    for k, row in enumerate(rec.rows):
        assert row.invoiced == a.payer_total(1 + k)  # the twelve invoices = the year
        assert row.due == b.payer_total(1 + k)
        assert sum(row.line_differences) == row.difference


def test_reconciling_with_the_same_table_changes_nothing() -> None:
    split = core.split_budget(BUDGET, TABLE)
    assert all(r.difference == 0 for r in invoicing.reconcile(split, split).rows)


# --- grouping ------------------------------------------------------------------------------


@pytest.mark.parametrize(("by", "ids"), [
    ("party", ["VGR", "VGK"]),
    ("association", ["VGR", "GR", "FYRBODAL", "SKARABORG", "SJUHARAD"]),
    ("municipality", ["VGR", *CODES]),
])
def test_groups_add_up_like_their_members(by: str, ids: list[str]) -> None:
    split = core.split_budget(BUDGET, TABLE)
    grouped = core.groups(split, by)
    assert [g.id for g in grouped] == ids
    amounts = core.group_amounts(split, grouped)
    for row, share in zip(amounts, split.lines, strict=True):
        assert sum(row) == share.line.amount
    months = invoicing.group_monthly(invoicing.monthly(split), grouped)
    for line, row in zip(months, amounts, strict=True):
        assert [sum(g) for g in line] == list(row)


def test_association_groups_hold_the_county() -> None:
    split = core.split_budget(BUDGET, TABLE)
    grouped = core.groups(split, "association")
    assert [len(g.members) for g in grouped] == [1, 12, 14, 15, 8]
    assert sum(g.population or 0 for g in grouped) == 1_773_069


def test_unknown_grouping_is_refused() -> None:
    with pytest.raises(core.BudgetError, match="--by county"):
        core.groups(core.split_budget(BUDGET, TABLE), "county")


# --- choosing the budget and the table ------------------------------------------------------


def test_only_budget_is_the_default_year() -> None:
    assert chosen.select_budget(REPO, None).year == 2025


def test_no_budget_for_the_year() -> None:
    with pytest.raises(core.BudgetError, match=r"no budget for 2024 \(budgets in the records: "
                       r"2025\)") as exc:
        chosen.select_budget(REPO, 2024)
    assert exc.value.exit_code == ExitCode.USAGE


def test_several_budgets_need_a_year(records: Path) -> None:
    text = (records / "budgets" / "budget-2025.yaml").read_text(encoding="utf-8")
    (records / "budgets" / "budget-2026.yaml").write_text(
        text.replace("budget-2025", "budget-2026").replace("year: 2025", "year: 2026"),
        encoding="utf-8")
    repo = chosen.load_budget_records(records)
    with pytest.raises(core.BudgetError, match=r"several budgets \(2025, 2026\): name the YEAR"):
        chosen.select_budget(repo, None)
    assert chosen.select_budget(repo, 2026).id == "budget-2026"
    # 2026 has no table dated in 2025: the latest before 1 January 2026 is 2024-12-31
    assert chosen.population_in_force(repo, 2026).id == "population-2024-12-31"


def test_table_in_force_is_the_latest_before_the_year(records: Path) -> None:
    shutil.copy(records / "population" / "population-2024-12-31.yaml",
                records / "population" / "population-2023-12-31.yaml")
    path = records / "population" / "population-2023-12-31.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "population-2024-12-31", "population-2023-12-31").replace(
        "reference_date: 2024-12-31", "reference_date: 2023-12-31"), encoding="utf-8")
    repo = chosen.load_budget_records(records)
    assert chosen.population_in_force(repo, 2025).id == "population-2024-12-31"
    assert chosen.population_in_force(repo, 2024).id == "population-2023-12-31"
    assert chosen.population_in_force(repo, 2025, "population-2023-12-31").id == \
        "population-2023-12-31"
    with pytest.raises(core.BudgetError, match=r"no population table dated before 2023-01-01"):
        chosen.population_in_force(repo, 2023)


def test_table_by_path_inside_and_outside_the_records(records: Path, tmp_path: Path) -> None:
    repo = chosen.load_budget_records(records)
    inside = records / "population" / "population-2024-12-31.yaml"
    assert chosen.resolve_population(repo, str(inside)) is repo.populations[0]
    outside = tmp_path / "elsewhere" / "population-2024-12-31.yaml"
    outside.parent.mkdir()
    shutil.copy(inside, outside)
    table = chosen.resolve_population(repo, str(outside))
    assert table.id == "population-2024-12-31" and table.ref.file == outside
    with pytest.raises(core.BudgetError, match="no population table 'population-1999'"):
        chosen.resolve_population(repo, "population-1999")
    with pytest.raises(core.BudgetError, match="no such file"):
        chosen.resolve_population(repo, str(tmp_path / "nope.yaml"))


def test_budget_with_a_key_error_is_refused_with_file_and_line(records: Path) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "shares: {VGR: 50, VGK: 50}", "shares: {VGR: 50, VGK: 40}"), encoding="utf-8")
    with pytest.raises(core.InvalidRecordsError) as exc:
        chosen.select_budget(chosen.load_budget_records(records), 2025)
    assert exc.value.exit_code == ExitCode.FINDINGS
    assert "budget for 2025 has errors; run shvo validate" in str(exc.value)
    assert "budget-2025.yaml:17:13: error[B005] key 'salaries' shares sum to 90 %" \
        in str(exc.value)


def test_budget_with_parts_not_adding_up_is_refused(records: Path) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "stated: {VGK: 60000, VGR: 140000}", "stated: {VGK: 60000, VGR: 150000}"),
        encoding="utf-8")
    with pytest.raises(core.InvalidRecordsError, match=r"error\[B004\]"):
        chosen.select_budget(chosen.load_budget_records(records), 2025)


@pytest.mark.parametrize(("old", "new", "shown"), [
    ("amount: 200000", "amount: -200000", "-200000 is less than 0"),
    ("amount: 200000", "amount: 200000.5", "200000.5 should be a whole number"),
])
def test_negative_or_fractional_amount_is_refused(records: Path, old: str, new: str,
                                                  shown: str) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(core.InvalidRecordsError) as exc:
        chosen.select_budget(chosen.load_budget_records(records), None)
    assert "budget for 2025 is invalid; run shvo validate" in str(exc.value)
    assert "budget-2025.yaml:40:" in str(exc.value)
    assert shown in str(exc.value)


@pytest.mark.parametrize(("old", "new", "code"), [
    ('  - code: "1401"\n    name: Härryda\n', '  - code: "1401"\n    name: Härryda\n', None),
    ("population: 40003", "population: 0", "S001"),
])
def test_population_table_with_errors_is_refused(records: Path, old: str, new: str,
                                                 code: str | None) -> None:
    path = records / "population" / "population-2024-12-31.yaml"
    text = path.read_text(encoding="utf-8")
    if code is None:  # drop Härryda: P003
        start = text.index('  - code: "1401"')
        end = text.index('  - code: "1402"')
        text, code = text[:start] + text[end:], "P003"
    else:
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(core.InvalidRecordsError) as exc:
        chosen.population_in_force(chosen.load_budget_records(records), 2025)
    assert f"error[{code}]" in str(exc.value)
    assert "population-2024-12-31.yaml:" in str(exc.value)


def test_budget_without_the_municipal_party_is_refused(records: Path) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    text = path.read_text(encoding="utf-8").replace("VGK", "VGX")
    path.write_text(text, encoding="utf-8")
    repo = chosen.load_budget_records(records)
    with pytest.raises(core.BudgetError, match="has no party VGK"):
        chosen.select_budget(repo, 2025)


def test_month_must_be_in_the_budget_year() -> None:
    assert invoicing.parse_month("2025-03", 2025) == (2025, 3)
    for bad in ("2025-13", "2025-3", "March", "2025-00"):
        with pytest.raises(core.BudgetError, match="YYYY-MM"):
            invoicing.parse_month(bad, 2025)
    with pytest.raises(core.BudgetError, match="not in the budget year 2025"):
        invoicing.parse_month("2026-01", 2025)


def test_show_view_marks_the_stated_totals() -> None:
    view = core.budget_view(BUDGET)
    assert view.lines_amount == 15_900_000
    assert view.split_total("VGK") == 5_800_000
    assert view.stated_lines_total("VGR") == 10_100_000
    assert BUDGET.stated_total == {"amount": 16_000_000, "VGK": 5_740_000, "VGR": 10_260_000}
    assert all(s.difference("VGK") == 0 for s in view.lines)


def test_warning_summary() -> None:
    notes = chosen.prepare_split(RECORDS, None).notes
    assert notes == ("budget-2025 has 4 warnings (B001 ×3, B003)",
                     "population-2024-12-31 has 6 warnings (P004 ×5, P005)")
    assert chosen.summarise_warnings("x", []) is None


def test_reference_date_is_never_today() -> None:
    # the table in force depends on the budget year only
    assert chosen.population_in_force(REPO, 2025).reference_date == date(2024, 12, 31)
