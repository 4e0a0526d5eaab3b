"""Mutations of the bundled records, and one run of shvo's commands over each: the records
fuzzer. ``tests/test_fuzz_records.py`` runs it in reduced form (hypothesis); ``python
tests/fuzz_records.py --runs 100000`` the long run (random, seeded). An internal error
(exit 3, a traceback) in any command is a failure: every broken record must become a
finding or a refusal."""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "records"
VALUES = ["null", "~", "", "[]", "{}", "[null]", "- null", "0", "-1", "1e309", "9" * 5000,
          "'" + "x" * 20_000 + "'", "\"\\x1b]0;t\\x07\"", "true", "no", "2025-13-45",
          "[1, [2, [3]]]", "'REQ-2025-0001'", "!!binary AA==", "&a x", "*a", "{a: }"]
Mutation = Callable[[random.Random, list[str]], list[str]]


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


MUTATIONS: list[Mutation] = [_value, _drop, _twice, _swap, _empty_list]


def mutate(records: Path, rng: random.Random, count: int = 2) -> Path:
    """Apply ``count`` mutations to randomly chosen record files; return the last file."""
    files = sorted(records.rglob("*.yaml"))
    target = files[0]
    for __ in range(count):
        target = rng.choice(files)
        lines = target.read_text(encoding="utf-8").splitlines()
        if lines:
            lines = rng.choice(MUTATIONS)(rng, lines)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def commands(records: Path) -> list[list[str]]:
    ids = sorted(p.stem for p in (records / "requests").glob("REQ-*.yaml"))[:2]
    out = [["validate", "--records", str(records)],
           ["validate", "--records", str(records), "--format", "sarif"],
           ["systems", "list", "--records", str(records)],
           ["budget", "split", "2025", "--records", str(records)],
           ["request", "list", "--records", str(records)]]
    for rid in ids:
        out += [["request", "show", rid, "--records", str(records)],
                ["request", "note", rid, "Anteckning", "--no-commit", "--by",
                 "handlaggare@example.org", "--date", "2025-07-02", "--records", str(records)]]
    return out


def run_once(rng: random.Random, invoke: Callable[[list[str]], tuple[int, str]]) -> list[str]:
    """One mutated copy of the records, every command over it; the internal errors seen."""
    with tempfile.TemporaryDirectory(prefix="shvo-fuzz-") as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(RECORDS, records)
        (Path(tmp) / "shvo.yaml").write_text("records: records\n", encoding="utf-8")
        mutate(records, rng, rng.randrange(1, 4))
        errors = []
        for args in commands(records):
            code, err = invoke(args)
            if code == 3 or "Traceback" in err or "internal error" in err:
                errors.append(f"{' '.join(args[:2])}: {err.strip()[-300:]}")
        return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from typer.testing import CliRunner

    from shvo_cli.cli.app import app

    runner = CliRunner()

    def invoke(argv: list[str]) -> tuple[int, str]:
        result = runner.invoke(app, argv, catch_exceptions=True)
        err = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            err += f"Traceback: {type(result.exception).__name__}: {result.exception}"
        return result.exit_code, err

    rng = random.Random(args.seed)
    failures = 0
    calls = 0
    for n in range(args.runs):
        errors = run_once(rng, invoke)
        calls += len(commands(RECORDS))
        failures += bool(errors)
        for e in errors:
            print(f"run {n}: {e}")
    print(f"{args.runs} mutated repositories, {calls} command runs, {failures} with an "
          "internal error")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
