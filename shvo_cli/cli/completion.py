"""Shell completion of values from the records: request and decision ids, states, scopes,
categories, channels, bodies, system ids and municipality codes.

``shvo --install-completion`` installs the shell's hook; on each Tab the shell runs shvo,
which answers from ``records/ids.py``: file names and a line scan, never a validated load,
so a repository of 10 000 requests completes in well under 0.3 s (bench/completion.py).
Which value completes from which records is decided here, by parameter name, for the whole
command tree at once (``attach``), so a new command taking ``--state`` completes states
without further work. Nothing here raises: no records, no completions.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

Source = Callable[[Path], list[str] | dict[str, str]]


def _requests(root: Path) -> list[str]:
    from shvo_cli.records import ids

    return ids.file_ids(root, "requests", "REQ-")


def _decisions(root: Path) -> list[str]:
    from shvo_cli.records import ids

    return ids.file_ids(root, "decisions", "DEC-")


def _named(name: str) -> Source:
    def read(root: Path) -> dict[str, str]:
        from shvo_cli.records import ids

        reader: Callable[[Path], dict[str, str]] = getattr(ids, name)
        return reader(root)

    return read


# Parameter name (as in the command's function) -> where its values come from.
SOURCES: dict[str, Source] = {
    "request_id": _requests, "request": _requests,
    "decision_id": _decisions, "decision": _decisions,
    "to": _named("states"), "state": _named("states"), "scope": _named("scopes"),
    "category": _named("categories"), "channel": _named("channels"),
    "body": _named("bodies"), "system": _named("systems"), "system_id": _named("systems"),
    "systems": _named("systems"), "municipality": _named("municipalities"),
}
LISTS = frozenset({"systems"})
"""Comma-separated values: the part after the last comma is completed."""


_MARKER_LINE = re.compile(r"records:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?\Z")


def _marker(folder: Path) -> Path | None:
    """The records a plain ``shvo.yaml`` points at (one ``records: DIR`` line), else None."""
    try:
        lines = (folder / "shvo.yaml").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for line in lines:
        found = _MARKER_LINE.match(line.strip())
        if found:
            return folder / found.group(1)
    return folder


def _root(ctx: Any) -> Path | None:
    """The records folder, found as ``find_records_root`` finds it (--records, then
    $SHVO_RECORDS, then a shvo.yaml at or above the working directory) but without its
    YAML parser: importing the records machinery would cost a fifth of the time a Tab
    press may take. A folder that is not a records folder simply completes nothing."""
    given = None
    while ctx is not None and given is None:
        given = (getattr(ctx, "params", None) or {}).get("records")
        ctx = getattr(ctx, "parent", None)
    given = given or os.environ.get("SHVO_RECORDS") or None
    if given:
        folder = Path(given).expanduser()
        if (folder / "shvo.yaml").is_file() and not (folder / "process.yaml").exists():
            return _marker(folder)
        return folder
    cwd = Path.cwd()
    for folder in (cwd, *cwd.parents):
        if (folder / "shvo.yaml").is_file():
            return _marker(folder)
    return None


def candidates(root: Path, name: str, incomplete: str) -> list[tuple[str, str]]:
    """(value, help) pairs for a parameter, matching what was typed so far (any case)."""
    source = SOURCES.get(name)
    if source is None:
        return []
    head, sep, last = incomplete.rpartition(",") if name in LISTS else ("", "", incomplete)
    values = source(root)
    named = values if isinstance(values, dict) else dict.fromkeys(values, "")
    wanted = last.strip().casefold()
    return [(head + sep + value, label) for value, label in named.items()
            if value.casefold().startswith(wanted)]


def _complete(name: str) -> Callable[[Any, Any, str], list[Any]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        try:  # typer ≥ 0.22 carries its own click
            from typer._click.shell_completion import CompletionItem
        except ImportError:  # pragma: no cover - older typer uses click itself
            from click.shell_completion import CompletionItem  # type: ignore[assignment]

        root = _root(ctx)
        if root is None:
            return []
        return [CompletionItem(value, help=label or None)
                for value, label in candidates(root, name, incomplete)]

    return complete


def attach(command: Any) -> None:
    """Give every parameter named in SOURCES its completion, through the whole tree."""
    for param in getattr(command, "params", []):
        if param.name in SOURCES and hasattr(param, "_custom_shell_complete"):
            param._custom_shell_complete = _complete(param.name)
    for sub in getattr(command, "commands", {}).values():
        attach(sub)
