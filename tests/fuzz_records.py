"""Mutations of the bundled records, and shvo's commands over each: the records fuzzer.

``tests/test_fuzz_records.py`` runs it in reduced form (hypothesis); ``bench/fuzz.py`` and
``python tests/fuzz_records.py --runs 100000`` the long run (seeded, reproducible). An
internal error (exit 3), a traceback or a hang in any command is a failure: every broken
record must become a finding or a refusal.

Commands run in this process by default (the click command tree is built once; each run
gets its own copy of the records, working directory and parse cache, and the state a run
may set — language, cache switch, --debug, memoised paths — is put back before the next):
about five times as many runs a second as ``--subprocess``, which starts ``python -m
shvo_cli`` for every command and is kept for spot checks of the real entry point.
Repository N of seed S is mutated by ``random.Random(f"{S}-{N}")``, so a failure is
replayed alone with ``--seed S --start N --runs 1 --keep DIR``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "records"
VALUES = ["null", "~", "", "[]", "{}", "[null]", "- null", "0", "-1", "1e309", "9" * 5000,
          "'" + "x" * 20_000 + "'", "\"\\x1b]0;t\\x07\"", "true", "no", "2025-13-45",
          "[1, [2, [3]]]", "'REQ-2025-0001'", "!!binary AA==", "&a x", "*a", "{a: }",
          "2025-02-29", "'19121212-1212'", "\"\\u202e\"", "-2147483649", "0x10", ".inf"]
Mutation = Callable[[random.Random, list[str]], list[str]]
Invoke = Callable[[list[str]], tuple[int, str]]
BY = ["--by", "handlaggare@example.org"]


def _value(rng: random.Random, lines: list[str]) -> list[str]:
    keyed = [i for i, line in enumerate(lines) if re.match(r"\s*-?\s*[a-z_]+:", line)]
    if not keyed:
        return lines
    i = rng.choice(keyed)
    head = re.match(r"(\s*-?\s*[a-z_]+:)", lines[i])
    assert head is not None
    return [*lines[:i], f"{head.group(1)} {rng.choice(VALUES)}", *lines[i + 1:]]


def _drop(rng: random.Random, lines: list[str]) -> list[str]:
    i = rng.randrange(len(lines))
    return lines[:i] + lines[i + 1:]


def _twice(rng: random.Random, lines: list[str]) -> list[str]:
    i = rng.randrange(len(lines))
    return lines[:i + 1] + lines[i:]


def _swap(rng: random.Random, lines: list[str]) -> list[str]:
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


def _empty_list(rng: random.Random, lines: list[str]) -> list[str]:
    lists = [i for i, line in enumerate(lines) if re.match(r"[a-z_]+:\s*$", line)]
    if not lists:
        return lines
    i = rng.choice(lists)
    end = i + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
        end += 1
    return [*lines[:i], lines[i] + rng.choice([" null", "", " []", "\n  - null"]), *lines[end:]]


def _indent(rng: random.Random, lines: list[str]) -> list[str]:
    """A line moved one level in or out: a value becomes a mapping's child or a sibling."""
    i = rng.randrange(len(lines))
    line = lines[i]
    moved = "  " + line if rng.random() < 0.5 or not line.startswith("  ") else line[2:]
    return [*lines[:i], moved, *lines[i + 1:]]


def _rename_key(rng: random.Random, lines: list[str]) -> list[str]:
    """A key misspelt or swapped for another record's key."""
    keyed = [i for i, line in enumerate(lines) if re.match(r"\s*-?\s*[a-z_]+:", line)]
    if not keyed:
        return lines
    i = rng.choice(keyed)
    new = rng.choice(["id", "kind", "state", "history", "date", "by", "lines", "amount",
                      "year", "status", "x_unknown", "decisions", "municipalities", "rows"])
    return [*lines[:i], re.sub(r"[a-z_]+:", new + ":", lines[i], count=1), *lines[i + 1:]]


def _whole(rng: random.Random, lines: list[str]) -> list[str]:
    """The whole file replaced: empty, a scalar, a list, or cut in the middle."""
    return rng.choice([[], ["null"], ["- a"], ["kind: request"], ["\ufeffx: 1"],
                       lines[:rng.randrange(len(lines) + 1)]])


MUTATIONS: list[Mutation] = [_value, _drop, _twice, _swap, _empty_list, _indent, _rename_key,
                             _whole]


