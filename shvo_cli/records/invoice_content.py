"""What an invoice record's own content proves: its checksum and its sums.

Kept with the records (floor 5) because ``validate``'s checks, the writer
(:mod:`shvo_cli.invoices.record`) and the audit all judge a record by the same two rules: the
SHA-256 of every field but ``checksum`` (sorted compact JSON, so layout does not matter),
and amounts that add up per payer and in total.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any


def checksum(data: Mapping[str, Any]) -> str:
    """``sha256:`` of the record's fields except ``checksum``."""
    content = {k: v for k, v in data.items() if k != "checksum"}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify_checksum(data: Mapping[str, Any]) -> bool:
    return data.get("checksum") == checksum(data)


def sum_problems(data: Mapping[str, Any]) -> list[tuple[Sequence[str | int], str]]:
    """Where a record's figures do not add up: (path in the record, ``count``, ``amount``
    or ``total``); the check words the finding."""
    out: list[tuple[Sequence[str | int], str]] = []
    width = len(data.get("lines", []))
    total = 0
    for i, inv in enumerate(data.get("invoices", [])):
        lines = inv.get("lines", [])
        if len(lines) != width:
            out.append((["invoices", i, "lines"], "count"))
        elif sum(lines) != inv.get("amount"):
            out.append((["invoices", i, "amount"], "amount"))
        total += inv.get("amount", 0)
    if total != data.get("total"):
        out.append((["total"], "total"))
    return out
