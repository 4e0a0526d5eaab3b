"""What an audit is made of: findings tied to commits, a commit's change to one request file
(for ``shvo request log``), and a request file as one blob — parsed, checked against its
schema and built, or the reason it could not be.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from shvo_cli.audit.history import Commit
from shvo_cli.findings import Finding
from shvo_cli.i18n import N_
from shvo_cli.records.model import Request
from shvo_cli.yamlio.read import YamlDocument

Origin = tuple[str, date]
"""The commit that added a history entry, and that commit's date."""

SIGNATURE = {"B": N_("a bad signature"),
             "U": N_("a good signature by a key of unknown trust"),
             "X": N_("an expired signature"), "Y": N_("a signature by an expired key"),
             "R": N_("a signature by a revoked key"),
             "E": N_("a signature git cannot check (missing key, or no "
                     "gpg.ssh.allowedSignersFile)")}
"""What git's signature status letters mean (translated where shown, with ``_(…)``)."""


@dataclass(frozen=True, slots=True)
class AuditFinding:
    finding: Finding
    commit: str | None


@dataclass
class FileEvent:
    """One commit's change to one request file, for ``shvo request log``."""

    commit: Commit
    path: str
    status: str
    before: str | None
    after: str | None
    entries: list[tuple[int, int, dict[str, Any]]]
    findings: list[Finding] = field(default_factory=list)

@dataclass
class Version:
    """A request file as one blob: parsed, schema-checked, built — or why not."""

    doc: YamlDocument | None
    request: Request | None
    problem: str | None
    entries: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    _lines: list[int] | None = None

    def line(self, index: int) -> int:
        """The line of history entry ``index`` (composed once, on first need)."""
        if self._lines is None:
            self._lines = _entry_lines(self.doc) if self.doc is not None else []
        return self._lines[index] if 0 <= index < len(self._lines) else 1

    def entry_at(self, line: int) -> int | None:
        """The history entry a line falls in (None: outside the history)."""
        self.line(0)
        lines = self._lines or []
        if not lines or not lines[0] <= line < lines[-1]:
            return None
        return bisect.bisect_right(lines, line, 0, len(lines) - 1) - 1


def _entry_lines(doc: YamlDocument) -> list[int]:
    """Start line of each history entry, then the line just after the history."""
    root = doc.root
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "history" and isinstance(value, yaml.SequenceNode):
            end = value.end_mark.line + (1 if value.end_mark.column == 0 else 2)
            return [n.start_mark.line + 1 for n in value.value] + [end]
    return []


def entry_key(entry: Any) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)


def step_name(entry: dict[str, Any], index: int) -> str:
    if entry.get("transition"):
        return str(entry["transition"])
    return "new" if index == 0 else "edit" if entry.get("edited") else "note"


def signer_email(signer: str) -> str:
    if "<" in signer and signer.endswith(">"):
        return signer.rsplit("<", 1)[1][:-1]
    return signer
