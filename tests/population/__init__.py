"""Tests of shvo_cli/population."""
