"""The records fuzzer's long run: at least 100 000 command runs over mutated copies of the
bundled records, seeded, in one process on one core (``tests/fuzz_records.py``). Target:
0 internal errors (and 0 tracebacks, 0 hangs).

``python bench/fuzz.py [--runs 100000] [--seed 16] [--minutes M] [--subprocess]``; with
``--minutes`` it stops when the time is up and says how many runs it made. The figures go
to ``bench/out/fuzz-results.json``; failures are printed with the options that replay them
alone (``python tests/fuzz_records.py --seed S --start N --runs 1 --keep DIR``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import save_results

from tests.fuzz_records import fuzz


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--minutes", type=float, help="stop after this long")
    parser.add_argument("--subprocess", action="store_true",
                        help="python -m shvo_cli for each command (slow; spot checks)")
    args = parser.parse_args()
    until = time.time() + 60 * args.minutes if args.minutes else None
    tally = fuzz(args.runs, args.seed, subprocesses=args.subprocess, until=until,
                 every=args.runs // 20)
    passed = tally.internal == 0 and tally.tracebacks == 0 and tally.hangs == 0
    complete = tally.runs >= args.runs
    rows = [("command runs", f"{tally.runs}" + ("" if complete else
                                               f" (stopped by the clock; {args.runs} asked)")),
            ("mutated repositories", f"{tally.repositories}"),
            ("internal errors (exit 3)", f"{tally.internal}"),
            ("tracebacks", f"{tally.tracebacks}"), ("hangs", f"{tally.hangs}"),
            ("seconds", f"{tally.seconds:.0f}"), ("runs/s", f"{tally.rate:.0f}")]
    for name, value in rows:
        print(f"{name:<26}{value}")
    print(f"target: 0 internal errors, 0 tracebacks, 0 hangs (seed {args.seed}): "
          f"{'PASS' if passed else 'FAIL'}")
    save_results("fuzz", {"runs": tally.runs, "repositories": tally.repositories,
                          "internal_errors": tally.internal, "tracebacks": tally.tracebacks,
                          "hangs": tally.hangs, "seconds": round(tally.seconds, 1),
                          "runs_per_s": round(tally.rate, 1), "seed": args.seed,
                          "subprocess": args.subprocess, "failures": tally.failures})
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
