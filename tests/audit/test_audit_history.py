"""shvo audit over ranges, signatures and rewritten history, in real git repositories."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from shvo_cli.audit.history import HistoryError, parse_trailers
from shvo_cli.audit.run import AUDITED_REF, audit, record
from tests.audit.test_audit import (
    AGREE_BY_REF,
    GITS,
    REF,
    Script,
    Shvo,
    codes,
    git,
    make_repo,
    who,
)

needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None,
                                      reason="ssh-keygen is needed to sign commits")


def _key(folder: Path, name: str) -> tuple[Path, str]:
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                    str(path)], check=True, capture_output=True)
    return path, (folder / f"{name}.pub").read_text(encoding="ascii").strip()


@pytest.fixture
def signed(tmp_path: Path, shvo: Shvo) -> tuple[Script, dict[str, Path]]:
    """A repository where every commit is signed with an SSH key; the GITS case officer
    and the reference person each have a key in the allowed-signers file, a stranger's
    key is not in it."""
    keys = tmp_path / "keys"
    keys.mkdir()
    paths: dict[str, Path] = {}
    lines = []
    for person, name in ((GITS, "gits"), (REF, "ref"), ("stranger", "stranger")):
        path, public = _key(keys, name)
        paths[person] = path
        if person != "stranger":
            lines.append(f'{person} namespaces="git" {public}')
    allowed = keys / "allowed_signers"
    allowed.write_text("\n".join(lines) + "\n", encoding="ascii")
    repo = make_repo(tmp_path, shvo, config={
        "gpg.format": "ssh", "gpg.ssh.allowedSignersFile": str(allowed),
        "commit.gpgsign": "true", "user.signingkey": str(paths[GITS])})
    return repo, paths


def signing_as(key: Path) -> dict[str, str]:
    return {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "user.signingkey",
            "GIT_CONFIG_VALUE_0": str(key)}


def test_unsigned_commits_under_require_signed(tmp_path: Path, shvo: Shvo) -> None:
    repo = make_repo(tmp_path, shvo)
    rid = repo.new("2025-07-01")
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    assert repo.audit().findings == []
    result = repo.audit(require_signed=True)
    assert codes(result) == ["A014", "A014", "A014"]
    assert result.trusted == "signer"
    assert all("not signed" in a.finding.message for a in result.findings)


@needs_ssh_keygen
def test_signed_history_passes_and_names_the_signer(
        signed: tuple[Script, dict[str, Path]]) -> None:
    repo, keys = signed
    rid = repo.new("2025-07-01")
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    run = repo.shvo("request", "decide", rid, "approve", "--by", REF, "--with", GITS,
                    "--date", "2025-07-03",
                    "--records", str(repo.root),
                    env={**who(REF, "2025-07-03"), **signing_as(keys[REF])})
    assert run.exit_code == 0, run.stderr
    result = repo.audit(require_signed=True)
    assert result.findings == []
    assert git(repo.top, "log", "-1", "--format=%G? %GS").strip() == f"G {REF}"


@needs_ssh_keygen
def test_role_is_checked_against_the_signer_not_the_author(
        signed: tuple[Script, dict[str, Path]]) -> None:
    """The case officer signs a commit that claims the reference person as its author and
    as the entry's maker: unsigned audit believes the author; signed audit does not."""
    repo, _ = signed
    rid = repo.new("2025-07-01")
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    path = repo.append(rid, AGREE_BY_REF, state="approved")
    repo.hand(REF, "2025-07-03", "referensgruppen är enig", path)  # signed with GITS's key
    assert codes(repo.audit()) == ["A010"]
    result = repo.audit(require_signed=True)
    spoof = [a.finding.message for a in result.findings if a.finding.code == "A006"]
    assert len(spoof) == 1
    assert f"in the name of {REF}, but the commit is signed by {GITS}" in spoof[0]
    assert "(trusted: signer)" in spoof[0]


@needs_ssh_keygen
def test_untrusted_key_under_require_signed(signed: tuple[Script, dict[str, Path]]) -> None:
    repo, keys = signed
    rid = repo.new("2025-07-01")
    path = repo.append(rid, "  - date: 2025-07-02\n    note: Ring tillbaka.\n    to: received\n"
                       f"    by: {{person: {GITS}, role: GITS}}\n")
    repo.hand(GITS, "2025-07-02", "anteckning", path, env=signing_as(keys["stranger"]))
    result = repo.audit(require_signed=True)
    assert "A015" in codes(result)
    message = next(a.finding.message for a in result.findings if a.finding.code == "A015")
    assert "unknown trust" in message and "git status U" in message


