"""Questions on a terminal: the acting person is checked before the first question, each
answer is checked when given (and asked again, never carried to a refusal at the end), and
``decision add`` asks for everything its type needs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shvo_cli.cli.app import app
from tests.conftest import commit_records, draft_plan

VVG = "sekreterare.vvg@example.org"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled records in git, and a person at a terminal."""
    monkeypatch.setattr("shvo_cli.cli.common.stdin_is_terminal", lambda: True)
    return commit_records(tmp_path / "repo")


def ask(repo: Path, *args: str, answers: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--records", str(repo)], input=answers)
    return result.exit_code, result.stdout, result.stderr


def test_a_non_member_is_refused_before_the_first_question(repo: Path) -> None:
    subprocess.run(["git", "config", "user.email", "ny@example.org"], cwd=repo.parent,
                   check=True)
    for command in (["request", "new"], ["decision", "add"]):
        code, out, err = ask(repo, *command, answers="Rubrik\n1\n")
        assert code == 1 and out == ""
        assert "ny@example.org is not a member" in err
        assert "git config user.email" in err and "--by" in err
        assert "Title" not in err and "Type" not in err  # no question was asked
        assert "organisation.yaml" in err


def test_answers_are_checked_as_they_are_given(repo: Path) -> None:
    answers = "\n".join([
        "", "Interaktivt ärende",          # empty title: says what is expected
        "9", "MAINTENANCE",                # out of range, then the id in another case
        "",                                # no assignment
        "suport", "support",               # did you mean
        "",                                # no area
        "samsa, MILLENNIUM-SAMVY", "samsa, millenium-samvy",
        "",                                # no description
    ]) + "\n"
    code, out, err = ask(repo, "request", "new", "--date", "2025-07-01", answers=answers)
    assert code == 0, err
    assert "an answer is needed: a short title of the request" in err
    assert "choose a number from 1 to 3, or type the id" in err
    assert "channel suport does not exist; did you mean support?" in err
    assert "system MILLENNIUM-SAMVY does not exist; did you mean MILLENIUM-SAMVY?" in err
    assert "\\Z" not in err and "[0-9" not in err  # no pattern shown
    rid = out.strip().splitlines()[-1]
    text = (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert "category: maintenance" in text and "channel: support" in text
    assert "systems: [SAMSA, MILLENIUM-SAMVY]" in text


def test_choices_show_swedish_names(repo: Path) -> None:
    result = CliRunner().invoke(app, ["--lang", "sv", "request", "new", "--records", str(repo),
                                      "--date", "2025-07-01", "--title", "T"],
                                input="1\n\n1\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert "1. Vidmakthållande (maintenance)" in result.stderr
    assert "2. Support (support)" in result.stderr
    assert "1. in- och utskrivning (in-discharge)" in result.stderr


def test_adopt_plan_asks_for_the_plan(repo: Path) -> None:
    # The bundled plan 2025 is adopted already: VVG adopts it anew from a draft here.
    draft_plan(repo)
    subprocess.run(["git", "commit", "-qam", "plan 2025 as a draft"], cwd=repo.parent,
                   check=True)
    answers = "adopt-plan\nProtokoll VVG 2025-11-20, § 4\nplan-2030\nPLAN-2025\n\n\n"
    code, out, err = ask(repo, "decision", "add", "--by", VVG, "--date", "2025-11-20",
                         answers=answers)
    assert code == 0, err
    assert "Body: VVG" in err  # only VVG adopts the plan: not asked
    assert "plan plan-2030 does not exist; did you mean plan-2025?" in err
    dec_id = out.strip().splitlines()[-1]
    text = (repo / "decisions" / f"{dec_id}.yaml").read_text(encoding="utf-8")
    assert "type: adopt-plan" in text and "plan: plan-2025" in text
    plan = (repo / "plans" / "plan-2025.yaml").read_text(encoding="utf-8")
    assert "status: adopted" in plan and dec_id in plan


def test_escalated_request_asks_for_request_and_outcome(repo: Path) -> None:
    answers = "\n".join(["4", "Protokoll VVG 2025-04-24, § 9",
                         "", "req-2025-0002",     # required; any case
                         "", "noted", "1",        # required; noted is not a choice here
                         "Fältet blir obligatoriskt."]) + "\n"
    code, out, err = ask(repo, "decision", "add", "--by", VVG, "--date", "2025-04-24",
                         answers=answers)
    assert code == 0, err
    assert "an answer is needed: see shvo request list" in err
    assert "outcome noted does not exist" in err
    dec_id = out.strip().splitlines()[-1]
    text = (repo / "decisions" / f"{dec_id}.yaml").read_text(encoding="utf-8")
    assert "requests: [REQ-2025-0002]" in text and "outcome: approved" in text


def test_escalated_request_without_outcome_is_refused_without_a_terminal(repo: Path) -> None:
    before = sorted(p.name for p in (repo / "decisions").iterdir())
    code, __, err = ask(repo, "decision", "add", "--no-input", "--by", VVG, "--type",
                         "escalated-request", "--body", "VVG", "--reference", "Protokoll",
                         "--request", "REQ-2025-0002", "--date", "2025-04-24", answers="")
    assert code == 1 and "D006" in err
    assert sorted(p.name for p in (repo / "decisions").iterdir()) == before


def test_missing_options_without_a_terminal(repo: Path) -> None:
    code, __, err = ask(repo, "request", "new", "--no-input", "--title", "T", answers="")
    assert code == 2 and "missing --category, --channel" in err


def test_unknown_ids_on_the_command_line_get_the_nearest(repo: Path) -> None:
    code, __, err = ask(repo, "request", "show", "REQ-2025-0009", answers="")
    assert code == 2 and "no request REQ-2025-0009; did you mean REQ-2025-000" in err
    assert ".yaml" not in err  # no file that does not exist
    code, __, err = ask(repo, "systems", "show", "MILLENNIUM-SAMVY", answers="")
    assert "did you mean MILLENIUM-SAMVY?" in err


def test_patient_data_is_refused_when_typed(repo: Path) -> None:
    answers = "Gäller 19121212-1212\nUppföljning\n1\n\n2\n\n\n\n"
    code, out, err = ask(repo, "request", "new", "--date", "2025-07-01", answers=answers)
    assert code == 0, err
    assert "--title holds a personnummer or samordningsnummer" in err
    rid = out.strip().splitlines()[-1]
    text = (repo / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert "title: Uppföljning" in text and "19121212" not in text
