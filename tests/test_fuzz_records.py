"""The records fuzzer (tests/fuzz_records.py) in reduced form: hypothesis picks the seeds
of mutated copies of the bundled records; no command may end in an internal error."""

from __future__ import annotations

import random
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run
from tests.fuzz_records import run_once

Shvo = Callable[..., Run]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 2 ** 32))
def test_mutated_records_never_cause_an_internal_error(shvo: Shvo, seed: int) -> None:
    def invoke(args: list[str]) -> tuple[int, str]:
        run = shvo(*args)
        return run.exit_code, run.stderr

    assert run_once(random.Random(seed), invoke) == []
