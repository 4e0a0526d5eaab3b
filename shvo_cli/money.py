"""Integer money and the one allocator every division goes through.

Amounts are whole kronor (``int``), never float: an invoice basis must add up to the krona.
Dividing an amount by weights (a key's percentages, municipalities' populations, twelve
months) uses the largest-remainder method, so the parts always sum exactly to the whole and
the same inputs always give the same parts. Ties in the remainder go to the earlier item in
the order given (callers pass municipalities sorted by code), which makes the result
reproducible and explainable to an auditor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shvo_cli.i18n import _


class AllocationError(ValueError):
    """An amount or weights that cannot be divided (negative, fractional, or all zero)."""


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` into ``len(weights)`` integer parts proportional to ``weights``.

    Each part is the floor of its exact share; the kronor left over go one each to the
    largest fractional remainders, ties broken by position. Sum of parts == total, always.
    """
    if isinstance(total, bool) or not isinstance(total, int):
        raise AllocationError(_("amount must be a whole number of kronor, not {amount!r}")
                              .format(amount=total))
    if total < 0:
        raise AllocationError(_("amount must not be negative: {amount}").format(amount=total))
    if any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for w in weights):
        raise AllocationError(_("weights must be whole numbers, zero or more"))
    denominator = sum(weights)
    if denominator == 0:
        raise AllocationError(_("weights sum to zero: nothing to divide by"))
    parts = [total * w // denominator for w in weights]
    remainders = [total * w % denominator for w in weights]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def split_by_shares(amount: int, shares: Mapping[str, int],
                    parties: Sequence[str]) -> dict[str, int]:
    """What a financing key's percentage ``shares`` give each of ``parties`` of ``amount``
    (largest remainder, so the parts sum to the amount; a party the key does not name gets
    nothing). Here, not in the checks, because the budget divides with it too."""
    weights = [shares.get(p, 0) for p in parties]
    return dict(zip(parties, allocate(amount, weights), strict=True))
