"""Issued invoices are records: issued once, in order, never recomputed; validate and audit
see an edit; the reconciliation counts what was actually issued."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Run, commit_records

Shvo = Callable[..., Run]
POP = "population/population-2024-12-31.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return commit_records(tmp_path / "repo")


def _git(top: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=top, check=True, capture_output=True,
                          text=True).stdout


def issue(shvo: Shvo, rec: Path, month: str, *extra: str) -> Run:
    day = f"{month}-28"
    return shvo("invoice", "issue", month, "--preliminary", "--date", day,
                "--by", "handlaggare@example.org", "--records", str(rec), *extra)


def record(rec: Path, rid: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((rec / "invoices" / f"{rid}.yaml").read_text(
        encoding="utf-8"))
    return data


def change_population(rec: Path, code: str, delta: int) -> None:
    """Move inhabitants between two municipalities and commit, as a corrected import would."""
    path = rec / POP
    text = path.read_text(encoding="utf-8")
    m = re.search(rf'code: "{code}"\n(?:    .*\n)*?    population: (\d+)', text)
    assert m is not None
    start, end = m.span(1)
    path.write_text(text[:start] + str(int(m.group(1)) + delta) + text[end:], encoding="utf-8")
    _git(rec.parent, "commit", "-qam", "population corrected")


def test_issue_writes_a_committed_record_with_its_sources(shvo: Shvo, repo: Path) -> None:
    run = issue(shvo, repo, "2025-01")
    assert run.exit_code == 0, run.stderr
    data = record(repo, "invoice-2025-01")
    assert data["preliminary"] is True and data["budget"] == "budget-2025"
    assert data["population"] == "population-2024-12-31"
    assert data["total"] == sum(i["amount"] for i in data["invoices"])
    assert len(data["invoices"]) == 50
    message = _git(repo.parent, "log", "-1", "--format=%B")
    assert "Shvo-Invoice: invoice-2025-01" in message
    assert _git(repo.parent, "status", "--porcelain") == ""
    basis = shvo("budget", "invoices", "--month", "2025-01", "--format", "json",
                 "--records", str(repo))
    import json

    issued = json.loads(basis.stdout)["issued"]
    assert issued == {"record": "invoice-2025-01", "date": "2025-01-28", "preliminary": True}


def test_refusals_write_nothing(shvo: Shvo, repo: Path) -> None:
    undecided = shvo("invoice", "issue", "2025-01", "--date", "2025-01-28",
                     "--by", "handlaggare@example.org", "--records", str(repo))
    assert undecided.exit_code == 1 and "--preliminary" in undecided.stderr
    assert not (repo / "invoices").exists()
    assert issue(shvo, repo, "2025-02").exit_code == 1  # January still open
    assert issue(shvo, repo, "2024-12").exit_code == 2  # no budget for 2024
    early = shvo("invoice", "issue", "2025-01", "--preliminary", "--date", "2024-12-31",
                 "--by", "handlaggare@example.org", "--records", str(repo))
    assert early.exit_code == 1 and "not begun" in early.stderr
    assert not (repo / "invoices").exists()
    assert issue(shvo, repo, "2025-01").exit_code == 0
    head = _git(repo.parent, "rev-parse", "HEAD")
    twice = issue(shvo, repo, "2025-01")
    assert twice.exit_code == 1 and "already issued" in twice.stderr
    assert _git(repo.parent, "rev-parse", "HEAD") == head
    stranger = shvo("invoice", "issue", "2025-02", "--preliminary", "--date", "2025-02-28",
                    "--by", "referens@example.org", "--records", str(repo))
    assert stranger.exit_code == 1
    assert not (repo / "invoices" / "invoice-2025-02.yaml").exists()


@pytest.mark.parametrize("bad", ["2025-13", "=cmd|' /C calc'!A0", "2025-1", "../2025-01",
                                 "2025-01\x1b[2J"])
def test_bad_month_is_a_usage_error(shvo: Shvo, repo: Path, bad: str) -> None:
    run = issue(shvo, repo, bad)
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    assert not (repo / "invoices").exists()
    shown = shvo("invoice", "show", bad, "--records", str(repo))
    assert shown.exit_code == 2 and "\x1b" not in shown.stderr


def test_an_issued_month_is_never_recomputed(shvo: Shvo, repo: Path) -> None:
    assert issue(shvo, repo, "2025-01").exit_code == 0
    before = shvo("budget", "invoices", "--month", "2025-01", "--format", "csv",
                  "--records", str(repo)).stdout
    planned_feb = shvo("budget", "invoices", "--month", "2025-02", "--format", "csv",
                       "--records", str(repo)).stdout
    change_population(repo, "1415", 5000)  # Stenungsund grows
    after = shvo("budget", "invoices", "--month", "2025-01", "--format", "csv",
                 "--records", str(repo)).stdout
    assert after == before
    assert "1415,Stenungsund,GR,7596," in after
    feb = shvo("budget", "invoices", "--month", "2025-02", "--format", "csv",
               "--records", str(repo)).stdout
    assert feb != planned_feb
    table = shvo("budget", "invoices", "--month", "2025-01", "--records", str(repo)).stdout
    assert "ISSUED 2025-01-28 as invoice-2025-01, PRELIMINARY" in table


def test_year_reconciliation_after_a_population_change(shvo: Shvo, repo: Path) -> None:
    for m in range(1, 4):
        assert issue(shvo, repo, f"2025-{m:02d}").exit_code == 0
    change_population(repo, "1415", 5000)
    change_population(repo, "1480", -3000)
    for m in range(4, 13):
        assert issue(shvo, repo, f"2025-{m:02d}").exit_code == 0
    issued: dict[str, int] = {}
    for m in range(1, 13):
        for inv in record(repo, f"invoice-2025-{m:02d}")["invoices"]:
            issued[inv["payer"]] = issued.get(inv["payer"], 0) + inv["amount"]
    run = shvo("budget", "reconcile", "2025", "--actual", str(repo / POP), "--format", "json",
               "--records", str(repo))
    assert run.exit_code == 0, run.stderr
    import json

    rec = json.loads(run.stdout)
    assert rec["total"]["difference"] == 0
    assert sum(r["difference"] for r in rec["municipalities"]) == 0
    for r in rec["municipalities"]:
        assert r["invoiced"] == issued[r["code"]]
    assert rec["total"]["invoiced"] == sum(v for k, v in issued.items() if k != "VGR")


def test_credit_note_is_a_new_record_the_reconciliation_counts(shvo: Shvo,
                                                               repo: Path) -> None:
    assert issue(shvo, repo, "2025-01").exit_code == 0
    original = (repo / "invoices" / "invoice-2025-01.yaml").read_bytes()
    run = shvo("invoice", "credit", "2025-01", "--payer", "1415", "--amount", "100",
               "--reason", "Fel folkmängd", "--date", "2025-02-02",
               "--by", "handlaggare@example.org", "--records", str(repo))
    assert run.exit_code == 0, run.stderr
    assert (repo / "invoices" / "invoice-2025-01.yaml").read_bytes() == original
    note = record(repo, "credit-2025-01-01")
    assert note["corrects"] == "invoice-2025-01" and note["total"] == -100
    assert sum(note["invoices"][0]["lines"]) == -100
    too_much = shvo("invoice", "credit", "2025-01", "--payer", "1415", "--amount", "999999",
                    "--reason", "x", "--date", "2025-02-02", "--by",
                    "handlaggare@example.org", "--records", str(repo))
    assert too_much.exit_code == 1
    listing = shvo("invoice", "list", "--records", str(repo)).stdout
    assert "credit-2025-01-01" in listing and "-100" in listing
    assert shvo("validate", "--records", str(repo)).exit_code == 0
    csv = shvo("invoice", "show", "credit-2025-01-01", "--format", "csv",
               "--records", str(repo)).stdout
    assert ",-100," in csv and "'-" not in csv  # a negative amount stays a number


@pytest.mark.parametrize("payer", ["\x1b]0;titel\x07", "=cmd|' /C calc'!A0", "9999"])
def test_hostile_payer_is_refused(shvo: Shvo, repo: Path, payer: str) -> None:
    assert issue(shvo, repo, "2025-01").exit_code == 0
    run = shvo("invoice", "credit", "2025-01", "--payer", payer, "--reason", "x",
               "--date", "2025-02-02", "--by", "handlaggare@example.org",
               "--records", str(repo))
    assert run.exit_code == 1 and "\x1b" not in run.stderr
    assert not (repo / "invoices" / "credit-2025-01-01.yaml").exists()


@pytest.mark.parametrize("reason", ["rad\x1b]0;titel\x07", "19121212-1212", " "])
def test_hostile_credit_reason_is_refused(shvo: Shvo, repo: Path, reason: str) -> None:
    assert issue(shvo, repo, "2025-01").exit_code == 0
    run = shvo("invoice", "credit", "2025-01", "--payer", "1415", "--reason", reason,
               "--date", "2025-02-02", "--by", "handlaggare@example.org",
               "--records", str(repo))
    assert run.exit_code == 1
    assert "19121212" not in run.stderr and "\x1b" not in run.stderr
    assert not (repo / "invoices" / "credit-2025-01-01.yaml").exists()


def test_validate_sees_an_edited_record(shvo: Shvo, repo: Path) -> None:
    assert issue(shvo, repo, "2025-01").exit_code == 0
    path = repo / "invoices" / "invoice-2025-01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('amount: 7596, lines: [3104', 'amount: 7500, lines: [3008'),
                    encoding="utf-8")
    run = shvo("validate", "--records", str(repo))
    assert run.exit_code == 1
    assert "error[I001]" in run.stdout and "error[I002]" in run.stdout
    refused = shvo("budget", "invoices", "--month", "2025-01", "--records", str(repo))
    assert refused.exit_code == 1 and "invoice-2025-01.yaml" in refused.stderr


def test_validate_sees_sums_that_do_not_add_up_even_with_a_redone_checksum(
        shvo: Shvo, repo: Path) -> None:
    from shvo_cli.invoices.record import render

    assert issue(shvo, repo, "2025-01").exit_code == 0
    data = record(repo, "invoice-2025-01")
    data["invoices"][5]["amount"] += 1
    (repo / "invoices" / "invoice-2025-01.yaml").write_text(render(data), encoding="utf-8")
    run = shvo("validate", "--records", str(repo))
    assert "error[I002]" in run.stdout and "I001" not in run.stdout


def test_audit_sees_a_record_changed_after_its_commit(shvo: Shvo, repo: Path) -> None:
    from shvo_cli.invoices.record import render

    assert issue(shvo, repo, "2025-01").exit_code == 0
    data = record(repo, "invoice-2025-01")
    data["invoices"][5]["amount"] -= 10
    data["invoices"][5]["lines"][0] -= 10
    data["total"] -= 10
    (repo / "invoices" / "invoice-2025-01.yaml").write_text(render(data), encoding="utf-8")
    assert shvo("validate", "--records", str(repo)).exit_code == 0  # a careful forger
    _git(repo.parent, "commit", "-qam", "tidy")
    run = shvo("audit", "--records", str(repo))
    assert run.exit_code == 1
    assert "A019" in run.stdout and "invoice-2025-01" in run.stdout


def test_validate_finds_what_issue_refuses_in_a_hand_copied_record(shvo: Shvo,
                                                                   repo: Path) -> None:
    """A record copied by hand to a later month (checksum redone) is out of order."""
    from shvo_cli.invoices.record import render

    assert issue(shvo, repo, "2025-01").exit_code == 0
    data = record(repo, "invoice-2025-01")
    data["id"], data["month"] = "invoice-2025-03", "2025-03"
    (repo / "invoices" / "invoice-2025-03.yaml").write_text(render(data), encoding="utf-8")
    run = shvo("validate", "--records", str(repo))
    assert run.exit_code == 1 and "error[I005]" in run.stdout and "2025-02" in run.stdout
    data["id"] = "invoice-2025-04"
    (repo / "invoices" / "invoice-2025-03.yaml").unlink()
    (repo / "invoices" / "invoice-2025-04.yaml").write_text(render(data), encoding="utf-8")
    run = shvo("validate", "--records", str(repo))
    assert "error[I004]" in run.stdout
