"""Renderers: turn core results into text, JSON or CI annotations. No domain logic here."""
