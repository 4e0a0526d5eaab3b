"""Where a piece of the model came from, so every check can point at a file and line.

Positions are looked up lazily (only when a finding is made): a clean run over ten thousand
requests never pays for locating nodes it has nothing to say about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.yamlio.read import YamlDocument

Step = str | int


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A node of a record file: the document and the path of keys/indices to it."""

    doc: YamlDocument
    path: tuple[Step, ...] = ()

    @property
    def file(self) -> Path:
        return self.doc.path

    @property
    def line(self) -> int:
        return self.doc.locate(self.path)[0]

    def child(self, *steps: Step) -> SourceRef:
        """The ref of a node below this one."""
        return SourceRef(self.doc, self.path + steps)

    def at(self, code: str, message: str, *steps: Step, key: bool = False) -> Finding:
        """A finding at this node (or the node ``steps`` below it)."""
        return self.doc.at(code, self.path + steps, message, key=key)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", re.ASCII)


def parse_iso_date(raw: str, option: str) -> date:
    """A date exactly as records write it (YYYY-MM-DD, ASCII digits): Python would also take
    ``20250903`` or other digits, which would then be written back in another form."""
    from shvo_cli.errors import ShvoError

    if not _ISO_DATE.match(raw):
        raise ShvoError(_("{option} {value!r}: not a date (YYYY-MM-DD)").format(
            option=option, value=raw))
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ShvoError(_("{option} {value!r}: no such date").format(
            option=option, value=raw)) from None
