"""Requests, decisions, the cycle and the quarterly report in Swedish (--lang sv) and English.

Swedish shows in what people read (refusals, headings, summaries, the report); ids, state
ids, state names from process.yaml, JSON keys, CSV columns and commit messages stay the same
in both languages.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RECORDS, Run, commit_records

Shvo = Callable[..., Run]
GITS = "handlaggare@example.org"
IN_PROGRESS = "REQ-2025-0002"  # bundled example, state in-progress since 2025-05-05


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The bundled records in a git repository; git's user is the GITS case officer."""
    return commit_records(tmp_path / "shvo-records")


def both(shvo: Shvo, *args: str) -> tuple[Run, Run]:
    """The same command in Swedish and in English."""
    return shvo("--lang", "sv", *args), shvo("--lang", "en", *args)


# --- refusals of a step -------------------------------------------------------------------

def test_refused_step_lists_the_open_steps_in_swedish(shvo: Shvo, records: Path) -> None:
    args = ("request", "advance", IN_PROGRESS, "released", "--by", GITS, "--records",
            str(records))
    sv, en = both(shvo, *args)
    assert sv.exit_code == en.exit_code == 1
    assert sv.stderr.startswith("shvo: inget steg leder från 'in-progress' till 'released'; "
                                "möjliga steg härifrån: submit-for-test → acceptance-test "
                                "(av GITS); complete → completed (av GITS)")
    assert en.stderr.startswith("shvo: no step leads from 'in-progress' to 'released'; open "
                                "from here: submit-for-test → acceptance-test (by GITS); "
                                "complete → completed (by GITS)")
    before = (records / "requests" / f"{IN_PROGRESS}.yaml").read_text(encoding="utf-8")
    assert "state: in-progress" in before


def test_unknown_transition_and_missing_requirement_in_swedish(shvo: Shvo,
                                                               records: Path) -> None:
    run = shvo("--lang", "sv", "request", "advance", IN_PROGRESS, "completed",
               "--transition", "release", "--by", GITS, "--records", str(records))
    assert run.exit_code == 1
    assert "'release' kan inte tas från status 'in-progress'; möjliga steg härifrån: " \
        "submit-for-test → acceptance-test (av GITS)" in run.stderr
    run = shvo("--lang", "sv", "request", "advance", IN_PROGRESS, "completed", "--by", GITS,
               "--records", str(records))
    assert run.exit_code == 1
    assert "'complete' (in-progress → completed) kräver --note (skälet)" in run.stderr
    run = shvo("--lang", "sv", "request", "advance", IN_PROGRESS, "completed", "--by",
               "okand@example.org", "--note", "Klart.", "--records", str(records))
    assert "okand@example.org är inte medlem i organisationen" in run.stderr


def test_identity_numbers_are_refused_in_swedish(shvo: Shvo, records: Path) -> None:
    run = shvo("--lang", "sv", "request", "note", IN_PROGRESS, "Patient 19121212-1212 ringde",
               "--by", GITS, "--records", str(records))
    assert run.exit_code == 1
    assert "--note innehåller ett personnummer eller samordningsnummer" in run.stderr
    assert "19121212-1212" not in run.stderr


def test_id_and_filter_errors_in_swedish(shvo: Shvo, records: Path) -> None:
    run = shvo("--lang", "sv", "request", "show", "REQ-2025-../x", "--records", str(records))
    assert run.exit_code == 2 and "är inget ärende-id (REQ-YYYY-XXXXXX)" in run.stderr
    run = shvo("--lang", "sv", "request", "list", "--state", "klar", "--records",
               str(records))
    assert run.exit_code == 2
    assert "--state 'klar': inte ett av " in run.stderr and "in-progress" in run.stderr


# --- a step taken: Swedish summary, English commit ----------------------------------------

