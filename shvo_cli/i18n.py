"""Swedish and English: one message catalogue, chosen once per run.

Messages are written in English in the code, each wrapped as ``_("…")`` with named
placeholders filled by ``.format(…)`` after translation (so translators see whole sentences
and can move the placeholders). Swedish lives in ``shvo_cli/locale/sv/*.po``, standard gettext
sources that any translation tool opens; they are read directly at first use (a few hundred
messages parse in milliseconds), so there is no compiled ``.mo`` that could go stale against
its source. Finding codes, JSON keys and option names never change with the language.

The language: ``--lang``, else ``$SHVO_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``): Swedish when it starts with ``sv``, English otherwise.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

LANGUAGES = ("en", "sv")
_state = {"lang": ""}


def detect(argv: Sequence[str] = (), env: Mapping[str, str] | None = None) -> str:
    """The language a run asks for, from ``--lang`` in argv, the environment or locale."""
    env = os.environ if env is None else env
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in LANGUAGES else "en"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGUAGES else "en"
    explicit = env.get("SHVO_LANG", "")
    if explicit in LANGUAGES:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _state["lang"] = lang


def language() -> str:
    if not _state["lang"]:
        _state["lang"] = detect()
    return _state["lang"]


def _unquote(token: str) -> str:
    value = ast.literal_eval(token)
    assert isinstance(value, str)
    return value


def parse_po(text: str) -> dict[str, str]:
    """msgid → msgstr of a .po file (no plurals or contexts: shvo uses neither)."""
    out: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            key = "".join(msgid)
            if key:
                out[key] = "".join(msgstr)

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [_unquote(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_unquote(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    flush()
    return out


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every translation of ``lang``, from all .po files of its folder."""
    if lang == "en":
        return {}
    folder = resources.files("shvo_cli") / "locale" / lang
    merged: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".po"):
            merged.update(parse_po(entry.read_text(encoding="utf-8")))
    return merged


def _(message: str) -> str:
    """Translate ``message`` into the run's language (English is the source)."""
    if language() == "en":
        return message
    return catalog(language()).get(message) or message


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it now (a table of titles
    translated when shown)."""
    return message


def decimal(value_tenths: int) -> str:
    """A number with one decimal from tenths, with the language's decimal sign
    (66,7 in Swedish, 66.7 in English)."""
    sign = "-" if value_tenths < 0 else ""
    whole, tenth = divmod(abs(value_tenths), 10)
    return f"{sign}{whole}{',' if language() == 'sv' else '.'}{tenth}"
