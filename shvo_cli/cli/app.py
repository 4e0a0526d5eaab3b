"""The Typer application and the one error handler at the edge.

Core code raises :class:`ShvoError` for failures of the tool itself; here each becomes one
line on stderr and its documented exit code. Anything unexpected still ends in a short
message and exit 3, never a bare traceback (``--debug`` shows it).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from shvo_cli import __version__
from shvo_cli.cli import budget_cycle_cmd  # noqa: F401  (registers budget new/amend/compare)
from shvo_cli.cli.audit_cmd import audit, codeowners
from shvo_cli.cli.budget_cmd import budget_app
from shvo_cli.cli.cache_cmd import cache_app
from shvo_cli.cli.console import echo
from shvo_cli.cli.cycle_cmd import cycle_app
from shvo_cli.cli.decision_cmd import decision_app
from shvo_cli.cli.incident_cmd import incident_app
from shvo_cli.cli.init_cmd import init, schema_app
from shvo_cli.cli.invoice_cmd import invoice_app
from shvo_cli.cli.outcome_cmd import outcome_app
from shvo_cli.cli.plan_cmd import plan_app
from shvo_cli.cli.population_cmd import population_app
from shvo_cli.cli.readers_cmd import agenda, digest
from shvo_cli.cli.request_cmd import request_app
from shvo_cli.cli.site_cmd import site_app
from shvo_cli.cli.statement_cmd import statement
from shvo_cli.cli.summary_cmd import summary
from shvo_cli.cli.systems_cmd import systems_app
from shvo_cli.cli.uk_cmd import basis as uk_basis
from shvo_cli.cli.uk_cmd import uk_app
from shvo_cli.cli.validate_cmd import validate

_DEBUG = {"on": False}


def _is_cli_control(exc: Exception) -> bool:
    """Exit, Abort and usage errors are how click/typer end a command on purpose (their
    module differs between typer versions that vendor click and those that do not)."""
    return isinstance(exc, typer.Exit | typer.Abort) or type(exc).__module__.split(".")[0] in {
        "click", "typer"}


GLOBAL_FLAGS = frozenset({"-q", "--quiet"})
GLOBAL_VALUED = frozenset({"--lang"})
"""Options of the whole run that may also be written after the command (``shvo validate
-q``, ``shvo budget split --lang sv``): they are moved in front of it before parsing, unless
the command has an option of that name itself. ``--records`` is every command's own option."""


def _declared(command: Any) -> dict[str, Any]:
    return {name: p for p in getattr(command, "params", [])
            for name in [*getattr(p, "opts", []), *getattr(p, "secondary_opts", [])]}


