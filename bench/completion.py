"""Benchmark shell completion on a large repository (``make bench``).

Target (issue 10, "Prompts that check as you type"): completing a request id, a state and a
system id in a repository of 10 000 requests ≤ 0.3 s, as the shell runs it: a whole
``shvo`` process with the completion variables set, wall clock, median after one warm-up.
CPU time (user + system) is printed beside it: on a shared machine the wall clock measures
the queue as much as shvo.
"""

from __future__ import annotations

import argparse
import os
import resource  # POSIX only: the bench runs where CI runs, on Linux
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = Path(sys.executable).parent / "shvo"
LIMIT = 0.3
CASES = {
    "request id": "shvo request show REQ-2025-1",
    "state": "shvo request list --state ",
    "system id": "shvo request new --systems SAMSA,ME",
}


def complete(words: str, cwd: Path) -> tuple[float, float, list[str]]:
    env = {**os.environ, "_SHVO_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([str(SHVO)], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"no completion for {words!r}: {proc.stderr}")
    return elapsed, cpu, proc.stdout.split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    top = OUT / f"completion-{args.size}"
    records = top / "records"
    if not records.is_dir():
        generate(records, args.size)
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    for what, words in CASES.items():
        complete(words, top)  # warm-up
        times, cpus, found = [], [], []
        for _ in range(args.runs):
            elapsed, cpu, found = complete(words, top)
            times.append(elapsed)
            cpus.append(cpu)
        median = statistics.median(times)
        verdict = "PASS" if median <= LIMIT else "FAIL"
        print(f"complete {what:<11} {args.size} requests: median {median:.3f} s wall, "
              f"{statistics.median(cpus):.3f} s CPU (limit {LIMIT} s wall) {verdict}  "
              f"[{len(found)} candidates]")
    return 0  # a report, like bench/run.py: a missed target prints FAIL


if __name__ == "__main__":
    raise SystemExit(main())
