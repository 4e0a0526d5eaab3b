"""Requests through the process, end to end, in real temporary git repositories."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli.checks.validate import validate
from tests.conftest import EXAMPLES, RECORDS, Run, commit_records, draft_plan

Shvo = Callable[..., Run]
GITS = "handlaggare@example.org"
REF = "referens@example.org"
DVS = "dvs.fyrbodal@example.org"
VVG = "sekreterare.vvg@example.org"
SITIV = "ekonom.sitiv@example.org"
TEST = "testare@example.org"

# DEC-2025-0004 is written before the request it will settle exists, so it cannot name it:
# typed "other", as an escalated-request decision must name its request (D006).
VVG_DECISIONS = {
    "DEC-2025-0004": ("other", "2025-04-20"),
    "DEC-2025-0005": ("position-new-needs", "2025-06-12"),
}
SITIV_DECISION = """kind: decision
id: DEC-2025-0003
example: true
body: SITIV
date: 2025-06-20
type: anchoring
outcome: approved
reference: Protokoll SITIV 2025-06-20, § 5 (exempel)
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the bundled records, the 2025 plan adopted, and one SITIV
    decision; git's user is the GITS case officer."""
    top = tmp_path / "shvo-records"
    shutil.copytree(RECORDS, top / "records")
    shutil.copytree(EXAMPLES / "valid" / "adopted-plan" / "records", top / "records",
                    dirs_exist_ok=True)
    (top / "records" / "decisions" / "DEC-2025-0003.yaml").write_text(SITIV_DECISION,
                                                                      encoding="utf-8")
    for dec_id, (kind, day) in VVG_DECISIONS.items():
        (top / "records" / "decisions" / f"{dec_id}.yaml").write_text(
            f"kind: decision\nid: {dec_id}\nexample: true\nbody: VVG\ndate: {day}\n"
            f"type: {kind}\noutcome: approved\nreference: Protokoll VVG {day} (exempel)\n",
            encoding="utf-8")
    return commit_records(top)


def new(shvo: Shvo, root: Path, *extra: str, when: str = "2025-07-01") -> str:
    run = shvo("request", "new", "--records", str(root), "--no-input", "--date", when,
               "--title", "Ny utdata för uppföljning", "--category", "new-development",
               "--assignment", "output-solutions", "--channel", "support",
               "--systems", "SAMSA,MELIOR-DENODO", *extra)
    assert run.exit_code == 0, run.stderr
    return run.stdout.strip()


def step(shvo: Shvo, root: Path, *args: str, ok: bool = True) -> Run:
    run = shvo("request", *args, "--records", str(root))
    if ok:
        assert run.exit_code == 0, run.stderr
    return run


def assert_clean(root: Path) -> None:
    result = validate(root)
    assert result.errors == 0, [f.message for f in result.findings if f.severity == "error"]


def test_new_request_is_valid_and_committed(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    assert rid.startswith("REQ-2025-") and len(rid) == 15
    path = repo / "requests" / f"{rid}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/request.schema.json")
    assert "state: received" in text
    assert_clean(repo)
    log = git(repo, "log", "-1", "--format=%s%n%b")
    assert log.startswith(f"{rid}: new request (received)")
    assert f"Shvo-Request: {rid}" in log and "Shvo-Role: GITS" in log
    assert git(repo, "status", "--porcelain") == ""


