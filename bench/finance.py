"""Benchmark the finance commands (``make bench``): ``shvo budget statement --all`` (the 49
statements, HTML) ≤ 3 s, and ``shvo invoice issue`` (one month, validated, written and
committed) ≤ 1.5 s; whole process, wall clock, median of 5 after a warm-up, on the bundled
records in a fresh git repository under ``bench/out/finance/``.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import save_results, timed, verdict

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = Path(sys.executable).parent / "shvo"
RUNS = 5
TARGETS = {"statement-all": 3.0, "invoice-issue": 1.5}


def fresh(top: Path) -> Path:
    """The bundled records, committed in a new repository (issuing commits)."""
    if top.exists():
        shutil.rmtree(top)
    shutil.copytree(REPO / "records", top / "records")
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    for args in (["init", "-q", "-b", "main"], ["config", "user.email", "handlaggare@example.org"],
                 ["config", "user.name", "Bench"], ["add", "-A"], ["commit", "-qm", "records"]):
        subprocess.run(["git", *args], cwd=top, check=True, capture_output=True)
    return top / "records"


def main() -> int:
    top = OUT / "finance"
    records = fresh(top)
    results: dict[str, float] = {}
    statement = [str(SHVO), "budget", "statement", "--all", "-o", str(top / "statements"),
                 "--records", str(records)]
    runs = [timed(statement, top) for _ in range(RUNS + 1)][1:]
    results["statement-all"] = round(statistics.median(runs), 3)
    issue_runs = []
    for month in range(1, RUNS + 2):  # each run issues the next month; the first warms up
        args = [str(SHVO), "invoice", "issue", f"2025-{month:02d}", "--preliminary", "--date",
                f"2025-{month:02d}-28", "--records", str(records)]
        issue_runs.append(timed(args, top))
    results["invoice-issue"] = round(statistics.median(issue_runs[1:]), 3)
    print(f"{'command':>16} {'median':>9} {'limit':>7}  verdict")
    for name, median in results.items():
        limit = TARGETS[name]
        print(f"{name:>16} {median:>8.3f}s {limit:>6.1f}s  {verdict(median, limit)}")
    save_results("finance", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
