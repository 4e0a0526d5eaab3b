"""Surgical edits: only the intended lines change, and the result reads back exactly."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shvo_cli.yamlio.edit import EditError, Editor, render_scalar
from shvo_cli.yamlio.read import parse_text

P = Path("x.yaml")
TEXT = """# a comment that must survive
kind: request
title: 'Quoted title'   # trailing comment
description: >-
  Folded text
  over two lines.
state: received
history:
  - date: 2025-02-03
    to: received
    by: {person: a@example.org, role: GITS}
  # a comment between items
# a comment after the list
"""


def test_set_existing_and_append_change_only_those_lines() -> None:
    ed = Editor(P, TEXT)
    ed.set(["state"], "triaged")
    ed.append(["history"], {"date": "2025-02-10", "transition": "triage", "to": "triaged",
                            "by": {"person": "a@example.org", "role": "GITS"},
                            "scope": "within-plan", "note": "Bedömt: ryms i planen."})
    ed.verify()
    diff = list(difflib.ndiff(TEXT.splitlines(), ed.text.splitlines()))
    assert [d[2:] for d in diff if d.startswith("+ ")] == [
        "state: triaged",
        "  - date: 2025-02-10",
        "    transition: triage",
        "    to: triaged",
        "    by: {person: a@example.org, role: GITS}",
        "    scope: within-plan",
        "    note: \"Bedömt: ryms i planen.\"",
    ]
    assert [d[2:] for d in diff if d.startswith("- ")] == ["state: received"]
    assert "# a comment that must survive" in ed.text
    assert "'Quoted title'   # trailing comment" in ed.text


def test_missing_key_is_added_after_anchor() -> None:
    ed = Editor(P, TEXT)
    ed.set(["scope"], "next-year", after=["state", "title"])
    ed.verify()
    assert "state: received\nscope: next-year\nhistory:" in ed.text


def test_replacing_a_block_scalar_keeps_the_next_line() -> None:
    ed = Editor(P, TEXT)
    ed.set(["description"], "Kort.")
    ed.verify()
    assert "description: Kort.\nstate: received\n" in ed.text


def test_flow_history_is_refused() -> None:
    ed = Editor(P, "kind: request\nhistory: [{date: 2025-01-01, to: received}]\n")
    with pytest.raises(EditError):
        ed.append(["history"], {"date": "2025-01-02", "to": "x"})


@pytest.mark.parametrize("value", ["no", "on", "0755", "12:30", "1e3", "true", "null", "",
                                   " x", "a: b", "a #b", "- x", "[x]", "x,y", "'", '"',
                                   "line\nbreak", "Möten, utbildning", "REQ-2025-0001"])
def test_render_scalar_reads_back(value: str) -> None:
    assert parse_text(P, f"v: {render_scalar(value)}\n").data == {"v": value}


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",),
                             exclude_characters="\x85\u2028\u2029"), max_size=40))
def test_any_text_value_round_trips_through_an_edit(value: str) -> None:
    ed = Editor(P, TEXT)
    ed.set(["title"], value)
    ed.append(["history"], {"date": "2025-02-10", "to": "received", "note": value,
                            "by": {"person": "a@example.org", "role": "GITS"}})
    ed.verify()
    data = parse_text(P, ed.text).data
    assert data["title"] == value and data["history"][-1]["note"] == value


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeff" + TEXT.replace("\n", "\r\n")
    ed = Editor(P, text)
    ed.set(["state"], "triaged")
    ed.append(["history"], {"date": "2025-02-10", "to": "triaged",
                            "by": {"person": "a@example.org", "role": "GITS"}, "note": "x"})
    ed.verify()
    out = ed.result()
    assert out.startswith("\ufeff# a comment")
    assert out.count("\r\n") == out.count("\n")
    old, new = text.split("\r\n"), out.split("\r\n")
    assert [line for line in new if line not in old] == [
        "state: triaged", "  - date: 2025-02-10", "    to: triaged", "    note: x"]
