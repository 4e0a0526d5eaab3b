"""Tables as data, so one view can be drawn two ways: plain text (a pipe, a file, a test, a
dumb terminal; byte for byte the same every run) and, by ``cli/``, with rich on a terminal.

A view for people returns a :data:`Page`: lines of text and :class:`Table` blocks, in order.
Every cell passes :func:`shvo_cli.text.one_line` here, once, before widths are measured, so
a hostile value can neither reach the terminal raw nor break the columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from shvo_cli.text import one_line, visible

RULE: tuple[str, ...] = ("",)
"""A row of one empty cell: a rule (``----``) between the body and a total."""


@dataclass(frozen=True, slots=True)
class Table:
    """Headers, rows, per-column alignment (``l`` or ``r``) and per-row style hints.

    ``styles[i]`` names how row ``i`` matters (``"error"``, ``"warning"``, ``"total"`` or
    None); plain text ignores it, a terminal colours it. ``header_rule`` draws dashes under
    the headers; ``pad_last`` pads the last column too (a free-text last column is not);
    ``indent`` starts every line; ``show_headers`` False keeps the headers for a terminal
    but leaves them out of plain text (where scripts read the lines as they always were).
    """

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    align: str = ""
    styles: Sequence[str | None] = ()
    header_rule: bool = False
    pad_last: bool = True
    strip: bool = True
    indent: str = ""
    gap: str = "  "
    show_headers: bool = True
    title: str | None = None

    def alignment(self, column: int) -> str:
        return self.align[column] if column < len(self.align) else "l"

    def style(self, row: int) -> str | None:
        return self.styles[row] if row < len(self.styles) else None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text with a style hint: ``mark`` (e.g. ``error[Y014]``) is the part a
    terminal colours by ``style``; without a mark the whole line is. Plain text ignores
    both."""

    text: str
    style: str | None = None
    mark: str | None = None


@dataclass(slots=True)
class Page:
    """What a view for people shows: lines of text and tables, in order."""

    blocks: list[str | Line | Table] = field(default_factory=list)

    def add(self, *blocks: str | Line | Table) -> Page:
        self.blocks.extend(blocks)
        return self


def cells(table: Table) -> tuple[list[str], list[list[str]]]:
    """Headers and rows with every cell made safe to show on one line."""
    return ([one_line(h) for h in table.headers],
            [[one_line(c) for c in row] for row in table.rows])


def plain_table(table: Table) -> str:
    """Columns padded to their widest cell (headers included), joined by ``gap``."""
    headers, rows = cells(table)
    measured = ([headers] if table.show_headers else []) + [r for r in rows if r != [""]]
    count = max((len(r) for r in measured), default=0)
    padded = count if table.pad_last else count - 1
    widths = [max((len(r[j]) for r in measured if j < len(r)), default=0)
              for j in range(count)]

    def line(row: Sequence[str]) -> str:
        out = [c.rjust(widths[j]) if table.alignment(j) == "r" and j < padded
               else c.ljust(widths[j]) if j < padded else c for j, c in enumerate(row)]
        text = table.indent + table.gap.join(out)
        return text.rstrip() if table.strip else text

    rule = table.indent + table.gap.join("-" * w for w in widths)
    lines = [line(headers)] if table.show_headers else []
    if table.show_headers and table.header_rule:
        lines.append(rule)
    lines += [rule if row == [""] else line(row) for row in rows]
    return "\n".join(lines)


def plain(page: Page | str) -> str:
    """The page as plain text, one newline after the last line; a string is shown as it
    is, every hidden character written out."""
    if isinstance(page, str):
        return visible(page)
    return "".join((plain_table(b) if isinstance(b, Table)
                    else visible(b.text if isinstance(b, Line) else b)) + "\n"
                   for b in page.blocks)
