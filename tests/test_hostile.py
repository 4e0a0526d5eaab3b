"""Inputs a careless or hostile user produces: each must end in a finding or a clear usage
error, never a hang, a crash, a leaked personnummer or a wrong exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from shvo_cli.checks.validate import validate
from tests.conftest import Run

Shvo = Callable[..., Run]
NBSP_NUMBER = "19900101\u00a09810"  # Skatteverket test range (serial 981)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(root: Path) -> list[str]:
    return [f.code for f in validate(root).findings if f.severity.value == "error"]


def test_huge_integer_is_a_schema_finding(records: Path) -> None:
    _edit(records / "budgets" / "budget-2025.yaml", "amount: 7900000", "amount: " + "1" * 5000)
    assert _codes(records) == ["S001"]


def test_infinite_number_stays_text(records: Path) -> None:
    _edit(records / "budgets" / "budget-2025.yaml", "amount: 7900000", "amount: 1e1000")
    [f] = [f for f in validate(records).findings if f.code == "S001"]
    assert "1e1000" in f.message


def test_fifo_in_records_does_not_hang(records: Path) -> None:
    os.mkfifo(records / "requests" / "pipe.yaml")
    proc = subprocess.run([sys.executable, "-m", "shvo_cli", "validate", "--records",
                           str(records)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 1
    assert "pipe.yaml:1:1: error[Y012] not a regular file" in proc.stdout


def test_fifo_as_path_is_usage_error(shvo: Shvo, records: Path) -> None:
    os.mkfifo(records / "pipe.yaml")
    run = shvo("validate", "--records", str(records), str(records / "pipe.yaml"))
    assert run.exit_code == 2
    assert "not a regular file" in run.stderr


def test_folder_without_records_is_refused(shvo: Shvo, tmp_path: Path) -> None:
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    run = shvo("validate", env={"SHVO_RECORDS": str(tmp_path / "junk")})
    assert run.exit_code == 2
    assert "is not a records folder" in run.stderr


def test_records_option_naming_a_file(shvo: Shvo, records: Path) -> None:
    run = shvo("validate", "--records", str(records / "organisation.yaml"))
    assert run.exit_code == 2
    assert "is a file, not a folder" in run.stderr


def test_number_quoted_by_repr_is_not_echoed(shvo: Shvo, records: Path) -> None:
    _edit(records / "requests" / "REQ-2025-0001.yaml", "kind: request",
          f'kind: "{NBSP_NUMBER}"')
    run = shvo("validate", "--format", "json", "--records", str(records))
    assert "9810" not in run.stdout and "\\xa0" not in run.stdout.split("[redacted]")[0][-5:]
    assert '"N001"' in run.stdout and '"S002"' in run.stdout
    assert run.exit_code == 1


def test_unusual_separator_is_fully_redacted(shvo: Shvo, records: Path) -> None:
    _edit(records / "requests" / "REQ-2025-0004.yaml", "channel: support",
          'channel: "900101\u20119810"')
    run = shvo("validate", "--records", str(records))
    assert "9810" not in run.stdout
    assert "error[N001]" in run.stdout


def test_escaped_digits_in_double_quotes_are_found(records: Path) -> None:
    _edit(records / "requests" / "REQ-2025-0001.yaml", "title: Påminnelse om",
          'note_x: "\\x319900101-9810"\ntitle: Påminnelse om')
    found = [(f.code, f.line) for f in validate(records).findings if f.code == "N001"]
    assert found == [("N001", 7)]


def test_number_in_file_name(shvo: Shvo, records: Path) -> None:
    src = records / "requests" / "REQ-2025-0004.yaml"
    src.rename(records / "requests" / "patient-19900101-9810.yaml")
    run = shvo("validate", "--records", str(records))
    assert run.exit_code == 1
    assert "9810" not in run.stdout
    assert "error[N001] the file's name" in run.stdout


def test_either_file_of_a_duplicate_pair_fails_alone(shvo: Shvo, records: Path) -> None:
    req = records / "requests" / "REQ-2025-0001.yaml"
    copy = records / "requests" / "REQ-2025-0001-copy.yaml"
    copy.write_bytes(req.read_bytes())
    for one in (req, copy):
        run = shvo("validate", "--records", str(records), str(one))
        assert run.exit_code == 1
        assert "error[R001]" in run.stdout


def test_linked_record_is_one_file(shvo: Shvo, records: Path) -> None:
    inside = records / ".kept"
    inside.mkdir()
    (records / "requests" / "REQ-2025-0004.yaml").rename(inside / "REQ-2025-0004.yaml")
    (records / "requests" / "REQ-2025-0004.yaml").symlink_to(inside / "REQ-2025-0004.yaml")
    assert shvo("validate", "--records", str(records)).exit_code == 0
    assert shvo("validate", "--records", str(records), str(records / "requests")).exit_code == 0


def test_linked_folder_is_followed_once(records: Path) -> None:
    real = records / ".real-requests"
    (records / "requests").rename(real)
    (records / "requests").symlink_to(real)
    (real / "loop").symlink_to(real)
    result = validate(records)
    assert result.errors == 0
    assert len(result.repository.requests) == 4


def test_links_out_of_the_records_folder_are_reported_not_followed(
        shvo: Shvo, records: Path, tmp_path: Path) -> None:
    """A link to / must not walk the machine, and nothing read outside is echoed."""
    outside = tmp_path / "ext"
    outside.mkdir()
    (outside / "secret.yaml").write_text("kind: request\nid: HEMLIG-VÄRDE\n",
                                         encoding="utf-8")
    (records / "requests" / "REQ-2025-0004.yaml").rename(outside / "REQ-2025-0004.yaml")
    (records / "requests" / "REQ-2025-0004.yaml").symlink_to(outside / "REQ-2025-0004.yaml")
    (records / "root").symlink_to("/")
    (records / "ext").symlink_to(outside)
    run = shvo("validate", "--records", str(records))
    assert run.exit_code == 1
    assert run.stdout.count("error[Y015]") == 3
    assert "HEMLIG" not in run.stdout + run.stderr


def test_decimals_reported_with_other_schema_errors(records: Path) -> None:
    budget = records / "budgets" / "budget-2025.yaml"
    _edit(budget, "amount: 7900000", "amount: 7900000.0")
    _edit(budget, "amount: 5100000", "amount: -5100000")
    lines = sorted(f.line for f in validate(records).findings if f.code == "S001")
    assert lines == [29, 34]


def test_one_broken_request_does_not_hide_other_references(records: Path) -> None:
    _edit(records / "requests" / "REQ-2025-0001.yaml", "category: new-development",
          "category: fel")
    _edit(records / "decisions" / "DEC-2025-0001.yaml", "requests: [REQ-2025-0002]",
          "requests: [REQ-2025-0002, REQ-2025-0999, REQ-2025-0001]")
    assert sorted(_codes(records)) == ["R007", "S001"]


def test_thousands_of_aliases_give_few_findings(records: Path) -> None:
    path = records / "requests" / "REQ-2025-0001.yaml"
    path.write_text("kind: request\nx: &a 1\n" + "".join(f"y{i}: *a\n" for i in range(5000)),
                    encoding="utf-8")
    assert len([f for f in validate(records).findings if f.code == "Y005"]) == 10
