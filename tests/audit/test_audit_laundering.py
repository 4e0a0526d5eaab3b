"""An unreadable version is not a reset: every forgery of the audit suite is still caught
when it is laundered through a broken intermediate commit, a rename, a move out of the
records folder and back, or a merge that hides the change in one of its parents."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.audit.test_audit import AGREE_BY_REF, GITS, Script, Shvo, codes, git, make_repo, who

Forgery = Callable[[str, str], str]


@pytest.fixture
def triaged(tmp_path: Path, shvo: Shvo) -> tuple[Script, str]:
    """One request, registered and triaged within the plan (as in test_audit)."""
    r = make_repo(tmp_path, shvo)
    rid = r.new("2025-07-01")
    r.step(GITS, "2025-07-02", "triage", rid, "--scope", "within-plan")
    return r, rid


def _edit_date(text: str, rid: str) -> str:
    return text.replace("date: 2025-07-02", "date: 2025-06-15")


def _drop_entry(text: str, rid: str) -> str:
    head, __, rest = text.partition("history:\n")
    first = rest.split("  - date: 2025-07-02")[0]
    return f"{head}history:\n{first}"


def _reorder(text: str, rid: str) -> str:
    head, __, rest = text.partition("history:\n")
    first, second = rest.split("  - date: 2025-07-02")
    return f"{head}history:\n  - date: 2025-07-02{second}{first}"


def _in_another_name(text: str, rid: str) -> str:
    return re.sub(r"^state: .*$", "state: approved", text, flags=re.M) + AGREE_BY_REF


def _future_dated(text: str, rid: str) -> str:
    return _in_another_name(text, rid).replace("2025-07-03", "2025-12-24").replace(
        f"person: {'referens@example.org'}", f"person: {GITS}")


FORGERIES: dict[str, tuple[Forgery, str]] = {
    "edited-entry": (_edit_date, "A003"),
    "dropped-entry": (_drop_entry, "A005"),
    "reordered": (_reorder, "A004"),
    "step-in-another-name": (_in_another_name, "A006"),
    "future-dated": (_future_dated, "A008"),
}


def _broken(kind: str) -> Callable[[Script, str, str, str], None]:
    def route(r: Script, rid: str, good: str, forged: str) -> None:
        path = r.path(rid)
        if kind == "null":
            path.write_text(re.sub(r"history:\n(.|\n)*", "history: null\n", good),
                            encoding="utf-8")
        else:
            path.write_text(good + "  - [oops\n", encoding="utf-8")
        r.hand(GITS, "2025-07-10", "tillfälligt", path)
        path.write_text(forged, encoding="utf-8")
        r.hand(GITS, "2025-07-11", "åter", path)
    return route


def _renamed(r: Script, rid: str, good: str, forged: str) -> None:
    path = r.path(rid)
    other = path.with_name("REQ-2025-9999.yaml")
    path.rename(other)
    r.hand(GITS, "2025-07-10", "nytt namn", path, other)
    other.unlink()
    path.write_text(forged, encoding="utf-8")
    r.hand(GITS, "2025-07-11", "gamla namnet", path, other)


def _out_and_back(r: Script, rid: str, good: str, forged: str) -> None:
    path = r.path(rid)
    attic = r.top / "attic"
    attic.mkdir()
    path.rename(attic / path.name)
    r.hand(GITS, "2025-07-10", "undan", path, attic)
    (attic / path.name).unlink()
    path.write_text(forged, encoding="utf-8")
    r.hand(GITS, "2025-07-11", "tillbaka", path, attic)


def _merge(r: Script, rid: str, good: str, forged: str) -> None:
    """The forgery on a side branch through a broken commit; main merged into the side
    (so the side is the merge's first parent) and main fast-forwarded to it."""
    git(r.top, "checkout", "-q", "-b", "side")
    _broken("null")(r, rid, good, forged)
    git(r.top, "checkout", "-q", "main")
    note = r.top / "NOTES.md"
    note.write_text("anteckning\n", encoding="utf-8")
    r.hand(GITS, "2025-07-12", "annat", note)
    git(r.top, "checkout", "-q", "side")
    git(r.top, "merge", "-q", "--no-edit", "main", env=who(GITS, "2025-07-13"))
    git(r.top, "checkout", "-q", "main")
    git(r.top, "merge", "-q", "--ff-only", "side")


ROUTES: dict[str, Callable[[Script, str, str, str], None]] = {
    "history-null": _broken("null"),
    "broken-yaml": _broken("yaml"),
    "rename": _renamed,
    "out-and-back": _out_and_back,
    "merge": _merge,
}


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forgery_laundered_is_still_caught(triaged: tuple[Script, str], route: str,
                                            forgery: str) -> None:
    r, rid = triaged
    good = r.path(rid).read_text(encoding="utf-8")
    forge, code = FORGERIES[forgery]
    ROUTES[route](r, rid, good, forge(good, rid))
    result = r.audit()
    assert code in codes(result), (route, forgery, codes(result))
    assert result.exit_code() == 1


def test_an_unreadable_version_is_an_error(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    good = r.path(rid).read_text(encoding="utf-8")
    _broken("null")(r, rid, good, good)
    result = r.audit()
    assert "A018" in codes(result) and result.exit_code() == 1
    assert "A003" not in codes(result)  # restored as it was: nothing of the past changed


def test_a_documented_repair_turns_the_error_into_a_warning(
        triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.path(rid)
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "  - [oops\n", encoding="utf-8")
    broken = r.hand(GITS, "2025-07-10", "trasig", path)
    path.write_text(good, encoding="utf-8")
    r.hand(GITS, "2025-07-11", f"lagad\n\nShvo-Repair: {broken[:12]}\n", path)
    result = r.audit()
    assert codes(result) == ["A020"]
    assert result.exit_code() == 0 and "repaired by" in result.findings[0].finding.message


def test_a_repair_that_forges_is_no_repair(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    path = r.path(rid)
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "  - [oops\n", encoding="utf-8")
    broken = r.hand(GITS, "2025-07-10", "trasig", path)
    path.write_text(_edit_date(good, rid), encoding="utf-8")
    r.hand(GITS, "2025-07-11", f"lagad\n\nShvo-Repair: {broken}\n", path)
    found = codes(r.audit())
    assert "A018" in found and "A003" in found and "A020" not in found


def test_request_log_follows_the_lineage(triaged: tuple[Script, str]) -> None:
    r, rid = triaged
    good = r.path(rid).read_text(encoding="utf-8")
    _broken("null")(r, rid, good, _edit_date(good, rid))
    result = r.audit(only=f"requests/{rid}.yaml")
    assert "A003" in codes(result)
