"""The audit trail in Swedish: ``shvo audit``, ``shvo request log`` and ``shvo codeowners``
with ``--lang sv`` speak Swedish, while codes, JSON keys, change values and the CODEOWNERS
file itself stay exactly as in English."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from shvo_cli import i18n
from shvo_cli.cli.console import progress
from tests.audit.test_audit import GITS, Script, Shvo, forged_request, git, make_repo
from tests.conftest import terminal_stderr


@pytest.fixture
def forged(tmp_path: Path, shvo: Shvo, monkeypatch: pytest.MonkeyPatch) -> tuple[Script, str]:
    """A request whose consensus entry was committed by hand by someone outside the
    organisation (A006, A010), and the working directory at the top of the repository."""
    repo, rid = forged_request(tmp_path, shvo)
    monkeypatch.chdir(repo.top)
    return repo, rid


def _keys(value: Any) -> Any:
    """The shape of a JSON document: its keys, recursively, without the values."""
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return None


def test_audit_findings_and_summary_in_swedish(forged: tuple[Script, str], shvo: Shvo) -> None:
    repo, rid = forged
    sha = git(repo.top, "rev-parse", "--short=10", "HEAD").strip()
    sv = shvo("--lang", "sv", "audit")
    assert sv.exit_code == 1
    lines = sv.stdout.splitlines()
    assert lines[0].startswith(f"records/requests/{rid}.yaml:19:1: error[A006] {sha}: {rid}: "
                               "historikpost 3 (agree, som REF) står i namnet referens@")
    assert "incheckningens författare är mallory@example.net" in lines[0]
    assert any(f"warning[A010] {sha}: {rid}: ändrad för hand: incheckningen har inga "
               "Shvo-*-släprader" in line for line in lines)
    assert "4 incheckningar gicks igenom (hela historiken fram till " in sv.stderr
    assert "1 fel, 1 varning; betrodda identiteter: varje inchecknings författare" in sv.stderr
    en = shvo("--lang", "en", "audit")
    assert en.exit_code == 1
    assert "entry 3 (agree, as REF) is in the name of referens@" in en.stdout
    assert "4 commits walked (all history to " in en.stderr
    assert "1 error, 1 warning; identities trusted: each commit's author" in en.stderr
    # the same findings, in the same order, at the same places
    assert [line.split(" ")[:3] for line in lines] == \
        [line.split(" ")[:3] for line in en.stdout.splitlines()]


def test_audit_json_keeps_keys_codes_and_values(forged: tuple[Script, str],
                                                shvo: Shvo) -> None:
    sv = json.loads(shvo("--lang", "sv", "audit", "--format", "json").stdout)
    en = json.loads(shvo("--lang", "en", "audit", "--format", "json").stdout)
    assert _keys(sv) == _keys(en)
    assert sv["trusted"] == en["trusted"] == "author"
    assert sv["summary"] == en["summary"] == {"errors": 1, "warnings": 1}
    assert [(f["code"], f["severity"], f["line"], f["commit"]) for f in sv["findings"]] == \
        [(f["code"], f["severity"], f["line"], f["commit"]) for f in en["findings"]]
    assert "historikpost 3" in sv["findings"][0]["message"]
    assert "entry 3" in en["findings"][0]["message"]


def test_audit_errors_in_swedish(shvo: Shvo, records: Path) -> None:
    run = shvo("--lang", "sv", "audit", "--records", str(records))
    assert run.exit_code == 2
    assert "ligger inte i en git-arbetskatalog; granskningen läser dess historik" in run.stderr


def test_bad_range_in_swedish(forged: tuple[Script, str], shvo: Shvo) -> None:
    run = shvo("--lang", "sv", "audit", "--range", "nosuch..HEAD")
    assert run.exit_code == 2
    assert run.stderr.startswith("shvo: --range 'nosuch..HEAD': 'nosuch' är ingen incheckning")


def test_request_log_in_swedish(forged: tuple[Script, str], shvo: Shvo) -> None:
    _repo, rid = forged
    run = shvo("--lang", "sv", "request", "log", rid)
    assert run.exit_code == 1
    out = run.stdout
    assert out.startswith(f"{rid}  records/requests/{rid}.yaml\nIdentiteter: varje "
                          "inchecknings författare som den står skriven")
    assert "Incheckningar som ändrade filen (äldsta först):" in out
    assert "tillagd  — → received" in out and "ändrad   triaged → approved" in out
    assert "författare mallory <mallory@example.net>" in out
    assert "signatur   " in out and "signature" not in out
    assert "släprader  inga (inte gjord med shvo)" in out
    assert "post 3    2025-07-03  agree → approved  av referens@example.org (REF)  (rad 19)" \
        in out
    assert "! error[A006]" in out and "! warning[A010]" in out
    assert "Historik i filen:" in out and "(importens utgångsläge)" not in out
    assert out.rstrip().endswith("3 incheckningar: 1 fel, 1 varning")
    en = shvo("--lang", "en", "request", "log", rid).stdout
    assert "Commits that changed the file (oldest first):" in en
    assert "author     mallory <mallory@example.net>" in en
    assert en.rstrip().endswith("3 commits: 1 error, 1 warning")


def test_request_log_json_keys_unchanged(forged: tuple[Script, str], shvo: Shvo) -> None:
    repo, rid = forged
    repo.shvo("request", "note", rid, "Ej incheckad.", "--by", GITS, "--date", "2025-07-04",
              "--no-commit", "--records", str(repo.root))
    sv = json.loads(shvo("--lang", "sv", "request", "log", rid, "--format", "json").stdout)
    en = json.loads(shvo("--lang", "en", "request", "log", rid, "--format", "json").stdout)
    assert _keys(sv) == _keys(en)
    assert [c["change"] for c in sv["commits"]] == ["added", "changed", "changed"]
    assert [f["code"] for f in sv["commits"][2]["findings"]] == ["A006", "A010"]
    assert sv["trusted"] == "author"
    assert sv["notes"] == ["1 historikpost finns i arbetskatalogen men är inte incheckad: git "
                           "kan inte gå i god för den än"]
    assert en["notes"] == ["1 entry is in the working tree but not committed: git cannot "
                           "vouch for it yet"]


def test_request_log_baseline_in_swedish(tmp_path: Path, shvo: Shvo,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, shvo)
    monkeypatch.chdir(repo.top)
    run = shvo("--lang", "sv", "request", "log", "REQ-2025-0002")
    assert run.exit_code == 0, run.stderr
    assert "(importens utgångsläge)" in run.stdout


def test_codeowners_messages_in_swedish_file_unchanged(tmp_path: Path, shvo: Shvo,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, shvo)
    monkeypatch.chdir(repo.top)
    missing = shvo("--lang", "sv", "codeowners", "--check")
    assert missing.exit_code == 1
    assert "CODEOWNERS saknas: kör shvo codeowners" in missing.stderr
    # the file is the same whichever language wrote it, so --check in CI does not depend
    # on the runner's locale
    sv = shvo("--lang", "sv", "codeowners", "--output", "-").stdout
    en = shvo("--lang", "en", "codeowners", "--output", "-").stdout
    assert sv == en and sv.startswith("# Generated by shvo codeowners")
    wrote = shvo("--lang", "sv", "codeowners")
    assert wrote.exit_code == 0 and "shvo: skrev " in wrote.stderr
    current = shvo("--lang", "sv", "codeowners", "--check")
    assert current.exit_code == 0 and "CODEOWNERS är aktuell" in current.stderr
    assert shvo("--lang", "en", "codeowners", "--check").exit_code == 0


def test_progress_counter_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    tty = terminal_stderr(monkeypatch)
    i18n.set_language("sv")
    monkeypatch.setenv("NO_COLOR", "1")
    with progress(None, "shvo audit", i18n._("shvo audit: {done}/{total} commits")) as show:
        assert show is not None
        show(0, 5000)
    assert "shvo audit: 0/5000 incheckningar" in tty.getvalue()
