"""The terminal: the one place output leaves shvo, and the only module that draws with rich.

* Everything written passes :mod:`shvo_cli.text` (record text, git authors and subjects,
  finding messages quoting a value): no escape sequence from the records reaches a terminal.
* On a terminal (stdout a tty, ``NO_COLOR`` unset or empty, ``TERM`` not ``dumb``) views for
  people are drawn with rich: tables with headers and aligned columns, severities in colour,
  and a progress bar on stderr for work that takes more than about a second. Anywhere else —
  a pipe, a file, CI, ``NO_COLOR``, ``TERM=dumb``, any ``--format`` but the table — the
  output is plain text, byte for byte the same on every run.
* rich is imported only when it draws: ``shvo --help`` and every pipe never load it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import typer

from shvo_cli.text import one_line, visible

if TYPE_CHECKING:  # the render modules load only when a command renders (fast --help)
    from shvo_cli.render.formats import Formats
    from shvo_cli.render.table import Page, Table

Progress = Callable[[int, int], None]

STYLES = {"error": "bold red", "warning": "yellow", "total": "bold", "ok": "green",
          "muted": "dim"}
"""How a style hint of a table row or line looks on a terminal."""


def quiet(ctx: typer.Context | None) -> bool:
    """``--quiet``/``-q`` given (before or after the command: see ``app.ShvoGroup``)."""
    if ctx is None:
        return False
    return bool((ctx.find_root().obj or {}).get("quiet"))


def colour_allowed() -> bool:
    """``NO_COLOR`` (any non-empty value, no-color.org) and ``TERM=dumb`` ask for plain text."""
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"


def is_terminal(stream: IO[str] | None = None) -> bool:
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def echo(text: str, *, nl: bool = True, err: bool = False) -> None:
    """Write a line for a person (stdout, or stderr with ``err``), hidden characters shown."""
    typer.echo(visible(text), nl=nl, err=err)


def note(ctx: typer.Context | None, text: str, *, err: bool = True) -> None:
    """A diagnostic (a summary line, "wrote …", a warning that is not an error): stderr
    (stdout with ``err=False``, where a command has always said it there), and nothing with
    ``--quiet``."""
    if not quiet(ctx):
        echo(text, err=err)


def emit(formats: Formats, name: str, *data: Any) -> None:
    """Show a view in format ``name``: drawn with rich on a terminal when it is a view for
    people, otherwise plain text or the machine format, made safe to show."""
    from shvo_cli.render.formats import FOR_PEOPLE, produce, safe_text
    from shvo_cli.render.table import Page, plain

    result = produce(formats, name, *data)
    if isinstance(result, Page):
        if name in FOR_PEOPLE and colour_allowed() and is_terminal():
            draw(result)
        else:
            typer.echo(plain(result), nl=False)
    else:
        typer.echo(safe_text(result, name), nl=False)


def _rich_table(table: Table) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    out = RichTable(box=box.SIMPLE_HEAD, show_header=True, header_style="bold",
                    pad_edge=False, title=table.title)
    for j, header in enumerate(table.headers):
        out.add_column(one_line(header), justify="right" if table.alignment(j) == "r"
                       else "left", no_wrap=j < len(table.headers) - 1)
    pending: list[Text] | None = None
    pending_style: str | None = None
    for i, row in enumerate(table.rows):
        if list(row) == [""]:
            if pending is not None:
                out.add_row(*pending, style=pending_style, end_section=True)
                pending = None
            continue
        if pending is not None:
            out.add_row(*pending, style=pending_style)
        pending = [Text(one_line(c)) for c in row]
        pending_style = STYLES.get(table.style(i) or "")
    if pending is not None:
        out.add_row(*pending, style=pending_style)
    return out


def draw(page: Page) -> None:
    """The page with rich on the terminal: tables boxed under bold headers, lines styled by
    their hint. Text goes in as ``Text`` (never markup), so ``[red]`` in a record is text."""
    from rich.console import Console
    from rich.text import Text

    from shvo_cli.render.table import Line, Table

    console = Console(highlight=False, soft_wrap=False)
    for block in page.blocks:
        if isinstance(block, Table):
            console.print(_rich_table(block))
        elif isinstance(block, Line):
            text = Text(visible(block.text))
            if block.mark:
                text.highlight_words([block.mark], STYLES.get(block.style or "", ""))
            elif block.style:
                text.stylize(STYLES.get(block.style, ""))
            console.print(text)
        else:
            console.print(Text(visible(block)))


@contextmanager
def progress(ctx: typer.Context | None, label: str, counter: str, *, silent: bool = False,
             delay: float = 1.0) -> Iterator[Progress | None]:
    """A progress callback ``(done, total)`` for the core, or None: on a terminal's stderr
    only (not in CI, pipes or with ``--quiet``); with rich a bar named ``label`` that
    appears once the work has taken ``delay`` seconds, and is gone when it ends; under
    ``NO_COLOR``/``TERM=dumb`` the ``counter`` text (with ``{done}`` and ``{total}``)
    rewritten on one line."""
    if silent or quiet(ctx) or os.environ.get("CI") or not is_terminal(sys.stderr):
        yield None
        return
    bar = _Bar(label, delay) if colour_allowed() else _Counter(counter)
    try:
        yield bar
    finally:
        bar.close()


class _Counter:
    """The counter text rewritten in place, at most ten times a second."""

    def __init__(self, text: str) -> None:
        self.text, self.last, self.shown = text, 0.0, False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last, self.shown = now, True
        sys.stderr.write("\r" + visible(self.text.format(done=done, total=total)))
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class _Bar:
    """A rich progress bar on stderr, drawn only once the work has lasted ``delay``."""

    def __init__(self, label: str, delay: float) -> None:
        self.label, self.start, self.delay = label, time.monotonic(), delay
        self.bar: Any = None
        self.task: Any = None
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.bar is None:
            if now - self.start < self.delay or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(TextColumn(visible(self.label)), BarColumn(),
                                MofNCompleteColumn(), transient=True, auto_refresh=False,
                                console=Console(file=sys.stderr, highlight=False))
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        self.bar.update(self.task, completed=done, total=total)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
