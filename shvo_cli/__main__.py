"""Entry point for ``python -m shvo_cli`` and the ``shvo`` console script."""

from __future__ import annotations


def main() -> None:
    """Import the CLI lazily so that ``python -m shvo_cli`` costs only what it uses."""
    from shvo_cli.cli.app import run

    run()


if __name__ == "__main__":
    main()
