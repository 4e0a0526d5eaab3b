"""Tests of shvo_cli/budget."""
