"""Interrupt changing commands at random instants and count what each run left behind.

For each changing command (``request note``, ``request triage`` — an advance — and ``request
new``) it starts ``python -m shvo_cli …`` as a terminal would (its own process group), waits
a random time across the command's whole run, sends SIGKILL, SIGINT, SIGTERM or SIGHUP to
the group, and then runs the next changing command. A run is counted as

* ``nothing`` — no commit was made, and the next command found a clean tree;
* ``committed`` — the change was committed, and the next command found a clean tree
  (finishing the renames itself where the kill came after the commit point);
* ``person`` — a traceback from shvo's code, or anything a person would have to mend: the
  next command failed, or left ``git status`` not clean, a lock, or shvo's temporary files
  behind.

It also tallies each signal with the exit status seen (129/130/143 with one line, or the
signal itself when it came before Python had started shvo: ``exit -15``, or Python's own
``KeyboardInterrupt`` traceback from its start-up, in the first few milliseconds, before any
shvo code ran; nothing can have changed then). The target is 0 ``person``.
``tests/store/test_interrupts.py`` runs a reduced form in CI; ``python tests/interrupts.py --runs
200`` the full one (about 15 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "records"
ADOPTED = ROOT / "tests" / "examples" / "valid" / "adopted-plan" / "records"
GITS = "handlaggare@example.org"
SIGNALS = [s for s in ("SIGKILL", "SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, s)]


def git(top: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=top, capture_output=True, text=True,
                          check=True).stdout


def make_repo(where: Path, fresh: int) -> tuple[Path, list[str]]:
    """The bundled records with the plan adopted, committed, and ``fresh`` requests in
    state received (to advance, one per run)."""
    sys.path.insert(0, str(ROOT))
    from shvo_cli.requests import steps as request

    top = where / "repo"
    shutil.copytree(RECORDS, top / "records")
    shutil.copytree(ADOPTED, top / "records", dirs_exist_ok=True)
    (top / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
    ids = []
    for __ in range(fresh):
        change = request.create(top / "records", request.Actor(GITS, "GITS"),
                                date(2025, 7, 1), {"title": "Avbrott", "category":
                                                   "maintenance", "channel": "support"})
        request.apply(change, commit=False)
        ids.append(change.request_id)
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.email", GITS)
    git(top, "config", "user.name", "Interrupts")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "records")
    return top, ids


def command(kind: str, rid: str, n: int) -> list[str]:
    base = [sys.executable, "-m", "shvo_cli", "request"]
    when = ["--by", GITS, "--date", "2025-07-02"]
    if kind == "note":
        return [*base, "note", rid, f"Anteckning {n}", *when]
    if kind == "advance":
        return [*base, "triage", rid, "--scope", "within-plan", *when]
    return [*base, "new", "--no-input", "--title", f"Avbruten {n}", "--category",
            "maintenance", "--channel", "support", *when]


def leftovers(top: Path) -> list[str]:
    gitdir = top / ".git"
    found = [p.name for p in gitdir.iterdir() if p.name.startswith("shvo-")
             or (p.name.endswith(".lock") and p.name != "shvo.lock")]
    found += [p.name for p in (gitdir / "refs" / "heads").iterdir() if p.name.endswith(".lock")]
    found += [p.name for p in (top / "records" / "requests").iterdir()
              if p.name.endswith(".shvo-new")]
    return found


def one_run(top: Path, kind: str, rid: str, probe: str, n: int, window: float,
            rng: random.Random) -> tuple[str, str]:
    """Interrupt one command; return (outcome, signal and exit status)."""
    before = git(top, "rev-list", "--count", "HEAD").strip()
    sig = getattr(signal, rng.choice(SIGNALS))
    proc = subprocess.Popen(command(kind, rid, n), cwd=top, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "SHVO_LANG": "en"})
    time.sleep(rng.uniform(0, window))
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    __, err = proc.communicate(timeout=60)
    # A frame of shvo's inside a function means shvo's code ran and let the signal through;
    # frames that are only module-level imports are Python starting the console script,
    # before ``main`` can take over the signals (nothing can have changed yet).
    if b"Traceback" in err and re.search(rb'shvo_cli[/\\][^"]*", line \d+, in (?!<module>)',
                                          err):
        return "person", f"traceback after {sig.name}: {err.decode()[-300:]}"
    startup = b"Traceback" in err  # Python's own start, before any shvo code ran
    committed = int(git(top, "rev-list", "--count", "HEAD").strip()) > int(before)
    nxt = subprocess.run(command("note", probe, n), cwd=top, capture_output=True, text=True,
                         check=False, env={**os.environ, "SHVO_LANG": "en"})
    status = git(top, "status", "--porcelain", "--untracked-files=all")
    left = leftovers(top)
    if nxt.returncode != 0 or status or left:
        detail = (" ".join(left) or status or nxt.stderr.strip())[:200]
        return "person", f"{sig.name} exit {proc.returncode}: {detail}"
    if not committed and int(git(top, "rev-list", "--count", "HEAD").strip()) > \
            int(before) + 1:
        committed = True  # the commit landed as the process died; the next one finished it
    status_line = "python-startup-traceback" if startup else f"exit {proc.returncode}"
    return ("committed" if committed else "nothing"), f"{sig.name} {status_line}"


def drive(kinds: list[str], runs: int, seed: int = 1) -> dict[str, Counter[str]]:
    rng = random.Random(seed)
    results: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory(prefix="shvo-interrupts-") as tmp:
        top, ids = make_repo(Path(tmp), runs + 8)
        probe = ids.pop()
        for kind in kinds:
            timings = []
            for n in range(3):  # how long an uninterrupted run takes: the window
                start = time.perf_counter()
                rid = ids.pop() if kind == "advance" else probe
                subprocess.run(command(kind, rid, 1000 + n), cwd=top, check=True,
                               capture_output=True)
                timings.append(time.perf_counter() - start)
            window = statistics.median(timings) * 1.1
            counts: Counter[str] = Counter()
            for n in range(runs):
                rid = ids.pop() if kind == "advance" else probe
                outcome, detail = one_run(top, kind, rid, probe, n, window, rng)
                counts[outcome] += 1
                counts[f"person: {detail}" if outcome == "person" else detail] += 1
            results[kind] = counts
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commands", default="note,advance,new")
    args = parser.parse_args()
    results = drive(args.commands.split(","), args.runs, args.seed)
    person = 0
    for kind, counts in results.items():
        print(f"{kind:8} nothing {counts['nothing']:4}  committed {counts['committed']:4}  "
              f"needs a person {counts['person']:4}")
        for key, value in sorted(counts.items()):
            if key not in ("nothing", "committed", "person"):
                print(f"    {value:4} × {key}")
        person += counts["person"]
    return 1 if person else 0


if __name__ == "__main__":
    raise SystemExit(main())
