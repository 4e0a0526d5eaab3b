"""From a budget to each payer's share: how each line is divided between the parties and
VGK's share of it over the 49 municipalities.

Every amount an invoice shows is made here (and in :mod:`shvo_cli.budget.invoicing`, which divides
these amounts over months), always through :func:`shvo_cli.money.allocate` with the
municipalities in code order, so that the 49 municipal amounts of a line sum exactly to VGK's
share of it, and the same records always give the same kronor. Which budget and population
table apply, and the refusal of invalid ones, is :mod:`shvo_cli.budget.inputs`; the rules
are documented in ``docs/budget.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from shvo_cli.county import ASSOCIATIONS, MUNICIPALITIES
from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _
from shvo_cli.money import allocate, split_by_shares
from shvo_cli.paths import display_path as where
from shvo_cli.records.model import Budget, BudgetLine
from shvo_cli.records.population_model import PopulationTable

MUNICIPAL_PARTY = "VGK"
"""The party whose share is paid by the 49 municipalities, divided by population."""

BY_CHOICES = ("party", "association", "municipality")


class BudgetError(ShvoError):
    """A budget command cannot run as asked: no budget for the year, a bad option, a
    population table that does not exist. Exit 2, like every usage problem."""

    exit_code = ExitCode.USAGE


class InvalidRecordsError(ShvoError):
    """The budget or population table has errors that ``shvo validate`` reports; nothing is
    divided until they are fixed. Exit 1, as ``validate`` exits on the same errors."""

    exit_code = ExitCode.FINDINGS


# --- dividing lines -------------------------------------------------------------------------

KEY = "key"
STATED = "stated"
NO_KEY = "stated (no key)"


@dataclass(frozen=True, slots=True)
class LineShare:
    """One line and what each party pays of it, with the basis of the division:
    ``key:<id>``, ``stated`` (the plan's figures, with ``--stated``) or ``stated (no key)``."""

    line: BudgetLine
    basis: str
    parties: dict[str, int]

    @property
    def keyless(self) -> bool:
        return self.basis == NO_KEY


def _complete_stated(budget: Budget, line: BudgetLine) -> bool:
    return all(p in line.stated for p in budget.parties)


def line_share(budget: Budget, line: BudgetLine, use_stated: bool = False) -> LineShare:
    """Divide a line between the parties: by its key, or by the plan's stated figures with
    ``use_stated`` where the plan states one for every party; a line with no key can only
    use its stated figures."""
    if line.key is None or (use_stated and _complete_stated(budget, line)):
        if not _complete_stated(budget, line):
            raise BudgetError(_(
                "{where}: line {name!r} has no financing key and does not state a figure for "
                "each party ({parties}): nothing says how to divide it").format(
                    where=where(line.ref.file, line.ref.line), name=line.name,
                    parties=", ".join(budget.parties)))
        basis = NO_KEY if line.key is None else STATED
        return LineShare(line, basis, {p: line.stated[p] for p in budget.parties})
    key = budget.keys.get(line.key)
    if key is None:  # pragma: no cover - B006, refused in select_budget
        raise BudgetError(_("line {name!r} names unknown key {key!r}").format(
            name=line.name, key=line.key))
    return LineShare(line, f"{KEY}:{key.id}",
                     split_by_shares(line.amount, key.shares, budget.parties))


@dataclass(frozen=True, slots=True)
class Payer:
    """Who receives an invoice: a party other than VGK (VGR), or one municipality."""

    id: str
    name: str
    association: str | None = None
    population: int | None = None

    @property
    def municipal(self) -> bool:
        return self.association is not None


@dataclass(frozen=True)
class Split:
    """A budget divided over payers: ``amounts[line][payer]`` in whole kronor."""

    budget: Budget
    table: PopulationTable
    use_stated: bool
    lines: tuple[LineShare, ...]
    payers: tuple[Payer, ...]
    amounts: tuple[tuple[int, ...], ...]
    amendments: tuple[tuple[int, int, tuple[int, ...]], ...] = ()
    """(line, first month, per payer) of each amendment, already included in ``amounts``."""

    def payer_total(self, i: int) -> int:
        return sum(row[i] for row in self.amounts)

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.amounts)


