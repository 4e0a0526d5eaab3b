"""Ids unique within every list that is keyed by id: a budget's lines and financing keys,
a plan's goals, every list of records whose items carry an ``id``. Two items with one id
are two meanings under one name — the finance JSON kept only one of two budget lines with
the same id and so invoiced less than was decided. Lists that have their own worded
check (bodies, assignments, systems, process states, transitions, milestones) are left to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.repository import Repository

Path_ = tuple[str | int, ...]

_CHECKED_ELSEWHERE = {("organisation", ("bodies",)), ("plan", ("assignments",)),
                      ("systems", ("systems",)), ("process", ("states",)),
                      ("process", ("transitions",)), ("process", ("milestones",))}


def _lists(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, list[Any]]]:
    """Every list in the data, with where it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _lists(value, (*path, key))
    elif isinstance(data, list):
        yield path, data
        for i, item in enumerate(data):
            yield from _lists(item, (*path, i))


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for doc in repo.documents:
        data = doc.data
        if not isinstance(data, dict):
            continue
        kind = data["kind"] if isinstance(data.get("kind"), str) else None
        for path, items in _lists(data):
            if (kind, path) in _CHECKED_ELSEWHERE:
                continue
            seen: set[str] = set()
            for i, item in enumerate(items):
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    continue
                if item["id"] in seen:
                    where = ".".join(str(p) for p in path)
                    out.append(doc.at("R001", (*path, i, "id"), _(
                        "id {id!r} is used twice in {list}: each item of a list keyed by id "
                        "needs its own").format(id=item["id"], list=where)))
                seen.add(item["id"])
    return out