def mutate(records: Path, rng: random.Random, count: int = 2) -> Path:
    """Apply ``count`` mutations to randomly chosen record files (one in twenty removes the
    file instead); return the last file."""
    files = sorted(records.rglob("*.yaml"))
    target = files[0]
    for __ in range(count):
        target = rng.choice(files)
        if not target.exists():
            continue
        if rng.random() < 0.05:
            target.unlink()
            continue
        lines = target.read_text(encoding="utf-8").splitlines()
        if lines:
            lines = rng.choice(MUTATIONS)(rng, lines)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def commands(records: Path) -> list[list[str]]:
    """What a user runs over the records: reading commands first, then changes written
    without a commit (a mutated file must be refused by name, never crash the writer)."""
    at = ["--records", str(records)]
    ids = sorted(p.stem for p in (records / "requests").glob("REQ-*.yaml"))[:2]
    out = [["validate", *at], ["validate", *at, "--format", "sarif"], ["summary", *at],
           ["systems", "list", *at], ["budget", "split", "2025", *at],
           ["budget", "show", "2025", *at], ["request", "list", *at],
           ["decision", "list", *at], ["plan", "show", "2025", *at], ["incident", "list", *at],
           ["cycle", "status", "--as-of", "2025-07-01", *at]]
    out += [["budget", "invoices", "2025", "--month", "2025-03", *at],
            ["incident", "show", "INC-2025-0001", *at]]
    for rid in ids:
        out += [["request", "show", rid, *at],
                ["request", "note", rid, "Anteckning", "--no-commit", *BY, "--date",
                 "2025-07-02", *at]]
    out += [["request", "edit", *ids[:1], "--title", "Ny titel", "--no-commit", *BY,
             "--date", "2025-07-03", *at],
            ["decision", "add", "--body", "GITS", "--type", "other", "--reference", "Anteckn.",
             "--outcome", "noted", "--summary", "Noterat", "--no-input", "--no-commit", *BY,
             "--date", "2025-07-03", *at],
            ["plan", "new", "2026", "--from", "2025", "--no-commit", *BY, *at],
            ["budget", "new", "2026", "--from", "2025", "--no-commit", *BY, *at],
            ["invoice", "issue", "2025-01", "--preliminary", "--date", "2025-01-31",
             "--no-commit", "--by", "ekonom.sitiv@example.org", *at],
            ["incident", "new", "--title", "Avbrott", "--system", "SAMSA", "--started",
             "2025-08-04T09:00", "--text", "Nere.", "--no-commit", *BY, *at],
            ["validate", *at]]  # what the changes wrote, over what was mutated
    return out


@dataclass
class Tally:
    """What a long run counts, and the first failures it saw (with how to replay them)."""

    runs: int = 0
    repositories: int = 0
    internal: int = 0
    tracebacks: int = 0
    hangs: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.runs / self.seconds if self.seconds else 0.0


class Hang(BaseException):
    """A command that did not finish in time (a BaseException, so no handler of shvo's
    can mistake it for an error of the command)."""


HANG = 124
TRACEBACK = -1


def classify(code: int, err: str) -> str | None:
    """The kind of failure of one command run, or None when it ended as designed."""
    if code == HANG:
        return "hang"
    if code == TRACEBACK or "Traceback (most recent call last)" in err:
        return "traceback"
    if code == 3 or "internal error" in err:
        return "internal error"
    return None


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _traceback(exc: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(exc))[-1500:]


class InProcess:
    """Runs commands in this process through click's test runner, isolated run by run."""

    def __init__(self, timeout: float = 20.0) -> None:
        import typer.main
        from click.testing import CliRunner

        from shvo_cli.cli.app import app

        self.command = typer.main.get_command(app)
        self.runner = CliRunner()
        self.timeout = timeout

    @staticmethod
    def reset() -> None:
        """Put back what a run may have set for the whole process."""
        from shvo_cli import i18n, paths
        from shvo_cli.cli import app
        from shvo_cli.records import cache
        from shvo_cli.yamlio import read

        i18n.set_language("en")
        cache.set_enabled(True)
        app._DEBUG["on"] = False
        paths._shown.cache_clear()
        paths._anchor.cache_clear()
        read._TREES.clear()

    def __call__(self, args: list[str]) -> tuple[int, str]:
        self.reset()
        try:
            with _alarm(self.timeout):
                result = self.runner.invoke(self.command, args, catch_exceptions=True)
        except Hang:
            return HANG, f"no answer in {self.timeout:g} s"
        except KeyboardInterrupt:
            raise  # the person running the fuzzer stops it
        except BaseException as escaped:  # the runner catches Exception only
            return TRACEBACK, _traceback(escaped)
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            return TRACEBACK, result.stderr + _traceback(exc)
        return result.exit_code, result.stderr