def test_within_plan_consensus_to_release(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    step(shvo, repo, "triage", rid, "--scope", "within-plan", "--date", "2025-07-02")
    step(shvo, repo, "decide", rid, "approve", "--by", REF, "--with", GITS, "--date",
         "2025-07-03")
    step(shvo, repo, "advance", rid, "in-progress", "--date", "2025-07-04")
    step(shvo, repo, "advance", rid, "acceptance-test", "--date", "2025-07-05")
    failed = step(shvo, repo, "advance", rid, "in-progress", "--by", TEST, "--outcome",
                  "failed", "--date", "2025-07-06")
    assert "acceptance-test → in-progress" in failed.stdout
    step(shvo, repo, "advance", rid, "acceptance-test", "--date", "2025-07-07")
    step(shvo, repo, "advance", rid, "tested", "--by", TEST, "--outcome", "passed",
         "--date", "2025-07-08")
    step(shvo, repo, "advance", rid, "ref-informed", "--date", "2025-07-09")
    step(shvo, repo, "release", rid, "--date", "2025-07-10")
    assert_clean(repo)
    subjects = git(repo, "log", "--format=%s", f"-{10}").splitlines()
    assert subjects[0] == f"{rid}: ref-informed → released"
    assert subjects[-1] == f"{rid}: new request (received)"
    trailers = git(repo, "log", "--format=%(trailers:key=Shvo-Transition,valueonly)", "-10")
    assert [t for t in trailers.split() if t] == [
        "release", "inform-reference-group", "pass-test", "submit-for-test", "fail-test",
        "submit-for-test", "start", "agree", "triage", "new"]
    assert "Shvo-Role: AG-UTV" in git(repo, "log", "-1", "--skip=2", "--format=%b")


def test_escalation_to_vvg(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo, when="2025-04-01")
    step(shvo, repo, "triage", rid, "--scope", "within-plan", "--date", "2025-04-02")
    refused = step(shvo, repo, "escalate", rid, "--subregion", "HALLAND", "--by", DVS,
                   "--date", "2025-04-03", ok=False)
    assert refused.exit_code == 1 and "R005" in refused.stderr
    step(shvo, repo, "escalate", rid, "--subregion", "FYRBODAL", "--by", DVS,
         "--note", "Ingen konsensus.", "--date", "2025-04-03")
    missing = step(shvo, repo, "decide", rid, "approve", "--by", VVG, "--date", "2025-04-24",
                   ok=False)
    assert missing.exit_code == 1 and "needs --decision" in missing.stderr
    step(shvo, repo, "decide", rid, "approve", "--by", VVG, "--decision", "DEC-2025-0004",
         "--date", "2025-04-24")
    body = git(repo, "log", "-1", "--format=%b")
    assert "Shvo-Decision: DEC-2025-0004" in body and "Shvo-Role: VVG" in body
    assert_clean(repo)


def test_need_for_next_year(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo, when="2025-02-01")
    step(shvo, repo, "triage", rid, "--scope", "next-year", "--date", "2025-02-02")
    step(shvo, repo, "advance", rid, "inventoried", "--date", "2025-03-01")
    step(shvo, repo, "decide", rid, "approve", "--by", VVG, "--decision", "DEC-2025-0005",
         "--date", "2025-06-12")
    assert "state: taken-on" in (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert_clean(repo)


def test_beyond_plan_needs_vvg_and_sitiv(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo, when="2025-06-01")
    step(shvo, repo, "triage", rid, "--scope", "beyond-plan", "--date", "2025-06-02")
    step(shvo, repo, "advance", rid, "anchoring", "--date", "2025-06-03")
    before = (repo / "requests" / f"{rid}.yaml").read_bytes()
    half = step(shvo, repo, "decide", rid, "approve", "--by", VVG, "--decision",
                "DEC-2025-0005", "--date", "2025-06-21", ok=False)
    assert half.exit_code == 1
    assert "requires a recorded decision by SITIV" in half.stderr
    assert (repo / "requests" / f"{rid}.yaml").read_bytes() == before
    step(shvo, repo, "decide", rid, "approve", "--by", VVG, "--decision", "DEC-2025-0005",
         "--decision", "DEC-2025-0003", "--date", "2025-06-21")
    assert_clean(repo)


@pytest.mark.parametrize(("path", "args"), [
    ("decline", ["decide", "{id}", "reject", "--by", REF, "--with", GITS, "--note",
                 "Genomförs inte."]),
    ("withdraw", ["advance", "{id}", "withdrawn", "--note", "Återkallat av anmälaren."]),
])
def test_ending_without_release(shvo: Shvo, repo: Path, path: str, args: list[str]) -> None:
    rid = new(shvo, repo)
    step(shvo, repo, "triage", rid, "--scope", "within-plan", "--date", "2025-07-02")
    step(shvo, repo, *[a.replace("{id}", rid) for a in args], "--date", "2025-07-03")
    state = "rejected" if path == "decline" else "withdrawn"
    assert f"state: {state}" in (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert_clean(repo)


def test_comment_survives_and_diff_is_minimal(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    path = repo / "requests" / f"{rid}.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "channel: support", "channel: support   # inkom via telefonsupport, se ärendelogg")
    path.write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "hand-written comment")
    step(shvo, repo, "triage", rid, "--scope", "within-plan", "--date", "2025-07-02")
    after = path.read_text(encoding="utf-8")
    assert "channel: support   # inkom via telefonsupport, se ärendelogg" in after
    diff = git(repo, "diff", "HEAD~1", "--unified=0", "--", str(path))
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+scope: within-plan", "-state: received", "+state: triaged",
                       "+  - date: 2025-07-02", "+    transition: triage", "+    to: triaged",
                       f"+    by: {{person: {GITS}, role: GITS}}", "+    scope: within-plan"]


def _unchanged(repo: Path, run: Callable[[], Run], code: int, text: str) -> Run:
    head = git(repo, "rev-parse", "HEAD")
    files = {p: p.read_bytes() for p in repo.rglob("*.yaml")}
    result = run()
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert text in result.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    assert {p: p.read_bytes() for p in repo.rglob("*.yaml")} == files
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "REQ-２０２５-0001", "REQ-2025-0001\n",
                                 "REQ-2025-0001/../../x", "req-2025-0001", ""])
