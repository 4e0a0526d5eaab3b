"""House rules that keep the core usable from other tools: it never prints or exits, and
never imports the terminal libraries; the finding codes are all documented."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "shvo_cli"
CORE = [p for p in PKG.rglob("*.py")
        if "cli" not in p.relative_to(PKG).parts[:1] and p.name != "__main__.py"
        and "render" not in p.relative_to(PKG).parts[:1]]


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PKG)))
def test_core_does_not_print_exit_or_import_terminal_libraries(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                node.module or ""]
            for name in names:
                assert name.split(".")[0] not in {"typer", "rich", "click"}, name
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in {"print", "exit", "quit"}, f"{path}:{node.lineno}"
        if isinstance(node, ast.Attribute) and node.attr == "exit" \
                and isinstance(node.value, ast.Name) and node.value.id == "sys":
            raise AssertionError(f"sys.exit in core: {path}:{node.lineno}")


def test_every_code_used_is_documented() -> None:
    from shvo_cli.findings import CODES

    used: set[str] = set()
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and len(node.value) == 4 and node.value[0] in "YSRBPFHLNDA" \
                    and node.value[1:].isdigit():
                used.add(node.value)
    assert used <= set(CODES)
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
