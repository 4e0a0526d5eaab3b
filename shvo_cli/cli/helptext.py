"""Help written one way: every value in ``--help`` named as a person reads it.

Typer names an option's value by its Python type (``--decision <list[str]>``, ``--records
<str>``) and an argument by its parameter name (``[paths]...``). shvo's users are not
programmers: a value is named by what it is (``--by EMAIL``, ``--date DATE``, ``--decision
ID``) and every argument in capitals (``ID``, ``YEAR``, ``PATHS``). Choices keep their list
of values. Applied once to the whole command tree when it is built (cli/app.py).
"""

from __future__ import annotations

from typing import Any

# By option name: what the value is. Names not here fall back to their type.
BY_NAME = {
    "records": "DIR", "by": "EMAIL", "as": "ROLE", "date": "DATE", "as-of": "DATE",
    "year": "YEAR", "output": "FILE", "range": "A..B", "decision": "ID", "request": "ID",
    "system": "ID", "systems": "ID,…", "assignment": "ID", "subregion": "ID",
    "municipality": "CODE", "state": "STATE", "scope": "SCOPE", "category": "CATEGORY",
    "channel": "CHANNEL", "area": "AREA", "body": "BODY", "type": "TYPE",
    "outcome": "OUTCOME", "plan": "PLAN", "budget": "BUDGET", "reference": "TEXT",
    "transition": "NAME", "title": "TEXT", "description": "TEXT", "summary": "TEXT",
    "note": "TEXT", "period": "PERIOD", "population": "FILE",
}
BY_TYPE = {"str": "TEXT", "int": "NUMBER", "Path": "PATH", "pathlib.Path": "PATH"}


def _type_name(param: Any) -> str:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    name = getattr(annotation, "__name__", None) or str(annotation)
    return name.removeprefix("list[").removesuffix("]")


def _is_choice(param: Any) -> bool:
    return bool(getattr(getattr(param, "type_descriptor", None), "is_choice", False))


def metavar(param: Any) -> str | None:
    """The name of a parameter's value in help, or None to leave it as it is (flags,
    choices, and values already named)."""
    if param.metavar is not None or getattr(param, "is_flag", False):
        return None
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.name).upper().replace("_", "-")
    if _is_choice(param):
        return None
    longest = max((o for o in param.opts if o.startswith("--")), key=len, default="")
    return BY_NAME.get(longest.removeprefix("--")) or BY_TYPE.get(_type_name(param), "TEXT")


def _no_type(ctx: Any) -> None:
    return None


def tidy(command: Any) -> None:
    """Name every value of the command tree (in place)."""
    for param in getattr(command, "params", []):
        name = metavar(param)
        if name is not None:
            param.metavar = name
        if getattr(param, "param_type_name", "") == "argument" and not _is_choice(param):
            # Typer adds the Python type after an argument's name ("ID <str>"); its name
            # and help say what it is.
            param.display_type_rich = _no_type
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
