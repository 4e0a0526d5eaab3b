"""Time ``shvo validate`` on one record file with N findings (unknown keys), as a whole
process: positions come from one parse, so the time grows linearly (target: 10 000
findings in one file ≤ 2 s). ``python bench/findings.py [--keys 10000] [--runs 3]``."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(keys: int, runs: int) -> float:
    with tempfile.TemporaryDirectory(prefix="shvo-findings-") as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(ROOT / "records", records)
        target = sorted((records / "requests").glob("*.yaml"))[0]
        extra = "".join(f"unknown_{i}: {i}\n" for i in range(keys))
        target.write_text(target.read_text(encoding="utf-8") + extra, encoding="utf-8")
        times = []
        for __ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "shvo_cli", "validate", "--records",
                                   str(records), "--format", "json"],
                                  capture_output=True, check=False)
            times.append(time.perf_counter() - start)
            found = proc.stdout.count(b'"code"')
            if proc.returncode != 1 or found < keys:
                raise SystemExit(f"expected ≥ {keys} findings and exit 1, got {found} and "
                                 f"{proc.returncode}: {proc.stderr[-300:]!r}")
        return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    median = run(args.keys, args.runs)
    verdict = "PASS" if median <= 2.0 else "FAIL"
    print(f"validate, {args.keys} findings in one file: median {median:.3f} s "
          f"(limit 2.0 s) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
