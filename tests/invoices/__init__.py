"""Tests of shvo_cli/invoices."""
