"""Tests of shvo_cli/requests."""
