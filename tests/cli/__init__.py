"""Tests of shvo_cli/cli."""
