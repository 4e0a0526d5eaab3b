"""Record text in Markdown and HTML-bearing outputs. Which characters are never shown raw is
decided once, in :mod:`shvo_cli.text`; this module only adds what Markdown needs."""

from __future__ import annotations

from shvo_cli.text import one_line

__all__ = ["markdown", "one_line"]


def markdown(text: str) -> str:
    """A Markdown table cell or list item: one line, HTML special characters escaped (the
    web site and SOFIA render embedded HTML), pipes escaped."""
    return (one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|"))
