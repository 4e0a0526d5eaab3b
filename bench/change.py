"""Measure what one change costs inside shvo: ``request triage`` and ``decision add``.

The whole-process figures (``bench/requests.py``) are dominated by Python's start-up and git;
this measures the core alone, in process, on a generated repository: the median time to
compute a change (nothing written), and how often it parses a record text, builds a
repository and checks a document against its schema. A change should load its context once
and parse its new text once, whatever the size of the repository.

    python bench/change.py [--size 1000] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
GITS = "handlaggare@example.org"
VVG = "sekreterare.vvg@example.org"
COUNTED = {"parse_text": "shvo_cli.yamlio.read", "load_repository": "shvo_cli.records.repository",
           "validate_document": "shvo_cli.records.schemas"}


def _count_calls(calls: Counter[str]) -> None:
    """Wrap the counted functions wherever a module imported them by name."""
    for name, home in COUNTED.items():
        original = getattr(sys.modules[home], name)

        def wrapper(*args: Any, __f: Callable[..., Any] = original, __n: str = name,
                    **kwargs: Any) -> Any:
            calls[__n] += 1
            return __f(*args, **kwargs)

        for module in list(sys.modules.values()):
            if module is not None and getattr(module, name, None) is original:
                setattr(module, name, wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    import shvo_cli.records.schemas  # noqa: F401  (imported before wrapping)
    from shvo_cli.requests import decisions as decision
    from shvo_cli.requests import steps as request

    records = OUT / f"change-{args.size}" / "records"
    generate(records, args.size)
    ids = []
    for _ in range(args.runs + 1):
        change = request.create(records, request.Actor(GITS, "GITS"), date(2025, 7, 1),
                                {"title": "Mätning", "category": "maintenance",
                                 "channel": "support"})
        request.apply(change, commit=False)
        ids.append(change.request_id)
    calls: Counter[str] = Counter()
    _count_calls(calls)

    def triage(rid: str) -> Any:
        return request.advance(records, rid, request.Actor(GITS, "GITS"), date(2025, 7, 2),
                               transition="triage", scope="within-plan")

    def add(rid: str) -> Any:
        return decision.add(records, request.Actor(VVG, "VVG"), date(2025, 7, 3), body="VVG",
                            type_="other", reference="Protokoll § 1", requests=[rid])

    print(f"repository: {args.size} requests ({records})")
    print(f"{'change':<20}{'median':>10}{'parse_text':>12}{'load_repo':>11}{'schema':>8}")
    for name, run in (("request triage", triage), ("decision add", add)):
        times = []
        for rid in ids:
            calls.clear()
            start = time.perf_counter()
            run(rid)
            times.append(time.perf_counter() - start)
        once = dict(calls)
        median_ms = statistics.median(times[1:]) * 1000
        print(f"{name:<20}{median_ms:>8.1f}ms{once.get('parse_text', 0):>12}"
              f"{once.get('load_repository', 0):>11}{once.get('validate_document', 0):>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
