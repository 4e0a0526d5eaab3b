"""Tests of shvo_cli/plan."""
