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
from timing import print_targets, save_results

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


def timed(args: list[str], cwd: Path, runs: int) -> tuple[list[float], str]:
    times = []
    out = ""
    for _ in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n"
                             f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
        out = proc.stdout + proc.stderr
    return times[1:], out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    top = OUT / f"audit-{args.commits}"
    start = time.perf_counter()
    commits, longest = build(top, args.requests, args.commits)
    built = time.perf_counter() - start
    audit_times, audit_out = timed([str(SHVO), "audit", "--quiet", "--format", "json"], top,
                                   args.runs)
    report = json.loads(audit_out)
    if report["findings"] or report["commits"]["walked"] != commits:
        raise SystemExit(f"the generated history does not audit clean: {report['summary']}, "
                         f"{report['findings'][:3]}")
    log_times, log_out = timed([str(SHVO), "request", "log", longest], top, args.runs)
    results = {
        "requests": args.requests, "commits": commits, "build_s": round(built, 2),
        "audit_median_s": round(statistics.median(audit_times), 3),
        "request_log_median_s": round(statistics.median(log_times), 3),
        "request_log_id": longest,
        "request_log_commits": log_out.count("\n  ") and sum(
            1 for line in log_out.splitlines() if re.match(r"  [0-9a-f]{10}  ", line)),
    }
    print(f"repository: {commits} commits over {args.requests} requests ({top}, built in "
          f"{built:.1f} s); the audit is clean")
    print_targets([
        ("shvo audit (whole history)", results["audit_median_s"], 5.0),
        (f"shvo request log {longest} ({results['request_log_commits']} commits)",
         results["request_log_median_s"], 1.0)], 46)
    save_results("audit", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