def test_step_summary_in_swedish_commit_message_stays_english(shvo: Shvo, repo: Path) -> None:
    run = shvo("--lang", "sv", "request", "advance", IN_PROGRESS, "acceptance-test",
               "--date", "2025-06-02", "--records", str(repo))
    assert run.exit_code == 0, run.stderr
    sha = git(repo.parent, "rev-parse", "--short=10", "HEAD").strip()
    assert run.stdout == f"{IN_PROGRESS}: in-progress → acceptance-test (incheckat {sha})\n"
    message = git(repo.parent, "log", "-1", "--format=%B")
    assert message.startswith(f"{IN_PROGRESS}: in-progress → acceptance-test\n\n")
    assert "Shvo-Transition: submit-for-test\nShvo-Role: GITS\n" in message

    run = shvo("--lang", "sv", "request", "note", IN_PROGRESS, "Testplan skickad.", "--date",
               "2025-06-03", "--records", str(repo))
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith(f"{IN_PROGRESS}: anteckning (incheckat ")
    assert git(repo.parent, "log", "-1", "--format=%s").strip() == f"{IN_PROGRESS}: note"

    run = shvo("--lang", "en", "request", "note", IN_PROGRESS, "Testare bokade.", "--date",
               "2025-06-04", "--no-commit", "--records", str(repo))
    assert run.stdout == f"{IN_PROGRESS}: note (not committed)\n"


def test_new_request_and_decision_in_swedish(shvo: Shvo, repo: Path) -> None:
    run = shvo("--lang", "sv", "request", "new", "--no-input", "--date", "2025-07-01",
               "--title", "Ny rapport", "--category", "maintenance", "--channel", "support",
               "--records", str(repo))
    assert run.exit_code == 0, run.stderr
    rid = run.stdout.strip()
    assert f"{rid}: nytt ärende (received) (incheckat " in run.stderr
    assert git(repo.parent, "log", "-1", "--format=%s").strip() == \
        f"{rid}: new request (received)"
    run = shvo("--lang", "sv", "request", "new", "--no-input", "--records", str(repo))
    assert run.exit_code == 2
    assert "saknas: --title, --category, --channel (eller kör i en terminal" in run.stderr

    run = shvo("--lang", "sv", "decision", "add", "--no-input", "--body", "REF", "--type",
               "adopt-plan", "--plan", "plan-2025", "--reference", "Protokoll",
               "--by", "referens@example.org", "--records", str(repo))
    assert run.exit_code == 1
    assert "beslut av typen adopt-plan fattas av VVG, inte av REF" in run.stderr


# --- request show and list ----------------------------------------------------------------

def test_request_show_headings_in_swedish(shvo: Shvo, records: Path) -> None:
    sv, en = both(shvo, "request", "show", IN_PROGRESS, "--records", str(records))
    assert sv.exit_code == en.exit_code == 0
    for heading in ("Ärendehistorik:", "Möjliga steg:",
                    "Vilka som ska informeras (närliggande system):", "  status:         "
                    "Under genomförande", "  omfattning:     Ryms inom gällande förvaltningsplan",
                    "  kommuner:       "):
        assert heading in sv.stdout, heading
    assert "submit-for-test          → acceptance-test  av GITS" in sv.stdout
    assert "complete                 → completed        av GITS  kräver anteckning" \
        in sv.stdout
    assert "  2025-02-14  nytt " in sv.stdout and "[delregion: FYRBODAL]" in sv.stdout
    for heading in ("History:", "Open steps:", "Who must be told (related systems):",
                    "  state:          in-progress", "needs note", "  2025-02-14  new "):
        assert heading in en.stdout, heading
        assert heading not in sv.stdout, heading


def test_request_show_json_is_the_same_in_both_languages(shvo: Shvo, records: Path) -> None:
    sv, en = both(shvo, "request", "show", IN_PROGRESS, "--format", "json", "--records",
                  str(records))
    assert sv.stdout == en.stdout
    steps = json.loads(sv.stdout)["open_steps"]
    assert {"transition": "complete", "to": "completed", "by": ["GITS"],
            "requires": ["note"]} in steps


