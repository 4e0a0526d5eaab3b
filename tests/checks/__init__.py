"""Tests of shvo_cli/checks."""
