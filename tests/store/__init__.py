"""Tests of shvo_cli/store."""
