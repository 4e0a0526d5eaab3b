"""Benchmark the parse cache: the commands that read the whole repository, cold and warm,
with time and peak memory (``make bench``; ``--sizes 10000,50000`` for the larger curve).

Targets (issue "Instant at 50 000 requests"), unchanged repository of 10 000 requests,
second run: ``validate`` ≤ 0.5 s, ``request list`` ≤ 0.5 s, ``cycle report`` ≤ 1 s; with one
changed file ≤ 0.1 s more; cold runs no slower than without the cache. Peak memory of
validate and request list at 50 000 requests ≤ 400 MiB.

Whole processes, wall clock, median; peak memory is the child's maximum resident set size
(``os.wait4``). The repository is a git work tree, as staff and CI have it, so the cache
lives in ``.git/shvo``. The figures go to ``bench/out/results-cache.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = str(Path(sys.executable).parent / "shvo")
TARGETS = {"validate": 0.5, "request list": 0.5, "cycle report": 1.0}


def run(args: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident MiB of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(args)}")
    return elapsed, usage.ru_maxrss // 1024


def median(args: list[str], cwd: Path, runs: int) -> tuple[float, int]:
    results = [run(args, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


COMMANDS = {
    "validate": ["validate"],
    "request list": ["request", "list", "--format", "csv"],
    "cycle report": ["cycle", "report", "--as-of", "2025-12-31", "--format", "html"],
}


def bench_size(size: int, runs: int) -> dict[str, object]:
    top = OUT / f"cache-{size}"
    if not (top / ".git").exists():
        generate(top / "records", size)
        (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
        for cmd in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.email=b@example.org", "-c", "user.name=B", "commit", "-qm",
                     "records"]):
            subprocess.run(["git", *cmd], cwd=top, check=True, capture_output=True)
    out: dict[str, object] = {"requests": size}
    for name, args in COMMANDS.items():
        cold = median([SHVO, "--no-cache", *args], top, runs)
        run([SHVO, "cache", "clear"], top)
        run([SHVO, *args], top)  # fills the cache
        warm = median([SHVO, *args], top, runs)
        out[name] = {"cold_s": round(cold[0], 3), "cold_peak_mib": cold[1],
                     "warm_s": round(warm[0], 3), "warm_peak_mib": warm[1]}
    one = next((top / "records" / "requests").glob("*.yaml"))
    original = one.read_bytes()
    changed = []
    try:
        for i in range(runs):
            one.write_bytes(original + f"# bench {i}\n".encode())
            changed.append(run([SHVO, "validate"], top)[0])
    finally:
        one.write_bytes(original)
    out["validate one changed file_s"] = round(statistics.median(changed), 3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = [bench_size(int(s), args.runs) for s in args.sizes.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results-cache.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for res in results:
        print(f"\n{res['requests']} requests (median of {args.runs}; peak MiB)")
        for name, target in TARGETS.items():
            fig = res[name]
            assert isinstance(fig, dict)
            verdict = "PASS" if fig["warm_s"] <= target else "FAIL"
            print(f"  {name:13} cold {fig['cold_s']:6.2f} s {fig['cold_peak_mib']:5} MiB | "
                  f"warm {fig['warm_s']:6.2f} s {fig['warm_peak_mib']:5} MiB | target "
                  f"≤ {target} s warm: {verdict}")
        warm = res["validate"]
        assert isinstance(warm, dict)
        extra = float(str(res["validate one changed file_s"])) - float(warm["warm_s"])
        print(f"  validate, one file changed: {res['validate one changed file_s']} s "
              f"({extra:+.2f} s; target ≤ +0.1 s: {'PASS' if extra <= 0.1 else 'FAIL'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
