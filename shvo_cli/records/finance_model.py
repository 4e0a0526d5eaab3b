"""Finance records as the loader keeps them: issued invoices and credit notes, outcome and
utskrivningsklara records. Their meaning is read by :mod:`shvo_cli.invoices` and
:mod:`shvo_cli.finance`; here they are only held, with where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shvo_cli.records.source import SourceRef


@dataclass(frozen=True)
class InvoiceRecord:
    """An issued month's invoices or a credit note (``records/invoices/``), kept as read:
    :mod:`shvo_cli.invoices.record` interprets it, the checks compare it with its checksum."""

    id: str
    type: str
    month: str
    data: dict[str, Any]
    ref: SourceRef


def build_invoice(data: dict[str, Any], ref: SourceRef) -> InvoiceRecord:
    return InvoiceRecord(data["id"], data["type"], data["month"], data, ref)


@dataclass(frozen=True)
class FinanceRecord:
    """An outcome or utskrivningsklara record (``records/outcome/``,
    ``records/utskrivningsklara/``), kept as read; :mod:`shvo_cli.finance` interprets it."""

    id: str
    kind: str
    type: str
    data: dict[str, Any]
    ref: SourceRef


def build_finance(data: dict[str, Any], ref: SourceRef) -> FinanceRecord:
    return FinanceRecord(data["id"], data["kind"], data["type"], data, ref)
