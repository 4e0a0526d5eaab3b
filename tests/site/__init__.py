"""Tests of shvo_cli/site."""