def hoist_global_options(command: Any, args: list[str]) -> list[str]:
    """``args`` with the run's options moved to the front, where the group parses them."""
    front: list[str] = []
    rest: list[str] = []
    current, i = command, 0
    while i < len(args):
        arg = args[i]
        name = arg.split("=", 1)[0]
        declared = _declared(current)
        if arg == "--":
            rest += args[i:]
            break
        if arg in getattr(current, "commands", {}):
            current = current.commands[arg]
            rest.append(arg)
        elif current is not command and name not in declared and (
                arg in GLOBAL_FLAGS or name in GLOBAL_VALUED):
            taken = 2 if name in GLOBAL_VALUED and "=" not in arg else 1
            front += args[i:i + taken]
            i += taken
            continue
        elif name in declared and "=" not in arg and not declared[name].is_flag \
                and not declared[name].count:
            rest += args[i:i + 2]
            i += 2
            continue
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _quiet_pipe() -> None:
    """The reader of stdout has gone (``shvo … | head``): stop as git does, with nothing
    on stderr; later flushes of stdout go nowhere instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to do
        pass


_UNSAFE = str.maketrans({c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7f, 0xa0)]}
                        | {c: f"\\u{c:04x}" for c in [*range(0x202a, 0x202f),
                                                       *range(0x2066, 0x206a), 0x200e, 0x200f]})


def _clean_usage_error(exc: Any) -> None:
    """click's own usage errors quote what was typed ("'19121212-1212' is not one of …",
    "No such option: …"): no identity number and no control character is repeated."""
    from shvo_cli.privacy import redact

    if type(exc).__name__ == "NoArgsIsHelpError":
        return  # a group run without its command: the message is click's own help text
    for name in ("message", "option_name"):
        value = getattr(exc, name, None)
        if isinstance(value, str):
            setattr(exc, name, redact(value).translate(_UNSAFE))
    possibilities = getattr(exc, "possibilities", None)
    if isinstance(possibilities, list):
        exc.possibilities = [redact(str(p)).translate(_UNSAFE) for p in possibilities]


class ShvoGroup(TyperGroup):
    """Turns failures of the tool into a message on stderr and a documented exit code, for
    every command in one place (and so also under ``CliRunner`` in the tests)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from shvo_cli.cli.completion import attach
        from shvo_cli.cli.helptext import tidy

        tidy(self)  # values named one way in --help (EMAIL, DATE, ID), never a Python type
        attach(self)  # Tab completes ids, states, … from the records

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from shvo_cli.errors import ExitCode

        try:  # ``shvo --help`` writes while parsing
            return super().parse_args(ctx, hoist_global_options(self, list(args)))
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(int(ExitCode.PIPE)) from None


    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """click's standalone handling, with its usage errors cleaned before they are shown."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except Exception as exc:  # click's own, vendored by typer or not: matched by name
            if not _is_cli_control(exc):
                raise
            if type(exc).__name__ == "Abort":
                from shvo_cli.i18n import _

                typer.echo("shvo: " + _("interrupted"), err=True)
                sys.exit(130)
            _clean_usage_error(exc)
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: Any) -> Any:  # click.Context: vendored or not by typer version
        from shvo_cli.errors import ExitCode, ShvoError

        try:
            return super().invoke(ctx)
        except ShvoError as exc:
            _report(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(int(ExitCode.PIPE)) from None
        except OSError as exc:
            if _DEBUG["on"]:
                raise
            from shvo_cli.i18n import _
            from shvo_cli.privacy import redact

            where = exc.filename if exc.filename is not None else ""
            echo("shvo: " + redact(_("cannot use {path}: {reason}").format(
                path=where, reason=exc.strerror or type(exc).__name__)), err=True)
            raise typer.Exit(int(ExitCode.USAGE)) from None
        except Exception as exc:
            if _DEBUG["on"] or _is_cli_control(exc):
                raise
            from shvo_cli.i18n import _
            from shvo_cli.privacy import redact

            echo("shvo: " + _(
                "internal error: {kind}: {error} (run with --debug for the traceback; "
                "please report it)").format(kind=type(exc).__name__,
                                            error=redact(str(exc))), err=True)
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _report(exc: Exception) -> None:
    """A refusal or failure of the tool: one line, and the findings behind it, on stderr."""
    from shvo_cli.privacy import redact

    echo(f"shvo: {redact(str(exc))}", err=True)
    findings = getattr(exc, "findings", [])
    if findings:
        from shvo_cli.render.findings import text_line

        for f in findings:
            echo(f"  {text_line(f)}", err=True)


app = typer.Typer(
    cls=ShvoGroup,
    name="shvo",
    help="Governance records for Samordnad hälsa, vård och omsorg (SHVO): validate the plan, "
    "budget, process, population, requests and decisions kept as YAML in git.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(StrEnum):
    sv = "sv"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"shvo {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    ctx: typer.Context,
    records: Annotated[str | None, typer.Option(
        "--records", help="Records folder for every command (see each command's --records).",
        show_default=False)] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show a traceback for unexpected errors.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    lang: Annotated[Lang | None, typer.Option(
        "--lang", help="Language of messages and reports: sv or en. Default: $SHVO_LANG, "
        "then the locale.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Only results and errors: no summaries, notes or progress.")
    ] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Read every record file afresh, without the parse cache (the "
        "results are the same; only the time differs). Also: SHVO_NO_CACHE=1.")] = False,
) -> None:
    """Governance records for SHVO."""
    from shvo_cli import i18n
    ctx.obj = {"records": records, "quiet": quiet}
    _DEBUG["on"] = debug
    if lang is not None:
        i18n.set_language(lang.value)
    from shvo_cli.records import cache

    cache.set_enabled(not no_cache)


app.command("validate")(validate)
app.command("summary")(summary)
app.add_typer(request_app, name="request")
app.add_typer(systems_app, name="systems")
app.add_typer(decision_app, name="decision")
app.add_typer(cycle_app, name="cycle")
app.add_typer(incident_app, name="incident")
app.command("init")(init)
app.add_typer(schema_app, name="schema")
budget_app.command("statement")(statement)
budget_app.command("utskrivningsklara")(uk_basis)
app.add_typer(budget_app, name="budget")
app.add_typer(plan_app, name="plan")
app.add_typer(population_app, name="population")
app.add_typer(invoice_app, name="invoice")
app.add_typer(outcome_app, name="outcome")
app.add_typer(uk_app, name="utskrivningsklara")
app.command("audit")(audit)
app.command("codeowners")(codeowners)
app.add_typer(cache_app, name="cache")
app.command("agenda")(agenda)
app.command("digest")(digest)
app.add_typer(site_app, name="site")


def help_texts(command: Any) -> list[tuple[Any, str]]:
    """Every (object, attribute) holding a help text in the command tree: commands' help
    and their parameters' help, for translating and for checking the catalogue."""
    out: list[tuple[Any, str]] = []
    if getattr(command, "help", None):
        out.append((command, "help"))
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            out.append((param, "help"))
    for sub in getattr(command, "commands", {}).values():
        out += help_texts(sub)
    return out


def command_in_language(args: list[str] | None = None) -> Any:
    """The click command tree with its help in the run's language — only the branch
    ``args`` runs, when given. Typer fixes help texts when modules load, before ``--lang``
    is read, so they are translated here, once, from the same catalogue as every other
    message."""
    import typer.main

    from shvo_cli.cli.branch import asked_for, only
    from shvo_cli.i18n import _, language

    command = typer.main.get_command(only(app, asked_for(args)) if args is not None else app)
    if language() != "en":
        for holder, attribute in help_texts(command):
            setattr(holder, attribute, _(getattr(holder, attribute)))
    return command


def utf8_streams() -> None:
    """Output redirected to a file or pipe on Windows is written in the locale's code page
    (cp1252), which has no '→' or 'ő' and would garble or fail on record text: shvo writes
    UTF-8 everywhere, as it reads. A Windows console gets Unicode from Python regardless."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def run() -> None:
    """Console-script entry. Ctrl-C ends quietly with 130, as shells expect."""
    from shvo_cli import i18n
    utf8_streams()
    i18n.set_language(i18n.detect(sys.argv[1:]))
    try:
        command_in_language(sys.argv[1:]).main(
            prog_name="shvo" if sys.argv[0].endswith("shvo") else None)
    except BrokenPipeError:  # --help or a usage message into a closed pipe
        from shvo_cli.errors import ExitCode

        _quiet_pipe()
        sys.exit(int(ExitCode.PIPE))
    except KeyboardInterrupt as exc:
        from shvo_cli.i18n import _

        typer.echo("shvo: " + _("interrupted"), err=True)
        sys.exit(getattr(exc, "exit_code", 130))
