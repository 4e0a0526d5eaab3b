"""Benchmark ``shvo site build`` (``.venv/bin/python bench/site.py``): over 10 000 requests
≤ 10 s, whole process, wall clock, median of 3 after a warm-up. The site validates the
whole repository once (the quarterly reports carry its findings), then writes a page per
state and per related system, the year's quarterly reports and the cost per municipality.

Also prints the CPU time of the process (user + system), which on a shared machine says more
about shvo than the wall clock does.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate
from timing import save_results, timed_cpu, verdict

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = Path(sys.executable).parent / "shvo"
TARGETS = {10000: 10.0}


def main() -> int:
    results = {}
    print(f"{'requests':>9} {'median wall':>12} {'median cpu':>11} {'limit':>7}  verdict")
    for size, limit in TARGETS.items():
        root = OUT / f"site-{size}"
        generate(root, size)
        target = OUT / f"site-{size}-html"
        shutil.rmtree(target, ignore_errors=True)
        args = [str(SHVO), "site", "build", "--records", str(root), "-o", str(target),
                "--as-of", "2025-12-31"]
        runs = [timed_cpu(args) for _ in range(4)][1:]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        results[str(size)] = {"wall": round(wall, 3), "cpu": round(cpu, 3)}
        print(f"{size:>9} {wall:>11.3f}s {cpu:>10.3f}s {limit:>6.1f}s  {verdict(wall, limit)}")
    save_results("site", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
