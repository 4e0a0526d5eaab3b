"""Issued invoices as records: what each payer was actually invoiced, never recomputed."""
