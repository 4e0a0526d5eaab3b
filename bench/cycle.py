"""Benchmark ``shvo cycle report`` (``make bench``): over 1 000 requests ≤ 1.5 s, over
10 000 ≤ 8 s, whole process, median of 3 after a warm-up. The report validates the whole
repository (its plan and budget findings are part of it) and replays every request's history
to the as-of date, so it is the heaviest read command.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate
from timing import save_results, timed, verdict

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = Path(sys.executable).parent / "shvo"
TARGETS = {1000: 1.5, 10000: 8.0}


def main() -> int:
    results = {}
    print(f"{'requests':>9} {'format':>8} {'median':>9} {'limit':>7}  verdict")
    for size, limit in TARGETS.items():
        root = OUT / f"cycle-{size}"
        generate(root, size)
        for fmt in ("text", "html"):
            args = [str(SHVO), "cycle", "report", "--records", str(root), "--quarter",
                    "2025Q4", "--as-of", "2025-12-31", "--format", fmt]
            runs = [timed(args) for _ in range(4)][1:]
            median = statistics.median(runs)
            results[f"{size}-{fmt}"] = round(median, 3)
            print(f"{size:>9} {fmt:>8} {median:>8.3f}s {limit:>6.1f}s  {verdict(median, limit)}")
    save_results("cycle", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
