"""A section of the quarterly report as its renderers (text, Markdown, HTML, the site) lay
it out: the data of :mod:`shvo_cli.cycle.report` made into a heading and a table."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One section as a table: heading, column headings, rows, and notes after it."""

    heading: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
