"""The invoice record: its fields, its text, and the checksum that shows an edit.

An issued month (``invoice-YYYY-MM``) or a credit note (``credit-YYYY-MM-NN``) is written
once by shvo and never changed: what a municipality was sent must stay what the records say
it was sent. The record carries a SHA-256 of its own content (every field but ``checksum``,
as canonical JSON), so ``shvo validate`` sees a hand edit even when the sums still add up,
and ``shvo audit`` sees a change after the commit that wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shvo_cli.records.invoice_content import checksum

ORDER = ("kind", "id", "type", "month", "issued", "issued_by", "preliminary", "corrects",
         "reason", "budget", "budget_status", "budget_sha256", "amendment", "population",
         "population_reference_date", "population_sha256", "source_commit", "lines",
         "invoices", "total")

HEADER = ("# yaml-language-server: $schema=../../schemas/invoice.schema.json\n"
          "# Written by shvo when the invoices were issued. Never edit: shvo validate and\n"
          "# shvo audit report any change. A correction is a credit note: shvo invoice credit.\n")


def _scalar(value: Any) -> str:
    """JSON is valid YAML: strings quoted and escaped, so a name can never become a key,
    a number or an alias."""
    return json.dumps(value, ensure_ascii=False)


def render(data: Mapping[str, Any]) -> str:
    """The record's text: fields in a fixed order, one payer per line, checksum last."""
    out = [HEADER.rstrip("\n")]
    for key in ORDER:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if key == "invoices":
            out.append("invoices:")
            for inv in value:
                parts = [f"payer: {_scalar(inv['payer'])}"]
                if inv.get("name"):
                    parts.append(f"name: {_scalar(inv['name'])}")
                parts += [f"amount: {inv['amount']}",
                          "lines: [" + ", ".join(str(n) for n in inv["lines"]) + "]"]
                out.append("  - {" + ", ".join(parts) + "}")
        elif key == "lines":
            out.append("lines: [" + ", ".join(_scalar(x) for x in value) + "]")
        else:
            out.append(f"{key}: {_scalar(value)}")
    out.append(f"checksum: {_scalar(checksum(data))}")
    return "\n".join(out) + "\n"


@dataclass(frozen=True, slots=True)
class Charged:
    """One payer's part of a record: amount per line id."""

    payer: str
    name: str
    lines: dict[str, int]

    @property
    def amount(self) -> int:
        return sum(self.lines.values())


@dataclass(frozen=True)
class Issued:
    """A record as the ledger reads it."""

    id: str
    type: str
    year: int
    month: int
    issued: str
    preliminary: bool
    line_ids: tuple[str, ...]
    charged: tuple[Charged, ...]
    data: Mapping[str, Any]

    @property
    def total(self) -> int:
        return sum(c.amount for c in self.charged)

    def payer(self, payer_id: str) -> Charged | None:
        return next((c for c in self.charged if c.payer == payer_id), None)


def read(data: Mapping[str, Any]) -> Issued:
    """A schema-valid record's data as an :class:`Issued`."""
    year, month = (int(x) for x in str(data["month"]).split("-"))
    ids = tuple(data["lines"])
    charged = tuple(Charged(str(inv["payer"]), str(inv.get("name", inv["payer"])),
                            dict(zip(ids, inv["lines"], strict=False)))
                    for inv in data["invoices"])
    return Issued(str(data["id"]), str(data["type"]), year, month, str(data["issued"]),
                  bool(data.get("preliminary")), ids, charged, data)
