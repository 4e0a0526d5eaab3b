"""The forged histories again, with the audit's memory bounds at their smallest: one commit's
objects read at a time (``reading.CHUNK``), one parsed version kept beyond each request's
newest (``state.KEPT``), so every version looked back at is read from git and parsed again,
and with the shortcut for shvo's own steps switched off (``splice``) — every forgery must
still be caught, with the same codes, and a clean history stay clean.

The suites import their tests here, so pytest runs them a second time under ``lean``.
"""

from __future__ import annotations

import pytest

from shvo_cli.audit import reading, state
from tests.audit.test_audit import (  # noqa: F401 - fixtures and tests run again here
    repo,
    test_a_clean_scripted_year_passes,
    test_a_conflict_resolved_in_a_merge_is_a_hand_edit,
    test_backdated_and_future_dated_entries,
    test_deleted_and_moved_requests,
    test_edited_past_entry,
    test_reordered_and_removed_entries,
    test_unreadable_record_at_a_commit,
)
from tests.audit.test_audit_laundering import (  # noqa: F401
    test_a_documented_repair_turns_the_error_into_a_warning,
    test_a_forgery_laundered_is_still_caught,
    test_a_repair_that_forges_is_no_repair,
    test_request_log_follows_the_lineage,
    triaged,
)


@pytest.fixture(autouse=True, params=["small chunks", "no shortcut"])
def lean(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "CHUNK", 1)
    monkeypatch.setattr(state, "KEPT", 1)
    if request.param == "no shortcut":
        monkeypatch.setattr(state, "spliced", lambda *args: None)
