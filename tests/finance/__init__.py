"""Tests of shvo_cli/finance."""
