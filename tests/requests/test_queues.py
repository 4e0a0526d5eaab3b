"""Work queues: what waits on a body (or on me), what is overdue against the service
levels, as of a date, for a municipality; and the municipality on new, edit and show."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from shvo_cli.records.repository import load_repository
from shvo_cli.requests.queues import queue, service_days, waiting_on
from tests.conftest import RECORDS, Run

Shvo = Callable[..., Run]


def _ids(run: Run) -> list[str]:
    assert run.exit_code == 0, run.stderr
    return [r["id"] for r in json.loads(run.stdout)]


def test_escalated_request_waits_on_vvg_until_it_decides(shvo: Shvo) -> None:
    args = ("request", "list", "--records", str(RECORDS), "--format", "json", "--waiting-on")
    # The escalated request and the inventoried need both wait on VVG; longest first.
    assert _ids(shvo(*args, "VVG", "--as-of", "2025-04-10")) == ["REQ-2025-0003",
                                                                 "REQ-2025-0002"]
    assert "REQ-2025-0002" not in _ids(shvo(*args, "VVG", "--as-of", "2025-04-25"))
    assert _ids(shvo(*args, "DVS", "--as-of", "2025-03-01")) == ["REQ-2025-0001",
                                                                 "REQ-2025-0002"]
    row = json.loads(shvo(*args, "VVG", "--as-of", "2025-04-10").stdout)[1]
    assert row == {"id": "REQ-2025-0002", "state": "escalated", "since": "2025-03-21",
                   "days": 20, "service_level_days": 120, "overdue": False, "waiting_on": ["VVG"],
                   "title": row["title"]}


def test_withdrawing_is_not_waiting(records: Path) -> None:
    repo = load_repository(records)
    assert repo.process is not None
    assert waiting_on(repo.process, "escalated", "within-plan") == ("VVG",)
    assert "GITS" not in waiting_on(repo.process, "inventoried", "next-year")
    assert service_days(repo, "received") == 14 and service_days(repo, "released") is None


def test_overdue_against_the_service_level(records: Path, shvo: Shvo) -> None:
    made = shvo("request", "new", "--records", str(records), "--no-input", "--title",
                "Gammalt ärende", "--category", "maintenance", "--channel", "email",
                "--by", "handlaggare@example.org", "--date", "2025-01-02", "--no-commit")
    assert made.exit_code == 0, made.stderr
    new_id = made.stdout.strip()
    base = ("request", "list", "--records", str(records), "--format", "json", "--overdue")
    assert _ids(shvo(*base, "--as-of", "2025-01-16")) == []  # 14 days: within
    assert _ids(shvo(*base, "--as-of", "2025-01-17")) == [new_id]  # 15 days: overdue
    table = shvo("--lang", "sv", *base[:-3], "--overdue", "--as-of", "2025-01-17")
    assert "Inkommet" in table.stdout and "15 !" in table.stdout
    repo = load_repository(records)
    assert [w.id for w in queue(repo, date(2025, 1, 17), overdue=True)] == [new_id]


def test_waiting_on_me_uses_the_members_roles(shvo: Shvo) -> None:
    base = ("request", "list", "--records", str(RECORDS), "--format", "json", "--as-of",
            "2025-04-10", "--waiting-on", "me")
    assert _ids(shvo(*base, "--by", "sekreterare.vvg@example.org")) == ["REQ-2025-0003",
                                                                        "REQ-2025-0002"]
    unknown = shvo(*base, "--by", "nobody@example.org")
    assert unknown.exit_code == 2 and "not a member of any body" in unknown.stderr


def test_unknown_body_and_municipality_are_refused(shvo: Shvo) -> None:
    base = ("request", "list", "--records", str(RECORDS))
    run = shvo(*base, "--waiting-on", "VGV")
    assert run.exit_code == 2 and "not one of" in run.stderr and "VVG" in run.stderr
    run = shvo(*base, "--municipality", "0180")
    assert run.exit_code == 2 and "not a municipality of Västra Götaland" in run.stderr


def test_municipality_set_on_new_and_edit_filtered_and_shown(records: Path,
                                                            shvo: Shvo) -> None:
    made = shvo("request", "new", "--records", str(records), "--no-input", "--title", "Kommun",
                "--category", "maintenance", "--channel", "email", "--municipality", "1401",
                "--by", "handlaggare@example.org", "--date", "2025-03-02", "--no-commit")
    new_id = made.stdout.strip()
    text = (records / "requests" / f"{new_id}.yaml").read_text(encoding="utf-8")
    assert "municipalities:" in text and "1401" in text
    base = ("request", "list", "--records", str(records), "--format", "json")
    assert _ids(shvo(*base, "--municipality", "1401")) == [new_id]
    assert _ids(shvo(*base, "--municipality", "1487")) == ["REQ-2025-0002"]
    edited = shvo("request", "edit", new_id, "--records", str(records), "--municipality",
                  "1487,1488", "--by", "handlaggare@example.org", "--date", "2025-03-03",
                  "--no-commit")
    assert edited.exit_code == 0, edited.stderr
    assert _ids(shvo(*base, "--municipality", "1401")) == []
    shown = shvo("--lang", "sv", "request", "show", new_id, "--records", str(records))
    assert "1487 Vänersborg, 1488 Trollhättan" in shown.stdout
    refused = shvo("request", "edit", new_id, "--records", str(records), "--municipality",
                   "9999", "--by", "handlaggare@example.org", "--no-commit")
    assert refused.exit_code == 1
    assert "1487" in (records / "requests" / f"{new_id}.yaml").read_text(encoding="utf-8")


def test_queue_csv_cannot_start_a_formula(records: Path, shvo: Shvo) -> None:
    made = shvo("request", "new", "--records", str(records), "--no-input", "--title",
                "=HYPERLINK(1)", "--category", "maintenance", "--channel", "email",
                "--by", "handlaggare@example.org", "--date", "2025-01-02", "--no-commit")
    assert made.exit_code == 0, made.stderr
    out = shvo("request", "list", "--records", str(records), "--format", "csv", "--as-of",
               "2025-01-05").stdout
    assert "'=HYPERLINK(1)" in out and "\n=HYPERLINK" not in out and ",=HYPERLINK" not in out
