"""Tests of shvo_cli/intake."""
