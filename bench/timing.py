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
import tempfile
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


def measured(args: list[str], cwd: Path) -> tuple[float, int, str, str, float]:
    """Seconds, peak resident MiB (``ru_maxrss`` via ``os.wait4``: the largest of the
    process and the git processes it ran), standard output, standard error and the CPU
    seconds of the whole tree (user + system, which a busy machine does not inflate as it
    does the wall clock) of one whole process; a failed run ends the benchmark (it would
    time an early exit)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(args)}\n{(stdout + stderr)[-4000:]}")
    return elapsed, usage.ru_maxrss // 1024, stdout, stderr, usage.ru_utime + usage.ru_stime


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
