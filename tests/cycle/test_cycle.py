"""A scripted year, Q1 to Q4, recorded through shvo's own commands; the quarterly report at
the end of each quarter is compared with golden files (text, markdown, json), the HTML is
checked structurally, and the cycle status follows the decisions as they are taken. The
report is in both languages: golden/cycle/sv/ (for VVG and SITIV) and golden/cycle/en/.

Regenerate the golden files after an intended change with SHVO_UPDATE_GOLDEN=1 and review
the diff.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from shvo_cli import i18n
from shvo_cli.cycle.report import build
from shvo_cli.cycle.status import CycleError, cycle_status
from shvo_cli.records.repository import load_repository
from shvo_cli.render.report import render
from shvo_cli.requests import decisions as decision
from shvo_cli.requests import steps as request
from tests.conftest import RECORDS, draft_plan

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cycle"
GITS = request.Actor("handlaggare@example.org", "GITS")
REF = request.Actor("referens@example.org", "REF")
DVS = request.Actor("dvs.fyrbodal@example.org", "DVS")
VVG = request.Actor("sekreterare.vvg@example.org", "VVG")
SITIV = request.Actor("ekonom.sitiv@example.org", "SITIV")
TEST = request.Actor("testare@example.org", "AG-UTV")
QUARTER_ENDS = {1: date(2025, 3, 31), 2: date(2025, 6, 30), 3: date(2025, 9, 30),
                4: date(2025, 12, 31)}


def d(month: int, day: int) -> date:
    return date(2025, month, day)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Records of a whole year, built step by step with deterministic ids."""
    root = tmp_path_factory.mktemp("year") / "records"
    shutil.copytree(RECORDS, root)
    for rel in ("requests", "decisions"):
        for p in (root / rel).glob("*.yaml"):
            p.unlink()
    # The bundled plan is adopted by the example decision removed above: start as a draft.
    draft_plan(root)
    plan25 = (root / "plans" / "plan-2025.yaml").read_text(encoding="utf-8")
    plan26 = plan25.replace("id: plan-2025\nyear: 2025", "id: plan-2026\nyear: 2026")
    (root / "plans" / "plan-2026.yaml").write_text(plan26, encoding="utf-8")
    budget26 = (root / "budgets" / "budget-2025.yaml").read_text(encoding="utf-8").replace(
        "id: budget-2025\nyear: 2025", "id: budget-2026\nyear: 2026")
    (root / "budgets" / "budget-2026.yaml").write_text(budget26, encoding="utf-8")
    req_ids = (f"REQ-2025-{n:04d}" for n in itertools.count(1))
    dec_ids = (f"DEC-2025-{n:04d}" for n in itertools.count(1))
    mp = pytest.MonkeyPatch()
    mp.setattr(request, "new_id", lambda year: next(req_ids))
    mp.setattr(decision, "new_decision_id", lambda year, taken: next(dec_ids))

    def new(title: str, when: date, category: str = "new-development",
            assignment: str | None = "process-functionality") -> str:
        change = request.create(root, GITS, when, {
            "title": title, "category": category, "assignment": assignment,
            "channel": "reference-group", "systems": ["SAMSA", "SIP-1177"]})
        request.apply(change, commit=False)
        return change.request_id

    def step(rid: str, who: request.Actor, when: date, transition: str, **kw: object) -> None:
        request.apply(request.advance(root, rid, who, when, transition=transition,
                                      **kw), commit=False)  # type: ignore[arg-type]

    def decide(who: request.Actor, when: date, type_: str, ref: str, **kw: object) -> str:
        change = decision.add(root, who, when, body=who.role or "", type_=type_,
                              reference=ref, **kw)  # type: ignore[arg-type]
        request.apply(change, commit=False)
        return change.request_id

    # The 2025 plan is adopted in December 2024.
    mp.setattr(decision, "new_decision_id", lambda year, taken: "DEC-2024-0001")
    request.apply(decision.add(root, VVG, date(2024, 12, 12), body="VVG", type_="adopt-plan",
                               reference="Protokoll VVG 2024-12-12, § 4", outcome="approved",
                               plan="plan-2025"), commit=False)
    mp.setattr(decision, "new_decision_id", lambda year, taken: next(dec_ids))
    # Q1
    a = new("Påminnelse om SIP-uppföljning", d(1, 13))
    b = new("Obligatoriskt utskrivningsdatum", d(1, 20))
    c = new("Digital underskrift av SIP", d(2, 3))
    step(a, GITS, d(1, 15), "triage", scope="within-plan")
    step(b, GITS, d(1, 22), "triage", scope="within-plan")
    step(c, GITS, d(2, 5), "triage", scope="next-year")
    step(c, GITS, d(3, 10), "inventory")
    decide(GITS, d(3, 20), "needs-inventory", "Inventering 2026, GITS 2025-03-20",
           outcome="noted")
    step(b, DVS, d(3, 21), "escalate", subregion="FYRBODAL", note="Ingen konsensus.")
    step(a, REF, d(3, 25), "agree", concurrence=GITS.person)
    # Q2
    dec_b = decide(VVG, d(4, 24), "escalated-request", "Protokoll VVG 2025-04-24, § 7",
                   outcome="approved", requests=[b])
    step(b, VVG, d(4, 28), "vvg-approve", decisions=[dec_b])
    step(a, GITS, d(4, 2), "start")
    step(a, GITS, d(5, 12), "submit-for-test")
    step(a, TEST, d(5, 20), "pass-test", outcome="passed")
    step(a, GITS, d(5, 26), "inform-reference-group")
    step(a, GITS, d(6, 9), "release")
    dec_c = decide(VVG, d(6, 12), "position-new-needs", "Protokoll VVG 2025-06-12, § 11",
                   outcome="approved", requests=[c])
    step(c, VVG, d(6, 13), "take-on", decisions=[dec_c])
    e = new("Egen färgsättning per kommun", d(6, 16), "maintenance", "system-administration")
    # Q3
    step(e, GITS, d(7, 1), "triage", scope="within-plan")
    step(e, REF, d(9, 3), "decline", note="Enhetlighet prioriteras.",
         concurrence=GITS.person)
    decide(GITS, d(9, 25), "budget-basis", "Budgetunderlag 2026 till SITIV",
           outcome="noted")
    f = new("Utökad statistik", d(8, 4), "sustaining-development", "statistics")
    # Q4
    decide(SITIV, d(11, 14), "decide-budget", "Protokoll SITIV 2025-11-14, § 3",
           outcome="approved", budget="budget-2026")
    decide(VVG, d(11, 20), "adopt-plan", "Protokoll VVG 2025-11-20, § 5",
           outcome="approved", plan="plan-2026")
    step(f, GITS, d(12, 1), "triage", scope="within-plan")
    decide(GITS, d(12, 15), "final-report", "Årsrapport SHVO 2025", outcome="noted")
    decide(GITS, d(12, 16), "draft-verksamhetsplan", "Verksamhetsplan 2026, utkast",
           outcome="noted")
    mp.undo()
    return root


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_golden_reports(year: Path, quarter: int, fmt: str, lang: str) -> None:
    i18n.set_language(lang)
    data = build(load_repository(year), year, 2025, quarter, QUARTER_ENDS[quarter])
    out = render(data, fmt)
    suffix = {"text": "txt", "markdown": "md", "json": "json"}[fmt]
    golden = GOLDEN / lang / f"2025Q{quarter}.{suffix}"
    if os.environ.get("SHVO_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_same_records_same_as_of_byte_identical(year: Path, shvo: object) -> None:
    from typer.testing import CliRunner

    from shvo_cli.cli.app import app

    args = ["cycle", "report", "--records", str(year), "--quarter", "2025Q3", "--as-of",
            "2025-10-15", "--format", "html"]
    first = CliRunner().invoke(app, args).stdout
    second = CliRunner().invoke(app, args).stdout
    assert first == second and first.startswith("<!DOCTYPE html>")


def test_cycle_status_follows_decisions(year: Path) -> None:
    repo = load_repository(year)
    mid = {m.id: m.status for m in cycle_status(repo, 2025, d(8, 15))}
    assert mid == {"inventory-needs": "done", "position-new-needs": "done",
                   "budget-basis": "due", "decide-budget": "upcoming",
                   "adopt-plan": "upcoming", "final-report": "upcoming",
                   "draft-verksamhetsplan": "upcoming", "adopt-verksamhetsplan": "upcoming"}
    end = {m.id: m for m in cycle_status(repo, 2025, d(12, 31))}
    assert all(m.status == "done" for k, m in end.items() if k != "adopt-verksamhetsplan")
    last = end["adopt-verksamhetsplan"]
    assert last.status == "due" and last.waiting_on == ("SITIV",)
    late = {m.id: m.status for m in cycle_status(repo, 2025, date(2026, 1, 10))}
    assert late["adopt-verksamhetsplan"] == "overdue"
    early = {m.id: m for m in cycle_status(repo, 2025, d(2, 1))}
    assert early["inventory-needs"].status == "due"
    assert early["decide-budget"].blocked_by == ("budget-basis",)


def test_adopting_the_plan_set_its_status(year: Path) -> None:
    text = (year / "plans" / "plan-2026.yaml").read_text(encoding="utf-8")
    assert "status: adopted" in text and "date: 2025-11-20" in text
    assert "status: decided" in (year / "budgets" / "budget-2026.yaml").read_text(
        encoding="utf-8")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.external: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name in ("src", "href") and value:
                self.external.append(value)


def test_html_is_complete_and_self_contained(year: Path) -> None:
    out = render(build(load_repository(year), year, 2025, 4, QUARTER_ENDS[4]), "html")
    parser = _Collect()
    parser.feed(out)
    assert parser.ids == ["status", *[f"s{i}" for i in range(1, 15)], "charts", "appendix"]
    assert parser.external == [] and "link" not in parser.tags and "script" not in parser.tags
    assert not re.search(r"url\(|@import|https?://", out.split("<body>")[0])
    assert out.count('role="img"') == 2 and "@media print" in out
    assert out.index("Decisions of the quarter") < out.index("Requests by state") \
        < out.index("Appendix: validation findings")


def test_html_renders_in_chromium(year: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "report.html"
    page.write_text(render(build(load_repository(year), year, 2025, 4, QUARTER_ENDS[4]),
                           "html"), encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                    "--window-size=1000,2400", page.as_uri()], capture_output=True,
                   timeout=120, check=False)
    assert shot.is_file() and shot.stat().st_size > 10_000


@pytest.mark.parametrize(("args", "message"), [
    (["--quarter", "2025Q5"], "write it as YYYYQn"),
    (["--quarter", "2031Q1", "--as-of", "2031-02-01"], "no plan for 2031"),
    (["--quarter", "2025Q4", "--as-of", "2025-06-30"], "starts after --as-of"),
    (["--as-of", "2024-06-30", "--quarter", "2025Q1"], "before the plan year"),
    (["--as-of", "30/06/2025"], "not a date"),
])
def test_refused_report(args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from shvo_cli.cli.app import app

    result = CliRunner().invoke(app, ["cycle", "report", "--records", str(RECORDS), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_cycle_error_is_usage_error() -> None:
    assert CycleError("x").exit_code == 2


def test_report_leads_with_decisions_moves_and_what_awaits(year: Path) -> None:
    i18n.set_language("sv")
    try:
        data = build(load_repository(year), year, 2025, 2, QUARTER_ENDS[2])
        text, md, page = (render(data, f) for f in ("text", "markdown", "html"))
    finally:
        i18n.set_language("en")
    for out in (text, md, page):
        # The decisions of the quarter, by body, date, what and minute reference.
        assert "Protokoll VVG 2025-04-24, § 7" in out and "Protokoll VVG 2025-06-12, § 11" in out
        assert "Beslut i ärende som lyfts till VVG" in out
        # Requests that moved, by title and id; what awaits VVG now.
        assert "Påminnelse om SIP-uppföljning" in out and "REQ-2025-0001" in out
        assert "Väntar på VVG nu" in out and "Inget väntar på SITIV." in out
        # Swedish names, never the English ids of milestones, scopes, categories or systems.
        for english in ("inventory-needs", "within-plan", "new-development", "SIP-1177",
                        "maintenance", "next-year"):
            assert english not in out, english
        assert "Inventering av nya behov" in out and "2025-09-30" in out
    assert text.index("Beslut under kvartalet") < text.index("Ärenden per status") \
        < text.index("Bilaga: valideringens fynd")
    assert text.splitlines()[6] == "Validering: 0 fel, 14 varningar (listas i bilagan)"


def test_charts_have_counts_names_safe_colours_and_a_text_alternative(year: Path) -> None:
    from shvo_cli.render.report_charts import OKABE_ITO

    i18n.set_language("sv")
    try:
        page = render(build(load_repository(year), year, 2025, 4, QUARTER_ENDS[4]), "html")
    finally:
        i18n.set_language("en")
    charts = page.split('<section id="charts">')[1]
    fills = set(re.findall(r'fill="(#[0-9A-Fa-f]{6})"', charts)) - {"#ffffff", "#000000"}
    assert fills and fills <= set(OKABE_ITO)
    tooltips = re.findall(r"<title>([^<]*)</title>", charts)
    assert "Driftsatt: 1" in tooltips and not any("released" in t for t in tooltips)
    assert re.search(r'fill="#[0-9A-Fa-f]{6}">\d+</text>', charts)  # counts on segments
    assert charts.count("Diagrammet som tabell") == 2 and '<th scope="row">Driftsatt</th>' \
        in charts
