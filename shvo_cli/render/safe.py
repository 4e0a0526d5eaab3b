"""Record text in Markdown and HTML-bearing outputs. Which characters are never shown raw is
decided once, in :mod:`shvo_cli.text`; this module only adds what Markdown needs."""

from __future__ import annotations

import re

from shvo_cli.text import one_line

__all__ = ["markdown", "one_line"]


_MARKUP = re.compile(r"([\\[\]|])")
_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|vbscript|data|file|www)([:.])")


def markdown(text: str) -> str:
    """A Markdown table cell or list item: one line, HTML special characters escaped (the
    web site and SOFIA render embedded HTML), and Markdown's own syntax escaped, so text from
    records is shown as typed and never becomes a link or an image
    (``[x](javascript:…)``, ``![t](https://…)``) — nor, in GitHub's dialect, a bare URL
    autolinked."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SCHEME.sub(r"\1\\\2", _MARKUP.sub(r"\\\1", text))
