"""The audit's shortcut for a request's next version (``audit/splice.py``) gives exactly what
parsing the whole file gives — or declines and lets the whole file be parsed.

Each case is a last version (parsed cleanly) and a next text. The shortcut must either
decline, or return the data a whole parse of the next text returns, from a whole parse that
finds nothing wrong. Hostile cases try to make the two disagree: a history key inside a
quoted scalar, a document end marker, flow collections across lines, comments, anchors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shvo_cli.audit.splice import spliced, split
from shvo_cli.yamlio.read import YamlDocument, parse_text

PATH = Path("records/requests/REQ-2025-0001.yaml")

HEAD = """\
# yaml-language-server: $schema=../../schemas/request.schema.json
kind: request
id: REQ-2025-0001
title: Tydligare översikt
description: >-
  Distriktssköterskor önskar bättre stöd,
  så att arbetet kan planeras i tid.
category: maintenance
systems: [SAMSA, NPO]
state: STATE
history:
"""
FIRST = """\
  - date: 2025-01-03
    to: received
    by: {person: handlaggare@example.org, role: GITS}
    note: Inkom via support.
"""
SECOND = """\
  - date: 2025-01-06
    transition: triage
    to: triaged
    by: {person: handlaggare@example.org, role: GITS}
    scope: within-plan
"""


def _last(text: str) -> YamlDocument:
    doc = parse_text(PATH, text)
    assert not doc.findings, doc.findings
    return doc


def _agrees(old: str, new: str) -> bool:
    """True when the shortcut was taken (and agreed); False when it declined."""
    last = _last(old)
    cut = split(last)
    if cut is None:
        return False
    found = spliced(PATH, last, cut, new)
    if found is None:
        return False
    whole = parse_text(PATH, new)
    assert not whole.findings, f"the shortcut accepted a text a whole parse rejects: {new!r}"
    assert found[0].data == whole.data
    assert list(found[0].data) == list(whole.data)
    history = whole.data["history"]
    assert found[1] == history[len(last.data["history"]):]
    assert found[2] is None or found[2] == split(whole)  # the next step's cut, as found
    return True


def test_shvo_s_own_step_is_read_from_the_last_version() -> None:
    old = HEAD.replace("STATE", "received") + FIRST
    new = HEAD.replace("STATE", "triaged") + FIRST + SECOND
    assert _agrees(old, new)


def test_a_one_word_field_added_by_the_step() -> None:
    old = HEAD.replace("STATE", "received") + FIRST
    new = HEAD.replace("STATE", "triaged").replace("state:", "scope: within-plan\nstate:") \
        + FIRST + SECOND
    assert _agrees(old, new)


def test_a_note_with_nothing_appended_and_the_same_text() -> None:
    old = HEAD.replace("STATE", "received") + FIRST
    assert _agrees(old, old.replace("state: received", "state: triaged"))


@pytest.mark.parametrize("new", [
    # the past edited, removed or reordered: the body is no longer a prefix
    HEAD.replace("STATE", "triaged") + FIRST.replace("support", "mejl") + SECOND,
    HEAD.replace("STATE", "triaged") + SECOND,
    HEAD.replace("STATE", "triaged") + SECOND + FIRST,
    # the description changed, a field removed, a field moved
    HEAD.replace("STATE", "triaged").replace("i tid", "i god tid") + FIRST + SECOND,
    HEAD.replace("STATE", "triaged").replace("category: maintenance\n", "") + FIRST + SECOND,
    HEAD.replace("STATE", "triaged").replace("category: maintenance\n", "")
    .replace("state:", "category: maintenance\nstate:") + FIRST + SECOND,
    # a word that YAML reads as something else, a value on more than one line
    HEAD.replace("STATE", "true") + FIRST + SECOND,
    HEAD.replace("STATE", "triaged\n  more") + FIRST + SECOND,
    HEAD.replace("STATE", "triaged # a comment") + FIRST + SECOND,
    # a duplicate key appended after the history, a second document, a top-level comment
    HEAD.replace("STATE", "triaged") + FIRST + SECOND + "state: approved\n",
    HEAD.replace("STATE", "triaged") + FIRST + "...\n" + SECOND,
    HEAD.replace("STATE", "triaged") + FIRST + "---\n" + SECOND,
    HEAD.replace("STATE", "triaged") + FIRST + "# x\n" + SECOND,
    # anchors, aliases, tags, escapes, tabs, carriage returns, a byte order mark
    HEAD.replace("STATE", "triaged") + FIRST + SECOND.replace("triage\n", "&a triage\n"),
    HEAD.replace("STATE", "triaged") + FIRST + SECOND.replace("within-plan", "!!str x"),
    HEAD.replace("STATE", "triaged") + FIRST + SECOND.replace("within-plan", '"\\u0041"'),
    HEAD.replace("STATE", "triaged") + FIRST + SECOND.replace("    scope", "\tscope"),
    (HEAD.replace("STATE", "triaged") + FIRST + SECOND).replace("\n", "\r\n"),
    "\ufeff" + HEAD.replace("STATE", "triaged") + FIRST + SECOND,
    # an appended entry that does not start an item, or a flow sequence instead
    HEAD.replace("STATE", "triaged") + FIRST + "    extra: 1\n",
    HEAD.replace("STATE", "triaged") + FIRST + "  [x]\n",
    # the key 'history' again, in the head
    HEAD.replace("STATE", "triaged").replace("category:", "history: x\ncategory:")
    + FIRST + SECOND,
])
def test_anything_else_is_parsed_whole_or_agrees(new: str) -> None:
    old = HEAD.replace("STATE", "received") + FIRST
    taken = _agrees(old, new)
    assert not taken or parse_text(PATH, new).data is not None


@pytest.mark.parametrize("old", [
    # 'history:' inside a quoted scalar of the head: not the key it looks like
    HEAD.replace("STATE", "received").replace('title: Tydligare översikt',
                                              'title: "Tydligare\n\növersikt"') + FIRST,
    # a flow collection over several lines, the history as a flow sequence
    HEAD.replace("STATE", "received").replace("systems: [SAMSA, NPO]",
                                              "systems: [SAMSA,\n  NPO]") + FIRST,
    HEAD.replace("STATE", "received") + "  [{date: 2025-01-03, to: received}]\n",
    # a key at column 0 that is not a simple key, a comment after the history
    HEAD.replace("STATE", "received").replace("kind: request", '"kind": request') + FIRST,
    HEAD.replace("STATE", "received") + FIRST + "# slut\n",
])
def test_last_versions_of_other_shapes(old: str) -> None:
    doc = parse_text(PATH, old)
    if doc.findings or not isinstance(doc.data, dict):
        return
    new = old.replace("state: received", "state: triaged") + SECOND
    _agrees(old, new)


def test_history_key_hidden_in_a_quoted_scalar_is_not_taken_for_the_key() -> None:
    """A double-quoted scalar that spans a line reading 'history:' must not let the
    shortcut read the lines after it as the history."""
    old = ('kind: request\nid: REQ-2025-0001\ntitle: "a\nhistory:\n  - b"\n'
           "history:\n" + FIRST)
    doc = parse_text(PATH, old)
    if doc.findings:
        return
    assert split(doc) is None or _agrees(old, old + SECOND)
