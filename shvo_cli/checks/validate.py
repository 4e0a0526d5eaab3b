"""``shvo validate`` as a library call: load, check, and return every finding, sorted.

Kept apart from the CLI so that CI wrappers, tests and later commands (which validate a
change before writing it) call exactly what the command runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from shvo_cli.checks import run_all
from shvo_cli.errors import ExitCode
from shvo_cli.findings import Finding, Severity
from shvo_cli.i18n import language
from shvo_cli.privacy import redact
from shvo_cli.records.cache import open_memo
from shvo_cli.records.layout import expected_kind
from shvo_cli.records.locate import discover
from shvo_cli.records.repository import (
    Repository,
    add_document,
    context_digest,
    load_repository,
)
from shvo_cli.yamlio.read import parse_text, read_file


@dataclass(frozen=True)
class ValidationResult:
    """What one run found; ``files`` counts the files read, for the summary line."""

    root: Path
    files: int
    findings: list[Finding]
    repository: Repository

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def exit_code(self, strict: bool = False) -> ExitCode:
        """0 clean (warnings allowed), 1 errors, or warnings under ``--strict``."""
        if self.errors or (strict and self.warnings):
            return ExitCode.FINDINGS
        return ExitCode.OK


_DIGIT = re.compile(r"[0-9]")


def _requests_alone(root: Path, only: Sequence[Path]) -> bool:
    """Whether every file named is a request in its place: then the files it is judged
    with are every record but the other requests (a request's findings depend on the
    process, organisation, plans, systems and decisions, and on another request only if it
    claims the same id)."""
    return bool(only) and all(expected_kind(root, p) == "request" for p in only)


def _judged_with(root: Path, files: list[Path], only: Sequence[Path]) -> list[Path]:
    """What named request files are judged with: every record that is not a request, and
    the requests whose bytes hold a named file's id or name — the only ones that could
    claim the same id (R001). Scanning bytes for a string is a fraction of parsing."""
    named = set(only)
    ids = {p.stem.encode() for p in only}
    for p in only:
        data = read_file(p).data
        if isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"]:
            ids.add(data["id"].encode())
    kept = []
    for p in files:
        if p in named:
            continue
        if expected_kind(root, p) != "request":
            kept.append(p)
            continue
        try:
            raw = p.read_bytes()
        except OSError:
            continue
        if any(i in raw for i in ids):
            kept.append(p)
    return kept


def validate(root: Path, only: Sequence[Path] | None = None,
             progress: Callable[[int, int], None] | None = None) -> ValidationResult:
    """Check the whole repository; with ``only``, report just the findings in those files
    (cross-references still resolve against everything they can depend on, so a request can
    be checked alone, without reading the other requests).
    Files named in ``only`` outside the records root are read too. ``progress`` is told
    ``(files read, files)`` as files are read (the CLI draws a bar on a terminal)."""
    files = discover(root)
    alone = only is not None and _requests_alone(root, only)
    if only is not None:
        if alone:  # the other requests cannot change a request's findings: leave them out
            files = _judged_with(root, files, only)
        known = set(files)
        files += [p for p in only if p not in known]
    repo = load_repository(root, files, progress, whole=True)
    context = context_digest(repo) if not alone else None
    memo = open_memo(root, language(), context) if context is not None else None
    findings = repo.findings + run_all(repo, memo)
    if memo is not None:
        memo.save()
    if only is not None:
        wanted = set(only)
        findings = [f for f in findings if f.file in wanted]
    cleaned = [
        f if _DIGIT.search(f.message) is None
        else Finding(f.code, f.severity, f.file, f.line, f.column, redact(f.message))
        for f in findings
    ]
    cleaned.sort(key=Finding.sort_key)
    return ValidationResult(root, len(only) if only is not None else len(files), cleaned, repo)


def errors_if_written(root: Path, context: Sequence[Path], path: Path,
                      text: str) -> list[Finding]:
    """The errors ``path`` would have if it held ``text``, read with the ``context`` files
    (``path`` itself left out of them): one check for every changing command, so none writes
    what ``validate`` would refuse."""
    repo = load_repository(root, [p for p in context if p != path])
    add_document(repo, parse_text(path, text))
    return [f for f in repo.findings + run_all(repo)
            if f.file == path and f.severity is Severity.ERROR]
