"""The floor plan of the package, enforced.

Each top-level module or package of ``shvo_cli`` is a *unit* and lives on one floor. A unit
may import its own modules and any unit on a lower floor: never up, never sideways to
another unit on its own floor, and never in a cycle. Only ``cli/`` (and ``__main__``) may
import the terminal libraries (typer, click, rich) or print; the core returns data and
raises typed errors. A new package must be given a floor here, so the plan stays written
down in one place.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "shvo_cli"

#: Lowest floor first. Units on one floor do not know each other.
FLOORS: list[set[str]] = [
    {"__init__", "errors", "i18n"},                       # language and failure: no deps
    {"findings", "privacy", "money", "county"},           # shared vocabulary
    {"paths", "text"},                                    # showing paths and record text
    {"store"},                                            # the only git runner, files, locks
    {"yamlio"},                                           # every YAML read, edit and write
    {"records"},                                          # layout, schemas, model, process, change
    {"checks"},                                           # pure: records -> findings
    {"requests", "budget", "plan", "incidents"},          # the feature cores
    {"population", "audit", "project", "invoices", "finance", "intake"},
    {"cycle"},                                            # the cycle and the report: all of it
    {"render", "site"},                                   # data -> text, json, csv, html ...
    {"cli"},                                              # typer: parse, call, render, exit
    {"__main__"},
]
TERMINAL_LIBRARIES = {"typer", "click", "rich"}
MAY_USE_TERMINAL = {"cli", "__main__"}


def _unit(path: Path) -> str:
    rel = path.relative_to(PKG)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    parts = ["shvo_cli", *rel.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = sorted(p for p in PKG.rglob("*.py"))
FLOOR_OF = {unit: n for n, floor in enumerate(FLOORS) for unit in floor}


@cache
def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every shvo_cli import, at module level or inside a function (a
    lazy import is still a dependency)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("shvo_cli")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.startswith("shvo_cli"):
            if node.module == "shvo_cli":
                out += [(node.lineno, f"shvo_cli.{a.name}"
                         if (PKG / f"{a.name}.py").exists() or (PKG / a.name).is_dir()
                         else "shvo_cli") for a in node.names]
            else:
                out.append((node.lineno, node.module))
                out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names
                        if (PKG.joinpath(*node.module.split(".")[1:], a.name + ".py")).exists()]
    return out


def _target_unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_unit_has_a_floor() -> None:
    units = {_unit(p) for p in MODULES}
    assert units <= set(FLOOR_OF), f"give these a floor in FLOORS: {units - set(FLOOR_OF)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_imports_run_only_down(path: Path) -> None:
    unit = _unit(path)
    for line, module in _imports(path):
        target = _target_unit(module)
        if target == unit or module == "shvo_cli":
            continue
        assert FLOOR_OF[target] < FLOOR_OF[unit], (
            f"{path.relative_to(PKG)}:{line} imports {module}: {target} (floor "
            f"{FLOOR_OF[target]}) is not below {unit} (floor {FLOOR_OF[unit]})")


def test_no_import_cycles() -> None:
    names = {_module_name(p): p for p in MODULES}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        graph[name] = {m for _, m in _imports(path) if m in names and m != name}
    # Tarjan's strongly connected components: any component with two modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    # A package's __init__ re-exporting its own modules is not a cycle of design.
    cycles = [c for c in cycles if not all(m.startswith(c[0]) for m in c)]
    assert not cycles, f"import cycles: {cycles}"


@pytest.mark.parametrize("path", [p for p in MODULES if _unit(p) not in MAY_USE_TERMINAL],
                         ids=lambda p: str(p.relative_to(PKG)))
def test_only_cli_talks_to_the_terminal(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                node.module or ""]
            for name in names:
                assert name.split(".")[0] not in TERMINAL_LIBRARIES, f"{path}:{node.lineno}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in {"print", "exit", "quit", "input"}, \
                f"{path}:{node.lineno}"
        if isinstance(node, ast.Attribute) and node.attr in {"exit", "stdout", "stderr"} \
                and isinstance(node.value, ast.Name) and node.value.id == "sys":
            raise AssertionError(f"sys.{node.attr} outside cli/: {path}:{node.lineno}")


def test_every_code_used_is_documented() -> None:
    from shvo_cli.findings import CODES

    used: set[str] = set()
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and len(node.value) == 4 and node.value[0] in "YSRBPFHLNDAIOCME" \
                    and node.value[1:].isdigit():
                used.add(node.value)
    assert used <= set(CODES), sorted(used - set(CODES))
    docs = (PKG.parent / "docs" / "findings.md").read_text(encoding="utf-8")
    for code, info in CODES.items():
        assert f"| {code} | {info.severity.value} | {info.title} |" in docs, code


def test_record_format_docs_are_current() -> None:
    import importlib.util

    path = PKG.parent / "docs" / "make_records.py"
    spec = importlib.util.spec_from_file_location("make_records", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (PKG.parent / "docs" / "records.md").read_text(encoding="utf-8") == module.render(), \
        "docs/records.md is stale: run python docs/make_records.py"


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_COMMAND_BODY = 25


def _body_start(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The first line after the docstring: a command's body is what it does."""
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and len(node.body) > 1:
        return node.body[1].lineno
    return first.lineno


def _is_command(node: ast.FunctionDef | ast.AsyncFunctionDef, commands: set[str]) -> bool:
    for deco in node.decorator_list:
        if isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute) \
                and deco.func.attr in {"command", "callback"}:
            return True
    return node.name in commands


def _registered(tree: ast.Module) -> set[str]:
    """Functions registered as commands by ``app.command("name")(function)``."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Call) \
                and isinstance(node.func.func, ast.Attribute) \
                and node.func.func.attr == "command":
            out |= {a.id for a in node.args if isinstance(a, ast.Name)}
    return out


def test_modules_functions_and_commands_stay_small() -> None:
    """A module over 400 lines, a function over 60 or a command body over 25 (commands
    parse, call the core, render and exit) is asking to be split."""
    registered: set[str] = set()
    for path in MODULES:
        registered |= _registered(ast.parse(path.read_text(encoding="utf-8")))
    too_big = []
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(PKG)
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_big.append(f"{rel}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                too_big.append(f"{rel}:{node.lineno} {node.name}: {length} lines")
            body = (node.end_lineno or node.lineno) - _body_start(node) + 1
            if _unit(path) == "cli" and _is_command(node, registered) \
                    and body > MAX_COMMAND_BODY:
                too_big.append(f"{rel}:{node.lineno} command {node.name}: body {body} lines")
    assert too_big == []
