"""shvo audit against real temporary git repositories: a clean scripted year passes, and
each forged history is caught with its own code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli.audit.run import AuditResult, audit
from tests.conftest import EXAMPLES, RECORDS, Run, draft_plan
from tests.requests.test_request import DVS, GITS, REF, SITIV, TEST, VVG

Shvo = Callable[..., Run]
NAMES = {GITS: "Exempel Handläggare", REF: "Exempel Referensperson",
         DVS: "Exempel Representant Fyrbodal", VVG: "Exempel Sekreterare VVG",
         SITIV: "Exempel Ekonom SITIV", TEST: "Exempel Testare"}



def decision(script: Script, dec_id: str, body: str, kind: str, day: str) -> None:
    """A decision recorded by hand, by the secretary of the body that took it."""
    path = script.root / "decisions" / f"{dec_id}.yaml"
    path.write_text(f"kind: decision\nid: {dec_id}\nexample: true\nbody: {body}\n"
                    f"date: {day}\ntype: {kind}\noutcome: approved\n"
                    f"reference: Protokoll {body} {day} (exempel)\n", encoding="utf-8")
    script.hand(VVG if body == "VVG" else SITIV, day, f"{dec_id}: {body} {kind}", path)


def who(person: str, day: str, hour: int = 10) -> dict[str, str]:
    """git's identity and dates for a commit by ``person`` on ``day``."""
    name = NAMES.get(person, person.split("@")[0])
    stamp = f"{day}T{hour:02d}:00:00+02:00"
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": person, "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": person,
            "GIT_COMMITTER_DATE": stamp}


def git(top: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None,
        ) -> str:
    return subprocess.run(["git", *args], cwd=top, capture_output=True, text=True, check=True,
                          input=stdin, env={**os.environ, **(env or {})}).stdout


class Script:
    """A records repository that steps are made in, each by a person on a date."""

    def __init__(self, shvo: Shvo, top: Path, root: Path) -> None:
        self.shvo, self.top, self.root = shvo, top, root

    def step(self, person: str, day: str, *args: str, ok: bool = True) -> Run:
        run = self.shvo("request", *args, "--by", person, "--date", day, "--records",
                        str(self.root), env=who(person, day))
        if ok:
            assert run.exit_code == 0, run.stderr
        return run

    def new(self, day: str, *extra: str, person: str = GITS) -> str:
        run = self.shvo("request", "new", "--records", str(self.root), "--no-input",
                        "--date", day, "--by", person, "--title", "Ny utdata",
                        "--category", "new-development", "--assignment", "output-solutions",
                        "--channel", "support", *extra, env=who(person, day))
        assert run.exit_code == 0, run.stderr
        return run.stdout.strip()

    def path(self, rid: str) -> Path:
        return self.root / "requests" / f"{rid}.yaml"

    def hand(self, person: str, day: str, message: str, *paths: Path,
             env: dict[str, str] | None = None) -> str:
        """Commit files as edited by hand (no shvo), as ``person`` on ``day``."""
        git(self.top, "add", "-A", "--", *[str(p) for p in paths])
        git(self.top, "commit", "-q", "-F", "-", env={**who(person, day), **(env or {})},
            stdin=message)
        return git(self.top, "rev-parse", "HEAD").strip()

    def append(self, rid: str, entry: str, state: str | None = None) -> Path:
        """Append a history entry by editing the text, as a person with an editor would."""
        path = self.path(rid)
        text = path.read_text(encoding="utf-8")
        if state is not None:
            text = re.sub(r"^state: .*$", f"state: {state}", text, flags=re.M)
        path.write_text(text + entry, encoding="utf-8")
        return path

    def audit(self, **kwargs: object) -> AuditResult:
        return audit(self.root, **kwargs)  # type: ignore[arg-type]


def codes(result: AuditResult) -> list[str]:
    return [a.finding.code for a in result.findings]


