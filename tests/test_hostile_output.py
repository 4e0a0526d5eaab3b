"""Outputs meant for readers: record text never becomes an active link or image in the
Markdown report, the HTML report escapes everything and forbids scripts and remote loads,
and outputs meant to be shared name files relative to the repository, never by the
machine's absolute path."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.requests.test_request import new, repo

Shvo = Callable[..., Run]
__all__ = ["repo"]
HOSTILE = "[klicka](javascript:alert(1)) ![t](https://evil.example/p.png) <img src=x>"


def _report(shvo: Shvo, root: Path, fmt: str) -> str:
    new(shvo, root, "--description", "x", when="2025-06-01")
    path = next(p for p in (root / "requests").glob("REQ-2025-*.yaml") if "00" not in p.stem)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Ny utdata för uppföljning", f"title: '{HOSTILE}'"), encoding="utf-8")
    run = shvo("cycle", "report", "--records", str(root), "--quarter", "2025Q3", "--as-of",
               "2025-07-02", "--format", fmt)
    assert run.exit_code in (0, 1), run.stderr
    return run.stdout


def test_markdown_report_has_no_active_link_or_image(shvo: Shvo, repo: Path) -> None:
    out = _report(shvo, repo, "markdown")
    line = next(x for x in out.splitlines() if "klicka" in x)
    assert "](" not in line.replace("\\](", "") and "![" not in line
    assert "javascript:" not in line and "https://evil" not in line
    assert "<img" not in line and "&lt;img" in line


def test_html_report_escapes_and_forbids_scripts_and_remote_loads(shvo: Shvo,
                                                                 repo: Path) -> None:
    out = _report(shvo, repo, "html")
    assert "<img src=x>" not in out and "&lt;img src=x&gt;" in out
    assert "<script" not in out.lower()
    csp = next(x for x in out.splitlines() if "Content-Security-Policy" in x)
    assert "default-src 'none'" in csp and "script-src" not in csp


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_shared_outputs_carry_repository_relative_paths(shvo: Shvo, records: Path,
                                                       tmp_path: Path, fmt: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bad = records / "requests" / "REQ-2025-0001.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run = shvo("validate", "--records", str(records), "--format", fmt)
    assert run.exit_code == 1
    data = json.loads(run.stdout)
    if fmt == "sarif":
        paths = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                 for r in data["runs"][0]["results"]]
    else:
        paths = [d["location"]["path"] for d in data]
    assert "records/requests/REQ-2025-0001.yaml" in paths
    assert not any(os.path.isabs(p) or str(tmp_path) in p for p in paths)
