"""Issue 11: the records say only what the plan says, and one rule holds everywhere.

Each point of the issue has a test here: GITS's service levels as a separate, optional setting
with a pausable clock; approval only within an adopted plan (command, validate and audit);
consensus on both sides; a DVS representative's own subregion; quarter warnings and inferred
quarters; a decision cited after its step; every refusal of a changing command found by
validate on a hand-written file; the budget's reading of 5.2; section 3's duties as
assignments; and outages (6.4) as records.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from shvo_cli.records.repository import load_repository
from shvo_cli.requests.service_levels import days_waiting
from tests.conftest import Run, commit_records

Shvo = Callable[..., Run]
GITS = "handlaggare@example.org"
REF = "referens@example.org"
DVS = "dvs.fyrbodal@example.org"
VVG = "sekreterare.vvg@example.org"
ID = re.compile(r"REQ-2025-[0-9A-Z]{6}")
ADOPTED = "status: adopted\nadoption:\n  body: VVG\n  date: 2024-12-12\n  decision: DEC-2024-0001"
DRAFT = "status: draft\nadoption:\n  body: VVG\n  date: null\n  decision: null"


def run(shvo: Shvo, records: Path, *args: str) -> Run:
    return shvo(*args, "--records", str(records))


def new_request(shvo: Shvo, records: Path, *, triage: bool = True, day: str = "2025-09-01",
                **fields: str) -> str:
    options = {"title": "Utökad statistik", "category": "sustaining-development",
               "assignment": "statistics", "channel": "email", **fields}
    args = [f"--{k}={v}" for k, v in options.items()]
    made = run(shvo, records, "request", "new", "--no-input", "--no-commit", "--date", day,
               "--by", GITS, *args)
    assert made.exit_code == 0, made.stderr
    rid = ID.search(made.stdout)
    assert rid is not None
    if triage:
        step = run(shvo, records, "request", "triage", rid.group(), "--scope", "within-plan",
                   "--date", "2025-09-02", "--by", GITS, "--no-commit")
        assert step.exit_code == 0, step.stderr
    return rid.group()


def codes(shvo: Shvo, records: Path, *paths: Path) -> list[str]:
    out = run(shvo, records, "validate", *map(str, paths))
    return re.findall(r"(?:error|warning)\[([A-Z][0-9]{3})\]", out.stdout + out.stderr)


# --- 1. GITS's service levels: a separate, optional local setting -----------------------


def test_service_levels_are_gits_setting_in_the_report(shvo: Shvo, records: Path) -> None:
    report = run(shvo, records, "cycle", "report", "--quarter", "2025Q3", "--as-of",
                 "2025-09-30")
    assert report.exit_code == 0, report.stderr
    text = report.stdout
    assert "Requests waiting longer than GITS's service level" in text
    assert "longer than the process allows" not in text
    assert "set by GITS on 2025-01-15" in text and "not the plan's rule" in text
    sv = shvo("--lang", "sv", "cycle", "report", "--quarter", "2025Q3", "--as-of",
              "2025-09-30", "--records", str(records))
    assert "Ärenden som väntat längre än GITS servicenivå" in sv.stdout
    # Without the setting there are no limits at all: the plan sets none.
    (records / "settings" / "service-levels.yaml").unlink()
    bare = run(shvo, records, "cycle", "report", "--quarter", "2025Q3", "--as-of",
               "2025-09-30", "--format", "json")
    assert '"waiting_too_long": []' in bare.stdout and '"service_levels": null' in bare.stdout
    process = (records / "process.yaml").read_text(encoding="utf-8")
    assert "max_days" not in process


def test_a_request_awaiting_a_meeting_pauses_the_clock(shvo: Shvo, records: Path) -> None:
    rid = new_request(shvo, records)
    note = run(shvo, records, "request", "note", rid, "Tas upp på VVG:s möte i oktober.",
               "--awaiting-meeting", "VVG", "--date", "2025-09-05", "--by", GITS,
               "--no-commit")
    assert note.exit_code == 0, note.stderr
    assert "awaiting_meeting: VVG" in (records / "requests" / f"{rid}.yaml").read_text(
        encoding="utf-8")
    req = load_repository(records).requests[rid]
    # Triaged on 09-02, awaiting VVG from 09-05: 3 days count, the rest is paused.
    state, since, counted, paused = days_waiting(req, date(2025, 11, 1))
    assert (state, since, counted, paused) == ("triaged", date(2025, 9, 2), 3, 57)
    assert "awaiting a VVG meeting" in run(shvo, records, "request", "show", rid).stdout
    report = run(shvo, records, "cycle", "report", "--quarter", "2025Q4", "--as-of",
                 "2025-11-01", "--format", "json")
    assert rid not in report.stdout.split('"waiting_too_long"')[1].split("]")[0]


def test_service_levels_may_name_only_known_states(shvo: Shvo, records: Path) -> None:
    path = records / "settings" / "service-levels.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  received: 14",
                                                             "  recieved: 14"),
                    encoding="utf-8")
    assert codes(shvo, records).count("R013") == 1


# --- 2. approval only within an adopted plan: command, validate, audit ------------------


def test_approval_in_a_draft_plan_is_found_in_history(shvo: Shvo, tmp_path: Path) -> None:
    top = tmp_path / "repo"
    records = commit_records(top)
    plan = records / "plans" / "plan-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(ADOPTED, DRAFT), encoding="utf-8")
    (records / "decisions" / "DEC-2024-0001.yaml").unlink()
    subprocess.run(["git", "commit", "-qam", "plan back to draft"], cwd=top, check=True)
    rid = new_request(shvo, records)
    subprocess.run(["git", "add", "-A"], cwd=top, check=True)
    subprocess.run(["git", "commit", "-qm", "new"], cwd=top, check=True)
    refused = run(shvo, records, "request", "decide", rid, "approve", "--by", REF, "--with",
                  GITS, "--date", "2025-09-03", "--no-commit")
    assert refused.exit_code == 1 and "is a draft" in refused.stderr
    path = records / "requests" / f"{rid}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("state: triaged", "state: approved")
                    + "  - date: 2025-09-03\n    transition: agree\n    to: approved\n"
                      f"    by: {{person: {REF}, role: REF}}\n"
                      f"    concurrence: {{person: {GITS}, role: GITS}}\n", encoding="utf-8")
    assert "H010" in codes(shvo, records)
    subprocess.run(["git", "commit", "-qam", "approved by hand"], cwd=top, check=True)
    audit = run(shvo, records, "audit")
    assert "error[H010]" in audit.stdout + audit.stderr
    assert "no VVG decision adopting it was recorded" in audit.stdout + audit.stderr


def test_bundled_records_obey_their_own_rules(shvo: Shvo, records: Path) -> None:
    found = codes(shvo, records)
    assert sorted(set(found)) == ["B001", "B003", "P004", "P005"]
    assert found.count("B001") == 3 and found.count("P004") == 5


# --- 3. consensus on both sides (6.3.1) ---------------------------------------------------


def test_consensus_names_both_sides(shvo: Shvo, records: Path) -> None:
    rid = new_request(shvo, records)
    alone = run(shvo, records, "request", "decide", rid, "approve", "--by", REF, "--date",
                "2025-09-03", "--no-commit")
    assert alone.exit_code == 1 and "--with EMAIL (who concurred for GITS)" in alone.stderr
    both = run(shvo, records, "request", "decide", rid, "approve", "--by", REF, "--with", GITS,
               "--date", "2025-09-03", "--no-commit")
    assert both.exit_code == 0, both.stderr
    text = (records / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert f"concurrence: {{person: {GITS}, role: GITS}}" in text
    shown = run(shvo, records, "request", "show", rid).stdout
    assert f"in consensus with GITS ({GITS})" in shown
    sv = shvo("--lang", "sv", "request", "show", "REQ-2025-0004", "--records", str(records))
    assert f"i konsensus med GITS ({GITS})" in sv.stdout


# --- 4. a DVS representative escalates for their own subregion ---------------------------


def test_escalation_defaults_to_and_keeps_the_own_subregion(shvo: Shvo, records: Path) -> None:
    rid = new_request(shvo, records)
    other = run(shvo, records, "request", "escalate", rid, "--subregion", "SKARABORG", "--by",
                DVS, "--date", "2025-09-04", "--no-commit")
    assert other.exit_code == 1 and "represents FYRBODAL" in other.stderr
    own = run(shvo, records, "request", "escalate", rid, "--note", "Ingen konsensus.", "--by",
              DVS, "--date", "2025-09-04", "--no-commit")
    assert own.exit_code == 0, own.stderr
    assert "subregion: FYRBODAL" in (records / "requests" / f"{rid}.yaml").read_text(
        encoding="utf-8")


def test_subregions_are_the_vardsamverkansgrupper_with_sources(records: Path) -> None:
    org = load_repository(records).organisation
    assert org is not None
    subs = org.subregions
    assert set(subs) == {"GOTEBORGSOMRADET", "SODRA-ALVSBORG", "SKARABORG", "FYRBODAL"}
    assert subs["GOTEBORGSOMRADET"].municipalities == ("1480", "1481", "1401", "1402", "1407")
    text = (records / "organisation.yaml").read_text(encoding="utf-8")
    assert "vardsamverkan.se" in text and "retrieved: 2026-12-01" in text
    assert "inte belagt" in text  # what could not be sourced is said, not guessed
    assert "sex vårdsamverkansgrupper" in text


def test_escalation_for_another_subregion_is_found_in_history(shvo: Shvo,
                                                              tmp_path: Path) -> None:
    top = tmp_path / "repo"
    records = commit_records(top)
    rid = new_request(shvo, records)
    subprocess.run(["git", "add", "-A"], cwd=top, check=True)
    subprocess.run(["git", "commit", "-qm", "new"], cwd=top, check=True)
    path = records / "requests" / f"{rid}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("state: triaged",
                                                             "state: escalated")
                    + "  - date: 2025-09-03\n    transition: escalate\n    to: escalated\n"
                      f"    by: {{person: {DVS}, role: DVS}}\n    subregion: SKARABORG\n",
                    encoding="utf-8")
    assert "H012" in codes(shvo, records)
    subprocess.run(["git", "commit", "-qam", "escalated by hand"], cwd=top, check=True)
    audit = run(shvo, records, "audit")
    assert "error[H012]" in audit.stdout + audit.stderr
    assert "represents FYRBODAL, but the entry lifts the request for SKARABORG" \
        in audit.stdout + audit.stderr


# --- 5. quarters --------------------------------------------------------------------------


def test_inferred_quarters_are_marked_and_seed_quarters_warned(shvo: Shvo,
                                                               records: Path) -> None:
    status = run(shvo, records, "cycle", "status", "2025", "--as-of", "2025-08-15").stdout
    assert "budget-basis           Q3–Q4* 2025-12-31  GITS" in status
    assert "inventory-needs        Q1     2025-03-31  GITS" in status  # the seed's own quarter
    assert "* quarter inferred: the plan names none" in status
    path = records / "requests" / "REQ-2025-0003.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - date: 2025-03-14",
                                                             "  - date: 2025-04-14"),
                    encoding="utf-8")
    out = run(shvo, records, "validate", str(path))
    assert "warning[H013]" in out.stdout and "the plan ties it to quarter 1" in out.stdout
    assert out.exit_code == 0  # a warning: the date may be right and the meeting late


# --- 6. a decision cited after its step clears D001 ---------------------------------------


def test_a_decision_recorded_after_the_step_can_be_cited(shvo: Shvo, records: Path) -> None:
    rid = new_request(shvo, records, triage=False, day="2025-01-10")
    for args in (("triage", rid, "--scope", "next-year", "--date", "2025-01-12"),
                 ("advance", rid, "inventoried", "--date", "2025-03-10")):
        step = run(shvo, records, "request", *args, "--by", GITS, "--no-commit")
        assert step.exit_code == 0, step.stderr
    dec = run(shvo, records, "decision", "add", "--body", "GITS", "--type", "needs-inventory",
              "--reference", "Inventering 2026", "--outcome", "noted", "--request", rid,
              "--by", GITS, "--date", "2025-03-20", "--no-commit")
    assert dec.exit_code == 0, dec.stderr
    dec_id = re.search(r"DEC-2025-[0-9A-Z]{6}", dec.stdout + dec.stderr)
    assert dec_id is not None
    assert "D001" in codes(shvo, records)
    early = run(shvo, records, "request", "note", rid, "Inventeringen beslutad.",
                "--decision", dec_id.group(), "--date", "2025-03-15", "--by", GITS,
                "--no-commit")
    assert early.exit_code == 1  # before the decision's own date: H014
    cite = run(shvo, records, "request", "note", rid, "Inventeringen beslutad.",
               "--decision", dec_id.group(), "--date", "2025-03-21", "--by", GITS,
               "--no-commit")
    assert cite.exit_code == 0, cite.stderr
    assert "D001" not in codes(shvo, records)


# --- 7. every refusal of a changing command is a finding on a hand-written file ----------


def _append(entry: str, state: str | None = None) -> Callable[[str], str]:
    def edit(text: str) -> str:
        if state is not None:
            text = text.replace("state: triaged", f"state: {state}")
        return text + entry
    return edit


def _replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


BY_REF = f"    by: {{person: {REF}, role: REF}}\n"
WITH_GITS = f"    concurrence: {{person: {GITS}, role: GITS}}\n"
REFUSALS: list[tuple[str, list[str], Callable[[str], str], str]] = [
    ("step from the wrong state", ["request", "release", "{id}", "--by", GITS],
     _append("  - date: 2025-09-03\n    transition: release\n    to: released\n"
             f"    by: {{person: {GITS}, role: GITS}}\n", "released"), "H002"),
    ("role may not take the step", ["request", "advance", "{id}", "in-working-group", "--by",
                                    REF], _append(
        "  - date: 2025-09-03\n    transition: send-to-working-group\n    to: in-working-group\n"
        + BY_REF, "in-working-group"), "H006"),
    ("not a member", ["request", "note", "{id}", "Hej", "--by", "okand@example.org", "--as",
                      "GITS"],
     _append("  - date: 2025-09-03\n    to: triaged\n"
             "    by: {person: okand@example.org, role: GITS}\n    note: Hej\n"), "H007"),
    ("role not held", ["request", "note", "{id}", "Hej", "--by", REF, "--as", "GITS"],
     _append(f"  - date: 2025-09-03\n    to: triaged\n    by: {{person: {REF}, role: GITS}}\n"
             "    note: Hej\n"), "H007"),
    ("step for another scope", ["request", "advance", "{id}", "inventoried", "--by", GITS],
     _append("  - date: 2025-09-03\n    transition: inventory\n    to: inventoried\n"
             f"    by: {{person: {GITS}, role: GITS}}\n", "inventoried"), "H008"),
    ("requirement missing", ["request", "decide", "{id}", "reject", "--by", REF, "--with",
                             GITS],
     _append("  - date: 2025-09-03\n    transition: decline\n    to: rejected\n" + BY_REF
             + WITH_GITS, "rejected"), "H005"),
    ("dated before the last entry", ["request", "note", "{id}", "Hej", "--by", GITS, "--date",
                                     "2025-08-01"],
     _append(f"  - date: 2025-08-01\n    to: triaged\n    by: {{person: {GITS}, role: GITS}}\n"
             "    note: Hej\n"), "H003"),
    ("no concurrence", ["request", "decide", "{id}", "approve", "--by", REF],
     _append("  - date: 2025-09-03\n    transition: agree\n    to: approved\n" + BY_REF,
             "approved"), "H011"),
    ("another subregion", ["request", "escalate", "{id}", "--subregion", "SKARABORG", "--by",
                           DVS],
     _append("  - date: 2025-09-03\n    transition: escalate\n    to: escalated\n"
             f"    by: {{person: {DVS}, role: DVS}}\n    subregion: SKARABORG\n", "escalated"),
     "H012"),
    ("decision cited before it was taken", ["request", "note", "{id}", "Hej", "--decision",
                                            "DEC-2025-0001", "--by", GITS, "--date",
                                            "2025-09-03"],
     _append(f"  - date: 2025-09-03\n    to: triaged\n    by: {{person: {GITS}, role: GITS}}\n"
             "    decisions: [DEC-2025-0001]\n    note: Hej\n"), "D002"),
    ("personnummer", ["request", "note", "{id}", "Gäller 19121212-1212", "--by", GITS],
     _append(f"  - date: 2025-09-03\n    to: triaged\n    by: {{person: {GITS}, role: GITS}}\n"
             "    note: Gäller 19121212-1212\n"), "N001"),
    ("control character", ["request", "edit", "{id}", "--title", "Statistik \x1b[2J", "--by",
                           GITS],
     _replace("title: Utökad statistik", 'title: "Statistik \\e[2J"'), "Y014"),
    ("unknown system", ["request", "edit", "{id}", "--systems", "NOPE", "--by", GITS],
     _replace("systems: [SAMSA]", "systems: [NOPE]"), "R003"),
    ("unknown assignment", ["request", "edit", "{id}", "--assignment", "nope", "--by", GITS],
     _replace("assignment: statistics", "assignment: nope"), "R002"),
    ("category of another assignment", ["request", "new", "--no-input", "--title", "X",
                                        "--category", "maintenance", "--assignment",
                                        "statistics", "--channel", "email", "--by", GITS],
     _replace("category: sustaining-development", "category: maintenance"), "R008"),
    ("unknown channel", ["request", "new", "--no-input", "--title", "X", "--category",
                         "maintenance", "--channel", "fax", "--by", GITS],
     _replace("channel: email", "channel: fax"), "R011"),
]


@pytest.mark.parametrize("name,command,hand,code", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refusal_is_a_finding_on_the_file(shvo: Shvo, records: Path, name: str,
                                            command: list[str], hand: Callable[[str], str],
                                            code: str) -> None:
    rid = new_request(shvo, records, systems="SAMSA")
    path = records / "requests" / f"{rid}.yaml"
    before = path.read_bytes()
    files = sorted((records / "requests").iterdir())
    refused = run(shvo, records, *[a.replace("{id}", rid) for a in command], "--no-commit")
    assert refused.exit_code == 1, (name, refused.stdout, refused.stderr)
    assert path.read_bytes() == before and sorted((records / "requests").iterdir()) == files
    path.write_text(hand(before.decode("utf-8")), encoding="utf-8")
    assert code in codes(shvo, records, path), name


DECISION_REFUSALS = [
    ("wrong body", ["--body", "GITS", "--type", "decide-budget", "--budget", "budget-2025",
                    "--by", GITS], "body: GITS\ndate: 2025-11-20\ntype: decide-budget\n"
     "concerns:\n  budget: budget-2025\n", "D004"),
    ("escalated without outcome", ["--body", "VVG", "--type", "escalated-request", "--request",
                                   "REQ-2025-0002", "--by", VVG],
     "body: VVG\ndate: 2025-11-20\ntype: escalated-request\nconcerns:\n"
     "  requests: [REQ-2025-0002]\n", "D006"),
]


@pytest.mark.parametrize("name,args,body,code", DECISION_REFUSALS,
                         ids=[d[0] for d in DECISION_REFUSALS])
def test_a_refused_decision_is_a_finding_on_the_file(shvo: Shvo, records: Path, name: str,
                                                     args: list[str], body: str,
                                                     code: str) -> None:
    before = sorted(p.name for p in (records / "decisions").iterdir())
    refused = run(shvo, records, "decision", "add", *args, "--reference", "Protokoll",
                  "--date", "2025-11-20", "--no-commit")
    assert refused.exit_code == 1, refused.stderr
    assert sorted(p.name for p in (records / "decisions").iterdir()) == before
    path = records / "decisions" / "DEC-2025-0009.yaml"
    path.write_text(f"kind: decision\nid: DEC-2025-0009\n{body}reference: Protokoll\n",
                    encoding="utf-8")
    assert code in codes(shvo, records, path)


# --- 8. the budget's reading of 5.2 -------------------------------------------------------


def test_budget_names_its_reading_of_5_2(shvo: Shvo, records: Path) -> None:
    path = records / "budgets" / "budget-2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert "reading: monthly-with-true-up" in text and "årlig avstämning gentemot" in text
    trued = run(shvo, records, "budget", "reconcile", "2025", "--actual",
                "population-2024-12-31")
    assert trued.exit_code == 0, trued.stderr
    path.write_text(text.replace("reading: monthly-with-true-up", "reading: key-updated-yearly"),
                    encoding="utf-8")
    refused = run(shvo, records, "budget", "reconcile", "2025", "--actual",
                  "population-2024-12-31")
    assert refused.exit_code != 0 and "nothing to reconcile" in refused.stderr
    assert run(shvo, records, "budget", "invoices", "--month", "2025-01").exit_code == 0


# --- 9. section 3's duties as assignments -------------------------------------------------


def test_section_3_duties_can_be_cited(shvo: Shvo, records: Path) -> None:
    for assignment in ("discharge-billing-support", "follow-up-statistics"):
        rid = new_request(shvo, records, triage=False, category="maintenance",
                          assignment=assignment)
        assert f"assignment: {assignment}" in (records / "requests" / f"{rid}.yaml"
                                               ).read_text(encoding="utf-8")
    plan = load_repository(records).plans[2025]
    assert plan.assignments["discharge-billing-support"].text == (
        "Stödja ekonomisk modell och fakturering för utskrivningsklara patienter")


# --- 10. outages (6.4) as records ---------------------------------------------------------


def test_an_outage_from_start_to_report(shvo: Shvo, records: Path) -> None:
    opened = run(shvo, records, "incident", "new", "--title", "Ingen inloggning", "--system",
                 "SAMSA", "--system", "PEXIP", "--started", "2025-08-04T09:00", "--text",
                 "Ingen kan logga in.", "--told", "Berörda verksamheter", "--by", GITS,
                 "--no-commit")
    assert opened.exit_code == 0, opened.stderr
    inc = re.search(r"INC-2025-[0-9A-Z]{6}", opened.stdout)
    assert inc is not None
    iid = inc.group()
    assert run(shvo, records, "incident", "update", iid, "--at", "2025-08-04T09:30", "--text",
               "Peak felsöker.", "--done", "Larmat Peak Networks", "--planned", "Omstart",
               "--by", GITS, "--no-commit").exit_code == 0
    leak = run(shvo, records, "incident", "update", iid, "--at", "2025-08-04T09:40", "--text",
               "Gäller 19121212-1212", "--by", GITS, "--no-commit")
    assert leak.exit_code == 1 and "1212" not in leak.stdout + leak.stderr
    report = run(shvo, records, "cycle", "report", "--quarter", "2025Q3", "--as-of",
                 "2025-08-04")
    assert "Outages (driftstopp, 6.4)" in report.stdout
    assert f"Open: {iid} since 2025-08-04T09:00 (SAMSA, PEXIP)" \
        in report.stdout
    closed = run(shvo, records, "incident", "close", iid, "--ended", "2025-08-04T11:15",
                 "--text", "Åter i drift.", "--told", "Referensgrupp SHVO", "--by", GITS,
                 "--no-commit")
    assert closed.exit_code == 0, closed.stderr
    again = run(shvo, records, "incident", "update", iid, "--at", "2025-08-05T08:00", "--text",
                "Mer.", "--by", GITS, "--no-commit")
    assert again.exit_code == 1 and "is closed" in again.stderr
    shown = run(shvo, records, "incident", "show", iid).stdout
    assert "downtime 2 h 15 min" in shown and "done: Larmat Peak Networks" in shown
    assert "told: Referensgrupp SHVO at 2025-08-04T11:15" in shown
    listed = run(shvo, records, "incident", "list", "--state", "closed", "--at",
                 "2025-09-01T00:00").stdout
    assert iid in listed and "INC-2025-0001" in listed
    q3 = run(shvo, records, "cycle", "report", "--quarter", "2025Q3", "--as-of", "2025-09-30",
             "--format", "json").stdout
    assert '"system": "PEXIP"' in q3 and '"total_minutes": 135' in q3
    assert codes(shvo, records).count("E001") == 0


def test_outage_records_are_checked(shvo: Shvo, records: Path) -> None:
    path = records / "incidents" / "INC-2025-0001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("systems: [SAMSA, SITHS]", "systems: [SAMSA, NOPE]")
                    .replace("ended: 2025-05-14T10:05", "ended: 2025-05-14T07:00"),
                    encoding="utf-8")
    found = codes(shvo, records, path)
    assert "R003" in found and "E001" in found
