"""The one branch of the command tree a run needs: typer builds its click tree of every
command on each run (45 ms, a fifth of an instant one), and a run names one command."""

from __future__ import annotations

import copy
import os
from typing import Any

_ROOT_VALUED = frozenset({"--records", "--lang"})
"""The root options that take a value (the word after them is not a command)."""


def asked_for(args: list[str]) -> list[str]:
    """The command a run names: its first two words that are not options or a root
    option's value (a group and its command, or a command and an argument); none when
    anything but a plain run is asked (shell completion, which needs every command)."""
    if any(k.endswith("_COMPLETE") for k in os.environ):
        return []
    words: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--":
            break
        elif arg.startswith("-"):
            skip = arg in _ROOT_VALUED
        else:
            words.append(arg)
            if len(words) == 2:
                break
    return words


def _named(command: Any) -> str:
    return str(command.name or getattr(command.callback, "__name__", "").replace("_", "-"))


def only(app: Any, words: list[str]) -> Any:
    """``app`` with just the command, or the group and its one command, that ``words``
    name: building typer's tree of every command costs 45 ms of each run (a fifth of an
    instant one); a run needs one branch. The whole app for ``shvo --help``, an unknown
    word or completion; the whole group for a word it does not know."""
    if not words:
        return app
    part = copy.copy(app)
    part.registered_groups = [copy.copy(g) for g in app.registered_groups if g.name == words[0]]
    part.registered_commands = [c for c in app.registered_commands if _named(c) == words[0]]
    for group in part.registered_groups:
        sub = group.typer_instance
        if sub is not None and len(words) > 1 and any(
                _named(c) == words[1] for c in sub.registered_commands):
            group.typer_instance = copy.copy(sub)
            group.typer_instance.registered_commands = [
                c for c in sub.registered_commands if _named(c) == words[1]]
    return part if part.registered_groups or part.registered_commands else app
