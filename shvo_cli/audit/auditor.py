"""The engine of ``shvo audit``: one pass over the steps that ``history.read_history`` read,
oldest first, running every check of ``CHECKS`` on each commit's changes to the records.

A check is a plain function ``(pass, step, changes) -> None`` that reports through
``pass.add`` and may keep its own notes in ``pass.notes``. To add one, write it in its own
module and append it to ``CHECKS`` (one line); the order of the list is the order of the
findings within a commit. See ``run.py`` for what is checked and why.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from shvo_cli.audit.commit_checks import (
    check_guarded,
    check_identity_numbers,
    check_invoices,
    check_signature,
)
from shvo_cli.audit.history import FileChange, Step
from shvo_cli.audit.request_checks import check_requests
from shvo_cli.audit.state import AuditPass, Progress

StepCheck = Callable[[AuditPass, Step, list[FileChange]], None]

CHECKS: list[StepCheck] = [
    check_signature,
    check_requests,
    check_guarded,
    check_invoices,
    check_identity_numbers,
]
"""Every check of a commit, in the order their findings are listed."""


class Auditor(AuditPass):
    """One pass over the steps, oldest first; findings collect in ``out``."""

    def run(self, progress: Progress | None) -> None:
        """Judge every step. The cyclic garbage collector is paused meanwhile: the pass
        keeps each request's newest version (tens of thousands of small objects), and the
        collector kept walking them all — a quarter of the time at 50 000 commits — while
        the pass makes no reference cycles worth collecting before it ends."""
        paused = gc.isenabled()
        gc.disable()
        try:
            self._run(progress)
        finally:
            if paused:
                gc.enable()

    def _run(self, progress: Progress | None) -> None:
        total = self.h.walked
        shown = -100
        for step in self.h.steps:
            self.checked += 1
            if progress is not None and step.position - shown >= 100:
                shown = step.position
                progress(step.position, total)
            changes = [c for c in step.changes if self.only is None or c.path == self.only]
            if not changes:
                continue
            for check in CHECKS:
                check(self, step, changes)
        if progress is not None:
            progress(total, total)


__all__ = ["CHECKS", "Auditor", "Progress", "StepCheck"]
