"""Tests of shvo_cli/records."""
