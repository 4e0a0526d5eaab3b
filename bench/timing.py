"""What the benchmark scripts share: one timed whole-process run, the PASS/FAIL verdict, the
table of targets, and where the figures are kept (``bench/out/<name>-results.json``).

Why one place: every script times a whole ``shvo`` process the same way (what a user waits
for, start-up included) and must stop when a run fails, since a failing run would time an
early exit; written once, the scripts cannot drift apart in how they measure.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def timed_cpu(args: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``args``; a failed run ends the benchmark."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, check=False, cwd=cwd)
    wall = time.perf_counter() - start
    after = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr}")
    cpu = (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)
    return wall, cpu


def timed(args: list[str], cwd: Path | None = None) -> float:
    """Wall-clock seconds of one run of ``args``; a failed run ends the benchmark."""
    return timed_cpu(args, cwd)[0]


def verdict(value: float, limit: float) -> str:
    return "PASS" if value <= limit else "FAIL"


def print_targets(rows: Iterable[tuple[str, float, float]], width: int) -> None:
    """A table of (target, median seconds, limit seconds) rows with their verdicts."""
    print(f"{'target':<{width}}{'median':>9}{'limit':>8}  verdict")
    for name, value, limit in rows:
        print(f"{name:<{width}}{value:>8.3f}s{limit:>7.1f}s  {verdict(value, limit)}")


def save_results(name: str, results: object) -> None:
    """The figures as ``bench/out/<name>-results.json``, for comparing runs."""
    OUT.mkdir(exist_ok=True)
    (OUT / f"{name}-results.json").write_text(json.dumps(results, indent=2) + "\n",
                                              encoding="utf-8")
