"""``shvo validate PATH`` of request files reads the named requests and the records they can
depend on, not the other requests — and finds exactly what a whole run finds in them."""

from __future__ import annotations

from pathlib import Path

import pytest

from shvo_cli.checks.validate import validate
from shvo_cli.records import cache
from tests.conftest import generated_records


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated requests; some broken in their own text, one citing a decision that
    concerns other requests, one naming an unknown system."""
    top = tmp_path_factory.mktemp("paths")
    requests = generated_records(top, 200)
    requests[3].write_text(requests[3].read_text(encoding="utf-8").replace(
        "title:", "titel:", 1), encoding="utf-8")
    text = requests[4].read_text(encoding="utf-8")
    requests[4].write_text(text.replace("    role: GITS\n", "    role: VVG\n", 1),
                           encoding="utf-8")
    return top / "records"


def _facts(result: object) -> list[tuple[str, str, int, int, str]]:
    return [(f.code, str(f.file), f.line, f.column, f.message)
            for f in result.findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize("use_cache", [False, True], ids=["no cache", "cache"])
def test_named_requests_have_the_findings_of_a_whole_run(generated: Path,
                                                         use_cache: bool) -> None:
    cache.set_enabled(use_cache)
    try:
        whole = validate(generated)
        named = sorted((generated / "requests").glob("*.yaml"))[:12]
        alone = validate(generated, only=named)
    finally:
        cache.set_enabled(True)
    expected = [f for f in _facts(whole) if Path(f[1]) in set(named)]
    assert {f[0] for f in expected} >= {"S001"}, expected  # the broken ones are among them
    assert _facts(alone) == expected
    # ... and the other requests were not read.
    assert set(alone.repository.request_files) | {
        str(r.ref.file) for r in alone.repository.requests.values()} <= {str(p) for p in named}
    assert alone.files == len(named)


def test_a_named_decision_is_judged_with_every_request(generated: Path) -> None:
    decision = next((generated / "decisions").glob("*.yaml"))
    result = validate(generated, only=[decision])
    assert len(result.repository.request_files) >= 200
