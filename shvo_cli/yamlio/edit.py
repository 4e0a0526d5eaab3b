"""Surgical edits of a record file: change a value, add a key, append a list item.

Why not load-and-dump: a round trip through a YAML library re-flows long lines, re-quotes,
re-indents and drops comments, so ``git diff`` would show far more than the change and an
auditor could not see what a command did. Here the file's own text is spliced at the byte
positions the YAML composer reports; everything else stays exactly as the person wrote it.
Every edit is then proven: the new text is parsed and must read back as the old data plus
exactly the intended change, or nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _
from shvo_cli.yamlio.read import YamlDocument, _Composer, parse_text, walk
from shvo_cli.yamlio.write import render_flow, render_scalar

Step = str | int


class EditError(ShvoError):
    """The file's layout does not allow a safe in-place edit (for example a flow-style
    history); the file is left as it was. Exit 1: the records refuse the change."""

    exit_code = ExitCode.FINDINGS


def _compose(text: str) -> yaml.Node:
    loader = _Composer(text)
    try:
        node: yaml.Node = loader.get_single_node()
    finally:
        loader.dispose()
    return node


def _find(node: yaml.Node, path: Sequence[Step]) -> tuple[yaml.Node, yaml.Node | None]:
    found, key_node, missing = walk(node, path)
    if missing or found is None:
        raise KeyError(path[len(path) - missing] if missing else path)
    return found, key_node


def _line_end(text: str, index: int) -> int:
    """Index just after the line holding ``index - 1`` (block scalars already end there)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


@dataclass
class Editor:
    """Accumulates edits on one file's text and the data they are meant to produce."""

    path: Path
    text: str
    expected: Any = field(init=False)
    bom: bool = field(init=False, default=False)
    crlf: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        # Edit in "\n" text without a byte-order mark; put both back in result(), so a
        # CRLF file stays CRLF and a BOM stays where it was (the diff stays minimal).
        self.bom = self.text.startswith("\ufeff")
        if self.bom:
            self.text = self.text[1:]
        lf = self.text.count("\n")
        self.crlf = lf > 0 and self.text.count("\r\n") == lf
        if self.crlf:
            self.text = self.text.replace("\r\n", "\n")
        doc = parse_text(self.path, self.text)
        if doc.data is None:
            raise EditError(_("{path}: cannot be edited: {reason}").format(
                path=self.path, reason=doc.findings[0].message) if doc.findings
                else _("{path}: cannot be edited").format(path=self.path))
        self.expected = doc.data

    def _target(self, path: Sequence[Step]) -> Any:
        data = self.expected
        for step in path:
            data = data[step]
        return data

    def set(self, path: Sequence[Step], value: Any, *, after: Sequence[str] = ()) -> None:
        """Set mapping key ``path[-1]`` to a scalar (or a flow list/map). A missing key is
        added on its own line after the first of ``after`` that exists (else at the end)."""
        root = _compose(self.text)
        parent = _find(root, path[:-1])[0]
        key = path[-1]
        if not isinstance(parent, yaml.MappingNode) or not isinstance(key, str):
            raise EditError(_("{path}: {field} is not a mapping").format(
                path=self.path, field=".".join(map(str, path[:-1]))))
        rendered = render_flow(value) if isinstance(value, list | dict) else render_scalar(value)
        existing = next((v for k, v in parent.value if k.value == key), None)
        if existing is not None:
            start, end = existing.start_mark.index, existing.end_mark.index
            tail = "\n" if isinstance(existing, yaml.ScalarNode) and existing.style in "|>" \
                and existing.style else ""
            if isinstance(existing, yaml.CollectionNode) and not existing.flow_style:
                raise EditError(_("{path}: {key} is a block collection; edit it by hand")
                                .format(path=self.path, key=key))
            self.text = self.text[:start] + rendered + tail + self.text[end:]
        else:
            anchor = None
            for name in after:
                anchor = next((v for k, v in parent.value if k.value == name), None)
                if anchor is not None:
                    break
            if anchor is None:
                anchor = parent.value[-1][1]
            column = parent.value[0][0].start_mark.column
            pos = _line_end(self.text, anchor.end_mark.index)
            if isinstance(anchor, yaml.CollectionNode) and not anchor.flow_style:
                pos = anchor.end_mark.index if self.text[anchor.end_mark.index - 1:
                                                         anchor.end_mark.index] == "\n" \
                    else _line_end(self.text, anchor.end_mark.index)
            prefix = "" if pos == 0 or self.text[pos - 1] == "\n" else "\n"
            self.text = (self.text[:pos] + prefix + " " * column + f"{key}: {rendered}\n"
                         + self.text[pos:])
        target = self._target(path[:-1])
        target[key] = value if not isinstance(value, tuple) else list(value)

    def append(self, path: Sequence[Step], item: dict[str, Any],
               flow_keys: Sequence[str] = ("by",)) -> None:
        """Append a mapping to the block sequence at ``path``, indented like its items."""
        root = _compose(self.text)
        seq = _find(root, path)[0]
        if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or not seq.value:
            raise EditError(_("{path}: {field} is not a block list with items; shvo appends "
                              "only to lists written one item a line").format(
                path=self.path, field=".".join(map(str, path))))
        last = seq.value[-1]
        dash = seq.start_mark.column
        inner = last.start_mark.column if isinstance(last, yaml.MappingNode) else dash + 2
        pos = _line_end(self.text, last.end_mark.index)
        lines = []
        for i, (k, v) in enumerate(item.items()):
            rendered = render_flow(v) if (k in flow_keys or isinstance(v, list | dict)) \
                else render_scalar(v)
            lead = " " * dash + "-" + " " * (inner - dash - 1) if i == 0 else " " * inner
            lines.append(f"{lead}{k}: {rendered}\n")
        prefix = "" if pos == 0 or self.text[pos - 1] == "\n" else "\n"
        self.text = self.text[:pos] + prefix + "".join(lines) + self.text[pos:]
        self._target(path).append(item)

    def result(self) -> str:
        """The edited file text, with the file's own line ends and byte-order mark."""
        text = self.text.replace("\n", "\r\n") if self.crlf else self.text
        return ("\ufeff" if self.bom else "") + text

    def verify(self) -> YamlDocument:
        """Prove the edit: the new text must parse cleanly to exactly the expected data.
        Returns the parsed new text, so whoever checks the change need not parse it again."""
        doc = parse_text(self.path, self.text)
        # Y014 judges the text written, not the edit: validation reports it where it matters.
        if any(f.code != "Y014" for f in doc.findings) or doc.data != self.expected:
            raise EditError(_("{path}: the edit would not read back as intended (unusual "
                              "layout?); nothing was written").format(path=self.path))
        return doc