def test_path_like_ids_are_refused(shvo: Shvo, repo: Path, bad: str) -> None:
    _unchanged(repo, lambda: step(shvo, repo, "advance", bad, "triaged", ok=False), 2,
               "is not a request id")


def test_refusals_change_nothing(shvo: Shvo, repo: Path, tmp_path: Path) -> None:
    rid = new(shvo, repo)
    _unchanged(repo, lambda: step(shvo, repo, "advance", "REQ-2025-ZZZZZZ", "triaged",
                                  ok=False), 2, "no request REQ-2025-ZZZZZZ")
    illegal = _unchanged(repo, lambda: step(shvo, repo, "release", rid, ok=False), 1,
                         "cannot be made from state 'received'")
    assert "triage → triaged (by GITS)" in illegal.stderr
    _unchanged(repo, lambda: step(shvo, repo, "advance", rid, "triaged", ok=False), 1,
               "needs --scope")
    _unchanged(repo, lambda: step(shvo, repo, "triage", rid, "--scope", "within-plan",
                                  "--by", REF, ok=False), 1, "this step is made by GITS")
    _unchanged(repo, lambda: step(shvo, repo, "triage", rid, "--scope", "within-plan",
                                  "--by", "okand@example.org", "--as", "GITS", ok=False), 1,
               "is not a member")
    _unchanged(repo, lambda: step(shvo, repo, "triage", rid, "--scope", "within-plan",
                                  "--date", "2025-06-30", ok=False), 1,
               "before the last history entry")
    leak = _unchanged(repo, lambda: step(shvo, repo, "note", rid, "Gäller 19900101-9810",
                                         ok=False), 1, "personnummer")
    assert "9810" not in leak.stderr + leak.stdout


def test_plan_must_be_adopted_for_work_within_it(shvo: Shvo, repo: Path) -> None:
    draft_plan(repo)
    git(repo, "commit", "-qam", "plan back to draft")
    rid = new(shvo, repo)
    step(shvo, repo, "triage", rid, "--scope", "within-plan", "--date", "2025-07-02")
    _unchanged(repo, lambda: step(shvo, repo, "decide", rid, "approve", "--by", REF,
                                  "--with", GITS, "--date", "2025-07-03", ok=False), 1,
               "the plan for 2025 is a draft")


def test_hand_edits_block_commit_unless_forced(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    path = repo / "requests" / f"{rid}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Ny utdata för uppföljning", "title: Ny utdata för uppföljning (ändrad)"),
        encoding="utf-8")
    hand = path.read_bytes()
    head = git(repo, "rev-parse", "HEAD")
    run = step(shvo, repo, "triage", rid, "--scope", "within-plan", "--date", "2025-07-02",
               ok=False)
    assert run.exit_code == 2 and "uncommitted changes" in run.stderr
    assert path.read_bytes() == hand and git(repo, "rev-parse", "HEAD") == head
    step(shvo, repo, "triage", rid, "--scope", "within-plan", "--date", "2025-07-02",
         "--force")
    assert "(ändrad)" in git(repo, "show", "HEAD", "--", str(path))


def test_commit_outside_git_is_refused(shvo: Shvo, records: Path) -> None:
    run = shvo("request", "new", "--records", str(records), "--no-input", "--commit",
               "--by", GITS, "--title", "x", "--category", "maintenance", "--channel",
               "support", "--date", "2025-07-01")
    assert run.exit_code == 2 and "not in a git work tree" in run.stderr
    assert sorted(p.name for p in (records / "requests").iterdir()) == sorted(
        p.name for p in (RECORDS / "requests").iterdir())