def test_range_audits_only_the_new_commits(tmp_path: Path, shvo: Shvo) -> None:
    repo = make_repo(tmp_path, shvo)
    rid = repo.new("2025-07-01")
    path = repo.append(rid, AGREE_BY_REF.replace("agree", "agree"), state="approved")
    repo.hand("mallory@example.net", "2025-07-03", "förfalskat", path)
    git(repo.top, "branch", "reviewed")
    other = repo.new("2025-07-04")
    repo.step(GITS, "2025-07-05", "triage", other, "--scope", "within-plan")
    assert "A006" in codes(repo.audit())
    result = repo.audit(range_="reviewed..HEAD")
    assert result.findings == [] and result.walked == 2
    assert repo.audit(range_="reviewed..").walked == 2
    assert "A006" in codes(repo.audit(range_="reviewed"))


def test_a_ref_starting_with_a_dash_is_a_ref(tmp_path: Path, shvo: Shvo) -> None:
    repo = make_repo(tmp_path, shvo)
    git(repo.top, "update-ref", "refs/heads/-reviewed", "HEAD")
    rid = repo.new("2025-07-01")
    result = repo.audit(range_="-reviewed..HEAD")
    assert result.walked == 1 and result.findings == []
    assert rid


@pytest.mark.parametrize("bad", ["--output=/tmp/shvo-pwned..HEAD", "-h", "--all",
                                 "HEAD...HEAD~1", "nosuchref..HEAD", "HEAD..nosuchref",
                                 "HEAD\n..HEAD", ""])
def test_bad_ranges_are_refused(tmp_path: Path, shvo: Shvo, bad: str) -> None:
    repo = make_repo(tmp_path, shvo)
    with pytest.raises(HistoryError, match="--range"):
        repo.audit(range_=bad)
    assert not Path("/tmp/shvo-pwned").exists()


def test_since_verified(tmp_path: Path, shvo: Shvo) -> None:
    repo = make_repo(tmp_path, shvo)
    with pytest.raises(HistoryError, match="nothing is recorded as audited"):
        repo.audit(since_verified=True)
    rid = repo.new("2025-07-01")
    first = repo.audit()
    record(first)
    assert git(repo.top, "rev-parse", AUDITED_REF).strip() == first.tip
    assert repo.audit(since_verified=True).walked == 0
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    later = repo.audit(since_verified=True)
    assert later.walked == 1 and later.base == first.tip and later.findings == []
    with pytest.raises(HistoryError, match="cannot be combined"):
        repo.audit(since_verified=True, range_="HEAD~1..HEAD")


def test_rewritten_history_under_since_verified(tmp_path: Path, shvo: Shvo) -> None:
    repo = make_repo(tmp_path, shvo)
    rid = repo.new("2025-07-01")
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    record(repo.audit())
    # Rewrite: the triage is amended to look as if the reference group had agreed.
    path = repo.path(rid)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2025-07-02", "date: 2025-07-01"), encoding="utf-8")
    git(repo.top, "commit", "-q", "--amend", "-a", "--no-edit", env=who(GITS, "2025-07-02"))
    result = repo.audit(since_verified=True)
    assert codes(result)[0] == "A017"
    assert "history was rewritten" in result.findings[0].finding.message
    assert result.findings[0].finding.file == repo.root
    assert result.base is None and result.walked == 3


def test_shallow_clone_is_refused(tmp_path: Path, shvo: Shvo) -> None:
    repo = make_repo(tmp_path, shvo)
    rid = repo.new("2025-07-01")
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.top}", str(clone))
    with pytest.raises(HistoryError, match="shallow clone"):
        audit(clone / "records")
    assert audit(clone / "records", range_="HEAD..HEAD").walked == 0


def test_not_a_git_work_tree(records: Path) -> None:
    with pytest.raises(HistoryError, match="not in a git work tree"):
        audit(records)


def test_trailers_are_read_from_the_last_paragraph() -> None:
    message = ("REQ-2025-0001: a → b\n\nShvo-Request: REQ-1\n\nBody\n\nshvo-request: REQ-2025-0001"
               "\nShvo-Role: REF (claimed)\nSigned-off-by: X <x@example.org>\n")
    assert parse_trailers(message) == {"Shvo-Request": "REQ-2025-0001",
                                       "Shvo-Role": "REF (claimed)"}
    assert parse_trailers("Shvo-Request: REQ-2025-0001") == {}
