"""The allocator every division of money goes through: parts sum to the whole, always."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shvo_cli.money import AllocationError, allocate

amounts = st.integers(0, 10**10)
weights = st.lists(st.integers(0, 10**6), min_size=1, max_size=60).filter(lambda w: sum(w) > 0)


@settings(max_examples=500)
@given(amounts, weights)
def test_parts_sum_to_the_whole(total: int, w: list[int]) -> None:
    parts = allocate(total, w)
    assert sum(parts) == total
    assert len(parts) == len(w)
    assert all(isinstance(p, int) and p >= 0 for p in parts)


@settings(max_examples=300)
@given(amounts, weights)
def test_each_part_within_one_krona_of_its_exact_share(total: int, w: list[int]) -> None:
    s = sum(w)
    for part, weight in zip(allocate(total, w), w, strict=True):
        assert weight * total // s <= part <= weight * total // s + 1
        if weight == 0:
            assert part == 0


@settings(max_examples=300)
@given(amounts, weights)
def test_deterministic(total: int, w: list[int]) -> None:
    assert allocate(total, w) == allocate(total, list(w))


@settings(max_examples=300)
@given(amounts, weights, st.data())
def test_larger_weight_never_gets_less(total: int, w: list[int], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(w) - 1))
    j = data.draw(st.integers(0, len(w) - 1))
    parts = allocate(total, w)
    if w[i] > w[j]:
        assert parts[i] >= parts[j]


def test_ties_go_to_the_earlier_item() -> None:
    assert allocate(1, [1, 1, 1]) == [1, 0, 0]
    assert allocate(2, [1, 1, 1]) == [1, 1, 0]
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]


def test_seed_keys() -> None:
    assert allocate(7_900_000, [70, 30]) == [5_530_000, 2_370_000]
    assert allocate(300_000, [70, 30]) == [210_000, 90_000]


@pytest.mark.parametrize(("total", "w"), [
    (-1, [1]), (1.5, [1]), (10, [0, 0]), (10, [-1, 2]), (10, [1.0]), (True, [1]),
])
def test_refuses_what_cannot_be_divided(total: object, w: list[object]) -> None:
    with pytest.raises(AllocationError):
        allocate(total, w)  # type: ignore[arg-type]
