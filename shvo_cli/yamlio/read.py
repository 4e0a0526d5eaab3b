"""Read one record file as one plain YAML 1.2 document, with every node's position kept.

Why not ``yaml.safe_load``: it silently keeps the last of two duplicate keys, reads ``no`` as
False and ``0755`` as 493 (YAML 1.1), expands aliases (a "billion laughs" file exhausts memory)
and throws away line numbers. Here libyaml's C composer builds the node tree (fast, and every
node keeps its mark), no implicit type resolution happens there, and :func:`_convert` turns
nodes into plain Python values with one YAML meaning everywhere:

* plain ``null``/``~``/empty is None; ``true``/``false`` (three spellings each) are booleans;
* integers and floats as JSON writes them (``-12``, ``3.5``, ``1e3``); anything else, including
  ``no``, ``on``, ``0755``, ``0x1F``, ``12:30`` and ``2025-01-15``, is a string;
* quoted scalars are always strings.

Dates stay ISO strings (checked by the schemas' ``format: date``), one way everywhere.
Every problem is a :class:`Finding`, never an exception: a record file cannot crash a run.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.text import first_hidden, shown
from shvo_cli.yamlio.decode import MAX_BYTES as MAX_BYTES
from shvo_cli.yamlio.decode import decode_record as decode_record
from shvo_cli.yamlio.decode import text_again
from shvo_cli.yamlio.scan import (
    MAX_DEPTH,
    _escaped_identity_numbers,
    _exact_depth_exceeded,
    _line_of,
    _needs_careful_depth_check,
    _scan_anchors_and_tags,
    _syntax_finding,
)

_CBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_CBase):  # type: ignore[misc]
    """libyaml composer with no implicit resolvers: every plain scalar is tagged ``str`` and
    typed later by :func:`_resolve_plain`, so YAML 1.1's surprises never happen."""

    yaml_implicit_resolvers: ClassVar[dict[str, Any]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_DEFAULT_TAGS: dict[Any, str] = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")
_WORDS: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
}
_LINE_BREAKS = ("\x85", "\u2028", "\u2029")
_SENTINEL = object()
_MAX_NUMBER_CHARS = 40
"""Longer digit runs stay strings (then fail the schema): Python refuses to convert integers
of more than 4 300 digits, and no amount in a record has 40."""


def _resolve_plain(value: str) -> Any:
    """Type a plain scalar the way YAML 1.2's JSON schema does, strings otherwise."""
    word = _WORDS.get(value, _SENTINEL)
    if word is not _SENTINEL:
        return word
    first = value[0]
    if (first == "-" or "0" <= first <= "9") and len(value) <= _MAX_NUMBER_CHARS:
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            number = float(value)
            if number not in (float("inf"), float("-inf")):
                return number
    return value


Path_ = Sequence[str | int]


_KeyIndex = dict[int, dict[str, tuple[yaml.Node, yaml.Node]]]


def walk(root: yaml.Node | None, path: Path_, index: _KeyIndex | None = None,
         ) -> tuple[yaml.Node | None, yaml.Node | None, int]:
    """Follow ``path`` (keys and indices) through a node tree. Returns the value node and
    key node of the deepest step that exists, and how many steps were left unmatched (0 when
    the whole path exists). With ``index`` (kept by the caller per tree), each mapping's keys
    are looked up in a dict built once, so ten thousand findings in one mapping of ten
    thousand keys cost ten thousand look-ups, not a hundred million comparisons."""
    node, key_node = root, None
    for done, step in enumerate(path):
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            if index is not None:
                keys = index.get(id(node))
                if keys is None:
                    keys = index[id(node)] = {}
                    for k, v in node.value:
                        if isinstance(k, yaml.ScalarNode):
                            keys.setdefault(k.value, (k, v))
                match = keys.get(step)
            else:
                match = next(((k, v) for k, v in node.value if k.value == step), None)
            if match is None:
                return node, None, len(path) - done
            key_node, node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                and 0 <= step < len(node.value):
            node, key_node = node.value[step], None
        else:
            return node, None, len(path) - done
    return node, key_node, 0