def make_repo(tmp_path: Path, shvo: Shvo, *, records: str = "records",
              config: dict[str, str] | None = None) -> Script:
    """The bundled records with the 2025 plan adopted and a SITIV decision, committed as
    the import baseline (the root commit) by the GITS case officer on 2025-06-30."""
    top = tmp_path / "shvo-records"
    root = top / records
    shutil.copytree(RECORDS, root)
    shutil.copytree(EXAMPLES / "valid" / "adopted-plan" / "records", root, dirs_exist_ok=True)
    (top / "shvo.yaml").write_text(f"records: {records}\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.email", GITS)
    git(top, "config", "user.name", NAMES[GITS])
    for key, value in (config or {}).items():
        git(top, "config", key, value)
    script = Script(shvo, top, root)
    script.hand(GITS, "2025-06-30", "Records of the 2025 plan", top)
    return script


@pytest.fixture
def repo(tmp_path: Path, shvo: Shvo) -> Script:
    return make_repo(tmp_path, shvo)


@pytest.fixture
def triaged(repo: Script) -> tuple[Script, str]:
    """One request, registered and triaged within the plan by the GITS case officer."""
    rid = repo.new("2025-07-01")
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    return repo, rid


AGREE_BY_REF = """  - date: 2025-07-03
    transition: agree
    to: approved
    by: {person: referens@example.org, role: REF}
    concurrence: {person: handlaggare@example.org, role: GITS}
"""


def forged_request(tmp_path: Path, shvo: Shvo) -> tuple[Script, str]:
    """A request whose consensus entry was committed by hand by someone outside the
    organisation (A006, A010): the case the audit CLI tests and their Swedish twins share."""
    repo = make_repo(tmp_path, shvo)
    rid = repo.new("2025-07-01")
    repo.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    path = repo.append(rid, AGREE_BY_REF, state="approved")
    repo.hand("mallory@example.net", "2025-07-03", "ok", path)
    return repo, rid


# --- a clean year ------------------------------------------------------------------------


