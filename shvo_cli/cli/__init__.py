"""The command-line edge: parse options, call the core, render, map to an exit code."""
