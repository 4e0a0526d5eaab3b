"""The Typer application and the one error handler at the edge.

Core code raises :class:`ShvoError` for failures of the tool itself; here each becomes one
line on stderr and its documented exit code. Anything unexpected still ends in a short
message and exit 3, never a bare traceback (``--debug`` shows it).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from shvo_cli import __version__
from shvo_cli.cli.summary_cmd import summary
from shvo_cli.cli.validate_cmd import validate

app = typer.Typer(
    name="shvo",
    help="Governance records for Samordnad hälsa, vård och omsorg (SHVO): validate the plan, "
    "budget, process, population, requests and decisions kept as YAML in git.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_DEBUG = {"on": False}


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
) -> None:
    """Governance records for SHVO."""
    ctx.obj = {"records": records}
    _DEBUG["on"] = debug


app.command("validate")(validate)
app.command("summary")(summary)


def run() -> None:
    """Console-script entry: run the app, turning every failure into message + exit code."""
    from shvo_cli.errors import ExitCode, ShvoError

    try:
        app(standalone_mode=False)
    except ShvoError as exc:
        typer.echo(f"shvo: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("shvo: aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("shvo: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one catch-all at the edge
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if _DEBUG["on"]:
            raise
        typer.echo(f"shvo: internal error: {type(exc).__name__}: {exc} "
                   "(run with --debug for details; please report it)", err=True)
        sys.exit(int(ExitCode.INTERNAL))