def test_request_list_headings_in_swedish_csv_unchanged(shvo: Shvo, records: Path) -> None:
    sv, en = both(shvo, "request", "list", "--records", str(records))
    assert sv.stdout.split()[:8] == ["id", "status", "omfattning", "kategori", "skapat",
                                     "ändrat", "system", "titel"]
    assert en.stdout.split()[:8] == ["id", "state", "scope", "category", "created",
                                     "updated", "systems", "title"]
    assert sv.stdout.endswith("\n4 ärenden\n") and en.stdout.endswith("\n4 requests\n")
    sv, en = both(shvo, "request", "list", "--format", "csv", "--records", str(records))
    assert sv.stdout == en.stdout
    assert next(csv.reader(io.StringIO(sv.stdout))) == [
        "id", "state", "scope", "category", "created", "updated", "systems", "title"]
    sv, en = both(shvo, "request", "list", "--format", "json", "--records", str(records))
    assert sv.stdout == en.stdout


def test_systems_and_decisions_in_swedish(shvo: Shvo, records: Path) -> None:
    sv, en = both(shvo, "systems", "show", "SIP-1177", "--records", str(records))
    assert "Vilka som ska informeras: ägare anges inte i förvaltningsobjektet" in sv.stdout
    assert "Öppna ärenden (1):" in sv.stdout and "Open requests (1):" in en.stdout
    sv, en = both(shvo, "systems", "show", "ELVIS", "--records", str(records))
    assert sv.stdout.endswith("Öppna ärenden (0):\n  inga\n")
    assert en.stdout.endswith("Open requests (0):\n  none\n")
    sv, en = both(shvo, "decision", "show", "DEC-2025-0001", "--records", str(records))
    assert "  referens: Protokoll VVG" in sv.stdout
    assert "Berörda ärenden: REQ-2025-0002" in sv.stdout
    assert "  åberopas i REQ-2025-0002 2025-04-24 vvg-approve" in sv.stdout
    assert "  cited by REQ-2025-0002 2025-04-24 vvg-approve" in en.stdout
    sv, en = both(shvo, "decision", "list", "--format", "json", "--records", str(records))
    assert sv.stdout == en.stdout


# --- the cycle and the quarterly report ---------------------------------------------------

def test_cycle_status_in_swedish(shvo: Shvo, records: Path) -> None:
    sv, en = both(shvo, "cycle", "status", "2025", "--as-of", "2025-08-15", "--records",
                  str(records))
    assert sv.exit_code == en.exit_code == 0
    assert sv.stdout.startswith("Årscykeln 2025 per 2025-08-15\n")
    assert en.stdout.startswith("Cycle 2025 as of 2025-08-15\n")
    assert "  VVG:s ställningstagande till nya behov   K2–K3  2025-09-30  VVG    klar      " \
        "DEC-2025-0002 (2025-06-12)" in sv.stdout
    assert "  position-new-needs     Q2–Q3  2025-09-30  VVG    done      DEC-2025-0002 " \
        "(2025-06-12)" in en.stdout
    assert "plan-2026: inget utkast ännu — väntar på GITS" in sv.stdout
    assert "  Inventering av nya behov                 K1     2025-03-31  GITS   FÖRSENAD  " \
        "väntar på GITS" in sv.stdout
    assert "  Underlag till kommande års budget        K3–K4* 2025-12-31  GITS   pågår nu  " \
        "väntar på GITS" in sv.stdout
    assert "kommande  väntar på GITS (efter Underlag till kommande års budget)" in sv.stdout
    assert "upcoming  waiting on GITS (after budget-basis)" in en.stdout


def test_cycle_errors_in_swedish(shvo: Shvo) -> None:
    run = shvo("--lang", "sv", "cycle", "report", "--quarter", "2025Q5", "--records",
               str(RECORDS))
    assert run.exit_code == 2
    assert "--quarter '2025Q5': skriv det som YYYYQn, t.ex. 2025Q2" in run.stderr
    run = shvo("--lang", "sv", "cycle", "report", "--quarter", "2031Q1", "--as-of",
               "2031-02-01", "--records", str(RECORDS))
    assert "ingen förvaltningsplan för 2031 (förvaltningsplaner: 2025)" in run.stderr


