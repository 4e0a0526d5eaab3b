"""Text fields have sensible lengths. The longest text in the plan is a few hundred
characters; a title of 120 KB is not a title but a paste gone wrong (or an attempt to make
every listing, report and terminal unusable). One-line fields — titles, names, summaries,
references, people — hold at most ``ONE_LINE`` characters, any other text ``MULTI_LINE``.
``records/change.check_text`` refuses the same in a changing command's input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.repository import Repository

ONE_LINE = 500
MULTI_LINE = 10_000
ONE_LINE_FIELDS = frozenset({"title", "subtitle", "name", "summary", "reference", "person",
                             "email", "id", "source", "file"})

Path_ = tuple[str | int, ...]


def limit_for(field: str | None) -> int:
    return ONE_LINE if field in ONE_LINE_FIELDS else MULTI_LINE


def _texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str | None, str]]:
    """Every string in the data, with where it is and the name of its field."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                yield (*path, key), key, value
            else:
                yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, str):
                field = next((p for p in reversed(path) if isinstance(p, str)), None)
                yield (*path, i), field, item
            else:
                yield from _texts(item, (*path, i))


def check(repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    for doc in repo.documents:
        if not isinstance(doc.data, dict):
            continue
        for path, field, text in _texts(doc.data):
            limit = limit_for(field)
            if len(text) > limit:
                where = ".".join(str(p) for p in path)
                out.append(doc.at("S010", path, _(
                    "{field} is {length} characters long; at most {limit} are allowed here "
                    "(a paste gone wrong?)").format(field=where, length=len(text),
                                                     limit=limit)))
    return out
