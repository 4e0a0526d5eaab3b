"""A change loads its context once and parses its new text once (``records/context.py``),
and every new record's YAML comes from ``yamlio/write.py``."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shvo_cli.records.context import ContextRecords
from shvo_cli.records.layout import context_paths, record_path
from shvo_cli.requests import decisions as decision
from shvo_cli.requests import steps as request
from shvo_cli.yamlio import read
from shvo_cli.yamlio.read import decode_record, parse_text, read_file
from shvo_cli.yamlio.write import new_record

GITS = "handlaggare@example.org"
VVG = "sekreterare.vvg@example.org"


def _count(monkeypatch: pytest.MonkeyPatch, module: str, name: str,
           seen: Callable[..., str]) -> Counter[str]:
    """Count calls of ``module.name`` wherever it was imported by name, keyed by ``seen``."""
    calls: Counter[str] = Counter()
    original = getattr(sys.modules[module], name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[seen(*args, **kwargs)] += 1
        return original(*args, **kwargs)

    for mod in list(sys.modules.values()):
        if mod is not None and getattr(mod, name, None) is original:
            monkeypatch.setattr(mod, name, counted)
    return calls


def _received(records: Path) -> str:
    change = request.create(records, request.Actor(GITS, "GITS"), date(2025, 7, 1),
                            {"title": "Mätning", "category": "maintenance",
                             "channel": "support"})
    request.apply(change, commit=False)
    return change.request_id


def test_triage_reads_its_context_once_and_parses_the_new_text_once(
        records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from shvo_cli.records import cache

    cache.set_enabled(False)  # counted on a cold run: a warm one parses nothing at all
    rid = _received(records)
    parsed = _count(monkeypatch, "shvo_cli.yamlio.read", "parse_text",
                    lambda path, text: "new" if "transition: triage" in text else path.name)
    loads = _count(monkeypatch, "shvo_cli.records.repository", "load_repository",
                   lambda root, files=None: "load")
    checked = _count(monkeypatch, "shvo_cli.records.schemas", "validate_document",
                     lambda doc, kind: "new" if "transition: triage" in doc.text
                     else doc.path.name)
    change = request.advance(records, rid, request.Actor(GITS, "GITS"), date(2025, 7, 2),
                             transition="triage", scope="within-plan")
    assert "to: triaged" in change.new_text
    assert parsed["new"] == 1
    assert loads["load"] == 1
    assert checked["new"] == 1
    for name in ("organisation.yaml", "process.yaml", "systems.yaml", "plan-2025.yaml"):
        assert parsed[name] == 1, name
        assert checked[name] == 1, name


def test_decision_reads_its_context_once(records: Path, monkeypatch: pytest.MonkeyPatch,
                                         ) -> None:
    from shvo_cli.records import cache

    cache.set_enabled(False)  # counted on a cold run: a warm one checks nothing again
    rid = _received(records)
    checked = _count(monkeypatch, "shvo_cli.records.schemas", "validate_document",
                     lambda doc, kind: kind)
    change = decision.add(records, request.Actor(VVG, "VVG"), date(2025, 7, 3), body="VVG",
                          type_="other", reference="Protokoll § 1", requests=[rid])
    assert checked["organisation"] == checked["process"] == 1
    assert checked["decision"] == 1
    assert f"requests: [{rid}]" in change.new_text


def test_judging_a_version_leaves_the_context_as_loaded(records: Path) -> None:
    rid = _received(records)
    context = ContextRecords.load(records, context_paths(records))
    doc = read_file(record_path(records, "request", rid))
    first = context.with_documents([doc])
    assert rid in first.requests and not context.repo.requests
    second = context.with_documents([doc])
    assert second.requests[rid] is not None and not second.findings[len(context.repo.findings):]
    context.include(context_paths(records))  # already there: not read again
    assert len(context.repo.documents) == 3


def test_a_new_record_reads_back_as_written(tmp_path: Path) -> None:
    data = {"kind": "decision", "id": "DEC-2025-ABCDEF", "body": "VVG", "date": "2025-07-03",
            "outcome": None, "concerns": {"requests": ("REQ-2025-0001",), "plan": "plan-2025"},
            "reference": "Protokoll: § 1 #2", "summary": "yes", "history": []}
    doc = new_record(tmp_path / "d.yaml", "decision", data,
                     ("kind", "id", "body", "date", "outcome", "concerns", "reference",
                      "summary"))
    assert doc.text.startswith("# yaml-language-server: $schema=../../schemas/decision")
    assert "concerns:\n  requests: [REQ-2025-0001]\n  plan: plan-2025\n" in doc.text
    assert "outcome" not in doc.text and "history" not in doc.text
    assert doc.data["reference"] == "Protokoll: § 1 #2"
    assert doc.data["summary"] == "yes"
    assert parse_text(doc.path, doc.text).data == doc.data


@pytest.mark.parametrize(("raw", "code", "line"), [
    (b"kind: plan\n\xff\n", "Y004", 2),
    (b"kind: plan\n\x00", "Y004", 2),
    (b"#" * (read.MAX_BYTES + 1), "Y008", 1)])
def test_record_bytes_are_checked_in_one_place(tmp_path: Path, raw: bytes, code: str,
                                               line: int) -> None:
    problem = decode_record(tmp_path / "x.yaml", raw)
    assert not isinstance(problem, str)
    assert (problem.code, problem.line) == (code, line)
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    found = read_file(path).findings
    assert [(f.code, f.line) for f in found] == [(code, line)]
    assert decode_record(path, b"kind: plan\n") == "kind: plan\n"
