"""Ids in a records folder, read cheaply, for shell completion and for checking an answer
as it is typed.

Completion runs on every Tab press, so it cannot afford a validated load of 10 000 requests:
ids of files come from their names (a record's file is named by its id, which ``validate``
checks), ids inside a file from a line scan of one top-level list (``- id: X`` and the
``name:`` that follows it). Nothing here validates: a broken file yields fewer ids, never an
error, and ``shvo validate`` says what is wrong.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from shvo_cli.records.layout import FOLDER_KIND

# The folders of a records folder from the one module that knows the layout (it imports
# nothing of the records machinery, which would cost completion a fifth of its budget).
FOLDERS = tuple(FOLDER_KIND)
FILES = {"organisation": "organisation.yaml", "process": "process.yaml",
         "systems": "systems.yaml"}

_TOP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):")
_NAME = re.compile(r"\s+(?:-\s+)?(?:name|title):\s*(.*?)\s*\Z")


def closest(answer: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known ids nearest to a mistyped one, ignoring case ("did you mean …")."""
    folded = {k.casefold(): k for k in known}
    return [folded[c] for c in difflib.get_close_matches(answer.casefold(), list(folded),
                                                          n=n, cutoff=0.6)]


def file_ids(root: Path, folder: str, prefix: str = "") -> list[str]:
    """Stems of the ``*.yaml`` files in one records folder (``requests``, ``decisions`` …)."""
    assert folder in FOLDERS, folder
    try:
        with os.scandir(root / folder) as entries:
            names = [e.name[:-5] for e in entries
                     if e.name.endswith(".yaml") and e.name.startswith(prefix)]
    except OSError:
        return []
    return sorted(names)


def _unquote(value: str) -> str:
    value = value.split(" #", 1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def listed(path: Path, section: str, key: str = "id") -> dict[str, str]:
    """``{id: name}`` of the items of one top-level list in a YAML file, by a line scan
    (a name written as a folded block is left empty)."""
    item = re.compile(r"(\s*)-\s+" + re.escape(key) + r":\s*(.+?)\s*\Z")
    out: dict[str, str] = {}
    inside, last, indent = False, "", None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    for line in lines:
        top = _TOP.match(line)
        if top:
            inside, last = top.group(1) == section, ""
            continue
        if not inside:
            continue
        found = item.match(line)
        if found and indent in (None, found.group(1)):  # not an item of a nested list
            indent, last = found.group(1), _unquote(found.group(2))
            out.setdefault(last, "")
            continue
        name = _NAME.match(line)
        if name and last and not out[last] and len(line) - len(line.lstrip()) > len(indent or ""):
            value = _unquote(name.group(1))
            out[last] = "" if value[:1] in {">", "|"} else value
    return out


def singleton(root: Path, kind: str) -> Path:
    """The file of the organisation, process or systems record."""
    return root / FILES[kind]


def latest(root: Path, folder: str) -> Path | None:
    """The newest record of a folder by name (plans, population tables)."""
    names = file_ids(root, folder)
    return root / folder / f"{names[-1]}.yaml" if names else None


def states(root: Path) -> dict[str, str]:
    return listed(singleton(root, "process"), "states")


def scopes(root: Path) -> dict[str, str]:
    return listed(singleton(root, "process"), "scopes")


def channels(root: Path) -> dict[str, str]:
    return listed(singleton(root, "process"), "channels")


def systems(root: Path) -> dict[str, str]:
    return listed(singleton(root, "systems"), "systems")


def bodies(root: Path) -> dict[str, str]:
    return listed(singleton(root, "organisation"), "bodies")


def categories(root: Path) -> dict[str, str]:
    plan = latest(root, "plans")
    return listed(plan, "categories") if plan is not None else {}


def municipalities(root: Path) -> dict[str, str]:
    table = latest(root, "population")
    return listed(table, "municipalities", "code") if table is not None else {}
