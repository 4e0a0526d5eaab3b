"""A request's next version read from its last one: parse only what the change added.

Most commits to a request file are shvo's own: one history entry appended, the ``state``
line (and perhaps another one-word field) rewritten. Parsing the whole file again for each
of 50 000 such commits was most of an audit's time. Here the new text is compared with the
last version of the same request that parsed cleanly, and when it is that version with

* the same lines before ``history:``, except lines ``key: word`` changed to ``key: other``
  or added (one plain word, a string in shvo's YAML, followed by another ``key:`` line;
  an added key is new to the file), and
* the same history text, with entries appended after it (each line indented),

only the appended entries are parsed (as ``history:`` followed by them, with every check
:func:`~shvo_cli.yamlio.read.parse_text` makes), and the data is the last version's with
those fields replaced and those entries added. Anything else — a comment, a new field, a
changed description, a file with anchors, tags, escapes, tabs or other line ends — is parsed
whole, as before: this is a shortcut for the shape shvo writes, never a second parser.

Why the shortcut gives the same data as a whole parse: the last version parsed cleanly, and
its top-level keys are exactly its lines of the form ``key:`` at column 0, in order (checked),
so each such line — ``history:`` included — really starts a key, and the history is the last
value, its lines all indented. YAML is read left to right; a line ``key: word`` followed by a
line at column 0 is complete, so replacing the word changes that value only, and adding
such a line between two keys adds that key only. Entries appended
to a block sequence at the same indentation are new items, read as they would be on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shvo_cli.yamlio.read import YamlDocument, parse_text

_HISTORY = "history:\n"
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: |\Z)")
_WORD_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): ([a-z][a-z0-9-]*)\Z")
_NOT_WORDS = frozenset(("true", "false", "null"))
_AT_COLUMN_0 = re.compile(r"\n[^ \n]")
_UNSAFE = ("\r", "\t", "\\", "&", "*", "!", "\ufeff", "\x85", "\u2028", "\u2029")


@dataclass(frozen=True, slots=True)
class Split:
    """A clean version's text cut at its ``history:`` line: the lines before, the rest."""

    head: list[str]
    body: str


def split(doc: YamlDocument) -> Split | None:
    """The cut of a cleanly parsed request, or None when it is not of the shape the shortcut
    can be proved for (then the next version is parsed whole)."""
    text, data = doc.text, doc.data
    if doc.findings or doc.floats or not isinstance(data, dict) \
            or not isinstance(data.get("history"), list) or any(c in text for c in _UNSAFE):
        return None
    at = text.find("\n" + _HISTORY)
    if at < 0:
        return None
    head, body = text[:at + 1].split("\n")[:-1], text[at + 1 + len(_HISTORY):]
    if not body.startswith("  - ") or not body.endswith("\n") or _AT_COLUMN_0.search(body):
        return None
    keys = [m[1] for line in head if (m := _KEY_LINE.match(line))]
    if any(line and line[0] not in " #" and not _KEY_LINE.match(line) for line in head) \
            or [*keys, "history"] != list(data):
        return None
    return Split(head, body)


def _new_head(old: list[str], new: list[str], keys: Any) -> dict[str, str] | None:
    """Fields whose one-word value changed or that were added as one word, when nothing else
    in the head changed (each such line followed by another ``key:`` line)."""
    words: dict[str, str] = {}
    i = 0
    for j, line in enumerate(new):
        if i < len(old) and old[i] == line:
            i += 1
            continue
        m = _WORD_LINE.match(line)
        following = new[j + 1] if j + 1 < len(new) else "history:"
        if m is None or m[2] in _NOT_WORDS or m[1] in words or not _KEY_LINE.match(following):
            return None
        was = _WORD_LINE.match(old[i]) if i < len(old) else None
        if was is not None and was[1] == m[1]:
            i += 1  # the value changed
        elif m[1] in keys:
            return None  # a field moved, or was there already
        words[m[1]] = m[2]
    return words if i == len(old) else None


def spliced(path: Path, last: YamlDocument, cut: Split, text: str
            ) -> tuple[YamlDocument, list[Any], Split | None] | None:
    """The new version as a parsed document, the entries it appended and its own cut (what
    :func:`split` would find) — or None: parse it whole."""
    if any(c in text for c in _UNSAFE):
        return None
    at = text.find("\n" + _HISTORY)
    head = text[:at + 1].split("\n")[:-1]
    words = _new_head(cut.head, head, last.data) if at >= 0 else None
    start = at + 1 + len(_HISTORY)
    if words is None or not text.startswith(cut.body, start):
        return None
    added_text = text[start + len(cut.body):]
    added: list[Any] = []
    if added_text:
        if not added_text.startswith("  - ") or _AT_COLUMN_0.search("\n" + added_text):
            return None
        piece = parse_text(path, _HISTORY + added_text)
        entries = piece.data.get("history") if isinstance(piece.data, dict) else None
        if piece.findings or piece.floats or not isinstance(entries, list) \
                or list(piece.data) != ["history"]:
            return None
        added = entries
    data = {m[1]: words[m[1]] if m[1] in words else last.data[m[1]]
            for line in head if (m := _KEY_LINE.match(line))}
    data["history"] = [*last.data["history"], *added]
    following = Split(head, cut.body + added_text) if added_text.endswith("\n") or not added_text \
        else None
    return YamlDocument(path=path, source=text, data=data, parsed=True), added, following
