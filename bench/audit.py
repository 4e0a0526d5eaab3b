"""Benchmark ``shvo audit`` and ``shvo request log`` on a long history (``make bench``).

Targets (issue "Git history as a verified audit trail"): a generated repository of 5 000
commits over 1 000 requests; ``shvo audit`` over the whole history ≤ 5 s and ``shvo request
log ID`` ≤ 1 s, each as a whole process (start-up included), median of three after one
warm-up run.

The history is real git, written in one ``git fast-import`` stream (seconds, not the
minutes 5 000 ``git commit`` runs would take): a root commit with the records that
``bench/gen.py`` writes (every request there a legal walk of the process) minus the
synthetic requests, then one commit per history entry, replayed in date order across all
requests — each by the entry's person as author and committer, dated the entry's day, with
shvo's subject and ``Shvo-*`` trailers, the file as it stood after that step. The audit of
it must come out clean, or the benchmark says so: a fast wrong answer is no result.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate
from timing import measured, print_targets, save_results, verdict

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SHVO = Path(sys.executable).parent / "shvo"
NAMES = {"handlaggare@example.org": "Exempel Handläggare",
         "referens@example.org": "Exempel Referensperson",
         "dvs.fyrbodal@example.org": "Exempel Representant Fyrbodal",
         "sekreterare.vvg@example.org": "Exempel Sekreterare VVG",
         "ekonom.sitiv@example.org": "Exempel Ekonom SITIV",
         "testare@example.org": "Exempel Testare"}
TZ = timezone(timedelta(hours=2))
ENTRY = re.compile(r"^  - ", re.M)
RATIO = 1.5
"""The audit of the whole history may take at most this many times ``git log --name-status``."""
PEAK_MIB = 300
MERGE_REQUEST = 20
AUDIT_ARGS = "audit --quiet --format json"
LOG_ARGS = "log --name-status"
GENERATOR_WARNINGS = {"H013"}
"""Warnings the generated records carry by design (``gen.py`` dates steps without regard to
the quarters the plan ties them to; ``shvo validate`` warns the same on the files); any
other finding means the replayed history is not clean and the timing would be no result."""
"""Commits a merge request adds, for the ``--since-verified`` timing."""


def _split(text: str) -> tuple[str, list[str]]:
    """The file's text up to ``history:``, and each history entry's lines."""
    head, _, rest = text.partition("history:\n")
    starts = [m.start() for m in ENTRY.finditer(rest)] + [len(rest)]
    return head, [rest[a:b] for a, b in pairwise(starts)]


def _field(block: str, name: str) -> str | None:
    m = re.search(rf"^    {name}: (.*)$|^  - {name}: (.*)$", block, re.M)
    return (m[1] or m[2]).strip() if m else None


def _person(block: str) -> tuple[str, str]:
    m = re.search(r"by: \{person: ([^,]+), role: ([^}]+)\}", block)
    assert m is not None, block
    return m[1], m[2]


def _state_text(head: str, blocks: list[str]) -> str:
    """The file after the first ``len(blocks)`` steps: state, and scope once it is set."""
    to = _field(blocks[-1], "to")
    scope = next((s for b in blocks if (s := _field(b, "scope"))), None)
    head = re.sub(r"^state: .*$", f"state: {to}", head, flags=re.M)
    if scope is None:
        head = re.sub(r"^scope: .*\n", "", head, flags=re.M)
    return head + "history:\n" + "".join(blocks)


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def build(top: Path, requests: int, commits: int) -> tuple[int, str]:
    """Write the repository; return the number of commits and the request with the longest
    history (the one ``request log`` is timed on)."""
    if top.exists():
        shutil.rmtree(top)
    records = top / "records"
    generate(records, requests)
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    synthetic = sorted(p for p in (records / "requests").glob("*.yaml")
                       if "SYNTHETIC" in p.read_text(encoding="utf-8")[:200])
    steps: list[tuple[str, int, int, str, list[str], str]] = []
    for order, path in enumerate(synthetic):
        head, blocks = _split(path.read_text(encoding="utf-8"))
        for k in range(1, len(blocks) + 1):
            steps.append((_field(blocks[k - 1], "date") or "", order, k, path.stem,
                          blocks[:k], head))
    # Keep whole prefixes of each history so that the total is the commits asked for:
    # drop the latest steps of the longest histories first.
    budget = commits - 1
    lengths = {p.stem: len(_split(p.read_text(encoding="utf-8"))[1]) for p in synthetic}
    while sum(lengths.values()) > budget:
        longest = max(lengths, key=lambda k: (lengths[k], k))
        lengths[longest] -= 1
    steps = [s for s in steps if s[2] <= lengths[s[3]]]
    steps.sort(key=lambda s: (s[0], s[1], s[2]))
    kept = {p.stem: p.read_bytes() for p in synthetic}
    for p in synthetic:
        p.unlink()
    stream = bytearray()
    stream += b"commit refs/heads/main\nmark :1\n"
    stamp = int(datetime(2025, 6, 30, 9, 0, tzinfo=TZ).timestamp())
    who = b"Exempel Handl\xc3\xa4ggare <handlaggare@example.org> %d +0200\n" % stamp
    stream += b"author " + who + b"committer " + who
    stream += _data(b"Records: the plan, budget, process and the decisions of 2025-2026")
    for path in sorted(p for p in top.rglob("*") if p.is_file()):
        rel = path.relative_to(top).as_posix().encode()
        stream += b"M 100644 inline " + rel + b"\n" + _data(path.read_bytes())
    for n, (day, _, k, rid, blocks, head) in enumerate(steps):
        person, role = _person(blocks[-1])
        transition = _field(blocks[-1], "transition") or ("new" if k == 1 else "note")
        before = _field(blocks[-2], "to") if k > 1 else None
        to = _field(blocks[-1], "to")
        subject = f"{rid}: new request ({to})" if k == 1 else f"{rid}: {before} → {to}"
        trailers = {"Shvo-Request": rid, "Shvo-Transition": transition,
                    "Shvo-Role": role, "Shvo-Person": person}
        decisions = re.search(r"decisions: \[([^\]]*)\]", blocks[-1])
        if decisions:
            trailers["Shvo-Decision"] = decisions[1]
        message = subject + "\n\n" + "".join(f"{a}: {b}\n" for a, b in trailers.items())
        when = int(datetime.combine(date.fromisoformat(day), datetime.min.time(), TZ
                                    ).timestamp()) + 8 * 3600 + n % 36000
        ident = f"{NAMES[person]} <{person}> {when} +0200\n".encode()
        stream += b"commit refs/heads/main\n"
        stream += b"author " + ident + b"committer " + ident
        stream += _data(message.encode())
        stream += b"M 100644 inline records/requests/%s.yaml\n" % rid.encode()
        stream += _data(_state_text(head, blocks).encode())
    for p in synthetic:
        p.write_bytes(kept[p.stem])
    subprocess.run(["git", "init", "-q", "-b", "main", str(top)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=top, input=bytes(stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=top, check=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=top, capture_output=True,
                           text=True, check=True).stdout
    if dirty:
        raise SystemExit(f"the replayed history does not end in the generated files:\n{dirty}")
    longest = max(lengths, key=lambda k: (lengths[k], k))
    return len(steps) + 1, longest


def run(args: list[str], cwd: Path) -> tuple[float, int, str, float]:
    """Seconds, peak MiB, output (standard output and error) and CPU seconds of one whole
    process (:func:`timing.measured`)."""
    elapsed, peak, out, err, cpu = measured(args, cwd)
    return elapsed, peak, out + err, cpu


CPU: dict[str, float] = {}
"""Median CPU seconds of each command timed, by its arguments after the program."""


def timed(args: list[str], cwd: Path, runs: int) -> tuple[list[float], int, str]:
    """Seconds of each of ``runs`` runs after one warm-up, the peak MiB of all, the output."""
    times = []
    cpu = []
    peak = 0
    out = ""
    for _ in range(runs + 1):
        elapsed, mib, out, used = run(args, cwd)
        times.append(elapsed)
        cpu.append(used)
        peak = max(peak, mib)
    CPU[" ".join(args[1:])] = statistics.median(cpu[1:])
    return times[1:], peak, out


def built(top: Path, requests: int, commits: int, reuse: bool) -> tuple[int, str, float]:
    """The repository (built, or with ``--reuse`` the one a previous run left), its number
    of commits, the request ``request log`` is timed on, and the seconds building took."""
    marker = top.parent / f"{top.name}.json"
    if reuse and marker.exists() and (top / ".git").exists():
        known = json.loads(marker.read_text(encoding="utf-8"))
        if known.get("requests") == requests:
            return int(known["commits"]), str(known["longest"]), 0.0
    start = time.perf_counter()
    count, longest = build(top, requests, commits)
    marker.write_text(json.dumps({"requests": requests, "commits": count,
                                  "longest": longest}), encoding="utf-8")
    return count, longest, time.perf_counter() - start


def incremental(top: Path, back: int, runs: int) -> tuple[float, int]:
    """``shvo audit --since-verified`` with the last ``back`` commits unaudited, as a merge
    request's CI job sees it: median seconds and peak MiB."""
    base = subprocess.run(["git", "rev-parse", f"HEAD~{back}"], cwd=top, capture_output=True,
                          text=True, check=True).stdout.strip()
    subprocess.run(["git", "update-ref", "refs/shvo/audited", base], cwd=top, check=True)
    try:
        times, peak, _out = timed([str(SHVO), "audit", "--quiet", "--since-verified"], top,
                                  runs)
    finally:
        subprocess.run(["git", "update-ref", "-d", "refs/shvo/audited"], cwd=top, check=True)
    return statistics.median(times), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the repository a previous run built (same sizes)")
    args = parser.parse_args()
    top = OUT / f"audit-{args.commits}"
    commits, longest, build_s = built(top, args.requests, args.commits, args.reuse)
    log_times, log_peak, _log = timed(["git", *LOG_ARGS.split()], top, args.runs)
    audit_times, audit_peak, audit_out = timed(
        [str(SHVO), *AUDIT_ARGS.split()], top, args.runs)
    report = json.loads(audit_out)
    unexpected = [f for f in report["findings"] if f["code"] not in GENERATOR_WARNINGS]
    if unexpected or report["commits"]["walked"] != commits:
        raise SystemExit(f"the generated history does not audit clean: {report['summary']}, "
                         f"{unexpected[:3]}")
    inc_s, inc_peak = incremental(top, MERGE_REQUEST, args.runs)
    req_times, _req_peak, log_out = timed([str(SHVO), "request", "log", longest], top,
                                          args.runs)
    git_log = statistics.median(log_times)
    audit_s = statistics.median(audit_times)
    results = {
        "requests": args.requests, "commits": commits, "build_s": round(build_s, 2),
        "git_log_name_status_median_s": round(git_log, 3), "git_log_peak_mib": log_peak,
        "audit_median_s": round(audit_s, 3), "audit_peak_mib": audit_peak,
        "audit_ratio_to_git_log": round(audit_s / git_log, 2),
        "git_log_cpu_s": round(CPU[LOG_ARGS], 2), "audit_cpu_s": round(CPU[AUDIT_ARGS], 2),
        "audit_since_verified_median_s": round(inc_s, 3),
        "audit_since_verified_peak_mib": inc_peak,
        "request_log_median_s": round(statistics.median(req_times), 3),
        "request_log_id": longest,
        "request_log_commits": sum(
            1 for line in log_out.splitlines() if re.match(r"  [0-9a-f]{10}  ", line)),
    }
    print(f"repository: {commits} commits over {args.requests} requests ({top}, built in "
          f"{build_s:.1f} s); the audit is clean (no errors; "
          f"{len(report['findings'])} generator warnings {sorted(GENERATOR_WARNINGS)})")
    print(f"baseline: git log --name-status {git_log:.3f} s (median of {args.runs}), "
          f"{log_peak} MiB, {CPU[LOG_ARGS]:.1f} s CPU")
    rows = [(f"shvo audit --since-verified ({MERGE_REQUEST} new commits)", inc_s, 1.0)]
    log_row = (f"shvo request log {longest} ({results['request_log_commits']} commits)",
               float(results["request_log_median_s"]), 1.0)
    if commits <= 5000:  # the limits of the issue that set them, at 5 000 commits
        rows[:0] = [("shvo audit (whole history)", audit_s, 5.0), log_row]
    else:
        print(f"{log_row[0]}: {log_row[1]:.3f} s (its 1 s limit is set at 5 000 commits)")
    print_targets(rows, 52)
    ratio = audit_s / git_log
    at_scale = commits >= 50000  # the ratio and memory targets are set at 50 000 commits
    print(f"shvo audit (whole history) {audit_s:.3f} s = {ratio:.2f}x git log --name-status"
          + (f" (target <= {RATIO}x at 50 000 commits): {verdict(ratio, RATIO)}"
             if at_scale else " (its target is set at 50 000 commits)")
          + f"; CPU {CPU[AUDIT_ARGS]:.1f} s (git's included) = "
          f"{CPU[AUDIT_ARGS] / CPU[LOG_ARGS]:.2f}x git log's")
    print(f"shvo audit peak memory {audit_peak} MiB"
          + (f" (target <= {PEAK_MIB} MiB): {verdict(audit_peak, PEAK_MIB)}" if at_scale
             else "") + f"; --since-verified {inc_peak} MiB")
    save_results("audit" if args.commits == 5000 else f"audit-{args.commits}", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
