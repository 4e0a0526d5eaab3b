"""The refusal walk over the changing commands added after the request and decision
commands (whose walk is in tests/requests/test_request.py and tests/test_hostile_changes.py):
plan new|edit, budget new|amend, invoice issue|credit, incident new|update|close and
population import. Each bad input — an unknown id, a bad date, an identity number in text,
a control character, a change that changes nothing — must be refused with its documented
exit code and one line naming the problem (never a traceback, never the number or the
control character repeated), and leave every file and git exactly as they were."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shvo_cli.cli.app import app
from tests.conftest import RECORDS, commit_records, draft_plan

GITS = ("--by", "handlaggare@example.org")
SITIV = ("--by", "ekonom.sitiv@example.org")
NUMBER = "19121212-1212"  # Skatteverket's test number
ESC = "\x1b]0;x\x07"
SCB = Path(__file__).resolve().parent / "fixtures" / "scb"


def _git(top: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=top, capture_output=True, text=True,
                          check=True).stdout


class Walk:
    """One repository for the whole walk: the bundled records with plan 2025 a draft (so
    that plan edit may change it), next year's plan and budget made, an outage open and
    January invoiced; every case must leave it as it is."""

    def __init__(self, top: Path) -> None:
        self.top = top
        copy = top.parent / "source"
        shutil.copytree(RECORDS, copy)
        draft_plan(copy)
        self.records = commit_records(top, copy)
        runner = CliRunner()
        r = ["--records", str(self.records)]
        for args in (["plan", "new", "2026", "--from", "2025", "--from-draft", *r],
                     ["budget", "new", "2026", "--from", "2025", *r],
                     ["decision", "add", "--body", "SITIV", "--type", "decide-budget",
                      "--outcome", "approved", "--reference", "Protokoll SITIV", "--budget",
                      "budget-2025", "--no-input", "--date", "2025-01-10", *SITIV, *r],
                     ["invoice", "issue", "2025-01", "--date", "2025-01-31", *SITIV, *r]):
            result = runner.invoke(app, args)
            assert result.exit_code == 0, result.stderr
        opened = runner.invoke(app, ["incident", "new", "--title", "Ingen inloggning",
                                     "--system", "SAMSA", "--started", "2025-08-04T09:00",
                                     "--text", "Ingen kan logga in.", *GITS, *r])
        assert opened.exit_code == 0, opened.stderr
        self.incident = opened.stdout.strip()
        assert re.fullmatch(r"INC-2025-[0-9A-Z]{6}", self.incident)
        assert _git(top, "status", "--porcelain") == ""

    def snapshot(self) -> tuple[str, str, dict[str, bytes]]:
        files = {str(p.relative_to(self.top)): p.read_bytes() for p in self.top.rglob("*")
                 if p.is_file() and ".git" not in p.relative_to(self.top).parts}
        return (_git(self.top, "rev-parse", "HEAD"), _git(self.top, "status", "--porcelain",
                                                          "--ignored"), files)


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    yield Walk(tmp_path_factory.mktemp("walk") / "repo")


INC = "{incident}"
CASES: list[tuple[str, list[str], int, str]] = [
    # plan new
    ("plan new: unknown year", ["plan", "new", "2027", "--from", "2019"], 2, "no plan for 2019"),
    ("plan new: bad year", ["plan", "new", "20x6", "--from", "2025"], 2, "'NEXT'"),
    ("plan new: exists", ["plan", "new", "2026", "--from", "2025", "--from-draft"], 1,
     "plan-2026 already exists"),
    ("plan new: number in --by", ["plan", "new", "2027", "--from", "2026", "--from-draft",
                                  "--by", f"{NUMBER}@example.org"], 1, "[redacted]"),
    # plan edit
    ("plan edit: unknown assignment", ["plan", "edit", "2025", "--retire", "no-such"], 2,
     "no-such"),
    ("plan edit: unknown year", ["plan", "edit", "2031", "--retire", "newsletters"], 2,
     "no plan for 2031"),
    ("plan edit: number in text", ["plan", "edit", "2025", "--section", "6.1", "--text",
                                   f"Gäller {NUMBER}"], 1, "personnummer"),
    ("plan edit: control character", ["plan", "edit", "2025", "--add-assignment",
                                      f"Ny{ESC}", "--id", "digital-signature",
                                      "--category", "new-development"], 1,
     "--add-assignment holds the control character U+001B"),
    ("plan edit: control character in id", ["plan", "edit", "2025", "--add-assignment", "Ny",
                                            "--id", f"ny{ESC}", "--category",
                                            "new-development"], 2, "--id"),
    ("plan edit: nothing to do", ["plan", "edit", "2025"], 2, "--add-assignment"),
    # budget new
    ("budget new: unknown year", ["budget", "new", "2027", "--from", "2019"], 2,
     "no budget for 2019"),
    ("budget new: exists", ["budget", "new", "2026", "--from", "2025"], 1,
     "budget-2026 already exists"),
    ("budget new: number in --by", ["budget", "new", "2027", "--from", "2026", "--by",
                                    f"{NUMBER}@example.org"], 1, "[redacted]"),
    # budget amend
    ("budget amend: unknown line", ["budget", "amend", "2025", "--line", "nope", "--amount",
                                    "100", "--decision", "DEC-2025-0002", *SITIV], 2,
     "no line 'nope'"),
    ("budget amend: unknown decision", ["budget", "amend", "2025", "--line", "development",
                                        "--amount", "100", "--decision", "DEC-2025-ZZZZ",
                                        *SITIV], 2, "DEC-2025-ZZZZ"),
    ("budget amend: not kronor", ["budget", "amend", "2025", "--line", "development",
                                  "--amount", "100.50", "--decision", "DEC-2025-0002",
                                  *SITIV], 2, "whole kronor"),
    ("budget amend: nothing", ["budget", "amend", "2025", "--line", "development",
                               "--amount", "0", "--decision", "DEC-2025-0002", *SITIV], 2,
     "0"),
    ("budget amend: number in note", ["budget", "amend", "2025", "--line", "development",
                                      "--amount", "100", "--decision", "DEC-2025-0002",
                                      "--note", f"Gäller {NUMBER}", *SITIV], 1,
     "personnummer"),
    ("budget amend: control character", ["budget", "amend", "2025", "--line", "development",
                                         "--amount", "100", "--decision", "DEC-2025-0002",
                                         "--note", f"Not{ESC}", *SITIV], 1,
     "--note holds the control character U+001B"),
    # invoice issue
    ("invoice issue: bad month", ["invoice", "issue", "2025-13", *SITIV], 2,
     "2025-13"),
    ("invoice issue: no budget", ["invoice", "issue", "2031-01", *SITIV], 2,
     "2031"),
    ("invoice issue: bad date", ["invoice", "issue", "2025-02", "--date",
                                 "2025-02-30", *SITIV], 2, "no such date"),
    ("invoice issue: already issued", ["invoice", "issue", "2025-01", "--preliminary",
                                       "--date", "2025-01-31", *SITIV], 1, "already"),
    ("invoice issue: number in --by", ["invoice", "issue", "2025-02", "--preliminary",
                                       "--date", "2025-02-28", "--by",
                                       f"{NUMBER}@example.org"], 1, "[redacted]"),
    # invoice credit
    ("invoice credit: unknown payer", ["invoice", "credit", "2025-01", "--payer", "9999",
                                       "--reason", "Fel", "--date", "2025-02-10", *SITIV], 1,
     "9999 was not invoiced"),
    ("invoice credit: month not issued", ["invoice", "credit", "2025-02", "--payer", "1415",
                                          "--reason", "Fel", "--date", "2025-02-10",
                                          *SITIV], 1, "2025-02 has not been issued"),
    ("invoice credit: bad date", ["invoice", "credit", "2025-01", "--payer", "1415",
                                  "--reason", "Fel", "--date", "2025-1-10", *SITIV], 2,
     "not a date"),
    ("invoice credit: number in reason", ["invoice", "credit", "2025-01", "--payer", "1415",
                                          "--reason", f"Gäller {NUMBER}", "--date",
                                          "2025-02-10", *SITIV], 1, "personnummer"),
    ("invoice credit: control character", ["invoice", "credit", "2025-01", "--payer", "1415",
                                           "--reason", f"Fel{ESC}", "--date", "2025-02-10",
                                           *SITIV], 1,
     "--reason holds the control character U+001B"),
    ("invoice credit: nothing", ["invoice", "credit", "2025-01", "--payer", "1415",
                                 "--reason", "Fel", "--amount", "0", "--date", "2025-02-10",
                                 *SITIV], 1, "--amount must be 1 to"),
    # incident new
    ("incident new: unknown system", ["incident", "new", "--title", "Avbrott", "--system",
                                      "NOPE", "--started", "2025-08-05T09:00", "--text",
                                      "Nere.", *GITS], 1, "NOPE"),
    ("incident new: bad time", ["incident", "new", "--title", "Avbrott", "--system", "SAMSA",
                                "--started", "2025-08-05 9:00", "--text", "Nere.", *GITS], 2,
     "YYYY-MM-DDTHH:MM"),
    ("incident new: number in text", ["incident", "new", "--title", "Avbrott", "--system",
                                      "SAMSA", "--started", "2025-08-05T09:00", "--text",
                                      f"Patient {NUMBER} drabbad.", *GITS], 1,
     "personnummer"),
    ("incident new: control character", ["incident", "new", "--title", f"Avbrott{ESC}",
                                         "--system", "SAMSA", "--started",
                                         "2025-08-05T09:00", "--text", "Nere.", *GITS], 1,
     "--title holds the control character U+001B"),
    ("incident new: control character in system", ["incident", "new", "--title", "Avbrott",
                                                   "--system", f"SAMSA{ESC}", "--started",
                                                   "2025-08-05T09:00", "--text", "Nere.",
                                                   *GITS], 1,
     "--system holds the control character U+001B"),
    # incident update
    ("incident update: unknown id", ["incident", "update", "INC-2025-ZZZZZZ", "--text",
                                     "Felsöker.", "--at", "2025-08-04T09:30", *GITS], 2,
     "INC-2025-ZZZZZZ"),
    ("incident update: bad time", ["incident", "update", INC, "--text", "Felsöker.", "--at",
                                   "2025-08-32T09:30", *GITS], 2, "YYYY-MM-DDTHH:MM"),
    ("incident update: before the start", ["incident", "update", INC, "--text", "Felsöker.",
                                           "--at", "2025-08-04T08:00", *GITS], 1, "08:00"),
    ("incident update: number in text", ["incident", "update", INC, "--text",
                                         f"Gäller {NUMBER}", "--at", "2025-08-04T09:30",
                                         *GITS], 1, "personnummer"),
    ("incident update: control character", ["incident", "update", INC, "--text", "Fel",
                                            "--done", f"Omstart{ESC}", "--at",
                                            "2025-08-04T09:30", *GITS], 1,
     "--done holds the control character U+001B"),
    ("incident update: blank text", ["incident", "update", INC, "--text", "  ", "--at",
                                     "2025-08-04T09:30", *GITS], 1, "blank"),
    # incident close
    ("incident close: unknown id", ["incident", "close", "INC-2025-ZZZZZZ", "--ended",
                                    "2025-08-04T10:00", "--text", "Löst.", "--at",
                                    "2025-08-04T10:05", *GITS], 2, "INC-2025-ZZZZZZ"),
    ("incident close: bad time", ["incident", "close", INC, "--ended", "2025-08-04T25:00",
                                  "--text", "Löst.", "--at", "2025-08-04T10:05", *GITS], 2,
     "YYYY-MM-DDTHH:MM"),
    ("incident close: ended before start", ["incident", "close", INC, "--ended",
                                            "2025-08-03T10:00", "--text", "Löst.", "--at",
                                            "2025-08-04T10:05", *GITS], 1, "2025-08-03"),
    ("incident close: number in text", ["incident", "close", INC, "--ended",
                                        "2025-08-04T10:00", "--text", f"Löst {NUMBER}.",
                                        "--at", "2025-08-04T10:05", *GITS], 1,
     "personnummer"),
    ("incident close: closed one", ["incident", "close", "INC-2025-0001", "--ended",
                                    "2025-05-14T10:05", "--text", "Löst.", "--at",
                                    "2025-05-14T10:40", *GITS], 1, "closed"),
    # population import
    ("population import: no such file", ["population", "import", "{tmp}/saknas.csv"], 2,
     "saknas.csv"),
    ("population import: bad date", ["population", "import", "{scb}", "--date",
                                     "2024-12-32"], 2, "YYYY-MM-DD"),
    ("population import: number in source", ["population", "import", "{scb}", "--source",
                                             f"SCB {NUMBER}", "--force"], 2, "personnummer"),
    ("population import: control character", ["population", "import", "{scb}",
                                              "--source", f"SCB{ESC}", "--force"], 2,
     "U+001B"),
    ("population import: exists", ["population", "import", "{scb}", "--date",
                                   "2024-12-31"], 2, "--force"),
]


def _scb_file() -> Path:
    found = sorted(SCB.glob("*.csv")) + sorted(SCB.glob("*.json"))
    assert found, SCB
    return found[0]


@pytest.mark.parametrize(("name", "args", "code", "says"), CASES, ids=[c[0] for c in CASES])
def test_refused_with_one_line_and_nothing_changed(walk: Walk, tmp_path: Path, name: str,
                                                   args: list[str], code: int,
                                                   says: str) -> None:
    argv = [a.format(incident=walk.incident, tmp=tmp_path, scb=_scb_file()) for a in args]
    before = walk.snapshot()
    result = CliRunner().invoke(app, [*argv, "--records", str(walk.records)])
    err, out = result.stderr, result.stdout
    assert result.exit_code == code, (name, result.exit_code, err, out)
    assert says in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    shvo_lines = [line for line in lines if line.startswith("shvo: ")]
    usage = [line for line in lines if line.startswith("Error: ")]
    assert len(shvo_lines) + len(usage) == 1, err  # one line names the problem
    assert "Traceback" not in err + out and not isinstance(result.exception, Exception)
    assert "1212" not in err + out and "\x1b" not in err + out and "\x07" not in err + out
    assert walk.snapshot() == before
