"""Benchmark the request commands on a large repository (``make bench``).

Targets (issue "Requests through the process"): ``shvo request advance`` in a repository of
10 000 requests ≤ 1 s as a whole process — it reads only the request and the records it
refers to, never every request — and ``shvo request list`` over 10 000 requests ≤ 6 s cold.
Whole processes, wall clock, median; the advance runs each move a different request (a step
cannot be repeated), both without and with the git commit.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate
from timing import print_targets, save_results, timed

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = Path(sys.executable).parent / "shvo"
GITS = "handlaggare@example.org"


def git(top: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=top, check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, str(REPO))
    from shvo_cli.requests import steps as request
    top = OUT / f"requests-{args.size}"
    records = top / "records"
    stats = generate(records, args.size)
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    # Fresh requests to move: a step cannot be repeated on one request.
    ids = []
    for _ in range(2 * args.runs + 2):
        change = request.create(records, request.Actor(GITS, "GITS"), date(2025, 7, 1),
                                {"title": "Mätning", "category": "maintenance",
                                 "channel": "support"})
        request.apply(change, commit=False)
        ids.append(change.request_id)
    git(top, "init", "-q")
    git(top, "config", "user.email", GITS)
    git(top, "config", "user.name", "Bench")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "bench records")

    base = [str(SHVO), "request"]
    step = ["--scope", "within-plan", "--by", GITS, "--date", "2025-07-02"]
    plain = [timed([*base, "triage", i, *step, "--no-commit"], top) for i in ids[:args.runs + 1]]
    plain = plain[1:]  # the first run warms the page cache
    git(top, "commit", "-qam", "uncommitted steps")
    committed = [timed([*base, "triage", i, *step, "--commit"], top)
                 for i in ids[args.runs + 1:2 * args.runs + 2]][1:]
    listing = [timed([*base, "list", "--format", "csv"], top) for _ in range(3)]

    results = {
        "requests": stats.requests + len(ids),
        "advance_no_commit_median_s": round(statistics.median(plain), 3),
        "advance_commit_median_s": round(statistics.median(committed), 3),
        "list_median_s": round(statistics.median(listing), 3),
        "list_first_run_s": round(listing[0], 3),
    }
    print(f"repository: {results['requests']} requests ({top})")
    rows = [("request advance (triage), no commit", results["advance_no_commit_median_s"], 1.0),
            ("request advance (triage), with commit", results["advance_commit_median_s"], 1.0),
            ("request list, csv", results["list_median_s"], 6.0)]
    print_targets(rows, 42)
    save_results("requests", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
