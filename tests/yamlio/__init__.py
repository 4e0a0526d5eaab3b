"""Tests of shvo_cli/yamlio."""
