"""Checks of one document on its own, run when the file is read (so their findings are
cached with the file's other per-file findings and cost nothing on an unchanged file).

Text fields have sensible lengths. The longest text in the plan is a few hundred characters; a
title of 120 KB is not a title but a paste gone wrong (or an attempt to make every listing,
report and terminal unusable). One-line fields — titles, names, summaries, references, people —
hold at most ``ONE_LINE`` characters, any other text ``MULTI_LINE``.
``records/change.check_text`` refuses the same in a changing command's input.

Ids are unique within every list that is keyed by id: a budget's lines and financing keys, a
plan's goals, every list of records whose items carry an ``id``. Two items with one id are two
meanings under one name — the finance JSON kept only one of two budget lines with the same id
and so invoiced less than was decided. Lists that have their own worded check (bodies,
assignments, systems, process states, transitions, milestones) are left to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.yamlio.read import YamlDocument

Path_ = tuple[str | int, ...]

ONE_LINE = 500
MULTI_LINE = 10_000
ONE_LINE_FIELDS = frozenset({"title", "subtitle", "name", "summary", "reference", "person",
                             "email", "id", "source", "file"})


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


def _long_texts(doc: YamlDocument, data: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    for path, field, text in _texts(data):
        limit = limit_for(field)
        if len(text) > limit:
            where = ".".join(str(p) for p in path)
            out.append(doc.at("S010", path, _(
                "{field} is {length} characters long; at most {limit} are allowed here "
                "(a paste gone wrong?)").format(field=where, length=len(text), limit=limit)))
    return out


def _twice_in_lists(doc: YamlDocument, data: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
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


def check_document(doc: YamlDocument) -> list[Finding]:
    """Both checks over one parsed document (nothing for one that is not a mapping)."""
    if not isinstance(doc.data, dict):
        return []
    return _long_texts(doc, doc.data) + _twice_in_lists(doc, doc.data)
