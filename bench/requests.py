"""Benchmark the request commands on a large repository (``make bench``).

Targets (issues "Requests through the process" and "Instant at 50 000 requests"): every
changing command — ``request new``, ``request triage``, ``request advance``, ``decision add``
— ≤ 1 s as a whole process, with the git commit and with ``--no-commit``, in a repository of
10 000 and of 50 000 requests: it reads only the records it needs and commits only its file
(``store/commit.py``), so its cost must not follow the size of the repository. ``request
list`` over 10 000 requests ≤ 6 s cold (measured at sizes up to 10 000 only; the parse cache
has its own benchmark, ``bench/cache.py``).

Whole processes, wall clock, median of ``--runs`` after one warm-up run; peak memory is the
child's maximum resident set size (``os.wait4``), CPU seconds are the process's and its git
processes' (steadier than wall clock on a busy machine). Each run
moves a different request (a step cannot be repeated). The repository is generated once per
size by ``bench/scale.py`` (``bench/out/scale-N``, reused) and cloned afresh to
``bench/out/requests-N`` for every benchmark, so the runs start from the same commit.

    python bench/requests.py [--sizes 10000,50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import git_repo
from timing import measured, save_results, verdict

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = str(Path(sys.executable).parent / "shvo")
GITS = "handlaggare@example.org"
VVG = "sekreterare.vvg@example.org"
LIMIT = 1.0
LIST_LIMIT = 6.0


def git(top: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=top, check=True, capture_output=True)


def run(args: list[str], cwd: Path) -> tuple[float, int, str, float]:
    """Seconds, peak MiB, standard output and CPU seconds of one whole process
    (:func:`timing.measured`)."""
    elapsed, peak, out, _err, cpu = measured(args, cwd)
    return elapsed, peak, out, cpu


def series(make: list[list[str]], top: Path) -> tuple[dict[str, float], list[str]]:
    """Run each command; the first run warms the page cache and is not counted."""
    results = [run(args, top) for args in make]
    counted = results[1:] or results
    figures = {"median_s": round(statistics.median(r[0] for r in counted), 3),
               "peak_mib": max(r[1] for r in counted),
               "cpu_s": round(statistics.median(r[3] for r in counted), 3)}
    return figures, [r[2] for r in results]


def new_request(commit: str) -> list[str]:
    return [SHVO, "request", "new", "--title", "Mätning", "--category", "maintenance",
            "--channel", "support", "--no-input", "--by", GITS, "--date", "2025-07-01", commit]


def triage(rid: str, commit: str) -> list[str]:
    return [SHVO, "request", "triage", rid, "--scope", "within-plan", "--by", GITS,
            "--date", "2025-07-02", commit]


def advance(rid: str, commit: str) -> list[str]:
    return [SHVO, "request", "advance", rid, "in-working-group", "--by", GITS,
            "--date", "2025-07-03", commit]


def decision(rid: str, commit: str) -> list[str]:
    return [SHVO, "decision", "add", "--body", "VVG", "--type", "other", "--reference",
            "Protokoll VVG 2025-07-04, § 1", "--outcome", "noted", "--summary", "Noterat.",
            "--request", rid, "--no-input", "--by", VVG, "--date", "2025-07-04", commit]


def _commit_all(top: Path, message: str) -> None:
    """Commit what the ``--no-commit`` runs left (not timed), so the next runs start clean."""
    git(top, "add", "-A")
    git(top, "commit", "-qm", message)


def bench_size(size: int, runs: int) -> dict[str, object]:
    """Every changing command with and without its commit, at ``size`` requests."""
    top = OUT / f"requests-{size}"
    if top.exists():
        shutil.rmtree(top)
    git(OUT, "clone", "-q", str(git_repo(size)), str(top))
    git(top, "config", "user.email", GITS)
    git(top, "config", "user.name", "Bench")
    out: dict[str, object] = {"requests": size}
    ids: dict[str, list[str]] = {}
    for flag in ("--no-commit", "--commit"):
        out[f"request new {flag}"], printed = series(
            [new_request(flag) for _ in range(runs + 1)], top)
        ids[flag] = [p.strip().splitlines()[0] for p in printed]
        if flag == "--no-commit":
            _commit_all(top, "requests made with --no-commit")
    for name, make in (("request triage", triage), ("request advance", advance),
                       ("decision add", decision)):
        for flag in ("--no-commit", "--commit"):
            out[f"{name} {flag}"] = series([make(i, flag) for i in ids[flag]], top)[0]
            if flag == "--no-commit":
                _commit_all(top, f"{name} with --no-commit")
    if size <= 10_000:
        out["request list"] = series([[SHVO, "request", "list", "--format", "csv"]] * 3,
                                     top)[0]
    return out


def report(res: dict[str, object], runs: int) -> None:
    print(f"\n{res['requests']} requests (whole processes, median of {runs}; peak MiB)")
    print(f"  {'command':<34}{'median':>9}{'cpu':>8}{'peak':>9}{'target':>9}  verdict")
    for name, fig in res.items():
        if not isinstance(fig, dict):
            continue
        limit = LIST_LIMIT if name == "request list" else LIMIT
        print(f"  {name:<34}{fig['median_s']:>8.3f}s{fig['cpu_s']:>7.3f}s{fig['peak_mib']:>5} MiB"
              f"{'≤ ' + str(limit):>7} s  {verdict(fig['median_s'], limit)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000",
                        help="comma-separated numbers of requests (default 10000)")
    parser.add_argument("--size", type=int, help="one size (the older spelling of --sizes)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sizes = [args.size] if args.size else [int(s) for s in args.sizes.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    results = [bench_size(size, args.runs) for size in sizes]
    for res in results:
        report(res, args.runs)
    save_results("requests", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
