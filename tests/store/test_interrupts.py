"""The interrupt driver (tests/interrupts.py) in reduced form: a few interrupted runs per
changing command, at random instants, with every signal; none may leave anything for a
person to mend. The full run (≥ 200 per command) is ``python tests/interrupts.py``."""

from __future__ import annotations

import os

import pytest

from tests.interrupts import drive

RUNS = int(os.environ.get("SHVO_INTERRUPT_RUNS", "4"))


@pytest.mark.skipif(os.name != "posix", reason="process groups and POSIX signals")
def test_interrupted_changes_leave_nothing_to_mend() -> None:
    results = drive(["note", "advance", "new"], RUNS, seed=7)
    for kind, counts in results.items():
        assert counts["person"] == 0, (kind, dict(counts))
        assert counts["nothing"] + counts["committed"] == RUNS
