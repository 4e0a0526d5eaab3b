"""The checks made on a record file's text before and after it is composed: nesting depth
(bounded before libyaml's recursive composer runs), anchors, aliases and tags, syntax errors
worded for people, and identity numbers spelled with escapes. Split from ``read.py``; each
reports into the document's findings and never raises."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

import yaml

from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _


class YamlDocument(Protocol):
    """What the scans need of ``read.YamlDocument`` (named so, without importing it)."""

    path: Path
    text: str
    findings: list[Finding]

MAX_DEPTH = 32
"""The deepest record nests about six levels; libyaml's composer recurses in C, so depth is
bounded before it runs (a one-line ``- - - - …`` of a megabyte would overflow its stack)."""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_BRACKETS = re.compile(r"[\[\]{}]")


def _needs_careful_depth_check(text: str) -> bool:
    """Cheap upper bound on nesting: only odd files pay for the slow exact check."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = peak = 0
        for m in _BRACKETS.finditer(text):
            depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
            peak = max(peak, depth)
        if peak > MAX_DEPTH:
            return True
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > 4 * MAX_DEPTH \
                or stripped.count("- ") + stripped.count("? ") > MAX_DEPTH // 2:
            return True
    return False


def _exact_depth_exceeded(doc: YamlDocument) -> bool:
    """Measure depth with the pure-Python event parser, which keeps its state on the heap
    and so cannot overflow the stack however deep the input is."""
    depth = 0
    try:
        for event in yaml.parse(doc.text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    m: Any = event.start_mark
                    doc.findings.append(finding(
                        "Y007", doc.path, m.line + 1, m.column + 1,
                        _("nesting deeper than {max} levels; records never need that")
                        .format(max=MAX_DEPTH)))
                    return True
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False  # the C parser reports the syntax error with its position below
    return False


_MAX_SAME_FINDINGS = 10
"""A file with fifty thousand aliases needs one message, not fifty thousand."""


def _scan_anchors_and_tags(doc: YamlDocument, loader: Any) -> bool:
    """Report anchors, aliases and explicit tags. Records are plain data: aliases hide
    repetition (and expand exponentially), tags ask for types the records do not have."""
    found = 0
    try:
        for event in yaml.parse(doc.text, Loader=loader):
            if found >= _MAX_SAME_FINDINGS:
                break
            m: Any = event.start_mark
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                doc.findings.append(finding(
                    "Y005", doc.path, m.line + 1, m.column + 1,
                    _("alias *{anchor}: write the value out instead of referring to an "
                      "anchor").format(anchor=anchor)))
                found += 1
            elif anchor is not None:
                doc.findings.append(finding(
                    "Y005", doc.path, m.line + 1, m.column + 1,
                    _("anchor &{anchor}: records do not use anchors").format(anchor=anchor)))
                found += 1
            tag = getattr(event, "tag", None)
            if tag is not None and isinstance(
                event, (yaml.ScalarEvent, yaml.CollectionStartEvent)
            ):
                doc.findings.append(finding(
                    "Y006", doc.path, m.line + 1, m.column + 1,
                    _("explicit tag {tag}: records use plain YAML values only").format(
                        tag=tag)))
                found += 1
    except yaml.YAMLError:
        return found > 0  # syntax errors are reported by the composer with their position
    return found > 0


def _syntax_finding(doc: YamlDocument, exc: yaml.YAMLError) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if context and "expected a single document" in str(context):
        return finding("Y010", doc.path, line, col,
                       _("more than one YAML document ('---'): one record per file"))
    if mark is not None and _char_at(doc.text, mark.line, mark.column) == "\t":
        return finding("Y003", doc.path, line, col,
                       _("tab character in indentation: YAML indents with spaces only"))
    text = f"{context}, {problem}" if context else str(problem)
    return finding("Y001", doc.path, line, col,
                   _("YAML syntax error: {error}").format(error=text))


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _escaped_identity_numbers(doc: YamlDocument, root: yaml.Node) -> None:
    """A double-quoted value can spell digits as escapes (``"\\x31990…"``) that the raw-text
    scan cannot see; check the decoded values of such scalars."""
    from shvo_cli.privacy import find_identity_numbers

    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            start, end = node.start_mark.index, node.end_mark.index
            if node.style == '"' and "\\" in doc.text[start:end] \
                    and find_identity_numbers(node.value):
                m: Any = node.start_mark
                doc.findings.append(finding(
                    "N001", doc.path, m.line + 1, m.column + 1,
                    _("a valid personnummer or samordningsnummer is spelled here with "
                      "escapes; records must never hold patient data")))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