_TREES: dict[int, tuple[YamlDocument, yaml.Node | None, _KeyIndex]] = {}
_TREES_KEPT = 4
"""Composed trees kept for locating findings: the few documents being reported on now.
Findings come file by file, so each file is composed once however many it has; keeping every
file's tree instead made the garbage collector the slowest part of a large run."""


@dataclass(slots=True)
class YamlDocument:
    """A parsed file: its data (None if unreadable), its node tree, and what went wrong."""

    path: Path
    source: str | None = None
    """The file's text; None until first asked for when the document came from the parse
    cache (a hit does not read the file: see :attr:`text`)."""
    data: Any = None
    parsed: bool = False
    findings: list[Finding] = field(default_factory=list)
    floats: list[yaml.Node] = field(default_factory=list)
    """Scalars read as decimal numbers: records hold none (money, percent and people are
    whole numbers), and JSON Schema would let ``1.0`` pass as an integer."""

    @property
    def text(self) -> str:
        """The file's text (without a byte order mark). A document taken from the parse
        cache reads it only when asked — to place a new finding — so an unchanged
        repository is not read file by file at all."""
        if self.source is None:
            self.source = text_again(self.path)
        return self.source

    @text.setter
    def text(self, value: str) -> None:
        self.source = value

    @property
    def root(self) -> yaml.Node | None:
        """The node tree, composed again on demand. It is not kept after loading: ten
        thousand files' trees are over a million objects that only findings ever need, and
        keeping them made the garbage collector the slowest part of a run."""
        if not self.parsed:
            return None
        loader = _Composer(self.text)
        try:
            node: yaml.Node | None = loader.get_single_node()
        finally:
            loader.dispose()
        return node

    def _tree(self) -> tuple[yaml.Node | None, _KeyIndex]:
        """The node tree and its key index, composed once while findings are located."""
        kept = _TREES.get(id(self))
        if kept is not None and kept[0] is self:
            return kept[1], kept[2]
        if len(_TREES) >= _TREES_KEPT:
            _TREES.pop(next(iter(_TREES)))
        entry: tuple[YamlDocument, yaml.Node | None, _KeyIndex] = (self, self.root, {})
        _TREES[id(self)] = entry
        return entry[1], entry[2]

    def _walk(self, path: Path_) -> tuple[yaml.Node | None, yaml.Node | None]:
        root, index = self._tree()
        node, key_node, _rest = walk(root, path, index)
        return node, key_node

    def locate(self, path: Path_) -> tuple[int, int]:
        """1-based line and column of the value at ``path`` (or its nearest existing parent)."""
        node = self._walk(path)[0]
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def locate_key(self, path: Path_) -> tuple[int, int]:
        """Position of the key of the last step (where a person reads "this field")."""
        node, key = self._walk(path)
        target = key if key is not None else node
        if target is None:
            return (1, 1)
        return (target.start_mark.line + 1, target.start_mark.column + 1)

    def at(self, code: str, path: Path_, message: str, *, key: bool = False) -> Finding:
        """A finding located at the node of ``path``."""
        line, col = self.locate_key(path) if key else self.locate(path)
        return finding(code, self.path, line, col, message)


class _Converter:
    """Turn the node tree into dicts, lists and scalars, reporting what YAML allows but
    records must not have (duplicate keys, non-string keys, depth)."""

    __slots__ = ("doc",)

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc

    def _here(self, code: str, node: yaml.Node, message: str) -> None:
        m: Any = node.start_mark
        self.doc.findings.append(finding(code, self.doc.path, m.line + 1, m.column + 1, message))

    def convert(self, node: yaml.Node, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.style:
                return node.value
            value = _resolve_plain(node.value)
            if type(value) is float:
                self.doc.floats.append(node)
            return value
        if depth > MAX_DEPTH:
            self._here("Y007", node,
                       _("nesting deeper than {max} levels").format(max=MAX_DEPTH))
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._here("Y009", key_node, _("a mapping key must be a plain string"))
                    continue
                key = key_node.value
                if not key_node.style and not isinstance(_resolve_plain(key), str):
                    self._here("Y009", key_node,
                               _("mapping key {key!r} reads as a number, boolean or null; "
                                 "quote it if it is meant as text").format(key=key))
                    continue
                if key in out:
                    self._here("Y002", key_node,
                               _("duplicate key {key!r}: YAML would silently keep only the "
                                 "last").format(key=key))
                    continue
                out[key] = self.convert(value_node, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, depth + 1) for item in node.value]
        return None  # pragma: no cover - libyaml makes only these three node kinds