def split_budget(budget: Budget, table: PopulationTable, names: Mapping[str, str] | None = None,
                 use_stated: bool = False) -> Split:
    """Each line between the parties, and VGK's share of it over the municipalities by
    population, municipalities in code order (so a tie in the remainder goes to the lower
    code). Payers: the other parties in the budget's order, then the municipalities."""
    names = names or {}
    lines = tuple(line_share(budget, ln, use_stated) for ln in budget.lines)
    munis = sorted(table.municipalities, key=lambda m: m.code)
    missing = [c for c in MUNICIPALITIES if c not in {m.code for m in munis}]
    if missing or len(munis) != len(MUNICIPALITIES):  # pragma: no cover - P001-P003 refused
        raise BudgetError(_("population table {id} does not hold the 49 municipalities")
                          .format(id=table.id))
    weights = [m.population for m in munis]
    payers: list[Payer] = []
    for party in budget.parties:
        if party == MUNICIPAL_PARTY:
            payers += [Payer(m.code, m.name, m.association, m.population) for m in munis]
        else:
            payers.append(Payer(party, names.get(party, party)))
    amounts = []
    for share in lines:
        row: list[int] = []
        for party in budget.parties:
            if party == MUNICIPAL_PARTY:
                row += allocate(share.parties[party], weights)
            else:
                row.append(share.parties[party])
        amounts.append(tuple(row))
    from shvo_cli.budget.amendments import amendment_rows

    extra = amendment_rows(budget, weights, MUNICIPAL_PARTY)
    for line_index, __, parts in extra:
        amounts[line_index] = tuple(a + b for a, b in zip(amounts[line_index], parts,
                                                          strict=True))
    return Split(budget, table, use_stated, lines, tuple(payers), tuple(amounts), extra)


# --- grouping payers ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """Payers reported together: one party, one kommunalförbund, or one municipality. Its
    amounts are the sums of its members' amounts, so groups add up like the payers do."""

    id: str
    name: str
    association: str | None
    members: tuple[int, ...]
    population: int | None = None


def groups(split: Split, by: str, names: Mapping[str, str] | None = None
           ) -> tuple[Group, ...]:
    """Payers grouped ``by`` party, association (kommunalförbund) or municipality, in the
    payers' order (the municipalities' group or groups stand where VGK stands)."""
    if by not in BY_CHOICES:
        raise BudgetError(_("--by {by}: choose one of {choices}").format(
            by=by, choices=", ".join(BY_CHOICES)))
    names = names or {}
    municipal = tuple(i for i, p in enumerate(split.payers) if p.municipal)

    def people(members: Iterable[int]) -> int:
        return sum(split.payers[i].population or 0 for i in members)

    out: list[Group] = []
    for i, payer in enumerate(split.payers):
        if not payer.municipal:
            out.append(Group(payer.id, payer.name, None, (i,)))
        elif by == "municipality":
            out.append(Group(payer.id, payer.name, payer.association, (i,), payer.population))
        elif i == municipal[0] and by == "party":
            out.append(Group(MUNICIPAL_PARTY, names.get(MUNICIPAL_PARTY, MUNICIPAL_PARTY),
                             None, municipal, people(municipal)))
        elif i == municipal[0]:
            for assoc, name in ASSOCIATIONS.items():
                members = tuple(j for j in municipal if split.payers[j].association == assoc)
                out.append(Group(assoc, name, assoc, members, people(members)))
    return tuple(out)


def group_amounts(split: Split, grouped: Sequence[Group]) -> tuple[tuple[int, ...], ...]:
    """``[line][group]``: each group's share of each line."""
    return tuple(tuple(sum(row[i] for i in g.members) for g in grouped)
                 for row in split.amounts)


# --- the budget as the plan states it -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShowLine:
    """A line as ``budget show`` presents it: what the split divides beside what the plan
    states. ``split`` is None when nothing says how to divide the line."""

    line: BudgetLine
    basis: str
    split: dict[str, int] | None
    stated: dict[str, int]

    def difference(self, party: str) -> int | None:
        """Stated minus split, where both exist."""
        if self.split is None or party not in self.stated:
            return None
        return self.stated[party] - self.split[party]


@dataclass(frozen=True)
class BudgetView:
    budget: Budget
    lines: tuple[ShowLine, ...]

    @property
    def lines_amount(self) -> int:
        return sum(s.line.amount for s in self.lines)

    def split_total(self, party: str) -> int | None:
        if any(s.split is None for s in self.lines):
            return None
        return sum(s.split[party] for s in self.lines if s.split is not None)

    def stated_lines_total(self, party: str) -> int | None:
        """The lines' stated figures summed, if every line states one for ``party``."""
        if not all(party in s.stated for s in self.lines):
            return None
        return sum(s.stated[party] for s in self.lines)


def budget_view(budget: Budget, use_stated: bool = False) -> BudgetView:
    out = []
    for line in budget.lines:
        try:
            share = line_share(budget, line, use_stated)
            out.append(ShowLine(line, share.basis, share.parties, dict(line.stated)))
        except BudgetError:
            out.append(ShowLine(line, "none", None, dict(line.stated)))
    return BudgetView(budget, tuple(out))
