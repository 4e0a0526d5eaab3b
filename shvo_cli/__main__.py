"""Entry point for ``python -m shvo_cli`` and the ``shvo`` console script."""

from __future__ import annotations

import signal
import sys
from types import FrameType

_CODES = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}


class Stopped(BaseException):
    """SIGTERM or SIGHUP (a closed terminal) outside a change's write: ends like Ctrl-C,
    with the signal's own exit status. Not a KeyboardInterrupt, which click would turn
    into "Aborted!" and exit 1; not an Exception, which would be an internal error.
    Inside a write ``store.commit`` holds the signals until the step is finished or
    rolled back."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


def _signal_in(exc: BaseException) -> BaseException | None:
    """The interrupt behind ``exc``: itself, or what it was raised from — Python wraps an
    interrupt that arrives while a class is being created during an import (a
    ``RuntimeError`` from ``__set_name__``)."""
    seen: BaseException | None = exc
    for __ in range(8):
        if seen is None or isinstance(seen, SystemExit):
            return None
        if isinstance(seen, KeyboardInterrupt | Stopped):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def main() -> None:
    """Import the CLI lazily so that ``python -m shvo_cli`` costs only what it uses. A
    signal at any instant, even while importing, ends with one line and 130/143/129."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        from shvo_cli.cli.app import run

        run()
    except BaseException as caught:
        exc = _signal_in(caught)
        if exc is None:
            raise
        try:
            from shvo_cli.i18n import _

            line = "shvo: " + _("interrupted")
        except BaseException:  # pragma: no cover - interrupted while importing i18n
            line = "shvo: interrupted"
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except BaseException:  # pragma: no cover - stderr closed
            pass
        sys.exit(getattr(exc, "exit_code", _CODES["SIGINT"]))


if __name__ == "__main__":
    main()