def test_a_clean_scripted_year_passes(repo: Script) -> None:
    r = repo
    # Within the plan, consensus, tested and released.
    a = r.new("2025-07-01")
    r.step(GITS, "2025-07-02", "triage", a, "--scope", "within-plan")
    r.step(REF, "2025-07-03", "decide", a, "approve", "--with", GITS)
    r.step(GITS, "2025-07-04", "advance", a, "in-progress")
    r.step(GITS, "2025-07-05", "advance", a, "acceptance-test")
    r.step(TEST, "2025-07-06", "advance", a, "in-progress", "--outcome", "failed")
    r.step(GITS, "2025-07-07", "advance", a, "acceptance-test")
    r.step(TEST, "2025-07-08", "advance", a, "tested", "--outcome", "passed")
    r.step(GITS, "2025-07-09", "advance", a, "ref-informed")
    r.step(GITS, "2025-07-10", "release", a)
    # No consensus: escalated through Fyrbodal to VVG.
    b = r.new("2025-07-01")
    r.step(GITS, "2025-07-02", "triage", b, "--scope", "within-plan")
    r.step(DVS, "2025-07-03", "escalate", b, "--subregion", "FYRBODAL", "--note", "Oenighet.")
    decision(r, "DEC-2025-0004", "VVG", "escalated-request", "2025-07-24")
    r.step(VVG, "2025-07-24", "decide", b, "approve", "--decision", "DEC-2025-0004")
    # A need for next year, taken on by VVG.
    c = r.new("2025-08-01")
    r.step(GITS, "2025-08-02", "triage", c, "--scope", "next-year")
    r.step(GITS, "2025-08-03", "advance", c, "inventoried")
    decision(r, "DEC-2025-0005", "VVG", "position-new-needs", "2025-08-04")
    r.step(VVG, "2025-08-04", "decide", c, "approve", "--decision", "DEC-2025-0005")
    # Beyond the plan: anchored with VVG and SITIV, each recording its decision.
    d = r.new("2025-08-21")
    r.step(GITS, "2025-08-22", "triage", d, "--scope", "beyond-plan")
    r.step(GITS, "2025-08-23", "advance", d, "anchoring")
    decision(r, "DEC-2025-0003", "SITIV", "anchoring", "2025-08-24")
    decision(r, "DEC-2025-0006", "VVG", "anchoring", "2025-08-24")
    r.step(VVG, "2025-08-25", "decide", d, "approve", "--decision", "DEC-2025-0006",
           "--decision", "DEC-2025-0003")
    # Declined, withdrawn, a note and an edit.
    e = r.new("2025-09-01")
    r.step(GITS, "2025-09-02", "triage", e, "--scope", "within-plan")
    r.step(REF, "2025-09-03", "decide", e, "reject", "--note", "Genomförs inte.", "--with", GITS)
    f = r.new("2025-09-01")
    r.step(GITS, "2025-09-02", "note", f, "Kontaktat anmälaren.")
    r.step(GITS, "2025-09-03", "edit", f, "--title", "Ny utdata (förtydligad)")
    r.step(GITS, "2025-09-04", "advance", f, "withdrawn", "--note", "Återkallat.")
    # VVG adds a member to the organisation; the new tester acts afterwards.
    org = r.root / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "  - name: Exempel Testare Två\n"
                   "    email: testare2@example.org\n    roles: [AG-UTV]\n", encoding="utf-8")
    r.hand(VVG, "2025-10-01", "Ny testare i arbetsgrupp utveckling", org)
    g = r.new("2025-10-02")
    r.step(GITS, "2025-10-03", "triage", g, "--scope", "within-plan")
    # A branch: the reference group agrees there while GITS works on main; merged.
    git(r.top, "checkout", "-q", "-b", "ref-work")
    r.step(REF, "2025-10-04", "decide", g, "approve", "--with", GITS)
    git(r.top, "checkout", "-q", "main")
    h = r.new("2025-10-05")
    git(r.top, "merge", "-q", "--no-ff", "-m", "Merge ref-work", "ref-work",
        env=who(GITS, "2025-10-06"))
    r.step(GITS, "2025-10-07", "advance", g, "in-progress")
    r.step(GITS, "2025-10-08", "advance", g, "acceptance-test")
    r.step("testare2@example.org", "2025-10-09", "advance", g, "tested", "--outcome",
           "passed")
    r.step(GITS, "2025-11-02", "triage", h, "--scope", "within-plan")
    result = r.audit()
    # The only finding: the inventory is made in August, and the seed (6.3.2) puts it in
    # quarter 1 — a warning, as validate gives it on the file.
    assert [(a.finding.code, a.finding.message.split(": ", 1)[1]) for a in result.findings] \
        == [("H013", f"{c}: 'inventory' is dated 2025-08-03 (quarter 3); the plan ties it to "
                     "quarter 1")]
    assert result.walked == result.checked == 44  # the merge brings ref-work's change
    assert result.exit_code() == 0 and result.exit_code(strict=True) == 1


def test_the_baseline_is_checked_for_legality(repo: Script) -> None:
    """The root commit's entries are not attributed, but must be legal."""
    assert repo.audit().findings == []
    path = repo.root / "requests" / "REQ-2025-0004.yaml"
    assert path.is_file()


# --- forged histories, each with its own code ---------------------------------------------


def test_edited_past_entry(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.path(rid)
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-07-02",
                                                             "date: 2025-06-15"),
                    encoding="utf-8")
    sha = r.hand(GITS, "2025-07-05", "rättning", path)
    result = r.audit()
    assert "A003" in codes(result)
    f = next(a.finding for a in result.findings if a.finding.code == "A003")
    assert f.file == path and f.line == 14 and f.message.startswith(sha[:10])
    assert "entry 2 (triage)" in f.message


