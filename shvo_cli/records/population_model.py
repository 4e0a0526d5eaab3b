"""The population table as the loader keeps it: each municipality's figure with its date
and source, the table's reference date and the total it states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from shvo_cli.records.source import SourceRef


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    association: str
    population: int
    as_of: date
    source: str
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class PopulationTable:
    id: str
    reference_date: date
    stated_total: int | None
    municipalities: tuple[Municipality, ...]
    ref: SourceRef


def build_population(data: dict[str, Any], ref: SourceRef) -> PopulationTable:
    rows = tuple(
        Municipality(m["code"], m["name"], m["association"], m["population"],
                     date.fromisoformat(m["as_of"]), m["source"], ref.child("municipalities", i))
        for i, m in enumerate(data["municipalities"])
    )
    return PopulationTable(data["id"], date.fromisoformat(data["reference_date"]),
                           data.get("stated_total"), rows, ref)
