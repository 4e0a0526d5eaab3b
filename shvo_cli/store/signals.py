"""Signals while a change is written: SIGINT, SIGTERM and SIGHUP are held until the step
in progress is finished or rolled back, then :class:`Interrupted` says which, with the
signal's exit status (130, 143, 129). Split from ``commit.py``."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _


class Interrupted(ShvoError):
    """A signal arrived while a change was written; the change was finished or rolled
    back, as the message says. Exit 143 (SIGTERM) unless a subclass says otherwise."""

    exit_code = ExitCode.TERMINATED


class InterruptedByUser(Interrupted):
    """Ctrl-C (SIGINT): exit 130, as shells expect."""

    exit_code = ExitCode.INTERRUPTED


class HungUp(Interrupted):
    """The terminal closed (SIGHUP): exit 129."""

    exit_code = ExitCode.HANGUP


def interrupted(message: str, signum: int) -> Interrupted:
    """The error for ``signum``, carrying its exit status in its class."""
    kind = {getattr(signal, "SIGINT", 2): InterruptedByUser,
            getattr(signal, "SIGHUP", 1): HungUp}.get(signum, Interrupted)
    return kind(message)


class Held:
    """Signals that arrived while held: the first one, kept until the step is safe."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def check(self, done: bool) -> None:
        if self.signum is None:
            return
        raise interrupted(_("interrupted: the change was committed and finished") if done
                          else _("interrupted: nothing was changed"), self.signum)


@contextlib.contextmanager
def hold_signals() -> Iterator[Held]:
    held = Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    wanted = [getattr(signal, n) for n in names if hasattr(signal, n)]

    def hold(signum: int, frame: FrameType | None) -> None:
        if held.signum is None:
            held.signum = signum

    previous = {s: signal.signal(s, hold) for s in wanted}
    try:
        yield held
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
