"""Budget checks: the table must add up, and each line's stated split must follow its key.

The 2025 plan's table does not add up (lines 15 900 000, stated total 16 000 000) and one
line is split 1/3 : 2/3, which is none of the financing keys. Nobody noticed in the document;
these checks make such facts impossible to miss, at the line of the stated figure.
"""

from __future__ import annotations

from shvo_cli.findings import Finding, kr
from shvo_cli.i18n import _, decimal
from shvo_cli.money import split_by_shares
from shvo_cli.records.model import Budget, BudgetLine
from shvo_cli.records.repository import Repository


def _fmt_split(split: dict[str, int], parties: tuple[str, ...]) -> str:
    order = [p for p in parties if p in split] + [p for p in split if p not in parties]
    return " / ".join(f"{p} {kr(split[p])}" for p in order)


def _permille(part: int, whole: int) -> str:
    """A share as a percentage with one decimal, computed in integers, with the language's
    decimal sign (33.3 % in English, 33,3 % in Swedish)."""
    if whole == 0:
        return "-"
    pm = (part * 1000 + whole // 2) // whole
    return f"{decimal(pm)} %"


def _check_keys(budget: Budget) -> list[Finding]:
    out = []
    for key in budget.keys.values():
        total = sum(key.shares.values())
        if total != 100:
            out.append(key.ref.at("B005", _("key {key!r} shares sum to {total} %, not 100 %")
                                  .format(key=key.id, total=total), "shares"))
        for party in key.shares:
            if party not in budget.parties:
                out.append(key.ref.at("B006", _("key {key!r} names {party!r}, which is not a "
                                        "party of the budget ({parties})").format(
                                      key=key.id, party=party,
                                      parties=", ".join(budget.parties)),
                                      "shares", party, key=True))
    return out


def _check_line(budget: Budget, line: BudgetLine) -> list[Finding]:
    out = []
    for party in line.stated:
        if party not in budget.parties:
            out.append(line.ref.at("B006", _("line {line!r} states a figure for {party!r}, "
                                     "which is not a party of the budget").format(
                                   line=line.name, party=party), "stated", party, key=True))
    if set(line.stated) == set(budget.parties):
        stated_sum = sum(line.stated.values())
        if stated_sum != line.amount:
            out.append(line.ref.at(
                "B004", _("line {line!r}: stated parts {split} sum to {sum}, not the line "
                          "amount {amount}").format(
                    line=line.name, split=_fmt_split(line.stated, budget.parties),
                    sum=kr(stated_sum), amount=kr(line.amount)), "stated"))
            return out
    if line.key is not None:
        key = budget.keys.get(line.key)
        if key is None:
            out.append(line.ref.at("B006", _("line {line!r} names unknown key {key!r}")
                                   .format(line=line.name, key=line.key), "key"))
            return out
        if sum(key.shares.values()) != 100:
            return out  # reported as B005 on the key
        split = split_by_shares(line.amount, key.shares, budget.parties)
        for party, stated in line.stated.items():
            if party in split and split[party] != stated:
                out.append(line.ref.at(
                    "B002", _("line {line!r}: stated {party} figure {stated} differs from key "
                              "{key!r} ({share} %) which gives {computed}").format(
                        line=line.name, party=party, stated=kr(stated), key=key.id,
                        share=key.shares.get(party, 0), computed=kr(split[party])),
                    "stated", party))
        return out
    if not line.stated:
        return out
    matching = [k.id for k in budget.keys.values() if sum(k.shares.values()) == 100
                and split_by_shares(line.amount, k.shares, budget.parties) == {
                    p: line.stated.get(p, 0) for p in budget.parties}]
    if not matching:
        shares = " : ".join(f"{p} {_permille(line.stated.get(p, 0), line.amount)}"
                            for p in budget.parties)
        out.append(line.ref.at(
            "B003", _("line {line!r} has no financing key and its stated split {split} "
                      "({shares}) matches none of the keys ({keys})").format(
                line=line.name, split=_fmt_split(line.stated, budget.parties), shares=shares,
                keys=", ".join(budget.keys)), "stated"))
    return out


def _total_differs(budget: Budget, party: str, stated: int, computed: int) -> list[Finding]:
    """B001 where a stated total (``party`` "amount": the whole) is not the lines' sum."""
    if computed == stated:
        return []
    more = stated > computed
    if party == "amount":
        text = (_("stated total {stated} differs from the sum of the lines {computed} "
                  "(stated is {diff} more)") if more
                else _("stated total {stated} differs from the sum of the lines "
                       "{computed} (stated is {diff} less)"))
    else:
        text = (_("stated {party} total {stated} differs from the sum of the lines' "
                  "{party} figures {computed} (stated is {diff} more)") if more
                else _("stated {party} total {stated} differs from the sum of the lines' "
                       "{party} figures {computed} (stated is {diff} less)"))
    return [budget.ref.at("B001", text.format(party=party, stated=kr(stated),
                                              computed=kr(computed),
                                              diff=kr(abs(stated - computed))),
                          "stated_total", party)]


def _check_totals(budget: Budget) -> list[Finding]:
    out = []
    if "amount" in budget.stated_total:
        out += _total_differs(budget, "amount", budget.stated_total["amount"],
                              sum(line.amount for line in budget.lines))
    for party in budget.parties:
        if party in budget.stated_total and all(party in line.stated for line in budget.lines):
            out += _total_differs(budget, party, budget.stated_total[party],
                                  sum(line.stated[party] for line in budget.lines))
    for party in budget.stated_total:
        if party != "amount" and party not in budget.parties:
            out.append(budget.ref.at("B006", _("stated total names {party!r}, which is not "
                                       "a party of the budget").format(party=party),
                                     "stated_total", party, key=True))
    return out


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for budget in repo.budgets.values():
        out += _check_keys(budget)
        for line in budget.lines:
            out += _check_line(budget, line)
        out += _check_totals(budget)
        if budget.year not in repo.plans and budget.year not in repo.broken_plan_years \
                and "plan" not in repo.broken:
            out.append(budget.ref.at("R010", _("budget for {year} but no plan for {year}")
                                     .format(year=budget.year), "year"))
        if repo.organisation is not None:
            for party in budget.parties:
                if party not in repo.organisation.bodies:
                    out.append(budget.ref.at("R004", _("party {party!r} is not a body of the "
                                               "organisation").format(party=party),
                                             "parties"))
    return out
