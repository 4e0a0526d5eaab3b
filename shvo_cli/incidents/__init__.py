"""Outages (driftstopp, seed 6.4) as records: opened, updated and closed by the parties of
the dialogue (GITS, KSD's applikationsleverans, Peak Networks), summarised for the report."""
