"""Plans and the budget cycle: the rendered förvaltningsplan against the seed, next year's
plan and budget made from this year's records in a real git repository, and refusals."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RECORDS, Run, commit_records, draft_plan

SEED = Path("/work/shared/seeds/forvaltningsplan-2025-shvo.txt")
Shvo = Callable[..., Run]
VVG = ("--by", "sekreterare.vvg@example.org", "--as", "VVG")
SITIV = ("--by", "ekonom.sitiv@example.org", "--as", "SITIV")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _unmarkdown(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _seed_body() -> list[str]:
    """The seed's lines after its table of contents, headings and blanks left out."""
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("\n1 Inledning\n\nVårdsamverkan"):]
    return [ln.strip() for ln in body.splitlines() if ln.strip()]


def _sections(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        m = re.match(r"(\d(?:\.\d)*) \S", line)
        if m and "\t" not in line and len(line) < 80 and not line.endswith("."):
            current = m.group(1).split(".")[0]
            continue
        out.setdefault(current, []).append(line)
    return out


def _sentences(line: str) -> list[str]:
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line).lstrip("- ").strip()
    return [s for s in re.split(r"(?<=\.) (?=[A-ZÅÄÖ])", line) if s]


def test_rendered_2025_plan_has_every_sentence_of_the_seed(shvo: Shvo) -> None:
    run = shvo("plan", "render", "2025", "--format", "markdown")
    assert run.exit_code == 0, run.stderr
    rendered = _norm(_unmarkdown(run.stdout))
    sections = _sections(_seed_body())
    assert set(sections) >= {"1", "2", "3", "4", "6", "7", "8", "9"}
    missing = []
    for number in ("1", "2", "3", "4", "6", "7", "8", "9"):
        for line in sections[number]:
            for cell in line.split("\t"):
                for sentence in _sentences(cell):
                    if _norm(sentence) not in rendered:
                        missing.append((number, sentence))
    assert missing == []


def test_rendered_budget_table_has_the_seed_figures(shvo: Shvo) -> None:
    out = _norm(shvo("plan", "render", "2025").stdout)
    for row in _sections(_seed_body())["5"]:
        if "\t" not in row or row.startswith("Benämning"):
            continue
        name, *figures = row.split("\t")
        cells = " | ".join([name, *figures])
        assert _norm(cells) in out, row
    assert "| Totalt | 16 000 000 | 5 740 000 | 10 260 000 |" in out


