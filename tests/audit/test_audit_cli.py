"""The audit commands as a user meets them: formats, exit codes, refusals, progress, and
``shvo request log``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from shvo_cli.cli.console import progress
from tests.audit.test_audit import (
    AGREE_BY_REF,
    GITS,
    REF,
    Script,
    Shvo,
    forged_request,
    git,
    make_repo,
    who,
)
from tests.conftest import terminal_stderr


@pytest.fixture
def forged(tmp_path: Path, shvo: Shvo, monkeypatch: pytest.MonkeyPatch) -> tuple[Script, str]:
    """A request whose consensus entry was written by someone outside the organisation,
    and the working directory at the top of the repository."""
    repo, rid = forged_request(tmp_path, shvo)
    monkeypatch.chdir(repo.top)
    return repo, rid


def test_clean_history_exits_0(tmp_path: Path, shvo: Shvo,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, shvo)
    monkeypatch.chdir(repo.top)
    run = shvo("audit")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert "1 commit walked" in run.stderr and "0 errors, 0 warnings" in run.stderr
    assert "identities trusted: each commit's author as written" in run.stderr


def test_findings_name_commit_file_and_line(forged: tuple[Script, str], shvo: Shvo) -> None:
    repo, rid = forged
    sha = git(repo.top, "rev-parse", "--short=10", "HEAD").strip()
    run = shvo("audit")
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"records/requests/{rid}.yaml:19:1: error[A006] {sha}: {rid}: "
                               "entry 3 (agree, as REF) is in the name of referens@")
    assert any("warning[A010]" in line for line in lines)
    assert "Traceback" not in run.stderr


def test_json_github_gitlab_and_sarif(forged: tuple[Script, str], shvo: Shvo) -> None:
    repo, rid = forged
    head = git(repo.top, "rev-parse", "HEAD").strip()
    data = json.loads(shvo("audit", "--format", "json").stdout)
    assert data["trusted"] == "author" and data["summary"] == {"errors": 1, "warnings": 1}
    assert data["commits"] == {"walked": 4, "changed_records": 4}
    assert data["range"] == {"base": None, "tip": head}
    first = data["findings"][0]
    assert (first["code"], first["commit"], first["file"], first["line"]) == (
        "A006", head, f"records/requests/{rid}.yaml", 19)
    github = shvo("audit", "--format", "github")
    assert github.exit_code == 1
    assert github.stdout.startswith(f"::error file=records/requests/{rid}.yaml,line=19,col=1,"
                                    "title=A006 entry not made by the trusted identity")
    gitlab = json.loads(shvo("audit", "--format", "gitlab").stdout)
    assert gitlab[0]["check_name"] == "A006"
    sarif = json.loads(shvo("audit", "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "A006"


def test_strict_and_quiet(tmp_path: Path, shvo: Shvo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, shvo)
    rid = repo.new("2025-07-01")
    repo.shvo("request", "triage", rid, "--scope", "within-plan", "--by", GITS, "--date",
              "2025-07-02", "--records", str(repo.root), env=who(REF, "2025-07-02"))
    monkeypatch.chdir(repo.top)
    assert shvo("audit").exit_code == 0
    strict = shvo("audit", "--strict", "--quiet")
    assert strict.exit_code == 1 and "warning[A007]" in strict.stdout
    assert strict.stderr == ""


def test_not_a_git_repository(shvo: Shvo, records: Path) -> None:
    run = shvo("audit", "--records", str(records))
    assert run.exit_code == 2
    assert "not in a git work tree" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("bad", ["--output=/tmp/shvo-audit-pwned..HEAD", "nosuch..HEAD",
                                 "a...b"])
def test_bad_range_is_a_usage_error(forged: tuple[Script, str], shvo: Shvo, bad: str) -> None:
    run = shvo("audit", f"--range={bad}")
    assert run.exit_code == 2 and run.stderr.startswith("shvo: --range")
    assert not Path("/tmp/shvo-audit-pwned").exists()


def test_pull_request_range_and_a_dash_ref(forged: tuple[Script, str], shvo: Shvo) -> None:
    repo, _ = forged
    git(repo.top, "update-ref", "refs/heads/-base", "HEAD")
    rid = repo.new("2025-07-04")
    assert rid
    run = shvo("audit", "--range=-base..HEAD")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "1 commit walked" in run.stderr
    assert shvo("audit", "--range", "HEAD~2..HEAD").exit_code == 1


def test_record_and_since_verified(tmp_path: Path, shvo: Shvo,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, shvo)
    monkeypatch.chdir(repo.top)
    assert shvo("audit", "--since-verified").exit_code == 2
    assert shvo("audit", "--record", "--range", "HEAD~1..HEAD").exit_code == 2
    recorded = shvo("audit", "--record")
    assert recorded.exit_code == 0 and "as audited (refs/shvo/audited)" in recorded.stderr
    rid = repo.new("2025-07-01")
    run = shvo("audit", "--since-verified", "--record")
    assert run.exit_code == 0 and "1 commit walked" in run.stderr
    path = repo.append(rid, AGREE_BY_REF, state="approved")
    repo.hand("mallory@example.net", "2025-07-03", "ok", path)
    failed = shvo("audit", "--since-verified", "--record")
    assert failed.exit_code == 1 and "recorded" not in failed.stderr
    git(repo.top, "reset", "-q", "--hard", "HEAD~2")
    rewritten = shvo("audit", "--since-verified")
    assert rewritten.exit_code == 1
    assert "error[A017]" in rewritten.stdout and "history was rewritten" in rewritten.stdout


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    tty = terminal_stderr(monkeypatch)
    monkeypatch.setenv("NO_COLOR", "1")  # without colour: a counter on one line
    with progress(None, "shvo audit", "shvo audit: {done}/{total} commits") as show:
        assert show is not None
        show(0, 5000)
        show(5000, 5000)
    assert "shvo audit: 0/5000 commits" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[K")
    with progress(None, "x", "x", silent=True) as show:
        assert show is None
    monkeypatch.setenv("CI", "true")
    with progress(None, "x", "x") as show:
        assert show is None
    monkeypatch.delenv("CI")
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with progress(None, "x", "x") as show:
        assert show is None



# --- shvo request log ---------------------------------------------------------------------


def test_request_log_text(forged: tuple[Script, str], shvo: Shvo) -> None:
    _, rid = forged
    run = shvo("request", "log", rid)
    assert run.exit_code == 1
    out = run.stdout
    assert out.startswith(f"{rid}  records/requests/{rid}.yaml\n")
    assert "added    — → received" in out and "changed  triaged → approved" in out
    assert "author     mallory <mallory@example.net>" in out
    assert "trailers   none (not made by shvo)" in out
    assert f"trailers   request {rid}, transition triage, role GITS, person {GITS}" in out
    assert "! error[A006]" in out and "! warning[A010]" in out
    assert "entry 3    2025-07-03  agree → approved  by referens@example.org (REF)  (line 19)" \
        in out
    history = out.split("History in the file:\n")[1]
    assert len([line for line in history.splitlines() if line.startswith("    ")]) == 3
    assert "3 commits: 1 error, 1 warning" in out


def test_request_log_json_and_uncommitted_entries(forged: tuple[Script, str],
                                                  shvo: Shvo) -> None:
    repo, rid = forged
    repo.shvo("request", "note", rid, "Ej incheckad.", "--by", GITS, "--date", "2025-07-04",
              "--no-commit", "--records", str(repo.root))
    data = json.loads(shvo("request", "log", rid, "--format", "json").stdout)
    assert [c["change"] for c in data["commits"]] == ["added", "changed", "changed"]
    assert data["commits"][2]["author"]["email"] == "mallory@example.net"
    assert data["commits"][2]["signature"] == {"status": "N", "signer": "", "key": ""}
    assert [f["code"] for f in data["commits"][2]["findings"]] == ["A006", "A010"]
    assert [h["committed"] for h in data["history"]] == [True, True, True, False]
    assert data["history"][3]["commit"] is None
    assert "1 entry is in the working tree but not committed" in data["notes"][0]
    text = shvo("request", "log", rid).stdout
    assert "NOT COMMITTED" in text and "! 1 entry is in the working tree" in text


def test_request_log_of_a_baseline_request(tmp_path: Path, shvo: Shvo,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, shvo)
    monkeypatch.chdir(repo.top)
    run = shvo("request", "log", "REQ-2025-0002")
    assert run.exit_code == 0, run.stderr
    assert "(import baseline)" in run.stdout


@pytest.mark.parametrize(("rid", "message"), [("REQ-2025-ZZZZZZ", "no commit touched"),
                                              ("../../etc/passwd", "is not a request id"),
                                              ("-h", "is not a request id")])
def test_request_log_refusals(forged: tuple[Script, str], shvo: Shvo, rid: str,
                              message: str) -> None:
    run = shvo("request", "log", "--", rid)
    assert run.exit_code == 2 and message in run.stderr


def test_request_log_of_a_deleted_request(forged: tuple[Script, str], shvo: Shvo) -> None:
    repo, rid = forged
    repo.path(rid).unlink()
    repo.hand(GITS, "2025-07-05", "bort", repo.path(rid))
    run = shvo("request", "log", rid)
    assert run.exit_code == 1
    assert "deleted  deleted" in run.stdout and "error[A001]" in run.stdout
    assert "the file was deleted by commit" in run.stdout
    assert REF in run.stdout


def test_request_log_shows_a_committer_other_than_the_author(forged: tuple[Script, str],
                                                             shvo: Shvo) -> None:
    repo, rid = forged
    path = repo.append(rid, "  - date: 2025-07-05\n    note: Påminnelse.\n    to: approved\n"
                       f"    by: {{person: {GITS}, role: GITS}}\n")
    repo.hand(GITS, "2025-07-05", "anteckning", path,
              env={"GIT_COMMITTER_NAME": "GitHub", "GIT_COMMITTER_EMAIL": "noreply@github.com"})
    out = shvo("request", "log", rid).stdout
    assert "committer  GitHub <noreply@github.com>  (not the author)" in out
