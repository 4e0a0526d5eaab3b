"""Tests of shvo_cli/project."""
