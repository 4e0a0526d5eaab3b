"""The CLI as a user meets it: exit codes, streams, formats, and where records are found."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli.cli.app import app
from tests.conftest import RECORDS, ROOT, Run

Shvo = Callable[..., Run]


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_group(app)
    return sorted(group.commands)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(shvo: Shvo, name: str) -> None:
    run = shvo(name, "--help")
    assert run.exit_code == 0
    assert "Usage:" in run.stdout
    docline = run.stdout.split("\n\n")[1].strip()
    assert len(docline) > 20, f"{name} has no real help text"


def test_bundled_records_exit_0_with_warnings(shvo: Shvo) -> None:
    run = shvo("validate", "--records", str(RECORDS))
    assert run.exit_code == 0
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 10
    assert all(": warning[" in line for line in lines)
    assert "0 errors, 10 warnings" in run.stderr


def test_strict_fails_on_warnings(shvo: Shvo) -> None:
    assert shvo("validate", "--strict", "--records", str(RECORDS)).exit_code == 1


def test_errors_exit_1_and_name_file_line(shvo: Shvo, records: Path) -> None:
    req = records / "requests" / "REQ-2025-0004.yaml"
    req.write_text(req.read_text(encoding="utf-8").replace("state: rejected", "state: approved"),
                   encoding="utf-8")
    run = shvo("validate", "--records", str(records))
    assert run.exit_code == 1
    assert any(line.endswith("REQ-2025-0004.yaml:15:8: error[H004] REQ-2025-0004: state is "
                             "'approved' but the history ends in 'rejected'")
               for line in run.stdout.splitlines())


def test_json_format(shvo: Shvo) -> None:
    run = shvo("validate", "--format", "json", "--records", str(RECORDS))
    data = json.loads(run.stdout)
    assert data["summary"] == {"errors": 0, "warnings": 10}
    assert data["files"] == 15
    first = data["findings"][0]
    assert set(first) == {"file", "line", "column", "severity", "code", "title", "message"}
    assert first["code"] == "B003" and first["line"] == 52


def test_github_format_escapes(shvo: Shvo) -> None:
    run = shvo("validate", "--format", "github", "--records", str(RECORDS))
    lines = run.stdout.splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("::warning file=")
    assert ",line=52,col=13,title=B003 stated split matches no financing key::" in lines[0]
    assert "66.7 %25" in lines[0]  # '%' escaped in the message, '.' kept
    assert all("\n" not in line for line in lines)


def test_paths_limit_the_report(shvo: Shvo, records: Path) -> None:
    req = records / "requests" / "REQ-2025-0004.yaml"
    req.write_text(req.read_text(encoding="utf-8").replace("channel: support", "channel: fax"),
                   encoding="utf-8")
    run = shvo("validate", "--records", str(records), str(req))
    assert run.exit_code == 1
    assert [line.split(": ")[1].split()[0] for line in run.stdout.splitlines()] == ["error[R011]"]
    other = shvo("validate", "--records", str(records), str(records / "requests" /
                                                            "REQ-2025-0001.yaml"))
    assert other.exit_code == 0 and other.stdout == ""


def test_missing_path_is_usage_error(shvo: Shvo) -> None:
    run = shvo("validate", "--records", str(RECORDS), "no/such/file.yaml")
    assert run.exit_code == 2
    assert "no/such/file.yaml: no such file or folder" in run.stderr
    assert run.stdout == ""


def test_no_records_found(shvo: Shvo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHVO_RECORDS", raising=False)
    run = shvo("validate")
    assert run.exit_code == 2
    assert "no records found" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_records_found_by_walking_up(shvo: Shvo, records: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHVO_RECORDS", raising=False)
    monkeypatch.chdir(records / "requests")
    run = shvo("validate", "--format", "json")
    assert run.exit_code == 0
    assert json.loads(run.stdout)["records"] == str(records.resolve())


def test_records_from_environment(shvo: Shvo, records: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = shvo("validate", "--format", "json", env={"SHVO_RECORDS": str(records)})
    assert json.loads(run.stdout)["records"] == str(records.resolve())


def test_records_option_accepts_repo_folder_with_marker(shvo: Shvo, records: Path) -> None:
    run = shvo("--records", str(records.parent), "validate", "--format", "json")
    assert json.loads(run.stdout)["records"] == str(records.resolve())


def test_broken_marker_is_reported(shvo: Shvo, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "shvo.yaml").write_text("records: [a\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHVO_RECORDS", raising=False)
    run = shvo("validate")
    assert run.exit_code == 2
    assert "shvo.yaml:" in run.stderr


def test_unexpected_error_is_short_message_exit_3(shvo: Shvo,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("shvo_cli.checks.validate.run_all", boom)
    run = shvo("validate", "--records", str(RECORDS))
    assert run.exit_code == 3
    assert "internal error: RuntimeError: simulated bug" in run.stderr
    assert "Traceback" not in run.stderr


def test_summary(shvo: Shvo) -> None:
    run = shvo("summary", "--records", str(RECORDS))
    assert run.exit_code == 0
    assert "Plan 2025: adopted (adopted 2024-12-12)" in run.stdout
    assert "lines sum to 15 900 000 kr, stated total 16 000 000 kr" in run.stdout
    assert "49 municipalities, 1 773 069 inhabitants (stated 1 772 821)" in run.stdout


def test_version(shvo: Shvo) -> None:
    run = shvo("--version")
    assert run.exit_code == 0 and run.stdout.startswith("shvo ")


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "shvo_cli", "validate", "--records",
                           str(RECORDS)], capture_output=True, text=True, cwd=tmp_path,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "10 warnings" in proc.stderr


def test_non_editable_install_carries_the_schemas(tmp_path: Path) -> None:
    """A wheel, installed as a plain package and run from elsewhere, finds its schemas."""
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)], capture_output=True, text=True, check=False)
    if build.returncode != 0 and "hatchling" in build.stderr:
        build = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
             str(ROOT)], capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr
    wheel = next(wheels.glob("shvo-*.whl"))
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    assert (target / "shvo_cli" / "schemas" / "request.schema.json").is_file()
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", "import shvo_cli, shvo_cli.records.schemas as s; "
         "print(shvo_cli.__file__); print(s.schema_dir())"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    module_file, schema_dir = probe.stdout.splitlines()
    assert module_file.startswith(str(target))
    assert schema_dir.startswith(str(target))
    run = subprocess.run([sys.executable, "-m", "shvo_cli", "validate", "--records",
                          str(RECORDS)], capture_output=True, text=True, cwd=tmp_path,
                         env=env, check=False)
    assert run.returncode == 0, run.stderr
