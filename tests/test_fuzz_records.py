"""The records fuzzer (tests/fuzz_records.py) in reduced form: hypothesis picks the seeds
of mutated copies of the bundled records; no command may end in an internal error."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_records import InProcess, Invoke, Tally, classify, commands, fuzz, run_once

_INVOKE: list[InProcess] = []


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 2 ** 32))
def test_mutated_records_never_cause_an_internal_error(seed: int) -> None:
    """The long run's own runner (an escaped exception or a hang is reported as one)."""
    if not _INVOKE:
        _INVOKE.append(InProcess())
    assert run_once(random.Random(seed), _INVOKE[0]) == []


# --- the long run's machinery: it must see what it counts, and runs must not leak ---------

def _records_run(invoke: Invoke, records: Path, *args: str) -> tuple[int, str]:
    return invoke([*args, "--records", str(records)])


def test_an_internal_error_is_counted(monkeypatch: pytest.MonkeyPatch, records: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("'NoneType' object is not iterable")

    monkeypatch.setattr("shvo_cli.checks.validate.validate", broken)
    code, err = _records_run(InProcess(), records, "validate")
    assert code == 3 and classify(code, err) == "internal error"


def test_an_escaped_exception_is_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                             records: Path) -> None:
    class Escapes(BaseException):
        """Not an Exception: shvo's handler lets it through, as it would a real escape."""

    def broken(*args: object, **kwargs: object) -> None:
        raise Escapes("boom")

    monkeypatch.setattr("shvo_cli.checks.validate.validate", broken)
    code, err = _records_run(InProcess(), records, "validate")
    assert classify(code, err) == "traceback" and "Escapes: boom" in err


def test_a_command_that_does_not_end_is_a_hang(monkeypatch: pytest.MonkeyPatch,
                                               records: Path) -> None:
    monkeypatch.setattr("shvo_cli.checks.validate.validate",
                        lambda *a, **k: time.sleep(30))
    started = time.perf_counter()
    code, err = _records_run(InProcess(timeout=0.3), records, "validate")
    assert classify(code, err) == "hang" and time.perf_counter() - started < 5


def test_a_run_leaves_no_state_for_the_next(records: Path) -> None:
    """Language, cache switch, --debug, the working directory and the environment are as
    they were after a run that changed them."""
    from shvo_cli import i18n
    from shvo_cli.cli import app
    from shvo_cli.records import cache

    here, environ = Path.cwd(), dict(os.environ)
    invoke = InProcess()
    tally = Tally()

    def odd(args: list[str]) -> tuple[int, str]:
        return invoke(["--lang", "sv", "--debug", "--no-cache", *args])

    assert run_once(random.Random(1), odd, tally=tally) == []
    assert (Path.cwd(), dict(os.environ)) == (here, environ)
    code, err = _records_run(invoke, records, "request", "show", "REQ-2025-ZZZZZZ")
    assert code == 2 and "no request" in err  # English again
    assert (i18n.language(), cache.enabled(), app._DEBUG["on"]) == ("en", True, False)
    assert tally.runs == len(commands(records)) and tally.internal == 0


def test_a_failure_is_reported_with_its_replay(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr("shvo_cli.checks.validate.validate", broken)
    seen: list[str] = []
    tally = fuzz(1, 7, start=3, keep=tmp_path / "kept", report=seen.append)
    assert tally.internal == 3 and tally.repositories == 1  # validate is run three times
    assert "--seed 7 --start 3 --runs 1" in seen[0]
    assert (tmp_path / "kept" / "requests").is_dir()