def test_reordered_and_removed_entries(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.path(rid)
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("history:\n")
    first, second = rest.split("  - date: 2025-07-02")
    path.write_text(f"{head}history:\n  - date: 2025-07-02{second}{first}", encoding="utf-8")
    r.hand(GITS, "2025-07-05", "omordnat", path)
    path.write_text(f"{head}history:\n{first}", encoding="utf-8")
    r.hand(GITS, "2025-07-06", "borttaget", path)
    found = codes(r.audit())
    assert "A004" in found and "A005" in found


def test_skipped_state(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, "  - date: 2025-07-03\n    transition: start\n    to: in-progress\n"
                    f"    by: {{person: {GITS}, role: GITS}}\n", state="in-progress")
    r.hand(GITS, "2025-07-03", "direkt till genomförande", path)
    result = r.audit()
    assert "H002" in codes(result)
    assert "A010" in codes(result)  # and it was a hand edit


def test_wrong_role(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, AGREE_BY_REF.replace(REF, GITS).replace("role: REF", "role: GITS"),
                    state="approved")
    r.hand(GITS, "2025-07-03", "GITS godkänner själv", path)
    assert "H006" in codes(r.audit())


def test_claimed_role_not_held(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, AGREE_BY_REF.replace(REF, GITS), state="approved")
    r.hand(GITS, "2025-07-03", "i referensgruppens namn", path)
    assert "H007" in codes(r.audit())


def test_author_spoofing_a_member(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, AGREE_BY_REF, state="approved")
    r.hand("mallory@example.net", "2025-07-03", "ok", path)
    result = r.audit()
    spoof = [a.finding for a in result.findings if a.finding.code == "A006"]
    assert len(spoof) == 1
    assert "in the name of referens@example.org" in spoof[0].message
    assert "author is mallory@example.net" in spoof[0].message
    assert "trusted: author" in spoof[0].message


def test_mailmap_and_replace_refs_cannot_disguise_the_author(
        triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, AGREE_BY_REF, state="approved")
    forged = r.hand("mallory@example.net", "2025-07-03", "ok", path)
    (r.top / ".mailmap").write_text(f"{NAMES[REF]} <{REF}> <mallory@example.net>\n",
                                    encoding="utf-8")
    r.hand(GITS, "2025-07-04", "mailmap", r.top / ".mailmap")
    git(r.top, "config", "log.mailmap", "true")
    assert git(r.top, "log", "-1", "--format=%aE", forged).strip() == REF  # git would lie
    # A replacement commit with the reference person as author, swapped in by a ref.
    raw = git(r.top, "cat-file", "commit", forged).replace(
        "mallory <mallory@example.net>", f"{NAMES[REF]} <{REF}>")
    fake = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=r.top,
                          input=raw.encode(), capture_output=True, check=True
                          ).stdout.decode().strip()
    git(r.top, "replace", forged, fake)
    assert git(r.top, "log", "-1", "--format=%ae", forged).strip() == REF
    result = r.audit()
    spoof = [a.finding.message for a in result.findings if a.finding.code == "A006"]
    assert spoof and "author is mallory@example.net" in spoof[0]


