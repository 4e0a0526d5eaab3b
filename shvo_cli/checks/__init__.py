"""Pure checks over the loaded repository: each takes the model and returns findings.

Checks never raise on bad records and never print; a record that failed its schema is not
in the model; references to its id are not reported again (``repo.broken_ids``), and checks
that need a broken singleton (organisation, process, systems) are skipped.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from shvo_cli.checks import (
    amendments,
    budget,
    decisions,
    incidents,
    invoices,
    organisation,
    plan,
    population,
    process,
    requests,
)
from shvo_cli.findings import Finding, Severity
from shvo_cli.records.cache import CheckMemo
from shvo_cli.records.repository import Repository


def run_all(repo: Repository, memo: CheckMemo | None = None) -> list[Finding]:
    """Every cross-record check, in a fixed order; ``memo`` keeps per-request findings
    between runs (``shvo validate`` passes one; a change checks without)."""
    out: list[Finding] = []
    out += organisation.check(repo)
    out += process.check(repo)
    out += plan.check(repo)
    out += budget.check(repo)
    out += population.check(repo)
    out += requests.check(repo, memo)
    out += decisions.check(repo)
    out += incidents.check(repo)
    out += amendments.check(repo)
    out += invoices.check(repo)
    return out


def errors_in(repo: Repository, files: Collection[Path]) -> list[Finding]:
    """The errors a change would leave in ``files``: their own findings and every
    cross-record check's, judged with what else ``repo`` holds."""
    return [f for f in repo.findings + run_all(repo)
            if f.file in files and f.severity is Severity.ERROR]