def _hidden_characters(doc: YamlDocument, root: yaml.Node) -> None:
    """Control characters, bidirectional overrides and zero-width characters in any key or
    value (raw, or spelled as escapes in a double-quoted scalar): a terminal showing the
    record would act on them or show the text in another order than it is stored."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            char = first_hidden(node.value)
            if char is not None:
                m: Any = node.start_mark
                doc.findings.append(finding(
                    "Y014", doc.path, m.line + 1, m.column + 1,
                    _("invisible or control character U+{code:04X} (shown as {shown}): it "
                      "can retitle a terminal or show text in another order than it is "
                      "stored; write plain text").format(code=ord(char), shown=shown(char))))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def parse_text(path: Path, text: str) -> YamlDocument:
    """Parse already-decoded text (used for files and for edits validated before writing)."""
    doc = YamlDocument(path=path, source=text)
    if text.startswith("\ufeff"):
        doc.text = text = text[1:]
    for sep in _LINE_BREAKS:
        if sep in text:
            at = text.index(sep)
            line = _line_of(text, at)
            doc.findings.append(finding(
                "Y013", path, line, at - text.rfind("\n", 0, at),
                _("invisible line separator U+{code:04X}: YAML counts it as a line break "
                  "but editors and git do not, so every line number after it would be wrong; "
                  "delete it").format(code=ord(sep))))
            return doc
    if ("[" in text or "{" in text or "- " in text or "? " in text) \
            and _needs_careful_depth_check(text) \
            and _exact_depth_exceeded(doc):
        return doc
    if ("&" in text or "*" in text or "!" in text) and _scan_anchors_and_tags(doc, _Composer):
        return doc
    loader = _Composer(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        doc.findings.append(_syntax_finding(doc, exc))
        return doc
    except (RecursionError, MemoryError):  # pragma: no cover - bounded above
        doc.findings.append(finding("Y007", path, 1, 1, _("nesting too deep to read")))
        return doc
    finally:
        loader.dispose()
    if root is None or not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        doc.findings.append(finding(
            "Y011", path, line, 1,
            _("empty file") if root is None
            else _("a record file must be a mapping of fields")))
        return doc
    doc.parsed = True
    doc.data = _Converter(doc).convert(root, 1)
    if "\\" in text:
        _escaped_identity_numbers(doc, root)
    if "\\" in text or (not text.isascii() and first_hidden(text) is not None):
        _hidden_characters(doc, root)
    return doc


def read_raw(path: Path) -> bytes | YamlDocument:
    """A record file's bytes, or a document holding the finding that says why they cannot
    be read as a record (not a regular file, over the size limit, unreadable)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            doc = YamlDocument(path=path, source="")
            doc.findings.append(finding("Y012", path, 1, 1,
                                        _("not a regular file (a pipe, device or socket)")))
            return doc
        size = st.st_size
        if size > MAX_BYTES:
            doc = YamlDocument(path=path, source="")
            doc.findings.append(finding(
                "Y008", path, 1, 1,
                _("file is {size} bytes; record files are limited to {max} bytes").format(
                    size=size, max=MAX_BYTES)))
            return doc
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        doc = YamlDocument(path=path, source="")
        doc.findings.append(finding("Y012", path, 1, 1, _("cannot read file: {reason}").format(
            reason=exc.strerror)))
        return doc
    return raw


def parse_bytes(path: Path, raw: bytes) -> YamlDocument:
    """Decode and parse a record file's bytes; every failure becomes a finding."""
    text = decode_record(path, raw)
    if isinstance(text, Finding):
        doc = YamlDocument(path=path, source="")
        doc.findings.append(text)
        return doc
    return parse_text(path, text)


def read_file(path: Path) -> YamlDocument:
    """Read and parse one record file; every failure becomes a finding on the document."""
    raw = read_raw(path)
    return raw if isinstance(raw, YamlDocument) else parse_bytes(path, raw)
