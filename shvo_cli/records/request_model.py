"""Requests as the model holds them: the record's fields and its history.

Kept apart from the other kinds because a request is the record there are tens of thousands
of: how it is built decides how fast every command that reads the repository is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

from shvo_cli.records.source import SourceRef


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    date: date
    transition: str | None
    to: str
    person: str
    role: str
    note: str | None
    scope: str | None
    subregion: str | None
    outcome: str | None
    decisions: tuple[str, ...]
    edited: tuple[str, ...]
    assignment: str | None
    ref: SourceRef
    concurrence: tuple[str, str] | None = None
    awaiting_meeting: str | None = None


@dataclass(frozen=True, slots=True)
class Request:
    id: str
    title: str
    category: str
    assignment: str | None
    channel: str
    scope: str | None
    systems: tuple[str, ...]
    municipalities: tuple[str, ...]
    state: str
    example: bool
    history: History
    ref: SourceRef

    @property
    def year(self) -> int:
        """The year in the id: the plan a request is judged against."""
        return int(self.id[4:8])


def _history_entry(h: dict[str, Any], ref: SourceRef) -> HistoryEntry:
    return HistoryEntry(date.fromisoformat(h["date"]), h.get("transition"), h["to"],
                        h["by"]["person"], h["by"]["role"], h.get("note"), h.get("scope"),
                        h.get("subregion"), h.get("outcome"), tuple(h.get("decisions", ())),
                        tuple(h.get("edited", ())), h.get("assignment"), ref,
                        (h["concurrence"]["person"], h["concurrence"]["role"])
                        if "concurrence" in h else None, h.get("awaiting_meeting"))


class History(Sequence[HistoryEntry]):
    """A request's history, made into entries the first time an entry is asked for.

    Most runs read ten thousand histories and look at none of them (``validate`` with its
    memo, ``request list``, which needs only the first and the last date): building sixty
    thousand entries up front was a third of loading. The raw list is the schema-checked
    data, so building later cannot fail differently from building at once."""

    __slots__ = ("_entries", "_raw", "_ref")

    def __init__(self, raw: list[dict[str, Any]], ref: SourceRef) -> None:
        self._raw = raw
        self._ref = ref
        self._entries: tuple[HistoryEntry, ...] | None = None

    def _all(self) -> tuple[HistoryEntry, ...]:
        if self._entries is None:
            child = self._ref.child
            self._entries = tuple(_history_entry(h, child("history", i))
                                  for i, h in enumerate(self._raw))
        return self._entries

    @overload
    def __getitem__(self, index: int) -> HistoryEntry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[HistoryEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> HistoryEntry | tuple[HistoryEntry, ...]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._raw)

    def __iter__(self) -> Iterator[HistoryEntry]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, History):
            return self._all() == other._all()
        return isinstance(other, tuple) and self._all() == other

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"History({self._all()!r})"

    def release(self) -> None:
        """Forget the built entries (they are built again if asked for): a check that walks
        fifty thousand histories once need not keep three hundred thousand entries."""
        self._entries = None

    def cited_decisions(self) -> Iterator[str]:
        """The decision ids the entries cite, without building the entries."""
        for h in self._raw:
            yield from h.get("decisions", ())

    def state_at(self, day: date) -> str | None:
        """The state at the end of ``day`` (None before the first entry), without building
        the entries: ISO dates compare as text."""
        until, state = day.isoformat(), None
        for h in self._raw:
            if h["date"] > until:
                break
            state = h["to"]
        return state

    def any_between(self, start: date, end: date) -> bool:
        """Whether an entry is dated within ``start``–``end``, without building them."""
        low, high = start.isoformat(), end.isoformat()
        return any(low <= h["date"] <= high for h in self._raw)

    def first_date(self) -> date:
        """The date of the first entry, without building the entries."""
        return date.fromisoformat(self._raw[0]["date"])

    def last_date(self) -> date:
        """The date of the last entry, without building the entries."""
        return date.fromisoformat(self._raw[-1]["date"])


def build_request(data: dict[str, Any], ref: SourceRef) -> Request:
    return Request(data["id"], data["title"], data["category"], data.get("assignment"),
                   data["channel"], data.get("scope"), tuple(data.get("systems", ())),
                   tuple(data.get("municipalities", ())), data["state"],
                   bool(data.get("example")), History(data["history"], ref), ref)
