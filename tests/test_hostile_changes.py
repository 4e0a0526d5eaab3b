"""Hostile and careless use of the changing commands: races, failed commits, odd text,
odd files, odd options. Each must end cleanly, with the records and git as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.requests.test_request import GITS, assert_clean, git, new, repo, step

Shvo = Callable[..., Run]
__all__ = ["repo"]  # the git repository fixture, shared with test_request


def test_concurrent_notes_are_serialised(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    procs = [subprocess.Popen([sys.executable, "-m", "shvo_cli", "request", "note", rid,
                               f"Anteckning {i}", "--date", "2025-07-02", "--records",
                               str(repo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(6)]
    codes = []
    for p in procs:
        p.communicate(timeout=120)
        codes.append(p.returncode)
    assert codes == [0] * 6
    text = (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert sorted(line.strip() for line in text.splitlines() if "Anteckning" in line) == [
        f"note: Anteckning {i}" for i in range(6)]
    assert git(repo, "status", "--porcelain") == ""
    assert len(git(repo, "log", "--format=%H").split()) == 2 + 6
    assert_clean(repo)


def test_failed_commit_leaves_index_and_file_as_they_were(shvo: Shvo, repo: Path,
                                                         tmp_path: Path) -> None:
    rid = new(shvo, repo)
    git(repo, "config", "--unset", "user.email")
    git(repo, "config", "--unset", "user.name")
    env = {"HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "EMAIL": "",
           "GIT_AUTHOR_NAME": "", "GIT_COMMITTER_NAME": ""}
    before = (repo / "requests" / f"{rid}.yaml").read_bytes()
    run = shvo("request", "note", rid, "hej", "--by", GITS, "--date", "2025-07-02",
               "--records", str(repo), env={**os.environ, **env})
    assert run.exit_code == 2 and "git commit failed" in run.stderr
    assert (repo / "requests" / f"{rid}.yaml").read_bytes() == before
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize(("title", "message"), [
    ("\x1b]0;pwned\x07Titel", "control character U+001B"),
    ("Rad ett\nRad två", "control character U+000A"),
    ("   ", "is blank"),
    ("abc\u202edcba", "U+202E"),
])
def test_odd_titles_are_refused(shvo: Shvo, repo: Path, title: str, message: str) -> None:
    run = shvo("request", "new", "--records", str(repo), "--no-input", "--date", "2025-07-01",
               "--title", title, "--category", "maintenance", "--channel", "support")
    assert run.exit_code == 1 and message in run.stderr
    assert git(repo, "status", "--porcelain") == ""


def test_crlf_request_stays_crlf(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    path = repo / "requests" / f"{rid}.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    git(repo, "commit", "-qam", "crlf")
    step(shvo, repo, "note", rid, "CRLF", "--date", "2025-07-02")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert_clean(repo)


@pytest.mark.parametrize("bad", ["20250702", "2025-7-2", "2025-٠٧-٠٢", " 2025-07-02"])
def test_dates_must_be_iso(shvo: Shvo, repo: Path, bad: str) -> None:
    rid = new(shvo, repo)
    run = step(shvo, repo, "note", rid, "x", "--date", bad, ok=False)
    assert run.exit_code == 2 and "not a date (YYYY-MM-DD)" in run.stderr


def test_future_date_is_refused(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    run = step(shvo, repo, "note", rid, "x", "--date", "9999-12-31", ok=False)
    assert run.exit_code == 2 and "in the future" in run.stderr


def test_edit_that_changes_nothing_is_refused(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    run = step(shvo, repo, "edit", rid, "--title", "Ny utdata för uppföljning", "--date",
               "2025-07-02", ok=False)
    assert run.exit_code == 1 and "nothing to change" in run.stderr


def test_e_mail_is_stored_as_the_organisation_spells_it(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    step(shvo, repo, "note", rid, "x", "--by", "HANDLAGGARE@Example.org", "--date",
         "2025-07-02")
    text = (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert "HANDLAGGARE" not in text and text.count(f"person: {GITS}") == 2


def test_identity_number_in_by_is_not_echoed(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    run = step(shvo, repo, "note", rid, "x", "--by", "19900101-9810@example.org",
               "--as", "GITS", "--date", "2025-07-02", ok=False)
    assert run.exit_code == 1 and "9810" not in run.stderr


@pytest.mark.parametrize("option", [["--state", "bogus"], ["--system", "NOPE"],
                                    ["--category", "x"], ["--scope", "y"]])
def test_list_filters_name_real_values(shvo: Shvo, repo: Path, option: list[str]) -> None:
    run = step(shvo, repo, "list", *option, ok=False)
    assert run.exit_code == 2 and "not one of" in run.stderr


@pytest.mark.parametrize("quarter", ["2025q2", " 2025Q2", "", "2025Q2x"])
def test_quarter_is_strict(shvo: Shvo, repo: Path, quarter: str) -> None:
    run = shvo("cycle", "report", "--records", str(repo), "--quarter", quarter, "--as-of",
               "2025-07-01")
    assert run.exit_code == 2 and "YYYYQn" in run.stderr


@pytest.mark.parametrize("target", ["missing-folder/r.html", "", "."])
def test_report_output_path_is_checked(shvo: Shvo, repo: Path, tmp_path: Path,
                                       target: str) -> None:
    out = str(tmp_path / target) if target not in ("", ".") else (target or "")
    if target == ".":
        out = str(tmp_path)
    run = shvo("cycle", "report", "--records", str(repo), "--quarter", "2025Q2", "--as-of",
               "2025-07-01", "-o", out)
    assert run.exit_code == 2 and "internal error" not in run.stderr


def test_report_refuses_a_device(shvo: Shvo, repo: Path) -> None:
    run = shvo("cycle", "report", "--records", str(repo), "--quarter", "2025Q2", "--as-of",
               "2025-07-01", "-o", "/dev/null")
    assert run.exit_code == 2 and "not a regular file" in run.stderr
    assert Path("/dev/null").is_char_device()


def test_markdown_report_escapes_titles(shvo: Shvo, repo: Path) -> None:
    new(shvo, repo, "--description", "x", when="2025-06-01")
    path = next(p for p in (repo / "requests").glob("REQ-2025-*.yaml") if "00" not in p.stem)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Ny utdata för uppföljning", 'title: "<script>alert(1)</script> | x"'),
        encoding="utf-8")
    run = shvo("cycle", "report", "--records", str(repo), "--quarter", "2025Q3", "--as-of",
               "2025-07-02", "--format", "markdown")
    assert "<script>" not in run.stdout, [x for x in run.stdout.splitlines() if "script" in x]
    assert "&lt;script&gt;" in run.stdout


def test_rejected_adoption_of_an_adopted_plan_is_refused(shvo: Shvo, repo: Path) -> None:
    run = shvo("decision", "add", "--records", str(repo), "--no-input", "--body", "VVG",
               "--type", "adopt-plan", "--plan", "plan-2025", "--outcome", "rejected",
               "--reference", "Protokoll", "--by", "sekreterare.vvg@example.org",
               "--date", "2025-01-10")
    assert run.exit_code == 1 and "already adopted" in run.stderr
    mixed = shvo("decision", "add", "--records", str(repo), "--no-input", "--body", "VVG",
                 "--type", "adopt-plan", "--plan", "plan-2025", "--budget", "budget-2025",
                 "--reference", "Protokoll", "--by", "sekreterare.vvg@example.org",
                 "--date", "2025-01-10")
    assert mixed.exit_code == 2 and "no --budget" in mixed.stderr


def test_missing_scope_message_has_no_none(records: Path) -> None:
    from shvo_cli.checks.validate import validate

    path = records / "requests" / "REQ-2025-0002.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("scope: within-plan\nsystems",
                                                             "systems"), encoding="utf-8")
    [f] = [f for f in validate(records).findings if f.code == "H004"]
    assert "None" not in f.message and "add 'scope: within-plan'" in f.message


@pytest.mark.parametrize("period", ["2024M13", "abcd", "24", "0000", "2024K5"])
def test_bad_period_in_json_stat_is_refused(shvo: Shvo, records: Path, tmp_path: Path,
                                            period: str) -> None:
    import json

    from tests.conftest import ROOT

    data = json.loads((ROOT / "tests" / "fixtures" / "scb" / "be0101n1-2024.json").read_text(
        encoding="utf-8"))
    data["dimension"]["Tid"]["category"]["index"] = {period: 0}
    if "label" in data["dimension"]["Tid"]["category"]:
        data["dimension"]["Tid"]["category"]["label"] = {period: period}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    run = shvo("population", "import", str(bad), "--dry-run", "--records", str(records))
    assert run.exit_code == 2 and "internal error" not in run.stderr


def test_unwritable_target_is_an_environment_error(shvo: Shvo, tmp_path: Path) -> None:
    target = tmp_path / "ro"
    target.mkdir()
    os.chmod(target, 0o500)
    try:
        run = shvo("init", str(target / "new"))
    finally:
        os.chmod(target, 0o700)
    if os.geteuid() == 0:  # root writes anyway; /proc gives a real refusal
        run = shvo("init", "/proc/shvo-cannot-be-here")
    assert run.exit_code == 2 and "internal error" not in run.stderr
    assert "cannot" in run.stderr
