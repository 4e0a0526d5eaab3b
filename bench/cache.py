"""Benchmark the commands that read the whole repository, cold and warm, with time and peak
memory (``make bench``; ``--sizes 1000,10000,50000`` for the curve in docs/scale.md).

Targets (issue "Instant at 50 000 requests"), unchanged repository of 10 000 requests,
second run: ``validate`` ≤ 0.5 s, ``request list`` ≤ 0.5 s, ``cycle report`` ≤ 1 s; with one
changed file ≤ 0.1 s more; cold runs no slower than before the cache (the issue's figures:
validate 6.2 s, request list 6.4 s, cycle report html 7.0 s at 10 000). Peak memory of
validate and request list at 50 000 requests ≤ 400 MiB.

Whole processes, wall clock and CPU (user + system) of the child, medians; peak memory is
the child's maximum resident set size (``os.wait4``). The repository is a git work tree, as
staff and CI have it, so the cache lives in ``.git/shvo``. Python writes its bytecode as an
installed shvo has it (``PYTHONDONTWRITEBYTECODE`` is dropped for the children). The
figures go to ``bench/out/results-cache.json``. On a busy machine wall clock grows and CPU
time does not: both are printed.
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
WARM = {"validate": 0.5, "request list": 0.5, "cycle report": 1.0}
BEFORE = {"validate": 6.2, "request list": 6.4, "cycle report": 7.0}
"""The issue's figures for cold runs at 10 000 requests, before the cache."""
PEAK_MIB = {"validate": 400, "request list": 400}
"""At 50 000 requests."""
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

Figure = tuple[float, float, int]
"""Wall seconds, CPU seconds, peak resident MiB."""


def run(args: list[str], cwd: Path) -> Figure:
    """One whole process: wall, CPU of the child, peak resident MiB."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=ENV)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(args)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def median(args: list[str], cwd: Path, runs: int) -> Figure:
    results = [run(args, cwd) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results))


COMMANDS = {
    "validate": ["validate"],
    "request list": ["request", "list", "--format", "csv"],
    "cycle report": ["cycle", "report", "--as-of", "2025-12-31", "--format", "html"],
}


def repository(size: int) -> Path:
    """A committed git repository of ``size`` requests under bench/out (made once)."""
    top = OUT / f"cache-{size}"
    if not (top / ".git").exists():
        generate(top / "records", size)
        (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
        for cmd in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.email=b@example.org", "-c", "user.name=B", "commit", "-qm",
                     "records"]):
            subprocess.run(["git", *cmd], cwd=top, check=True, capture_output=True)
    return top


def _as_dict(fig: Figure) -> dict[str, float | int]:
    return {"wall_s": round(fig[0], 3), "cpu_s": round(fig[1], 3), "peak_mib": fig[2]}


def bench_size(size: int, runs: int) -> dict[str, object]:
    top = repository(size)
    run([SHVO, "validate"], top)  # Python's bytecode written, as after an install
    out: dict[str, object] = {"requests": size}
    for name, args in COMMANDS.items():
        cold = median([SHVO, "--no-cache", *args], top, runs)
        run([SHVO, "cache", "clear"], top)
        first = run([SHVO, *args], top)  # fills the cache
        warm = median([SHVO, *args], top, runs)
        out[name] = {"cold": _as_dict(cold), "first": _as_dict(first), "warm": _as_dict(warm)}
    one = sorted((top / "records" / "requests").glob("*.yaml"))[35]
    original = one.read_bytes()
    changed = []
    try:
        for i in range(runs):
            one.write_bytes(original + f"# bench {i}\n".encode())
            changed.append(run([SHVO, "validate"], top))
    finally:
        one.write_bytes(original)
    out["validate one changed file"] = _as_dict(
        (statistics.median(c[0] for c in changed), statistics.median(c[1] for c in changed),
         max(c[2] for c in changed)))
    return out


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(res: dict[str, object], runs: int) -> None:
    size = int(str(res["requests"]))
    print(f"\n{size} requests (median of {runs}; wall / CPU seconds; peak MiB)")
    for name, target in WARM.items():
        fig = res[name]
        assert isinstance(fig, dict)
        cold, warm = fig["cold"], fig["warm"]
        line = (f"  {name:13} cold {cold['wall_s']:6.2f} / {cold['cpu_s']:5.2f} s "
                f"{cold['peak_mib']:5} MiB | warm {warm['wall_s']:6.2f} / {warm['cpu_s']:5.2f} s "
                f"{warm['peak_mib']:5} MiB")
        if size == 10000:
            line += (f" | warm ≤ {target} s: {_verdict(warm['wall_s'] <= target)}"
                     f"; cold ≤ {BEFORE[name]} s (before): "
                     f"{_verdict(cold['wall_s'] <= BEFORE[name])}")
        if size == 50000 and name in PEAK_MIB:
            worst = max(cold["peak_mib"], warm["peak_mib"], fig["first"]["peak_mib"])
            line += f" | peak ≤ {PEAK_MIB[name]} MiB: {_verdict(worst <= PEAK_MIB[name])}"
        print(line)
    warm = res["validate"]
    changed = res["validate one changed file"]
    assert isinstance(warm, dict) and isinstance(changed, dict)
    extra = float(changed["wall_s"]) - float(warm["warm"]["wall_s"])
    extra_cpu = float(changed["cpu_s"]) - float(warm["warm"]["cpu_s"])
    verdict = f"; target ≤ +0.1 s: {_verdict(extra <= 0.1)}" if size == 10000 else ""
    print(f"  validate, one file changed: {changed['wall_s']} s wall, {changed['cpu_s']} s CPU "
          f"({extra:+.2f} s wall, {extra_cpu:+.2f} s CPU{verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = [bench_size(int(s), args.runs) for s in args.sizes.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results-cache.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for res in results:
        report(res, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