def test_recorded_on_behalf_is_a_warning(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    r.shvo("request", "decide", rid, "approve", "--by", REF, "--with", GITS, "--date",
           "2025-07-03", "--records", str(r.root), env=who(GITS, "2025-07-03"))
    result = r.audit()
    assert codes(result) == ["A007"]
    assert "recorded by the commit's author handlaggare@example.org" in \
        result.findings[0].finding.message
    assert result.exit_code() == 0 and result.exit_code(strict=True) == 1


def test_deleted_and_moved_requests(triaged: tuple[Script, str], tmp_path: Path) -> None:
    r, rid = triaged
    other = r.new("2025-07-03")
    r.path(rid).unlink()
    r.hand(GITS, "2025-07-04", "bort", r.path(rid))
    archive = r.root / "archive"
    archive.mkdir()
    r.path(other).rename(archive / f"{other}.yaml")
    r.hand(GITS, "2025-07-05", "arkiverat", r.path(other), archive)
    result = r.audit()
    assert codes(result) == ["A001", "A002"]
    assert f"moved to records/archive/{other}.yaml" in result.findings[1].finding.message
    assert result.findings[0].finding.line == 0


def test_backdated_and_future_dated_entries(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, AGREE_BY_REF.replace("2025-07-03", "2025-07-01"), state="approved")
    r.hand(REF, "2025-07-20", "efterhand", path)
    other = r.new("2025-07-01")
    r.step(GITS, "2025-07-02", "triage", other, "--scope", "within-plan")
    path = r.append(other, AGREE_BY_REF.replace("2025-07-03", "2025-12-24"), state="approved")
    r.hand(REF, "2025-07-03", "i förväg", path)
    found = codes(r.audit())
    assert "H003" in found  # 2025-07-01 after an entry of 2025-07-02
    assert "A008" in found  # dated after its commit
    late = triaged[0].new("2025-07-21")
    r.step(GITS, "2025-07-25", "triage", late, "--scope", "within-plan")
    path = r.append(late, AGREE_BY_REF.replace("2025-07-03", "2025-07-22"), state="approved")
    r.hand(REF, "2025-07-26", "bakåtdaterat", path)
    backdated = [a.finding.message for a in r.audit().findings if a.finding.code == "A009"]
    assert len(backdated) == 2  # the first forgery above is backdated too
    assert "entry 3 (agree) is dated 2025-07-22, before the previous step was committed " \
        "(2025-07-25" in backdated[1]


def test_hand_edit_with_everything_else_right_is_a_warning(
        triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, AGREE_BY_REF, state="approved")
    r.hand(REF, "2025-07-03", "referensgruppen är enig", path)
    result = r.audit()
    assert codes(result) == ["A010"]
    assert "no Shvo-* trailers" in result.findings[0].finding.message
    assert result.exit_code() == 0


def test_trailers_that_disagree_are_a_hand_edit(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.append(rid, AGREE_BY_REF, state="approved")
    r.hand(REF, "2025-07-03", f"{rid}: triaged → approved\n\nShvo-Request: {rid}\n"
           f"Shvo-Transition: decline\nShvo-Role: REF\nShvo-Person: {REF}\n", path)
    messages = [a.finding.message for a in r.audit().findings]
    assert len(messages) == 1 and "the trailers say 'decline', the entry says 'agree'" \
        in messages[0]


def test_comment_only_change_is_not_a_hand_edit(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.path(rid)
    path.write_text(path.read_text(encoding="utf-8") + "# se ärendelogg\n", encoding="utf-8")
    r.hand(GITS, "2025-07-03", "kommentar", path)
    assert r.audit().findings == []


def test_adopted_plan_decided_budget_and_decisions_are_guarded(repo: Script) -> None:
    r = repo
    plan = r.root / "plans" / "plan-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "title: Förvaltningsplan 2025", "title: Förvaltningsplan 2025 (rev)"), encoding="utf-8")
    r.hand(GITS, "2025-07-01", "plan", plan)
    budget = r.root / "budgets" / "budget-2025.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "status: preliminary", "status: decided"), encoding="utf-8")
    r.hand(SITIV, "2025-07-02", "budget beslutad", budget)  # deciding it is allowed
    budget.write_text(budget.read_text(encoding="utf-8").replace("7900000", "8000000"),
                      encoding="utf-8")
    r.hand(GITS, "2025-07-03", "budget ändrad", budget)
    decision = r.root / "decisions" / "DEC-2025-0001.yaml"
    decision.unlink()
    r.hand(GITS, "2025-07-04", "bort med beslut", decision)
    result = r.audit()
    assert codes(result) == ["A011", "A012", "A013"]
    assert "changed (title)" in result.findings[0].finding.message
    assert result.findings[0].finding.line == 7
    assert "changed (lines)" in result.findings[1].finding.message
    assert "deleted" in result.findings[2].finding.message


def test_adopting_the_plan_is_allowed(tmp_path: Path, shvo: Shvo) -> None:
    top = tmp_path / "t"
    shutil.copytree(RECORDS, top / "records")
    # The bundled plan is adopted by the example decision: start from its draft.
    draft_plan(top / "records", drop_adoption=False)
    for example in [*(top / "records" / "requests").glob("*.yaml"),
                    *(top / "records" / "decisions").glob("*.yaml")]:
        example.unlink()  # the example requests were approved within the adopted plan
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    r = Script(shvo, top, top / "records")
    r.hand(GITS, "2025-06-30", "records", top)
    shutil.copytree(EXAMPLES / "valid" / "adopted-plan" / "records", r.root,
                    dirs_exist_ok=True)
    r.hand(VVG, "2025-07-01", "VVG fastställer planen", r.root)
    assert r.audit().findings == []


def test_no_members_means_roles_cannot_be_verified(tmp_path: Path, shvo: Shvo) -> None:
    r = make_repo(tmp_path, shvo)
    shutil.copytree(EXAMPLES / "valid" / "no-members" / "records", r.root, dirs_exist_ok=True)
    r.hand(VVG, "2025-06-30", "utan medlemmar", r.root)
    rid = r.new("2025-07-01")
    r.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    result = r.audit()
    assert codes(result) == ["A016"]
    assert result.findings[0].finding.file == r.root / "organisation.yaml"
    assert "lists no members" in result.findings[0].finding.message


def test_identity_numbers_stay_in_history(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.path(rid)
    clean = path.read_text(encoding="utf-8")
    path.write_text(clean.replace("title: Ny utdata", "title: Ny utdata 19900101-9810"),
                    encoding="utf-8")
    r.hand(GITS, "2025-07-03", "oj", path)
    path.write_text(clean, encoding="utf-8")
    r.hand(GITS, "2025-07-04", "bort igen", path)
    result = r.audit()
    found = [a.finding for a in result.findings if a.finding.code == "N001"]
    assert len(found) == 1 and "19900101" not in found[0].message
    assert found[0].line == 4


def test_a_conflict_resolved_in_a_merge_is_a_hand_edit(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    rel = r.path(rid).relative_to(r.top).as_posix()
    base = r.path(rid).read_text(encoding="utf-8")
    git(r.top, "checkout", "-q", "-b", "side")
    r.step(GITS, "2025-07-03", "note", rid, "Anteckning på grenen.")
    git(r.top, "checkout", "-q", "main")
    r.step(REF, "2025-07-04", "decide", rid, "approve", "--with", GITS)
    proc = subprocess.run(["git", "merge", "-q", "side"], cwd=r.top, capture_output=True,
                          env={**os.environ, **who(GITS, "2025-07-05")}, check=False)
    assert proc.returncode != 0  # both appended: a conflict
    ours, theirs = git(r.top, "show", f"HEAD:{rel}"), git(r.top, "show", f"side:{rel}")
    r.path(rid).write_text(ours + theirs[len(base):], encoding="utf-8")
    r.hand(GITS, "2025-07-05", "Merge side", r.path(rid))
    result = r.audit()
    found = {a.finding.code: a.finding.message for a in result.findings}
    assert "changed in the merge itself" in found["A010"]
    assert {"H002", "H003", "H004"} <= set(found)  # the note is out of order and state


def test_unreadable_record_at_a_commit(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.path(rid)
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "  - [oops\n", encoding="utf-8")
    r.hand(GITS, "2025-07-03", "trasig", path)
    path.write_text(good, encoding="utf-8")
    r.hand(GITS, "2025-07-04", "lagad", path)
    assert "A018" in codes(r.audit())


def test_records_in_a_folder_whose_name_starts_with_a_dash(tmp_path: Path,
                                                           shvo: Shvo) -> None:
    r = make_repo(tmp_path, shvo, records="-records")
    rid = r.new("2025-07-01")
    path = r.append(rid, AGREE_BY_REF, state="approved")
    r.hand("mallory@example.net", "2025-07-03", "ok", path)
    result = r.audit()
    assert "A006" in codes(result)
    assert result.findings[0].finding.file == r.root / "requests" / f"{rid}.yaml"
