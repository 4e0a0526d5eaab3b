"""yamlio."""
