"""Where a piece of the model came from, so every check can point at a file and line.

Positions are looked up lazily (only when a finding is made): a clean run over ten thousand
requests never pays for locating nodes it has nothing to say about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shvo_cli.findings import Finding
from shvo_cli.yamlfile import YamlDocument

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
