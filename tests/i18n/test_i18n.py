"""The Swedish catalogue is complete, and messages are written so that it can be."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from shvo_cli import i18n

PKG = Path(__file__).resolve().parents[2] / "shvo_cli"
PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")
SOURCES = sorted(p for p in PKG.rglob("*.py") if p.name != "i18n.py")


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name) and n.func.id in ("_", "N_")]


def messages() -> dict[str, str]:
    """Every literal msgid in the code, with where it was found."""
    found: dict[str, str] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree):
            if call.args and isinstance(call.args[0], ast.Constant) \
                    and isinstance(call.args[0].value, str):
                found.setdefault(call.args[0].value,
                                 f"{path.relative_to(PKG.parent)}:{call.lineno}")
    return found


def test_every_message_has_a_swedish_translation() -> None:
    sv = i18n.catalog("sv")
    missing = [f"{where}: {msg!r}" for msg, where in messages().items() if not sv.get(msg)]
    assert missing == [], "\n".join(missing)


def test_placeholders_match() -> None:
    sv = i18n.catalog("sv")
    wrong = [msg for msg in messages() if msg in sv
             and sorted(PLACEHOLDER.findall(msg)) != sorted(PLACEHOLDER.findall(sv[msg]))]
    assert wrong == []


def test_messages_are_literals_not_f_strings() -> None:
    bad = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree):
            if call.args and isinstance(call.args[0], ast.JoinedStr):
                bad.append(f"{path.name}:{call.lineno}")
    assert bad == []


def test_catalogue_parses_gettext_syntax() -> None:
    po = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' \
         '# a comment\nmsgid "two "\n"lines"\nmsgstr "två "\n"rader"\n'
    assert i18n.parse_po(po) == {"two lines": "två rader"}


@pytest.mark.parametrize(("argv", "env", "lang"), [
    (["--lang", "sv"], {}, "sv"), (["--lang=en"], {"SHVO_LANG": "sv"}, "en"),
    ([], {"SHVO_LANG": "sv"}, "sv"), ([], {"LANG": "sv_SE.UTF-8"}, "sv"),
    ([], {"LANG": "en_GB.UTF-8"}, "en"), ([], {"LC_ALL": "sv_SE", "LANG": "en_US"}, "sv"),
    ([], {}, "en"),
])
def test_language_detection(argv: list[str], env: dict[str, str], lang: str) -> None:
    assert i18n.detect(argv, env) == lang


def test_decimal_sign_follows_language() -> None:
    i18n.set_language("sv")
    assert i18n.decimal(667) == "66,7"
    i18n.set_language("en")
    assert i18n.decimal(667) == "66.7"


def test_no_message_is_translated_two_ways() -> None:
    """The catalogue files are merged; one English message must have one Swedish meaning."""
    from importlib import resources

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    folder = resources.files("shvo_cli") / "locale" / "sv"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".po"):
            continue
        for msgid, msgstr in i18n.parse_po(entry.read_text(encoding="utf-8")).items():
            if msgid in seen and seen[msgid][1] != msgstr:
                clashes.append(f"{msgid!r}: {seen[msgid]} vs {(entry.name, msgstr)}")
            seen.setdefault(msgid, (entry.name, msgstr))
    assert clashes == []


def test_every_help_text_has_a_swedish_translation() -> None:
    import typer.main

    from shvo_cli.cli.app import app, help_texts

    sv = i18n.catalog("sv")
    missing = sorted({getattr(h, a) for h, a in help_texts(typer.main.get_command(app))
                      if not sv.get(getattr(h, a))})
    assert missing == [], "\n".join(missing)


def test_help_is_shown_in_swedish(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "SHVO_LANG": "sv"}
    out = subprocess.run([sys.executable, "-m", "shvo_cli", "request", "--help"], env=env,
                         capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert "ärende" in out.lower() and "Create requests" not in out


def test_format_calls_supply_every_placeholder() -> None:
    """``_("… {x} …").format(y=…)`` would raise at run time in the one path that shows it;
    every named placeholder must be given, and nothing given that the message lacks."""
    bad = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format"):
                continue
            inner = node.func.value
            if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                    and inner.func.id == "_" and inner.args
                    and isinstance(inner.args[0], ast.Constant)):
                continue
            if any(k.arg is None for k in node.keywords) or node.args:
                continue  # **kwargs or positional: cannot be checked statically
            wanted = {m for m in PLACEHOLDER.findall(inner.args[0].value) if m}
            given = {k.arg for k in node.keywords}
            if wanted != given:
                bad.append(f"{path.name}:{node.lineno}: needs {sorted(wanted)}, "
                           f"gets {sorted(given)}")
    assert bad == [], "\n".join(bad)


def test_swedish_messages_format_with_the_same_arguments() -> None:
    """Each translation formats with exactly the arguments its English message takes."""
    sv = i18n.catalog("sv")
    broken = []
    for msgid, msgstr in sv.items():
        names = {m for m in PLACEHOLDER.findall(msgid) if m}
        values = {n: "x" for n in names}
        try:
            msgid.format(**values)
        except (KeyError, IndexError, ValueError):
            continue  # not a format template (a literal brace in prose)
        try:
            msgstr.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            broken.append(f"{msgid!r}: {exc!r}")
    assert broken == []