REPORT = ("cycle", "report", "--quarter", "2025Q2", "--as-of", "2025-06-30", "--records",
          str(RECORDS))


def test_cycle_report_in_english_and_swedish(shvo: Shvo) -> None:
    sv, en = both(shvo, *REPORT)
    assert sv.exit_code == en.exit_code == 0
    assert en.stdout.startswith("Quarterly report SHVO 2025 Q2\n=============================\n"
                                "Period 2025-04-01 – 2025-06-30, as of 2025-06-30\n")
    assert sv.stdout.startswith("Kvartalsrapport SHVO 2025 Q2\n============================\n"
                                "Period 2025-04-01 – 2025-06-30, per 2025-06-30\n")
    for en_heading, sv_heading in (
            ("The annual cycle", "Årscykeln (förvaltningsmodellen)"),
            ("Requests by state", "Ärenden per status"),
            ("Movement during the quarter", "Rörelse under kvartalet"),
            ("Inventory for the coming year", "Inventering inför kommande år"),
            ("Related systems touched by open requests",
             "Närliggande system som berörs av öppna ärenden"),
            ("Budget by payer (kr)", "Budget per betalare (kr)")):
        assert f"\n{en_heading}\n" in en.stdout and f"\n{sv_heading}\n" in sv.stdout
        assert f"\n{sv_heading}\n" not in en.stdout
    assert "Budget budget-2025: preliminary, the lines add up to 15 900 000 kr" in en.stdout
    assert "Budget budget-2025: förhandsbeslutad, raderna summerar till 15 900 000 kr" \
        in sv.stdout
    # State names are data from process.yaml: the same (Swedish) words in both languages.
    assert "Under genomförande" in en.stdout and "Under genomförande" in sv.stdout
    assert "milestone " in en.stdout and "upcoming" in en.stdout and "Q3–Q4" in en.stdout
    assert "milstolpe " in sv.stdout and "kommande" in sv.stdout and "K3–K4" in sv.stdout


def test_cycle_report_json_keys_and_html_lang(shvo: Shvo) -> None:
    sv, en = both(shvo, *REPORT, "--format", "json")
    sv_data, en_data = json.loads(sv.stdout), json.loads(en.stdout)
    assert sv_data.keys() == en_data.keys()
    assert sv_data["title"] == "Kvartalsrapport SHVO 2025 Q2"
    assert en_data["title"] == "Quarterly report SHVO 2025 Q2"
    for key in ("milestones", "requests", "state_names", "period", "charts"):
        if key != "charts":
            assert sv_data[key] == en_data[key], key
    assert [m["status"] for m in sv_data["milestones"]] == \
        [m["status"] for m in en_data["milestones"]]
    sv, en = both(shvo, *REPORT, "--format", "html")
    assert '<html lang="sv">' in sv.stdout and "<h2>Plan och budget</h2>" in sv.stdout
    assert '<html lang="en">' in en.stdout and "<h2>Plan and budget</h2>" in en.stdout
    assert 'aria-label="Budget by payer"' in en.stdout
    assert 'aria-label="Budget per betalare"' in sv.stdout


def test_swedish_lists_name_what_they_show(shvo: Shvo, records: Path) -> None:
    """Swedish output never shows an id alone where the records or the plan name it; the
    machine formats keep the ids."""
    listing = shvo("--lang", "sv", "request", "list", "--records", str(records)).stdout
    assert "Under genomförande" in listing and "Nyutveckling (4.3)" in listing
    assert "in-progress" not in listing and "within-plan" not in listing
    decisions = shvo("--lang", "sv", "decision", "list", "--records", str(records)).stdout
    assert "Fastställande av förvaltningsplan" in decisions and "bifall" in decisions
    assert "adopt-plan" not in decisions
    shown = shvo("--lang", "sv", "request", "show", IN_PROGRESS, "--records",
                 str(records)).stdout
    assert "kanal:          Arbetsgrupp" in shown and "(process-functionality)" in shown
    as_json = shvo("--lang", "sv", "request", "list", "--format", "json", "--records",
                   str(records)).stdout
    assert '"in-progress"' in as_json
