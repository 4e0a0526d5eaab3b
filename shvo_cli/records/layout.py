"""The records folder layout, written down once: which file or folder holds which kind of
record, and how record files and ids are named.

Everything else asks here (``layout.record_path(root, "request", rid)``) instead of joining
``root / "requests" / f"{rid}.yaml"`` by hand, so the layout can be read, documented and
changed in one place::

    organisation.yaml  process.yaml  systems.yaml       one of each (singletons)
    plans/plan-YEAR.yaml        budgets/budget-YEAR.yaml     population/<id>.yaml
    requests/REQ-YEAR-XXXXXX.yaml                          decisions/DEC-YEAR-XXXXXX.yaml
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

MARKER = "shvo.yaml"
"""The file that marks a records repository (``records: DIR`` points at the records)."""

FOLDER_KIND = {"plans": "plan", "budgets": "budget", "population": "population",
               "requests": "request", "decisions": "decision", "settings": "service-levels",
               "incidents": "incident", "invoices": "invoice", "outcome": "outcome",
               "utskrivningsklara": "utskrivningsklara"}
"""Which kind belongs in which folder; the top-level singletons are named by file."""
KIND_FOLDER = {kind: folder for folder, kind in FOLDER_KIND.items()}
FILE_KIND = {"organisation.yaml": "organisation", "process.yaml": "process",
             "systems.yaml": "systems"}
SINGLETONS = ("organisation", "process", "systems")
"""Kinds of which a repository holds exactly one, each in its own top-level file."""

SUFFIX = ".yaml"
"""How shvo names the record files it writes."""
RECORD_SUFFIXES = (".yaml", ".yml")
"""Files read as records (people write either)."""
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""The alphabet of the random part of request and decision ids (no I, L, O, U)."""
REQUEST_ID = re.compile(r"REQ-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}\Z", re.ASCII)
DECISION_ID = re.compile(r"DEC-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{4,8}\Z", re.ASCII)
PLAN_ID = re.compile(r"plan-[0-9]{4}\Z", re.ASCII)
BUDGET_ID = re.compile(r"budget-[0-9]{4}\Z", re.ASCII)
_YEARLY = {"plan": "plan-", "budget": "budget-"}
_PREFIX = {"request": "REQ", "decision": "DEC"}


def new_id(kind: str, year: int) -> str:
    """A fresh random request or decision id of ``year`` (``REQ-2025-7K3QXA``): two people
    on two branches never draw one id, and nothing is renumbered."""
    return f"{_PREFIX[kind]}-{year}-" + "".join(secrets.choice(CROCKFORD) for __ in range(6))


def singleton_path(root: Path, kind: str) -> Path:
    """``organisation.yaml``, ``process.yaml`` or ``systems.yaml`` at the root."""
    if kind not in SINGLETONS:
        raise ValueError(kind)
    return root / f"{kind}{SUFFIX}"


def folder(root: Path, kind: str) -> Path:
    """The folder that holds records of ``kind`` (``requests/`` for requests)."""
    return root / KIND_FOLDER[kind]


def record_path(root: Path, kind: str, record_id: str) -> Path:
    """Where the record ``record_id`` of ``kind`` lives: its folder, named by its id."""
    return folder(root, kind) / f"{record_id}{SUFFIX}"


def files_in(root: Path, kind: str) -> list[Path]:
    """The record files directly in the folder of ``kind``, sorted (none if it is missing)."""
    where = folder(root, kind)
    if not where.is_dir():
        return []
    return sorted(p for p in where.iterdir() if p.suffix in RECORD_SUFFIXES and p.is_file())


def yearly_id(kind: str, year: int) -> str:
    """The id of a plan or budget of a year: ``plan-2025``, ``budget-2025``."""
    return f"{_YEARLY[kind]}{year}"


def year_of(kind: str, record_id: str) -> int | None:
    """The year in a plan or budget id (or file stem), None if it is not named that way."""
    prefix = _YEARLY[kind]
    rest = record_id[len(prefix):]
    return int(rest) if record_id.startswith(prefix) and rest.isdigit() else None


def yearly_path(root: Path, kind: str, year: int) -> Path:
    """``plans/plan-YEAR.yaml`` or ``budgets/budget-YEAR.yaml``."""
    return record_path(root, kind, yearly_id(kind, year))


def kind_of(rel_parts: tuple[str, ...] | list[str]) -> str | None:
    """The kind a place implies, from the parts of a path relative to the records root."""
    if len(rel_parts) == 1:
        return FILE_KIND.get(rel_parts[0])
    return FOLDER_KIND.get(rel_parts[0]) if rel_parts else None


def expected_kind(root: Path, path: Path) -> str | None:
    """The kind a file's place implies, used to check the ``kind`` field and to hint."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return None
    return kind_of(rel.parts)


def is_records_folder(root: Path) -> bool:
    """Whether ``root`` holds any of the singleton files or record folders."""
    return any((root / name).exists() for name in (*FILE_KIND, *FOLDER_KIND))


def existing(paths: list[Path]) -> list[Path]:
    """The paths that are files, in the given order (context records found by name)."""
    return [p for p in paths if p.is_file()]


def context_paths(root: Path) -> list[Path]:
    """The singletons every change is judged with, in load order."""
    return [singleton_path(root, kind) for kind in SINGLETONS]
