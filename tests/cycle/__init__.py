"""Tests of shvo_cli/cycle."""