def test_html_is_self_contained_and_printable(shvo: Shvo) -> None:
    page = shvo("plan", "render", "2025", "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "@page{size:A4" in page
    assert "<script" not in page and "http" not in page.split("<body>")[0]
    assert "<h2 id=\"s0\">1 Inledning</h2>" in page


def _git(top: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=top, check=True, capture_output=True,
                          text=True).stdout


def _ok(run: Run) -> Run:
    assert run.exit_code == 0, run.stdout + run.stderr
    return run


def _budget_decided(shvo: Shvo, r: tuple[str, ...]) -> None:
    """SITIV decides the 2025 budget on 2025-01-10 (DEC-2025-0001)."""
    _ok(shvo("decision", "add", "--body", "SITIV", "--type", "decide-budget", "--outcome",
             "approved", "--reference", "P", "--budget", "budget-2025", "--no-input",
             "--date", "2025-01-10", *SITIV, *r))


def _sitiv_decisions(shvo: Shvo, r: tuple[str, ...]) -> str:
    """The 2025 budget decided, then on 2025-05-20 a second SITIV decision an amendment
    can name; returns the second decision's id."""
    _budget_decided(shvo, r)
    return str(_ok(shvo("decision", "add", "--body", "SITIV", "--type", "other", "--outcome",
                        "approved", "--reference", "P2", "--no-input", "--date", "2025-05-20",
                        *SITIV, *r)).stdout.strip())


def test_whole_cycle_for_2026(tmp_path: Path, shvo: Shvo) -> None:
    """Inventory, VVG's position, plan and budget drafts, an amendment, SITIV's decision,
    VVG's adoption and the Word document, all committed in a real repository."""
    docx = pytest.importorskip("docx")
    top = tmp_path / "repo"
    records = commit_records(top)
    r = ("--records", str(records))
    rid = _ok(shvo("request", "new", "--title", "Statistik per delregion", "--category",
                   "new-development", "--channel", "email", "--no-input",
                   "--date", "2025-01-20", *r)).stdout.strip()
    _ok(shvo("request", "triage", rid, "--scope", "next-year", "--date", "2025-01-27", *r))
    _ok(shvo("request", "advance", rid, "inventoried", "--date", "2025-03-10", *r))
    dec = _ok(shvo("decision", "add", "--body", "VVG", "--type", "position-new-needs",
                   "--outcome", "approved", "--reference", "Protokoll VVG 2025-06-12, § 5",
                   "--request", rid, "--no-input", "--date", "2025-06-12", *VVG, *r)
              ).stdout.strip()
    _ok(shvo("request", "advance", rid, "taken-on", "--decision", dec, "--date",
             "2025-06-12", *VVG, *r))
    _ok(shvo("plan", "new", "2026", "--from", "2025", "--from-draft", *r))
    shown = json.loads(_ok(shvo("plan", "show", "2026", "--format", "json", *r)).stdout)
    proposed = [a for c in shown["categories"] for a in c["assignments"] if a["requests"]]
    assert {rid, "REQ-2025-0003"} <= {q for a in proposed for q in a["requests"]}
    _ok(shvo("budget", "new", "2026", "--from", "2025", *r))
    decided = _ok(shvo("decision", "add", "--body", "SITIV", "--type", "decide-budget",
                       "--outcome", "approved", "--reference", "Protokoll SITIV 2025-11-14",
                       "--budget", "budget-2026", "--no-input", "--date", "2025-11-14",
                       *SITIV, *r)).stdout.strip()
    anchored = _ok(shvo("decision", "add", "--body", "SITIV", "--type", "other", "--outcome",
                        "approved", "--reference", "Protokoll SITIV 2026-02-10, § 3",
                        "--no-input", "--date", "2026-02-10", *SITIV, *r)).stdout.strip()
    _ok(shvo("budget", "amend", "2026", "--line", "development", "--amount", "400000",
             "--decision", anchored, "--note", "Arbete utöver budget", *SITIV, *r))
    assert "400000" in _ok(shvo("budget", "show", "2026", *r)).stdout.replace(" ", "")
    _ok(shvo("decision", "add", "--body", "VVG", "--type", "adopt-plan", "--outcome",
             "approved", "--reference", "Protokoll VVG 2025-12-04, § 2", "--plan",
             "plan-2026", "--no-input", "--date", "2025-12-04", *VVG, *r))
    out = tmp_path / "plan-2026.docx"
    _ok(shvo("plan", "render", "2026", "--format", "docx", "-o", str(out), *r))
    assert _git(top, "status", "--porcelain") == ""
    log = _git(top, "log", "--format=%s%n%b")
    assert "plan-2026: draft from plan-2025" in log and "Shvo-Budget: budget-2026" in log
    assert decided in log
    check = shvo("validate", "--strict", "--format", "json", *r)
    codes = sorted(f["code"] for f in json.loads(check.stdout)["findings"])
    assert [c for c in codes if c not in ("B001", "B003", "P004", "P005")] == [], codes
    assert codes.count("B001") == 3 and codes.count("P005") == 1
    word = docx.Document(str(out))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    for h in ("1 Inledning", "2 Mål", "3 Övergripande uppdrag", "4.1 Vidmakthållande",
              "5.1 Budget", "6.3.2 Ärenden som behöver omhändertas i kommande års "
              "förvaltningsplan", "8 Förkortningar", "9 Referenser och länkar"):
        assert h in headings
    assert any("Ställningstagande i VVG: 2025-12-04" in p.text for p in word.paragraphs)
    again = tmp_path / "again.docx"
    _ok(shvo("plan", "render", "2026", "--format", "docx", "-o", str(again), *r))
    assert again.read_bytes() == out.read_bytes()
    # the adopted plan is not edited in place
    refused = shvo("plan", "edit", "2026", "--retire", "newsletters", *r)
    assert refused.exit_code == 1 and "not edited in place" in refused.stderr
    diff = _ok(shvo("plan", "diff", "2025", "2026", *r)).stdout
    assert "Statistik per delregion" in diff and "Utveckling inkluderat teknisk resurs" in diff
    # ... it is amended by a VVG decision, recorded as such
    wrong = shvo("plan", "edit", "2026", "--retire", "newsletters", "--decision", anchored,
                 *VVG, *r)
    assert wrong.exit_code == 1 and "decision of SITIV" in wrong.stderr
    amending = _ok(shvo("decision", "add", "--body", "VVG", "--type", "other", "--outcome",
                        "approved", "--reference", "Protokoll VVG 2026-03-12, § 4",
                        "--no-input", "--date", "2026-03-12", *VVG, *r)).stdout.strip()
    _ok(shvo("plan", "edit", "2026", "--retire", "newsletters", "--decision", amending,
             *VVG, *r))
    shown = _ok(shvo("plan", "show", "2026", *r)).stdout
    assert f"Amended 2026-03-12 by {amending}: retire assignment newsletters" in shown
    assert "A011" not in shvo("audit", "--format", "json", *r).stdout
    assert _ok(shvo("validate", *r)).exit_code == 0


def test_amendment_reaches_invoices_from_the_month_after(tmp_path: Path, shvo: Shvo) -> None:
    records = commit_records(tmp_path / "repo")
    r = ("--records", str(records))
    dec = _sitiv_decisions(shvo, r)
    def month_total(month: int) -> int:
        run = _ok(shvo("budget", "invoices", "2025", "--month", f"2025-{month:02d}",
                       "--format", "json", *r))
        return sum(i["amount"] for i in json.loads(run.stdout)["invoices"])

    before = [month_total(m) for m in range(1, 13)]
    _ok(shvo("budget", "amend", "2025", "--line", "development", "--amount", "400000",
             "--decision", dec, *SITIV, *r))
    after = [month_total(m) for m in range(1, 13)]
    increase = [b - a for a, b in zip(before, after, strict=True)]
    assert increase[:5] == [0] * 5  # decided in May: from June on
    assert sum(increase) == 400000 and all(57000 < x < 57300 for x in increase[5:])
    shown = _ok(shvo("budget", "show", "2025", *r)).stdout
    assert dec in shown


def test_budget_compare_sums_exactly(tmp_path: Path, shvo: Shvo) -> None:
    records = commit_records(tmp_path / "repo")
    r = ("--records", str(records))
    _ok(shvo("plan", "new", "2026", "--from", "2025", "--from-draft", *r))
    _ok(shvo("budget", "new", "2026", "--from", "2025", *r))
    run = _ok(shvo("budget", "compare", "2025", "2026", "--format", "json", *r))
    data = json.loads(run.stdout)
    assert "preliminary" in run.stderr
    assert len(data["rows"]) == 50
    for row in data["rows"]:
        assert row["budget_effect"] + row["population_effect"] == row["change"]
        assert row["next_year"] - row["this_year"] == row["change"]
    assert data["totals"]["population_effect"] == 0
    assert data["totals"]["this_year"] == 15_900_000 == data["totals"]["next_year"]
    by_party = json.loads(_ok(shvo("budget", "compare", "2025", "2026", "--by", "party",
                                   "--format", "json", *r)).stdout)
    assert [x["payer"] for x in by_party["rows"]] == ["VGR", "VGK"]
    csv_out = _ok(shvo("budget", "compare", "2025", "2026", "--format", "csv", *r)).stdout
    assert csv_out.splitlines()[0].startswith("payer,name,association,this_year")


def _draft_plan(tmp_path: Path) -> Path:
    """The bundled records with plan 2025 back as a draft (its example adoption removed)."""
    import shutil

    copy = tmp_path / "drafted"
    shutil.copytree(RECORDS, copy)
    draft_plan(copy)
    return copy


@pytest.mark.parametrize(("args", "code", "message"), [
    (["plan", "new", "2026", "--from", "2019"], 2, "no plan for 2019"),
    (["plan", "new", "2026", "--from", "2025"], 1, "not adopted"),
    (["plan", "new", "2027", "--from", "2025", "--from-draft"], 2, "not the year after"),
    (["plan", "show", "2031"], 2, "no plan for 2031"),
    (["budget", "new", "2026", "--from", "2024"], 2, "no budget for 2024"),
    (["budget", "amend", "2025", "--line", "development", "--amount", "100"], 2,
     "--decision"),
    (["budget", "amend", "2025", "--line", "development", "--amount", "100.50",
      "--decision", "DEC-2025-0002"], 2, "whole kronor"),
    (["budget", "amend", "2025", "--line", "nope", "--amount", "100", "--decision",
      "DEC-2025-0002"], 2, "no line 'nope'"),
    (["budget", "amend", "2025", "--line", "development", "--amount", "100", "--decision",
      "DEC-2025-0002"], 1, "preliminary"),
    (["plan", "edit", "2025", "--retire", "process-functionality"], 1, "cited by"),
    (["plan", "edit", "2025", "--section", "nope", "--text", "x"], 2, "not a text section"),
])
def test_bad_input_is_refused_and_nothing_written(tmp_path: Path, shvo: Shvo,
                                                  args: list[str], code: int,
                                                  message: str) -> None:
    top = tmp_path / "repo"
    records = commit_records(top, _draft_plan(tmp_path))
    run = shvo(*args, "--records", str(records))
    assert run.exit_code == code, run.stdout + run.stderr
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert _git(top, "status", "--porcelain") == ""
    assert len(_git(top, "log", "--oneline").splitlines()) == 1


def test_amendment_needs_a_sitiv_decision(tmp_path: Path, shvo: Shvo) -> None:
    records = commit_records(tmp_path / "repo")
    r = ("--records", str(records))
    _budget_decided(shvo, r)
    run = shvo("budget", "amend", "2025", "--line", "development", "--amount", "100",
               "--decision", "DEC-2025-0001", *SITIV, *r)
    assert run.exit_code == 1 and "decision of VVG" in run.stderr


def test_plan_edit_on_a_draft_adds_retires_and_rewrites(tmp_path: Path, shvo: Shvo) -> None:
    top = tmp_path / "repo"
    records = commit_records(top, _draft_plan(tmp_path))
    r = ("--records", str(records))
    _ok(shvo("plan", "edit", "2025", "--add-assignment", "Digital underskrift",
             "--id", "digital-signature", "--category", "new-development", *r))
    _ok(shvo("plan", "edit", "2025", "--retire", "newsletters", *r))
    _ok(shvo("plan", "edit", "2025", "--section", "6.1", "--text", "Ny text om GITS.", *r))
    doc = _ok(shvo("plan", "render", "2025", *r)).stdout
    assert "- Digital underskrift" in doc and "nyhetsutskick" not in doc
    assert "Ny text om GITS." in doc
    run = shvo("validate", *r)  # only what drafting the example plan itself causes
    assert [line for line in run.stdout.splitlines()
            if "error[" in line and "error[H010]" not in line] == []
    assert len(_git(top, "log", "--oneline").splitlines()) == 4
    # spliced into the file's own text: comments stay, the diff is only the change
    text = (records / "plans" / "plan-2025.yaml").read_text(encoding="utf-8")
    assert "# Every assignment (uppdrag) with a stable id" in text
    stat = _git(top, "diff", "--numstat", "HEAD~3", "HEAD").split()
    assert int(stat[0]) <= 6 and int(stat[1]) <= 12


def test_validate_flags_a_hand_written_amendment_without_a_valid_decision(
        records: Path, shvo: Shvo) -> None:
    budget = records / "budgets" / "budget-2025.yaml"
    budget.write_text(budget.read_text(encoding="utf-8") + (
        "amendments:\n  - line: nope\n    amount: -100\n    decision: DEC-2025-0001\n"
        "    date: 2025-04-24\n"), encoding="utf-8")
    run = shvo("validate", "--format", "json", "--records", str(records))
    found = [f for f in json.loads(run.stdout)["findings"] if f["code"] == "B010"]
    messages = " ".join(f["message"] for f in found)
    assert run.exit_code == 1
    assert "not decided" in messages and "'nope'" in messages and "decision of VVG" in messages


def test_audit_accepts_an_appended_amendment_but_not_an_edit_in_place(
        tmp_path: Path, shvo: Shvo) -> None:
    top = tmp_path / "repo"
    records = commit_records(top)
    r = ("--records", str(records))
    dec = _sitiv_decisions(shvo, r)
    _ok(shvo("budget", "amend", "2025", "--line", "support", "--amount", "-50000",
             "--decision", dec, *SITIV, *r))
    audit = shvo("audit", "--format", "json", *r)
    assert "A012" not in audit.stdout
    budget = records / "budgets" / "budget-2025.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace("amount: 200000",
                                                                 "amount: 250000"),
                      encoding="utf-8")
    _git(top, "commit", "-qam", "hand edit")
    assert "A012" in shvo("audit", "--format", "json", *r).stdout


def test_quarterly_report_in_q4_summarises_next_years_plan(tmp_path: Path, shvo: Shvo) -> None:
    records = commit_records(tmp_path / "repo")
    r = ("--records", str(records))
    _ok(shvo("plan", "new", "2026", "--from", "2025", "--from-draft", *r))
    q4 = _ok(shvo("cycle", "report", "--quarter", "2025Q4", "--as-of", "2025-12-31", *r))
    assert "plan-2026 against plan-2025" in q4.stdout and "REQ-2025-0003" in q4.stdout
    q2 = _ok(shvo("cycle", "report", "--quarter", "2025Q2", "--as-of", "2025-06-30", *r))
    assert "plan-2026 against" not in q2.stdout
    sv = _ok(shvo("--lang", "sv", "cycle", "report", "--quarter", "2025Q4", "--as-of",
                  "2025-12-31", "--format", "html", *r))
    assert "plan-2026 jämfört med plan-2025" in sv.stdout
