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


GROUPS = [p for p, c in TREE if p and getattr(c, "commands", None)]


@pytest.mark.parametrize("path", GROUPS, ids=[" ".join(p) for p in GROUPS])
def test_a_group_without_its_command_shows_readable_help(path: tuple[str, ...]) -> None:
    """``shvo request`` alone lists the group's commands on lines of their own: the help is
    click's text, not a value to escape (it showed as one line of ``\\x0a``)."""
    run = CliRunner().invoke(app, [*path])
    assert run.exit_code == 2
    assert "\\x0a" not in run.output
    assert run.output.count("\n") > 5 and "Commands:" in run.output


def test_a_run_builds_only_the_branch_it_names() -> None:
    """The tree built for ``request list`` holds that command alone (typer's tree of every
    command was a fifth of an instant run); an unknown word gets the whole tree, so click
    can say "did you mean"."""
    from shvo_cli.cli.app import command_in_language

    part = command_in_language(["--lang", "en", "request", "list", "--format", "csv"])
    assert list(part.commands) == ["request"]
    assert list(part.commands["request"].commands) == ["list"]
    assert len(command_in_language(["requst", "list"]).commands) > 10
    assert len(command_in_language(["request", "lst"]).commands["request"].commands) > 5
