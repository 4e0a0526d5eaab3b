"""The förvaltningsplan as a document: headings, paragraphs, lists and tables, built from
the plan, budget and systems records in the seed's structure (1 Inledning … 9 Referenser och
länkar).

One neutral block list feeds every format (Markdown, HTML, Word), so the three cannot drift
apart; the renderers in ``shvo_cli.render`` only decide how a block looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shvo_cli.money import split_by_shares
from shvo_cli.plan.sections import BY_KEY, HEADINGS, data_of, section_text
from shvo_cli.records.model import Budget, Organisation, Plan, System


@dataclass(frozen=True)
class Heading:
    level: int  # 0 = the title
    text: str
    number: str = ""


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[str, tuple[str, ...]], ...]  # item, sub-items


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass
class Document:
    title: str
    blocks: list[Heading | Para | Bullets | Table] = field(default_factory=list)

    def heading(self, number: str, text: str | None = None) -> None:
        self.blocks.append(Heading(number.count(".") + 1, text or HEADINGS[number], number))

    def paras(self, texts: list[str]) -> None:
        self.blocks += [Para(" ".join(t.split())) for t in texts]

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level > 0]


def kronor(amount: int) -> str:
    """Swedish grouping with a space: 7 900 000."""
    sign = "−" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", " ")


def _grouped(texts: list[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Consecutive items "Lead: a", "Lead: b" become one "Lead:" with sub-items, as the seed
    writes "Systematiskt arbete kring:"."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for text, items in texts:
        lead, sep, rest = text.partition(": ")
        if sep and not items and out and out[-1][0] == lead + ":":
            out[-1] = (out[-1][0], (*out[-1][1], rest))
        elif sep and not items:
            out.append((lead + ":", (rest,)))
        else:
            out.append((text, items))
    return tuple(out)


def _assignments(doc: Document, data: dict[str, Any]) -> None:
    doc.heading("4")
    for cat in data.get("categories", []):
        doc.heading(cat.get("seed", "4"), cat["name"])
        items = [(" ".join(a["text"].split()), tuple(a.get("items", ())))
                 for a in data["assignments"] if a["category"] == cat["id"]]
        if items:
            doc.blocks.append(Bullets(_grouped(items)))


def budget_rows(budget: Budget) -> tuple[tuple[str, ...], ...]:
    """Lines computed with their keys (a line with no key shows its stated figures), the
    computed total, and the stated total where the record keeps one that differs."""
    parties = ("VGK", "VGR")
    rows: list[tuple[str, ...]] = []
    sums = {"amount": 0, "VGK": 0, "VGR": 0}
    for line in budget.lines:
        key = budget.keys.get(line.key) if line.key else None
        split = split_by_shares(line.amount, key.shares, budget.parties) if key \
            else dict(line.stated)
        cells = [line.name, kronor(line.amount)]
        sums["amount"] += line.amount
        for p in parties:
            value = split.get(p)
            sums[p] += value or 0
            shown = kronor(value) if value is not None else "–"
            if p in line.stated and line.stated[p] != value:
                shown += f" (angivet {kronor(line.stated[p])})"
            cells.append(shown)
        rows.append(tuple(cells))
    stated = budget.stated_total
    computed = (sums["amount"], sums["VGK"], sums["VGR"])
    given = (stated.get("amount"), stated.get("VGK"), stated.get("VGR"))
    if stated and any(g is not None and g != c for g, c in zip(given, computed, strict=True)):
        rows.append(("Summa av raderna", *(kronor(c) for c in computed)))
        rows.append(("Totalt", *(kronor(g) if g is not None else "–" for g in given)))
    else:
        rows.append(("Totalt", *(kronor(c) for c in computed)))
    return tuple(rows)


def _budget(doc: Document, data: dict[str, Any], budget: Budget | None, year: int) -> None:
    doc.heading("5")
    doc.heading("5.1")
    doc.paras(section_text(data, BY_KEY["budget"]))
    if budget is not None:
        doc.blocks.append(Table(f"BUDGET {year} Samordnad hälsa- vård och omsorg",
                                ("Benämning", "Budget", "Kommun", "VGR"),
                                budget_rows(budget), (1, 2, 3)))
        names = {ln.id: ln.name for ln in budget.lines}
        doc.paras([f"Ändring {a.date.isoformat()} enligt beslut {a.decision}: "
                   f"{names.get(a.line, a.line)} {'+' if a.amount >= 0 else ''}"
                   f"{kronor(a.amount)} kr." + (f" {a.note}" if a.note else "")
                   for a in budget.amendments])
    doc.heading("5.2")
    doc.paras(section_text(data, BY_KEY["financing"]))
    if budget is not None:
        doc.blocks.append(Bullets(tuple((" ".join(k.text.split()), ())
                                        for k in budget.keys.values() if k.text)))


def _organisation(doc: Document, data: dict[str, Any]) -> None:
    doc.heading("6")
    for key in ("gits", "reference_group", "process", "process_within_plan",
                "process_next_year", "operations", "change_management", "communication"):
        section = BY_KEY[key]
        doc.heading(section.number)
        doc.paras(section_text(data, section))


def _systems(doc: Document, data: dict[str, Any], systems: list[System]) -> None:
    doc.heading("7")
    doc.paras(section_text(data, BY_KEY["systems"]))
    rows = tuple((s.name, " ".join(s.dependency.split())) for s in systems
                 if not s.operated_by)  # SAMSA itself is the service, not a related system
    if rows:
        doc.blocks.append(Table("", ("System", "Beskrivning av beroende"), rows))


def adoption_line(plan: Plan) -> str:
    if plan.adoption_date is None:
        return f"Ställningstagande i {plan.adoption_body}: – (utkast)"
    decision = f" ({plan.adoption_decision})" if plan.adoption_decision else ""
    return f"Ställningstagande i {plan.adoption_body}: {plan.adoption_date.isoformat()}{decision}"


def build(plan: Plan, budget: Budget | None, systems: list[System],
          organisation: Organisation | None) -> Document:
    """The whole plan document, section by section, from the records."""
    data = data_of(plan)
    doc = Document(data["title"])
    doc.blocks.append(Heading(0, data["title"]))
    owner = organisation.bodies.get(data.get("owner", "")) if organisation else None
    doc.paras([t for t in (data.get("subtitle"), owner.name if owner else None,
                           adoption_line(plan)) if t])
    for number, key in (("1", "introduction"), ("2", "goals")):
        doc.heading(number)
        doc.paras(section_text(data, BY_KEY[key]))
    doc.heading("3")
    mission = section_text(data, BY_KEY["mission"])
    split_at = next((i + 1 for i, t in enumerate(mission) if t.rstrip().endswith(":")), 0)
    doc.paras(mission[:split_at])
    documents = tuple((" ".join(d["title"].split()), ()) for d in
                      data.get("governing_documents", []))
    if split_at and documents:
        doc.blocks.append(Bullets(documents))
    doc.paras(mission[split_at:])
    _assignments(doc, data)
    _budget(doc, data, budget, plan.year)
    _organisation(doc, data)
    _systems(doc, data, systems)
    doc.heading("8")
    doc.paras(section_text(data, BY_KEY["abbreviations"]))
    doc.blocks.append(Bullets(tuple((f"{a['term']} – {' '.join(a['text'].split())}", ())
                                    for a in data.get("abbreviations", []))))
    doc.heading("9")
    doc.paras(section_text(data, BY_KEY["references"]))
    amendments = data.get("amendments", [])
    if amendments:
        doc.heading("", "Ändringar efter fastställande")
        doc.paras([f"{a['date']} ({a['decision']}): {a['text']}" for a in amendments])
    return doc