def test_without_git_the_change_is_written_uncommitted(shvo: Shvo, records: Path) -> None:
    run = shvo("request", "new", "--records", str(records), "--no-input", "--by", GITS,
               "--title", "Utan git", "--category", "maintenance", "--channel", "support",
               "--date", "2025-07-01")
    assert run.exit_code == 0, run.stderr
    assert "(not committed)" in run.stderr
    assert (records / "requests" / f"{run.stdout.strip()}.yaml").is_file()


def test_symlinked_record_is_refused(shvo: Shvo, repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "REQ-2025-AAAAAA.yaml"
    shutil.copy(repo / "requests" / "REQ-2025-0004.yaml", outside)
    (repo / "requests" / "REQ-2025-AAAAAA.yaml").symlink_to(outside)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link")
    _unchanged(repo, lambda: step(shvo, repo, "note", "REQ-2025-AAAAAA", "x", ok=False), 2,
               "is a symbolic link")


def test_edit_and_note_keep_state(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    step(shvo, repo, "edit", rid, "--title", "Ny titel: utdata", "--systems", "SAMSA",
         "--date", "2025-07-02")
    step(shvo, repo, "note", rid, "Diskuterat på möte.", "--date", "2025-07-03")
    text = (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert 'title: "Ny titel: utdata"' in text and "systems: [SAMSA]" in text
    assert "edited: [title, systems]" in text and "note: Diskuterat på möte." in text
    assert "state: received" in text
    assert_clean(repo)


def test_two_branches_create_requests_and_merge(shvo: Shvo, repo: Path) -> None:
    top = repo.parent
    git(top, "checkout", "-qb", "alice")
    a = new(shvo, repo)
    git(top, "checkout", "-q", "main")
    git(top, "checkout", "-qb", "bob")
    b = new(shvo, repo)
    git(top, "checkout", "-q", "main")
    git(top, "merge", "-q", "--no-edit", "alice")
    git(top, "merge", "-q", "--no-edit", "bob")
    assert a != b
    assert (repo / "requests" / f"{a}.yaml").is_file()
    assert (repo / "requests" / f"{b}.yaml").is_file()
    assert_clean(repo)


def test_list_and_show(shvo: Shvo, repo: Path) -> None:
    rid = new(shvo, repo)
    listing = step(shvo, repo, "list", "--state", "received", "--format", "csv").stdout
    assert listing.splitlines()[0] == "id,state,scope,category,created,updated,systems,title"
    assert [line.split(",")[0] for line in listing.splitlines()[1:]] == [rid]
    by_system = step(shvo, repo, "list", "--system", "SIP-1177", "--format", "json").stdout
    assert '"REQ-2025-0001"' in by_system and rid not in by_system
    shown = step(shvo, repo, "show", rid).stdout
    assert "triage                   → triaged          by GITS  needs scope" in shown
    assert "MELIOR-DENODO (Melior/Denodo): Varje RPA-ansvarig förvaltning" in shown
    system = shvo("systems", "show", "MELIOR-DENODO", "--records", str(repo)).stdout
    assert rid in system and "REQ-2025-0002" in system


def test_interactive_new(shvo: Shvo, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from shvo_cli.cli.app import app

    monkeypatch.setattr("shvo_cli.cli.common.stdin_is_terminal", lambda: True)
    answers = "Interaktivt ärende\n3\n1\nsupport\n2\nSAMSA\nEn beskrivning.\n"
    result = CliRunner().invoke(app, ["request", "new", "--records", str(repo), "--date",
                                      "2025-07-01"], input=answers)
    assert result.exit_code == 0, result.stderr
    rid = result.stdout.strip().splitlines()[-1]
    text = (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert "category: new-development" in text and "assignment: process-functionality" in text
    assert "area: sip" in text and "systems: [SAMSA]" in text


def test_without_members_the_role_is_recorded_as_claimed(shvo: Shvo, repo: Path) -> None:
    org = repo / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text[:text.index("# Plainly fictional members")] + "members: []\n",
                   encoding="utf-8")
    git(repo, "commit", "-qam", "no members")
    rid = new(shvo, repo)
    run = step(shvo, repo, "triage", rid, "--scope", "within-plan", "--as", "GITS", "--date",
               "2025-07-02")
    assert "recorded as claimed" in run.stderr
    text = (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert f"by: {{person: {GITS}, role: GITS, claimed: true}}" in text
    assert "Shvo-Role: GITS (claimed)" in git(repo, "log", "-1", "--format=%b")
    assert_clean(repo)
