"""shvo: governance records for Samordnad hälsa, vård och omsorg (SHVO).

The package is split so that the core (loading, model, checks, money) never prints or exits;
only ``shvo_cli.cli`` talks to a terminal.
"""

__version__ = "0.1.0"
