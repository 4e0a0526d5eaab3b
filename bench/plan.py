"""Benchmark the annual-cycle documents (``make bench``): ``shvo plan render`` ≤ 1 s (each
format) and ``shvo budget compare`` ≤ 0.5 s, whole process, median of 5 after a warm-up,
on the bundled records with a 2026 plan and budget drafted by shvo itself.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import save_results, verdict

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = Path(sys.executable).parent / "shvo"
BY = ["--by", "handlaggare@example.org", "--as", "GITS", "--no-commit"]


CPU: list[float] = []


def run(args: list[str]) -> float:
    """Wall-clock seconds of one whole-process run; its CPU seconds go to ``CPU`` (on a
    machine shared with other work the wall clock waits for the CPU, the CPU time does not)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([str(SHVO), *args], capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"failed: shvo {' '.join(args)}\n{proc.stderr.decode()}")
    return elapsed


def main() -> int:
    root = OUT / "plan-records"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "records", root)
    rec = ["--records", str(root)]
    run(["plan", "new", "2026", "--from", "2025", "--from-draft", *BY, *rec])
    run(["budget", "new", "2026", "--from", "2025", *BY, *rec])
    cases = {
        "plan render markdown": (["plan", "render", "2026", *rec], 1.0),
        "plan render html": (["plan", "render", "2026", "--format", "html", *rec], 1.0),
        "plan render docx": (["plan", "render", "2026", "--format", "docx", "-o",
                              str(OUT / "plan-2026.docx"), *rec], 1.0),
        "budget compare": (["budget", "compare", "2025", "2026", *rec], 0.5),
        "budget compare json": (["budget", "compare", "2025", "2026", "--format", "json",
                                 *rec], 0.5),
    }
    results = {}
    print(f"{'command':<22} {'median':>9} {'cpu':>8} {'limit':>7}  verdict")
    failed = False
    for name, (args, limit) in cases.items():
        CPU.clear()
        median = statistics.median([run(args) for _ in range(6)][1:])
        cpu = statistics.median(CPU[1:])
        results[name] = {"wall": round(median, 3), "cpu": round(cpu, 3)}
        failed |= median > limit
        print(f"{name:<22} {median:>8.3f}s {cpu:>7.3f}s {limit:>6.1f}s  {verdict(median, limit)}")
    save_results("plan", results)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
