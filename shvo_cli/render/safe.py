"""Text from records made safe to show: a title typed by hand may hold a terminal escape
sequence or a line break; output must not let it retitle a terminal or break a table."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """Control characters become spaces (line breaks too): one table cell, one line."""
    return _CONTROL.sub(" ", text)


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
