"""Record text made safe to show: the one place that decides which characters of a record,
a git author or a commit subject may reach a terminal as they are.

A title typed by hand, a decision summary or a git author name may hold an escape sequence
(``ESC ]0;…BEL`` retitles a terminal, ``CSI`` moves the cursor), a bidirectional override
that shows text in another order than it is stored, or a zero-width character that hides
text. None of them is ever written raw: each is *shown*, visibly, as ``\\x1b`` (C0, DEL
and C1 controls) or ``<U+202E>`` (format characters), so a reader sees that something odd
is there and ``shvo validate`` (code Y014) says where.

Line breaks and tabs are kept where a multi-line field is shown (:func:`visible`) and become
spaces in a table cell or a one-line field (:func:`one_line`).
"""

from __future__ import annotations

import re

#: Characters never shown raw, except the tab and line feed that multi-line text keeps:
#: C0 controls, DEL, C1 controls (``\x9b`` is CSI on many terminals), the Arabic letter
#: mark, the Mongolian vowel separator, zero-width and direction marks, the line and
#: paragraph separators, bidirectional embeddings, overrides and isolates, invisible
#: operators and the zero-width no-break space.
HIDDEN = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028\u2029"
          "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff")
_HIDDEN = re.compile(f"[{HIDDEN}]")
_HIDDEN_OR_BREAK = re.compile(f"[{HIDDEN}\t\n]")
_BREAKS = re.compile("[\t\n\r\u2028\u2029]")


def shown(char: str) -> str:
    """How one hidden character is written: ``\\x1b`` for a control, ``<U+202E>`` for a
    format character."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def _show(match: re.Match[str]) -> str:
    return shown(match.group())


def visible(text: str) -> str:
    """Text as a terminal may show it, line breaks and tabs kept: every other hidden
    character written out. Text without any is returned as it is."""
    return _HIDDEN.sub(_show, text) if _HIDDEN.search(text) else text


def one_line(text: str) -> str:
    """One table cell, one line: line breaks and tabs become spaces, every other hidden
    character is written out."""
    return visible(_BREAKS.sub(" ", text))


def first_hidden(text: str, *, multiline: bool = True) -> str | None:
    """The first character of ``text`` that is never shown raw (with ``multiline=False``,
    a tab or line break counts too), or None: what ``validate`` and changing commands
    refuse."""
    found = (_HIDDEN if multiline else _HIDDEN_OR_BREAK).search(text)
    return None if found is None else found.group()


def json_safe(document: str) -> str:
    """A JSON document with every hidden character written as a ``\\uXXXX`` escape: the
    same JSON value, but nothing a terminal acts on. (Outside strings JSON holds only
    ASCII punctuation and whitespace, so every hit is inside a string.)"""
    if not _HIDDEN.search(document):
        return document
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
