"""Help written for people: every option and argument explained (in English and Swedish),
every value named one way (``--by EMAIL``, ``ID``, ``YEAR``), never a Python type."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from shvo_cli import i18n
from shvo_cli.cli.app import app

BUILT_IN = {"help", "install_completion", "show_completion"}


def commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        out += commands(sub, (*path, name))
    return out


TREE = commands(typer.main.get_command(app))
IDS = [" ".join(p) or "shvo" for p, _ in TREE]


@pytest.mark.parametrize(("path", "command"), TREE, ids=IDS)
def test_every_parameter_has_a_help_text(path: tuple[str, ...], command: Any) -> None:
    missing = [p.name for p in command.params if p.name not in BUILT_IN and not p.help]
    assert missing == [], f"shvo {' '.join(path)}: no help for {missing}"
    sv = i18n.catalog("sv")
    untranslated = [p.help for p in command.params if p.help and not sv.get(p.help)]
    assert untranslated == []


@pytest.mark.parametrize(("path", "command"), TREE, ids=IDS)
def test_help_names_values_one_way(path: tuple[str, ...], command: Any) -> None:
    out = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"}).stdout
    assert not re.search(r"<(str|int|float|bool|path|list\[[^>]*\])>", out), out
    usage = out.splitlines()[0]
    for word in re.findall(r"[{\[]([^}\]]+)[}\]]", usage):
        assert word in {"OPTIONS", "ARGS"} or word == word.upper(), usage
    for param in command.params:
        if param.param_type_name == "argument":
            assert param.metavar == param.metavar.upper(), (path, param.name)


def test_values_are_named_by_what_they_are() -> None:
    out = CliRunner().invoke(app, ["request", "advance", "--help"],
                             env={"COLUMNS": "200"}).stdout
    for shown in ("--decision ID", "--by EMAIL", "--date DATE", "--records DIR",
                  "--scope SCOPE"):
        assert shown in out
    assert "Usage: shvo request advance [OPTIONS] {ID} {TO-STATE}" in out
    assert "validate [OPTIONS] [PATHS]..." in CliRunner().invoke(
        app, ["validate", "--help"]).stdout
