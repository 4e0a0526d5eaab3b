"""Failures of the tool itself, as opposed to problems in the records.

Problems in records are data (:class:`shvo_cli.findings.Finding`) and never raised. What is
raised here means shvo could not do its job at all (no records root, unreadable path, bad
option); the CLI edge turns each into a message on stderr and a documented exit code.
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar


class ExitCode(IntEnum):
    """Exit codes, documented in README.md and docs: stable, scripts depend on them."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3
    PIPE = 141
    """The reader of the output went away (``shvo … | head``): nothing is said, and the
    status is what a shell reports for ``git log | head`` (128 + SIGPIPE)."""
    HANGUP = 129
    """SIGHUP (the terminal closed) while a change was written: finished or rolled back."""
    INTERRUPTED = 130
    """SIGINT (Ctrl-C) while a change was written: finished or rolled back."""
    TERMINATED = 143
    """SIGTERM while a change was written: finished or rolled back."""


class ShvoError(Exception):
    """Base of every failure the CLI reports as a one-line message."""

    exit_code: ClassVar[ExitCode] = ExitCode.USAGE
    """How the CLI exits on this failure; subclasses assign another member."""


class RecordsNotFoundError(ShvoError):
    """No records root: no --records, no SHVO_RECORDS, no shvo.yaml above the working dir."""


class RecordsPathError(ShvoError):
    """A path named on the command line does not exist or cannot be read."""
