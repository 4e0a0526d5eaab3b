"""One registry of output formats per view, instead of an ``if/elif`` on ``--format`` in
every command: a view names its formats once (``{"table": …, "csv": …, "json": …}``) and
the command hands the chosen name and its data to ``cli.console.emit``.

A format function returns either text (JSON, CSV, Markdown, …) or a :class:`Page` (lines
and tables for people). Which formats are JSON matters for showing them safely: their
hidden characters are written as ``\\uXXXX`` escapes (the same JSON value), everything
else as ``\\x1b`` / ``<U+202E>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from shvo_cli.render.table import Page
from shvo_cli.text import HIDDEN, json_safe, visible

_HIDDEN = re.compile(f"[{HIDDEN}]")

Formats = Mapping[str, Callable[..., "str | Page"]]
"""A view's formats: name as ``--format`` spells it → function from the view's data."""

JSON = frozenset({"json", "gitlab", "sarif"})
"""Formats that are JSON documents."""

FOR_PEOPLE = frozenset({"table", "text"})
"""Formats drawn with rich on a terminal (when their function returns a Page)."""


def produce(formats: Formats, name: str, *data: Any) -> str | Page:
    """The view in format ``name``. An unknown name is a programming error: the command's
    ``--format`` choices come from the same registry."""
    return formats[name](*data)


def html_safe(document: str) -> str:
    """An HTML document with every hidden character as a character reference (``&#x202e;``):
    the same document to a browser, nothing a terminal acts on."""
    return _HIDDEN.sub(lambda m: f"&#x{ord(m.group()):x};", document)


def safe_text(output: str, name: str) -> str:
    """Text output of format ``name`` with nothing a terminal would act on: JSON and HTML
    keep their meaning (escapes, character references), other text shows them visibly."""
    if name in JSON:
        return json_safe(output)
    return html_safe(output) if name == "html" else visible(output)
