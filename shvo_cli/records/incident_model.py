"""Outages (driftstopp, seed 6.4) as frozen dataclasses, built from schema-valid documents.

"Vid driftstopp har Peak Networks, GITS och applikationsleverans löpande dialog kring vidtagna
och planerade åtgärder, bedömningar och informationsflöde, till och från berörda
verksamheter." An incident record keeps that dialogue: when the outage started and ended,
the systems of the register it hit, and appended updates saying what was assessed, done,
planned, and who was told when. Never personal data: organisations and roles, not patients.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shvo_cli.records.source import SourceRef


def moment(value: str) -> datetime:
    """'YYYY-MM-DDTHH:MM' (local time, as minutes are written) as a naive datetime."""
    return datetime.fromisoformat(value)


@dataclass(frozen=True, slots=True)
class Informed:
    who: str
    at: datetime


@dataclass(frozen=True, slots=True)
class IncidentUpdate:
    at: datetime
    person: str
    role: str
    text: str
    taken: tuple[str, ...]
    planned: tuple[str, ...]
    informed: tuple[Informed, ...]
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    title: str
    systems: tuple[str, ...]
    started: datetime
    ended: datetime | None
    state: str
    updates: tuple[IncidentUpdate, ...]
    ref: SourceRef

    def minutes(self, until: datetime) -> int:
        """Downtime in whole minutes, up to ``until`` while the outage is open."""
        end = self.ended if self.ended is not None and self.ended <= until else until
        return max(0, int((end - self.started).total_seconds()) // 60)


def build_incident(data: dict[str, Any], ref: SourceRef) -> Incident:
    updates = tuple(
        IncidentUpdate(moment(u["at"]), u["by"]["person"], u["by"]["role"], u["text"],
                       tuple(u.get("actions_taken", ())), tuple(u.get("actions_planned", ())),
                       tuple(Informed(i["who"], moment(i["at"])) for i in u.get("informed", ())),
                       ref.child("updates", n))
        for n, u in enumerate(data["updates"]))
    ended = data.get("ended")
    return Incident(data["id"], data["title"], tuple(data["systems"]), moment(data["started"]),
                    moment(ended) if ended else None, data["state"], updates, ref)
