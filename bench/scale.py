"""What git itself does as the records grow: the figures behind ``docs/scale.md``.

For each size (default 1 000, 10 000 and 50 000 requests) a generated repository (``gen.py``,
one commit holding every record) is made once under ``bench/out/scale-N`` and reused. A copy
gets ``--history`` commits on top, each changing one request as shvo's changing commands do.
On it this measures: the new loose objects one such commit leaves (until ``git gc``); after
``git gc``, the pack (``git count-objects -vH``); a clone through the file:// transport with
``--no-local`` (so git packs and sends objects as a server would, not hard links), full and
``--depth 1``, and full again with reachability bitmaps (``git repack -adb``) as git hosts
keep them; in the clone, ``git status`` (index and work tree of N files), ``git log
--name-status`` over the whole history and the same for one request's file (what ``shvo
request log`` and the audit ask of git). Whole processes, wall clock, median of ``--runs``;
peak memory of the clone and of the log from ``os.wait4``.

    python bench/scale.py [--sizes 1000,10000,50000] [--runs 3] [--history 2000]

The figures go to ``bench/out/scale-results.json``. 500 000 requests is not generated:
``docs/scale.md`` extrapolates to it from these figures and says so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate
from timing import save_results

OUT = Path(__file__).resolve().parent / "out"
IDENTITY = ["-c", "user.email=bench@example.org", "-c", "user.name=Bench"]


def git(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    proc = subprocess.run(["git", *args], cwd=top, check=True, capture_output=True,
                          input=stdin)
    return proc.stdout


def git_repo(size: int) -> Path:
    """``bench/out/scale-N``: ``size`` generated requests (with the bundled records) in one
    commit on ``main``; made once and reused (delete the folder to make it again)."""
    top = OUT / f"scale-{size}"
    if (top / ".git").exists():
        return top
    if top.exists():
        shutil.rmtree(top)
    generate(top / "records", size)
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, *IDENTITY, "-c", "gc.auto=0", "commit", "-qm", "records")
    git(top, "gc", "-q")  # packed, as a real repository is (and no automatic gc mid-run)
    return top


def timed(args: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident MiB (git and the processes it waited for) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)} in {cwd}")
    return elapsed, usage.ru_maxrss // 1024


def median(args: list[str], cwd: Path, runs: int,
           before: list[str] | None = None) -> dict[str, float]:
    """Median seconds and the highest peak MiB of ``runs`` runs (``before`` removes what
    the last run made, untimed)."""
    results = []
    for _ in range(runs):
        if before:
            subprocess.run(before, cwd=cwd, check=True, capture_output=True)
        results.append(timed(args, cwd))
    return {"s": round(statistics.median(r[0] for r in results), 3),
            "peak_mib": max(r[1] for r in results)}


def add_history(top: Path, commits: int) -> None:
    """``commits`` commits on top of HEAD, each changing one request as a step would (a
    line appended), written in one ``git fast-import`` stream; the work tree follows."""
    requests = sorted(p.name for p in (top / "records" / "requests").iterdir())
    head = git(top, "rev-parse", "HEAD").decode().strip()
    stream = bytearray()
    for i in range(commits):
        name = requests[(i * 7919) % len(requests)]
        path = top / "records" / "requests" / name
        data = path.read_bytes() + f"# steg {i}\n".encode()
        path.write_bytes(data)
        message = f"{name[:-5]}: bench step {i}\n".encode()
        stream += (b"commit refs/heads/main\n"
                   b"committer Bench <bench@example.org> %d +0000\n" % (1735689600 + i * 60)
                   + b"data %d\n%s\n" % (len(message), message))
        if i == 0:
            stream += b"from %s\n" % head.encode()
        stream += (b"M 100644 inline records/requests/%s\n" % name.encode()
                   + b"data %d\n%s\n" % (len(data), data))
    git(top, "fast-import", "--quiet", "--force", stdin=bytes(stream))
    git(top, "reset", "-q", "--hard")


def loose_growth(top: Path, commits: int = 5) -> float:
    """KiB of new loose objects one commit of one changed request leaves in ``.git`` (until
    ``git gc`` packs them): its blob plus a new tree for each folder on its path."""
    def loose_kib() -> int:
        out = git(top, "count-objects", "-v").decode()
        return int(next(x for x in out.splitlines() if x.startswith("size:")).split()[1])

    start = loose_kib()
    name = sorted((top / "records" / "requests").iterdir())[0]
    for i in range(commits):
        name.write_bytes(name.read_bytes() + f"# lös {i}\n".encode())
        git(top, "add", "--", str(name))
        git(top, *IDENTITY, "commit", "-qm", f"loose {i}")
    return round((loose_kib() - start) / commits, 1)


def count_objects(top: Path) -> dict[str, str]:
    out = git(top, "count-objects", "-vH").decode()
    return dict(line.split(": ", 1) for line in out.splitlines())


def bench_size(size: int, runs: int, history: int) -> dict[str, object]:
    work = OUT / f"scale-{size}-history"
    if work.exists():
        shutil.rmtree(work)
    git(OUT, "clone", "-q", str(git_repo(size)), str(work))
    add_history(work, history)
    out: dict[str, object] = {"requests": size, "commits": history + 1,
                              "loose_kib_per_commit": loose_growth(work)}
    out["gc"] = median(["git", "gc", "-q"], work, 1)
    objects = count_objects(work)
    out["pack"] = objects.get("size-pack", "?")
    out["objects"] = int(objects.get("in-pack", "0"))
    clone = OUT / f"scale-{size}-clone"
    url = (work / ".git").resolve().as_uri()
    cleanup = ["rm", "-rf", str(clone)]
    out["clone"] = median(["git", "clone", "-q", "--no-local", url, str(clone)], OUT, runs,
                          before=cleanup)
    out["clone depth 1"] = median(["git", "clone", "-q", "--no-local", "--depth", "1", url,
                                   str(clone)], OUT, runs, before=cleanup)
    # What a git host keeps: reachability bitmaps, so a clone need not walk every tree.
    git(work, "repack", "-a", "-d", "-b", "-q")
    out["clone, bitmaps"] = median(["git", "clone", "-q", "--no-local", url, str(clone)], OUT,
                                   runs, before=cleanup)
    subprocess.run(cleanup, check=True)
    git(OUT, "clone", "-q", "--no-local", url, str(clone))
    out["status"] = median(["git", "status", "--porcelain"], clone, runs)
    out["log --name-status"] = median(["git", "log", "--name-status"], clone, runs)
    one = next(p for p in sorted((clone / "records" / "requests").iterdir()))
    out["log -- one request"] = median(["git", "log", "--name-status", "--",
                                        str(one.relative_to(clone))], clone, runs)
    shutil.rmtree(clone)
    shutil.rmtree(work)
    return out


def report(results: list[dict[str, object]]) -> None:
    print(f"{'requests':>9} {'commits':>8} {'pack':>10} {'loose/commit':>13} {'gc':>7} "
          f"{'clone':>7} {'bitmaps':>8} {'depth 1':>8} {'status':>7} {'log':>7} {'log one':>8}")
    for res in results:
        def sec(key: str, res: dict[str, object] = res) -> str:
            fig = res[key]
            assert isinstance(fig, dict)
            return f"{fig['s']:>6.2f}s"
        print(f"{res['requests']:>9} {res['commits']:>8} {res['pack']!s:>10} "
              f"{res['loose_kib_per_commit']!s:>9} KiB {sec('gc')} {sec('clone')} "
              f"{sec('clone, bitmaps'):>8} "
              f"{sec('clone depth 1'):>8} {sec('status')} {sec('log --name-status')} "
              f"{sec('log -- one request'):>8}")
    print("peak MiB: " + "; ".join(
        f"{r['requests']}: clone {r['clone']['peak_mib']}, "  # type: ignore[index]
        f"log {r['log --name-status']['peak_mib']}" for r in results))  # type: ignore[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--history", type=int, default=2000,
                        help="commits added on top, one changed request each")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    results = [bench_size(int(s), args.runs, args.history) for s in args.sizes.split(",")]
    save_results("scale", results)
    report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