class Subprocess:
    """Runs each command as ``python -m shvo_cli``: the real entry point, slowly."""

    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout

    def __call__(self, args: list[str]) -> tuple[int, str]:
        env = {**os.environ, "SHVO_LANG": "en", "PYTHONPATH": str(ROOT)}
        try:
            proc = subprocess.run([sys.executable, "-m", "shvo_cli", *args], env=env,
                                  capture_output=True, timeout=self.timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return HANG, f"no answer in {self.timeout:g} s"
        return proc.returncode, proc.stderr.decode("utf-8", "replace")


@contextlib.contextmanager
def _isolated(tmp: Path, cache: bool) -> Iterator[None]:
    """The run's own working directory and parse cache (or none)."""
    saved = {k: os.environ.get(k) for k in ("XDG_CACHE_HOME", "SHVO_NO_CACHE",
                                            "GIT_CEILING_DIRECTORIES")}
    here = Path.cwd()
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    os.environ["SHVO_NO_CACHE"] = "0" if cache else "1"
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp.parent)
    os.chdir(tmp)
    try:
        yield
    finally:
        os.chdir(here)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_once(rng: random.Random, invoke: Invoke, *, cache: bool = True,
             keep: Path | None = None, tally: Tally | None = None) -> list[str]:
    """One mutated copy of the records, every command over it; the failures seen. With
    ``keep``, a copy of a repository that failed (as mutated) is left there."""
    with tempfile.TemporaryDirectory(prefix="shvo-fuzz-") as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(RECORDS, records)
        (Path(tmp) / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
        mutate(records, rng, rng.randrange(1, 4))
        if keep is not None:
            shutil.copytree(records, Path(tmp) / "mutated")
        errors = []
        with _isolated(Path(tmp), cache):
            for args in commands(records):
                code, err = invoke(args)
                kind = classify(code, err)
                if tally is not None:
                    tally.runs += 1
                    tally.internal += kind == "internal error"
                    tally.tracebacks += kind == "traceback"
                    tally.hangs += kind == "hang"
                if kind is not None:
                    shown = " ".join(a for a in args if not a.startswith(tmp))
                    errors.append(f"{kind}: shvo {shown}: {err.strip()[-600:]}")
        if errors and keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(Path(tmp) / "mutated", keep)
        return errors


def _say(line: str) -> None:
    print(line, flush=True)  # a long run's log is read while it runs


def fuzz(runs: int, seed: int, *, start: int = 0, subprocesses: bool = False,
         cache: bool = True, until: float | None = None, keep: Path | None = None,
         report: Callable[[str], Any] = _say, every: int = 0) -> Tally:
    """At least ``runs`` command runs (whole repositories), or fewer if the clock passes
    ``until`` (a ``time.time()``); failures are reported as they come, with their replay,
    and with ``every`` a progress line about every that many runs."""
    invoke: Invoke = Subprocess() if subprocesses else InProcess()
    tally = Tally()
    began = time.perf_counter()
    n, shown = start, 0
    while tally.runs < runs and (until is None or time.time() < until):
        errors = run_once(random.Random(f"{seed}-{n}"), invoke, cache=cache, keep=keep,
                          tally=tally)
        tally.repositories += 1
        for error in errors:
            line = f"repository {n} (replay: --seed {seed} --start {n} --runs 1): {error}"
            report(line)
            if len(tally.failures) < 100:
                tally.failures.append(line)
        n += 1
        tally.seconds = time.perf_counter() - began
        if every and tally.runs - shown >= every:
            shown = tally.runs
            report(f"... {tally.runs} runs, {tally.internal} internal errors, "
                   f"{tally.tracebacks} tracebacks, {tally.hangs} hangs, {tally.rate:.0f}/s")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000, help="command runs (at least)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--start", type=int, default=0, help="first repository number")
    parser.add_argument("--subprocess", action="store_true", help="python -m shvo_cli each")
    parser.add_argument("--no-cache", action="store_true", help="without the parse cache")
    parser.add_argument("--minutes", type=float, help="stop after this long")
    parser.add_argument("--keep", type=Path, help="copy a failing repository here")
    parser.add_argument("--every", type=int, default=0, help="a progress line every N runs")
    args = parser.parse_args(argv)
    until = time.time() + 60 * args.minutes if args.minutes else None
    tally = fuzz(args.runs, args.seed, start=args.start, subprocesses=args.subprocess,
                 cache=not args.no_cache, until=until, keep=args.keep, every=args.every)
    print(f"{tally.runs} command runs over {tally.repositories} mutated repositories in "
          f"{tally.seconds:.0f} s ({tally.rate:.0f}/s): {tally.internal} internal errors, "
          f"{tally.tracebacks} tracebacks, {tally.hangs} hangs")
    return 1 if tally.internal or tally.tracebacks or tally.hangs else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
