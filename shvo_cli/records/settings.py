"""Local settings: rules a collaboration sets for itself that the plan does not contain.

They live apart from the plan's own rules (``settings/``) so that nobody mistakes them for
the seed's words, and each names who set it and when. ``shvo init`` starts without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from shvo_cli.records.source import SourceRef


@dataclass(frozen=True, slots=True)
class ServiceLevels:
    """GITS's own targets for how long a request waits in a state (not the plan's)."""

    set_by: str
    set_on: date
    reference: str
    days: dict[str, int]
    ref: SourceRef


def build_service_levels(data: dict[str, Any], ref: SourceRef) -> ServiceLevels:
    return ServiceLevels(data["set_by"], date.fromisoformat(data["set_on"]), data["reference"],
                         dict(data["days"]), ref)
