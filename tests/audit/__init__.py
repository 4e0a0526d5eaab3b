"""Tests of shvo_cli/audit."""
